#include "core/report/order_query.h"

#include <algorithm>

#include "core/engine/projects.h"

namespace qd {

CreatedRangeResult CreatedTimeRange(CreatedPreset preset, Instant asOf, ZoneOffset zone,
                                    std::optional<LocalDate> customFrom, std::optional<LocalDate> customTo)
{
    const LocalDate today = LocalDateOf(asOf, zone);
    LocalDate first = today, last = today;
    switch (preset) {
        case CreatedPreset::LastSixMonths:  // seed 6: 近六个月, the default
            first = AddMonths(today, -kSixMonths);
            break;
        case CreatedPreset::ThisYear:  // seed 6: 今年以来
            first = *LocalDate::FromYmd(today.year(), 1, 1);
            break;
        case CreatedPreset::LastYear:  // seed 6: 去年
            first = LocalDate::FromYmd(today.year() - 1, 1, 1).value_or(LocalDate::Min());
            last = LocalDate::FromYmd(today.year() - 1, 12, 31).value_or(LocalDate::Min());
            break;
        case CreatedPreset::Custom: {  // seed 6: 自定义(不超过1年)
            CreatedRangeResult out;
            if (!customFrom || !customTo) {
                out.refusals.push_back(Refusal{"created_range_missing", "", "自定义 needs a first and a last day"});
                return out;
            }
            if (*customTo < *customFrom) {
                out.refusals.push_back(
                    Refusal{"created_range_reversed", "",
                            "the last day " + customTo->str() + " is before the first day " + customFrom->str()});
                return out;
            }
            const LocalDate limit = AddYearsAnchored(*customFrom, kCustomRangeMaxYears, customFrom->day()).plusDays(-1);
            if (*customTo > limit) {
                out.refusals.push_back(
                    Refusal{"created_range_too_long", limit.str(),
                            "a custom creation time takes at most one year: " + customFrom->str() + " .. " +
                                limit.str() + ", got " + customFrom->str() + " .. " + customTo->str() + " (" +
                                std::to_string(WholeDaysBetween(*customFrom, *customTo) + 1) + " days)"});
                return out;
            }
            first = *customFrom;
            last = *customTo;
            break;
        }
    }
    CreatedRangeResult out;
    out.range.from = ToInstant(first, LocalTime::Midnight(), zone);
    out.range.to = ToInstant(last, LocalTime::ExpiryClock(), zone);
    return out;
}

bool ContainsIgnoringCase(std::string_view hay, std::string_view needle)
{
    if (needle.empty()) return true;
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(),
                          [&](char a, char b) { return lower(a) == lower(b); });
    return it != hay.end();
}

bool IsPayable(OrderStatus statusAsOf) { return statusAsOf == OrderStatus::PendingPayment; }

bool PastPaymentDeadline(const Order& o, const RuleProfile& rules, Instant asOf)
{
    return o.status == OrderStatus::PendingPayment && StatusAsOf(o, rules, asOf) != OrderStatus::PendingPayment;
}

std::vector<std::size_t> QueryOrders(const Workspace& ws, const OrderFilter& f)
{
    std::vector<std::size_t> rows;
    for (std::size_t i = 0; i < ws.orders.size(); ++i) {
        const Order& o = ws.orders[i];
        if (f.created && !f.created->contains(o.create_time)) continue;
        const OrderStatus status = StatusAsOf(o, ws.rules, f.as_of);
        if (f.awaiting_payment_only && !IsAwaitingPayment(o, status)) continue;
        if (f.status && status != *f.status) continue;
        if (f.type && o.order_type != *f.type) continue;
        if (!f.service_type.empty() && o.service_type_name != f.service_type) continue;
        if (!InProject(o, f.enterprise_project)) continue;
        if (!ContainsIgnoringCase(o.order_id, f.search)) continue;
        rows.push_back(i);
    }
    SortNewestFirst(rows, ws.orders);
    return rows;
}

}  // namespace qd
