#!/usr/bin/python3
"""Generate N realistic news articles for the scale curve (10k -> 100k -> 1M).

    scalegen.py CORPORA_DIR REPO_DIR OUT.jsonl --n 1000000 [--seed 4]

Articles are built from real text, so term statistics look like news:
titles are real 2013 Reuters headlines, bodies are 2-6 sentences resampled
from Reuters-21578 bodies and UN General Debate speeches.  Most articles
open with a lead sentence naming actors and places drawn from our
gazetteers (REPO_DIR/corpus/actors.tsv and places.tsv, Zipf-weighted so a
few dominate as in real coverage), which gives the actor facet real work.
Dates are uniform over 2010-01-01 .. 2025-12-31.

One seeded generator writes articles in order, so the first 10,000 lines of
the 1M file are exactly the 10k set: subsets are made with `head`.
"""
import argparse
import datetime
import gzip
import json
import os
import random
import re

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")
LEADS = [
    "{a} fighters attacked positions near {p} on {day}, local officials said.",
    "Residents of {p} reported heavy clashes between {a} and {b} overnight.",
    "{a} said it had taken control of several villages around {p}.",
    "The situation in {p} remained tense after {a} moved into the area.",
    "Talks between {a} and {b} were held in {p} this week, diplomats said.",
    "{a} accused {b} of killing civilians in {p}.",
    "A convoy of {a} was ambushed on the road between {p} and {q}.",
    "Thousands have fled {p} since {a} and {b} began fighting over {q}.",
]
DAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
SOURCES = ["sahel-monitor.example", "bamako-daily.example", "wire.example",
           "afrique-news.example", "mopti-info.example", "gao-hebdo.example",
           "westafrica-report.example", "niger-observer.example"]


def gazetteer(path):
    """All names (canonical and aliases) of each entry, one list per entry."""
    entries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            names = [cols[0]] + [a for a in (cols[2].split("|") if len(cols) > 2 else []) if a]
            entries.append(names)
    return entries


def sentences(text):
    text = " ".join(text.split())
    return [s for s in SENTENCE_END.split(text) if 30 <= len(s) <= 400]


def load_pools(corpora):
    pool = []
    d = os.path.join(corpora, "reuters21578")
    for name in sorted(os.listdir(d)):
        if name.endswith(".sgm"):
            with open(os.path.join(d, name), encoding="latin-1") as f:
                for body in re.findall(r"<BODY>(.*?)</BODY>", f.read(), re.S):
                    pool += sentences(body.replace("&#3;", "").replace("&lt;", "<"))
    with gzip.open(os.path.join(corpora, "un-general-debates",
                                "ungdc-2000-2024.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            pool += sentences(json.loads(line)["text"])
    titles = []
    with gzip.open(os.path.join(corpora, "reuters-headlines",
                                "reuters-headlines-2013.jsonl.gz"), "rt", encoding="utf-8") as f:
        for line in f:
            titles.append(json.loads(line)["title"])
    return pool, titles


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("corpora")
    ap.add_argument("repo")
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=1000000)
    ap.add_argument("--seed", type=int, default=4)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    pool, titles = load_pools(args.corpora)
    actors = gazetteer(os.path.join(args.repo, "corpus", "actors.tsv"))
    places = gazetteer(os.path.join(args.repo, "corpus", "places.tsv"))
    # Zipf-like weights: the k-th entry is mentioned about 1/k as often.
    aw = [1 / (k + 1) for k in range(len(actors))]
    pw = [1 / (k + 1) for k in range(len(places))]
    start = datetime.date(2010, 1, 1).toordinal()
    days = datetime.date(2025, 12, 31).toordinal() - start + 1

    def name(entries, weights):
        return rng.choice(rng.choices(entries, weights)[0])

    tmp = args.out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for i in range(args.n):
            body = [rng.choice(pool) for _ in range(rng.randint(2, 6))]
            if rng.random() < 0.7:
                body.insert(0, rng.choice(LEADS).format(
                    a=name(actors, aw), b=name(actors, aw), p=name(places, pw),
                    q=name(places, pw), day=rng.choice(DAYS)))
            if rng.random() < 0.3:
                body.insert(rng.randint(1, len(body)), "Officials in %s confirmed the report."
                            % name(places, pw))
            date = datetime.date.fromordinal(start + rng.randrange(days)).isoformat()
            src = rng.choice(SOURCES)
            f.write(json.dumps({
                "id": "scale-%07d" % i, "date": date, "title": rng.choice(titles),
                "text": " ".join(body), "url": "https://%s/%d" % (src, i)},
                ensure_ascii=False) + "\n")
    os.replace(tmp, args.out)


if __name__ == "__main__":
    main()
