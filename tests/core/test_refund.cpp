// Tests for core/engine/refund.h: every unsubscription scenario of seed 4.4 with the numbers of the seed and
// of docs/rules.md §4.
//
// Synopsis of what is tested:
//   CoverageStart, MeasureConsumption (hour / day), TermMonths, UsageYear, FiveDayQuotaAsOf
//   PreviewRefund: five_day | standard | not_effective | renewal_periods | failed | not_allowed,
//                  bound groups, quota, lines that add up, large refund warning, request refusals
//   Unsubscribe:   orders, quota, balance, coupons, resources; atomic refusals; reason text
//   RefundJson / WriteRefundPreview: the docs/cli.md shape
//
// Index of this file (search for "[SECTION] name"):
//   [SECTION] the arithmetic
//   [SECTION] scenarios
//   [SECTION] confirming
//   [SECTION] JSON
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/engine/orders.h"
#include "core/engine/refund.h"
#include "test_orders_fixture.h"

using namespace qd;
using qd::orders_test::CheckLinesAddUp;
using qd::orders_test::Paid;
using qd::renewal_test::At;
using qd::renewal_test::Fixture;
using qd::renewal_test::Yuan;

namespace {

RefundPreview Preview(const Workspace& ws, std::vector<std::string> ids, Instant asOf, bool periodsOnly = false,
                      std::optional<Instant> keepUntil = std::nullopt)
{
    RefundPreview p = PreviewRefund(ws, RefundRequest{std::move(ids), periodsOnly, keepUntil, asOf});
    for (const RefundItem& item : p.items) CheckLinesAddUp(item);
    return p;
}

const RefundLine* LineOf(const RefundItem& item, RefundLineKind kind)
{
    for (const RefundLine& l : item.lines)
        if (l.kind == kind) return &l;
    return nullptr;
}

// One in-use monthly ECS, paid as given.
Fixture OneResource(std::string_view asOf, std::string_view effective, std::string_view expire,
                    const PaidBreakdown& paid)
{
    Fixture f(asOf);
    f.product("p-ecs", "100.00", "1000.00");
    Resource& r = f.resource("ecs-1", "p-ecs", effective, expire);
    r.periods[0].paid = paid;
    f.purchaseOrder("ecs-1");
    f.ws.account.cash_balance = Yuan("0.00");
    f.ws.account.five_day_quota = FiveDayQuota{LocalDateOf(At(asOf), ZoneOffset::China()).year(), std::nullopt, 0, {}};
    f.done();
    return f;
}

}  // namespace

// [SECTION] the arithmetic

TEST_CASE(
    "consumed time: whole hours from the start's hour to the clock's hour (docs/rules.md §4.2 vector 758 h / 344 h)")
{
    RuleProfile rules;
    // docs/rules.md §4.2: bought 2024/01/01 10:30:00, expires 2024/02/01 23:59:59, unsubscribed 2024/01/15 18:40:00
    Consumption c = MeasureConsumption(At("2024-01-01T10:30:00+08:00"), At("2024-02-01T23:59:59+08:00"),
                                       At("2024-01-15T18:40:00+08:00"), rules);
    CHECK(c.ordered == 758);
    CHECK(c.used == 344);
    // 18:59:59 is still hour 18; 19:00:00 is the next hour.
    CHECK(MeasureConsumption(At("2024-01-01T10:30:00+08:00"), At("2024-02-01T23:59:59+08:00"),
                             At("2024-01-15T18:59:59+08:00"), rules)
              .used == 344);
    CHECK(MeasureConsumption(At("2024-01-01T10:30:00+08:00"), At("2024-02-01T23:59:59+08:00"),
                             At("2024-01-15T19:00:00+08:00"), rules)
              .used == 345);
    // Before the start nothing is used; after the end everything.
    CHECK(MeasureConsumption(At("2024-01-01T10:30:00+08:00"), At("2024-02-01T23:59:59+08:00"),
                             At("2023-12-31T00:00:00+08:00"), rules)
              .used == 0);
    CHECK(MeasureConsumption(At("2024-01-01T10:30:00+08:00"), At("2024-02-01T23:59:59+08:00"),
                             At("2024-03-01T00:00:00+08:00"), rules)
              .used == 758);
    // The whole hour is the profile zone's: +05:30 floors 10:30 local to 10:00 local.
    RuleProfile india;
    india.zone = *ZoneOffset::FromMinutes(330);
    Consumption ci = MeasureConsumption(At("2024-01-01T10:30:00+05:30"), At("2024-01-01T23:59:59+05:30"),
                                        At("2024-01-01T12:10:00+05:30"), india);
    CHECK(ci.ordered == 14);
    CHECK(ci.used == 2);
}

TEST_CASE(
    "consumed time under the older `day` rule: unsubscription day excluded (docs/rules.md §4.2 vector 31 days / 7 "
    "days)")
{
    RuleProfile rules;
    rules.consumed_granularity = ConsumedGranularity::Day;
    // docs/rules.md §4.2: EVS monthly bought 2024-06-14, expires 2024-07-14 (31 days incl. purchase day); unsubscribed 2024-06-21 -> 7 days
    Consumption c = MeasureConsumption(At("2024-06-14T09:12:00+08:00"), At("2024-07-14T23:59:59+08:00"),
                                       At("2024-06-21T16:00:00+08:00"), rules);
    CHECK(c.ordered == 31);
    CHECK(c.used == 7);
    CHECK(MeasureConsumption(At("2024-06-14T09:12:00+08:00"), At("2024-07-14T23:59:59+08:00"),
                             At("2024-06-14T23:00:00+08:00"), rules)
              .used == 0);
}

TEST_CASE("a renewal period covers from the second after its predecessor's end")
{
    Fixture f;
    f.product("p", "10.00", "");
    Resource& r = f.resource("r", "p", "2024-12-03T09:20:41+08:00", "2025-01-03T23:59:59+08:00");
    ResourcePeriod renewal;
    renewal.kind = PeriodKind::Renewal;
    renewal.start = At("2025-01-03T23:59:59+08:00");
    renewal.end = At("2025-02-03T23:59:59+08:00");
    r.periods.push_back(renewal);
    CHECK(CoverageStart(r, 0) == At("2024-12-03T09:20:41+08:00"));
    CHECK(CoverageStart(r, 1) == At("2025-01-04T00:00:00+08:00"));
    // So a monthly renewal is exactly its days in hours: 2025-01-04 00:00 -> 2025-02-04 00:00 = 31 days = 744 h.
    CHECK(
        MeasureConsumption(CoverageStart(r, 1), renewal.end, At("2025-01-05T00:30:00+08:00"), RuleProfile{}).ordered ==
        744);
    CHECK(MeasureConsumption(CoverageStart(r, 1), renewal.end, At("2025-01-05T00:30:00+08:00"), RuleProfile{}).used ==
          24);
}

TEST_CASE(
    "fee table: term by whole months, year of use, rate per docs/rules.md §6 (month 10, 1y 10, 2y 15/10, 3y 15/10/5)")
{
    const ZoneOffset z = ZoneOffset::China();
    CHECK(TermMonths(At("2024-04-15T15:58:49+08:00"), At("2025-04-15T23:59:59+08:00"), z) == 12);
    CHECK(TermMonths(At("2024-12-31T23:59:59+08:00"), At("2025-01-31T23:59:59+08:00"), z) == 1);
    CHECK(TermMonths(At("2024-01-31T10:00:00+08:00"), At("2024-02-29T23:59:59+08:00"), z) == 1);  // anchor 31 clamped
    CHECK(TermMonths(At("2022-03-01T10:00:00+08:00"), At("2025-03-01T23:59:59+08:00"), z) == 36);
    // shorter than a month: the month row
    CHECK(TermMonths(At("2024-04-15T10:00:00+08:00"), At("2024-04-30T23:59:59+08:00"), z) == 1);
    // Year of use: <= 1 year after the start is year 1, to the second.
    CHECK(UsageYear(At("2022-03-01T10:00:00+08:00"), At("2023-03-01T10:00:00+08:00"), z) == 1);
    CHECK(UsageYear(At("2022-03-01T10:00:00+08:00"), At("2023-03-01T10:00:01+08:00"), z) == 2);
    CHECK(UsageYear(At("2022-03-01T10:00:00+08:00"), At("2024-06-01T10:00:00+08:00"), z) == 3);
    // Feb 29 + 1 year = Feb 28
    CHECK(UsageYear(At("2024-02-29T10:00:00+08:00"), At("2025-02-28T10:00:00+08:00"), z) == 1);

    struct Case {
        const char *start, *end, *asOf;
        int rate;
    };
    // docs/rules.md §6 fee_table: monthly 10%; 1-year 10%; 2-year 15% then 10%; 3-year 15%, 10%, 5%; 5-year uses the 3-year row.
    const Case cases[] = {
        {"2024-06-01T10:00:00+08:00", "2024-07-01T23:59:59+08:00", "2024-06-20T10:00:00+08:00", 10},  // monthly
        {"2024-01-01T10:00:00+08:00", "2025-01-01T23:59:59+08:00", "2024-06-20T10:00:00+08:00", 10},  // 1 year
        {"2024-01-01T10:00:00+08:00", "2026-01-01T23:59:59+08:00", "2024-06-20T10:00:00+08:00", 15},  // 2 years, year 1
        {"2023-01-01T10:00:00+08:00", "2025-01-01T23:59:59+08:00", "2024-06-20T10:00:00+08:00", 10},  // 2 years, year 2
        {"2022-03-01T10:00:00+08:00", "2025-03-01T23:59:59+08:00", "2024-06-01T10:00:00+08:00", 5},   // 3 years, year 3
        // 5 years -> 3-year row
        {"2024-01-01T10:00:00+08:00", "2029-01-01T23:59:59+08:00", "2024-06-20T10:00:00+08:00", 15},
    };
    for (const Case& c : cases) {
        CAPTURE(c.start);
        CAPTURE(c.end);
        Fixture f = OneResource(c.asOf, c.start, c.end, Paid("1000.00"));
        RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
        REQUIRE(p.items.size() == 1);
        CHECK(p.items[0].scenario == UnsubscribeScenario::Standard);
        REQUIRE(LineOf(p.items[0], RefundLineKind::Fee));
        CHECK(LineOf(p.items[0], RefundLineKind::Fee)->rate_percent == c.rate);
        CHECK(p.items[0].fee == Percent(Yuan("1000.00"), c.rate, Rounding::HalfUp));
    }
}

