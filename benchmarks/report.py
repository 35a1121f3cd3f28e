#!/usr/bin/env python3
"""Turns JMH JSON results (-rf json) of the Dragonpool suites into Markdown tables and SVG charts.

Usage: python3 benchmarks/report.py SUITE RESULT.json[,MORE.json...] OUT_DIR
  SUITE   objects | buffers | agent
  RESULT  one or more JMH JSON files (comma-separated), read as one run: the objects suite's
          plain-thread and fast-thread-local passes, for example
  writes  OUT_DIR/bench-SUITE.md (tables with ratios) and OUT_DIR/bench-SUITE-BENCHMARK.svg
          (one bar chart per benchmark method, clustered by size, of cpu.time.norm when every
          row has it, else of the JMH score)

Standard library only. The ratio columns are peer / Dragonpool for the same benchmark and size,
of the JMH score (wall-clock ns/op) and of cpu.time.norm (process CPU ns/op, from
dev.dragonpool.bench.CpuTimeProfiler): above 1 means Dragonpool is faster by that factor. Rows
measured on Netty fast-thread-local threads (parameter thread=ftl, labelled "(ftl)") compare with
Dragonpool's row on the same kind of thread where there is one.
"""
import json
import math
import os
import sys
from collections import OrderedDict

# Which parameter names the peer in each suite, and which value is Dragonpool's.
SUITES = {
    "objects": {"peer": "pool", "ours": "objcache"},
    "buffers": {"peer": "alloc", "ours": "kmalloc"},
    "agent": {"peer": "agent", "ours": "agent on"},
}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def rows_of(suite, data):
    """One row per (benchmark, size, peer): name, size, peer, score, error, unit, B/op."""
    rows = []
    for r in data:
        bench = r["benchmark"].rsplit(".", 1)[1]
        params = r.get("params", {}) or {}
        pm = r["primaryMetric"]
        sec = r.get("secondaryMetrics", {}) or {}
        norm = sec.get("gc.alloc.rate.norm", {}).get("score")
        cpu = sec.get("cpu.time.norm", {}).get("score")
        util = sec.get("cpu.util", {}).get("score")
        size = params.get("size", "")
        # Runs on Netty fast-thread-local threads (thread=ftl) are labelled so.
        ftl = " (ftl)" if params.get("thread") == "ftl" else ""
        if suite == "agent":
            agent = params.get("agent", "off")
            if bench in ("small", "expensive", "retainedBuffer"):
                peer = ("agent on" if agent == "on" else "new (agent off)") + ftl
                group = bench
            elif bench == "smallRecycler":
                peer, group = "recycler" + ftl, "small"
            elif bench == "smallRecyclerPinned":
                peer, group = "recycler-pinned" + ftl, "small"
            elif bench == "smallRecyclerPinnedUnguarded":
                peer, group = "recycler-pinned-unguarded" + ftl, "small"
            elif bench == "smallRecyclerBatch":  # runs recorded with Netty 4.1
                peer, group = "recycler-batch", "small"
            else:
                peer, group = bench, bench
        else:
            peer = params.get(SUITES[suite]["peer"], "") + ftl
            group = bench
        err = pm.get("scoreError")
        if isinstance(err, str) or err is None or (isinstance(err, float) and math.isnan(err)):
            err = None
        rows.append(OrderedDict(group=group, size=size, peer=peer, score=pm["score"],
                                error=err, unit=pm["scoreUnit"], norm=norm, cpu=cpu, util=util))
    return rows


def ours_for(suite, row):
    return SUITES[suite]["ours"]


def fmt(x, digits=3):
    if x is None:
        return "n/a"
    if x == 0:
        return "0"
    if abs(x) >= 100:
        return "%.0f" % x
    if abs(x) >= 10:
        return "%.1f" % x
    if abs(x) >= 0.01:
        return ("%." + str(digits - 1) + "f") % x
    return "%.1e" % x


def ratio(r, ours, key):
    if not ours or ours.get(key) is None or r.get(key) is None or ours[key] <= 0:
        return "n/a"
    return "%.2fx" % (r[key] / ours[key])


