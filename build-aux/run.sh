#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds Myelin and opens it on the bundled sample library.
# The library lives in a folder of its own (_build/sample-home), so your
# own library is never touched; pass --own-library to use yours.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/build.sh

if [ "${1:-}" != "--own-library" ]; then
  export XDG_DATA_HOME="$PWD/_build/sample-home/data"
  export XDG_CONFIG_HOME="$PWD/_build/sample-home/config"
  # Settings in a file beside the sample library, not in your dconf.
  export GSETTINGS_BACKEND=keyfile
  mkdir -p "$XDG_DATA_HOME" "$XDG_CONFIG_HOME"
fi

# Uninstalled: the schema and the sample bundle come from the build and
# source trees. On first run the app imports the sample by itself.
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
export MYELIN_SAMPLE_BUNDLE="$PWD/data/bundles/ms-research-digest.json"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "No display: showing the sample library with myelinctl instead." >&2
  _build/src/cli/myelinctl --library "${XDG_DATA_HOME:-$HOME/.local/share}/myelin/library.db" \
    import "$MYELIN_SAMPLE_BUNDLE" || true
  exec _build/src/cli/myelinctl --library "${XDG_DATA_HOME:-$HOME/.local/share}/myelin/library.db" list
fi
exec _build/src/myelin
