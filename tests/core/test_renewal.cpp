// Tests for core/engine/renewal.h: durations and their defaults (seed 4.2.1.1 step 7), quotes with visible
// arithmetic, unified expiry (seed 4.2.3, docs/rules.md §3.1), grace period (docs/rules.md §3), refusals,
// combined renewal orders and applying a paid renewal.
//
// Index of this file (search for "[SECTION] name"):
//   [SECTION] durations
//   [SECTION] plain renewals
//   [SECTION] unified expiry
//   [SECTION] refusals
//   [SECTION] JSON
//   [SECTION] orders
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/engine/renewal.h"
#include "test_renewal_fixture.h"

using namespace qd;
using namespace qd::renewal_test;

namespace {

RenewalDuration Months(int n) { return {TermUnit::Month, n}; }
RenewalDuration Years(int n) { return {TermUnit::Year, n}; }

RenewalRequest Request(const Workspace& ws, std::vector<std::string> ids,
                       std::optional<RenewalDuration> d = std::nullopt,
                       std::optional<UnifiedExpiryDay> u = std::nullopt)
{
    RenewalRequest r;
    r.resource_ids = std::move(ids);
    r.duration = d;
    r.unified_day = u;
    r.as_of = *ws.as_of;
    return r;
}

UnifiedExpiryDay Day(int d) { return *UnifiedExpiryDay::FromDay(d); }

// One ECS-priced resource expiring at 23:59:59 on `expiryDate` (anchored on that day).
Fixture OneResource(std::string_view expiryDate, std::string_view month = "191.40", std::string_view year = "1952.28")
{
    // Bought one month before its expiry date, quoted on the day it was bought.
    const LocalDate end = *ParseLocalDate(expiryDate);
    const LocalDate start = AddMonths(end, -1);
    Fixture f(start.str() + "T10:00:00+08:00");
    f.product("p", month, year);
    const std::string exp = std::string(expiryDate) + "T23:59:59+08:00";
    f.resource("r", "p", start.str() + "T10:00:00+08:00", exp).anchor_day = end.day();
    f.done();
    return f;
}

const Refusal* FindRefusal(const Refusals& rs, std::string_view code)
{
    for (const Refusal& r : rs)
        if (r.code == code) return &r;
    return nullptr;
}

}  // namespace

// [SECTION] durations

TEST_CASE("default duration, one instance (seed 4.2.1.1 step 7)")
{
    Fixture f;
    Product& both = f.product("both", "10.00", "100.00");
    Product& monthsOnly = f.product("months", "10.00", "");
    Product& longYears = f.product("long", "", "100.00");
    longYears.renew_options.years = {2, 3};
    Product& monthsAndLongYears = f.product("mix", "10.00", "100.00");
    monthsAndLongYears.renew_options.years = {2, 3};
    Resource& r = f.resource("r", "both", "2024-04-15T10:00:00+08:00", "2025-04-15T23:59:59+08:00");
    f.done();
    const ZoneOffset z = ZoneOffset::China();

    // point 1: renewable only 1-9 months (less than a year) -> 1 month
    CHECK(DefaultDuration(OfferedDurations(r, monthsOnly, z)) == Months(1));
    // point 2: a 1-year option exists -> 1 year
    CHECK(DefaultDuration(OfferedDurations(r, both, z)) == Years(1));
    // point 3: yearly product whose shortest term is above 1 year (2, 3 years) -> 2 years
    CHECK(DefaultDuration(OfferedDurations(r, longYears, z)) == Years(2));
    // point 1 again: months 1-9 and years 2-3 keep the monthly default, 1 month
    CHECK(DefaultDuration(OfferedDurations(r, monthsAndLongYears, z)) == Months(1));
    // nothing offered -> no default
    CHECK_FALSE(DefaultDuration({}).has_value());
    // offered list: shortest first, months 1-9 then years 1-3 (12 entries)
    const std::vector<RenewalDuration> offered = OfferedDurations(r, both, z);
    REQUIRE(offered.size() == 12);
    CHECK(offered.front() == Months(1));
    CHECK(offered[8] == Months(9));
    CHECK(offered.back() == Years(3));
}

TEST_CASE("default duration, many instances: the intersection's minimum, 1 year first (seed 4.2.1.1 step 7 point 4)")
{
    const std::vector<RenewalDuration> m19y13 = {Months(1), Months(2), Months(3), Months(6),
                                                 Years(1),  Years(2),  Years(3)};
    const std::vector<RenewalDuration> y13 = {Years(1), Years(2), Years(3)};
    const std::vector<RenewalDuration> m36y2 = {Months(3), Months(6), Years(2)};
    const std::vector<RenewalDuration> m19 = {Months(1), Months(2), Months(3), Months(6)};
    // all include 1 year -> 1 year (although 1 month is shorter for the first)
    CHECK(CommonDefaultDuration({m19y13, y13}) == Years(1));
    // no common 1 year -> the smallest common duration, 3 months
    CHECK(CommonDefaultDuration({m36y2, m19}) == Months(3));
    // nothing in common -> none
    CHECK_FALSE(CommonDefaultDuration({y13, m19}).has_value());
    CHECK_FALSE(CommonDefaultDuration({}).has_value());
    // The durations a batch dialog offers: those every instance offers, in the first one's order.
    CHECK(CommonDurations({m19y13, y13}) == y13);
    CHECK(CommonDurations({m36y2, m19}) == std::vector<RenewalDuration>{Months(3), Months(6)});
    CHECK(CommonDurations({y13, m19}).empty());
    CHECK(CommonDurations({}).empty());
    CHECK(CommonDurations({m19}) == m19);
}

