#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reader-window benchmark driver. Run under xvfb-run (meson does): all the
programs share its display. Makes sure the 100,000-article library exists
(made and cached exactly as tests/bench/bench-queries.py does, so the two
benchmarks share it), copies it, then measures side by side with floors:

  launch   exec -> first frame with cards painted, against exec -> first
           frame of an empty AdwApplicationWindow (goal: within 1.5x)
  search   a keystroke -> updated cards painted (goal: median < 50 ms,
           p95 < 100 ms), with the data floor (the same store calls alone)
  topics   a topic toggled -> updated cards and counts painted (same goal)
  open     win.open-article -> the page's first frame (goal: < 50 ms)
  memory   VmRSS after scrolling through 2,000 cards, against a GtkGridView
           of 1,000 label cards scrolled through (goal: within 1.25x)

Fails only when a program fails, never for slowness."""

import argparse
import datetime
import os
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
import bench_library  # noqa: E402


def percentile(values, p):
    """Nearest rank."""
    s = sorted(values)
    return s[max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))]


def run(cmd, env, what):
    """Runs a program; returns (exec time in µs, its stdout lines)."""
    t0 = time.monotonic_ns() // 1000
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit("%s failed (exit status %d): %s" % (what, proc.returncode, " ".join(cmd)))
    noise = [l for l in proc.stderr.splitlines() if l.strip()]
    if noise:
        sys.stderr.write("".join("  [%s] %s\n" % (what, l) for l in noise[:5]))
    return t0, proc.stdout.splitlines()


def keyed(lines):
    out = {}
    for line in lines:
        key, _, value = line.partition(" ")
        out[key] = value
    return out


def samples(lines, kind):
    """Lines `kind total query frame layout paint n floor label`."""
    out = []
    for line in lines:
        parts = line.split(" ", 8)
        if parts[0] == kind:
            out.append({"total": float(parts[1]), "query": float(parts[2]), "frame": float(parts[3]),
                        "layout": float(parts[4]), "paint": float(parts[5]), "n": int(parts[6]),
                        "floor": float(parts[7]), "label": parts[8].strip('"')})
    return out


def table(rows, header):
    widths = [max(len(str(r[i])) for r in rows + [header]) for i in range(len(header))]
    fmt = lambda r: "| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |"
    return "\n".join([fmt(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"] + [fmt(r) for r in rows])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--myelin", required=True, help="bench-myelin")
    p.add_argument("--floor", required=True, help="bench-floor")
    p.add_argument("--myelinctl", required=True)
    p.add_argument("--gen", required=True, help="tests/bench/gen-bundle.py")
    p.add_argument("--library-dir", required=True, help="where the core benchmark caches its library")
    p.add_argument("--schemas", required=True, help="the build's compiled GSettings schemas")
    p.add_argument("--workdir", required=True)
    p.add_argument("--launch-runs", type=int, default=10)
    p.add_argument("--memory-runs", type=int, default=3)
    p.add_argument("--only", choices=("launch", "interact", "memory"), action="append",
                   help="run only these parts (repeatable), to iterate on one of them faster")
    args = p.parse_args()
    parts = set(args.only or ("launch", "interact", "memory"))

    if not os.environ.get("DISPLAY"):
        raise SystemExit("No DISPLAY: run under xvfb-run -a -s '-screen 0 1920x1080x24'")
    # The same library, path and stamp as tests/bench/bench-queries.py.
    library = bench_library.ensure_library(args.myelinctl, args.gen, args.library_dir)

    # The window marks opened articles read: it works on a fresh copy.
    os.makedirs(args.workdir, exist_ok=True)
    data_home = os.path.join(args.workdir, "xdg-data")
    shutil.rmtree(data_home, ignore_errors=True)
    os.makedirs(os.path.join(data_home, "myelin"))
    copy = os.path.join(data_home, "myelin", "library.db")
    shutil.copyfile(library, copy)

    env = dict(os.environ)
    for key in ("GSK_RENDERER", "GDK_BACKEND", "GTK_DEBUG", "GDK_DEBUG", "GSK_DEBUG", "G_DEBUG"):
        env.pop(key, None)
    env.update({
        "GSETTINGS_BACKEND": "memory",
        "GSETTINGS_SCHEMA_DIR": args.schemas,
        # As the window tests: no accessibility bus to look for.
        "GTK_A11Y": "test",
        "XDG_DATA_HOME": data_home,
        "XDG_CONFIG_HOME": os.path.join(args.workdir, "xdg-config"),
        "XDG_CACHE_HOME": os.path.join(args.workdir, "xdg-cache"),
        "TZ": "UTC",
        "LC_ALL": "C.UTF-8",
    })
    report = []

    def say(text=""):
        print(text, flush=True)
        report.append(text)

    say("Reader window benchmark, %s, %d CPUs, DISPLAY=%s, load %.2f"
        % (datetime.date.today().isoformat(), os.cpu_count(), env["DISPLAY"], os.getloadavg()[0]))
    say("Library: %s (%.0f MiB), copied to %s" % (library, os.path.getsize(library) / 2**20, copy))

    # --- Launch -------------------------------------------------------------
    ratio = None
    verdicts = []
    mratio = None
    lines = []

    def launch_ours():
        t0, lines = run([args.myelin, "launch", "--library", copy], env, "myelin launch")
        return {k: int(v) if k == "cards" else (int(v) - t0) / 1000.0 for k, v in keyed(lines).items()}

    def launch_floor():
        t0, lines = run([args.floor, "empty"], env, "floor empty")
        return {k: (int(v) - t0) / 1000.0 for k, v in keyed(lines).items()}

    if "launch" in parts:
        launch_ours()
        launch_floor()  # warm-up: file caches
        ours, floor = [], []
        for i in range(args.launch_runs):
            if i % 2:
                floor.append(launch_floor())
                ours.append(launch_ours())
            else:
                ours.append(launch_ours())
                floor.append(launch_floor())
        ours_ff = [r["first-frame"] for r in ours]
        floor_ff = [r["first-frame"] for r in floor]
        ratio = statistics.median(ours_ff) / statistics.median(floor_ff)
        say()
        say("## Launch: exec -> first frame with cards painted (%d runs each, ms)" % args.launch_runs)
        say()
        say(table([
            ["Myelin, 100,000 articles", "%.0f" % statistics.median(ours_ff), "%.0f" % min(ours_ff), "%.0f" % max(ours_ff),
             " ".join("%.0f" % v for v in ours_ff)],
            ["floor: empty AdwApplicationWindow", "%.0f" % statistics.median(floor_ff), "%.0f" % min(floor_ff),
             "%.0f" % max(floor_ff), " ".join("%.0f" % v for v in floor_ff)],
        ], ["", "median", "min", "max", "runs"]))
        say()
        say("ratio %.2f (goal <= 1.5): %s" % (ratio, "met" if ratio <= 1.5 else "MISSED"))
        say()
        say("Where Myelin's launch goes (medians, ms since exec):")
        say()
        steps = [("main", "main() entered"), ("startup", "startup done (settings, library opened)"),
                 ("window", "window built (template, first query started)"), ("realize", "window realized"),
                 ("query-done", "first query done"), ("frame-start", "first frame starts"),
                 ("layout-done", "its layout phase done (sizes, cards bound)"),
                 ("paint-done", "its paint phase done (snapshot, GL render)"),
                 ("first-frame", "first frame with cards painted")]
        say(table([[what, "%.0f" % statistics.median([r[k] for r in ours])] for k, what in steps],
                  ["step", "ms"]))
        say("(%d cards bound in that frame; floor: main() at %.0f ms, first frame at %.0f ms)"
            % (ours[0]["cards"], statistics.median([r["main"] for r in floor]), statistics.median(floor_ff)))

    # --- Interactions -------------------------------------------------------
    if "interact" in parts:
        _, lines = run([args.myelin, "interact"], env, "myelin interact")
        info = keyed(lines)
        say()
        say("## Interactions, in-process (renderer %s, %s articles; the window's search-delay: %s ms)"
            % (info.get("renderer"), info.get("articles"), info.get("search-delay")))
        say()
        say("total = change -> first frame painted after the results; query = change -> results applied")
        say("(the worker thread's store calls plus the main loop); frame = results applied -> painted")
        say("(layout binds cards: a summary query per new card; paint renders); data floor = the worker's")
        say("three store calls alone on a connection of our own. Medians; p95 for total.")
        say()
        rows = []
        kinds = [("search", "search keystroke"), ("topic", "topic toggle"), ("open", "open article")]
        for kind, what in kinds[:2]:
            s = samples(lines, kind)
            tot = [x["total"] for x in s]
            med, p95 = statistics.median(tot), percentile(tot, 95)
            met = med < 50 and p95 < 100
            verdicts.append((what, met))
            rows.append([what, len(s), "%.1f" % med, "%.1f" % p95, "%.1f" % max(tot),
                         "%.1f" % statistics.median([x["query"] for x in s]),
                         "%.1f" % statistics.median([x["frame"] for x in s]),
                         "%.1f" % statistics.median([x["layout"] for x in s]),
                         "%.1f" % statistics.median([x["paint"] for x in s]),
                         "%.1f" % statistics.median([x["floor"] for x in s]),
                         "%.2f" % (med / max(statistics.median([x["floor"] for x in s]), 0.001)),
                         "met" if met else "MISSED"])
        say(table(rows, ["", "n", "total med", "total p95", "max", "query", "frame", "layout", "paint",
                         "data floor", "ratio", "goal <50/<100"]))

        say()
        say("Search, by text typed (ms, medians over %d passes; matches):" % 2)
        say()
        by_text = {}
        for x in samples(lines, "search"):
            by_text.setdefault(x["label"], []).append(x)
        say(table([['"%s"' % t, xs[0]["n"], "%.1f" % statistics.median([x["total"] for x in xs]),
                    "%.1f" % statistics.median([x["query"] for x in xs]),
                    "%.1f" % statistics.median([x["frame"] for x in xs]),
                    "%.1f" % statistics.median([x["floor"] for x in xs])]
                   for t, xs in by_text.items()],
                  ["text", "matches", "total", "query", "frame", "data floor"]))

        topics = samples(lines, "topic")
        say()
        say("Topic toggles: %d; total under 50 ms: %d; the slowest five:" % (len(topics), sum(x["total"] < 50 for x in topics)))
        say()
        say(table([[x["label"], x["n"], "%.1f" % x["total"], "%.1f" % x["query"], "%.1f" % x["frame"], "%.1f" % x["floor"]]
                   for x in sorted(topics, key=lambda x: -x["total"])[:5]],
                  ["toggle", "matches", "total", "query", "frame", "data floor"]))

        opens = []
        for line in lines:
            fields = line.split(" ")
            if fields[0] == "open":
                opens.append([float(v) for v in fields[1:8]])
        tot = [o[0] for o in opens]
        med, p95 = statistics.median(tot), percentile(tot, 95)
        verdicts.append(("open article", med < 50))
        say()
        say("## Opening an article (%d articles spread over the first 2,000 cards, ms)" % len(opens))
        say()
        say(table([["open article", "%.1f" % med, "%.1f" % p95, "%.1f" % max(tot),
                    "%.1f" % statistics.median([o[1] for o in opens]),
                    "%.1f" % statistics.median([o[2] for o in opens]),
                    "%.1f" % statistics.median([o[3] for o in opens]),
                    "%.1f" % statistics.median([o[5] for o in opens]),
                    "%.1f" % statistics.median([o[6] for o in opens]),
                    "%.2f" % statistics.median([o[4] for o in opens]),
                    "met" if med < 50 else "MISSED"]],
                  ["", "first frame med", "p95", "max", "action (sync)", "action -> frame", "slide done",
                   "layout", "paint", "data floor (get_article)", "goal <50"]))

    # --- Memory -------------------------------------------------------------
    if "memory" in parts:
        mem_ours, mem_floor = [], []
        for _ in range(args.memory_runs):
            mem_ours.append({k: int(v) for k, v in keyed(run([args.myelin, "memory"], env, "myelin memory")[1]).items()})
            mem_floor.append({k: int(v) for k, v in keyed(run([args.floor, "grid"], env, "floor grid")[1]).items()})
        rss_ours = statistics.median([m["rss-kib"] for m in mem_ours]) / 1024
        rss_floor = statistics.median([m["rss-kib"] for m in mem_floor]) / 1024
        mratio = rss_ours / rss_floor
        say()
        say("## Memory: VmRSS after scrolling (MiB, median of %d runs)" % args.memory_runs)
        say()
        say(table([
            ["Myelin, 2,000 of 100,000 cards", "%.1f" % (statistics.median([m["rss-start-kib"] for m in mem_ours]) / 1024),
             "%.1f" % rss_ours, "%.1f" % (statistics.median([m["hwm-kib"] for m in mem_ours]) / 1024)],
            ["floor: GtkGridView, 1,000 label cards", "%.1f" % (statistics.median([m["rss-start-kib"] for m in mem_floor]) / 1024),
             "%.1f" % rss_floor, "%.1f" % (statistics.median([m["hwm-kib"] for m in mem_floor]) / 1024)],
        ], ["", "RSS at first frame", "RSS after scrolling", "peak (VmHWM)"]))
        say()
        say("ratio %.2f (goal <= 1.25): %s" % (mratio, "met" if mratio <= 1.25 else "MISSED"))

    say()
    say("## Summary")
    say()
    say(table(([["launch / empty window", "%.2f×" % ratio, "<= 1.5×", "met" if ratio <= 1.5 else "MISSED"]]
               if ratio is not None else [])
              + [[w, "", "median < 50 ms" + (", p95 < 100 ms" if w != "open article" else ""), "met" if m else "MISSED"]
                 for w, m in verdicts]
              + ([["memory / label grid", "%.2f×" % mratio, "<= 1.25×", "met" if mratio <= 1.25 else "MISSED"]]
                 if mratio is not None else []),
              ["benchmark", "ratio", "goal", ""]))

    with open(os.path.join(args.workdir, "window-results.txt"), "w") as f:
        f.write("\n".join(report) + "\n\n" + "\n".join(lines) + "\n")
    shutil.rmtree(data_home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
