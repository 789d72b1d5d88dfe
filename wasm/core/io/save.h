// save.h: writing a workspace as quotedesk/1 JSON (docs/workspace-format.md).
//
// Deterministic: the same model always gives the same bytes. 2-space indentation, members in the
// order of docs/workspace-format.md (which is the order of workspace.h), unknown members last in their object
// with their original value text; amounts as 2-decimal strings ("279.41"), times ISO 8601 in the
// rule profile's zone ("2024-04-15T15:58:07+08:00"), only the rule keys that differ from their
// defaults. Optional members that are absent are left out; the others are always written, defaults
// included. Lossless: LoadWorkspace(SaveWorkspace(w)) gives back w, and saving again gives the same text.
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "core/model/workspace.h"

namespace qd {

std::string SaveWorkspace(const Workspace& ws);  // ends with a newline

// The same text in pieces, for a caller that must not block for long (the browser keeps a 135 MB
// workspace in IndexedDB a piece per task, wasm/web/workspace_io.cpp). The pieces, in order, are
// exactly the bytes of SaveWorkspace(ws). `ws` must stay alive and unchanged until done().
//
//   WorkspaceSaveStream stream(ws);
//   std::string piece;
//   while (stream.Next(piece, 1 << 20)) store(piece);   // about 1 MB each
class WorkspaceSaveStream {
public:
    explicit WorkspaceSaveStream(const Workspace& ws);
    ~WorkspaceSaveStream();
    WorkspaceSaveStream(const WorkspaceSaveStream&) = delete;
    WorkspaceSaveStream& operator=(const WorkspaceSaveStream&) = delete;

    // Replaces `piece` with the next part of the text: whole items (a product, a resource, an order,
    // ...) until it holds at least `bytes` bytes or the text ends. False (and `piece` empty) when
    // nothing is left.
    bool Next(std::string& piece, std::size_t bytes);
    bool done() const;
    int progress() const;  // 0..100: the share of the list items written

private:
    struct State;
    std::unique_ptr<State> s_;
};

}  // namespace qd