TEST_CASE("resource packages and marketplace products renew only in their own unit (seed 4.2.1.1 step 7 points 5, 6)")
{
    Fixture f;
    const ZoneOffset z = ZoneOffset::China();
    Product& monthPkg = f.product("mpkg", "99.00", "990.00", ProductKind::ResourcePackage);
    monthPkg.service_type_code = "hws.service.type.cdn";
    Product& obsPkg = f.product("obs", "99.00", "990.00", ProductKind::ResourcePackage);
    obsPkg.service_type_code = "hws.service.type.obs";
    Product& yearPkg = f.product("ypkg", "", "585.00", ProductKind::ResourcePackage);
    Product& mkpMonth = f.product("mkpm", "30.00", "300.00", ProductKind::Marketplace);
    Product& mkpYear = f.product("mkpy", "30.00", "300.00", ProductKind::Marketplace);
    Resource& monthly = f.resource("monthly", "mpkg", "2024-12-25T10:00:00+08:00", "2025-01-25T23:59:59+08:00");
    Resource& yearly = f.resource("yearly", "mkpy", "2024-09-01T10:00:00+08:00", "2025-09-01T23:59:59+08:00");
    f.done();

    // point 5: a monthly package renews by the month only, default 1 month (of 1-9)
    std::vector<RenewalDuration> o = OfferedDurations(monthly, monthPkg, z);
    CHECK(o.size() == 9);
    CHECK(std::none_of(o.begin(), o.end(), [](const RenewalDuration& d) { return d.unit == TermUnit::Year; }));
    CHECK(DefaultDuration(o) == Months(1));
    // point 5: "当前仅OBS资源包支持购买包月续费包年" - a monthly OBS package may also renew by the year
    o = OfferedDurations(monthly, obsPkg, z);
    CHECK(o.size() == 12);
    CHECK(DefaultDuration(o) == Years(1));
    // point 5: a yearly package (only a year price) renews by the year only, default 1 year
    o = OfferedDurations(monthly, yearPkg, z);
    CHECK(o.size() == 3);
    CHECK(o.front() == Years(1));
    // point 6: marketplace bought by the month -> months only, 1 month; bought by the year -> years only, 1 year
    CHECK(DefaultDuration(OfferedDurations(monthly, mkpMonth, z)) == Months(1));
    CHECK(OfferedDurations(monthly, mkpMonth, z).size() == 9);
    CHECK(DefaultDuration(OfferedDurations(yearly, mkpYear, z)) == Years(1));
    CHECK(OfferedDurations(yearly, mkpYear, z).size() == 3);
    CHECK(PurchasedUnit(yearly, mkpYear, z) == TermUnit::Year);
    CHECK(PurchasedUnit(monthly, mkpYear, z) == TermUnit::Month);
}

TEST_CASE("sample: the default for a batch of packages in different units is refused as no_common_duration")
{
    Workspace ws = LoadSample();
    // OBS package (months only) + CDN package (1 year only): nothing in common (point 4 with points 5)
    RenewalQuote q = QuoteRenewal(ws, Request(ws, {sample::R19, sample::R20}));
    REQUIRE_FALSE(q.ok());
    CHECK(q.refusals.front().code == "no_common_duration");
    // each alone takes its own default: R19 1 month x 99.00, R20 1 year x 585.00
    q = QuoteRenewal(ws, Request(ws, {sample::R19}));
    REQUIRE(q.ok());
    CHECK(q.items[0].duration == Months(1));
    CHECK(q.total == Yuan("99.00"));
    q = QuoteRenewal(ws, Request(ws, {sample::R20}));
    REQUIRE(q.ok());
    CHECK(q.items[0].duration == Years(1));
    CHECK(q.total == Yuan("585.00"));
    // EachOwn (the renewal-list estimate): both, each at its own default = 684.00
    RenewalRequest each = Request(ws, {sample::R19, sample::R20});
    each.default_mode = DurationDefault::EachOwn;
    q = QuoteRenewal(ws, each);
    REQUIRE(q.ok());
    CHECK(q.total == Yuan("684.00"));
    // and a package cannot be forced into the other unit: 1 year of the monthly OBS package is not offered
    q = QuoteRenewal(ws, Request(ws, {sample::R19}, Years(1)));
    REQUIRE_FALSE(q.ok());
    CHECK(q.refusals.front().code == "duration_not_offered");
}

// [SECTION] plain renewals

TEST_CASE("a plain renewal adds the duration on the anchor day and prices periods x price")
{
    // docs/rules.md §1: anchor 31 gives Feb 28 (2025), the sample's R4 1 month from 2025-01-31
    Workspace ws = LoadSample();
    RenewalQuote q = QuoteRenewal(ws, Request(ws, {sample::R4}, Months(1)));
    REQUIRE(q.ok());
    REQUIRE(q.items.size() == 2);  // R4 and its bound disk R5 (seed 4.2.6 / docs/rules.md §3: bound goes with the main)
    CHECK(q.items[0].resource_id == sample::R4);
    CHECK(q.items[0].main_resource_id.empty());
    CHECK(q.items[1].resource_id == sample::R5);
    CHECK(q.items[1].main_resource_id == sample::R4);
    CHECK(Iso(q.items[0].old_expire_time) == "2025-01-31T23:59:59+08:00");
    CHECK(Iso(q.items[0].new_expire_time) == "2025-02-28T23:59:59+08:00");
    CHECK(q.items[0].amount == Yuan("191.40"));
    REQUIRE(q.items[0].lines.size() == 1);
    CHECK(q.items[0].lines[0].label == "1 month × 191.40");
    CHECK(q.items[1].amount == Yuan("28.00"));
    CHECK(q.total == Yuan("219.40"));  // the sample's 219.40 auto-renewal orders of R4 + R5

    // 3 months from Jan 31 with anchor 31 -> Apr 30: 3 × 191.40 = 574.20 + 3 × 28.00 = 84.00
    q = QuoteRenewal(ws, Request(ws, {sample::R4}, Months(3)));
    REQUIRE(q.ok());
    CHECK(Iso(q.items[0].new_expire_time) == "2025-04-30T23:59:59+08:00");
    CHECK(q.items[0].lines[0].label == "3 months × 191.40");
    CHECK(q.total == Yuan("658.20"));

    // 2 years of an RDS whose paid renewal already runs to 2026-06-20 -> 2028-06-20, 2 × 6580.00
    q = QuoteRenewal(ws, Request(ws, {sample::R17}, Years(2)));
    REQUIRE(q.ok());
    CHECK(Iso(q.items[0].new_expire_time) == "2028-06-20T23:59:59+08:00");
    CHECK(q.items[0].lines[0].label == "2 years × 6580.00");
    CHECK(q.total == Yuan("13160.00"));
}

TEST_CASE("mounted attached resources renew on their own (docs/workspace-format.md)")
{
    Workspace ws = LoadSample();
    // R3 is mounted on R1: quoting it alone gives one item, 70.00 for a month
    RenewalQuote q = QuoteRenewal(ws, Request(ws, {sample::R3}, Months(1)));
    REQUIRE(q.ok());
    REQUIRE(q.items.size() == 1);
    CHECK(q.items[0].main_resource_id.empty());
    CHECK(Iso(q.items[0].new_expire_time) == "2025-03-03T23:59:59+08:00");
    CHECK(q.total == Yuan("70.00"));
    // a bound attached resource is refused alone: it renews with its main
    q = QuoteRenewal(ws, Request(ws, {sample::R5}, Months(1)));
    REQUIRE_FALSE(q.ok());
    CHECK(q.refusals[0].code == "bound_to_main");
    CHECK(q.refusals[0].subject == sample::R5);
}

