#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Builds Myelin (warnings are errors) and runs the whole test suite.
# Usage: build-aux/test.sh [extra meson test arguments]
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/build.sh
builddir=_build
meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@"
