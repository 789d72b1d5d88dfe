// Save benchmark (docs/performance.md "Saving"): SaveWorkspace and the piecewise WorkspaceSaveStream
// (2 MB pieces, as Ctrl+S and the save to browser storage write them) of a workspace file, beside a
// baseline in the same process: a copy of as many bytes as the saved text (what any writer must at
// least do). `bench_save [--runs N] [--only whole|stream] [--write OUT] FILE` (--write: SaveWorkspace's
// text into OUT, nothing timed: two builds' bytes compared). Prints figures and ratios; asserts
// nothing. Under callgrind, `--runs 1 --only stream` gives the writer's instruction count.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/io/load.h"
#include "core/io/save.h"

namespace {

double NowMs()
{
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

int main(int argc, char** argv)
{
    int runs = 3;
    std::string only, file, out;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
        else if (a == "--only" && i + 1 < argc) only = argv[++i];
        else if (a == "--write" && i + 1 < argc) out = argv[++i];
        else file = a;
    }
    if (file.empty()) {
        std::fprintf(stderr, "usage: bench_save [--runs N] [--only whole|stream] [--write OUT] FILE\n");
        return 2;
    }
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buf;
    buf << in.rdbuf();
    std::string text = buf.str();
    buf.str("");
    qd::LoadResult r = qd::LoadWorkspace(text, file);
    std::string().swap(text);
    if (!r.ok) {
        std::fprintf(stderr, "%s\n", r.errors.front().str().c_str());
        return 1;
    }
    if (!out.empty()) {  // the text, to compare two builds' bytes
        std::ofstream(out, std::ios::binary) << qd::SaveWorkspace(r.workspace);
        return 0;
    }
    std::vector<double> whole, stream, copy;
    std::size_t bytes = 0;
    for (int i = 0; i < runs; ++i) {
        if (only.empty() || only == "whole") {
            const double t0 = NowMs();
            const std::string text = qd::SaveWorkspace(r.workspace);
            whole.push_back(NowMs() - t0);
            bytes = text.size();
        }
        if (only.empty() || only == "stream") {
            const double t0 = NowMs();
            qd::WorkspaceSaveStream s(r.workspace);
            std::string piece;
            std::size_t n = 0;
            while (s.Next(piece, std::size_t{2} << 20)) n += piece.size();
            stream.push_back(NowMs() - t0);
            bytes = n;
        }
        std::vector<char> from(bytes, 'x'), to(bytes);
        const double t0 = NowMs();
        std::memcpy(to.data(), from.data(), bytes);
        copy.push_back(NowMs() - t0 + (to[bytes / 2] == 'y' ? 1 : 0));
    }
    const auto best = [](std::vector<double> v) { return v.empty() ? 0.0 : *std::min_element(v.begin(), v.end()); };
    std::printf("%s: %zu resources, %zu orders, saved %.1f MB\n", file.c_str(), r.workspace.resources.size(),
                r.workspace.orders.size(), bytes / 1e6);
    std::printf("  copy of %.1f MB (baseline): %.1f ms\n", bytes / 1e6, best(copy));
    if (!whole.empty())
        std::printf("  SaveWorkspace: best %.1f ms of %d (%.0f MB/s), %.1fx the copy\n", best(whole), runs,
                    bytes / 1e3 / best(whole), best(whole) / std::max(best(copy), 0.001));
    if (!stream.empty())
        std::printf("  WorkspaceSaveStream, 2 MB pieces: best %.1f ms of %d (%.0f MB/s), %.1fx the copy\n",
                    best(stream), runs, bytes / 1e3 / best(stream), best(stream) / std::max(best(copy), 0.001));
    return 0;
}
