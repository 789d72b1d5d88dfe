// load_paths.h: the two paths of LoadWorkspace (docs/performance.md) on one text must agree: the same
// model (compared as saved JSON, which includes every unknown member's text) or both refuse, and
// LoadPath::Auto must give exactly the precise reader's errors. Used by test_load_paths.cpp and by
// the loader fixtures (workspace_fixture.h), so every document a loader test builds is checked too.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "core/io/load.h"
#include "core/io/save.h"

namespace qd::test {

// Returns the precise reader's result (what LoadWorkspace gave before the fast path).
inline LoadResult LoadBothPaths(std::string_view text, std::string_view name = "t.json")
{
    LoadResult precise = LoadWorkspace(text, name, LoadPath::Precise);
    std::string padded;  // read in place: the buffer has kLoadPadding bytes to spare
    padded.reserve(text.size() + kLoadPadding);
    padded.assign(text);
    LoadResult fast = LoadWorkspace(padded, name, LoadPath::Fast, padded.capacity());
    LoadResult copied = LoadWorkspace(text, name, LoadPath::Fast);  // read from a padded copy
    LoadResult automatic = LoadWorkspace(text, name);
    INFO("file: " << name);
    CHECK(fast.ok == precise.ok);
    CHECK(copied.ok == precise.ok);
    CHECK(automatic.ok == precise.ok);
    if (precise.ok) {
        const std::string saved = SaveWorkspace(precise.workspace);
        if (fast.ok) CHECK(SaveWorkspace(fast.workspace) == saved);
        if (copied.ok) CHECK(SaveWorkspace(copied.workspace) == saved);
        if (automatic.ok) CHECK(SaveWorkspace(automatic.workspace) == saved);
    } else {
        REQUIRE(automatic.errors.size() == precise.errors.size());
        for (std::size_t i = 0; i < precise.errors.size(); ++i)
            CHECK(automatic.errors[i].str() == precise.errors[i].str());
    }
    return precise;
}

}  // namespace qd::test
