#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs a validator (desktop-file-validate, appstreamcli validate, ...) and
fails when it fails or when it prints a warning or an error: "no warnings"
is the bar. Hints, infos and pedantic notes pass.

usage: check-validator.py COMMAND [ARG...]
"""
import re
import subprocess
import sys

# desktop-file-validate: "FILE: warning: ..."; appstreamcli: "W: id:line: tag".
COMPLAINT = re.compile(r"^(?:[WE]: |.*: (?:warning|error): )")


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    run = subprocess.run(argv[1:], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         universal_newlines=True)
    print(" ".join(argv[1:]))
    print(run.stdout, end="")
    complaints = [line for line in run.stdout.splitlines() if COMPLAINT.match(line)]
    if run.returncode != 0:
        print(f"FAIL: exit status {run.returncode}")
        return 1
    if complaints:
        print(f"FAIL: {len(complaints)} warning(s) or error(s)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
