#!/usr/bin/env bash
# Fails when a tracked C++ file is not in the house format (.clang-format; docs/contributing.md).
# Fix with: tools/check_format.sh --fix
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG_FORMAT=${CLANG_FORMAT:-clang-format}
mapfile -t files < <(git ls-files '*.cpp' '*.h' '*.inc' 2>/dev/null || find wasm tools tests \( -name '*.cpp' -o -name '*.h' -o -name '*.inc' \))
if [ "${1:-}" = "--fix" ]; then
  "$CLANG_FORMAT" -i "${files[@]}"
  exit 0
fi
if ! "$CLANG_FORMAT" --dry-run -Werror "${files[@]}" 2>/tmp/qd-format.$$; then
  grep -E '^[^ ].*: (error|warning):' /tmp/qd-format.$$ | cut -d: -f1 | sort -u | sed 's/^/not formatted: /' >&2
  rm -f /tmp/qd-format.$$
  echo "format: run tools/check_format.sh --fix (clang-format $("$CLANG_FORMAT" --version | grep -oE '[0-9]+\.[0-9.]+' | head -1))" >&2
  exit 1
fi
rm -f /tmp/qd-format.$$
echo "format: ${#files[@]} C++ files in the house format"
