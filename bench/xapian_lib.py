#!/usr/bin/python3
"""The raw-Xapian reference: what a short script on the Xapian library does.

Indexing follows Xapian's simpleindex example: one WritableDatabase, one
TermGenerator with the English stemmer (positions on, the default), the
title indexed with a prefix and unprefixed, the text stored as document data.
The date goes into value slot 0 as YYYYMMDD so date-ranged queries can use a
plain value range (Query.OP_VALUE_RANGE) - the usual library idiom.

    xapian_lib.py index DB ARTICLES.jsonl
    xapian_lib.py search DB FROM TO QUERY       one query, prints the top 10
    xapian_lib.py batch DB QUERIES.tsv          all queries in one process;
                                                prints per-query ms, one a line

Queries use AND between words (newsdex's default --match all); FROM/TO are
YYYY-MM-DD or "-" for no date filter.  Must run under /usr/bin/python3 (the
Debian python3-xapian module).
"""
import json
import sys
import time

import xapian


def make_termgenerator():
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    return tg


def document(tg, a):
    """The library peer's document for article @a (doc_cost.py builds on it)."""
    doc = xapian.Document()
    tg.set_document(doc)
    tg.index_text(a["title"], 1, "S")
    tg.index_text(a["title"])
    tg.increase_termpos()
    tg.index_text(a["text"])
    doc.set_data(a["title"] + "\n" + a["text"])
    if a.get("date"):
        doc.add_value(0, a["date"].replace("-", ""))
    doc.add_boolean_term("Q" + a["id"])
    return doc


def index(db_path, articles):
    db = xapian.WritableDatabase(db_path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = make_termgenerator()
    with open(articles, encoding="utf-8") as f:
        for line in f:
            # add_document like simpleindex: the cheapest write path (no
            # lookup of an existing ID), which makes this the stricter baseline.
            db.add_document(document(tg, json.loads(line)))
    db.commit()
    db.close()


def make_parser(db):
    qp = xapian.QueryParser()
    qp.set_stemmer(xapian.Stem("english"))
    qp.set_stemming_strategy(xapian.QueryParser.STEM_SOME)
    qp.set_database(db)
    qp.set_default_op(xapian.Query.OP_AND)
    return qp


def build_query(qp, text, date_from, date_to):
    q = qp.parse_query(text)
    if date_from != "-":
        q = xapian.Query(xapian.Query.OP_FILTER, q,
                         xapian.Query(xapian.Query.OP_VALUE_RANGE, 0,
                                      date_from.replace("-", ""),
                                      date_to.replace("-", "")))
    return q


def run_query(db, qp, enquire, text, date_from, date_to):
    enquire.set_query(build_query(qp, text, date_from, date_to))
    mset = enquire.get_mset(0, 10)
    # Fetch what a results page shows: each hit's stored data.
    return [(m.docid, m.weight, m.document.get_data()[:200]) for m in mset]


def search(db_path, date_from, date_to, text):
    db = xapian.Database(db_path)
    hits = run_query(db, make_parser(db), xapian.Enquire(db), text, date_from, date_to)
    for docid, weight, data in hits:
        print(docid, "%.3f" % weight, data.split(b"\n", 1)[0].decode("utf-8", "replace"))


def batch(db_path, queries):
    db = xapian.Database(db_path)
    qp, enquire = make_parser(db), xapian.Enquire(db)
    with open(queries, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    for date_from, date_to, text in rows:
        t0 = time.perf_counter()
        run_query(db, qp, enquire, text, date_from, date_to)
        print("%.4f" % ((time.perf_counter() - t0) * 1000))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "index":
        index(sys.argv[2], sys.argv[3])
    elif cmd == "search":
        search(sys.argv[2], sys.argv[3], sys.argv[4], " ".join(sys.argv[5:]))
    elif cmd == "batch":
        batch(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: xapian_lib.py index|search|batch ...")
