#!/usr/bin/python3
"""Turn measure.py's raw JSON into Markdown tables.

    report.py RAW.json [RAW2.json ...] [MACHINE.md ...] > results.md

Several raw files are merged (runs of one corpus pooled), so a size that was
measured in a separate invocation joins the same tables.
Every figure is the median over runs; every ratio is computed within one run
(newsdex and the peer measured minutes apart on the same noisy machine) and
then the median of those ratios is shown.  Percentiles are nearest-rank.
"""
import collections
import json
import math
import statistics
import sys

PEERS = ("omindex", "xapian-lib", "fts5")


def pct(values, p):
    v = sorted(values)
    return v[max(0, math.ceil(p / 100 * len(v)) - 1)] if v else float("nan")


def med(values):
    values = [v for v in values if v is not None and not math.isnan(v)]
    return statistics.median(values) if values else float("nan")


def fmt(x, digits=1):
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    if abs(x) >= 100:
        return "{:,.0f}".format(x)
    return "{:.{}f}".format(x, digits)


def index_figs(corpus, res):
    i = res["index"]
    return {"s": i["wall_s"], "art_s": corpus["articles"] / i["wall_s"],
            "mb_s": corpus["text_bytes"] / 1e6 / i["wall_s"],
            "rss_mb": i["rss_kb"] / 1024, "db_mb": i["db_bytes"] / 2 ** 20}


def batch_figs(b):
    return {"p50": pct(b["lat_ms"], 50), "p95": pct(b["lat_ms"], 95),
            "p99": pct(b["lat_ms"], 99), "qps": b["n"] / b["wall_s"]}


def single_figs(lat):
    return {"p50": pct(lat, 50), "p95": pct(lat, 95), "p99": pct(lat, 99)}


def over_runs(corpus, tool, fn):
    """fn(result of tool in one run) -> dict; the median of each key."""
    per_run = [fn(r[tool]) for r in corpus["runs"] if tool in r]
    keys = per_run[0].keys() if per_run else []
    return {k: med([d[k] for d in per_run]) for k in keys}


def ratio_over_runs(corpus, fn):
    """fn(run) -> number or None; median over the runs where it exists."""
    return med([fn(r) for r in corpus["runs"]])


def corpus_table(name, corpus, out):
    runs = len(corpus["runs"])
    out.append("### %s — %s articles, %.1f MB of text, %d queries, %d run%s\n" % (
        name, "{:,}".format(corpus["articles"]), corpus["text_bytes"] / 1e6,
        corpus["queries"], runs, "" if runs == 1 else "s"))
    out.append("| tool | query variant | index s | art/s | MB/s | peak RSS MB | DB MB "
               "| 1-proc p50 / p95 / p99 ms | in-batch p50 / p95 / p99 ms | batch q/s |")
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    tools = [t for t in ("newsdex",) + PEERS if t in corpus["runs"][0]]
    for tool in tools:
        idx = over_runs(corpus, tool, lambda r: index_figs(corpus, r))
        first = True
        res0 = corpus["runs"][0][tool]
        rows = []
        for variant in res0["single"]:
            jobs = sorted(k for k in res0["batch"] if k.startswith(variant + "/")) or [None]
            for key in jobs:
                rows.append((variant, key))
        for variant, key in rows:
            s = over_runs(corpus, tool, lambda r: single_figs(r["single"][variant]))
            b = over_runs(corpus, tool, lambda r: batch_figs(r["batch"][key])) if key else {}
            label = variant + (" --jobs " + key.split("/j")[1] if key and tool == "newsdex" else "")
            if tool == "newsdex" and variant == "facets":
                label = "facets actor,month" + label[len("facets"):]
            if tool == "newsdex" and variant == "nosnip":
                label = "plain --no-snippets" + label[len("nosnip"):]
            cells = [tool if first else "", label]
            cells += ([fmt(idx["s"]), fmt(idx["art_s"]), fmt(idx["mb_s"], 2),
                       fmt(idx["rss_mb"]), fmt(idx["db_mb"])] if first else [""] * 5)
            first_of_variant = key is None or key.endswith("/j1")
            cells.append(" / ".join(fmt(s[k], 1) for k in ("p50", "p95", "p99"))
                         if first_of_variant else "″")
            cells.append(" / ".join(fmt(b.get(k), 2) for k in ("p50", "p95", "p99"))
                         if b else "— (no batch mode)")
            cells.append(fmt(b.get("qps")) if b else "—")
            out.append("| " + " | ".join(cells) + " |")
            first = False
    out.append("")