TEST_CASE("renewal in the grace period starts from the old expiry (docs/rules.md §3)")
{
    Workspace ws = LoadSample();
    // R14 expired 2025-01-05 23:59:59, as_of 2025-01-14: 1 month runs to 2025-02-05, not 2025-02-14
    RenewalQuote q = QuoteRenewal(ws, Request(ws, {sample::R14}, Months(1)));
    REQUIRE(q.ok());
    CHECK(q.items[0].expired);
    CHECK(Iso(q.items[0].old_expire_time) == "2025-01-05T23:59:59+08:00");
    CHECK(Iso(q.items[0].new_expire_time) == "2025-02-05T23:59:59+08:00");
    CHECK(q.total == Yuan("70.00"));

    // docs/rules.md §3 vector: expires 2024-04-30 (bought 03-31, anchor 31), renewed 1 month on 2024-05-18 -> 2024-05-31
    Fixture f("2024-05-18T10:00:00+08:00");
    f.product("evs", "70.00", "700.00");
    f.resource("v", "evs", "2024-03-31T10:00:00+08:00", "2024-04-30T23:59:59+08:00").status = ResourceStatus::Expired;
    f.done();
    q = QuoteRenewal(f.ws, Request(f.ws, {"v"}, Months(1)));
    REQUIRE(q.ok());
    CHECK(Iso(q.items[0].new_expire_time) == "2024-05-31T23:59:59+08:00");

    // grace 15 + retention 15 days: 30 days after the expiry it still renews, 30 days + 1 s it is gone
    f.ws.as_of = At("2024-05-30T23:59:59+08:00");
    CHECK(QuoteRenewal(f.ws, Request(f.ws, {"v"}, Months(1))).ok());
    RenewalRequest late = Request(f.ws, {"v"}, Months(1));
    late.as_of = At("2024-05-31T00:00:00+08:00");
    q = QuoteRenewal(f.ws, late);
    REQUIRE_FALSE(q.ok());
    CHECK(q.refusals[0].code == "retention_over");
}

// [SECTION] unified expiry

TEST_CASE("unified expiry: the seed's two examples (seed 4.2.3)")
{
    // seed 4.2.3: resource A expires 03-15, +1 month, day 1 -> 05-01, extra 04-16..05-01 = 16 days
    Fixture a = OneResource("2025-03-15");
    RenewalQuote q = QuoteRenewal(a.ws, Request(a.ws, {"r"}, Months(1), Day(1)));
    REQUIRE(q.ok());
    CHECK(Iso(q.items[0].new_expire_time) == "2025-05-01T23:59:59+08:00");
    CHECK(q.items[0].extra_days == 16);
    CHECK(q.items[0].new_anchor_day == 1);
    // month_div_30: 16 × 191.40 / 30 = 102.08 (exact); total 191.40 + 102.08 = 293.48
    REQUIRE(q.items[0].lines.size() == 2);
    CHECK(q.items[0].lines[1].label == "16 extra days (2025-04-16 to 2025-05-01) × 191.40 ÷ 30");
    CHECK(q.items[0].lines[1].amount == Yuan("102.08"));
    CHECK(q.items[0].amount == Yuan("293.48"));

    // seed 4.2.3: resource B expires 04-10, +1 month, day 1 -> 06-01, extra 05-11..06-01 = 22 days
    Fixture b = OneResource("2025-04-10");
    q = QuoteRenewal(b.ws, Request(b.ws, {"r"}, Months(1), Day(1)));
    REQUIRE(q.ok());
    CHECK(Iso(q.items[0].new_expire_time) == "2025-06-01T23:59:59+08:00");
    CHECK(q.items[0].extra_days == 22);
    // 22 × 191.40 / 30 = 140.36; total 331.76
    CHECK(q.items[0].lines[1].amount == Yuan("140.36"));
    CHECK(q.total == Yuan("331.76"));
}

TEST_CASE("unified expiry: docs/rules.md §3.1 vectors")
{
    // vector 1: expiry 2024-03-25, 1 month, day = last -> 2024-04-30, 5 extra days (04-26..04-30)
    Fixture f = OneResource("2024-03-25");
    RenewalQuote q = QuoteRenewal(f.ws, Request(f.ws, {"r"}, Months(1), UnifiedExpiryDay::MonthEnd()));
    REQUIRE(q.ok());
    CHECK(Iso(q.items[0].new_expire_time) == "2024-04-30T23:59:59+08:00");
    CHECK(q.items[0].extra_days == 5);
    CHECK(q.items[0].new_anchor_day == 31);  // month end from now on
    // vector 2: same, day = 1 -> 2024-05-01. The reference counts "1 month + 7 days" (Mar 26-31, April,
    // May 1); by the seed's rule (4.2.3 examples) the month runs 03-26..04-25 and the extra days are
    // 04-26..05-01 = 6 days.
    q = QuoteRenewal(f.ws, Request(f.ws, {"r"}, Months(1), Day(1)));
    REQUIRE(q.ok());
    CHECK(Iso(q.items[0].new_expire_time) == "2024-05-01T23:59:59+08:00");
    CHECK(q.items[0].extra_days == 6);
    // vector 3: day 15, expiry 2020-04-28, 1 month -> 2020-05-28 plain, 2020-06-15 aligned, 18 extra days
    Fixture g = OneResource("2020-04-28");
    q = QuoteRenewal(g.ws, Request(g.ws, {"r"}, Months(1), Day(15)));
    REQUIRE(q.ok());
    CHECK(Iso(q.items[0].new_expire_time) == "2020-06-15T23:59:59+08:00");
    CHECK(q.items[0].extra_days == 18);
}

