#!/usr/bin/env bash
# Runs every fuzz target for a bounded time each (FUZZ_SECONDS, default 20; `make fuzz-long` gives
# 600) from the repository's seeds: the sample and bad-input corpus, Huawei's published responses and
# our fixtures of them, and tests/fuzz/seeds/. New inputs go to a scratch corpus per target under
# build/fuzz/; a crash leaves its input there (crash-*) and fails the run. Each target's last lines
# (executions, coverage) are printed for the record.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
bin=$root/build/fuzz/tests/fuzz
secs=${FUZZ_SECONDS:-20}
huawei=("$root/tests/huawei" "$root/tests/huawei/published" "$root/tests/huawei/sdk")
declare -A seeds=(
  [fuzz_load]="$root/assets $root/tests/bad-input ${huawei[*]}"
  [fuzz_api_args]="$root/tests/fuzz/seeds/api_args"
  [fuzz_patch]="$root/tests/fuzz/seeds/patch"
  [fuzz_huawei_orders]="${huawei[*]}"
  [fuzz_huawei_order_details]="${huawei[*]}"
  [fuzz_huawei_resources]="${huawei[*]}"
  [fuzz_huawei_renew_prices]="${huawei[*]}"
)
for target in fuzz_load fuzz_api_args fuzz_patch fuzz_huawei_orders fuzz_huawei_order_details fuzz_huawei_resources \
              fuzz_huawei_renew_prices; do
  corpus=$root/build/fuzz/corpus-${target#fuzz_}
  mkdir -p "$corpus"
  echo "== $target ($secs s)"
  log=$root/build/fuzz/$target.log
  status=0
  # shellcheck disable=SC2086 # the seed lists are space-separated directories
  "$bin/$target" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$root/build/fuzz/$target-" -print_final_stats=1 "$corpus" ${seeds[$target]} >"$log" 2>&1 ||
    status=$?
  grep -E '^(stat::number_of_executed_units|stat::peak_rss_mb|Done )|DONE|fuzz contract|SUMMARY|ERROR' "$log" || true
  if [ "$status" -ne 0 ]; then tail -n 40 "$log"; echo "$target failed: its input is build/fuzz/$target-*"; exit 1; fi
done
