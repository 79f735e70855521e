#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a source, UI or data file with translatable strings is missing
# from po/POTFILES.in, or when POTFILES.in names a file that does not exist.
set -u
top="${1:?usage: check-potfiles.sh SOURCE_ROOT}"
cd "$top" || exit 1

listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
status=0

found=$( { grep -lE '(^|[^a-zA-Z_])N?_\(' src --include='*.c' -r;
           grep -l 'translatable="yes"' data -r --include='*.ui' --include='*.xml' --include='*.xml.in';
           grep -lE '^_?(Name|Comment|Keywords)=' data -r --include='*.desktop.in'; } 2>/dev/null | sort -u)

for f in $found; do
  if ! printf '%s\n' "$listed" | grep -qxF "$f"; then
    echo "not in po/POTFILES.in: $f"
    status=1
  fi
done
for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "po/POTFILES.in names a missing file: $f"
    status=1
  fi
done
if [ "$listed" != "$(grep -v '^#' po/POTFILES.in | sed '/^$/d')" ]; then
  echo "po/POTFILES.in is not sorted"
  status=1
fi
exit $status
