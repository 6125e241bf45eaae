#!/usr/bin/python3
"""What each part of a newsdex document costs Xapian to write.

The Xapian library peer's documents (xapian_lib.document(): title with
prefix S and unprefixed, text, stored data, date value, a Q term) plus, one variant at a time, what
newsdex adds: its value slots, the MinHash signature value, eight
near-unique band terms (schema 3's XB terms), and the date/language/group
terms. Documents are built first; only add_document + commit is timed
(process CPU), so the figures are Xapian's write cost alone.

    doc_cost.py ARTICLES.jsonl [N]      e.g. the prepared reuters21578.jsonl

Prints one line per variant. Measured on 2026-11-21 (bench/README.md): on
100k headlines the band terms were the largest extra (+29 %, +46 %); on
reuters21578 single runs scatter by +-20 %, more than any one extra costs.
Repeat runs before reading a difference. Must run under /usr/bin/python3
(the Debian python3-xapian module).
"""
import json
import random
import shutil
import sys
import tempfile
import time

import xapian

import xapian_lib

VARIANTS = ("base", "values", "signature", "bands", "dates", "values+signature+bands+dates")


def build(articles, variant, tg, rnd):
    docs = []
    for a in articles:
        d = xapian_lib.document(tg, a)
        if "values" in variant:  # actors, places, id, source, lang, hash, group
            for slot in (1, 2, 4, 5, 6, 7, 8):
                d.add_value(slot, a["id"] + "xx" if slot in (4, 8) else
                            "en" if slot == 6 else "%016x" % rnd.getrandbits(64))
        if "signature" in variant:  # 64 x 16-bit MinHash values
            d.add_value(9, bytes(rnd.getrandbits(8) for _ in range(128)))
        if "bands" in variant:  # near-unique, like LSH bands of distinct texts
            for band in range(8):
                d.add_boolean_term("XB%c%08x" % (97 + band, rnd.getrandbits(32)))
        if "dates" in variant:
            day = rnd.randint(1, 28)
            for term in ("Y2013", "M201301", "D201301%02d" % day, "Len", "XG" + a["id"]):
                d.add_boolean_term(term)
        docs.append(d)
    return docs


def write_cpu(docs):
    """Process CPU seconds of adding @docs to a fresh database and committing."""
    scratch = tempfile.mkdtemp(prefix="doc_cost-")
    try:
        db = xapian.WritableDatabase(scratch, xapian.DB_CREATE_OR_OVERWRITE)
        started = time.process_time()
        for d in docs:
            db.add_document(d)
        db.commit()
        cpu = time.process_time() - started
        db.close()
        return cpu
    finally:
        shutil.rmtree(scratch)


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else None
    with open(path, encoding="utf-8") as f:
        articles = [json.loads(line) for i, line in enumerate(f) if n is None or i < n]
    tg = xapian_lib.make_termgenerator()
    # One unmeasured pass first: the first write of a process pays for
    # growing its heap and warming the page cache.
    write_cpu(build(articles, "base", tg, random.Random(1)))
    base = None
    for variant in VARIANTS:
        cpu = write_cpu(build(articles, variant, tg, random.Random(1)))
        base = base or cpu
        print("%-32s add+commit CPU %6.1f s  %+5.0f %%" % (variant, cpu, 100 * (cpu / base - 1)))


if __name__ == "__main__":
    main()