TEST_CASE("five-day quota: per natural year of the profile zone, the file's limit, a fresh year")
{
    Fixture f("2025-01-14T10:00:00+08:00");
    f.ws.account.five_day_quota = FiveDayQuota{2025, 8, 3, {}};
    f.done();
    FiveDayQuotaState q = FiveDayQuotaAsOf(f.ws, f.now());
    CHECK(q.year == 2025);
    CHECK(q.limit == 8);
    CHECK(q.used == 3);
    CHECK(q.left() == 5);
    // 2024-12-31T23:30:00+08:00 is still 2024 in +08:00 (15:30 UTC): the 2025 counts do not apply.
    FiveDayQuotaState q24 = FiveDayQuotaAsOf(f.ws, At("2024-12-31T23:30:00+08:00"));
    CHECK(q24.year == 2024);
    CHECK(q24.used == 0);
    CHECK(q24.limit == 8);
    // None in the file: the profile's 10 per natural year, unknown.
    f.ws.account.five_day_quota.reset();
    FiveDayQuotaState none = FiveDayQuotaAsOf(f.ws, f.now());
    CHECK(none.limit == 10);
    CHECK(none.used == 0);
    CHECK_FALSE(none.known);
}

// [SECTION] scenarios

TEST_CASE(
    "five-day refund: the reference example, 100.00 paid = 80.00 cash + 20.00 voucher returned (docs/rules.md §4.3)")
{
    // docs/rules.md §4.3: ECS 01 bought 2020/10/20 for 1 month, 应付 100.00 = 代金券 20.00 + cash 80.00; unsubscribed 2020/10/22
    Fixture f = OneResource("2020-10-22T10:00:00+08:00", "2020-10-20T10:00:00+08:00", "2020-11-20T23:59:59+08:00",
                            Paid("80.00", "20.00"));
    RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
    REQUIRE(p.ok());
    REQUIRE(p.items.size() == 1);
    const RefundItem& item = p.items[0];
    CHECK(item.scenario == UnsubscribeScenario::FiveDay);
    CHECK(item.reason_code == "within_five_days");
    CHECK(item.paid == Yuan("100.00"));
    CHECK(item.total == Yuan("100.00"));
    CHECK(item.refund.cash == Yuan("80.00"));
    CHECK(item.refund.voucher == Yuan("20.00"));
    CHECK(item.consumed.isZero());
    CHECK(item.fee.isZero());
    CHECK(item.quota_used == 1);
    CHECK(p.quota_used == 1);
    CHECK(p.total == Yuan("100.00"));
}

TEST_CASE("five-day refund: flexi coupon and stored card returned, discount coupon not (docs/rules.md §4.1 matrix)")
{
    Fixture f = OneResource("2025-01-14T10:00:00+08:00", "2025-01-12T14:21:36+08:00", "2025-02-12T23:59:59+08:00",
                            Paid("40.00", "20.00", "5.00", "5.00", "7.00"));
    RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
    REQUIRE(p.items.size() == 1);
    const RefundItem& item = p.items[0];
    CHECK(item.scenario == UnsubscribeScenario::FiveDay);
    CHECK(item.total == Yuan("70.00"));
    CHECK(item.refund.cash == Yuan("40.00"));
    CHECK(item.refund.voucher == Yuan("20.00"));
    CHECK(item.refund.flexi_coupon == Yuan("5.00"));
    CHECK(item.refund.stored_card == Yuan("5.00"));
    CHECK(item.discount_coupon_kept == Yuan("7.00"));
}

TEST_CASE(
    "five-day window: 5×24 h from provisioning, to the second (seed 4.4.1.3: 2022/11/24 14:30:30 -> before 2022/11/29 "
    "14:30:30)")
{
    const char* effective = "2022-11-24T14:30:30+08:00";
    const char* expire = "2022-12-24T23:59:59+08:00";
    {
        Fixture f = OneResource("2022-11-29T14:30:29+08:00", effective, expire, Paid("100.00"));
        RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
        REQUIRE(p.items.size() == 1);
        CHECK(p.items[0].scenario == UnsubscribeScenario::FiveDay);
        CHECK(p.items[0].total == Yuan("100.00"));
    }
    {
        Fixture f = OneResource("2022-11-29T14:30:30+08:00", effective, expire, Paid("100.00"));
        RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
        REQUIRE(p.items.size() == 1);
        const RefundItem& item = p.items[0];
        CHECK(item.scenario == UnsubscribeScenario::Standard);
        CHECK(item.reason_code == "beyond_five_days");
        // 2022-11-24 14:00 -> 2022-12-25 00:00 = 730 h ordered; 14:00 -> 2022-11-29 14:00 = 120 h used.
        REQUIRE(LineOf(item, RefundLineKind::Consumed));
        CHECK(LineOf(item, RefundLineKind::Consumed)->used == 120);
        CHECK(LineOf(item, RefundLineKind::Consumed)->ordered == 730);
        CHECK(item.consumed == Yuan("16.44"));  // 100.00 × 120 / 730 = 16.438..
        CHECK(item.fee == Yuan("10.00"));       // monthly 10%
        CHECK(item.total == Yuan("73.56"));
        CHECK(item.quota_used == 0);
    }
    {  // the window is the profile's: 48 h ends earlier
        Fixture f = OneResource("2022-11-26T14:30:30+08:00", effective, expire, Paid("100.00"));
        f.ws.rules.five_day_window_hours = 48;
        CHECK(Preview(f.ws, {"ecs-1"}, f.now()).items[0].scenario == UnsubscribeScenario::Standard);
    }
}

TEST_CASE(
    "standard refund: paid − consumed − fee with the hour-floor example (docs/rules.md §4.2: 758 h ordered, 344 h "
    "used)")
{
    // docs/rules.md §4.2 vector; paid 200.00 cash: consumed = 200.00 × 344 / 758 = 90.7651..
    const char* effective = "2024-01-01T10:30:00+08:00";
    const char* expire = "2024-02-01T23:59:59+08:00";
    const char* asOf = "2024-01-15T18:40:00+08:00";
    {
        Fixture f = OneResource(asOf, effective, expire, Paid("200.00"));
        RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
        REQUIRE(p.items.size() == 1);
        const RefundItem& item = p.items[0];
        CHECK(item.scenario == UnsubscribeScenario::Standard);
        CHECK(LineOf(item, RefundLineKind::Consumed)->used == 344);
        CHECK(LineOf(item, RefundLineKind::Consumed)->ordered == 758);
        CHECK(item.paid == Yuan("200.00"));
        CHECK(item.consumed == Yuan("90.77"));  // rounding half_up (docs/rules.md §6)
        CHECK(item.fee == Yuan("20.00"));       // monthly 10%
        CHECK(item.total == Yuan("89.23"));
        CHECK(item.refund.cash == Yuan("89.23"));
    }
    {
        Fixture f = OneResource(asOf, effective, expire, Paid("200.00"));
        f.ws.rules.rounding = Rounding::Truncate;  // profile rounding `truncate`
        RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
        CHECK(p.items[0].consumed == Yuan("90.76"));
        CHECK(p.items[0].total == Yuan("89.24"));
    }
    {  // vouchers are not part of the paid amount and are not returned (docs/rules.md §4.2 实付 excludes 代金券)
        Fixture f = OneResource(asOf, effective, expire, Paid("200.00", "50.00"));
        RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
        CHECK(p.items[0].paid == Yuan("200.00"));
        CHECK(p.items[0].total == Yuan("89.23"));
        CHECK(p.items[0].refund.voucher.isZero());
        CHECK(p.items[0].voucher_kept == Yuan("50.00"));
    }
}

TEST_CASE("standard refund under consumed_granularity `day` (docs/rules.md §4.2 older rule: 7 of 31 days)")
{
    Fixture f = OneResource("2024-06-21T16:00:00+08:00", "2024-06-14T09:12:00+08:00", "2024-07-14T23:59:59+08:00",
                            Paid("31.00"));
    f.ws.rules.consumed_granularity = ConsumedGranularity::Day;
    RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
    REQUIRE(p.items.size() == 1);
    const RefundItem& item = p.items[0];
    CHECK(LineOf(item, RefundLineKind::Consumed)->unit == ConsumedGranularity::Day);
    CHECK(LineOf(item, RefundLineKind::Consumed)->used == 7);
    CHECK(LineOf(item, RefundLineKind::Consumed)->ordered == 31);
    CHECK(item.consumed == Yuan("7.00"));  // 31.00 × 7 / 31
    CHECK(item.fee == Yuan("3.10"));
    CHECK(item.total == Yuan("20.90"));
}

