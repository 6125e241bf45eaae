#!/usr/bin/python3
"""Ranking quality: nDCG@10 and MAP of newsdex and its peers on Cranfield and CISI.

    ranking_eval.py BINDIR [--newsdex LABEL=BINDIR]... [--variant LABEL=ARGS]...
                    [--corpora DIR] [--work DIR] [--collection NAME]... [--depth N]

BINDIR holds the newsdex-index and newsdex-search to evaluate ("newsdex").
--newsdex adds other builds (e.g. the commit before a change); --variant adds
runs of BINDIR's search with extra options on the same index (e.g.
"bm25-1.2-0.75=--bm25 1.2,0.75").  Work files go to --work (default
/tmp/newsdex-ranking; never the repo): the JSON Lines inputs, the databases,
the batch files and one TREC run file per tool and collection (docid ranks,
for cross-checking with trec_eval).  Prints one Markdown table.

Method (bench/README-ranking.md):
  - documents: id, title (.T) and text (.W); other fields (.A, .B, .X, .K) are
    left out.  A field that appears twice in a record (three damaged Cranfield
    records) is concatenated.
  - queries: the .W text; every character that is not a letter or a digit
    becomes a space and the text is lower-cased (so no tool reads query syntax
    into it: "-", ":", "(", "AND"), then every tool ORs the words - newsdex
    with --match any.
  - judgments: Cranfield codes 1-4 are relevant (code -1 is ignored), gain
    5 - code for nDCG (1 "complete answer" -> 4 ... 4 "minimum interest" -> 1);
    CISI pairs are relevant with gain 1.  Queries are numbered as the qrels do
    (Cranfield: the n-th query of cran.qry is query n).  Only queries with at
    least one relevant document count (Cranfield 225, CISI 76).
  - metrics as trec_eval computes them (ndcg_cut.10 and map, averaged over
    every judged query, -c): the run is sorted by score, ties by docid
    descending; nDCG@10 = DCG@10 / ideal DCG@10 with gain / log2(rank + 1), the
    ideal ranking made of all judged documents; AP = sum of precision at each
    relevant document retrieved (top --depth, default 1000) / number relevant.

Must run under /usr/bin/python3 (the Debian python3-xapian module).
"""
import argparse
import json
import math
import os
import re
import sqlite3
import subprocess
import sys

import xapian

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import fts5  # noqa: E402  (the FTS5 peer of bench/run.sh: its indexing)
import xapian_lib  # noqa: E402  (the Xapian library peer: indexing, parser)

REPO = os.path.dirname(HERE)


# --- the collections --------------------------------------------------------

def read_records(path):
    """SMART-format records: {".I": id, ".T": text, ...}, repeated fields joined."""
    records, record, field = [], None, None
    marker = re.compile(r"^\.([A-Z])(?:\s+(\S+))?\s*$")
    with open(path, encoding="latin-1") as f:
        for line in f:
            m = marker.match(line.rstrip("\n"))
            if m and m.group(1) == "I":
                record, field = {"I": m.group(2), "_order": len(records)}, None
                records.append(record)
            elif m and m.group(2) is None:
                field = m.group(1)
                record.setdefault(field, "")
            elif record is not None and field is not None:
                record[field] += line
    return records


def flat(text):
    return " ".join(text.split())


