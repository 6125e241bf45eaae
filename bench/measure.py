#!/usr/bin/python3
"""Run the benchmark: prepare inputs, then index and query with every tool.

    measure.py --work DIR --bin NEWSDEX_BINDIR --raw OUT.json [--quick]
               [--corpus NAME]... [--runs 3] [--big-runs 1] [--repeat 5]

For each corpus and run, each tool (in an order rotated per run, so no tool
always runs first on a noisy machine) builds a fresh database under
/usr/bin/time (wall time, peak RSS), then answers the corpus's query set:
once per query as its own process, and as one batch process over the set
repeated --repeat times.  Raw figures (every latency) go to OUT.json;
report.py turns them into tables.  Queries run right after indexing, with
the database warm in the page cache, for every tool alike.
"""
import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import time

import tools

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
CORPORA = os.environ.get("NEWSDEX_CORPORA", os.path.join(os.path.dirname(REPO), "shared", "corpora"))
ALL_TOOLS = ("newsdex", "omindex", "xapian-lib", "fts5")
NO_OMEGA = ("newsdex", "xapian-lib", "fts5")  # 1M files for omindex is too slow


def log(msg):
    print(time.strftime("%H:%M:%S"), msg, file=sys.stderr, flush=True)


def corpus_plan(quick, runs, big_runs, xapian_1m):
    """(name, tools, runs, query source) for every corpus, in run order."""
    scale = [("scale-2k", 2000), ("scale-10k", 10000)] if quick else \
            [("scale-10k", 10000), ("scale-100k", 100000), ("scale-1m", 1000000)]
    plan = [("reuters21578", ALL_TOOLS, runs, "reuters21578"),
            ("headlines-250k", ALL_TOOLS, runs, "headlines-250k"),
            ("headlines-830k", ALL_TOOLS, big_runs, "headlines-830k"),
            ("speeches", ALL_TOOLS, runs, "speeches")]
    # One query set (from the smallest size) for the whole scale curve, so
    # every size answers the same queries.
    # At 1M the single-writer Python reference alone would take ~15-25 min on
    # this machine, so by default the 1M point is newsdex and FTS5 only.
    plan += [(name, NO_OMEGA if n < 1000000 or xapian_1m else ("newsdex", "fts5"),
              big_runs if n >= 1000000 else runs, scale[0][0])
             for name, n in scale]
    return plan, dict(scale)


def prepare(work, quick, plan, scale_sizes):
    data = os.path.join(work, "data")
    run([sys.executable, os.path.join(HERE, "prepare.py"), CORPORA, data]
        + (["--quick"] if quick else []))
    names = {p[0] for p in plan}
    wanted = [(name, n) for name, n in scale_sizes.items() if name in names]
    if wanted:
        biggest = max(n for _, n in scale_sizes.items())
        top = os.path.join(data, "scale-%d.jsonl" % biggest)
        if not os.path.exists(top):
            log("generating %d scale articles" % biggest)
            run([sys.executable, os.path.join(HERE, "scalegen.py"), CORPORA, REPO, top,
                 "--n", str(biggest)])
        for name, n in scale_sizes.items():
            path = os.path.join(data, name + ".jsonl")
            if n == biggest and not os.path.exists(path):
                os.link(top, path)
            elif not os.path.exists(path):  # the first n lines: see scalegen.py
                with open(top, encoding="utf-8") as src, open(path + ".tmp", "w") as dst:
                    for _, line in zip(range(n), src):
                        dst.write(line)
                os.replace(path + ".tmp", path)
    qdir = os.path.join(work, "queries")
    os.makedirs(qdir, exist_ok=True)
    for name, tool_names, _, qsrc in plan:
        qfile = os.path.join(qdir, qsrc + ".tsv")
        if not os.path.exists(qfile):
            run([sys.executable, os.path.join(HERE, "queries.py"),
                 os.path.join(data, qsrc + ".jsonl"), qfile] + (["--n", "40"] if quick else []))
        if "omindex" in tool_names:
            log("writing one file per article for omindex: " + name)
            run([sys.executable, os.path.join(HERE, "make_files.py"),
                 os.path.join(data, name + ".jsonl"), os.path.join(work, "files", name)])
    return data, qdir


