// order_query.h: what 待支付订单 (seed 4.1) and 我的订单 (seed 4.3) list, and the 创建时间 filter of 我的订单
// and of 查看全部记录 (seed 4.3.1-4.3.3 step 4, 4.3.3 说明; the console's 专区订单 of seed 6: 创建时间 近六个月 /
// 今年以来 / 去年 / 自定义(不超过1年); docs/rules.md §2.1).
//
//   CreatedRangeResult r = CreatedTimeRange(CreatedPreset::LastYear, now, ws.rules.zone);
//   OrderFilter f;
//   f.created = r.range;                          // 去年: 2024-01-01 00:00:00 .. 2024-12-31 23:59:59 (+08:00)
//   f.as_of = now;
//   std::vector<std::size_t> rows = QueryOrders(ws, f);   // indices into ws.orders, newest first
//   // 导出全部 (seed 4.3.4) exports exactly these rows: a year's archive.
//
// The 创建时间 ranges, in the profile zone (calendar days of UTC+08:00 by default), both ends included:
//   近六个月 (the default)  from 00:00:00 of the day six calendar months before today (day clamped to the
//                          month: 08-31 -> 02-29) to 23:59:59 today
//   今年以来               from 00:00:00 on January 1st of this year to 23:59:59 today
//   去年                   the whole of last year: January 1st 00:00:00 to December 31st 23:59:59
//   自定义(不超过1年)       from 00:00:00 of the first day to 23:59:59 of the last day; the last day must be
//                          before the first day's date one year later (2024-03-15 .. 2025-03-14 is one
//                          year; .. 2025-03-15 is refused, created_range_too_long, with the days asked)
//
// The filters of the order lists, all of which must hold:
//   awaiting_payment_only  待支付订单: IsAwaitingPayment (orders.h) as of the clock
//   status                 订单状态 as of the clock (StatusAsOf: a pending order past its deadline is cancelled)
//   type                   订单类型
//   service_type           产品类型 (the order's service_type_name); "" = all
//   enterprise_project     企业项目 (projects.h InProject); "" = all
//   search                 订单号: case-insensitive (ASCII) substring; "" = all
//   created                创建时间: create_time within the range; absent = any time
//
// Refusals of CreatedTimeRange: created_range_reversed (last day before the first), created_range_too_long
// (over one year; subject = the last day allowed, "2025-03-14"), created_range_missing (自定义 without
// both days).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/orders.h"
#include "core/model/calendar.h"
#include "core/model/refusal.h"
#include "core/model/workspace.h"

namespace qd {

// The 创建时间 choices, in the console's order; LastSixMonths is the default (seed 6 screenshot).
enum class CreatedPreset { LastSixMonths, ThisYear, LastYear, Custom };

inline constexpr int kSixMonths = 6;            // seed 6: 近六个月
inline constexpr int kCustomRangeMaxYears = 1;  // seed 6: 自定义(不超过1年)

struct CreatedRange {
    Instant from;  // included
    Instant to;    // included
    bool contains(Instant t) const { return from <= t && t <= to; }
};

struct CreatedRangeResult {
    CreatedRange range;
    Refusals refusals;
    bool ok() const { return refusals.empty(); }
};

// The range of a 创建时间 choice as of `asOf` (see the top of this file); customFrom / customTo are the
// days of 自定义 (ignored otherwise).
CreatedRangeResult CreatedTimeRange(CreatedPreset preset, Instant asOf, ZoneOffset zone,
                                    std::optional<LocalDate> customFrom = std::nullopt,
                                    std::optional<LocalDate> customTo = std::nullopt);

// Case-insensitive (ASCII) substring; an empty needle is in every text.
bool ContainsIgnoringCase(std::string_view hay, std::string_view needle);

struct OrderFilter {
    bool awaiting_payment_only = false;  // 待支付订单
    std::optional<OrderStatus> status;   // as of the clock
    std::optional<OrderType> type;
    std::string service_type;
    std::string enterprise_project;
    std::string search;  // 订单号
    std::optional<CreatedRange> created;
    Instant as_of;
};

// 支付 / 取消 are offered on a row and in the details (seed 4.1.1, 4.1.2, 4.1.3): pending payment as of
// the clock. An order 待审核 / 待确认 is listed by 待支付订单 (IsAwaitingPayment) but waits.
bool IsPayable(OrderStatus statusAsOf);
// Cancelled by its payment deadline as of asOf (stored pending payment, StatusAsOf cancelled): the
// details say so beside the status.
bool PastPaymentDeadline(const Order& order, const RuleProfile& rules, Instant asOf);

// The orders the filter leaves, as indices into ws.orders, newest first (the lists' and the export's order).
std::vector<std::size_t> QueryOrders(const Workspace& ws, const OrderFilter& filter);

}  // namespace qd
