#!/usr/bin/python3
"""Turn the shared corpora into one common JSON Lines file per benchmark corpus.

Every contestant reads the articles from this one file (omindex from a file
tree made from it by make_files.py), so all tools index the same articles
with the same title, text and date.  Output lines: {"id", "date" (YYYY-MM-DD),
"title", "text", and "url" when the corpus has one}.

    prepare.py CORPORA_DIR OUT_DIR [--quick]

Writes OUT_DIR/<name>.jsonl for reuters21578, headlines-250k, headlines-830k,
speeches (quick mode: small subsets, same names).  Files already present are
kept: preparing is deterministic, so re-runs reuse them.
"""
import gzip
import html
import itertools
import json
import os
import re
import sys

MONTHS = {m: i + 1 for i, m in enumerate(
    "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}

# Quick mode keeps the pipeline identical but small enough for a smoke run.
QUICK_LIMITS = {"reuters21578": 3000, "headlines-250k": 20000,
                "headlines-830k": 40000, "speeches": 400}


def reuters(corpora):
    """Reuters-21578 SGML -> the 20,841 <REUTERS> items that have a <TITLE>.

    The 737 TYPE="UNPROC" items have neither title nor body and are skipped.
    Files are read as Latin-1: reut2-017.sgm holds a non-UTF-8 byte.
    """
    d = os.path.join(corpora, "reuters21578")
    item_re = re.compile(r"<REUTERS[^>]*NEWID=\"(\d+)\"[^>]*>(.*?)</REUTERS>", re.S)
    for name in sorted(os.listdir(d)):
        if not (name.startswith("reut2-") and name.endswith(".sgm")):
            continue
        with open(os.path.join(d, name), encoding="latin-1") as f:
            sgml = f.read()
        for m in item_re.finditer(sgml):
            newid, item = m.group(1), m.group(2)
            title = re.search(r"<TITLE>(.*?)</TITLE>", item, re.S)
            if not title:
                continue
            body = re.search(r"<BODY>(.*?)</BODY>", item, re.S)
            date = re.search(r"<DATE>\s*(\d+)-([A-Z]{3})-(\d{4})", item)
            yield {
                "id": "reuters-" + newid,
                "date": "%s-%02d-%02d" % (date.group(3), MONTHS[date.group(2)],
                                          int(date.group(1))) if date else None,
                "title": clean(title.group(1)),
                "text": clean(body.group(1)) if body else "",
            }


def clean(s):
    # Bodies end with the SGML "&#3;" end-of-text marker; entities like &lt;
    # are decoded so every tool sees the same plain text.
    s = s.replace("&#3;", "")
    return html.unescape(s).strip()


def headlines(corpora):
    """reuters.com headlines of 2013 in file order (title only, no body)."""
    path = os.path.join(corpora, "reuters-headlines", "reuters-headlines-2013.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            yield {"id": r["id"], "date": r["date"], "title": r["title"],
                   "text": "", "url": r["url"]}


def speeches(corpora):
    """UN General Debate speeches 2000-2024.

    Only the year is known; the General Debate opens in the second half of
    September, so every speech is dated 20 September of its year.
    """
    path = os.path.join(corpora, "un-general-debates", "ungdc-2000-2024.jsonl.gz")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            yield {"id": "ungd-" + r["id"], "date": "%d-09-20" % r["year"],
                   "title": "%s statement to the UN General Debate, session %d (%d)"
                            % (r["country_iso"], r["session"], r["year"]),
                   "text": r["text"]}


CORPORA = {
    "reuters21578": lambda c: reuters(c),
    "headlines-250k": lambda c: itertools.islice(headlines(c), 250000),
    "headlines-830k": lambda c: headlines(c),
    "speeches": lambda c: speeches(c),
}


def main():
    corpora, out = sys.argv[1], sys.argv[2]
    quick = "--quick" in sys.argv[3:]
    os.makedirs(out, exist_ok=True)
    for name, gen in CORPORA.items():
        path = os.path.join(out, name + ".jsonl")
        if os.path.exists(path):
            continue
        articles = gen(corpora)
        if quick:
            articles = itertools.islice(articles, QUICK_LIMITS[name])
        tmp = path + ".tmp"
        n = 0
        with open(tmp, "w", encoding="utf-8") as f:
            for a in articles:
                f.write(json.dumps(a, ensure_ascii=False) + "\n")
                n += 1
        os.replace(tmp, path)
        print("prepared %s: %d articles" % (path, n), file=sys.stderr)


if __name__ == "__main__":
    main()
