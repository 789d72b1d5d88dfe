// workspace_history.h: the operation log and stepping back (docs/architecture.md §7).
//
// The console is a what-if tool: stepping back must be as easy as stepping forward. Every change of
// the open workspace (pay, cancel, a renewal order, a policy change, auto-renew, release, unsubscribe,
// a rule edit, opening files) is committed here once it happened; the log says what changed, undo
// gives the workspace before it back, redo the one after.
//
//   WorkspaceHistory history;
//   history.reset(ws);                        // a workspace was opened fresh: no log, no steps
//   ... an operation changes ws ...
//   history.commit(ws, now, LabelLanguage::Chinese);  // a log entry (DescribeChanges) and an undo step
//   history.undo(ws);                         // ws = the workspace before the last change
//   history.redo(ws);                         // and forward again
//
// What changed is found by comparing the two workspaces (DescribeChanges), not told by each operation,
// so no operation can forget to log itself and the log cannot disagree with the data.
//
// Steps are whole copies of the workspace (an operation may touch orders, resources, coupons and the
// account at once; a copy misses nothing). They are kept while their estimated size stays within
// kHistoryBudgetBytes, the oldest dropped first; a workspace too large for even one step still gets
// its log entries (its changes are then described from the one copy kept, the current workspace; with
// no room for that copy either, an entry says only that the workspace changed).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/calendar.h"
#include "core/model/labels.h"
#include "core/model/workspace.h"

namespace qd {

// One thing that differs between two workspaces, in words of the console's language.
struct WorkspaceChange {
    enum class Kind {
        Replaced,         // another workspace altogether (opening files): subject = account name
        AsOf,             // the as-of clock
        Account,          // cash balance, unified expiry day, deduction days, five-day quota, name
        Rules,            // the rule profile
        OrderAdded,       // a new order (a renewal order, an unsubscription, a placed purchase)
        OrderRemoved,     //
        OrderStatus,      // e.g. 待支付 -> 已完成 (paid), -> 已取消 (cancelled)
        OrderChanged,     // anything else of an order
        ResourceAdded,    //
        ResourceRemoved,  //
        ResourcePolicy,   // 续费方式, e.g. 手动续费 -> 自动续费
        ResourceExpiry,   // 到期时间 (renewed, aligned, unsubscribed periods)
        ResourceStatus,   // e.g. 使用中 -> 已关闭 (released, unsubscribed)
        ResourceChanged,  // anything else of a resource (auto-renew settings, periods, ...)
        CouponChanged,    // balance, added or removed
        Other,            // products, export records, unknown members
    };
    Kind kind = Kind::Other;
    std::string subject;  // the order id, resource name (or id), coupon id; "" for the account, rules, as-of
    std::string before;   // the old value in words ("" when added or not worded)
    std::string after;    // the new value in words ("" when removed or not worded)
    friend bool operator==(const WorkspaceChange&, const WorkspaceChange&) = default;
};

// What differs, most telling first (workspace, clock, account, rules, orders, resources, coupons,
// other), at most `limit` changes listed; `total` counts them all.
struct ChangeSummary {
    std::vector<WorkspaceChange> changes;
    std::size_t total = 0;
    bool empty() const { return total == 0; }
};
ChangeSummary DescribeChanges(const Workspace& before, const Workspace& after, LabelLanguage lang,
                              std::size_t limit = 8);

// One line of the log: when, and what changed.
struct HistoryEntry {
    uint64_t seq = 0;     // 1, 2, ... in the order of the changes (kept across drops)
    Instant at;           // the real clock when the change was committed
    ChangeSummary what;   // empty `changes` with total 1: changed, not described (too large)
    bool undone = false;  // stepped back over (redo brings it back; the next change drops it)
};

// The bytes one copy of `ws` takes in memory: its structs, the heap blocks of every vector and of
// every string beyond its in-place buffer, its unknown members and its index, counted field by field
// (core/model/record_fields.h) and rounded as the allocator rounds them. Within a few percent of what
// malloc reports for a copy (tests/core/test_workspace_history.cpp). With `atMost`: once the count
// passes it, a number above it (not the whole count) at once: the lists' own arrays are counted
// first, so a workspace far over a budget is known to be over without walking its strings (100,000
// resources: 18-23 ms in the browser, in the frame that first shows them).
uint64_t EstimateWorkspaceBytes(const Workspace& ws, uint64_t atMost = UINT64_MAX);

// The undo copies' bytes at most. 96 MiB: a 100,000-resource workspace (~150 MB in wasm32) keeps no
// copy, since the open workspace and the one being opened already take two (docs/architecture.md §5,
// docs/performance.md "Where the bytes go"); a 10,000-resource one keeps about six.
inline constexpr uint64_t kHistoryBudgetBytes = uint64_t{96} << 20;
inline constexpr std::size_t kHistoryMaxEntries = 200;  // log entries kept, oldest dropped

// The log as kept beside the workspace in browser storage, so that a reload shows it again:
// [{"seq","at":"ISO","undone","total","changes":[{"kind":N,"subject","before","after"}]}]. Reading
// back gives nullopt for anything that is not such an array (an old or foreign record: no log).
std::string HistoryLogJson(const std::vector<HistoryEntry>& log);
std::optional<std::vector<HistoryEntry>> ParseHistoryLog(std::string_view json);

class WorkspaceHistory {
public:
    void reset(const Workspace& ws);  // a workspace opened fresh (sample, browser storage): clears all
    // After a change of `ws`: a log entry and an undo step (the redo steps are dropped). Nothing when
    // ws equals the workspace last committed.
    void commit(const Workspace& ws, Instant now, LabelLanguage lang);
    bool canUndo() const { return !undo_.empty(); }
    bool canRedo() const { return !redo_.empty(); }
    bool undo(Workspace& ws);  // false (ws unchanged) when there is nothing to undo
    bool redo(Workspace& ws);
    const std::vector<HistoryEntry>& log() const { return log_; }
    // Entries restored with a workspace reopened from browser storage (the steps are not kept there).
    void restoreLog(std::vector<HistoryEntry> entries);
    std::size_t undoSteps() const { return undo_.size(); }
    bool undoLimitedBySize() const { return limited_; }  // a step was not kept (or dropped) for the budget

private:
    struct Step {
        Workspace workspace;  // the workspace on the other side of the step
        uint64_t seq = 0;     // the log entry of the change it undoes / redoes
        uint64_t bytes = 0;   // its estimate
    };
    bool step(std::vector<Step>& from, std::vector<Step>& to, bool undone, Workspace& ws);
    void trim();
    void markUndone(uint64_t seq, bool undone);
    std::optional<Workspace> current_;  // the last committed workspace (absent: too large to keep)
    uint64_t currentBytes_ = 0;         // its EstimateWorkspaceBytes
    std::vector<Step> undo_, redo_;     // the last step at the back
    std::vector<HistoryEntry> log_;
    uint64_t nextSeq_ = 1;
    bool limited_ = false;
};

}  // namespace qd
