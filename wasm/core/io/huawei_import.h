// huawei_import.h: raw Huawei BSS API responses merged into a workspace (docs/huawei-data.md,
// docs/huawei-data.md). LoadFiles (load.h) calls ImportHuawei once per Huawei file, in the
// order the files were given, then checks the merged workspace.
//
//   Workspace ws;                                                     // or a loaded quotedesk/1 base
//   LoadErrors e = ImportHuawei(InputKind::HuaweiResources, text, "resources.json", ws);
//   e = ImportHuawei(InputKind::HuaweiOrderDetails, text2, "CS2404....json", ws);
//   for (const MissingNote& n : MissingData(ws)) show(n.pointer, n.what, n.add);
//
// What each response gives (fields as in the BSS v2 SDK; times in UTC "...Z"; amounts are JSON numbers
// or strings and may carry more than 2 decimals: they are rounded to the fen with the workspace's
// rule profile `rounding`):
//
//   ListCustomerOrders `{total_count, order_infos[]}` (CustomerOrderV2): one order each, with no
//     items; `sub_order_infos[]` of a combined trade order (组合交易订单) become orders whose
//     combined_order_id is that order. customer_id fills account.customer_id.
//   ShowCustomerOrderDetails `{total_count, order_info, order_line_items[]}` (CustomerOrderV3 +
//     OrderLineItemEntityV2): the order with user_name -> created_by, pending_payment_end_time, and
//     one item per line (product_id, period_type, period_num, official_amount). Each item also keeps
//     the line's `effective_time`, `expire_time` and `subscription_num`, plus `paid` (the line's
//     amount_info as a paid breakdown) as extra members, so a later resources file can still be linked.
//   ListPayPerUseCustomerResources `{total_count, data[]}` (OrderInstanceV2): one resource each, with
//     one period [effective_time, expire_time] whose order and payment are unknown; main/attached from
//     is_main_resource + parent_resource_id (attached ones are bound: BSS attached resources renew
//     and unsubscribe with their main); a product per product_id (descriptions, no prices).
//   ListRenewRateOnPeriod `{renew_inquiry_results[], ...}` (RenewInquiryResultInfo): the renewal price
//     of each main resource, its attached resources included, for the inquired duration. The response
//     does not repeat the request, so the file must carry the request's `period_type` (2 month, 3 year)
//     and `period_num` at its top level. The price per month / year of the main's product is
//     amount / period_num minus its attached resources' known prices; when that cannot be split exactly
//     the product keeps no price (MissingData says so). Results for resources not (yet) in the
//     workspace price nothing, so open this response after the resources response it is about.
//
// Integer codes (docs/huawei-data.md), anything else is an error naming the accepted codes:
//   order status   1 pending_review, 2 refunding, 3 processing, 4 cancelled, 5 completed,
//                  6 pending_payment, 9 pending_confirmation (10-13 are hardware-mall states: refused)
//   order_type     1 new, 2 renewal, 3 change, 4 unsubscribe, 10 to_on_demand, 11 on_demand_to_period,
//                  13 trial, 14 trial_to_commercial, 15 fee_adjustment
//   resource status 2 in_use, 3 closed, 4 frozen (reason unknown), 5 expired
//   expire_policy  0 manual (grace period), 1 to_on_demand, 3 auto, 2 / 4 / 5 no_renew
//   line period_type 0 day, 2 month, 3 year, 5 once (1 week, 4 hour, 6 and 7 on-demand: refused)
//   line amount_info: coupon_amount -> voucher, flexipurchase_coupon_amount -> flexi_coupon,
//                  stored_card_amount -> stored_card, discounts of discount_type 300 (促销折扣券) ->
//                  discount_coupon, cash = amount_after_discount - voucher - flexi - stored card.
//
// Linking lines to resources. The BSS line items carry no resource id. A line is linked to a resource
// when exactly one resource has the line's product_id and a life [effective_time, expire_time] that
// contains the line's term (subscription_num 1, an order of type new or renewal, not cancelled).
// The resource's periods are then rebuilt from its linked lines: each line's term becomes a period
// with its order, list amount (official_amount) and paid breakdown; stretches no line covers stay
// periods of unknown order. A renewal line that starts at 00:00:00 local starts its period at the
// previous end (23:59:59), as quotedesk/1 chains periods. Periods that came from a quotedesk/1 file
// (orders without Huawei line data) are never rebuilt.
//
// Merging. A second response about the same order or resource updates it (order details replace its
// items); a customer_id different from the workspace's is an error. Errors name the file and the JSON
// pointer; on any error `into` is left unchanged.
//
// The text is checked as a quotedesk/1 file is (load.h CheckFileText: no NUL byte, UTF-8 only; a
// member repeated in one object and nesting deeper than kMaxNesting are errors), and nothing is
// imported that a quotedesk/1 file could not hold, so the merged workspace always saves and loads
// back: times from kEarliestFileInstant to kLatestFileInstant, a pending_payment_end_time not before
// its create_time. Messages are one line (diagnostics.h OneLine).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/diagnostics.h"
#include "core/io/load.h"
#include "core/model/workspace.h"

