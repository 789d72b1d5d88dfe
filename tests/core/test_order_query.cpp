// Tests for core/report/order_query.h: the 创建时间 ranges of 我的订单 and 查看全部记录 (seed 4.3, seed 6
// 专区订单: 近六个月 / 今年以来 / 去年 / 自定义(不超过1年)) in UTC+08:00, and the order lists' filters.
#include <doctest/doctest.h>

#include "core/report/exports.h"
#include "core/report/order_query.h"
#include "test_renewal_fixture.h"

using namespace qd;
using qd::renewal_test::At;
using qd::renewal_test::Fixture;
using qd::renewal_test::Iso;

namespace {

CreatedRange Range(CreatedPreset p, std::string_view asOf, std::optional<LocalDate> from = std::nullopt,
                   std::optional<LocalDate> to = std::nullopt)
{
    CreatedRangeResult r = CreatedTimeRange(p, At(asOf), ZoneOffset::China(), from, to);
    REQUIRE(r.ok());
    return r.range;
}

LocalDate Day(int y, int m, int d) { return *LocalDate::FromYmd(y, m, d); }

Order& AddOrder(Fixture& f, std::string id, std::string_view created, OrderStatus status = OrderStatus::Completed)
{
    Order o;
    o.order_id = std::move(id);
    o.order_type = OrderType::New;
    o.status = status;
    o.create_time = At(created);
    o.service_type_name = "弹性云服务器";
    f.ws.orders.push_back(std::move(o));
    return f.ws.orders.back();
}

std::vector<std::string> Ids(const Workspace& ws, const std::vector<std::size_t>& rows)
{
    std::vector<std::string> out;
    for (std::size_t i : rows) out.push_back(ws.orders[i].order_id);
    return out;
}

}  // namespace

TEST_CASE("创建时间 近六个月 (the default): six calendar months back to 00:00, to 23:59:59 today, UTC+08:00 (seed 6)")
{
    // seed 6: 近六个月 as of 2025-01-14 10:00 (+08:00): 2024-07-14 00:00:00 .. 2025-01-14 23:59:59.
    CreatedRange r = Range(CreatedPreset::LastSixMonths, "2025-01-14T10:00:00+08:00");
    CHECK(Iso(r.from) == "2024-07-14T00:00:00+08:00");
    CHECK(Iso(r.to) == "2025-01-14T23:59:59+08:00");
    // The day is the local one: 2025-01-13T20:00Z is already 01-14 in +08:00.
    CHECK(Iso(Range(CreatedPreset::LastSixMonths, "2025-01-13T20:00:00Z").from) == "2024-07-14T00:00:00+08:00");
    // A day the month six back lacks is clamped: 08-31 -> 02-29 (2024 is a leap year).
    CHECK(Iso(Range(CreatedPreset::LastSixMonths, "2024-08-31T12:00:00+08:00").from) == "2024-02-29T00:00:00+08:00");
    CHECK(r.contains(At("2024-07-14T00:00:00+08:00")));
    CHECK_FALSE(r.contains(At("2024-07-13T23:59:59+08:00")));
    CHECK(r.contains(At("2025-01-14T23:59:59+08:00")));
    CHECK_FALSE(r.contains(At("2025-01-15T00:00:00+08:00")));
}

TEST_CASE("创建时间 今年以来 and 去年: calendar years of UTC+08:00 (seed 6)")
{
    CreatedRange thisYear = Range(CreatedPreset::ThisYear, "2025-01-14T10:00:00+08:00");
    CHECK(Iso(thisYear.from) == "2025-01-01T00:00:00+08:00");
    CHECK(Iso(thisYear.to) == "2025-01-14T23:59:59+08:00");
    CreatedRange lastYear = Range(CreatedPreset::LastYear, "2025-01-14T10:00:00+08:00");
    CHECK(Iso(lastYear.from) == "2024-01-01T00:00:00+08:00");
    CHECK(Iso(lastYear.to) == "2024-12-31T23:59:59+08:00");
    // 2024-12-31T16:30Z is 2025-01-01 00:30 in +08:00: "last year" is then 2024.
    CHECK(Iso(Range(CreatedPreset::LastYear, "2024-12-31T16:30:00Z").from) == "2024-01-01T00:00:00+08:00");
    CHECK(Iso(Range(CreatedPreset::LastYear, "2024-12-31T15:59:59Z").from) == "2023-01-01T00:00:00+08:00");
}

