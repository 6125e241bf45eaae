#!/usr/bin/python3
"""The SQLite FTS5 peer: porter unicode61 tokenizer, bm25 ranking.

One FTS5 table holds title and text (both indexed) and the date as an
UNINDEXED column, so a date-ranged query is a plain column condition.  Rows
are inserted in one transaction, as a bulk loader would.

    fts5.py index DB ARTICLES.jsonl
    fts5.py search DB FROM TO QUERY    one query, prints the top 10
    fts5.py batch DB QUERIES.tsv       all queries in one process; per-query ms

Query words are quoted and joined by spaces (implicit AND in FTS5), the same
semantics as newsdex's default --match all.  bm25(articles, 3.0, 1.0) weighs
title hits three times, like newsdex.
"""
import json
import os
import sqlite3
import sys
import time


def index(db_path, articles):
    if os.path.exists(db_path):
        os.remove(db_path)
    con = sqlite3.connect(db_path)
    con.execute("CREATE VIRTUAL TABLE articles USING fts5("
                "title, body, date UNINDEXED, tokenize='porter unicode61')")
    with open(articles, encoding="utf-8") as f, con:
        con.executemany(
            "INSERT INTO articles(title, body, date) VALUES (?, ?, ?)",
            ((a["title"], a["text"], a.get("date") or "")
             for a in map(json.loads, f)))
    con.close()


# A plain results page: id, title and the opening of the text (no snippets,
# like the Xapian reference, which returns the stored data).
SQL = ("SELECT rowid, title, substr(body, 1, 200) "
       "FROM articles WHERE articles MATCH ?{} ORDER BY bm25(articles, 3.0, 1.0) LIMIT 10")


def fts_query(text):
    # Quote each word so FTS5 syntax characters in words are taken literally.
    return " ".join('"%s"' % w.replace('"', '""') for w in text.split())


def run_query(con, text, date_from, date_to):
    if date_from == "-":
        return con.execute(SQL.format(""), (fts_query(text),)).fetchall()
    return con.execute(SQL.format(" AND date BETWEEN ? AND ?"),
                       (fts_query(text), date_from, date_to)).fetchall()


def search(db_path, date_from, date_to, text):
    con = sqlite3.connect(db_path)
    for rowid, title, opening in run_query(con, text, date_from, date_to):
        print(rowid, title)


def batch(db_path, queries):
    con = sqlite3.connect(db_path)
    with open(queries, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    for date_from, date_to, text in rows:
        t0 = time.perf_counter()
        run_query(con, text, date_from, date_to)
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
        sys.exit("usage: fts5.py index|search|batch ...")
