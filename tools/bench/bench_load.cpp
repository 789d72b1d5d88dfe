// Load benchmark (docs/architecture.md §4): time and memory of opening a workspace, beside a baseline parse
// of the same text in the same process.
//   native: `bench_load FILE...`        baseline = nlohmann::json::parse (a DOM of the same text);
//                                        the fast path (LoadPath::Auto) beside the precise reader
//   wasm:   bench_load.js under node    baseline = JSON.parse (tools/bench/bench_load_node.mjs)
//   `bench_load --bytes FILE` (and bench_load_bytes in wasm): where the bytes of the workspace go
//                                        (workspace_bytes.h), beside what malloc says is in use
// Prints figures and ratios; asserts nothing (budgets are read, not tested).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <fstream>
#include <sstream>
#include <string>

#include <malloc.h>

#include <nlohmann/json.hpp>

#include "core/io/json_structure.h"
#include "core/io/load.h"
#include "core/io/workspace_patch.h"
#include "core/report/workspace_history.h"
#include "workspace_bytes.h"  // beside this file

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

// Loads text as a workspace on one path (docs/performance.md); returns milliseconds, or a negative value if it failed.
double TimeLoad(const std::string& text, size_t& resources, qd::LoadPath path = qd::LoadPath::Auto)
{
    double t0 = NowMs();
    qd::LoadResult r = qd::LoadWorkspace(text, "bench.json", path, text.capacity());
    double t1 = NowMs();
    if (!r.ok) {
        std::fprintf(stderr, "bench_load: %s\n", r.errors.empty() ? "failed" : r.errors[0].str().c_str());
        return -1;
    }
    resources = r.workspace.resources.size();
    return t1 - t0;
}

// The text with kLoadPadding bytes to spare after it, as the app stages a file (read in place).
std::string Padded(const char* data, size_t size)
{
    std::string text;
    text.reserve(size + qd::kLoadPadding);
    text.assign(data, size);
    return text;
}

// Bytes malloc has handed out and not taken back.
uint64_t InUse()
{
#ifdef __EMSCRIPTEN__
    return static_cast<unsigned>(mallinfo().uordblks);
#else
    return mallinfo2().uordblks + mallinfo2().hblkhd;  // hblkhd: the large blocks glibc maps apart
#endif
}

// Where the bytes of the workspace read from `text` go (workspace_bytes.h), by category, as MB and
// as a ratio of the file's size, beside what malloc says the workspace holds.
int PrintBytes(const std::string& text)
{
    const uint64_t before = InUse();
    qd::LoadResult r = qd::LoadWorkspace(text, "bench.json", qd::LoadPath::Auto, text.capacity());
    const uint64_t after = InUse();
    if (!r.ok) return 1;
    const qd::bench::WorkspaceBytes bytes(r.workspace);
    const double file = static_cast<double>(text.size());
    std::printf("  where the bytes go (%zu-bit, file %.1f MB):\n", sizeof(void*) * 8, file / 1e6);
    std::vector<std::pair<uint64_t, std::string>> rows;
    for (const auto& [k, v] : bytes.byCategory()) rows.emplace_back(v, k);
    std::sort(rows.rbegin(), rows.rend());
    for (const auto& [v, k] : rows)
        std::printf("    %-40s %8.1f MB  %5.3fx file\n", k.c_str(), static_cast<double>(v) / 1e6,
                    static_cast<double>(v) / file);
    std::printf("    %-40s %8.1f MB  %5.3fx file\n", "total (counted)", static_cast<double>(bytes.total()) / 1e6,
                static_cast<double>(bytes.total()) / file);
    std::printf("    %-40s %8.1f MB  %5.3fx file\n", "malloc in use after the load - before",
                static_cast<double>(after - before) / 1e6, static_cast<double>(after - before) / file);
    const uint64_t estimate = qd::EstimateWorkspaceBytes(r.workspace);
    std::printf("    %-40s %8.1f MB  %5.3fx file\n", "EstimateWorkspaceBytes (the history's)",
                static_cast<double>(estimate) / 1e6, static_cast<double>(estimate) / file);
    const uint64_t beforePrints = InUse();
    const qd::WorkspaceFingerprints prints = qd::WorkspaceFingerprints::Of(r.workspace);
    const uint64_t afterPrints = InUse();
    std::printf("    %-40s %8.1f MB  %5.3fx file (malloc: %.1f MB)\n", "the journal's fingerprints of it",
                static_cast<double>(prints.bytes()) / 1e6, static_cast<double>(prints.bytes()) / file,
                static_cast<double>(afterPrints - beforePrints) / 1e6);
#ifdef __EMSCRIPTEN__
    std::printf("    %-40s %8.1f MB  %5.3fx file\n", "malloc's peak footprint (text included)",
                static_cast<double>(static_cast<unsigned>(mallinfo().usmblks)) / 1e6,
                static_cast<double>(static_cast<unsigned>(mallinfo().usmblks)) / file);
#endif
    return 0;
}

}  // namespace

#ifdef __EMSCRIPTEN__
extern "C" EMSCRIPTEN_KEEPALIVE int bench_load_bytes(const char* data, int size)
{
    return PrintBytes(Padded(data, static_cast<size_t>(size)));
}

