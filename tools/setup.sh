#!/usr/bin/env bash
# Idempotent set-up for a fresh Debian bookworm machine (run as root, or with sudo available).
# Installs what the build and tests need, from Debian's packages and the npm registry only,
# and unpacks Dear ImGui 1.86 (Debian source package) into build/third_party/imgui.
# Nothing fetched here is tracked in git.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"

# Debian packages: binary name -> package. Checked one by one so a warm machine skips apt entirely.
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in build-essential cmake ninja-build pkg-config emscripten nlohmann-json3-dev doctest-dev \
         fonts-noto-cjk python3 python3-fonttools chromium poppler-utils clang clang-format libclang-rt-14-dev dpkg-dev ca-certificates; do
  have_pkg "$p" || need+=("$p")
done
# node and npm may come from elsewhere (e.g. a newer Node.js already on the machine): check the commands.
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
fi

# A deb-src entry for SUITE, made from the machine's own `deb` entry for it (whatever mirror the machine
# uses, with its options and keyring): deb822 stanzas in /etc/apt/sources.list.d/*.sources, or one-line
# entries in /etc/apt/sources.list and /etc/apt/sources.list.d/*.list.
add_deb_src() {
  local suite=$1 entry f
  local stanzas=() lines=()
  for f in /etc/apt/sources.list.d/*.sources; do [ -f "$f" ] && stanzas+=("$f"); done
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do [ -f "$f" ] && lines+=("$f"); done
  entry=""
  [ ${#stanzas[@]} -gt 0 ] && entry=$(awk -v suite="$suite" '
    function flush() {
      if (types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") && uris != "") {
        print "Types: deb-src"; print "URIs: " uris; print "Suites: " suite; print "Components: main"
        if (signed != "") print "Signed-By: " signed
        found = 1; exit
      }
      types = uris = suites = signed = ""
    }
    FNR == 1 && NR > 1 { flush() }
    /^[ \t]*#/ { next }
    /^[ \t]*$/ { flush(); next }
    /^Types:/ { sub(/^Types:[ \t]*/, ""); types = $0 }
    /^URIs:/ { sub(/^URIs:[ \t]*/, ""); uris = $0 }
    /^Suites:/ { sub(/^Suites:[ \t]*/, ""); suites = $0 }
    /^Signed-By:[ \t]*[^ \t]/ { sub(/^Signed-By:[ \t]*/, ""); signed = $0 }
    END { if (!found) flush() }
  ' "${stanzas[@]}")
  if [ -n "$entry" ]; then
    echo "setup: adding a deb-src entry for $suite from the machine's apt sources ($(grep '^URIs' <<<"$entry"))"
    printf '%s\n' "$entry" | $SUDO tee /etc/apt/sources.list.d/quotedesk-deb-src.sources >/dev/null
    return 0
  fi
  # One-line form: deb [options] URI SUITE COMPONENTS...
  [ ${#lines[@]} -gt 0 ] && entry=$(awk -v suite="$suite" '$1 == "deb" { i = 2; opts = ""
      if ($2 ~ /^\[/) { while (i <= NF) { opts = opts (opts == "" ? "" : " ") $i; if ($i ~ /\]$/) { i++; break } i++ } }
      if ($(i + 1) == suite) { print "deb-src " (opts == "" ? "" : opts " ") $i " " suite " main"; exit } }' "${lines[@]}")
  if [ -n "$entry" ]; then
    echo "setup: adding a deb-src entry from the machine's apt sources: $entry"
    printf '%s\n' "$entry" | $SUDO tee /etc/apt/sources.list.d/quotedesk-deb-src.list >/dev/null
    return 0
  fi
  echo "setup: no 'deb' entry for $suite in the apt sources: add a deb-src entry for $suite main by hand" >&2
  return 1
}

# Dear ImGui sources: Debian ships only headers in libimgui-dev, so take the source package.
IMGUI="$ROOT/build/third_party/imgui"
if [ ! -f "$IMGUI/imgui.cpp" ]; then
  if ! apt-get source --print-uris imgui >/dev/null 2>&1; then
    add_deb_src bookworm
    $SUDO apt-get update -qq
  fi
  tmp=$(mktemp -d)
  (cd "$tmp" && apt-get source -qq --download-only imgui=1.86+ds-1 && dpkg-source -x --skip-patches ./*.dsc src >/dev/null)
  mkdir -p "$(dirname "$IMGUI")"
  rm -rf "$IMGUI" && mv "$tmp/src" "$IMGUI" && rm -rf "$tmp"
  echo "setup: Dear ImGui $(grep -m1 'define IMGUI_VERSION ' "$IMGUI/imgui.h" | cut -d'"' -f2) in $IMGUI"
fi

# simdjson 3.x (the loader's fast path, docs/performance.md): Debian's source package, its single-header
# amalgamation (singleheader/simdjson.{h,cpp}) unpacked into build/third_party/simdjson, as Dear ImGui is.
SIMDJSON="$ROOT/build/third_party/simdjson"
if [ ! -f "$SIMDJSON/singleheader/simdjson.cpp" ]; then
  tmp=$(mktemp -d)
  # (the deb-src entry is the one the Dear ImGui step makes sure of)
  (cd "$tmp" && apt-get source -qq --download-only simdjson && dpkg-source -x --skip-patches ./*.dsc src >/dev/null)
  mkdir -p "$(dirname "$SIMDJSON")"
  rm -rf "$SIMDJSON" && mv "$tmp/src" "$SIMDJSON" && rm -rf "$tmp"
  echo "setup: simdjson $(awk '/define SIMDJSON_VERSION /{print $3; exit}' "$SIMDJSON/singleheader/simdjson.h") in $SIMDJSON"
fi

# npm packages (browser test driver), pinned by package-lock.json.
if [ ! -d node_modules/playwright-core ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
