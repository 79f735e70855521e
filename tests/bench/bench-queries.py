#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Query benchmark driver: makes (once, then cached in --workdir) a library
of --bundles x --articles generated articles with myelinctl, then runs the
bench-queries program on it."""

import argparse
import os
import subprocess
import sys

import bench_library


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

    library = bench_library.ensure_library(args.myelinctl, args.gen, args.workdir,
                                           args.bundles, args.articles, args.body_words)
    result = subprocess.run([args.bench, library, str(args.runs)], stdout=subprocess.PIPE, text=True)
    sys.stdout.write(result.stdout)
    with open(os.path.join(args.workdir, "query-results.txt"), "w") as f:
        f.write(result.stdout)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
