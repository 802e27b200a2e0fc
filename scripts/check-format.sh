#!/bin/bash
# One style (.clang-format, Debian 12's clang-format 14) for every C++ file: lists the files that
# `clang-format-14 -i` would change and fails when there are any. Fix with:
#   git ls-files '*.cpp' '*.hpp' | xargs clang-format-14 -i
set -euo pipefail
cd "$(dirname "$0")/.."
format=${CLANG_FORMAT:-clang-format-14}
command -v "$format" >/dev/null || { echo "check-format: $format is not installed (scripts/install-deps.sh --test)" >&2; exit 2; }
mapfile -t files < <(git ls-files '*.cpp' '*.hpp' 2>/dev/null || find src tests bench -name '*.cpp' -o -name '*.hpp')
# One run over every file; clang-format names each place that differs ("file:line:col: error:").
out=$("$format" --dry-run --Werror "${files[@]}" 2>&1) && exit 0
grep -o '^[^:]*:[0-9]*:[0-9]*: error' <<<"$out" | cut -d: -f1 | sort -u | sed 's/^/check-format: not formatted: /'
exit 1