def markdown(suite, rows):
    out = []
    keys = OrderedDict()
    for r in rows:
        keys.setdefault((r["group"], r["size"]), []).append(r)
    for (group, size), rs in keys.items():
        ours = next((r for r in rs if r["peer"] == ours_for(suite, r)), None)
        title = group + (" size=%s B" % size if size != "" else "")
        out.append("#### %s\n" % title)
        out.append("| peer | score (%s) | error (99.9%%) | cpu.time.norm (ns/op) | cpu.util (cores) "
                   "| gc.alloc.rate.norm (B/op) | peer / Dragonpool (score) | peer / Dragonpool (cpu) |"
                   % rs[0]["unit"])
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|")
        for r in rs:
            # A row measured on Netty fast-thread-local threads compares with Dragonpool on the
            # same kind of thread when that row exists.
            mine = ours
            if r["peer"].endswith(" (ftl)"):
                mine = next((x for x in rs if x["peer"] == ours_for(suite, r) + " (ftl)"), ours)
            out.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
                ("**%s**" % r["peer"]) if r is ours or (r is mine and r["peer"].endswith(" (ftl)")) else r["peer"],
                fmt(r["score"]), fmt(r["error"]), fmt(r["cpu"]), fmt(r["util"]), fmt(r["norm"]),
                ratio(r, mine, "score"), ratio(r, mine, "cpu")))
        out.append("")
    return "\n".join(out)


def svg_chart(title, rs, ours_peer, path):
    """Horizontal bars, one cluster per size (one cluster when there is no size), one bar per peer;
    log scale when the spread exceeds 50x."""
    # Process CPU time per operation when every row has it (steadier on a loaded machine than
    # the wall-clock score), else the JMH score.
    key = "cpu" if all(r.get("cpu") for r in rs) else "score"
    label = "process CPU ns/op (cpu.time.norm)" if key == "cpu" else rs[0]["unit"] + " (JMH score)"
    rs = [r for r in rs if r[key] and r[key] > 0]
    if not rs:
        return
    lo, hi = min(r[key] for r in rs), max(r[key] for r in rs)
    log = hi / lo > 50
    base = math.floor(math.log10(lo))
    top = max(math.ceil(math.log10(hi)), base + 1)
    bar_h, gap, left, width = 16, 4, 200, 440
    clusters = OrderedDict()
    for r in rs:
        clusters.setdefault(r["size"], []).append(r)
    n_bars = len(rs)
    height = 50 + n_bars * (bar_h + gap) + len(clusters) * 22 + 10

    def length(v):
        if log:
            return width * (math.log10(v) - base) / (top - base) + 2
        return width * v / hi

    parts = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">'
             % (left + width + 90, height),
             '<rect width="100%" height="100%" fill="white"/>',
             '<text x="8" y="18" font-size="14" font-weight="bold">%s</text>' % esc(title),
             '<text x="8" y="34" fill="#555">%s, %s scale, shorter is faster; Dragonpool in orange</text>'
             % (esc(label), "log" if log else "linear")]
    y = 44
    for size, cr in clusters.items():
        if size != "":
            parts.append('<text x="8" y="%d" font-weight="bold">%s B</text>' % (y + 14, esc(size)))
            y += 22
        for r in cr:
            colour = "#d9480f" if r["peer"] == ours_peer else "#4c6ef5"
            w = max(1.0, length(r[key]))
            parts.append('<text x="%d" y="%d" text-anchor="end">%s</text>' % (left - 6, y + 12, esc(r["peer"])))
            parts.append('<rect x="%d" y="%d" width="%.1f" height="%d" fill="%s"/>' % (left, y, w, bar_h, colour))
            parts.append('<text x="%.1f" y="%d">%s</text>' % (left + w + 4, y + 12, fmt(r[key])))
            y += bar_h + gap
    parts.append("</svg>")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(parts) + "\n")


def esc(s):
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def main(argv):
    if len(argv) != 4 or argv[1] not in SUITES:
        sys.stderr.write(__doc__)
        return 2
    suite, paths, out_dir = argv[1], argv[2], argv[3]
    data = []
    for path in paths.split(","):
        data.extend(load(path))
    rows = rows_of(suite, data)
    os.makedirs(out_dir, exist_ok=True)
    md = os.path.join(out_dir, "bench-%s.md" % suite)
    with open(md, "w", encoding="utf-8") as f:
        f.write(markdown(suite, rows))
    groups = OrderedDict()
    for r in rows:
        groups.setdefault(r["group"], []).append(r)
    for group, rs in groups.items():
        name = "bench-%s-%s.svg" % (suite, group)
        svg_chart("%s: %s" % (suite, group), rs, ours_for(suite, rs[0]), os.path.join(out_dir, name))
    print("wrote %s and %d charts" % (md, len(groups)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
