// Load benchmark (docs/architecture.md §4): time and memory of opening a workspace, beside a baseline parse
// of the same text in the same process.
//   native: `bench_load FILE...`        baseline = nlohmann::json::parse (a DOM of the same text)
//   wasm:   bench_load.js under node    baseline = JSON.parse (tools/bench/bench_load_node.mjs)
// Prints figures and ratios; asserts nothing (budgets are read, not tested).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/io/load.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#else
#include <sys/resource.h>
#endif

namespace {

double NowMs()
{
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// Loads text as a workspace; returns milliseconds, or a negative value if it failed.
double TimeLoad(const std::string& text, size_t& resources)
{
    double t0 = NowMs();
    qd::LoadResult r = qd::LoadWorkspace(text, "bench.json");
    double t1 = NowMs();
    if (!r.ok) {
        std::fprintf(stderr, "bench_load: %s\n", r.errors.empty() ? "failed" : r.errors[0].str().c_str());
        return -1;
    }
    resources = r.workspace.resources.size();
    return t1 - t0;
}

}  // namespace

#ifdef __EMSCRIPTEN__
extern "C" EMSCRIPTEN_KEEPALIVE double bench_load(const char* data, int size)
{
    size_t resources = 0;
    return TimeLoad(std::string(data, static_cast<size_t>(size)), resources);
}
#else
static long PeakRssKb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

int main(int argc, char** argv)
{
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string text = ss.str();
        const double mb = static_cast<double>(text.size()) / 1e6;

        long rss0 = PeakRssKb();
        size_t resources = 0;
        double load = TimeLoad(text, resources);
        long rssLoad = PeakRssKb();
        if (load < 0) return 1;

        double t0 = NowMs();
        auto dom = nlohmann::json::parse(text, nullptr, false);
        double domMs = NowMs() - t0;
        long rssDom = PeakRssKb();
        if (dom.is_discarded()) return 1;

        std::printf("%s: %.1f MB, %zu resources\n", argv[i], mb, resources);
        std::printf("  qd load         %8.1f ms  %6.1f MB/s  peak RSS +%.1f MB (%.2fx file)\n", load,
                    mb / (load / 1000), static_cast<double>(rssLoad - rss0) / 1024,
                    static_cast<double>(rssLoad - rss0) * 1024 / static_cast<double>(text.size()));
        std::printf("  nlohmann DOM    %8.1f ms  peak RSS +%.1f MB more\n", domMs,
                    static_cast<double>(rssDom - rssLoad) / 1024);
        std::printf("  ratio load/DOM  %8.2f\n", load / domMs);
    }
    return 0;
}
#endif
