#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fails when a translation listed in po/LINGUAS is broken or incomplete
# against the current sources: a fresh template is extracted from the
# files in po/POTFILES.in with the same xgettext options as the glib preset
# of i18n.gettext() (what `ninja myelin-pot` runs), each .po is merged with
# it, and the merge must have no fuzzy and no untranslated message.
#
# When it fails: `ninja -C BUILDDIR myelin-pot`, then for each language
# `msgmerge --update po/LL.po po/myelin.pot` and translate what is new.
set -u
top="${1:?usage: check-translations.sh SOURCE_ROOT}"
cd "$top" || exit 1
export LC_ALL=C LANGUAGE=

tmp=$(mktemp -d "${TMPDIR:-/tmp}/myelin-po-check.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

# The options of meson's glib preset (mesonbuild/modules/i18n.py), so the
# template is the one `ninja myelin-pot` would write.
if ! xgettext --package-name=myelin --directory="$top" \
       --files-from=po/POTFILES.in --output="$tmp/myelin.pot" \
       --from-code=UTF-8 --add-comments \
       --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
       --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
       --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
       --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
       --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
       --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
       --flag=g_markup_printf_escaped:1:c-format --flag=g_log:3:c-format \
       --flag=g_print:1:c-format --flag=g_printerr:1:c-format --flag=g_printf:1:c-format \
       --flag=g_fprintf:2:c-format --flag=g_sprintf:2:c-format --flag=g_snprintf:3:c-format \
       2>"$tmp/xgettext.log"; then
  cat "$tmp/xgettext.log"
  echo "xgettext could not extract the template from po/POTFILES.in"
  exit 1
fi

langs=$(sed -e 's/#.*//' -e 's/[[:space:]]//g' -e '/^$/d' po/LINGUAS)
status=0
checked=0

for po in po/*.po; do
  [ -e "$po" ] || continue
  lang=$(basename "$po" .po)
  if ! printf '%s\n' $langs | grep -qxF "$lang"; then
    echo "$po: not listed in po/LINGUAS, so it is never built or installed"
    status=1
  fi
done

for lang in $langs; do
  po="po/$lang.po"
  checked=$((checked + 1))
  if [ ! -f "$po" ]; then
    echo "$po: listed in po/LINGUAS but missing"
    status=1
    continue
  fi
  # The file itself: syntax, header, format strings, plural forms.
  if ! msgfmt --check --output-file=/dev/null "$po" 2>"$tmp/$lang.check"; then
    cat "$tmp/$lang.check"
    echo "$po: msgfmt --check fails"
    status=1
    continue
  fi
  # Against the current sources.
  if ! msgmerge --quiet --output-file="$tmp/$lang.po" "$po" "$tmp/myelin.pot" 2>"$tmp/$lang.merge"; then
    cat "$tmp/$lang.merge"
    echo "$po: msgmerge fails"
    status=1
    continue
  fi
  if ! msgfmt --check --statistics --output-file=/dev/null "$tmp/$lang.po" 2>"$tmp/$lang.stats"; then
    cat "$tmp/$lang.stats"
    echo "$po: msgfmt --check fails once merged with the current sources"
    status=1
    continue
  fi
  stats=$(tail -n 1 "$tmp/$lang.stats")
  if printf '%s' "$stats" | grep -qE 'fuzzy|untranslated'; then
    echo "$po: incomplete against the current sources: $stats"
    # Name the messages that need work.
    msgattrib --only-fuzzy --no-obsolete --no-wrap "$tmp/$lang.po" 2>/dev/null \
      | grep -E '^msgid ' | sed -n '2,$p' | sed "s|^|  fuzzy: |"
    msgattrib --untranslated --no-obsolete --no-wrap "$tmp/$lang.po" 2>/dev/null \
      | grep -E '^msgid ' | sed -n '2,$p' | sed "s|^|  untranslated: |"
    status=1
  else
    echo "$po: $stats"
  fi
done

if [ "$checked" -eq 0 ]; then
  echo "po/LINGUAS lists no language; nothing to check"
fi
exit $status
