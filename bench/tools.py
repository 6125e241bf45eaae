"""The contestants: how each one indexes a corpus and answers a query.

Every tool gets the same prepared articles (ARTICLES.jsonl from prepare.py
or scalegen.py; omindex gets the file tree make_files.py writes from it) and
the same query rows (class, from, to, words).  A tool answers three things:

    index_cmd(articles, db)        argv that builds a fresh database
    single_cmd(db, row, variant)   argv that answers one query in its own process
    batch(db, rows, variant, jobs) (argv, parse) for one process answering all
                                   rows; parse(stdout) -> per-query ms

Variants: "plain" (top 10) for everyone; newsdex also "facets" (top 10 with
--facets actor,month) and "nosnip" (top 10 with --no-snippets: what the
Xapian library script and quest print, stored data without a snippet).  A
method returning None means "not supported".
"""
import datetime
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
PY = "/usr/bin/python3"  # the Debian python: it has the xapian module


class Newsdex:
    name = "newsdex"
    variants = ("plain", "facets", "nosnip")
    batch_jobs = (1, 2)

    def __init__(self, bindir):
        self.index_bin = os.path.join(bindir, "newsdex-index")
        self.search_bin = os.path.join(bindir, "newsdex-search")

    def index_cmd(self, articles, db):
        # --keep-duplicates: every tool then holds the same documents (the
        # headlines repeat titles; the peers don't deduplicate).
        return [self.index_bin, "--db", db, "--quiet", "--summary-json",
                "--keep-duplicates", articles]

    def _variant(self, variant):
        return {"facets": ["--facets", "actor,month"], "nosnip": ["--no-snippets"]}.get(variant, [])

    def single_cmd(self, db, row, variant):
        _, lo, hi, words = row
        dates = ["--from", lo, "--to", hi] if lo != "-" else []
        return ([self.search_bin, "--db", db, "--format", "jsonl"]
                + self._variant(variant) + dates + words.split())

    def batch(self, db, rows, variant, jobs, path):
        # --from/--to would apply to the whole batch, so per-query ranges go
        # in the query text as date:FROM..TO (the same filter internally).
        with open(path, "w", encoding="utf-8") as f:
            for i, (_, lo, hi, words) in enumerate(rows):
                q = words if lo == "-" else "date:%s..%s %s" % (lo, hi, words)
                f.write("%d\t%s\n" % (i, q))
        argv = ([self.search_bin, "--db", db, "--batch", path, "--jobs", str(jobs)]
                + self._variant(variant))

        def parse(out):
            # elapsed_ms is newsdex's own per-query search time.
            return [json.loads(line)["elapsed_ms"] for line in out.splitlines() if line]
        return argv, parse


class PythonPeer:
    """xapian_lib.py and fts5.py share one command-line shape."""
    variants = ("plain",)
    batch_jobs = (1,)

    def index_cmd(self, articles, db):
        return [PY, os.path.join(HERE, self.script), "index", db, articles]

    def single_cmd(self, db, row, variant):
        _, lo, hi, words = row
        return [PY, os.path.join(HERE, self.script), "search", db, lo, hi] + words.split()

    def batch(self, db, rows, variant, jobs, path):
        with open(path, "w", encoding="utf-8") as f:
            for _, lo, hi, words in rows:
                f.write("%s\t%s\t%s\n" % (lo, hi, words))
        argv = [PY, os.path.join(HERE, self.script), "batch", db, path]
        return argv, lambda out: [float(x) for x in out.split()]


class XapianLib(PythonPeer):
    name = "xapian-lib"
    script = "xapian_lib.py"


class Fts5(PythonPeer):
    name = "fts5"
    script = "fts5.py"


def date_tiles(lo, hi):
    """The fewest whole years, months and days that cover [lo, hi] exactly,
    as omega date-term suffixes (YYYY, YYYYMM, YYYYMMDD)."""
    d, end = datetime.date.fromisoformat(lo), datetime.date.fromisoformat(hi)
    out = []
    while d <= end:
        year_end = datetime.date(d.year, 12, 31)
        next_month = (datetime.date(d.year + 1, 1, 1) if d.month == 12
                      else datetime.date(d.year, d.month + 1, 1))
        if d.month == 1 and d.day == 1 and year_end <= end:
            out.append("%04d" % d.year)
            d = year_end + datetime.timedelta(days=1)
        elif d.day == 1 and next_month - datetime.timedelta(days=1) <= end:
            out.append("%04d%02d" % (d.year, d.month))
            d = next_month
        else:
            out.append(d.strftime("%Y%m%d"))
            d += datetime.timedelta(days=1)
    return out


class Omega:
    """omindex over one file per article; quest answers queries.

    omindex adds D/M/Y date terms from each file's mtime.  quest has no date
    option, but a boolean prefix "date" mapped to D, M and Y makes
    date:198703 match M198703, and repeated date: filters are ORed - the same
    year/month/day tiling newsdex uses.  quest has no batch mode.
    """
    name = "omindex"
    variants = ("plain",)
    batch_jobs = ()

    def index_cmd(self, files_dir, db):
        # -M txt:text/plain: skip libmagic; every file is plain text.
        return ["omindex", "--db", db, "--url", "/", "--overwrite",
                "-M", "txt:text/plain", files_dir]

    def single_cmd(self, db, row, variant):
        _, lo, hi, words = row
        q = words
        if lo != "-":
            q += " " + " ".join("date:" + t for t in date_tiles(lo, hi))
        return ["quest", "-d", db, "-m", "10", "-o", "and",
                "-b", "date:D", "-b", "date:M", "-b", "date:Y", q]

    def batch(self, db, rows, variant, jobs, path):
        return None
