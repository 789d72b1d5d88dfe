// Tests for WorkspaceSaveStream (core/io/save.h): the browser saves a big workspace to IndexedDB a piece
// per task (docs/architecture.md §4: no frame blocked for long); the pieces must be the bytes of SaveWorkspace.
#include <doctest/doctest.h>

#include <string>

#include "core/io/save.h"
#include "generated_workspace.h"

using namespace qd;

TEST_CASE("the save stream's pieces are SaveWorkspace's bytes, whatever the piece size")
{
    const Workspace ws = test::GeneratedWorkspace(300, 3);
    const std::string whole = SaveWorkspace(ws);
    for (const std::size_t bytes : {std::size_t{1}, std::size_t{700}, std::size_t{64} << 10, std::size_t{1} << 30}) {
        WorkspaceSaveStream stream(ws);
        std::string joined, piece;
        int pieces = 0, last = -1;
        while (stream.Next(piece, bytes)) {
            CHECK(!piece.empty());
            joined += piece;
            ++pieces;
            CHECK(stream.progress() >= last);
            last = stream.progress();
        }
        CHECK(stream.done());
        CHECK(stream.progress() == 100);
        CHECK(piece.empty());
        CHECK(joined == whole);
        if (bytes == 1) CHECK(pieces > 600);  // one item (or the head, or a list's end) per piece
        if (bytes == (std::size_t{1} << 30)) CHECK(pieces == 1);
    }
}

TEST_CASE("the save stream of an empty workspace is the empty workspace's text")
{
    Workspace ws;
    WorkspaceSaveStream stream(ws);
    std::string joined, piece;
    while (stream.Next(piece, 16)) joined += piece;
    CHECK(joined == SaveWorkspace(ws));
    CHECK(joined.back() == '\n');
}