TEST_CASE("standard refund: a 3-year subscription in its 3rd year pays the 5% fee")
{
    // 2022-03-01 10:00 -> 2025-03-02 00:00 = 1096 days + 14 h = 26318 h; used to 2024-06-01 10:00 = 823 days = 19752 h.
    Fixture f = OneResource("2024-06-01T10:00:00+08:00", "2022-03-01T10:00:00+08:00", "2025-03-01T23:59:59+08:00",
                            Paid("3000.00"));
    RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
    const RefundItem& item = p.items[0];
    CHECK(LineOf(item, RefundLineKind::Consumed)->ordered == 26318);
    CHECK(LineOf(item, RefundLineKind::Consumed)->used == 19752);
    CHECK(item.consumed == Yuan("2251.54"));  // 3000.00 × 19752 / 26318 = 2251.5388..
    CHECK(item.fee == Yuan("150.00"));        // 3-year row, year 3: 5%
    CHECK(item.total == Yuan("598.46"));
    // The fee line carries its own explanation (seed 4.4.1.2): a 36-month term, year 3 of use, 5%.
    const RefundLine* fee = LineOf(item, RefundLineKind::Fee);
    CHECK(fee->term_months == 36);
    CHECK(fee->usage_year == 3);
    CHECK(fee->rate_percent == 5);
    const RefundLine* paid = LineOf(item, RefundLineKind::Paid);
    CHECK(paid->period_kind == PeriodKind::New);
    REQUIRE(paid->paid_parts);
    CHECK(paid->paid_parts->cash == Yuan("3000.00"));
    CHECK_FALSE(paid->voucher_returned);  // seed 4.4.1.2: a standard refund keeps the vouchers
}

TEST_CASE("standard refund floored at 0: nothing charged beyond the paid amount (docs/rules.md §4.2)")
{
    // 2024-06-01 00:00 -> 2024-07-02 00:00 = 744 h; 696 h used: consumed 93.55 + fee 10.00 > 100.00.
    Fixture f = OneResource("2024-06-30T00:00:00+08:00", "2024-06-01T00:00:00+08:00", "2024-07-01T23:59:59+08:00",
                            Paid("100.00"));
    RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
    const RefundItem& item = p.items[0];
    CHECK(item.consumed == Yuan("93.55"));
    CHECK(item.fee == Yuan("10.00"));
    CHECK(item.not_charged == Yuan("3.55"));
    CHECK(item.total.isZero());
    REQUIRE(LineOf(item, RefundLineKind::NotCharged));
    CHECK(LineOf(item, RefundLineKind::NotCharged)->amount == Yuan("3.55"));
}

TEST_CASE(
    "standard refund split over cash, flexi coupon, stored card in proportion, leftover fen to cash (docs/rules.md §6 "
    "refund_split)")
{
    // Hour-floor example with 60 + 30 + 10 paid: refund 44.62 -> 26.772 / 13.386 / 4.462 floored, +1 fen to cash.
    Fixture f = OneResource("2024-01-15T18:40:00+08:00", "2024-01-01T10:30:00+08:00", "2024-02-01T23:59:59+08:00",
                            Paid("60.00", "0", "30.00", "10.00"));
    RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
    const RefundItem& item = p.items[0];
    CHECK(item.consumed == Yuan("45.38"));  // 100.00 × 344 / 758
    CHECK(item.total == Yuan("44.62"));
    CHECK(item.refund.cash == Yuan("26.78"));
    CHECK(item.refund.flexi_coupon == Yuan("13.38"));
    CHECK(item.refund.stored_card == Yuan("4.46"));
}

TEST_CASE("not-yet-effective resource: full paid including vouchers, no fee, no quota (seed 4.4.2)")
{
    Fixture f("2025-01-14T10:00:00+08:00");
    f.product("p-pkg", "99.00", "", ProductKind::ResourcePackage);
    Resource& r = f.resource("pkg-1", "p-pkg", "2025-02-01T00:00:00+08:00", "2025-03-01T23:59:59+08:00");
    r.periods[0].paid = Paid("69.00", "20.00", "0", "0", "10.00");
    f.done();
    RefundPreview p = Preview(f.ws, {"pkg-1"}, f.now());
    REQUIRE(p.items.size() == 1);
    const RefundItem& item = p.items[0];
    CHECK(item.scenario == UnsubscribeScenario::NotEffective);
    CHECK(item.total == Yuan("89.00"));
    CHECK(item.refund.cash == Yuan("69.00"));
    CHECK(item.refund.voucher == Yuan("20.00"));
    CHECK(item.discount_coupon_kept == Yuan("10.00"));
    CHECK(item.fee.isZero());
    CHECK(item.quota_used == 0);
}

// seed 4.4.1.3: returned vouchers keep their original expiry; an expired one is not returned ("如果过期则不退").
TEST_CASE("vouchers: returned with their original expiry, not returned once expired (seed 4.4.1.3, 4.4.3 示例)")
{
    // seed 4.4.3 示例: the renewal paid 80.00 cash + 20.00 voucher, the voucher expiring 2020/12/31 23:59:59.
    auto withRenewal = [](std::string_view asOf, std::optional<Instant> voucherExpiry) {
        Fixture f = OneResource(asOf, "2020-10-20T10:00:00+08:00", "2020-11-20T23:59:59+08:00", Paid("100.00"));
        Resource& r = f.ws.resources[0];
        ResourcePeriod renewal;
        renewal.order_id = "CS-renewal";
        renewal.kind = PeriodKind::Renewal;
        renewal.start = At("2020-11-20T23:59:59+08:00");
        renewal.end = At("2020-12-20T23:59:59+08:00");
        renewal.paid = Paid("80.00", "20.00");
        renewal.paid->voucher_expire_time = voucherExpiry;
        r.periods.push_back(renewal);
        r.expire_time = renewal.end;
        return f;
    };
    const Instant expiry = At("2020-12-31T23:59:59+08:00");
    SUBCASE("2020/11/05: 100.00 back, the 20.00 voucher as a coupon expiring 2020/12/31 23:59:59")
    {
        Fixture f = withRenewal("2020-11-05T10:00:00+08:00", expiry);
        UnsubscribeResult u =
            Unsubscribe(f.ws, {{{"ecs-1"}, true, std::nullopt, f.now()}, UnsubscribeReason::Other, ""});
        REQUIRE(u.ok());
        CHECK(u.preview.total == Yuan("100.00"));
        CHECK(u.preview.items[0].returned_vouchers == std::vector<ReturnedVoucher>{{Yuan("20.00"), expiry}});
        REQUIRE(u.returned_coupon_ids.size() == 1);
        const Coupon* c = f.ws.findCoupon(u.returned_coupon_ids[0]);
        REQUIRE(c != nullptr);
        CHECK(c->type == CouponType::Voucher);
        CHECK(c->balance == Yuan("20.00"));
        CHECK(c->expire_time == expiry);
    }
    SUBCASE("an expired voucher is not returned: 80.00 back, the 20.00 kept, and no coupon")
    {
        // the same renewal with a voucher that expired 2020/11/01 23:59:59, unsubscribed 2020/11/05
        Fixture f = withRenewal("2020-11-05T10:00:00+08:00", At("2020-11-01T23:59:59+08:00"));
        RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now(), /*periodsOnly=*/true);
        REQUIRE(p.ok());
        const RefundItem& item = p.items[0];
        CHECK(item.total == Yuan("80.00"));
        CHECK(item.refund.cash == Yuan("80.00"));
        CHECK(item.refund.voucher.isZero());
        CHECK(item.voucher_expired == Yuan("20.00"));
        CHECK(item.voucher_kept == Yuan("20.00"));
        REQUIRE(LineOf(item, RefundLineKind::Paid) != nullptr);
        CHECK(LineOf(item, RefundLineKind::Paid)->label.find("voucher 20.00 expired 2020-11-01: not returned") !=
              std::string::npos);
        UnsubscribeResult u =
            Unsubscribe(f.ws, {{{"ecs-1"}, true, std::nullopt, f.now()}, UnsubscribeReason::Other, ""});
        REQUIRE(u.ok());
        CHECK(u.returned_coupon_ids.empty());
        // the very second of the expiry counts as expired; one second before, it is returned
        Fixture g = withRenewal("2020-11-01T23:59:59+08:00", At("2020-11-01T23:59:59+08:00"));
        CHECK(Preview(g.ws, {"ecs-1"}, g.now(), true).items[0].refund.voucher.isZero());
        Fixture h = withRenewal("2020-11-01T23:59:58+08:00", At("2020-11-01T23:59:59+08:00"));
        CHECK(Preview(h.ws, {"ecs-1"}, h.now(), true).items[0].refund.voucher == Yuan("20.00"));
    }
    SUBCASE("expiry unknown (a file from before voucher_expire_time): returned without an expiry")
    {
        Fixture f = withRenewal("2020-11-05T10:00:00+08:00", std::nullopt);
        UnsubscribeResult u =
            Unsubscribe(f.ws, {{{"ecs-1"}, true, std::nullopt, f.now()}, UnsubscribeReason::Other, ""});
        REQUIRE(u.ok());
        REQUIRE(u.returned_coupon_ids.size() == 1);
        CHECK(f.ws.findCoupon(u.returned_coupon_ids[0])->balance == Yuan("20.00"));
        CHECK_FALSE(f.ws.findCoupon(u.returned_coupon_ids[0])->expire_time);
    }
}

