// workspace_patch.h: what changed between two workspaces, as a record-level patch that browser
// storage keeps instead of the whole workspace (docs/architecture.md §6, the journal).
//
// A change of a 100,000-resource workspace touches a handful of orders and resources, but the whole
// workspace is 135 MB of text. Browser storage therefore keeps the workspace as it was opened (the
// base) and then one patch per saved change; a reload opens the base and applies the patches.
//
//   std::string patch = DiffWorkspaces(stored, now);     // both committed (ids unique, indexed)
//   LoadErrors errors = ApplyWorkspacePatch(ws, patch, "browser-storage journal 3");
//   // errors empty: SaveWorkspace(ws) == SaveWorkspace(now), to the byte
//   // else ws is exactly as it was (all or nothing) and the errors say why
//
// The text of a patch (docs/architecture.md §6):
//
//   {"quotedesk_patch":1,"base":{COUNTS},"after":{COUNTS},"removed":{"orders":["o-1"]},"whole":["coupons"]}
//   {"format":"quotedesk/1", ...}            <- a quotedesk/1 workspace: the fragment
//
// The first line is the header; the rest is a workspace document (SaveWorkspace's text) holding the
// root members of the new workspace (as_of, account, rules, unknown members) and, per list (products,
// resources, orders, coupons, export_records), the records that are new or changed, in the new
// workspace's order, plus every record they refer to (a resource's product and main resource, an
// order's combined order, its items' products and resources), so that the fragment is a workspace of
// its own and is read by LoadWorkspace with every check of a load: a patch is never trusted more than
// a file. COUNTS are the lists' sizes before and after ({"products":N,"resources":N,...}); a list
// named in "whole" is replaced by the fragment's (its order changed in a way "replace in place,
// append the new ones" cannot say); "removed" names the ids dropped from a list.
//
// Applying: the header is read, the fragment loaded, then in each list a record whose id the
// workspace has replaces it in place, the others are appended in the fragment's order, the removed ids
// are dropped, the root members are taken; the counts must match before and after, and CheckWorkspace
// runs over the result (references across the whole workspace). Any problem and the workspace is put
// back as it was; the errors name `fileName` and, for the fragment, the JSON pointer inside it.
#pragma once

#include <string>
#include <string_view>

#include "core/model/diagnostics.h"
#include "core/model/workspace.h"

namespace qd {

inline constexpr int kWorkspacePatchVersion = 1;  // the header's "quotedesk_patch"

// The patch from `base` to `after`. Both must be committed workspaces (unique ids, `index` current,
// as after LoadWorkspace or CheckWorkspace). Deterministic: the same pair gives the same text.
std::string DiffWorkspaces(const Workspace& base, const Workspace& after);

// How much of a load's checking an apply does. Full: everything (a patch read back from storage).
// OwnPatch: the fragment is still read by the loader and the counts checked, but CheckWorkspace over
// the whole result is skipped and the index is only brought up to date: for the copy the browser
// keeps of what storage holds, given the patch DiffWorkspaces just made from it (a change of a
// 100,000-resource workspace is then stored in well under a second; docs/performance.md).
enum class PatchChecks { Full, OwnPatch };

// Applies a patch made by DiffWorkspaces against a workspace equal to its base. Empty on success (ws
// is the patched workspace, indexed); otherwise the errors, and ws unchanged.
LoadErrors ApplyWorkspacePatch(Workspace& ws, std::string_view patch, std::string_view fileName,
                               PatchChecks checks = PatchChecks::Full);

}  // namespace qd
