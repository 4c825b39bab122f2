#!/usr/bin/env bash
# The C++ sources are formatted as .clang-format says (clang-format 14, the
# version of Debian 12; scripts/install-deps installs it). To fix a failure:
#   clang-format-14 -i $(git ls-files '*.cpp' '*.h')
set -euo pipefail
root=$1
formatter=$(command -v clang-format-14 || true)
if [[ -z $formatter ]]; then
  echo "format: clang-format-14 (Debian package clang-format-14) is missing; scripts/install-deps installs it" >&2
  exit 1
fi
cd "$root"
mapfile -t files < <(find src tests fuzz bench -name '*.cpp' -o -name '*.h' | sort)
((${#files[@]} > 50)) || { echo "format: only ${#files[@]} files found under $root" >&2; exit 1; }
if ! "$formatter" --dry-run --Werror "${files[@]}" 2>"${TMPDIR:-/tmp}/format.$$"; then
  grep -E '^[^ ].*(warning|error):' "${TMPDIR:-/tmp}/format.$$" | cut -d: -f1,2 | sort -u | head -20 >&2
  rm -f "${TMPDIR:-/tmp}/format.$$"
  echo "format: the files above differ from .clang-format" >&2
  exit 1
fi
rm -f "${TMPDIR:-/tmp}/format.$$"
echo "format: ${#files[@]} files as .clang-format says"