TEST_CASE("unified expiry: month ends and leap years")
{
    // leap year: expiry 2024-01-15 + 1 month = 02-15, month end -> 2024-02-29: 14 extra days
    Fixture leap = OneResource("2024-01-15");
    RenewalQuote q = QuoteRenewal(leap.ws, Request(leap.ws, {"r"}, Months(1), UnifiedExpiryDay::MonthEnd()));
    REQUIRE(q.ok());
    CHECK(Iso(q.items[0].new_expire_time) == "2024-02-29T23:59:59+08:00");
    CHECK(q.items[0].extra_days == 14);
    // common year: expiry 2023-01-15 -> 2023-02-28: 13 extra days
    Fixture common = OneResource("2023-01-15");
    q = QuoteRenewal(common.ws, Request(common.ws, {"r"}, Months(1), UnifiedExpiryDay::MonthEnd()));
    REQUIRE(q.ok());
    CHECK(Iso(q.items[0].new_expire_time) == "2023-02-28T23:59:59+08:00");
    CHECK(q.items[0].extra_days == 13);
    // anchor 31 on 2024-01-31 + 1 month = 2024-02-29, already the month end: nothing added, 1 line
    Fixture end = OneResource("2024-01-31");
    q = QuoteRenewal(end.ws, Request(end.ws, {"r"}, Months(1), UnifiedExpiryDay::MonthEnd()));
    REQUIRE(q.ok());
    CHECK(Iso(q.items[0].new_expire_time) == "2024-02-29T23:59:59+08:00");
    CHECK(q.items[0].extra_days == 0);
    CHECK(q.items[0].lines.size() == 1);
    // day 28 on 2024-02-29 plain end -> next 28th is 2024-03-28: 28 extra days (03-01..03-28)
    q = QuoteRenewal(end.ws, Request(end.ws, {"r"}, Months(1), Day(28)));
    REQUIRE(q.ok());
    CHECK(Iso(q.items[0].new_expire_time) == "2024-03-28T23:59:59+08:00");
    CHECK(q.items[0].extra_days == 28);
    // a yearly renewal aligns too: 2024-02-29 (anchor 29) + 1 year = 2025-02-28, day 1 -> 2025-03-01: 1 day
    Fixture y = OneResource("2024-02-29");
    q = QuoteRenewal(y.ws, Request(y.ws, {"r"}, Years(1), Day(1)));
    REQUIRE(q.ok());
    CHECK(Iso(q.items[0].new_expire_time) == "2025-03-01T23:59:59+08:00");
    CHECK(q.items[0].extra_days == 1);
    CHECK(q.items[0].lines[0].label == "1 year × 1952.28");
    CHECK(q.items[0].lines[1].amount == Yuan("6.38"));  // 191.40 / 30
}

TEST_CASE("unified expiry: extra days priced per the profile's day_price and rounding (docs/rules.md §6)")
{
    // 16 extra days 2025-04-16..05-01 of a 191.40 / 1952.28 product
    Fixture f = OneResource("2025-03-15");
    auto extraLine = [&]() {
        RenewalQuote q = QuoteRenewal(f.ws, Request(f.ws, {"r"}, Months(1), Day(1)));
        REQUIRE(q.ok());
        REQUIRE(q.items[0].lines.size() == 2);
        CHECK(q.items[0].amount == q.items[0].lines[0].amount + q.items[0].lines[1].amount);  // lines add up
        return q.items[0].lines[1];
    };
    // month_days: 15 April days / 30 + 1 May day / 31 = 191.40 × 495 / 930 = 101.8741… -> 101.87
    f.ws.rules.day_price = DayPrice::MonthDays;
    QuoteLine l = extraLine();
    CHECK(l.amount == Yuan("101.87"));
    CHECK(l.label ==
          "16 extra days (2025-04-16 to 2025-05-01): 15 × 191.40 ÷ 30 + 1 × 191.40 ÷ 31 = 101.8741…, rounded half up");
    // year_div_365: 1952.28 × 16 / 365 = 85.5793… -> 85.58 half up, 85.57 truncated
    f.ws.rules.day_price = DayPrice::YearDiv365;
    l = extraLine();
    CHECK(l.amount == Yuan("85.58"));
    CHECK(l.label == "16 extra days (2025-04-16 to 2025-05-01) × 1952.28 ÷ 365 = 85.5793…, rounded half up");
    f.ws.rules.rounding = Rounding::Truncate;
    l = extraLine();
    CHECK(l.amount == Yuan("85.57"));
    CHECK(l.label == "16 extra days (2025-04-16 to 2025-05-01) × 1952.28 ÷ 365 = 85.5793…, truncated");
    // month_div_30 with an inexact day price: 28.00 × 16 / 30 = 14.9333… -> 14.93
    ExtraDaysPrice p = PriceExtraDays(f.ws.products[0].prices, *ParseLocalDate("2025-04-16"), 16, DayPrice::MonthDiv30,
                                      Rounding::HalfUp);
    REQUIRE(p.line);
    CHECK(p.line->amount == Yuan("102.08"));  // 191.40 × 16 / 30, exact: no rounding words in the label
    CHECK(p.line->label == "16 extra days (2025-04-16 to 2025-05-01) × 191.40 ÷ 30");
    ProductPrices disk;
    disk.month = Yuan("28.00");
    p = PriceExtraDays(disk, *ParseLocalDate("2025-04-16"), 16, DayPrice::MonthDiv30, Rounding::HalfUp);
    REQUIRE(p.line);
    CHECK(p.line->amount == Yuan("14.93"));
    CHECK(p.line->label == "16 extra days (2025-04-16 to 2025-05-01) × 28.00 ÷ 30 = 14.9333…, rounded half up");
    // a year-only product under month_div_30 falls back to year ÷ 365: 585.00 × 16 / 365 = 25.6438… -> 25.64
    ProductPrices yearOnly;
    yearOnly.year = Yuan("585.00");
    p = PriceExtraDays(yearOnly, *ParseLocalDate("2025-04-16"), 16, DayPrice::MonthDiv30, Rounding::HalfUp);
    REQUIRE(p.line);
    CHECK(p.line->amount == Yuan("25.64"));
    // no price at all: missing
    p = PriceExtraDays(ProductPrices{}, *ParseLocalDate("2025-04-16"), 16, DayPrice::MonthDiv30, Rounding::HalfUp);
    CHECK_FALSE(p.line);
    CHECK_FALSE(p.missing.empty());
}

