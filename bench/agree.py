#!/usr/bin/python3
"""Check that the contestants answer the benchmark queries alike.

    agree.py DB_DIR QUERIES.tsv NEWSDEX_SEARCH [N]

DB_DIR holds the databases measure.py built for one corpus (newsdex,
omindex, xapian-lib, fts5).  For the first N queries (default 20) prints the
exact number of matches each tool finds.  newsdex, quest and the Xapian
library should agree exactly (same Snowball stemmer, same AND, the same date
range); FTS5's Porter stemmer differs on a few words.  A benchmark whose
tools answered different questions would measure nothing.
"""
import os
import sqlite3
import subprocess
import sys

import xapian

import fts5
import tools
import xapian_lib


def main():
    d, qfile, newsdex = sys.argv[1:4]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    with open(qfile, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f if line.strip()][:n]
    xdb = xapian.Database(os.path.join(d, "xapian-lib"))
    con = sqlite3.connect(os.path.join(d, "fts5"))
    disagree = 0
    for c, lo, hi, words in rows:
        dates = ["--from", lo, "--to", hi] if lo != "-" else []
        nd = int(subprocess.run([newsdex, "--db", os.path.join(d, "newsdex"), "--count"]
                                + dates + words.split(), capture_output=True, text=True).stdout)
        q = xapian_lib.build_query(xapian_lib.make_parser(xdb), words, lo, hi)
        enq = xapian.Enquire(xdb)
        enq.set_query(q)
        xl = enq.get_mset(0, 0, xdb.get_doccount()).get_matches_estimated()
        sql = "SELECT count(*) FROM articles WHERE articles MATCH ?"
        args = (fts5.fts_query(words),)
        if lo != "-":
            sql, args = sql + " AND date BETWEEN ? AND ?", args + (lo, hi)
        ft = con.execute(sql, args).fetchone()[0]
        argv = tools.Omega().single_cmd(os.path.join(d, "omindex"), (c, lo, hi, words), "plain")
        out = subprocess.run(argv + ["-c", "10000000"], capture_output=True, text=True).stdout
        qu = next((line for line in out.splitlines() if "matches" in line), "?")
        same = nd == xl and ("Exactly %d " % nd) in qu
        disagree += not same
        print("%-6s %-23s %-40s newsdex %6d  xapian-lib %6d  quest %-22s fts5 %6d%s" % (
            c, "" if lo == "-" else lo + ".." + hi, words, nd, xl, qu, ft,
            "" if same else "   <- differs"))
    print("%d of %d queries differ between newsdex, quest and xapian-lib" % (disagree, len(rows)))


if __name__ == "__main__":
    main()
