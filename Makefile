# QuoteDesk: the two commands of the README, and the steps they are made of.
#   make run    set up what is missing, build, serve dist/ on http://127.0.0.1:8080/
#   make test   set up what is missing, build native and wasm, run every test
# Everything real lives in CMake (CMakePresets.json), tools/ and tests/; this file only orders it.
SHELL := /bin/bash
PORT ?= 8080
# Debian's emscripten finds its node modules here; set NODE_PATH to use another place.
export NODE_PATH ?= /usr/share/nodejs

.PHONY: run test setup native wasm asan fuzzers fuzz dist bench clean format

run: dist
	node tools/serve.mjs dist $(PORT)

test: setup native asan dist fuzzers
	bash tools/check_format.sh
	bash tools/check_docs.sh
	ctest --preset native
	ctest --preset asan
	ctest --preset wasm
	bash tests/fuzz/run.sh
	node tests/web/smoke.mjs
	node tests/web/platform.mjs
	node tests/web/storage.mjs
	node tests/web/load_streamed.mjs
	node tests/web/load_progress.mjs
	node tests/web/api_parity.mjs
	node tests/web/procedures.mjs
	node tests/web/settings.mjs
	node tests/web/print.mjs
	node tests/web/a11y.mjs
	node tests/web/links.mjs
	node tests/web/widths.mjs

setup:
	@bash tools/setup.sh

native: setup
	cmake --preset native >/dev/null
	cmake --build --preset native

wasm: setup
	cmake --preset wasm >/dev/null
	cmake --build --preset wasm

# The core tests and the CLI goldens again under ASan + UBSan (clang, -O1).
asan: setup
	cmake --preset asan >/dev/null
	cmake --build --preset asan

# The fuzz targets (tests/fuzz): `make test` runs each for 20 s; `make fuzz` for FUZZ_SECONDS (600) each.
fuzzers: setup
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz

fuzz: fuzzers
	FUZZ_SECONDS=$${FUZZ_SECONDS:-600} bash tests/fuzz/run.sh

dist: wasm
	bash tools/dist.sh

bench: native dist
	bash tools/bench/run.sh

format:
	bash tools/check_format.sh --fix

clean:
	rm -rf build/native build/wasm build/asan build/fuzz dist