TEST_CASE("align-only = the same with 1 month (seed 4.2.3 统一到期日; docs/rules.md)")
{
    Workspace ws = LoadSample();
    // R16 expires 2025-02-12 (anchor 12), account day 1: 1 month -> 03-12, then 04-01: 20 extra days
    RenewalRequest req = Request(ws, {sample::R16});
    req.align_only = true;
    RenewalQuote q = QuoteRenewal(ws, req);
    REQUIRE(q.ok());
    CHECK(q.items[0].duration == Months(1));
    CHECK(Iso(q.items[0].new_expire_time) == "2025-04-01T23:59:59+08:00");
    CHECK(q.items[0].extra_days == 20);
    // 70.00 + 20 × 70.00 / 30 = 46.6666… -> 46.67; 116.67
    CHECK(q.total == Yuan("116.67"));
    // the yearly CDN package cannot take 1 month: it aligns with its own default, 1 year
    req.resource_ids = {sample::R20};
    q = QuoteRenewal(ws, req);
    REQUIRE(q.ok());
    CHECK(q.items[0].duration == Years(1));
    CHECK(Iso(q.items[0].new_expire_time) == "2026-09-01T23:59:59+08:00");  // 09-01 is already day 1
    // only the manual and auto-renew tabs take a unified day (seed 4.2.3): R8 is to_on_demand
    req.resource_ids = {sample::R8};
    q = QuoteRenewal(ws, req);
    REQUIRE_FALSE(q.ok());
    CHECK(q.refusals[0].code == "not_alignable");
}

// seed 4.2.3 注意事项 1: never set = day 1; seed 4.2.3 step 6: 确定 sets the day alone, 去支付 is a second step.
TEST_CASE("unified expiry day: never set = the 1st; 确定 sets it alone, 去支付 optional (seed 4.2.3)")
{
    Workspace ws = LoadSample();
    ws.account.unified_expiry_day.reset();  // a file that never set it
    CHECK(AccountUnifiedDay(ws) == UnifiedExpiryDay::FromDay(1));
    RenewalRequest req = Request(ws, {sample::R16});
    req.align_only = true;
    RenewalQuote q = QuoteRenewal(ws, req);  // R16 expires 2025-02-12: +1 month -> 03-12, day 1 -> 04-01
    REQUIRE(q.ok());
    CHECK(Iso(q.items[0].new_expire_time) == "2025-04-01T23:59:59+08:00");
    CHECK(q.items[0].extra_days == 20);

    // 确定 with day 15: the account's day only; no order, no resource touched
    const std::size_t orders = ws.orders.size();
    const std::vector<Resource> resources = ws.resources;
    CHECK(SetUnifiedExpiryDay(ws, *UnifiedExpiryDay::FromDay(15)).empty());
    CHECK(ws.account.unified_expiry_day == UnifiedExpiryDay::FromDay(15));
    CHECK(ws.orders.size() == orders);
    CHECK(ws.resources == resources);
    // 去支付 then aligns to the day just set: 02-12 + 1 month = 03-12 -> 03-15, 3 extra days
    q = QuoteRenewal(ws, req);
    REQUIRE(q.ok());
    CHECK(Iso(q.items[0].new_expire_time) == "2025-03-15T23:59:59+08:00");
    CHECK(q.items[0].extra_days == 3);
    // month end too
    CHECK(SetUnifiedExpiryDay(ws, UnifiedExpiryDay::MonthEnd()).empty());
    CHECK(AccountUnifiedDay(ws).isMonthEnd());
    // a police-frozen account sets nothing (seed 4.2.6)
    ws.account.frozen_reason = FrozenReason::Police;
    const Refusals r = SetUnifiedExpiryDay(ws, *UnifiedExpiryDay::FromDay(2));
    REQUIRE(r.size() == 1);
    CHECK(r[0].code == "account_police_frozen");
    CHECK(AccountUnifiedDay(ws).isMonthEnd());
}

// [SECTION] refusals

TEST_CASE("refusals name each resource with a stable code")
{
    Workspace ws = LoadSample();
    struct Case {
        const char* id;
        const char* code;
    };
    const Case cases[] = {
        {sample::R6, "pending_order"},         // seed 4.2.1.1 说明: pay or cancel the pending order first
        {sample::R1, "pending_order"},         // in the pending combined renewal
        {sample::R15, "delisted_product"},     // seed 4.2.5: delisted products are not renewed
        {sample::R22, "closed"},               // unsubscribed
        {sample::R18, "provisioning_failed"},  // never created
        {sample::R2, "bound_to_main"},         // renews with R1
        {"nope", "unknown_resource"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.id);
        RenewalQuote q = QuoteRenewal(ws, Request(ws, {c.id}, Months(1)));
        REQUIRE_FALSE(q.ok());
        CHECK(q.refusals[0].code == c.code);
        CHECK(q.refusals[0].subject == c.id);
        CHECK(q.items.empty());
        CHECK(q.total.isZero());
    }
    // the pending-order message names the sub-order and its combined order
    RenewalQuote q = QuoteRenewal(ws, Request(ws, {sample::R1}, Months(1)));
    CHECK(q.refusals[0].message ==
          "resource 2f6c1d3e-8a47-4b9e-9c21-5d7e0a3b6f18 has pending order CS25011409123D4SW (combined order "
          "CS25011409123H8RN); pay or cancel it first");
    // a batch with one bad resource is refused as a whole, every bad one named
    q = QuoteRenewal(ws, Request(ws, {sample::R4, sample::R6, sample::R15}, Months(1)));
    REQUIRE(q.refusals.size() == 2);
    CHECK(q.refusals[0].subject == sample::R6);
    CHECK(q.refusals[1].subject == sample::R15);
    CHECK(q.items.empty());
    // a duration the product does not offer: 10 months (options 1-9)
    q = QuoteRenewal(ws, Request(ws, {sample::R4}, Months(10)));
    REQUIRE_FALSE(q.ok());
    CHECK(q.refusals[0].code == "duration_not_offered");
    // nothing asked
    q = QuoteRenewal(ws, Request(ws, {}));
    CHECK(q.refusals[0].code == "empty_request");
    // a product without a price for the unit
    ws.products[0].prices.year.reset();  // the ECS product loses its year price
    ws.products[0].renew_options.years = {1};
    q = QuoteRenewal(ws, Request(ws, {sample::R16, sample::R4}, Years(1)));
    CHECK(FindRefusal(q.refusals, "duration_not_offered") != nullptr);
}

