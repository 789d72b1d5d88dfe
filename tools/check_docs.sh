#!/usr/bin/env bash
# Every "docs/FILE.md §N" cited in the code (wasm, tools, tests, site) names a heading that exists
# ("## N. ..." or "### N.M ..."), and no code cites anything outside the repository (../shared).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
bad=0
while IFS= read -r ref; do
  file=${ref%% §*}
  section=${ref##*§}
  if [ ! -f "$file" ]; then echo "check_docs: $ref: no such file"; bad=1; continue; fi
  grep -qE "^#+ ${section//./\\.}([. ]|$)" "$file" || { echo "check_docs: $ref: no such section"; bad=1; }
done < <(grep -rhoE "docs/[a-z0-9-]+\.md §[0-9]+(\.[0-9]+)*" wasm tools tests site | sort -u)
if grep -rn "\.\./shared" wasm tools tests site --include=*.cpp --include=*.h --include=*.inc --include=*.mjs --include=*.js \
     --include=*.sh | grep -v "^tools/check_docs.sh"; then
  echo "check_docs: the lines above cite ../shared (inputs, not part of the product): cite docs/ instead"; bad=1
fi
[ "$bad" -eq 0 ] && echo "docs: every citation resolves"
exit "$bad"
