# SPDX-License-Identifier: GPL-3.0-or-later
"""The benchmarks' 100,000-article library: made once with myelinctl from
seeded bundles (gen-bundle.py), then cached in a folder with a stamp. It is
made again when the generator, its parameters or the library's schema
change; the schema is that of a library myelinctl makes now, so a cached
library is never migrated under a benchmark's clock."""

import hashlib
import os
import sqlite3
import subprocess
import sys
import tempfile
import time


def schema_version(myelinctl):
    """The user_version of a new, empty library."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "empty.db")
        subprocess.run([myelinctl, "--library", path, "bundles"], check=True, stdout=subprocess.DEVNULL)
        with sqlite3.connect(path) as db:
            return db.execute("PRAGMA user_version").fetchone()[0]


def ensure_library(myelinctl, gen, workdir, bundles=5, articles=20000, body_words=120):
    """Returns the library's path, making it first if the cached one is
    missing or stale."""
    os.makedirs(workdir, exist_ok=True)
    library = os.path.join(workdir, "library-%d.db" % (bundles * articles))
    with open(gen, "rb") as f:
        stamp = hashlib.sha256(f.read()).hexdigest() + " %d %d %d schema %d" % (
            bundles, articles, body_words, schema_version(myelinctl))
    stamp_path = library + ".stamp"
    if os.path.exists(library) and os.path.exists(stamp_path) and open(stamp_path).read() == stamp:
        return library

    for suffix in ("", "-wal", "-shm", ".stamp"):
        if os.path.exists(library + suffix):
            os.remove(library + suffix)
    start = time.monotonic()
    files = [os.path.join(workdir, "library-bundle-%d.json" % (i + 1)) for i in range(bundles)]
    print("Generating %d bundles of %d articles…" % (bundles, articles), flush=True)
    # Two at a time: the machines this runs on have two cores.
    pending = list(enumerate(files))
    while pending:
        batch, pending = pending[:2], pending[2:]
        procs = [subprocess.Popen([sys.executable, gen, "--articles", str(articles),
                                   "--seed", str(100 + i), "--id", "org.example.library%d" % (i + 1),
                                   "--body-words", str(body_words), "--out", path])
                 for i, path in batch]
        for proc in procs:
            if proc.wait() != 0:
                raise SystemExit("gen-bundle.py failed")
    generated = time.monotonic()
    print("Importing them with myelinctl…", flush=True)
    subprocess.run([myelinctl, "--library", library, "import"] + files, check=True, stdout=subprocess.DEVNULL)
    for path in files:
        os.remove(path)
    with open(stamp_path, "w") as f:
        f.write(stamp)
    print("Library made in %.0f s (generating %.0f s, importing %.0f s).\n"
          % (time.monotonic() - start, generated - start, time.monotonic() - generated), flush=True)
    return library