// seed 4.4.2 未生效的资源不可退订场景, 4.4.3 续费周期不可退订场景: each case is data of the file and a reason.
TEST_CASE(
    "not allowed: promotion, special unsubscription, changed, bandwidth add-on, attached added, 云速建站 "
    "(seed 4.4.2, 4.4.3)")
{
    // seed 4.4.3 示例: ECS 03 bought 2020/10/20, renewal 2020/11/20 → 12/20 paid 80.00 + voucher 20.00; 2020/11/05.
    auto withRenewal = [] {
        Fixture f = OneResource("2020-11-05T10:00:00+08:00", "2020-10-20T10:00:00+08:00", "2020-11-20T23:59:59+08:00",
                                Paid("100.00"));
        f.product("p-disk", "10.00", "100.00");
        Resource& r = f.ws.resources[0];
        ResourcePeriod renewal;
        renewal.order_id = "CS-renewal";
        renewal.kind = PeriodKind::Renewal;
        renewal.start = At("2020-11-20T23:59:59+08:00");
        renewal.end = At("2020-12-20T23:59:59+08:00");
        renewal.paid = Paid("80.00", "20.00");
        r.periods.push_back(renewal);
        r.expire_time = renewal.end;
        f.attached("disk", "p-disk", "ecs-1", Relation::Mounted);
        f.done();
        return f;
    };
    auto periodsReason = [](const Fixture& f) {
        RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now(), /*periodsOnly=*/true);
        REQUIRE(p.items.size() == 1);
        return p.items[0].scenario == UnsubscribeScenario::NotAllowed ? p.items[0].reason_code
                                                                      : std::string(ToString(p.items[0].scenario));
    };
    {
        Fixture f = withRenewal();
        CHECK(periodsReason(f) == "renewal_periods");  // 100.00 back (the seed's example)
    }
    {
        Fixture f = withRenewal();
        f.ws.resources[0].periods[1].changed_before_effective = true;  // 续费周期生效前进行了变更
        CHECK(periodsReason(f) == "changed_before_renewal");
        // the resource itself can still be unsubscribed (only the periods alone cannot)
        CHECK(Preview(f.ws, {"ecs-1"}, f.now()).items[0].scenario == UnsubscribeScenario::Standard);
    }
    {
        Fixture f = withRenewal();
        f.ws.resources[0].bandwidth_addon = true;  // 存在带宽加油包
        CHECK(periodsReason(f) == "bandwidth_addon");
    }
    {
        Fixture f = withRenewal();
        f.ws.findResource("disk")->added_after_renewal = true;  // 续费成功后再追加附属资源
        CHECK(periodsReason(f) == "attached_after_renewal");
        f.ws.findResource("disk")->status = ResourceStatus::Closed;  // gone again: allowed
        CHECK(periodsReason(f) == "renewal_periods");
    }
    {
        Fixture f = withRenewal();
        f.ws.products[0].periods_unsubscribable = false;  // 云速建站
        CHECK(periodsReason(f) == "periods_not_unsubscribable");
    }
    {
        Fixture f = withRenewal();
        f.ws.resources[0].periods[1].promotion = true;  // 续费订单参与了活动、促销
        CHECK(periodsReason(f) == "promotion");
    }
    {
        Fixture f = withRenewal();
        f.ws.resources[0].periods[1].invoiced = true;  // 现金券 / 云商店 / 伙伴代付, 开具发票后
        CHECK(periodsReason(f) == "invoiced");
    }
    {
        Fixture f = withRenewal();
        f.ws.resources[0].special_unsubscribe = true;  // 正在申请特殊退订: nothing is unsubscribed meanwhile
        CHECK(periodsReason(f) == "special_unsubscribe");
        CHECK(Preview(f.ws, {"ecs-1"}, f.now()).items[0].reason_code == "special_unsubscribe");
    }
    // seed 4.4.2: a resource not yet effective (takes effect 2020-12-01), 100.00 back unless bought in a promotion
    auto notEffective = [] {
        return OneResource("2020-11-05T10:00:00+08:00", "2020-12-01T00:00:00+08:00", "2020-12-31T23:59:59+08:00",
                           Paid("80.00", "20.00"));
    };
    {
        Fixture f = notEffective();
        RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
        CHECK(p.items[0].scenario == UnsubscribeScenario::NotEffective);
        CHECK(p.total == Yuan("100.00"));
        f.ws.resources[0].periods[0].promotion = true;  // 参加促销活动
        p = Preview(f.ws, {"ecs-1"}, f.now());
        CHECK(p.items[0].reason_code == "promotion");
        CHECK(p.total.isZero());
        const Workspace before = f.ws;
        UnsubscribeResult u =
            Unsubscribe(f.ws, {{{"ecs-1"}, false, std::nullopt, f.now()}, UnsubscribeReason::Other, ""});
        REQUIRE_FALSE(u.ok());
        CHECK(u.refusals[0].code == "promotion");
        CHECK(f.ws == before);
    }
    {
        Fixture f = notEffective();
        f.ws.resources[0].special_unsubscribe = true;
        CHECK(Preview(f.ws, {"ecs-1"}, f.now()).items[0].reason_code == "special_unsubscribe");
    }
}

TEST_CASE("renewal periods: the reference example, 100.00 = 80.00 cash + 20.00 voucher (seed 4.4.3 示例)")
{
    // seed 4.4.3: ECS 03 bought 2020/10/20 for 1 month; renewed 2020/11/01 for 1 month, 100.00 = 代金券 20.00 + cash 80.00;
    // 2020/11/05 the unstarted renewal is unsubscribed: 100.00 back, 80.00 to cash, 20.00 as voucher.
    Fixture f = OneResource("2020-11-05T10:00:00+08:00", "2020-10-20T10:00:00+08:00", "2020-11-20T23:59:59+08:00",
                            Paid("100.00"));
    Resource& r = f.ws.resources[0];
    ResourcePeriod renewal;
    renewal.order_id = "CS-renewal";
    renewal.kind = PeriodKind::Renewal;
    renewal.start = At("2020-11-20T23:59:59+08:00");
    renewal.end = At("2020-12-20T23:59:59+08:00");
    renewal.paid = Paid("80.00", "20.00");
    r.periods.push_back(renewal);
    r.expire_time = renewal.end;

    RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now(), /*periodsOnly=*/true);
    REQUIRE(p.ok());
    REQUIRE(p.items.size() == 1);
    const RefundItem& item = p.items[0];
    CHECK(item.scenario == UnsubscribeScenario::RenewalPeriods);
    CHECK(item.total == Yuan("100.00"));
    CHECK(item.refund.cash == Yuan("80.00"));
    CHECK(item.refund.voucher == Yuan("20.00"));
    CHECK(item.fee.isZero());
    CHECK(item.quota_used == 0);
    REQUIRE(item.new_expire_time);
    CHECK(*item.new_expire_time == At("2020-11-20T23:59:59+08:00"));
    // The paid line says what it is for as data: a renewal period, 80.00 cash + 20.00 voucher, voucher back.
    const RefundLine* paid = LineOf(item, RefundLineKind::Paid);
    REQUIRE(paid);
    CHECK(paid->period_kind == PeriodKind::Renewal);
    REQUIRE(paid->paid_parts);
    CHECK(paid->paid_parts->voucher == Yuan("20.00"));
    CHECK(paid->voucher_returned);

    SUBCASE("unsubscribing the resource in use refunds the unused renewal in full as well (seed 4.4.1.1)")
    {
        RefundPreview all = Preview(f.ws, {"ecs-1"}, f.now());
        const RefundItem& it = all.items[0];
        CHECK(it.scenario == UnsubscribeScenario::Standard);  // 16 days after purchase
        // current: 2020-10-20 10:00 -> 2020-11-21 00:00 = 758 h, used to 2020-11-05 10:00 = 384 h; 100 × 384/758 = 50.66
        CHECK(it.consumed == Yuan("50.66"));
        CHECK(it.fee == Yuan("10.00"));
        CHECK(it.total == Yuan("139.34"));  // 39.34 + 100.00
        CHECK(it.refund.voucher == Yuan("20.00"));
        CHECK(it.refunded_periods == std::vector<std::size_t>{1});
        CHECK(it.partly_used_period == std::optional<std::size_t>(0));
    }

    SUBCASE("several renewals: the expiry to keep is chosen among the period boundaries (keep_until)")
    {
        ResourcePeriod third = renewal;
        third.order_id = "CS-renewal-2";
        third.start = renewal.end;
        third.end = At("2021-01-20T23:59:59+08:00");
        third.paid = Paid("100.00");
        r.periods.push_back(third);
        r.expire_time = third.end;
        RefundPreview def = Preview(f.ws, {"ecs-1"}, f.now(), true);
        CHECK(def.items[0].total == Yuan("200.00"));
        // seed 4.4.3 step 6: the expiries to choose from, one definition for the dialog and the engine.
        CHECK(KeepUntilChoices(r, f.now()) ==
              std::vector<Instant>{At("2020-11-20T23:59:59+08:00"), At("2020-12-20T23:59:59+08:00")});
        // Once the first renewal has started (2020-11-21 00:00), only its end is left to keep.
        CHECK(KeepUntilChoices(r, At("2020-11-21T00:00:00+08:00")) ==
              std::vector<Instant>{At("2020-12-20T23:59:59+08:00")});
        CHECK(KeepUntilChoices(r, At("2020-12-21T00:00:00+08:00")).empty());
        RefundPreview keep = Preview(f.ws, {"ecs-1"}, f.now(), true, At("2020-12-20T23:59:59+08:00"));
        REQUIRE(keep.ok());
        CHECK(keep.items[0].total == Yuan("100.00"));
        CHECK(keep.items[0].refunded_periods == std::vector<std::size_t>{2});
        CHECK(*keep.items[0].new_expire_time == At("2020-12-20T23:59:59+08:00"));
        // A time on the same local day selects the boundary.
        CHECK(Preview(f.ws, {"ecs-1"}, f.now(), true, At("2020-12-20T09:00:00+08:00")).items[0].total ==
              Yuan("100.00"));
        // The last end, or a day that is no boundary, is refused with the choices.
        RefundPreview bad = Preview(f.ws, {"ecs-1"}, f.now(), true, At("2021-01-20T23:59:59+08:00"));
        REQUIRE_FALSE(bad.ok());
        CHECK(bad.refusals[0].code == "bad_keep_until");
        CHECK(bad.refusals[0].message ==
              "resource ecs-1 can keep its expiry at 2020-11-20T23:59:59+08:00, 2020-12-20T23:59:59+08:00, not "
              "2021-01-20T23:59:59+08:00");
        CHECK_FALSE(Preview(f.ws, {"ecs-1"}, f.now(), true, At("2020-12-01T00:00:00+08:00")).ok());
    }

    SUBCASE("no unstarted renewal: not allowed, with the reason")
    {
        r.periods.pop_back();
        r.expire_time = r.periods[0].end;
        RefundPreview none = Preview(f.ws, {"ecs-1"}, f.now(), true);
        REQUIRE(none.items.size() == 1);
        CHECK(none.items[0].scenario == UnsubscribeScenario::NotAllowed);
        CHECK(none.items[0].reason_code == "no_unused_renewal_period");
    }
}