TEST_CASE("a pending order on a bound attached resource locks the whole instance")
{
    Fixture f;
    f.product("ecs", "191.40", "1952.28");
    f.product("evs", "28.00", "280.00");
    f.resource("ecs", "ecs", "2024-04-15T10:00:00+08:00", "2025-04-15T23:59:59+08:00");
    f.attached("sys", "evs", "ecs", Relation::Bound);
    f.attached("data", "evs", "ecs", Relation::Mounted);
    f.pendingOrder("CSPEND", "sys");
    f.done();
    RenewalQuote q = QuoteRenewal(f.ws, Request(f.ws, {"ecs"}, Months(1)));
    REQUIRE_FALSE(q.ok());
    CHECK(q.refusals[0].code == "pending_order");
    CHECK(q.refusals[0].subject == "sys");
    // the mounted one is independent and still renews
    CHECK(QuoteRenewal(f.ws, Request(f.ws, {"data"}, Months(1))).ok());
    // an order pending review is open but not waiting for payment: no lock for renewal
    f.ws.orders[0].status = OrderStatus::PendingReview;
    CHECK(QuoteRenewal(f.ws, Request(f.ws, {"ecs"}, Months(1))).ok());
    const OrderLocks locks = OrderLocks::Build(f.ws);
    CHECK(locks.pending("sys") == nullptr);
    REQUIRE(locks.open("sys") != nullptr);
    CHECK(locks.open("sys")->order_id == "CSPEND");
}

// [SECTION] JSON

TEST_CASE("the renew answer has the shape of docs/cli.md")
{
    Fixture f = OneResource("2025-03-15");
    f.ws.as_of = At("2025-01-14T10:00:00+08:00");
    RenewalQuote q = QuoteRenewal(f.ws, Request(f.ws, {"r"}, Months(1), Day(1)));
    CHECK(
        RenewalQuoteJson(q, ZoneOffset::China()) ==
        R"({"as_of":"2025-01-14T10:00:00+08:00","items":[{"resource_id":"r","old_expire_time":"2025-03-15T23:59:59+08:00",)"
        R"("new_expire_time":"2025-05-01T23:59:59+08:00","duration":{"period":"month","num":1},"extra_days":16,"amount":"293.48",)"
        R"("lines":[{"label":"1 month × 191.40","amount":"191.40"},)"
        R"({"label":"16 extra days (2025-04-16 to 2025-05-01) × 191.40 ÷ 30","amount":"102.08"}]}],"total":"293.48"})");
    // the browser test API's arguments give the same text
    CHECK(RenewJson(f.ws, R"({"resources":["r"],"months":1,"unified_day":1})", Instant()) ==
          RenewalQuoteJson(q, ZoneOffset::China()));
    CHECK(RenewJson(f.ws, R"({"resources":["r"],"months":1,"unified_day":1,"as_of":"2025-01-14T02:00:00Z"})",
                    Instant()) == RenewalQuoteJson(q, ZoneOffset::China()));
    // refusals and bad arguments
    CHECK(
        RenewJson(f.ws, R"({"resources":["x"],"months":1})", Instant()) ==
        R"({"as_of":"2025-01-14T10:00:00+08:00","refusals":[{"code":"unknown_resource","subject":"x","message":"no resource x in the workspace"}]})");
    CHECK(RenewJson(f.ws, R"({"resources":["r"],"months":1,"years":1})", Instant()) ==
          R"({"error":"give months or years, not both"})");
    CHECK(RenewJson(f.ws, R"({"resources":["r"],"unified_day":29})", Instant()) ==
          R"({"error":"unified_day: expected 1..28 or \"last\""})");
    CHECK(RenewJson(f.ws, "[1]", Instant()) == R"({"error":"expected a JSON object of renew arguments"})");
    CHECK(RenewJson(f.ws, R"({"resource":["r"]})", Instant()) == R"({"error":"unknown argument \"resource\""})");
}

// [SECTION] orders

TEST_CASE("many instances -> one combined trade order with a sub-order per instance (seed 4.2.1.1 说明)")
{
    Workspace ws = LoadSample();
    const std::size_t ordersBefore = ws.orders.size();
    // R4 (+ bound R5) and R16, default duration for many: both offer 1 year -> 1 year
    RenewalRequest req = Request(ws, {sample::R4, sample::R16});
    PlacedRenewal p = PlaceRenewalOrders(ws, req);
    REQUIRE(p.ok());
    CHECK(p.quote.items.size() == 3);
    // 1952.28 + 280.00 + 700.00
    CHECK(p.quote.total == Yuan("2932.28"));
    REQUIRE(p.sub_order_ids.size() == 2);
    CHECK(ws.orders.size() == ordersBefore + 3);

    const Order* parent = ws.findOrder(p.order_id);
    REQUIRE(parent != nullptr);
    CHECK(parent->status == OrderStatus::PendingPayment);
    CHECK(parent->order_type == OrderType::Renewal);
    CHECK(parent->items.empty());
    CHECK(parent->service_type_name == "组合交易");
    CHECK(parent->amount_after_discount == Yuan("2932.28"));
    CHECK(Iso(*parent->pending_payment_end_time) == "2025-01-21T10:00:00+08:00");  // + pending_payment_days 7
    // console order id pattern: CS + yyMMddHHmm + tens of seconds + 4 characters
    CHECK(p.order_id.size() == 17);
    CHECK(p.order_id.rfind("CS25011410000", 0) == 0);

    const Order* first = ws.findOrder(p.sub_order_ids[0]);
    REQUIRE(first != nullptr);
    CHECK(first->combined_order_id == p.order_id);
    CHECK(first->status == OrderStatus::PendingPayment);
    REQUIRE(first->items.size() == 2);
    CHECK(first->items[0].resource_id == sample::R4);
    CHECK(first->items[0].period == ItemPeriod::Year);
    CHECK(first->items[0].period_num == 1);
    CHECK(first->items[0].amount == Yuan("1952.28"));
    CHECK(first->items[1].resource_id == sample::R5);
    CHECK(first->amount_after_discount == Yuan("2232.28"));
    CHECK(first->service_type_name == "弹性云服务器");
    const Order* second = ws.findOrder(p.sub_order_ids[1]);
    REQUIRE(second != nullptr);
    CHECK(second->amount_after_discount == Yuan("700.00"));
    CHECK(p.sub_order_ids[0] != p.sub_order_ids[1]);

    // the purchase order of R4 records the renewal in its trade history
    const Order* purchase = ws.findOrder("CS24103110120RX4A");
    REQUIRE(purchase != nullptr);
    REQUIRE_FALSE(purchase->history.empty());
    CHECK(purchase->history.back().order_id == p.sub_order_ids[0]);
    CHECK(purchase->history.back().type == OrderType::Renewal);

    // now the resources are locked until paid or cancelled
    RenewalQuote again = QuoteRenewal(ws, Request(ws, {sample::R16}, Months(1)));
    REQUIRE_FALSE(again.ok());
    CHECK(again.refusals[0].code == "pending_order");
}

