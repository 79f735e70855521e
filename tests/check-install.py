#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Installs the build into a temporary DESTDIR and checks the result works:
the installed myelinctl and myelin print the version and myelinctl checks
the installed sample bundle; the desktop file, metainfo, icons, schema and
man pages are where desktops look for them, and the installed desktop file
and metainfo validate. Needs no display.

usage: check-install.py --meson MESON --build-root DIR --prefix P --bindir B
                        --datadir D --mandir M --app-id ID --version V
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

VALIDATOR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "check-validator.py")


def installed(destdir, prefix, path):
    # An absolute bindir or datadir stands alone; a relative one is under prefix.
    return os.path.join(destdir + os.path.join(prefix, path))


def run(cmd, **kwargs):
    print("$ " + " ".join(cmd))
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)


def main():
    parser = argparse.ArgumentParser()
    for name in ("meson", "build-root", "prefix", "bindir", "datadir", "mandir", "app-id", "version"):
        parser.add_argument("--" + name, required=True)
    args = parser.parse_args()
    problems = []

    with tempfile.TemporaryDirectory(prefix="myelin-install-") as destdir:
        env = dict(os.environ)
        env.pop("DESTDIR", None)
        result = run([args.meson, "install", "-C", args.build_root, "--no-rebuild",
                      "--destdir", destdir], env=env)
        if result.returncode != 0:
            print(result.stdout)
            print(f"FAIL: meson install exited with {result.returncode}")
            return 1

        bindir = installed(destdir, args.prefix, args.bindir)
        datadir = installed(destdir, args.prefix, args.datadir)
        mandir = installed(destdir, args.prefix, args.mandir)
        app_id = args.app_id

        expected_files = [
            os.path.join(bindir, "myelin"),
            os.path.join(bindir, "myelinctl"),
            os.path.join(datadir, "applications", app_id + ".desktop"),
            os.path.join(datadir, "metainfo", app_id + ".metainfo.xml"),
            os.path.join(datadir, "icons", "hicolor", "scalable", "apps", app_id + ".svg"),
            os.path.join(datadir, "icons", "hicolor", "symbolic", "apps", app_id + "-symbolic.svg"),
            os.path.join(datadir, "glib-2.0", "schemas", "io.github.myelinreader.Myelin.gschema.xml"),
            os.path.join(datadir, "myelin", "bundles", "ms-research-digest.json"),
            os.path.join(mandir, "man1", "myelin.1"),
            os.path.join(mandir, "man1", "myelinctl.1"),
        ]
        for path in expected_files:
            if not os.path.isfile(path):
                problems.append("not installed: " + os.path.relpath(path, destdir))

        # The installed programs run, from the install tree alone.
        run_env = dict(os.environ)
        run_env["XDG_DATA_HOME"] = os.path.join(destdir, "home-data")
        for program in ("myelinctl", "myelin"):
            path = os.path.join(bindir, program)
            if not os.path.isfile(path):
                continue
            result = run([path, "--version"], env=run_env)
            print(result.stdout, end="")
            if result.returncode != 0 or result.stdout.strip() != f"{program} {args.version}":
                problems.append(f"{program} --version: exit {result.returncode}, "
                                f"printed {result.stdout.strip()!r}, expected '{program} {args.version}'")

        sample = os.path.join(datadir, "myelin", "bundles", "ms-research-digest.json")
        myelinctl = os.path.join(bindir, "myelinctl")
        if os.path.isfile(sample) and os.path.isfile(myelinctl):
            result = run([myelinctl, "check", sample], env=run_env)
            if result.returncode != 0:
                print(result.stdout)
                problems.append(f"myelinctl check on the installed sample bundle exited {result.returncode}")

        desktop = os.path.join(datadir, "applications", app_id + ".desktop")
        metainfo = os.path.join(datadir, "metainfo", app_id + ".metainfo.xml")
        if os.path.isfile(desktop):
            result = run([sys.executable, VALIDATOR, "desktop-file-validate", desktop])
            print(result.stdout, end="")
            if result.returncode != 0:
                problems.append("the installed desktop file does not validate")
            with open(desktop, encoding="utf-8") as f:
                entry = f.read()
            exec_line = re.search(r"^Exec=(\S+)", entry, re.M)
            if not exec_line or not os.path.isfile(os.path.join(bindir, exec_line.group(1))):
                problems.append("the desktop file's Exec does not name an installed program")
            if not re.search(r"^Icon=" + re.escape(app_id) + "$", entry, re.M):
                problems.append(f"the desktop file's Icon is not {app_id}")
        if os.path.isfile(metainfo):
            result = run([sys.executable, VALIDATOR, "appstreamcli", "validate", "--no-net", metainfo])
            print(result.stdout, end="")
            if result.returncode != 0:
                problems.append("the installed metainfo does not validate")

    for problem in problems:
        print("FAIL: " + problem)
    if not problems:
        print("ok: installed and checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
