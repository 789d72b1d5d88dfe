// fuzz_common.h: what the fuzz targets share: the hand-checked sample workspace (assets/README.md),
// read once per process, and the one way a target reports a broken contract (abort, which libFuzzer
// records as a crash with its input).
#pragma once

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "core/io/load.h"
#include "core/io/save.h"

namespace qd::fuzz {

// A contract the target checks did not hold: say which, then crash so the input is kept.
[[noreturn]] inline void Broken(const char* what)
{
    std::fprintf(stderr, "fuzz contract broken: %s\n", what);
    std::abort();
}

// The sample workspace, loaded once (the targets run from anywhere: QD_SOURCE_DIR is the repo root).
inline const Workspace& Sample()
{
    static const Workspace sample = [] {
        std::ifstream in(std::string(QD_SOURCE_DIR) + "/assets/sample-workspace.json", std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        LoadResult r = LoadWorkspace(text.str(), "sample-workspace.json");
        if (!r.ok) Broken("the sample workspace does not load");
        return std::move(r.workspace);
    }();
    return sample;
}

}  // namespace qd::fuzz
