#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Import benchmark: `myelinctl import` against the sqlite3 shell.

Both import the same generated bundle into a copy of the same empty library
(made by myelinctl, so the same schema, triggers and FTS5 index). Runs
alternate between the two; the wall time of each is the median of --runs.
Also reports myelinctl's peak memory (max RSS) against 4x the file size.

It fails only when something is broken (a tool fails, or the two libraries
differ), never for being slow.
"""

import argparse
import hashlib
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time

EMPTY_BUNDLE = ('{"format": "myelin-bundle", "format_version": 1, "bundle": '
                '{"id": "org.example.empty", "title": "Empty", "revision": 1}, "articles": []}')


def run_measured(argv, stdin=None):
    """Runs argv; returns (seconds, max RSS in KiB). Raises on failure."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.stderr.write(out.decode(errors="replace") + err.decode(errors="replace"))
        raise SystemExit("%s failed with status %d" % (argv[0], proc.returncode))
    return elapsed, usage.ru_maxrss


def fresh_copy(src, dst):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(dst + suffix):
            os.remove(dst + suffix)
    shutil.copyfile(src, dst)


def ensure_bundle(args, path):
    with open(args.gen, "rb") as f:
        stamp = hashlib.sha256(f.read()).hexdigest() + " %d %d" % (args.articles, args.seed)
    stamp_path = path + ".stamp"
    if os.path.exists(path) and os.path.exists(stamp_path) and open(stamp_path).read() == stamp:
        return
    print("Generating %s (%d articles)…" % (path, args.articles), flush=True)
    subprocess.run([sys.executable, args.gen, "--articles", str(args.articles), "--seed", str(args.seed),
                    "--id", "org.example.bench", "--out", path], check=True)
    with open(stamp_path, "w") as f:
        f.write(stamp)


def summary(db):
    """What must match between the two libraries."""
    con = sqlite3.connect("file:%s?mode=ro" % db, uri=True)
    try:
        q = lambda sql: con.execute(sql).fetchall()
        digest = hashlib.sha256()
        for row in con.execute("SELECT id, title, published, teaser, what_they_found, topics_text, source_text,"
                               " credibility, interest FROM articles WHERE bundle = 'org.example.bench' ORDER BY id"):
            digest.update(repr(row).encode())
        return {
            "articles": q("SELECT count(*) FROM articles")[0][0],
            "content": digest.hexdigest(),
            "topics": q("SELECT name, article_count FROM topics ORDER BY key"),
            "links": q("SELECT count(*) FROM article_topics")[0][0],
            "fts": [q("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '%s'" % t)[0][0]
                    for t in ("peop*", "natal*", "pregn*")],
        }
    finally:
        con.close()


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--myelinctl", required=True)
    p.add_argument("--gen", required=True)
    p.add_argument("--sql", required=True)
    p.add_argument("--sqlite3", default=shutil.which("sqlite3") or "sqlite3")
    p.add_argument("--workdir", required=True)
    p.add_argument("--articles", type=int, default=10000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--runs", type=int, default=3)
    args = p.parse_args()

    if shutil.which(args.sqlite3) is None:
        print("SKIP: no sqlite3 shell (apt-get install sqlite3)")
        return 77

    os.makedirs(args.workdir, exist_ok=True)
    bundle = os.path.join(args.workdir, "bundle-%d.json" % args.articles)
    ensure_bundle(args, bundle)
    size = os.path.getsize(bundle)

    # The empty library: myelinctl's own schema, made once per run.
    empty_json = os.path.join(args.workdir, "empty.json")
    empty_db = os.path.join(args.workdir, "empty.db")
    with open(empty_json, "w") as f:
        f.write(EMPTY_BUNDLE)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(empty_db + suffix):
            os.remove(empty_db + suffix)
    run_measured([args.myelinctl, "--library", empty_db, "import", empty_json])

    with open(args.sql) as f:
        script = f.read().replace("@BUNDLE@", "'" + os.path.abspath(bundle).replace("'", "''") + "'")
    script_path = os.path.join(args.workdir, "shell-import.sql")
    with open(script_path, "w") as f:
        f.write(script)

    lib_db = os.path.join(args.workdir, "run-myelinctl.db")
    shell_db = os.path.join(args.workdir, "run-shell.db")
    times = {"myelinctl": [], "shell": []}
    rss = {"myelinctl": [], "shell": []}

    def run_myelinctl():
        fresh_copy(empty_db, lib_db)
        t, m = run_measured([args.myelinctl, "--library", lib_db, "import", bundle])
        times["myelinctl"].append(t)
        rss["myelinctl"].append(m)

    def run_shell():
        fresh_copy(empty_db, shell_db)
        with open(script_path) as script_file:
            t, m = run_measured([args.sqlite3, "-bail", shell_db], stdin=script_file)
        times["shell"].append(t)
        rss["shell"].append(m)

    for i in range(args.runs):
        # Alternate who goes first, so neither always meets a warmer cache.
        order = (run_myelinctl, run_shell) if i % 2 == 0 else (run_shell, run_myelinctl)
        for step in order:
            step()

    ours, theirs = summary(lib_db), summary(shell_db)
    broken = False
    if ours["articles"] != args.articles or theirs["articles"] != args.articles:
        print("BROKEN: article counts %d (myelinctl) and %d (shell), expected %d"
              % (ours["articles"], theirs["articles"], args.articles))
        broken = True
    for key in ("content", "topics", "links", "fts"):
        if ours[key] != theirs[key]:
            print("BROKEN: the two libraries differ in %s:\n  myelinctl %r\n  shell     %r"
                  % (key, ours[key], theirs[key]))
            broken = True

    m_med = statistics.median(times["myelinctl"])
    s_med = statistics.median(times["shell"])
    peak = max(rss["myelinctl"]) * 1024
    mib = 1024 * 1024
    lines = [
        "Import of %d articles, %.1f MB (%.1f MiB), median of %d runs each, alternating:"
        % (args.articles, size / 1e6, size / mib, args.runs),
        "  %-10s %8s   %s" % ("", "median", "runs (s)"),
        "  %-10s %7.2fs   %s" % ("myelinctl", m_med, " ".join("%.2f" % t for t in times["myelinctl"])),
        "  %-10s %7.2fs   %s" % ("sqlite3", s_med, " ".join("%.2f" % t for t in times["shell"])),
        "  ratio myelinctl/shell: %.2f (goal <= 1.0: %s)" % (m_med / s_med, "met" if m_med <= s_med else "MISSED"),
        "  peak RSS myelinctl: %.0f MiB; 4x file size: %.0f MiB (%s); sqlite3 shell: %.0f MiB"
        % (peak / mib, 4 * size / mib, "met" if peak <= 4 * size else "MISSED", max(rss["shell"]) * 1024 / mib),
        "  libraries: %d articles, %d topics, %d topic links, identical content in both"
        % (ours["articles"], len(ours["topics"]), ours["links"]) if not broken else "  libraries DIFFER",
    ]
    text = "\n".join(lines) + "\n"
    sys.stdout.write(text)
    with open(os.path.join(args.workdir, "import-results.txt"), "w") as f:
        f.write(text)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
