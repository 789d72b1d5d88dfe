// The view state of the 续费管理 page (seed 4.2): tab, filters, selection, the derived rows and the open
// dialog; lives in AppState so it survives page switches. Owned by page_renewals.cpp.
//
// The rows come from the core's query (renewal_query.h): the index (search keys, instance groups) is
// rebuilt when the workspace changes (AppState::revision) or a pending order reaches its payment
// deadline (RenewalIndex::pendingUntil) — a slice per frame (RenewalIndexBuilder),
// the old rows staying shown with a progress line until the new index is complete — the query when a
// filter changes (or, with
// "X天内到期" on, when the clock moves by a minute); a frame draws only the visible rows
// (ImGuiListClipper).
#pragma once
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/report/renewal_query.h"
#include "ui/expiring_within.h"
#include "ui/project_filter.h"
#include "ui/renewal_dialogs.h"

namespace qd::ui {

struct RenewalsPageState {
    // Filters (seed 4.2.1.1 step 4 说明).
    int tab = 0;                              // RenewalPolicy index: the four tabs
    int switchTab = -1;                       // select this tab on the next frame (after an operation moved rows)
    ExpiringWithin expiry;                    // 到期时间: 全部, 7 / 15 / 30 days, or custom
    int status = -1;                          // ResourceStatus index (使用中 / 已过期 / 已冻结); -1 = all
    int productType = -1;                     // index into index.productTypes(); -1 = all
    int region = -1;                          // index into index.regions(); -1 = all
    char search[16384] = {};                  // 实例ID/名称/订单号; up to 200 IDs
    bool hidePending = false;                 // 隐藏有待支付订单的资源
    int packages = 0;                         // PackageFilter: 0 all, 1 hide, 2 only
    ProjectFilter project;                    // 企业项目; "" = all
    std::string wantProductType, wantRegion;  // chosen by name (an address) before the index had the names
    std::vector<ProjectCount> projectCounts;  // the current tab's instances by project (when there are projects)
    bool batchSearchOpen = false;             // the 批量搜索 popup
    char batchText[16384] = {};

    // Derived.
    RenewalIndex index;
    uint64_t indexFor = UINT64_MAX;                 // AppState::revision the index was built for
    std::shared_ptr<RenewalIndexBuilder> indexing;  // the next index, a slice per frame
    uint64_t indexingFor = UINT64_MAX;              // the revision it is for
    const void* indexingOf = nullptr;               // the workspace it reads
    int indexProgress = 0;                          // its percent
    int indexSteppedFrame = -1;                     // the ImGui frame that last stepped it (once per frame)
    RenewalQueryResult result;
    uint64_t resultFor = UINT64_MAX;
    int64_t resultMinute = INT64_MIN;  // AsOf minute the result used (expiring filter only)
    bool dirty = true;                 // a filter changed
    struct Row {
        std::size_t resource;
        bool bound;
    };
    std::vector<Row> rows;           // result rows with the expanded instances' bound resources under them
    std::set<std::string> expanded;  // heads whose bound resources are shown

    // Selection (instance heads) and the dialogs.
    std::set<std::string> selected;
    RenewalDialogState dialog;
    std::string message;  // the last operation's outcome, shown above the table
};

}  // namespace qd::ui