TEST_CASE("failed provisioning: full refund including vouchers, even with its order still processing (seed 4.4.4)")
{
    Fixture f = OneResource("2025-01-14T10:00:00+08:00", "2025-01-14T09:41:15+08:00", "2025-02-14T23:59:59+08:00",
                            Paid("600.00", "58.00"));
    f.ws.resources[0].provisioning = Provisioning::Failed;
    f.ws.orders[0].status = OrderStatus::Processing;
    OrderItem item;
    item.resource_id = "ecs-1";
    f.ws.orders[0].items.push_back(item);
    f.done();
    RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
    REQUIRE(p.items.size() == 1);
    CHECK(p.items[0].scenario == UnsubscribeScenario::Failed);
    CHECK(p.items[0].total == Yuan("658.00"));
    CHECK(p.items[0].refund.voucher == Yuan("58.00"));
    CHECK(p.items[0].quota_used == 0);
}

// seed 4.3.3 说明 / 4.4.4: 处理中 shows which case; failed resources are unsubscribed by the system, in full,
// and the order's details show that refund.
TEST_CASE(
    "failed provisioning: 处理中 case, automatic unsubscription as of the clock, refund in the details "
    "(seed 4.3.3, 4.4.4)")
{
    Fixture f = OneResource("2025-01-14T10:00:00+08:00", "2025-01-14T09:41:15+08:00", "2025-02-14T23:59:59+08:00",
                            Paid("600.00", "58.00"));
    f.ws.resources[0].periods[0].order_id = "CS-ecs-1";
    f.ws.orders[0].status = OrderStatus::Processing;
    OrderItem item;
    item.resource_id = "ecs-1";
    f.ws.orders[0].items.push_back(item);
    f.done();
    const Instant now = f.now();
    // 资源开通中 while every resource is provisioning
    CHECK(ProcessingCaseOf(f.ws, f.ws.orders[0], now) == ProcessingCase::Provisioning);
    CHECK(AutoUnsubscribeFailed(f.ws, now).empty());  // nothing failed: nothing is done
    // 部分资源开通失败 once one failed
    f.ws.resources[0].provisioning = Provisioning::Failed;
    CHECK(ProcessingCaseOf(f.ws, f.ws.orders[0], now) == ProcessingCase::PartlyFailed);
    REQUIRE(DescribeOrder(f.ws, "CS-ecs-1", now)->processing_case == ProcessingCase::PartlyFailed);
    // a completed order has no processing case
    f.ws.orders[0].status = OrderStatus::Completed;
    CHECK_FALSE(ProcessingCaseOf(f.ws, f.ws.orders[0], now));
    f.ws.orders[0].status = OrderStatus::Processing;

    // the system unsubscribes it as of the clock: 658.00 back (600.00 cash + 58.00 voucher), no fee, no quota
    const std::vector<std::string> made = AutoUnsubscribeFailed(f.ws, now);
    REQUIRE(made.size() == 1);
    const Order* refund = f.ws.findOrder(made[0]);
    REQUIRE(refund != nullptr);
    CHECK(refund->order_type == OrderType::Unsubscribe);
    CHECK(refund->status == OrderStatus::Completed);
    CHECK(refund->amount_after_discount == Yuan("658.00"));
    CHECK(f.ws.findResource("ecs-1")->status == ResourceStatus::Closed);
    CHECK(f.ws.account.cash_balance == Yuan("600.00"));
    CHECK(f.ws.account.five_day_quota->used == 0);
    // the purchase order's details show the refund
    std::optional<OrderDetails> d = DescribeOrder(f.ws, "CS-ecs-1", now);
    REQUIRE(d);
    REQUIRE(d->refunds.size() == 1);
    CHECK(d->refunds[0]->order_id == made[0]);
    // done once: a closed resource is not unsubscribed again
    CHECK(AutoUnsubscribeFailed(f.ws, now).empty());
}

TEST_CASE("not allowed, always with the reason (seed 4.4.1.4, 4.4.2, 4.4.3)")
{
    auto reasonOf = [](Fixture& f) {
        f.done();
        RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
        REQUIRE(p.ok());
        REQUIRE(p.items.size() == 1);
        const RefundItem& item = p.items[0];
        if (item.scenario == UnsubscribeScenario::NotAllowed) {
            CHECK_FALSE(item.reason.empty());
            CHECK(item.total.isZero());
            CHECK(item.paid.isZero());
        }
        return item.scenario == UnsubscribeScenario::NotAllowed ? item.reason_code
                                                                : std::string(ToString(item.scenario));
    };
    auto fixture = [] {
        return OneResource("2025-01-14T10:00:00+08:00", "2024-12-01T10:00:00+08:00", "2025-03-01T23:59:59+08:00",
                           Paid("300.00"));
    };
    {
        Fixture f = fixture();
        CHECK(reasonOf(f) == "standard");
    }
    {
        Fixture f = fixture();
        f.ws.products[0].unsubscribable = false;  // trial / free / one-off
        CHECK(reasonOf(f) == "not_unsubscribable");
    }
    {
        Fixture f = fixture();
        f.ws.products[0].kind = ProductKind::ResourcePackage;  // in effect since 2024-12-01
        CHECK(reasonOf(f) == "effective_resource_package");
    }
    {
        Fixture f = fixture();
        f.pendingOrder("CS-pending", "ecs-1");  // in another transaction
        f.ws.orders.back().pending_payment_end_time = At("2025-01-20T16:40:12+08:00");
        CHECK(reasonOf(f) == "in_transaction");
        // expired at the clock: no longer in a transaction
        f.ws.orders.back().pending_payment_end_time = At("2025-01-14T10:00:00+08:00");
        CHECK(reasonOf(f) == "standard");
    }
    {
        Fixture f = fixture();
        f.pendingOrder("CS-review", "ecs-1", OrderStatus::PendingReview);
        CHECK(reasonOf(f) == "in_transaction");
    }
    {
        Fixture f = fixture();
        f.ws.resources[0].status = ResourceStatus::Expired;
        CHECK(reasonOf(f) == "expired");
    }
    {
        Fixture f = OneResource("2025-01-14T10:00:00+08:00", "2024-12-01T10:00:00+08:00", "2025-01-01T23:59:59+08:00",
                                Paid("300.00"));
        CHECK(reasonOf(f) == "expired");  // past its expiry although the file still says in_use
    }
    {
        Fixture f = fixture();
        f.ws.resources[0].status = ResourceStatus::Frozen;
        f.ws.resources[0].frozen_reason = FrozenReason::Police;
        CHECK(reasonOf(f) == "police_frozen");
        f.ws.resources[0].frozen_reason = FrozenReason::Arrears;  // frozen for arrears: allowed
        CHECK(reasonOf(f) == "standard");
    }
    {
        Fixture f = fixture();
        f.ws.resources[0].periods[0].invoiced = true;
        CHECK(reasonOf(f) == "invoiced");
    }
    {
        Fixture f = fixture();
        f.ws.resources[0].periods[0].paid.reset();
        CHECK(reasonOf(f) == "paid_unknown");
    }
    {
        Fixture f = fixture();
        f.ws.resources[0].status = ResourceStatus::Closed;
        CHECK(reasonOf(f) == "closed");
    }
}