def ratios(name, corpus):
    """The issue-4 targets for one corpus: (target, value, met?) rows."""
    def nd(r, key):
        return batch_figs(r["newsdex"]["batch"][key]) if "newsdex" in r else None

    def art_s(r, tool):
        return corpus["articles"] / r[tool]["index"]["wall_s"]

    rows = []
    present = set(corpus["runs"][0])
    for peer, goal in (("omindex", 3), ("xapian-lib", 2)):
        if peer not in present:
            continue
        v = ratio_over_runs(corpus, lambda r: art_s(r, "newsdex") / art_s(r, peer)
                            if peer in r else None)
        rows.append(("indexing art/s ≥ %d× %s" % (goal, peer), "%.2f×" % v, v >= goal))
    v = ratio_over_runs(corpus, lambda r: art_s(r, "newsdex") / art_s(r, "fts5"))
    rows.append(("indexing art/s vs fts5 (close the gap)", "%.2f×" % v, None))
    v = med([r["newsdex"]["index"]["rss_kb"] / 1024 for r in corpus["runs"]])
    rows.append(("peak RSS while indexing ≤ 1 GB (not measured: whether a setting bounds it)",
                 "%.0f MB" % v, v <= 1024))
    facets_p99 = lambda r: nd(r, "facets/j1")["p99"]
    if "xapian-lib" in present:
        v = ratio_over_runs(corpus, lambda r: r["newsdex"]["index"]["db_bytes"]
                            / r["xapian-lib"]["index"]["db_bytes"])
        rows.append(("DB size ≤ xapian-lib's", "%.2f×" % v, v <= 1.0))
        v = ratio_over_runs(corpus, lambda r: facets_p99(r)
                            / batch_figs(r["xapian-lib"]["batch"]["plain/j1"])["p99"])
        rows.append(("facets top-10 p99 ≤ 1.5× xapian-lib plain p99 (in-batch)", "%.2f×" % v,
                     v <= 1.5))
    if "fts5" in present:
        v = ratio_over_runs(corpus, lambda r: facets_p99(r)
                            / batch_figs(r["fts5"]["batch"]["plain/j1"])["p99"])
        rows.append(("facets top-10 p99 ≤ fts5 plain p99 (in-batch)", "%.2f×" % v, v <= 1.0))
    v = date_ratio(corpus)
    rows.append(("date-ranged queries no slower than the same queries undated "
                 "(median per-query time ratio)", "%.2f×" % v, v <= 1.05))
    if any("omindex" in r for r in corpus["runs"]):
        v = ratio_over_runs(corpus, lambda r: pct(r["newsdex"]["single"]["plain"], 50)
                            / pct(r["omindex"]["single"]["plain"], 50))
        rows.append(("one process per query: p50 ≤ quest's", "%.2f×" % v, v <= 1.0))
        if "nosnip" in corpus["runs"][0]["newsdex"]["single"]:
            v = ratio_over_runs(corpus, lambda r: pct(r["newsdex"]["single"]["nosnip"], 50)
                                / pct(r["omindex"]["single"]["plain"], 50))
            rows.append(("one process per query, like for like (newsdex --no-snippets; quest "
                         "prints no snippet): p50 ≤ quest's", "%.2f×" % v, v <= 1.0))
    for variant in ("plain", "facets", "nosnip") if "xapian-lib" in present else ():
        if variant + "/j2" not in corpus["runs"][0]["newsdex"]["batch"]:
            continue
        v = ratio_over_runs(corpus, lambda r: nd(r, variant + "/j2")["qps"]
                            / batch_figs(r["xapian-lib"]["batch"]["plain/j1"])["qps"])
        label = {"nosnip": "plain --no-snippets (like for like: the library script prints "
                           "stored data, no snippet)"}.get(variant, variant)
        rows.append(("batch q/s, %s --jobs 2 ≥ 2× xapian-lib" % label, "%.2f×" % v,
                     v >= 2 if variant != "facets" else None))
    return rows


def date_ratio(corpus):
    """Median over date-ranged queries of time(with range) / time(same words
    without range): from one batch holding each pair side by side, or (raw
    files before 2026-11-22 01:20) from two one-thread batches."""
    n, dated = corpus["queries"], set(corpus["dated_rows"])

    def one_run(r):
        batches = r["newsdex"]["batch"]
        if "date-pairs/j1" in batches:
            lat = batches["date-pairs/j1"]["lat_ms"]
            return med([a / max(b, 1e-3) for a, b in zip(lat[0::2], lat[1::2])])
        with_d = batches["plain/j1"]["lat_ms"]
        without = batches["undated/j1"]["lat_ms"]
        return med([a / max(b, 1e-3) for i, (a, b) in enumerate(zip(with_d, without))
                    if i % n in dated])
    return ratio_over_runs(corpus, one_run)


