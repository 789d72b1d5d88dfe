// Forecast memory benchmark (docs/performance.md "The forecast's charges by position"): what the 概览
// page's 12-month auto-renew forecast holds once built, and what its build needs on top at its peak,
// beside what the opened workspace itself holds, in the same process (malloc's bytes in use, read
// after each step). The forecast is built as the overview builds it: sliced, the overview's slice
// sizes. Prints figures and ratios; asserts nothing.
//   native: build/native/bench_forecast FILE
//   wasm:   node --no-experimental-fetch build/wasm/bench_forecast.js FILE   (NODERAWFS)
#include <malloc.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "core/engine/forecast.h"
#include "core/io/load.h"

namespace {

// What malloc has handed out and not taken back (block overheads included).
long long InUse()
{
#ifdef __EMSCRIPTEN__
    return mallinfo().uordblks;
#else
    return static_cast<long long>(mallinfo2().uordblks);
#endif
}

double Mb(long long bytes) { return static_cast<double>(bytes) / 1e6; }

}  // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_forecast FILE\n");
        return 2;
    }
    const long long atStart = InUse();
    qd::LoadResult loaded;
    {
        std::ifstream in(argv[1], std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        loaded = qd::LoadWorkspace(ss.str(), argv[1]);
    }
    if (!loaded.ok) {
        std::fprintf(stderr, "%s: not loaded\n", argv[1]);
        return 1;
    }
    const qd::Workspace& ws = loaded.workspace;
    const long long workspace = InUse() - atStart;

    // The overview's slices (wasm/ui/page_overview.cpp kForecastSlices).
    const long long before = InUse();
    long long peak = before;
    qd::ForecastBuilder builder(ws, *ws.as_of, qd::kDefaultForecastMonths, qd::ForecastSlices{32, 8192, 4096});
    int steps = 0;
    while (!builder.Step(0)) {
        ++steps;
        peak = std::max(peak, InUse());
    }
    const qd::Forecast forecast = builder.take();
    const long long held = InUse() - before;
    const std::size_t charges = forecast.charges.size();

    std::printf("%s: %zu resources, %.1f MB in use for the workspace\n", argv[1], ws.resources.size(), Mb(workspace));
    std::printf("forecast: %zu charges of %zu bytes (sizeof ForecastCharge), capacity %zu: %.1f MB of charges\n",
                charges, sizeof(qd::ForecastCharge), forecast.charges.capacity(),
                Mb(static_cast<long long>(forecast.charges.capacity() * sizeof(qd::ForecastCharge))));
    std::printf("held after the build: %.1f MB (%.1f bytes per charge; %.3fx the workspace)\n", Mb(held),
                charges ? static_cast<double>(held) / static_cast<double>(charges) : 0.0,
                workspace ? static_cast<double>(held) / static_cast<double>(workspace) : 0.0);
    // (no time: reading malloc's figures walks the whole heap under emscripten, after every step)
    std::printf("peak during the build: %.1f MB above the workspace (%.3fx it), read after each of %d steps\n",
                Mb(peak - before),
                workspace ? static_cast<double>(peak - before) / static_cast<double>(workspace) : 0.0, steps);
    return 0;
}
