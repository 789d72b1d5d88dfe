// load_paths.h: the two paths of LoadWorkspace (docs/performance.md) on one text must agree: the same
// model (compared as saved JSON, which includes every unknown member's text) or both refuse, and
// LoadPath::Auto must give exactly the precise reader's errors. Used by test_load_paths.cpp and by
// the loader fixtures (workspace_fixture.h), so every document a loader test builds is checked too.
#pragma once

#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/io/json_structure.h"
#include "core/io/load.h"
#include "core/io/save.h"

namespace qd::test {

// A text lent a piece at a time, as the browser lends an opened file (load.h TextSource).
class StringSource final : public TextSource {
public:
    explicit StringSource(std::string_view text) : text_(text) {}
    std::size_t size() const override { return text_.size(); }
    void copy(std::size_t offset, std::size_t n, char* to) const override
    {
        if (offset + n > text_.size()) FAIL("a piece past the end of the file: ", offset, " + ", n);
        text_.copy(to, n, offset);
    }

private:
    std::string_view text_;
};

// The streamed fast path (LoadWorkspaceStreamed) on `text`, cut into pieces of several sizes: it
// gives the precise reader's workspace or nothing (never a refusal of its own), and takes every
// workspace file the fast path takes.
inline void CheckStreamed(std::string_view text, std::string_view name, const LoadResult& precise, bool fastOk)
{
    const bool inWindows = text.size() > (std::size_t{256} << 10);  // smaller files are read whole
    for (const std::size_t piece : {kStreamPieceBytes, std::size_t{4093}, std::size_t{1}}) {
        if (piece != kStreamPieceBytes && !inWindows) break;
        const std::optional<LoadResult> streamed = LoadWorkspaceStreamed(StringSource(text), name, piece);
        CAPTURE(piece);
        if (streamed) {
            CHECK(streamed->ok);
            CHECK(precise.ok);
            if (precise.ok) CHECK(SaveWorkspace(streamed->workspace) == SaveWorkspace(precise.workspace));
        } else {
            CHECK_FALSE((fastOk && DetectInputKind(text) == InputKind::Workspace));
        }
    }
}

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
    CheckStreamed(text, name, precise, fast.ok);
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

// The browser's stage 1 (core/io/json_structure.h: 64 bytes at a time with 128-bit SIMD) chosen
// natively too, where simdjson would use its own kernel; restored at the end.
struct SimdStage1 {
    SimdStage1() { ChooseStage1(Stage1::Simd128); }
    ~SimdStage1() { ChooseStage1(Stage1::Auto); }
};

}  // namespace qd::test