TEST_CASE("创建时间 自定义: at most one year, refused beyond with the days (seed 6: 自定义(不超过1年))")
{
    const char* asOf = "2025-01-14T10:00:00+08:00";
    CreatedRange r = Range(CreatedPreset::Custom, asOf, Day(2024, 3, 15), Day(2025, 3, 14));
    CHECK(Iso(r.from) == "2024-03-15T00:00:00+08:00");
    CHECK(Iso(r.to) == "2025-03-14T23:59:59+08:00");
    // One day: from 00:00:00 to 23:59:59 of that day.
    CreatedRange one = Range(CreatedPreset::Custom, asOf, Day(2024, 5, 1), Day(2024, 5, 1));
    CHECK(one.to - one.from == 86399);
    // A leap year whole: 2024-01-01 .. 2024-12-31 (366 days) is one year.
    CHECK(Range(CreatedPreset::Custom, asOf, Day(2024, 1, 1), Day(2024, 12, 31)).from ==
          At("2024-01-01T00:00:00+08:00"));

    CreatedRangeResult tooLong =
        CreatedTimeRange(CreatedPreset::Custom, At(asOf), ZoneOffset::China(), Day(2024, 3, 15), Day(2025, 3, 15));
    REQUIRE_FALSE(tooLong.ok());
    CHECK(tooLong.refusals[0].code == "created_range_too_long");
    CHECK(tooLong.refusals[0].subject == "2025-03-14");  // the last day allowed
    CHECK(tooLong.refusals[0].message ==
          "a custom creation time takes at most one year: 2024-03-15 .. 2025-03-14, got 2024-03-15 .. 2025-03-15 (366 "
          "days)");
    // 02-29 + 1 year = 2025-02-28: the last day allowed is 02-27.
    CHECK(CreatedTimeRange(CreatedPreset::Custom, At(asOf), ZoneOffset::China(), Day(2024, 2, 29), Day(2025, 2, 27))
              .ok());
    CHECK_FALSE(
        CreatedTimeRange(CreatedPreset::Custom, At(asOf), ZoneOffset::China(), Day(2024, 2, 29), Day(2025, 2, 28))
            .ok());
    CreatedRangeResult reversed =
        CreatedTimeRange(CreatedPreset::Custom, At(asOf), ZoneOffset::China(), Day(2024, 5, 2), Day(2024, 5, 1));
    REQUIRE_FALSE(reversed.ok());
    CHECK(reversed.refusals[0].code == "created_range_reversed");
    CreatedRangeResult missing = CreatedTimeRange(CreatedPreset::Custom, At(asOf), ZoneOffset::China());
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.refusals[0].code == "created_range_missing");
}

TEST_CASE("我的订单: the filters, newest first; 导出全部 of 去年 is the year's archive (seed 4.3 step 4, 4.3.4)")
{
    Fixture f("2025-01-14T10:00:00+08:00");
    AddOrder(f, "CS-2023", "2023-12-31T23:59:59+08:00");
    AddOrder(f, "CS-2024-a", "2024-01-01T00:00:00+08:00");
    AddOrder(f, "CS-2024-b", "2024-12-31T23:59:59+08:00", OrderStatus::Cancelled);
    AddOrder(f, "CS-2025", "2025-01-02T09:00:00+08:00", OrderStatus::PendingPayment).pending_payment_end_time =
        At("2025-01-09T09:00:00+08:00");  // past its deadline: cancelled as of the clock
    AddOrder(f, "CS-2025-pending", "2025-01-13T09:00:00+08:00", OrderStatus::PendingPayment);
    f.done();

    OrderFilter all;
    all.as_of = f.now();
    CHECK(Ids(f.ws, QueryOrders(f.ws, all)) ==
          std::vector<std::string>{"CS-2025-pending", "CS-2025", "CS-2024-b", "CS-2024-a", "CS-2023"});

    OrderFilter lastYear = all;
    lastYear.created = Range(CreatedPreset::LastYear, "2025-01-14T10:00:00+08:00");
    const std::vector<std::size_t> rows = QueryOrders(f.ws, lastYear);
    CHECK(Ids(f.ws, rows) == std::vector<std::string>{"CS-2024-b", "CS-2024-a"});

    // Status as of the clock: CS-2025 is cancelled (deadline passed), so 已取消 lists it with CS-2024-b.
    OrderFilter cancelled = all;
    cancelled.status = OrderStatus::Cancelled;
    CHECK(Ids(f.ws, QueryOrders(f.ws, cancelled)) == std::vector<std::string>{"CS-2025", "CS-2024-b"});
    // 待支付订单: IsAwaitingPayment, the same rule as the pending-orders export.
    OrderFilter awaiting = all;
    awaiting.awaiting_payment_only = true;
    CHECK(Ids(f.ws, QueryOrders(f.ws, awaiting)) == std::vector<std::string>{"CS-2025-pending"});
    // 支付 / 取消 only while pending payment; CS-2025 shows it was cancelled by its deadline.
    CHECK(IsPayable(OrderStatus::PendingPayment));
    CHECK_FALSE(IsPayable(OrderStatus::PendingReview));
    CHECK_FALSE(IsPayable(OrderStatus::PendingConfirmation));
    CHECK(PastPaymentDeadline(f.ws.orders[3], f.ws.rules, f.now()));
    CHECK_FALSE(PastPaymentDeadline(f.ws.orders[4], f.ws.rules, f.now()));
    CHECK_FALSE(PastPaymentDeadline(f.ws.orders[3], f.ws.rules, At("2025-01-09T08:59:59+08:00")));
    OrderFilter search = all;
    search.search = "cs-2024";
    CHECK(QueryOrders(f.ws, search).size() == 2);

    // 导出全部 exports what the filter selects (seed 4.3.4: 用于公司归档使用): last year's two orders.
    ExportRequest req;
    req.kind = ExportKind::Orders;
    req.format = ExportFormat::Json;
    req.as_of = f.now();
    req.ids = Ids(f.ws, rows);
    ExportResult file = BuildExport(f.ws, req);
    REQUIRE(file.ok());
    CHECK(file.file.rows == 2);
}