TEST_CASE("five-day refund not given: product excluded, promotion, renewal in effect, quota used up")
{
    auto scenario = [](Fixture& f, std::string& code) {
        f.done();
        RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
        code = p.items[0].reason_code;
        return p.items[0].scenario;
    };
    auto fixture = [] {
        return OneResource("2025-01-14T10:00:00+08:00", "2025-01-12T14:21:36+08:00", "2025-02-12T23:59:59+08:00",
                           Paid("70.00"));
    };
    std::string code;
    {
        Fixture f = fixture();
        f.ws.products[0].five_day_refund = false;
        CHECK(scenario(f, code) == UnsubscribeScenario::Standard);
        CHECK(code == "no_five_day_refund");
    }
    {
        Fixture f = fixture();
        f.ws.resources[0].periods[0].no_five_day_refund = true;
        CHECK(scenario(f, code) == UnsubscribeScenario::Standard);
        CHECK(code == "no_five_day_refund");
    }
    {
        Fixture f = fixture();
        f.ws.account.five_day_quota = FiveDayQuota{2025, 10, 10, {}};  // 10 of 10 used this year
        CHECK(scenario(f, code) == UnsubscribeScenario::Standard);
        CHECK(code == "five_day_quota_used_up");
    }
    {
        Fixture f = fixture();
        f.ws.account.five_day_quota = FiveDayQuota{2024, 10, 10, {}};  // last year's count: a fresh year
        CHECK(scenario(f, code) == UnsubscribeScenario::FiveDay);
    }
    {
        Fixture f = fixture();
        f.ws.account.five_day_quota.reset();  // unknown: assumed, with a warning
        f.done();
        RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
        CHECK(p.items[0].scenario == UnsubscribeScenario::FiveDay);
        REQUIRE(p.warnings.size() == 1);
        CHECK(p.warnings[0].code == "five_day_quota_unknown");
    }
}

TEST_CASE("bound resources go with their main; a bound group uses the quota once (docs/rules.md §4.3 counting Ex2)")
{
    Fixture f("2025-01-14T10:00:00+08:00");
    f.product("p-ecs", "191.40", "");
    f.product("p-disk", "28.00", "");
    Resource& ecs = f.resource("ecs-1", "p-ecs", "2025-01-12T10:00:00+08:00", "2025-02-12T23:59:59+08:00");
    ecs.periods[0].paid = Paid("191.40");
    f.attached("sys-1", "p-disk", "ecs-1", Relation::Bound).periods[0].paid = Paid("28.00");
    f.attached("sys-2", "p-disk", "ecs-1", Relation::Bound).periods[0].paid = Paid("28.00");
    f.attached("data-1", "p-disk", "ecs-1", Relation::Mounted).periods[0].paid = Paid("28.00");
    f.product("p-eip", "20.00", "");
    f.resource("eip-1", "p-eip", "2025-01-12T10:00:00+08:00", "2025-02-12T23:59:59+08:00").periods[0].paid =
        Paid("20.00");
    f.ws.account.five_day_quota = FiveDayQuota{2025, 10, 0, {}};
    f.done();

    RefundPreview p = Preview(f.ws, {"ecs-1", "eip-1"}, f.now());
    REQUIRE(p.items.size() == 4);
    CHECK(p.items[0].resource_id == "ecs-1");
    CHECK(p.items[1].resource_id == "sys-1");
    CHECK(p.items[1].main_resource_id == "ecs-1");
    CHECK(p.items[2].resource_id == "sys-2");
    CHECK(p.items[3].resource_id == "eip-1");
    for (const RefundItem& item : p.items) CHECK(item.scenario == UnsubscribeScenario::FiveDay);
    CHECK(p.items[0].quota_used == 1);
    CHECK(p.items[1].quota_used == 0);
    CHECK(p.items[2].quota_used == 0);
    CHECK(p.items[3].quota_used == 1);
    CHECK(p.quota_used == 2);  // ECS + 2 bound disks count 1, the EIP 1; the mounted disk is not included
    CHECK(p.total == Yuan("267.40"));

    SUBCASE("a bound attached resource alone is not allowed; a mounted one is independent")
    {
        RefundPreview alone = Preview(f.ws, {"sys-1", "data-1"}, f.now());
        REQUIRE(alone.items.size() == 2);
        CHECK(alone.items[0].reason_code == "bound_to_main");
        CHECK(alone.items[1].scenario == UnsubscribeScenario::FiveDay);
        // Named together with its main, it is covered by the main's group.
        CHECK(Preview(f.ws, {"sys-1", "ecs-1"}, f.now()).items.size() == 3);
    }
    SUBCASE("one quota left: the first group gets it, the second is standard")
    {
        f.ws.account.five_day_quota = FiveDayQuota{2025, 10, 9, {}};
        RefundPreview q = Preview(f.ws, {"ecs-1", "eip-1"}, f.now());
        CHECK(q.items[0].scenario == UnsubscribeScenario::FiveDay);
        CHECK(q.items[2].scenario == UnsubscribeScenario::FiveDay);
        CHECK(q.items[3].scenario == UnsubscribeScenario::Standard);
        CHECK(q.items[3].reason_code == "five_day_quota_used_up");
        CHECK(q.quota_used == 1);
    }
    SUBCASE("a bound resource that cannot be unsubscribed blocks its whole group")
    {
        f.ws.resources[2].periods[0].invoiced = true;  // sys-2
        RefundPreview b = Preview(f.ws, {"ecs-1"}, f.now());
        REQUIRE(b.items.size() == 3);
        CHECK(b.items[0].reason_code == "group_not_allowed");
        CHECK(b.items[1].reason_code == "group_not_allowed");
        CHECK(b.items[2].reason_code == "invoiced");
        CHECK(b.total.isZero());
    }
}

TEST_CASE("refunds over 50,000.00 warn (docs/rules.md §4.1 large refunds; profile large_refund_warning)")
{
    {
        Fixture f = OneResource("2025-01-14T10:00:00+08:00", "2025-01-12T14:21:36+08:00", "2025-02-12T23:59:59+08:00",
                                Paid("50000.00"));
        RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
        CHECK(p.total == Yuan("50000.00"));
        CHECK(p.warnings.empty());
    }
    {
        Fixture f = OneResource("2025-01-14T10:00:00+08:00", "2025-01-12T14:21:36+08:00", "2025-02-12T23:59:59+08:00",
                                Paid("50000.01"));
        RefundPreview p = Preview(f.ws, {"ecs-1"}, f.now());
        REQUIRE(p.warnings.size() == 1);
        CHECK(p.warnings[0].code == "large_refund");
        CHECK(p.warnings[0].message ==
              "the refund ¥50,000.01 is over ¥50,000.00: large refunds take extra checks before they are credited");
    }
}

TEST_CASE("request refusals: empty, unknown resource")
{
    Fixture f = OneResource("2025-01-14T10:00:00+08:00", "2025-01-12T14:21:36+08:00", "2025-02-12T23:59:59+08:00",
                            Paid("70.00"));
    RefundPreview empty = Preview(f.ws, {}, f.now());
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.refusals[0].code == "empty_request");
    RefundPreview unknown = Preview(f.ws, {"ecs-1", "nope"}, f.now());
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.refusals[0].code == "unknown_resource");
    CHECK(unknown.refusals[0].subject == "nope");
    CHECK(unknown.items.empty());
}

// [SECTION] confirming

TEST_CASE(
    "unsubscribe: order refunding then completed, quota, balance, coupons, resource closed (seed 4.4.1.3 steps 6-8)")
{
    Fixture f = OneResource("2020-10-22T10:00:00+08:00", "2020-10-20T10:00:00+08:00", "2020-11-20T23:59:59+08:00",
                            Paid("80.00", "20.00"));
    f.ws.account.cash_balance = Yuan("5.00");
    UnsubscribeResult u =
        Unsubscribe(f.ws, {{{"ecs-1"}, false, std::nullopt, f.now()}, UnsubscribeReason::TestingFinished, "测试完毕"});
    REQUIRE(u.ok());
    CHECK(u.sub_order_ids == std::vector<std::string>{u.order_id});
    const Order* o = f.ws.findOrder(u.order_id);
    REQUIRE(o);
    CHECK(o->order_type == OrderType::Unsubscribe);
    CHECK(o->status == OrderStatus::Completed);
    CHECK(o->amount_after_discount == Yuan("100.00"));
    CHECK(o->order_id.rfind("CS2010221000", 0) == 0);  // console pattern CS + yyMMddHHmm
    REQUIRE(o->items.size() == 1);
    CHECK(o->items[0].resource_id == std::optional<std::string>("ecs-1"));
    CHECK(o->items[0].period == std::optional<ItemPeriod>(ItemPeriod::Month));
    REQUIRE(o->extra.size() == 2);
    CHECK(o->extra[0] == std::pair<std::string, std::string>{"unsubscribe_reason", "\"testing_finished\""});
    CHECK(o->extra[1] == std::pair<std::string, std::string>{"unsubscribe_reason_text", "\"测试完毕\""});
    CHECK(*f.ws.account.cash_balance == Yuan("85.00"));
    CHECK(f.ws.account.five_day_quota->used == 1);
    REQUIRE(u.returned_coupon_ids.size() == 1);
    const Coupon* voucher = f.ws.findCoupon(u.returned_coupon_ids[0]);
    REQUIRE(voucher);
    CHECK(voucher->type == CouponType::Voucher);
    CHECK(*voucher->balance == Yuan("20.00"));
    const Resource& r = *f.ws.findResource("ecs-1");
    CHECK(r.status == ResourceStatus::Closed);
    CHECK(r.periods.empty());  // refunded in full
    const Order& purchase = *f.ws.findOrder("CS-ecs-1");
    REQUIRE(purchase.history.size() == 1);
    CHECK(purchase.history[0].type == OrderType::Unsubscribe);
    CHECK(purchase.history[0].order_id == u.order_id);
    // Closed now: a second unsubscription is not allowed.
    CHECK(Preview(f.ws, {"ecs-1"}, f.now()).items[0].reason_code == "closed");
}

