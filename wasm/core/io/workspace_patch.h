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
// The journal keeps no copy of the workspace storage holds, only its WorkspaceFingerprints: per list,
// each record's id and a 64-bit fingerprint of its content (core/model/record_fingerprint.h), about
// 50 bytes a record instead of the record (for 100,000 resources and orders 9.8 MB instead of a
// 175 MB copy). That is all a diff needs of its base:
//
//   WorkspaceFingerprints stored = WorkspaceFingerprints::Of(ws);      // when storage took ws
//   std::string patch = DiffWorkspaces(stored, now, &nowPrints);        // the same text as Diff(ws, now)
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

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/diagnostics.h"
#include "core/model/id_index.h"
#include "core/model/workspace.h"

namespace qd {

inline constexpr int kWorkspacePatchVersion = 1;  // the header's "quotedesk_patch"

// What a diff needs of its base: per list (products, resources, orders, coupons, export_records),
// every record's id and fingerprint in order, and an index by id.
class WorkspaceFingerprints {
public:
    static constexpr std::size_t kLists = 5;
    class List {
    public:
        std::size_t size() const { return prints_.size(); }
        std::string_view id(std::size_t i) const
        {
            const uint32_t b = i == 0 ? 0 : idEnd_[i - 1];
            return std::string_view(ids_).substr(b, idEnd_[i] - b);
        }
        uint64_t fingerprint(std::size_t i) const { return prints_[i]; }
        std::optional<std::size_t> find(std::string_view id) const
        {
            return index_.find(id, [this](std::size_t i) { return this->id(i); });
        }
        uint64_t bytes() const;  // what it holds on the heap (for the benchmark and the journal's notes)

    private:
        friend class WorkspaceFingerprints;
        std::string ids_;               // every id, one after the other
        std::vector<uint32_t> idEnd_;   // record i's id ends at idEnd_[i] (and starts where i - 1's ends)
        std::vector<uint64_t> prints_;  // RecordFingerprint of record i
        IdIndex index_;
    };

    // The fingerprints of a committed workspace (unique ids).
    static WorkspaceFingerprints Of(const Workspace& ws);
    const List& list(std::size_t l) const { return lists_[l]; }
    uint64_t bytes() const;

private:
    List lists_[kLists];
};

// The patch from `base` to `after`. Both must be committed workspaces (unique ids, `index` current,
// as after LoadWorkspace or CheckWorkspace). Deterministic: the same pair gives the same text.
std::string DiffWorkspaces(const Workspace& base, const Workspace& after);
// The same from the base's fingerprints (the same text as from the base itself, but for a chance of
// 2^-64 per record that a change goes unseen). `afterPrints`, when given, receives `after`'s.
std::string DiffWorkspaces(const WorkspaceFingerprints& base, const Workspace& after,
                           WorkspaceFingerprints* afterPrints = nullptr);

// Whether a patch that DiffWorkspaces made from `base` reads back: its header fits `base` (counts,
// removed ids there) and its fragment loads with every check of a file. Empty when it does; the
// journal checks its own entries so before it stores them (docs/architecture.md §6).
LoadErrors CheckWorkspacePatch(const WorkspaceFingerprints& base, std::string_view patch, std::string_view fileName);

// Applies a patch made by DiffWorkspaces against a workspace equal to its base. Empty on success (ws
// is the patched workspace, indexed); otherwise the errors, and ws unchanged.
LoadErrors ApplyWorkspacePatch(Workspace& ws, std::string_view patch, std::string_view fileName);

}  // namespace qd
