// generated_workspace.h: a workspace from the generator (core/gen/generator.h), loaded through the real
// loader, for the tests that need many resources (property tests, slicing, streaming, queries).
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include <doctest/doctest.h>

#include "core/gen/generator.h"
#include "core/io/load.h"

namespace qd::test {

inline Workspace GeneratedWorkspace(int64_t resources, uint64_t seed)
{
    GeneratorOptions o;
    o.resources = resources;
    o.seed = seed;
    LoadResult r = LoadWorkspace(GenerateWorkspace(o), "generated.json");
    REQUIRE_MESSAGE(r.ok, (r.errors.empty() ? std::string() : r.errors.front().str()));
    return std::move(r.workspace);
}

}  // namespace qd::test