TEST_CASE("unsubscribe a resource in use with a renewal: the used period stays, the renewal goes, expiry cut")
{
    Fixture f = OneResource("2020-11-05T10:00:00+08:00", "2020-10-20T10:00:00+08:00", "2020-11-20T23:59:59+08:00",
                            Paid("100.00"));
    Resource& r = f.ws.resources[0];
    ResourcePeriod renewal;
    renewal.kind = PeriodKind::Renewal;
    renewal.start = r.expire_time;
    renewal.end = At("2020-12-20T23:59:59+08:00");
    renewal.paid = Paid("80.00", "20.00");
    r.periods.push_back(renewal);
    r.expire_time = renewal.end;
    f.ws.account.five_day_quota->used = 3;
    UnsubscribeResult u =
        Unsubscribe(f.ws, {{{"ecs-1"}, false, std::nullopt, f.now()}, UnsubscribeReason::BoughtTooMany, ""});
    REQUIRE(u.ok());
    CHECK(u.preview.total == Yuan("139.34"));
    const Resource& after = *f.ws.findResource("ecs-1");
    CHECK(after.status == ResourceStatus::Closed);
    REQUIRE(after.periods.size() == 1);
    CHECK(after.expire_time == At("2020-11-20T23:59:59+08:00"));
    CHECK(*f.ws.account.cash_balance == Yuan("119.34"));   // 39.34 + 80.00
    CHECK(f.ws.account.five_day_quota->used == 3);         // standard: no quota
    CHECK(f.ws.findOrder(u.order_id)->extra.size() == 1);  // no free text
}

TEST_CASE("unsubscribe renewal periods only: the resource stays in use until keep_until")
{
    Fixture f = OneResource("2020-11-05T10:00:00+08:00", "2020-10-20T10:00:00+08:00", "2020-11-20T23:59:59+08:00",
                            Paid("100.00"));
    Resource& r = f.ws.resources[0];
    ResourcePeriod renewal;
    renewal.kind = PeriodKind::Renewal;
    renewal.start = r.expire_time;
    renewal.end = At("2020-12-20T23:59:59+08:00");
    renewal.paid = Paid("80.00", "20.00");
    r.periods.push_back(renewal);
    r.expire_time = renewal.end;
    UnsubscribeResult u = Unsubscribe(f.ws, {{{"ecs-1"}, true, std::nullopt, f.now()}, UnsubscribeReason::Other, ""});
    REQUIRE(u.ok());
    const Resource& after = *f.ws.findResource("ecs-1");
    CHECK(after.status == ResourceStatus::InUse);
    CHECK(after.expire_time == At("2020-11-20T23:59:59+08:00"));
    CHECK(after.periods.size() == 1);
    CHECK(*f.ws.account.cash_balance == Yuan("80.00"));
}

TEST_CASE("unsubscribe several groups: one order each under a combined trade order (seed 4.4.1.2 step 5 说明 2)")
{
    Fixture f("2025-01-14T10:00:00+08:00");
    f.product("p", "50.00", "");
    f.resource("a", "p", "2024-12-01T10:00:00+08:00", "2025-03-01T23:59:59+08:00").periods[0].paid = Paid("150.00");
    f.resource("b", "p", "2024-12-01T10:00:00+08:00", "2025-03-01T23:59:59+08:00").periods[0].paid = Paid("150.00");
    f.ws.account.cash_balance = Yuan("0.00");
    f.done();
    UnsubscribeResult u =
        Unsubscribe(f.ws, {{{"a", "b"}, false, std::nullopt, f.now()}, UnsubscribeReason::NotMeetingNeeds, ""});
    REQUIRE(u.ok());
    REQUIRE(u.sub_order_ids.size() == 2);
    const Order& parent = *f.ws.findOrder(u.order_id);
    CHECK(parent.service_type_name == "组合交易");
    CHECK(parent.items.empty());
    CHECK(parent.status == OrderStatus::Completed);
    CHECK(parent.amount_after_discount == u.preview.total);
    for (const std::string& id : u.sub_order_ids) {
        CHECK(f.ws.findOrder(id)->combined_order_id == std::optional<std::string>(u.order_id));
        CHECK(f.ws.findOrder(id)->amount_after_discount == u.preview.items[0].total);
    }
    CHECK(*f.ws.account.cash_balance == u.preview.total);
}

// seed 4.4.1.1 注意事项 3: only ECS, EVS, RDS, VPC and CCE instances are unsubscribed in a batch.
TEST_CASE("batch unsubscription: only the five services of seed 4.4.1.1 注意事项 3 (standard refunds)")
{
    Fixture f("2025-01-14T10:00:00+08:00");
    f.product("p-ecs", "50.00", "");
    Product& eip = f.product("p-eip", "20.00", "");
    eip.service_type_code = "hws.service.type.eip";
    eip.service_type_name = "弹性公网IP";
    f.resource("ecs-a", "p-ecs", "2024-12-01T10:00:00+08:00", "2025-03-01T23:59:59+08:00").periods[0].paid =
        Paid("150.00");
    f.resource("ecs-b", "p-ecs", "2024-12-01T10:00:00+08:00", "2025-03-01T23:59:59+08:00").periods[0].paid =
        Paid("150.00");
    f.resource("eip-1", "p-eip", "2024-12-01T10:00:00+08:00", "2025-03-01T23:59:59+08:00").periods[0].paid =
        Paid("60.00");
    f.resource("ecs-new", "p-ecs", "2025-01-13T09:00:00+08:00", "2025-02-13T23:59:59+08:00").periods[0].paid =
        Paid("50.00");
    f.ws.account.cash_balance = Yuan("0.00");
    f.done();

    // the five services, each: ec2 ebs rds vpc cce; anything else is not
    for (std::string_view code : {"hws.service.type.ec2", "hws.service.type.ebs", "hws.service.type.rds",
                                  "hws.service.type.vpc", "hws.service.type.cce"}) {
        eip.service_type_code = std::string(code);
        CHECK(UnsubscribableInBatch(f.ws, *f.ws.findResource("eip-1")));
    }
    eip.service_type_code = "hws.service.type.eip";
    CHECK_FALSE(UnsubscribableInBatch(f.ws, *f.ws.findResource("eip-1")));
    CHECK(UnsubscribableInBatch(f.ws, *f.ws.findResource("ecs-a")));

    // two ECS together: allowed
    CHECK(Preview(f.ws, {"ecs-a", "ecs-b"}, f.now()).ok());
    // an EIP in a batch: refused, naming it and its service; alone it is allowed
    RefundPreview mixed = Preview(f.ws, {"ecs-a", "eip-1"}, f.now());
    REQUIRE(mixed.refusals.size() == 1);
    CHECK(mixed.refusals[0].code == "batch_not_supported");
    CHECK(mixed.refusals[0].subject == "eip-1");
    CHECK(mixed.refusals[0].message.find("弹性公网IP") != std::string::npos);
    CHECK(mixed.items.empty());
    CHECK(Preview(f.ws, {"eip-1"}, f.now()).ok());
    // a five-day refund (bought 2025-01-13 09:00, 25 h ago) of another service goes with a batch
    f.ws.findResource("ecs-new")->product_id = "p-eip";
    RefundPreview withFive = Preview(f.ws, {"ecs-a", "ecs-new"}, f.now());
    REQUIRE(withFive.ok());
    CHECK(withFive.items[1].scenario == UnsubscribeScenario::FiveDay);
    // renewal periods only: no batch rule
    CHECK(Preview(f.ws, {"ecs-a", "eip-1"}, f.now(), /*periodsOnly=*/true).refusals.empty());
    // the verdicts of a listing are independent instances
    RefundRequest listing{{"ecs-a", "eip-1", "ecs-new"}, false, std::nullopt, f.now(), /*independent=*/true};
    CHECK(PreviewRefund(f.ws, listing).ok());
    CHECK(PreviewRefundVerdicts(f.ws, {{"ecs-a", "eip-1"}, false, std::nullopt, f.now()},
                                OrderLocks::Build(f.ws, f.now()))
              .ok());
    // confirming a refused batch changes nothing
    const Workspace before = f.ws;
    UnsubscribeResult u =
        Unsubscribe(f.ws, {{{"ecs-a", "eip-1"}, false, std::nullopt, f.now()}, UnsubscribeReason::Other, ""});
    CHECK_FALSE(u.ok());
    CHECK(f.ws == before);
}

TEST_CASE("unsubscribe is atomic: refused for a not-allowed item, a reason over 100 characters, an unknown balance")
{
    Fixture f("2025-01-14T10:00:00+08:00");
    f.product("p", "50.00", "");
    f.resource("a", "p", "2024-12-01T10:00:00+08:00", "2025-03-01T23:59:59+08:00").periods[0].paid = Paid("150.00");
    f.resource("b", "p", "2024-12-01T10:00:00+08:00", "2025-03-01T23:59:59+08:00").periods[0].paid = Paid("150.00");
    f.ws.resources[1].periods[0].invoiced = true;
    f.ws.account.cash_balance = Yuan("0.00");
    f.done();
    const Workspace before = f.ws;

    UnsubscribeResult blocked =
        Unsubscribe(f.ws, {{{"a", "b"}, false, std::nullopt, f.now()}, UnsubscribeReason::Other, ""});
    REQUIRE_FALSE(blocked.ok());
    CHECK(blocked.refusals[0].code == "invoiced");
    CHECK(blocked.refusals[0].subject == "b");
    CHECK(f.ws == before);

    std::string hundred;
    for (int i = 0; i < 100; ++i) hundred += "退";  // 100 characters, 300 bytes
    CHECK(Unsubscribe(f.ws, {{{"a"}, false, std::nullopt, f.now()}, UnsubscribeReason::Other, hundred + "订"})
              .refusals[0]
              .code == "reason_too_long");
    CHECK(f.ws == before);

    f.ws.account.cash_balance.reset();
    CHECK(Unsubscribe(f.ws, {{{"a"}, false, std::nullopt, f.now()}, UnsubscribeReason::Other, hundred})
              .refusals[0]
              .code == "balance_unknown");
    // The preview says so before the user confirms: the same code and words, as a warning.
    const RefundPreview unknown = PreviewRefund(f.ws, {{"a"}, false, std::nullopt, f.now()});
    REQUIRE(unknown.ok());
    REQUIRE(unknown.refund.cash.isPositive());
    REQUIRE(unknown.warnings.size() == 1);
    CHECK(unknown.warnings[0].code == "balance_unknown");
    CHECK(unknown.warnings[0].message ==
          "the cash balance is not in the workspace (account.cash_balance): the refund of " +
              unknown.refund.cash.str() + " cannot be credited");
    f.ws.account.cash_balance = Yuan("0.00");
    CHECK(PreviewRefund(f.ws, {{"a"}, false, std::nullopt, f.now()}).warnings.empty());
    CHECK(f.ws == before);

    UnsubscribeResult ok =
        Unsubscribe(f.ws, {{{"a"}, false, std::nullopt, f.now()}, UnsubscribeReason::Other, hundred});
    CHECK(ok.ok());
}

