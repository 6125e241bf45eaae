#!/usr/bin/python3
"""A fixed, seeded query set for one corpus, picked by document frequency.

    queries.py ARTICLES.jsonl OUT.tsv [--n 100] [--seed 4] [--sample 100000]

Each query is 1-3 words of one frequency class - rare (df 0.02-0.2 % of
documents), medium (0.2-2 %) or common (2-20 %) - taken from one randomly
chosen article, so that the AND of the words matches something.  A quarter
of the queries carry a date range that contains that article's date (a
window of 2-30 % of the corpus's span), so date-ranged queries are not empty
either.  Stop words and numbers are never picked.

Output, one query a line: class <TAB> from <TAB> to <TAB> words, with "-"
for no date range.  The same seed and input always give the same file.
"""
import argparse
import collections
import datetime
import json
import random
import re

WORD = re.compile(r"[a-z]{3,}")
STOP = set("""a about above after again against all also am an and any are as at
be because been before being below between both but by can could did do does
doing down during each few for from further had has have having he her here hers
him his how i if in into is it its itself just me more most my no nor not now of
off on once only or other our ours out over own said same says she should so some
such than that the their theirs them then there these they this those through to
too under until up upon very was we were what when where which while who whom why
will with would you your yours new one two three mln pct year years reuter reuters
near""".split())
CLASSES = {"rare": (0.0002, 0.002), "medium": (0.002, 0.02), "common": (0.02, 0.2)}


def words_of(article):
    text = (article["title"] + " " + article["text"]).lower()
    return {w for w in WORD.findall(text) if w not in STOP}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("articles")
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--sample", type=int, default=100000,
                    help="articles read to estimate document frequencies")
    args = ap.parse_args()
    rng = random.Random(args.seed)

    # The first --sample articles estimate df well enough for picking classes
    # and keep this fast on the 830k and 1M sets.
    docs = []
    with open(args.articles, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            docs.append((a.get("date"), words_of(a)))
            if len(docs) >= args.sample:
                break
    df = collections.Counter(w for _, ws in docs for w in ws)
    n_docs = len(docs)
    klass = {}
    for w, c in df.items():
        for name, (lo, hi) in CLASSES.items():
            if lo * n_docs <= c < hi * n_docs and c >= 2:
                klass[w] = name
    dates = sorted(d for d, _ in docs if d)
    first = datetime.date.fromisoformat(dates[0])
    span = (datetime.date.fromisoformat(dates[-1]) - first).days + 1

    plan = [(name, rng.randint(1, 3), i % 4 == 3)
            for i, name in zip(range(args.n), list(CLASSES) * args.n)]
    rng.shuffle(plan)
    out = []
    for name, n_words, dated in plan:
        for _ in range(1000):
            date, ws = rng.choice(docs)
            pool = sorted(w for w in ws if klass.get(w) == name)
            if len(pool) >= n_words and (date or not dated):
                break
        else:  # no article had that many words of the class: take fewer
            n_words = max(1, len(pool))
        words = rng.sample(pool, min(n_words, len(pool)))
        lo = hi = "-"
        if dated:
            d = datetime.date.fromisoformat(date)
            width = max(1, int(span * rng.uniform(0.02, 0.30)))
            start = d - datetime.timedelta(days=rng.randrange(width))
            lo = max(start, first).isoformat()
            hi = (start + datetime.timedelta(days=width - 1)).isoformat()
        out.append("\t".join([name, lo, hi, " ".join(words)]))
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