// path: 0 auto (the fast path), 2 precise (docs/performance.md).
extern "C" EMSCRIPTEN_KEEPALIVE double bench_load(const char* data, int size, int path)
{
    size_t resources = 0;
    return TimeLoad(Padded(data, static_cast<size_t>(size)), resources, static_cast<qd::LoadPath>(path));
}
#else
static long PeakRssKb()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

// A text in memory lent a piece at a time, as the page lends the file it keeps (load.h TextSource).
class MemorySource final : public qd::TextSource {
public:
    explicit MemorySource(const std::string& text) : text_(text) {}
    std::size_t size() const override { return text_.size(); }
    void copy(std::size_t offset, std::size_t n, char* to) const override { std::memcpy(to, text_.data() + offset, n); }

private:
    const std::string& text_;
};

// `bench_load --only fast|precise|streamed FILE`: one load on one path and nothing else, for
// instruction counts (valgrind --tool=callgrind, docs/performance.md). streamed: the fast path read a
// piece at a time through a TextSource (LoadWorkspaceStreamed) with the 128-bit SIMD stage 1, as the
// browser opens a file (json_structure.h; natively simdjson would pick its own AVX2 stage 1).
int LoadOnce(const char* pathName, const char* fileName)
{
    std::ifstream in(fileName, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string file = ss.str();
    const std::string text = Padded(file.data(), file.size());
    size_t resources = 0;
    if (std::string(pathName) == "streamed") {
        qd::ChooseStage1(qd::Stage1::Simd128);
        const double t0 = NowMs();
        std::optional<qd::LoadResult> r = qd::LoadWorkspaceStreamed(MemorySource(file), "bench.json");
        const double ms = NowMs() - t0;
        if (!r) {
            std::fprintf(stderr, "bench_load: the streamed fast path did not take %s\n", fileName);
            return 1;
        }
        std::printf("%s: streamed fast path, %zu resources, %.1f ms\n", fileName, r->workspace.resources.size(), ms);
        return 0;
    }
    const qd::LoadPath path = std::string(pathName) == "precise" ? qd::LoadPath::Precise : qd::LoadPath::Fast;
    const double ms = TimeLoad(text, resources, path);
    std::printf("%s: %s path, %zu resources, %.1f ms\n", fileName, pathName, resources, ms);
    return ms < 0 ? 1 : 0;
}

int main(int argc, char** argv)
{
    if (argc == 4 && std::string(argv[1]) == "--only") return LoadOnce(argv[2], argv[3]);
    if (argc == 3 && std::string(argv[1]) == "--bytes") {
        std::ifstream in(argv[2], std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string file = ss.str();
        std::printf("%s\n", argv[2]);
        return PrintBytes(Padded(file.data(), file.size()));
    }
    for (int i = 1; i < argc; ++i) {
        std::ifstream in(argv[i], std::ios::binary);
        std::stringstream ss;
        ss << in.rdbuf();
        const std::string file = ss.str();
        const std::string text = Padded(file.data(), file.size());
        const double mb = static_cast<double>(text.size()) / 1e6;

        // The precise reader first (it needs less memory than the fast path, so the peak RSS after it
        // is its own), then the fast path; then the best of 3 runs of each, alternating.
        long rss0 = PeakRssKb();
        size_t resources = 0;
        double precise = TimeLoad(text, resources, qd::LoadPath::Precise);
        long rssPrecise = PeakRssKb();
        double load = TimeLoad(text, resources);
        long rssLoad = PeakRssKb();
        if (load < 0 || precise < 0) return 1;
        for (int run = 0; run < 2; ++run) {
            precise = std::min(precise, TimeLoad(text, resources, qd::LoadPath::Precise));
            load = std::min(load, TimeLoad(text, resources));
        }

        double t0 = NowMs();
        auto dom = nlohmann::json::parse(text, nullptr, false);
        double domMs = NowMs() - t0;
        long rssDom = PeakRssKb();
        if (dom.is_discarded()) return 1;

        std::printf("%s: %.1f MB, %zu resources\n", argv[i], mb, resources);
        std::printf("  qd load (fast)  %8.1f ms  %6.1f MB/s  peak RSS +%.1f MB more\n", load, mb / (load / 1000),
                    static_cast<double>(rssLoad - rssPrecise) / 1024);
        std::printf("  qd load precise %8.1f ms  %6.1f MB/s  peak RSS +%.1f MB (%.2fx file)\n", precise,
                    mb / (precise / 1000), static_cast<double>(rssPrecise - rss0) / 1024,
                    static_cast<double>(rssPrecise - rss0) * 1024 / static_cast<double>(text.size()));
        std::printf("  nlohmann DOM    %8.1f ms  peak RSS +%.1f MB more\n", domMs,
                    static_cast<double>(rssDom - rssLoad) / 1024);
        std::printf("  ratio fast/precise %5.2f   fast/DOM %5.2f   precise/DOM %5.2f\n", load / precise, load / domMs,
                    precise / domMs);
    }
    return 0;
}
#endif