def scale_table(raw, out):
    sizes = [(n, c) for n, c in raw["corpora"].items() if n.startswith("scale-")]
    if not sizes:
        return
    sizes.sort(key=lambda x: x[1]["articles"])
    out.append("### Scale curve (generated articles, same queries at every size)\n")
    out.append("| articles | runs | newsdex index s | newsdex art/s | xapian-lib art/s | fts5 art/s "
               "| newsdex peak RSS MB | newsdex DB MB | xapian-lib DB MB "
               "| in-batch p99 ms: newsdex plain / facets | xapian-lib | fts5 |")
    out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, c in sizes:
        f = {t: over_runs(c, t, lambda r: index_figs(c, r)) for t in ("newsdex", "xapian-lib", "fts5")}
        f = {t: collections.defaultdict(lambda: float("nan"), v) for t, v in f.items()}
        q = lambda t, k: over_runs(c, t, lambda r: batch_figs(r["batch"][k])).get("p99")
        out.append("| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s | %s |" % (
            "{:,}".format(c["articles"]), len(c["runs"]), fmt(f["newsdex"]["s"]),
            fmt(f["newsdex"]["art_s"]), fmt(f["xapian-lib"]["art_s"]), fmt(f["fts5"]["art_s"]),
            fmt(f["newsdex"]["rss_mb"]), fmt(f["newsdex"]["db_mb"]), fmt(f["xapian-lib"]["db_mb"]),
            fmt(q("newsdex", "plain/j1"), 2), fmt(q("newsdex", "facets/j1"), 2),
            fmt(q("xapian-lib", "plain/j1"), 2), fmt(q("fts5", "plain/j1"), 2)))
    out.append("")
    pairs = list(zip(sizes, sizes[1:])) + ([(sizes[0], sizes[-1])] if len(sizes) > 2 else [])
    for (n0, c0), (n1, c1) in pairs:
        grow = c1["articles"] / c0["articles"]
        t0 = over_runs(c0, "newsdex", lambda r: index_figs(c0, r))["s"]
        t1 = over_runs(c1, "newsdex", lambda r: index_figs(c1, r))["s"]
        p0 = over_runs(c0, "newsdex", lambda r: batch_figs(r["batch"]["facets/j1"]))["p99"]
        p1 = over_runs(c1, "newsdex", lambda r: batch_figs(r["batch"]["facets/j1"]))["p99"]
        out.append("From %s to %s articles (×%.0f): newsdex index time ×%.1f (linear: ×%.0f), "
                   "facets p99 ×%.1f (sub-linear: < ×%.0f).\n" % (
                       "{:,}".format(c0["articles"]), "{:,}".format(c1["articles"]),
                       grow, t1 / t0, grow, p1 / p0, grow))


def load(paths):
    """Merge raw files: runs of the same corpus from several invocations
    (e.g. a big size measured separately) are pooled."""
    raw = None
    for path in paths:
        with open(path) as f:
            part = json.load(f)
        if raw is None:
            raw = part
            continue
        for name, corpus in part["corpora"].items():
            if name in raw["corpora"]:
                raw["corpora"][name]["runs"] += corpus["runs"]
            else:
                raw["corpora"][name] = corpus
    return raw


def main():
    args = sys.argv[1:]
    raw = load([a for a in args if not a.endswith(".md")])
    out = []
    for header in (a for a in args if a.endswith(".md")):
        with open(header) as f:
            out.append(f.read())
    out.append("## Results per corpus\n")
    out.append("Medians over runs. *1-proc*: one process per query, wall time including "
               "process start and database open (for the Python peers that includes "
               "starting Python). *In-batch*: per-query time inside one process answering "
               "the query set %d times (newsdex: its `elapsed_ms`). *batch q/s*: queries / "
               "wall time of that whole process.\n" % raw["repeat"])
    target_rows = []
    for name, corpus in raw["corpora"].items():
        if not corpus["runs"]:
            continue
        corpus_table(name, corpus, out)
        target_rows.append((name, ratios(name, corpus)))
    scale_table(raw, out)
    out.append("## Issue 4 targets (ratios within each run, median over runs)\n")
    out.append("✓ met, ✗ missed, plain: no target (context). The targets, in column order:")
    targets = []
    for _, rows in target_rows:
        for target, _, _ in rows:
            if target not in targets:
                targets.append(target)
    for i, target in enumerate(targets, 1):
        out.append("%d. %s" % (i, target))
    out.append("")
    out.append("| corpus | " + " | ".join(str(i) for i in range(1, len(targets) + 1)) + " |")
    out.append("|---|" + "---:|" * len(targets))
    for name, rows in target_rows:
        got = {t: (v, ok) for t, v, ok in rows}
        cells = []
        for t in targets:
            if t not in got:
                cells.append("")
                continue
            v, ok = got[t]
            cells.append(v + ("" if ok is None else (" ✓" if ok else " ✗")))
        out.append("| %s | %s |" % (name, " | ".join(cells)))
    out.append("")
    print("\n".join(out))


if __name__ == "__main__":
    main()
