#!/usr/bin/python3
"""What each part of a newsdex document costs Xapian to write.

The Xapian library peer's documents (xapian_lib.py: title with prefix S and
unprefixed, text, stored data, a Q term) plus, one variant at a time, what
newsdex adds: its value slots, the MinHash signature value, eight
near-unique band terms (schema 3's XB terms), and the date/language/group
terms. Documents are built first; only add_document + commit is timed
(process CPU), so the figures are Xapian's write cost alone.

    doc_cost.py ARTICLES.jsonl [N]      e.g. the prepared reuters21578.jsonl

Prints one line per variant. Measured on 2026-11-21 (bench/README.md): the
band terms +19 % on reuters21578, +29 % on 100k headlines; the values,
signature and date terms +0-16 % together. Must run under /usr/bin/python3
(the Debian python3-xapian module).
"""
import json
import random
import shutil
import sys
import tempfile
import time

import xapian

VARIANTS = ("base", "values", "signature", "bands", "dates", "values+signature+bands+dates")


def build(articles, variant, tg, rnd):
    docs = []
    for a in articles:
        d = xapian.Document()
        tg.set_document(d)
        tg.index_text(a["title"], 1, "S")
        tg.index_text(a["title"])
        tg.increase_termpos()
        tg.index_text(a["text"])
        d.set_data(a["title"] + "\n" + a["text"])
        d.add_boolean_term("Q" + a["id"])
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


def main():
    path = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else None
    with open(path, encoding="utf-8") as f:
        articles = [json.loads(line) for i, line in enumerate(f) if n is None or i < n]
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    base = None
    for variant in VARIANTS:
        docs = build(articles, variant, tg, random.Random(1))
        scratch = tempfile.mkdtemp(prefix="doc_cost-")
        try:
            db = xapian.WritableDatabase(scratch, xapian.DB_CREATE_OR_OVERWRITE)
            started = time.process_time()
            for d in docs:
                db.add_document(d)
            db.commit()
            cpu = time.process_time() - started
            db.close()
        finally:
            shutil.rmtree(scratch)
        base = base or cpu
        print("%-32s add+commit CPU %6.1f s  %+5.0f %%" % (variant, cpu, 100 * (cpu / base - 1)))


if __name__ == "__main__":
    main()
