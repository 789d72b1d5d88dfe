// save.h: writing a workspace as quotedesk/1 JSON (design.md §3).
//
// Deterministic: the same model always gives the same bytes. 2-space indentation, members in the
// order of design.md §3 (which is the order of workspace.h), unknown members last in their object
// with their original value text; amounts as 2-decimal strings ("279.41"), times ISO 8601 in the
// rule profile's zone ("2024-04-15T15:58:07+08:00"), only the rule keys that differ from their
// defaults. Optional members that are absent are left out; the others are always written, defaults
// included. Lossless: LoadWorkspace(SaveWorkspace(w)) gives back w, and saving again gives the same text.
#pragma once

#include <string>

#include "core/workspace.h"

namespace qd {

std::string SaveWorkspace(const Workspace& ws);  // ends with a newline

}  // namespace qd