def run(argv, **kw):
    return subprocess.run(argv, check=True, **kw)


def text_stats(articles):
    n = size = 0
    with open(articles, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            n += 1
            size += len(a["title"].encode()) + len(a["text"].encode())
    return n, size


def du_bytes(path):
    out = subprocess.run(["du", "-sb", path], capture_output=True, text=True).stdout
    return int(out.split()[0])


def measure_index(tool, src, db, scratch):
    if os.path.isdir(db):
        shutil.rmtree(db)
    elif os.path.exists(db):
        os.remove(db)
    tfile = os.path.join(scratch, "time.txt")
    argv = ["/usr/bin/time", "-f", "%e %M", "-o", tfile] + tool.index_cmd(src, db)
    t0 = time.perf_counter()
    p = subprocess.run(argv, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    with open(tfile) as f:
        _, rss_kb = f.read().split()[-2:]
    if p.returncode != 0:
        log("%s index exited %d: %s" % (tool.name, p.returncode, p.stderr[-2000:]))
    return {"wall_s": wall, "rss_kb": int(rss_kb), "db_bytes": du_bytes(db),
            "exit": p.returncode, "stdout": p.stdout[-2000:]}


def measure_singles(contestants, rows):
    """One process per query for each (tool, db, variant) in @contestants,
    interleaved: query by query, the contestants in an order shuffled anew
    for each query (seeded), so that the shared machine's drift over the
    minutes of a run falls on every tool alike (measured one tool after the
    other, the ratio to quest moved by 25 % between runs), and so that no
    tool always runs right after the same one: rotating a fixed order put
    newsdex's plain query after a Python peer's 20 ms process nearly every
    time, and its facets variant, which does more, measured faster.
    Returns {(tool name, variant): [ms per query]}."""
    lat = {(tool.name, variant): [] for tool, _, variant in contestants}
    shuffled = random.Random(7)
    for row in rows:
        order = list(contestants)
        shuffled.shuffle(order)
        for tool, db, variant in order:
            argv = tool.single_cmd(db, row, variant)
            t0 = time.perf_counter()
            p = subprocess.run(argv, capture_output=True)
            lat[(tool.name, variant)].append((time.perf_counter() - t0) * 1000)
            if p.returncode not in (0, 1):  # 1: newsdex found nothing, not an error
                log("%s query failed (%d): %s: %s" % (tool.name, p.returncode, row,
                                                     p.stderr.decode()[-500:]))
    return lat


def measure_batch(tool, db, rows, variant, jobs, scratch):
    argv, parse = tool.batch(db, rows, variant, jobs, os.path.join(scratch, "batch.txt"))
    t0 = time.perf_counter()
    p = subprocess.run(argv, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode not in (0, 1):
        log("%s batch exited %d: %s" % (tool.name, p.returncode, p.stderr[-500:]))
    lat = parse(p.stdout)
    return {"wall_s": wall, "n": len(rows), "lat_ms": lat}


def measure_date_pairs(tool, db, rows, repeat, scratch):
    """Each date-ranged query of @rows and its undated self (the same words),
    in one batch: compared in separate batches, the machine's drift between
    the two processes moved the undated queries of one batch 23 % against
    the other's.  Not back to back, though: the second of two queries over
    the same words finds the first one's blocks in Xapian's caches, and ran
    20-25 % faster whichever it was (on Reuters-21578, dated/undated 1.07-
    1.17 with the dated query first, 0.78-0.80 with the undated one).  So each
    dated query is followed by the undated self of the query half the set
    away.  Returns the latencies in pairs, (dated i, undated i) for each i,
    the query set `repeat` times, as report.py reads them."""
    dated = [(c, lo, hi, w) for c, lo, hi, w in rows if lo != "-"]
    undated = [(c, "-", "-", w) for c, lo, hi, w in dated]
    n = len(dated)
    half = n // 2
    order = [q for i in range(n) for q in (dated[i], undated[(i + half) % n])]
    res = measure_batch(tool, db, order * repeat, "plain", 1, scratch)
    lat = res["lat_ms"]
    if len(lat) == 2 * n * repeat:
        # position 2i: dated i; position 2i + 1: undated (i + half) % n
        res["lat_ms"] = [lat[r * 2 * n + k] for r in range(repeat) for i in range(n)
                         for k in (2 * i, 2 * ((i - half) % n) + 1)]
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--work", required=True)
    ap.add_argument("--bin", required=True)
    ap.add_argument("--raw", required=True)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--corpus", action="append",
                    help="reuters21578, headlines-250k, headlines-830k, speeches, "
                         "scale (all sizes) or one scale size; repeatable")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--big-runs", type=int, default=1,
                    help="runs for headlines-830k and scale-1m")
    ap.add_argument("--repeat", type=int, default=5,
                    help="the query set is repeated this often in a batch")
    ap.add_argument("--xapian-1m", action="store_true",
                    help="also run the Xapian library peer on the 1M scale set")
    ap.add_argument("--prepare-only", action="store_true",
                    help="only write the inputs (data, query sets, file trees)")
    args = ap.parse_args()
    os.environ["TZ"] = "UTC"  # omindex dates by mtime in local time
    plan, scale_sizes = corpus_plan(args.quick, args.runs, args.big_runs, args.xapian_1m)
    if args.corpus:
        plan = [p for p in plan if p[0] in args.corpus
                or ("scale" in args.corpus and p[0].startswith("scale-"))]
        if not plan:
            sys.exit("no such corpus: %s" % args.corpus)
    data, qdir = prepare(args.work, args.quick, plan, scale_sizes)
    if args.prepare_only:
        return
    contestants = {t.name: t for t in (tools.Newsdex(args.bin), tools.Omega(),
                                       tools.XapianLib(), tools.Fts5())}
    scratch = os.path.join(args.work, "scratch")
    os.makedirs(scratch, exist_ok=True)
    raw = {"started": time.strftime("%Y-%m-%d %H:%M:%S %Z"), "quick": args.quick,
           "repeat": args.repeat, "corpora": {}}
    for name, tool_names, runs, qsrc in plan:
        articles = os.path.join(data, name + ".jsonl")
        with open(os.path.join(qdir, qsrc + ".tsv"), encoding="utf-8") as f:
            rows = [line.rstrip("\n").split("\t") for line in f if line.strip()]
        n_articles, text_bytes = text_stats(articles)
        entry = raw["corpora"][name] = {"articles": n_articles, "text_bytes": text_bytes,
                                        "queries": len(rows), "runs": [],
                                        "dated_rows": [i for i, row in enumerate(rows)
                                                       if row[1] != "-"]}
        for r in range(runs):
            order = tool_names[r % len(tool_names):] + tool_names[:r % len(tool_names)]
            result = {}
            for tname in order:
                tool = contestants[tname]
                db = os.path.join(args.work, "db", name, tname)
                os.makedirs(os.path.dirname(db), exist_ok=True)
                src = os.path.join(args.work, "files", name) if tname == "omindex" else articles
                log("%s run %d/%d: %s indexing" % (name, r + 1, runs, tname))
                res = {"index": measure_index(tool, src, db, scratch), "single": {}, "batch": {}}
                log("  %.1f s, %d MB peak RSS, %d MB on disk" % (
                    res["index"]["wall_s"], res["index"]["rss_kb"] // 1024,
                    res["index"]["db_bytes"] >> 20))
                for variant in tool.variants:
                    for jobs in tool.batch_jobs:
                        res["batch"]["%s/j%d" % (variant, jobs)] = measure_batch(
                            tool, db, rows * args.repeat, variant, jobs, scratch)
                if tname == "newsdex":
                    res["batch"]["date-pairs/j1"] = measure_date_pairs(
                        tool, db, rows, args.repeat, scratch)
                result[tname] = res
            log("%s run %d/%d: one process per query, every tool interleaved" % (name, r + 1, runs))
            singles = measure_singles([(contestants[t], os.path.join(args.work, "db", name, t), v)
                                       for t in order for v in contestants[t].variants], rows)
            for (tname, variant), lat in singles.items():
                result[tname]["single"][variant] = lat
            entry["runs"].append(result)
            # Written after every run, so a long run can be reported early.
            with open(args.raw, "w") as f:
                json.dump(raw, f)
    raw["finished"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    with open(args.raw, "w") as f:
        json.dump(raw, f)


if __name__ == "__main__":
    main()