namespace qd {

// What one response held, for LoadFiles' import report and page check.
struct HuaweiFileReport {
    LoadErrors warnings;                    // records skipped (pointer: what and why), prices for unknown resources
    std::size_t read = 0, skipped = 0;      // records opened / skipped
    std::optional<int64_t> total_count;     // the response's total_count (orders, resources, an order's lines)
    std::vector<std::string> ids;           // the ids of the records that arrived (skipped ones too)
    std::string order_id;                   // order details: the order
    std::optional<RenewRatePeriod> period;  // renewal prices: the duration priced
    bool needs_period = false;              // a bare renew-rate response and no LoadOptions::renew_rate_period
};

// Merges one Huawei BSS response (kind as detected by DetectInputKind) into `into`; see above.
// kind == InputKind::Workspace is an error (not a Huawei response). A record that cannot be read is
// skipped with a warning in report->warnings; errors (nothing merged) are reserved for what makes the
// whole file unreadable: broken JSON, a missing top-level array, another customer's data, a
// renew-rate response whose duration is unknown.
//
// How the text is read (docs/huawei-data.md §7): LoadPath::Auto (the default) reads it with simdjson
// (the fast path) and, when that finds any problem with the text or the file is refused as a whole,
// again with nlohmann's SAX parser (the precise reader), whose messages (file, JSON pointer or line and
// column, what was expected) every refusal gives. Both build the same tree of the response, read by
// the same record readers, so a partial import skips the same records with the same warnings.
// Fast / Precise: one path only, for tests, the fuzz targets and benchmarks (a text the fast path does
// not take gives the single error "not read by the fast path").
LoadErrors ImportHuawei(InputKind kind, std::string_view text, std::string_view fileName, Workspace& into,
                        const LoadOptions& options = {}, HuaweiFileReport* report = nullptr,
                        LoadPath path = LoadPath::Auto);

// ImportHuawei without its last step, rebuilding `into`'s index: for a caller that merges many responses
// (LoadFiles: hundreds of pages of one export) and runs CheckWorkspace, which rebuilds it, after the last.
// Until then the index does not cover what was merged: nothing may look records up through it.
LoadErrors MergeHuawei(InputKind kind, std::string_view text, std::string_view fileName, Workspace& into,
                       const LoadOptions& options = {}, HuaweiFileReport* report = nullptr,
                       LoadPath path = LoadPath::Auto);

// Order lines of new, renewal and unsubscribe orders with a term that no resource took (only when
// the workspace has resources), one warning each, pointing into the merged workspace.
std::vector<LoadError> UnlinkedLines(const Workspace& ws);

// Where a response belongs in the import sequence: 0 resources, 1 order lists, 2 order details,
// 3 renewal prices (-1 for a workspace). Renewal prices only price resources already imported, so a
// caller merging several files imports them sorted by this rank (stably), whatever order the user
// gave them in; lines and resources link in any order.
int HuaweiImportRank(InputKind kind);

// The code tables above, one function each; nullopt for a code not in the table.
std::optional<OrderStatus> HuaweiOrderStatus(int64_t code);
std::optional<OrderType> HuaweiOrderType(int64_t code);
std::optional<ResourceStatus> HuaweiResourceStatus(int64_t code);
std::optional<RenewalPolicy> HuaweiExpirePolicy(int64_t code);
std::optional<ItemPeriod> HuaweiPeriodType(int64_t code);

// Something the quotes, refunds or payments need that the workspace does not hold (typically because
// a raw BSS export cannot supply it), with what to add. Nothing is ever invented in its place.
struct MissingNote {
    std::string pointer;  // where it goes, e.g. "/account/cash_balance", "/products/3/prices/month"
                          // (the first of `count` places when several lack the same thing)
    std::string what;     // what is missing and what it is needed for
    std::string add;      // how to supply it
    std::size_t count = 1;
    friend bool operator==(const MissingNote&, const MissingNote&) = default;
};

// What `ws` lacks, in this order: account cash balance, five-day quota, then per product the month /
// year price its renew options offer, then (one note each, counting the places) periods with no paid
// breakdown, periods with no list amount, auto-renew resources with no auto_renew settings, frozen
// resources with no frozen_reason. Empty for a complete workspace such as the sample.
std::vector<MissingNote> MissingData(const Workspace& ws);

}  // namespace qd
