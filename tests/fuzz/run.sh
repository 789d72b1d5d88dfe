#!/usr/bin/env bash
# Runs every fuzz target for a bounded time (FUZZ_SECONDS, default 30) from the repo's seeds.
# New inputs go to a scratch corpus under build/; a crash leaves its input there and fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$root/build/fuzz/tests/fuzz
secs=${FUZZ_SECONDS:-30}
corpus=$root/build/fuzz/corpus-load
mkdir -p "$corpus"
seeds=()
for d in "$root/assets" "$root/tests/bad-input" "$root/tests/huawei"; do [ -d "$d" ] && seeds+=("$d"); done
"$bin/fuzz_load" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$root/build/fuzz/" -print_final_stats=1 "$corpus" "${seeds[@]}" 2>&1 | tail -n 12
