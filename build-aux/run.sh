#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds Myelin and opens it on the bundled sample library.
# The library lives in a folder of its own (_build/sample-home), so your
# own library is never touched; pass --own-library to use yours.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/build.sh
builddir=_build

if [ "${1:-}" != "--own-library" ]; then
  export XDG_DATA_HOME="$PWD/$builddir/sample-home/data"
fi

ctl="$builddir/src/cli/myelinctl"
app="$builddir/src/app/myelin"

if [ -x "$app" ]; then
  # The app imports the sample bundle itself on first run.
  export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data"
  exec "$app"
fi

# Until the reader window lands, show the sample library with myelinctl.
"$ctl" import data/bundles/ms-research-digest.json || true
"$ctl" bundles
echo
"$ctl" list
