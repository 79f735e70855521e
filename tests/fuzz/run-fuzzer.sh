#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs one libFuzzer target for a bounded time from its seed corpus.
# Fails on any crash, leak, sanitizer report, hang (a unit over 10 s) or
# memory blow-up (over 2 GiB); the input that did it is kept in ARTIFACTS.
# Usage: run-fuzzer.sh FUZZER SEED-CORPUS ARTIFACTS SECONDS [libFuzzer args]
set -euo pipefail

fuzzer=$1 seeds=$2 artifacts=$3 seconds=$4
shift 4
name=$(basename "$fuzzer")

mkdir -p "$artifacts"
# New inputs go to a scratch corpus, never into the source tree.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/$name-corpus-XXXXXX")
trap 'rm -rf "$scratch"' EXIT

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
# GLib 2.74's slice allocator would hide leaks and overruns from ASan.
export G_SLICE=always-malloc

"$fuzzer" "$scratch" "$seeds" \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
  -print_final_stats=1 -artifact_prefix="$artifacts/$name-" "$@"
