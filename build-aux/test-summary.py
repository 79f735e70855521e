#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Counts test cases in meson's testlog.json files and prints one line,
'N passed, N failed', over all of them.

Usage: test-summary.py TESTLOG.json [TESTLOG.json...] (one per meson test
run: the normal build, valgrind, ASan+UBSan, the fuzzers).

A TAP test program counts each of its 'ok'/'not ok' lines; any other test
(a fuzz run, say) counts once by its result. A program that crashed or
timed out before printing its plan counts as one failure more, so nothing
fails silently; so does a log that is missing (its run never happened).
Exits 1 when anything failed or nothing ran.
"""
import json
import re
import sys

passed = failed = skipped = 0
entries = []
for path in sys.argv[1:]:
    try:
        with open(path, encoding="utf-8") as log:
            entries += [json.loads(line) for line in log if line.strip()]
    except OSError as error:
        print(f"no test log: {error}", file=sys.stderr)
        failed += 1

for entry in entries:
    result = entry.get("result", "")
    output = entry.get("stdout", "") or ""
    oks = nots = skips = 0
    if entry.get("protocol") == "tap" or "TAP version" in output or re.search(r"^1\.\.\d+", output, re.M):
        for line in output.splitlines():
            if re.match(r"^ok\b", line):
                if re.search(r"#\s*skip", line, re.I):
                    skips += 1
                else:
                    oks += 1
            elif re.match(r"^not ok\b", line):
                if re.search(r"#\s*todo", line, re.I):
                    skips += 1
                else:
                    nots += 1
    if oks + nots + skips == 0:
        if result in ("OK", "EXPECTEDFAIL"):
            oks = 1
        elif result == "SKIP":
            skips = 1
        else:
            nots = 1
    elif result not in ("OK", "EXPECTEDFAIL", "SKIP") and nots == 0:
        # Crashed, timed out or bailed out after its last "ok".
        nots = 1
    passed += oks
    failed += nots
    skipped += skips

line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or passed == 0 else 0)
