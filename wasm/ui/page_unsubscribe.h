// The view state of the 云服务退订 page (seed 4.4): tabs, filters, selection, the derived lists and the
// refund dialog; lives in AppState so it survives page switches. Owned by page_unsubscribe.cpp.
//
// The lists are derived from the engine (refund.h PreviewRefund, per instance) and rebuilt only when
// the workspace changes (AppState::revision) or the clock reaches the next instant at which a verdict
// can change (refund.h NextRefundVerdictChange; or moves back): then only the instances whose verdict
// can have changed are redone (all of them when a payment deadline or the New Year passed). A full
// rebuild runs a slice per frame (at 100,000 resources it takes many frames; the verdicts come without
// refund lines, refund.h PreviewRefundVerdicts, and the orders are scanned in slices, RefundOrderScan):
// the old lists stay shown meanwhile, with a progress line, and the new ones are swapped in when
// complete; the instances named by the orders added since the last lists (what was just unsubscribed
// or renewed) are redone at once, before the slices, so their rows are not stale meanwhile. The filters only pick rows from the lists, and a frame
// draws just the visible rows (ImGuiListClipper).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/report/unsubscribe_query.h"
#include "ui/expiring_within.h"
#include "ui/refund_dialog.h"

namespace qd::ui {

struct AppState;

// The page's tabs, as in the console: 退订使用中的资源, 退订未生效的资源, 退订续费周期, 退订记录.
enum class UnsubscribeTab { InUse, NotEffective, Periods, Records };

// The lists (UnsubscribeList) and their rows (UnsubscribeRow) are the core's: core/report/unsubscribe_query.h
// decides which instance is in which list with which reason, and which rows the filters leave.

struct UnsubscribeBuild;  // a rebuild of the lists in progress (page_unsubscribe.cpp)

struct UnsubscribePageState {
    UnsubscribeTab tab = UnsubscribeTab::InUse;
    int switchTab = -1;                                       // select this UnsubscribeTab on the next frame
    UnsubscribeList inUseList = UnsubscribeList::NonFiveDay;  // sub-tab of 使用中的资源
    bool blockedOnly = false;                                 // 不可退订 sub-tab of 未生效 / 续费周期
    bool switchList = false;  // select the sub-tab of inUseList / blockedOnly on the next frame (an address opened)

    // Filters (seed 4.4.1.2 说明 1: 实例名称/订单号/ID, 产品类型, 区域, 倒计时).
    char search[512] = {};
    ExpiringWithin countdown;                 // 倒计时: 全部, 7 / 15 / 30 days, or custom
    int serviceType = -1;                     // index into serviceTypes; -1 = all
    int region = -1;                          // index into regions; -1 = all
    std::vector<std::string> serviceTypes;    // distinct service_type_name of the products, sorted
    std::vector<std::string> regions;         // distinct region_code of the resources, sorted
    std::string wantServiceType, wantRegion;  // chosen by name (an address) before the lists had the names

    // Derived from the workspace (engine verdict per instance).
    std::vector<UnsubscribeRow> lists[static_cast<int>(UnsubscribeList::Count)];
    std::vector<std::vector<UnsubscribeRow>> retired;  // lists replaced by new ones, freed a slice per frame
    std::vector<std::size_t> records;                  // unsubscribe orders (4.4.5), newest first
    std::size_t recordsOrders = 0;                     // ws.orders.size() the records were made from
    int quotaYear = 0, quotaLeft = 0, quotaLimit = 0;
    bool quotaKnown = true;
    uint64_t builtFor = UINT64_MAX;              // AppState::revision of the lists
    Instant builtAsOf;                           // the clock of the lists
    const void* builtOf = nullptr;               // the workspace of the lists (row indices are into its resources)
    std::size_t builtResources = 0;              // its resource count then
    std::optional<Instant> validUntil;           // the lists hold until this instant (NextRefundVerdictChange)
    std::shared_ptr<UnsubscribeBuild> building;  // the rebuild in progress, a slice per frame
    std::shared_ptr<UnsubscribeBuild> built;     // the last complete one: when the clock passes an instance's
                                                 // next verdict change, just that instance is redone
    int buildProgress = 0;                       // its percent
    int64_t filterMinute = 0;                    // the clock minute of `shown` (倒计时 filters by the clock)

    // The rows shown: indices into the current list passing the filters.
    std::vector<std::size_t> shown;
    int shownList = -1;  // the list `shown` was made from (UnsubscribeList, or Count = records)
    uint64_t shownFor = UINT64_MAX;
    bool filterDirty = true;

    std::set<std::string> selected;  // resource ids ticked in the current list
    std::string renewalsAsk;  // 退订资源 on an instance with renewal periods: ask first (seed 4.4.1.2 step 6)
    bool renewalsAskOpening = false, renewalsAskOpen = false;
    RefundDialogState dialog;
};

// Opens the refund dialog (退订) for these instances in the list shown (its kind: in use, not yet
// effective, renewal periods): an address with dialog=unsubscribe (ui/view_address.h).
void OpenUnsubscribeDialog(AppState& app, std::vector<std::string> resourceIds);

}  // namespace qd::ui