def query_words(text):
    """The query as every tool gets it: letters and digits, lower case."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.lower()).split())


def cranfield(corpora):
    d = os.path.join(corpora, "cranfield")
    docs = [{"id": r["I"], "title": flat(r.get("T", "")), "text": flat(r.get("W", ""))}
            for r in read_records(os.path.join(d, "cran.all.1400"))]
    # cranqrel numbers the queries 1..225 in file order, not by their .I.
    queries = {str(n + 1): query_words(r.get("W", ""))
               for n, r in enumerate(read_records(os.path.join(d, "cran.qry")))}
    qrels = {}
    with open(os.path.join(d, "cranqrel")) as f:
        for line in f:
            q, doc, code = line.split()
            if 1 <= int(code) <= 4:
                qrels.setdefault(q, {})[doc] = 5 - int(code)
    return docs, queries, qrels


def cisi(corpora):
    d = os.path.join(corpora, "cisi")
    docs = [{"id": r["I"], "title": flat(r.get("T", "")), "text": flat(r.get("W", ""))}
            for r in read_records(os.path.join(d, "CISI.ALL"))]
    queries = {r["I"]: query_words(r.get("W", ""))
               for r in read_records(os.path.join(d, "CISI.QRY"))}
    qrels = {}
    with open(os.path.join(d, "CISI.REL")) as f:
        for line in f:
            q, doc = line.split()[:2]
            qrels.setdefault(q, {})[doc] = 1
    return docs, queries, qrels


COLLECTIONS = {"cranfield": cranfield, "cisi": cisi}


# --- the metrics (trec_eval's map and ndcg_cut.10) ---------------------------

def trec_order(run):
    """[(docid, score)] sorted as trec_eval sorts a run: score, then docid, both descending."""
    return [d for d, _ in sorted(run, key=lambda p: (p[1], p[0]), reverse=True)]


def ndcg_at(ranking, judged, k=10):
    dcg = sum(judged.get(d, 0) / math.log2(i + 2) for i, d in enumerate(ranking[:k]))
    ideal = sorted(judged.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def average_precision(ranking, judged):
    relevant = {d for d, g in judged.items() if g > 0}
    found, total = 0, 0.0
    for i, d in enumerate(ranking):
        if d in relevant:
            found += 1
            total += found / (i + 1)
    return total / len(relevant) if relevant else 0.0


def evaluate(runs, qrels):
    """Mean nDCG@10 and MAP over the judged queries; a query without a run scores 0."""
    judged = [q for q in qrels if any(g > 0 for g in qrels[q].values())]
    ndcg = sum(ndcg_at(trec_order(runs.get(q, [])), qrels[q]) for q in judged) / len(judged)
    ap = sum(average_precision(trec_order(runs.get(q, [])), qrels[q]) for q in judged) / len(judged)
    return ndcg, ap, len(judged)


def write_trec_run(path, runs, tag):
    with open(path, "w") as f:
        for q in sorted(runs, key=int):
            for rank, (d, s) in enumerate(sorted(runs[q], key=lambda p: (p[1], p[0]), reverse=True)):
                f.write("%s Q0 %s %d %.6f %s\n" % (q, d, rank + 1, s, tag))


# --- the tools ---------------------------------------------------------------

def newsdex_index(bindir, articles, db):
    # --keep-duplicates: the collections hold a few identical abstracts, which
    # the peers index too.  Exit status 1 is expected on Cranfield: records 471
    # and 995 are empty, which newsdex reports and skips (the peers index them
    # as empty documents, which no query matches).
    done = subprocess.run([os.path.join(bindir, "newsdex-index"), "--db", db, "--quiet",
                           "--keep-duplicates", articles], stdout=subprocess.DEVNULL)
    if done.returncode not in (0, 1):
        sys.exit("newsdex-index failed on %s" % articles)


def newsdex_runs(bindir, db, queries, depth, extra, batch_path):
    with open(batch_path, "w", encoding="utf-8") as f:
        for q, text in queries.items():
            f.write("%s\t%s\n" % (q, text))
    argv = ([os.path.join(bindir, "newsdex-search"), "--db", db, "--batch", batch_path,
             "--match", "any", "--limit", str(depth), "--no-collapse"] + extra)
    out = subprocess.run(argv, capture_output=True, text=True)
    if out.returncode == 2:
        sys.exit("newsdex-search failed: %s\n%s" % (" ".join(argv), out.stdout[-2000:] + out.stderr[-2000:]))
    runs = {}
    for line in out.stdout.splitlines():
        answer = json.loads(line)
        runs[answer["id"]] = [(h["id"], h["score"]) for h in answer.get("hits", [])]
    return runs


def xapian_runs(db_path, queries, depth, weight, id_of_docid):
    db = xapian.Database(db_path)
    qp = xapian_lib.make_parser(db)
    qp.set_default_op(xapian.Query.OP_OR)
    enquire = xapian.Enquire(db)
    enquire.set_weighting_scheme(weight)
    runs = {}
    for q, text in queries.items():
        enquire.set_query(qp.parse_query(text))
        # xapian_lib.index() adds the articles in order: docid n is line n.
        runs[q] = [(id_of_docid[m.docid], m.weight) for m in enquire.get_mset(0, depth)]
    return runs


def xapian_plain_index(db_path, docs):
    """Title and text as unprefixed words only: what the issue's Xapian peer
    figures correspond to (xapian_lib.index() also adds the title under the
    prefix S, and those terms count in Xapian's document length)."""
    db = xapian.WritableDatabase(db_path, xapian.DB_CREATE_OR_OVERWRITE)
    tg = xapian.TermGenerator()
    tg.set_stemmer(xapian.Stem("english"))
    for d in docs:
        doc = xapian.Document()
        tg.set_document(doc)
        tg.index_text(d["title"])
        tg.increase_termpos()
        tg.index_text(d["text"])
        db.add_document(doc)
    db.commit()
    db.close()


def fts5_runs(db_path, queries, depth, id_of_rowid, weights):
    """fts5.py's table (title, body); bm25() with these column weights."""
    # fts5.index() inserts the articles in order: rowid n is line n.
    con = sqlite3.connect(db_path)
    sql = ("SELECT rowid, bm25(articles, %s) AS s FROM articles WHERE articles MATCH ? "
           "ORDER BY s LIMIT ?" % weights)
    runs = {}
    for q, text in queries.items():
        match = " OR ".join('"%s"' % w for w in text.split())
        # bm25() is lower-is-better; negate it so higher scores rank first.
        runs[q] = [(id_of_rowid[r], -s) for r, s in con.execute(sql, (match, depth))] if match else []
    return runs


# --- the run -----------------------------------------------------------------

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bindir", help="directory with newsdex-index and newsdex-search")
    ap.add_argument("--newsdex", action="append", default=[], metavar="LABEL=BINDIR",
                    help="another newsdex build to evaluate")
    ap.add_argument("--variant", action="append", default=[], metavar="LABEL=ARGS",
                    help="BINDIR's search with these extra options")
    ap.add_argument("--corpora", default=os.path.join(os.path.dirname(REPO), "shared", "corpora"))
    ap.add_argument("--work", default=os.environ.get("RANKING_WORK", "/tmp/newsdex-ranking"))
    ap.add_argument("--collection", action="append", choices=sorted(COLLECTIONS))
    ap.add_argument("--depth", type=int, default=1000, help="results per query (MAP depth)")
    ap.add_argument("--no-peers", action="store_true", help="newsdex runs only")
    args = ap.parse_args()

    builds = [("newsdex", os.path.abspath(args.bindir))]
    for spec in args.newsdex:
        label, _, path = spec.partition("=")
        builds.append((label, os.path.abspath(path)))
    variants = [(label, path, []) for label, path in builds]
    for spec in args.variant:
        label, _, extra = spec.partition("=")
        variants.append((label, builds[0][1], extra.split()))

    results = {}  # tool -> collection -> (ndcg, map, n)
    order = []
    for name in args.collection or ["cranfield", "cisi"]:
        docs, queries, qrels = COLLECTIONS[name](args.corpora)
        work = os.path.join(args.work, name)
        os.makedirs(work, exist_ok=True)
        articles = os.path.join(work, "articles.jsonl")
        with open(articles, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps(d, ensure_ascii=False) + "\n")

        def record(tool, runs):
            if tool not in order:
                order.append(tool)
            results.setdefault(tool, {})[name] = evaluate(runs, qrels)
            write_trec_run(os.path.join(work, re.sub(r"[^\w.-]", "_", tool) + ".run"), runs, tool)

        databases = {}
        for label, path, extra in variants:
            if path not in databases:
                db = os.path.join(work, "newsdex-%d.db" % len(databases))
                subprocess.run(["rm", "-rf", db], check=True)
                newsdex_index(path, articles, db)
                databases[path] = db
            record(label, newsdex_runs(path, databases[path], queries, args.depth, extra,
                                       os.path.join(work, "queries.tsv")))
        if args.no_peers:
            continue
        id_of_line = {i + 1: d["id"] for i, d in enumerate(docs)}
        xdb = os.path.join(work, "xapian-lib.db")
        xapian_lib.index(xdb, articles)
        record("xapian-lib BM25 defaults", xapian_runs(xdb, queries, args.depth, xapian.BM25Weight(), id_of_line))
        record("xapian-lib BM25 k1=1.2 b=0.75",
               xapian_runs(xdb, queries, args.depth, xapian.BM25Weight(1.2, 0, 1, 0.75, 0.5), id_of_line))
        pdb = os.path.join(work, "xapian-plain.db")
        xapian_plain_index(pdb, docs)
        record("xapian title+text BM25 defaults",
               xapian_runs(pdb, queries, args.depth, xapian.BM25Weight(), id_of_line))
        record("xapian title+text BM25 k1=1.2 b=0.75",
               xapian_runs(pdb, queries, args.depth, xapian.BM25Weight(1.2, 0, 1, 0.75, 0.5), id_of_line))
        fdb = os.path.join(work, "fts5.sqlite")
        fts5.index(fdb, articles)
        record("fts5 bm25", fts5_runs(fdb, queries, args.depth, id_of_line, "1.0, 1.0"))
        record("fts5 bm25 title x3", fts5_runs(fdb, queries, args.depth, id_of_line, "3.0, 1.0"))

    names = args.collection or ["cranfield", "cisi"]
    print("| tool | " + " | ".join("%s nDCG@10 | %s MAP" % (n, n) for n in names) + " |")
    print("|---|" + "---:|---:|" * len(names))
    for tool in order:
        cells = []
        for n in names:
            ndcg, ap, _ = results[tool].get(n, (float("nan"),) * 3)
            cells += ["%.3f" % ndcg, "%.3f" % ap]
        print("| %s | %s |" % (tool, " | ".join(cells)))
    print("\njudged queries: " + ", ".join("%s %d" % (n, next(iter(results.values()))[n][2]) for n in names))


if __name__ == "__main__":
    main()