TEST_CASE("one instance -> a single pending order; a refused batch changes nothing")
{
    Workspace ws = LoadSample();
    PlacedRenewal p = PlaceRenewalOrders(ws, Request(ws, {sample::R16}, Months(1)));
    REQUIRE(p.ok());
    REQUIRE(p.sub_order_ids.size() == 1);
    CHECK(p.sub_order_ids[0] == p.order_id);
    const Order* o = ws.findOrder(p.order_id);
    REQUIRE(o != nullptr);
    CHECK_FALSE(o->combined_order_id.has_value());
    CHECK(o->amount_after_discount == Yuan("70.00"));

    const Workspace before = ws;
    p = PlaceRenewalOrders(ws, Request(ws, {sample::R4, sample::R15}, Months(1)));  // R15 delisted
    CHECK_FALSE(p.ok());
    CHECK(p.order_id.empty());
    CHECK(ws == before);
}

TEST_CASE("an aligned renewal order: day item, account unified day, and payment moves the expiry")
{
    Workspace ws = LoadSample();
    ws.account.unified_expiry_day.reset();
    // R4 (anchor 31, expires 2025-01-31) + R5, 1 month, day 15 -> plain 02-28, aligned 2025-03-15: 15 days
    PlacedRenewal p = PlaceRenewalOrders(ws, Request(ws, {sample::R4}, Months(1), Day(15)));
    REQUIRE(p.ok());
    CHECK(ws.account.unified_expiry_day == Day(15));  // seed 4.2.3 step 6: the day is set for the account
    const Order* o = ws.findOrder(p.order_id);
    REQUIRE(o != nullptr);
    REQUIRE(o->items.size() == 4);
    CHECK(o->items[1].period == ItemPeriod::Day);
    CHECK(o->items[1].period_num == 15);
    // 15 × 191.40 / 30 = 95.70; 15 × 28.00 / 30 = 14.00
    CHECK(o->items[1].amount == Yuan("95.70"));
    CHECK(o->items[3].amount == Yuan("14.00"));
    CHECK(o->amount_after_discount == Yuan("329.10"));  // 191.40 + 95.70 + 28.00 + 14.00

    const std::optional<int> timesBefore = ws.findResource(sample::R4)->auto_renew->times_left;
    PaidBreakdown cash;
    cash.cash = Yuan("287.10");
    Refusals r = ApplyPaidRenewalOrder(ws, p.order_id, {{sample::R4, cash}});
    REQUIRE(r.empty());
    const Resource* r4 = ws.findResource(sample::R4);
    CHECK(Iso(r4->expire_time) == "2025-03-15T23:59:59+08:00");
    CHECK(r4->anchor_day == 15);
    CHECK(r4->periods.back().order_id == p.order_id);
    CHECK(Iso(r4->periods.back().start) == "2025-01-31T23:59:59+08:00");
    CHECK(r4->periods.back().list_amount == Yuan("287.10"));
    CHECK(r4->periods.back().paid->cash == Yuan("287.10"));
    // seed 4.2.2.1: a manual renewal keeps the auto-renew count
    CHECK(r4->auto_renew->times_left == timesBefore);
    CHECK(r4->renewal_policy == RenewalPolicy::Auto);
    const Resource* r5 = ws.findResource(sample::R5);
    CHECK(Iso(r5->expire_time) == "2025-03-15T23:59:59+08:00");
    CHECK_FALSE(r5->periods.back().paid.has_value());  // not given: unknown
}

TEST_CASE("paying a combined order renews every sub-order; an expired resource is in use again")
{
    Workspace ws = LoadSample();
    PlacedRenewal p = PlaceRenewalOrders(ws, Request(ws, {sample::R14, sample::R16}, Months(2)));
    REQUIRE(p.ok());
    REQUIRE(p.sub_order_ids.size() == 2);
    REQUIRE(ApplyPaidRenewalOrder(ws, p.order_id).empty());
    const Resource* r14 = ws.findResource(sample::R14);
    CHECK(Iso(r14->expire_time) == "2025-03-05T23:59:59+08:00");  // from the old expiry 01-05
    CHECK(r14->status == ResourceStatus::InUse);
    CHECK(Iso(ws.findResource(sample::R16)->expire_time) == "2025-04-12T23:59:59+08:00");
    // not a renewal / unknown
    CHECK(ApplyPaidRenewalOrder(ws, "CS24041515582CL27")[0].code == "not_a_renewal");
    CHECK(ApplyPaidRenewalOrder(ws, "nope")[0].code == "unknown_order");
}

TEST_CASE("renew with 自动续费: checked when placed like 设为自动续费 (seed 4.2.1.1 step 7, 4.2.2.1 step 6)")
{
    Fixture f = OneResource("2025-02-15");
    Resource& r = f.ws.resources.front();
    auto place = [&](std::optional<int> times) {
        RenewalRequest req = Request(f.ws, {"r"}, Months(2));
        req.auto_renew = AutoRenewOnPayment{times};
        return PlaceRenewalOrders(f.ws, req);
    };
    const Workspace before = f.ws;
    // seed 4.2.2.1 step 6: a preset count is 1..99
    for (int bad : {0, 100, -1}) {
        CAPTURE(bad);
        PlacedRenewal p = place(bad);
        REQUIRE_FALSE(p.ok());
        CHECK(p.quote.refusals.front().code == "bad_times");
        CHECK(p.quote.items.empty());
        CHECK(f.ws == before);  // atomic
    }
    // Already renewing automatically: 修改自动续费 is the way, as for 设为自动续费.
    r.renewal_policy = RenewalPolicy::Auto;
    r.auto_renew = AutoRenew{TermUnit::Month, 1, 4, {}};
    const Workspace autoBefore = f.ws;
    PlacedRenewal refused = place(3);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.quote.refusals.front().code == "policy_unchanged");
    CHECK(refused.quote.refusals.front().subject == "r");
    CHECK(f.ws == autoBefore);
    r.renewal_policy = RenewalPolicy::NoRenew;  // 到期不续费 may be set to auto-renew (seed 4.2.5)
    r.auto_renew.reset();
    // 99 and unlimited are accepted; the period is the renewal's (2 months).
    for (std::optional<int> times : {std::optional<int>(99), std::optional<int>()}) {
        PlacedRenewal p = place(times);
        REQUIRE(p.ok());
        CHECK(f.ws.findOrder(p.order_id)->auto_renew_after_payment == AutoRenew{TermUnit::Month, 2, times, {}});
        CHECK(f.ws.findResource("r")->renewal_policy == RenewalPolicy::NoRenew);  // not before payment
        REQUIRE(ApplyPaidRenewalOrder(f.ws, p.order_id).empty());
        const Resource& paid = *f.ws.findResource("r");
        CHECK(paid.renewal_policy == RenewalPolicy::Auto);
        CHECK(paid.auto_renew == AutoRenew{TermUnit::Month, 2, times, {}});
        // back to 到期不续费 for the next round; the order is no longer pending
        f.ws.findOrder(p.order_id)->status = OrderStatus::Completed;
        f.ws.findResource("r")->renewal_policy = RenewalPolicy::NoRenew;
        f.ws.findResource("r")->auto_renew.reset();
    }
}

