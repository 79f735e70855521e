#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Writes the screenshots the README and the AppStream metadata show
# (desktop, narrow, dark, detail) into data/screenshots/, from the real
# window on the sample library, under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."

bash build-aux/build.sh
mkdir -p data/screenshots

export GSETTINGS_BACKEND=memory
export GSETTINGS_SCHEMA_DIR="$PWD/_build/data"
export GTK_A11Y=test
export LC_ALL=C.UTF-8
export MYELIN_SAMPLE_BUNDLE="$PWD/data/bundles/ms-research-digest.json"
export MYELIN_SCREENSHOT_DIR="$PWD/data/screenshots"

xvfb-run -a -s '-screen 0 1400x1000x24' _build/tests/test-window -p /window/screenshots
ls -l data/screenshots
