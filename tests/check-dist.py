#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`meson dist` gives a tarball that builds: makes the tarball of the
committed tree (as a release would, without running its tests), checks what
is in it and what is not, then configures and builds it from scratch in a
temporary folder. Skipped (77) outside a git checkout, where meson dist
cannot work.

usage: check-dist.py --meson MESON --source-root DIR --build-root DIR --version V
"""
import argparse
import glob
import os
import subprocess
import sys
import tarfile
import tempfile

# What a release cannot do without: the sample library, translations, the
# Flatpak manifests, docs and man pages, and the tests themselves.
MUST_HAVE = [
    "meson.build", "meson_options.txt", "README.md",
    "data/bundles/ms-research-digest.json", "data/io.github.myelinreader.Myelin.gschema.xml",
    "po/LINGUAS", "po/POTFILES.in", "po/de.po", "po/es.po",
    "flatpak/io.github.myelinreader.Myelin.json",
    "docs/bundle-format.md", "docs/myelin.1", "docs/myelinctl.1",
    "src/core/myelin-store.c", "src/cli/myelinctl.c", "src/app/myelin-window.c",
    "tests/meson.build",
]
# Build folders and local state never belong in one.
MUST_NOT_START = ["_build", "build/", ".flatpak-builder", ".git/"]


def run(cmd, **kwargs):
    print("$ " + " ".join(cmd), flush=True)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True, **kwargs)
    if proc.returncode != 0:
        print(proc.stdout)
        sys.exit("failed (exit status %d): %s" % (proc.returncode, " ".join(cmd)))
    return proc.stdout


def main():
    parser = argparse.ArgumentParser()
    for name in ("meson", "source-root", "build-root", "version"):
        parser.add_argument("--" + name, required=True)
    args = parser.parse_args()

    if not os.path.exists(os.path.join(args.source_root, ".git")):
        print("not a git checkout: meson dist needs one")
        return 77

    dist_dir = os.path.join(args.build_root, "meson-dist")
    tarball = os.path.join(dist_dir, "myelin-%s.tar.xz" % args.version)
    if os.path.exists(tarball):
        os.remove(tarball)
    # --allow-dirty: the tarball is HEAD's tree either way; this checks that
    # it builds, also on a work tree with changes not yet committed.
    run([args.meson, "dist", "-C", args.build_root, "--no-tests", "--formats", "xztar", "--allow-dirty"])
    if not os.path.exists(tarball):
        sys.exit("meson dist made no %s (it made: %s)" % (tarball, glob.glob(dist_dir + "/*")))

    prefix = "myelin-%s/" % args.version
    with tarfile.open(tarball) as tar:
        names = [n[len(prefix):] if n.startswith(prefix) else n for n in tar.getnames()]
        problems = ["missing: " + want for want in MUST_HAVE if want not in names]
        problems += ["should not be there: " + n for n in names
                     for bad in MUST_NOT_START if n.startswith(bad)]
        problems += ["outside %s: %s" % (prefix, n) for n in tar.getnames()
                     if not n.startswith(prefix) and n != prefix.rstrip("/")]
        if problems:
            sys.exit("\n".join(problems))

        with tempfile.TemporaryDirectory(prefix="myelin-dist-") as tmp:
            tar.extractall(tmp, filter="data") if hasattr(tarfile, "data_filter") else tar.extractall(tmp)
            source = os.path.join(tmp, prefix.rstrip("/"))
            build = os.path.join(tmp, "build")
            run([args.meson, "setup", build, source, "--werror"])
            run(["ninja", "-C", build])
            for program in ("src/myelin", "src/cli/myelinctl"):
                if not os.access(os.path.join(build, program), os.X_OK):
                    sys.exit("the tarball's build made no %s" % program)
            print(run([os.path.join(build, "src/cli/myelinctl"), "--version"]).strip())
    print("ok: %s has %d files and builds" % (os.path.basename(tarball), len(names)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