TEST_CASE("unsubscribe reason text: 100 characters, not bytes (seed 4.4.1.2 step 7: 100字以内)")
{
    CHECK(CharacterCount("") == 0);
    CHECK(CharacterCount("abc") == 3);
    CHECK(CharacterCount("测试完毕") == 4);  // 12 bytes
    CHECK(CharacterCount("a退订b") == 4);
    std::string hundred;
    for (int i = 0; i < 100; ++i) hundred += "退";
    CHECK(hundred.size() == 300);
    CHECK(CharacterCount(hundred) == static_cast<std::size_t>(kUnsubscribeReasonTextMax));
}

TEST_CASE("the seven unsubscribe reasons of the seed")
{
    CHECK(EnumChoices<UnsubscribeReason>() ==
          "wrong_parameters|bought_too_many|testing_finished|hard_to_use|not_meeting_needs|unrepairable_fault|other");
    CHECK(UnsubscribeReasonLabel(UnsubscribeReason::WrongParameters) == "购买时选错参数");
    CHECK(UnsubscribeReasonLabel(UnsubscribeReason::BoughtTooMany) == "退订多购买的云服务");
    CHECK(UnsubscribeReasonLabel(UnsubscribeReason::TestingFinished) == "业务测试完毕");
    CHECK(UnsubscribeReasonLabel(UnsubscribeReason::HardToUse) == "云服务不好用");
    CHECK(UnsubscribeReasonLabel(UnsubscribeReason::NotMeetingNeeds) == "不满足业务部署需求");
    CHECK(UnsubscribeReasonLabel(UnsubscribeReason::UnrepairableFault) == "云服务故障无法修复");
    CHECK(UnsubscribeReasonLabel(UnsubscribeReason::Other) == "其他");
}

// [SECTION] JSON

TEST_CASE("refund JSON: the docs/cli.md shape, same text from RefundJson (browser) and the writer (CLI)")
{
    Fixture f = OneResource("2020-10-22T10:00:00+08:00", "2020-10-20T10:00:00+08:00", "2020-11-20T23:59:59+08:00",
                            Paid("80.00", "20.00"));
    const std::string text = RefundJson(f.ws, R"({"resources":["ecs-1"]})", At("2030-01-01T00:00:00Z"));
    CHECK(text == RefundPreviewJson(PreviewRefund(f.ws, {{"ecs-1"}, false, std::nullopt, f.now()}), f.ws.rules.zone));
    const nlohmann::ordered_json j = nlohmann::ordered_json::parse(text);
    CHECK(j["as_of"] == "2020-10-22T10:00:00+08:00");
    CHECK(j["total"] == "100.00");
    const auto& item = j["items"][0];
    std::vector<std::string> keys;
    for (const auto& [k, v] : item.items()) keys.push_back(k);
    const std::vector<std::string> designKeys{"resource_id", "scenario", "reason", "paid",       "consumed",
                                              "fee",         "refund",   "total",  "quota_used", "lines"};
    REQUIRE(keys.size() >= designKeys.size());
    CHECK(std::vector<std::string>(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(designKeys.size())) ==
          designKeys);
    CHECK(item["scenario"] == "five_day");
    CHECK(item["refund"] == nlohmann::ordered_json::parse(
                                R"({"cash":"80.00","voucher":"20.00","flexi_coupon":"0.00","stored_card":"0.00"})"));
    CHECK(item["lines"][0]["kind"] == "paid");
    CHECK(item["lines"][0]["period"]["start"] == "2020-10-20T10:00:00+08:00");

    CHECK(RefundJson(f.ws, R"({"resources":"ecs-1"})", f.now()) ==
          R"({"error":"resources: expected an array of resource ids"})");
    CHECK(RefundJson(f.ws, R"({"keep_until":"2020-11-20T23:59:59+08:00","resources":["ecs-1"]})", f.now()) ==
          R"({"error":"keep_until: only with periods_only"})");
    CHECK(
        RefundJson(f.ws, R"({"resources":["x"]})", f.now()) ==
        R"({"as_of":"2020-10-22T10:00:00+08:00","refusals":[{"code":"unknown_resource","subject":"x","message":"no resource x in the workspace"}]})");
}

TEST_CASE("an effective resource package is refused for that reason, not as a one-off product")
{
    // seed 4.4 说明: resource packages in effect cannot be unsubscribed. The sample's OBS package product
    // is also marked unsubscribable: false; the package rule is the one named (the user can act on it).
    Workspace ws = qd::renewal_test::LoadSample();
    RefundRequest req;
    req.resource_ids = {qd::renewal_test::sample::R19};
    req.as_of = *ws.as_of;
    RefundPreview p = PreviewRefund(ws, req);
    REQUIRE(p.items.size() == 1);
    CHECK(p.items[0].reason_code == "effective_resource_package");
    CHECK(p.items[0].total.isZero());
}

// seed 4.4.1.3 (five-day window 120 h, to the second) and seed 4.4.1.4 (expired): a page listing the
// verdicts recomputes them only when NextRefundVerdictChange says they can change.
TEST_CASE("next verdict change: the five-day window's end, then the expiry second, then the next New Year")
{
    const char* effective = "2022-11-24T14:30:30+08:00";
    const char* expire = "2022-12-24T23:59:59+08:00";
    Fixture f = OneResource("2022-11-25T10:00:00+08:00", effective, expire, Paid("100.00"));
    const Workspace& ws = f.ws;
    auto scenarioAt = [&](const char* t) { return Preview(ws, {"ecs-1"}, At(t)).items.at(0).scenario; };
    // Within the window: the next change is its end (120 h after 14:30:30), and the verdict holds until then.
    REQUIRE(NextRefundVerdictChange(ws, At("2022-11-25T10:00:00+08:00")));
    CHECK(*NextRefundVerdictChange(ws, At("2022-11-25T10:00:00+08:00")) == At("2022-11-29T14:30:30+08:00"));
    CHECK(scenarioAt("2022-11-29T14:30:29+08:00") == UnsubscribeScenario::FiveDay);
    CHECK(scenarioAt("2022-11-29T14:30:30+08:00") == UnsubscribeScenario::Standard);
    // Then the second after the expiry (23:59:59 is still in use), when it becomes "expired".
    CHECK(*NextRefundVerdictChange(ws, At("2022-11-29T14:30:30+08:00")) == At("2022-12-25T00:00:00+08:00"));
    CHECK(scenarioAt("2022-12-24T23:59:59+08:00") == UnsubscribeScenario::Standard);
    CHECK(Preview(ws, {"ecs-1"}, At("2022-12-25T00:00:00+08:00")).items.at(0).reason_code == "expired");
    // Then only the natural year of the five-day quota (local New Year, UTC+08:00).
    CHECK(*NextRefundVerdictChange(ws, At("2022-12-25T00:00:00+08:00")) == At("2023-01-01T00:00:00+08:00"));
    // A closed resource never changes: only the New Year is left.
    Fixture g = OneResource("2022-11-25T10:00:00+08:00", effective, expire, Paid("100.00"));
    g.ws.resources[0].status = ResourceStatus::Closed;
    CHECK(*NextRefundVerdictChange(g.ws, At("2022-11-25T10:00:00+08:00")) == At("2023-01-01T00:00:00+08:00"));
}

TEST_CASE("next verdict change: a pending order locks its resource until its payment deadline (seed 4.1 说明)")
{
    Fixture f = OneResource("2022-12-01T10:00:00+08:00", "2022-11-01T10:00:00+08:00", "2023-11-01T23:59:59+08:00",
                            Paid("100.00"));
    Order o;
    o.order_id = "renew-1";
    o.order_type = OrderType::Renewal;
    o.status = OrderStatus::PendingPayment;
    o.create_time = At("2022-12-01T09:00:00+08:00");
    OrderItem item;
    item.resource_id = "ecs-1";
    o.items.push_back(item);
    f.ws.orders.push_back(o);
    f.ws.Reindex();
    const Instant deadline = PaymentDeadline(f.ws.orders.back(), f.ws.rules);
    REQUIRE(deadline > f.now());
    CHECK(*NextRefundVerdictChange(f.ws, f.now()) == deadline);
    CHECK(Preview(f.ws, {"ecs-1"}, deadline.plusSeconds(-1)).items.at(0).reason_code == "in_transaction");
    CHECK(Preview(f.ws, {"ecs-1"}, deadline).items.at(0).reason_code != "in_transaction");
}