TEST_CASE("renew with 自动续费: a combined order records the plan on each sub-order, each at its own duration")
{
    Workspace ws = LoadSample();
    // R14 and R16 are manual; 2 months each.
    RenewalRequest req = Request(ws, {sample::R14, sample::R16}, Months(2));
    req.auto_renew = AutoRenewOnPayment{12};
    PlacedRenewal p = PlaceRenewalOrders(ws, req);
    REQUIRE(p.ok());
    REQUIRE(p.sub_order_ids.size() == 2);
    CHECK_FALSE(ws.findOrder(p.order_id)->auto_renew_after_payment.has_value());  // the combined order has no items
    for (const std::string& id : p.sub_order_ids)
        CHECK(ws.findOrder(id)->auto_renew_after_payment == AutoRenew{TermUnit::Month, 2, 12, {}});
    REQUIRE(ApplyPaidRenewalOrder(ws, p.order_id).empty());
    for (const char* id : {sample::R14, sample::R16}) {
        CAPTURE(id);
        CHECK(ws.findResource(id)->renewal_policy == RenewalPolicy::Auto);
        CHECK(ws.findResource(id)->auto_renew == AutoRenew{TermUnit::Month, 2, 12, {}});
    }
}

TEST_CASE("order ids are unique and deterministic")
{
    Workspace ws = LoadSample();
    const Instant t = At("2025-01-14T09:12:36+08:00");
    const std::string a = NewOrderId(ws, t, "x");
    CHECK(a == NewOrderId(ws, t, "x"));
    CHECK(a.rfind("CS25011409123", 0) == 0);
    const std::string b = NewOrderId(ws, t, "x", {a});
    CHECK(b != a);
    CHECK(b.rfind("CS25011409123", 0) == 0);
    for (char c : b.substr(13)) CHECK(((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z')));
}

TEST_CASE("a pending order past its payment deadline no longer locks its resource")
{
    // seed 4.1 说明: an unpaid order is cancelled at its payment deadline, so the lock ends with it.
    // R6's renewal order CS25011316401M3QF is due by 2025-01-20 16:40:12; R6 expired on 2025-01-15 and
    // is in its grace period, so the renewal starts from the old expiry: 191.40 + 28.00 (bound disk).
    Workspace ws = LoadSample();
    RenewalRequest before = Request(ws, {sample::R6}, Months(1));
    before.as_of = At("2025-01-20T16:40:11+08:00");
    RenewalQuote q = QuoteRenewal(ws, before);
    REQUIRE_FALSE(q.ok());
    CHECK(q.refusals[0].code == "pending_order");

    RenewalRequest after = before;
    after.as_of = At("2025-01-25T10:00:00+08:00");
    q = QuoteRenewal(ws, after);
    REQUIRE(q.ok());
    CHECK(q.total == Yuan("219.40"));
    CHECK(q.items[0].expired);
}

TEST_CASE("quote line labels in Chinese carry the same arithmetic")
{
    // seed 4.2.3 example: 16 extra days from 2025-04-16 to 2025-05-01 at 28.00 / 30 per day = 14.93.
    ProductPrices disk;
    disk.month = Yuan("28.00");
    ExtraDaysPrice p = PriceExtraDays(disk, *ParseLocalDate("2025-04-16"), 16, DayPrice::MonthDiv30, Rounding::HalfUp,
                                      LabelLanguage::Chinese);
    REQUIRE(p.line);
    CHECK(p.line->amount == Yuan("14.93"));
    CHECK(p.line->label == "16 天补齐（2025-04-16 至 2025-05-01） × 28.00 ÷ 30 = 14.9333…，四舍五入");
    ProductPrices yearOnly;
    yearOnly.year = Yuan("585.00");
    p = PriceExtraDays(yearOnly, *ParseLocalDate("2025-04-16"), 1, DayPrice::MonthDiv30, Rounding::Truncate,
                       LabelLanguage::Chinese);
    REQUIRE(p.line);
    CHECK(p.line->amount == Yuan("1.60"));  // 585.00 / 365 = 1.6027… truncated
    CHECK(p.line->label == "1 天补齐（2025-04-16） × 585.00 ÷ 365（无包月价：年价 ÷ 365） = 1.6027…，舍去");
    // The seed's words for durations (4.2.1.1 step 7: "1个月", "1年"), one table (model/labels.h).
    CHECK(RenewalDuration{TermUnit::Month, 1}.label(LabelLanguage::Chinese) == "1个月");
    CHECK(RenewalDuration{TermUnit::Month, 3}.label(LabelLanguage::Chinese) == "3个月");
    CHECK(RenewalDuration{TermUnit::Year, 2}.label(LabelLanguage::Chinese) == "2年");
    CHECK(RenewalDuration{TermUnit::Month, 1}.label(LabelLanguage::English) == "1 month");
    CHECK(RenewalDuration{TermUnit::Year, 2}.label(LabelLanguage::English) == "2 years");

    // A whole quote: the same amounts in either language, only the words differ.
    Workspace ws = LoadSample();
    RenewalRequest en = Request(ws, {sample::R4}, Months(1), UnifiedExpiryDay::MonthEnd());
    RenewalRequest zh = en;
    zh.label_language = LabelLanguage::Chinese;
    const RenewalQuote qe = QuoteRenewal(ws, en), qz = QuoteRenewal(ws, zh);
    REQUIRE(qe.ok());
    REQUIRE(qz.ok());
    CHECK(qz.total == qe.total);
    REQUIRE(qz.items[0].lines.size() == qe.items[0].lines.size());
    CHECK(qz.items[0].lines[0].label.view().starts_with("1个月 × "));
    CHECK(qe.items[0].lines[0].label.view().starts_with("1 month × "));
}
