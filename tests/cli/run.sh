#!/usr/bin/env bash
# CLI golden tests. Each case is a folder tests/cli/cases/NAME/ with:
#   args           the command line after `quotedesk` (one line; paths relative to the repo root)
#   expected.code  the exit code
#   expected.out   stdout (optional; compared exactly)
#   expected.err   stderr (optional; compared exactly)
# Run from anywhere: run.sh PATH/TO/quotedesk. Set UPDATE=1 to rewrite the expected files, ONLY=GLOB
# to run (or rewrite) only the cases whose names match.
set -uo pipefail
bin=$(realpath "$1")
root=${QD_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root"
pass=0; fail=0
for dir in tests/cli/cases/*/; do
  name=$(basename "$dir")
  # shellcheck disable=SC2053  # ONLY is a glob on purpose
  [ -n "${ONLY:-}" ] && [[ $name != $ONLY ]] && continue
  read -r -a args < "$dir/args"
  out=$("$bin" "${args[@]}" 2>/tmp/qd-cli-err.$$); code=$?
  err=$(cat /tmp/qd-cli-err.$$)
  if [ "${UPDATE:-0}" = 1 ]; then
    echo "$code" > "$dir/expected.code"; printf '%s\n' "$out" > "$dir/expected.out"; printf '%s\n' "$err" > "$dir/expected.err"
  fi
  ok=1
  [ "$code" = "$(cat "$dir/expected.code")" ] || { echo "  exit $code, expected $(cat "$dir/expected.code")"; ok=0; }
  if [ -f "$dir/expected.out" ] && [ "$out" != "$(cat "$dir/expected.out")" ]; then
    echo "  stdout differs:"; diff <(printf '%s\n' "$out") "$dir/expected.out" | head -20; ok=0
  fi
  if [ -f "$dir/expected.err" ] && [ "$err" != "$(cat "$dir/expected.err")" ]; then
    echo "  stderr differs:"; diff <(printf '%s\n' "$err") "$dir/expected.err" | head -20; ok=0
  fi
  if [ $ok = 1 ]; then pass=$((pass+1)); else fail=$((fail+1)); echo "FAIL $name"; fi
done
rm -f /tmp/qd-cli-err.$$
echo "cli: $pass passed, $fail failed"
[ $fail = 0 ]
