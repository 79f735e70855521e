#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Makes sure the Debian 12 packages Myelin builds and tests with are
# installed: as root it installs what is missing, otherwise it prints the
# exact apt-get line and fails.
set -euo pipefail

packages=(
  gcc pkg-config meson ninja-build gettext python3
  libglib2.0-dev libglib2.0-dev-bin libjson-glib-dev libsqlite3-dev sqlite3
  libgtk-4-dev libadwaita-1-dev
  # language names for bundles (ISO 639 / 3166 tables and their translations)
  iso-codes
  # read aloud: speech-dispatcher's client library (the daemon is optional)
  libspeechd-dev
  appstream desktop-file-utils xvfb xauth
  # pdftotext, which reads back the PDF an article is saved as
  poppler-utils
  # kiosk mode's QR codes, and zbarimg, which reads them back in the tests
  libqrencode-dev zbar-tools
  # gtk4-update-icon-cache, which meson install runs (only a Recommends of GTK)
  libgtk-4-bin
  # .ci/run's fuzzers (clang's libFuzzer and sanitizer runtimes) and memcheck
  clang libclang-rt-14-dev valgrind
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  echo "Installing: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
else
  echo "Myelin needs these Debian packages. Install them with:" >&2
  echo "  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
