#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Query benchmark driver: makes (once, then cached in --workdir) a library
of --bundles x --articles generated articles with myelinctl, then runs the
bench-queries program on it."""

import argparse
import hashlib
import os
import subprocess
import sys
import time


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--myelinctl", required=True)
    p.add_argument("--gen", required=True)
    p.add_argument("--bench", required=True)
    p.add_argument("--workdir", required=True)
    p.add_argument("--bundles", type=int, default=5)
    p.add_argument("--articles", type=int, default=20000)
    p.add_argument("--body-words", type=int, default=120)
    p.add_argument("--runs", type=int, default=50)
    args = p.parse_args()

    os.makedirs(args.workdir, exist_ok=True)
    n = args.bundles * args.articles
    library = os.path.join(args.workdir, "library-%d.db" % n)
    with open(args.gen, "rb") as f:
        stamp = hashlib.sha256(f.read()).hexdigest() + " %d %d %d" % (args.bundles, args.articles, args.body_words)
    stamp_path = library + ".stamp"

    if not (os.path.exists(library) and os.path.exists(stamp_path) and open(stamp_path).read() == stamp):
        for suffix in ("", "-wal", "-shm", ".stamp"):
            if os.path.exists(library + suffix):
                os.remove(library + suffix)
        start = time.monotonic()
        files = [os.path.join(args.workdir, "library-bundle-%d.json" % (i + 1)) for i in range(args.bundles)]
        print("Generating %d bundles of %d articles…" % (args.bundles, args.articles), flush=True)
        # Two at a time: the machines this runs on have two cores.
        pending = list(enumerate(files))
        while pending:
            batch, pending = pending[:2], pending[2:]
            procs = [subprocess.Popen([sys.executable, args.gen, "--articles", str(args.articles),
                                       "--seed", str(100 + i), "--id", "org.example.library%d" % (i + 1),
                                       "--body-words", str(args.body_words), "--out", path])
                     for i, path in batch]
            for proc in procs:
                if proc.wait() != 0:
                    raise SystemExit("gen-bundle.py failed")
        generated = time.monotonic()
        print("Importing them with myelinctl…", flush=True)
        subprocess.run([args.myelinctl, "--library", library, "import"] + files, check=True,
                       stdout=subprocess.DEVNULL)
        for path in files:
            os.remove(path)
        with open(stamp_path, "w") as f:
            f.write(stamp)
        print("Library made in %.0f s (generating %.0f s, importing %.0f s).\n"
              % (time.monotonic() - start, generated - start, time.monotonic() - generated), flush=True)

    result = subprocess.run([args.bench, library, str(args.runs)], stdout=subprocess.PIPE, text=True)
    sys.stdout.write(result.stdout)
    with open(os.path.join(args.workdir, "query-results.txt"), "w") as f:
        f.write(result.stdout)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
