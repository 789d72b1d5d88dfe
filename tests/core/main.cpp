// The doctest runner shared by every core suite (native and wasm-under-node).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
