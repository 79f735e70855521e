#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Installs what is missing (or says what to install), then builds Myelin in
# _build with warnings as errors. Shared by run.sh and test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/deps.sh

if [ ! -f _build/build.ninja ]; then
  meson setup _build --werror
fi
ninja -C _build
