// Tests for core/model/calendar.h (docs/rules.md §1 time rules, docs/rules.md §3.1 unified expiry, §3 periods).
//
// Synopsis of what is tested:
//   class ZoneOffset   UTC(), China() = +08:00, FromMinutes(-840..840), Parse("+08:00"|"-05:30"|"Z"), str()
//   class LocalDate    FromYmd -> optional (years 0001..9999), year/month/day, daysSinceEpoch <-> FromDays
//                      (Hinnant), plusDays, IsLeap, DaysInMonth, isoWeekday, isLastDayOfMonth, str(), <=>
//   class LocalTime    FromHms / FromSecondsOfDay -> optional, Parse("HH:MM:SS"), Midnight, ExpiryClock
//                      23:59:59, DeductionClock 03:00:00, str()
//   class Instant      UTC seconds since 1970; plusSeconds, plusHours, a - b, <=>
//   ToInstant / LocalDateOf / LocalTimeOf
//   ParseInstant       "…T…Z" | "…T…+08:00" | "YYYY/MM/DD HH:MM:SS GMT+08:00", optional .fraction (truncated)
//   ParseLocalDate, FormatIso, FormatUtc, FormatConsole, FormatLocalDate
//   AddMonthsAnchored / AddMonths / AddYearsAnchored, PeriodEnd, WholeHoursBetween, WholeDaysBetween
//   UnifiedExpiryDay (1..28 | last), NextUnifiedDate, ExtraDaysInclusive
//
// Index of this file (search for "[SECTION] name"):
//   [SECTION] compile-time properties
//   [SECTION] LocalDate
//   [SECTION] LocalTime, ZoneOffset, Instant
//   [SECTION] Parsing and formatting instants
//   [SECTION] Month and year arithmetic, period ends
//   [SECTION] Unified expiry
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/model/calendar.h"

using qd::Instant;
using qd::InstantParse;
using qd::LocalDate;
using qd::LocalTime;
using qd::UnifiedExpiryDay;
using qd::ZoneOffset;

// Show values in failure messages.
namespace doctest {
template <>
struct StringMaker<qd::LocalDate> {
    static String convert(qd::LocalDate d) { return d.str().c_str(); }
};
template <>
struct StringMaker<qd::LocalTime> {
    static String convert(qd::LocalTime t) { return t.str().c_str(); }
};
template <>
struct StringMaker<qd::Instant> {
    static String convert(qd::Instant i) { return qd::FormatUtc(i).c_str(); }
};
}  // namespace doctest

namespace {

LocalDate D(int y, int m, int d) { return LocalDate::FromYmd(y, m, d).value(); }
LocalTime T(int h, int m, int s) { return LocalTime::FromHms(h, m, s).value(); }
Instant I(const char* text) { return qd::ParseInstant(text).value; }
const ZoneOffset kChina = ZoneOffset::China();

// Reference month lengths written independently of the implementation.
int RefDaysInMonth(int y, int m)
{
    const bool leap = (y % 400 == 0) || (y % 4 == 0 && y % 100 != 0);
    switch (m) {
        case 2: return leap ? 29 : 28;
        case 4:
        case 6:
        case 9:
        case 11: return 30;
        default: return 31;
    }
}

}  // namespace

// [SECTION] compile-time properties
static_assert(LocalDate().year() == 1970 && LocalDate().month() == 1 && LocalDate().day() == 1);
static_assert(LocalDate().daysSinceEpoch() == 0);
static_assert(LocalDate::Min().daysSinceEpoch() == LocalDate::kMinDays && LocalDate::kMinDays == -719162);
static_assert(LocalDate::Max().daysSinceEpoch() == LocalDate::kMaxDays && LocalDate::kMaxDays == 2932896);
static_assert(LocalDate::FromYmd(2024, 4, 15)->daysSinceEpoch() == 19828);
static_assert(LocalDate::FromYmd(2000, 3, 1)->daysSinceEpoch() == 11017);
static_assert(LocalDate::FromDays(19782) == *LocalDate::FromYmd(2024, 2, 29));
static_assert(!LocalDate::FromYmd(2024, 2, 30).has_value());  // docs/architecture.md §5: bad date 2024-02-30
static_assert(!LocalDate::FromYmd(2023, 2, 29).has_value());
static_assert(LocalDate::FromYmd(2000, 2, 29).has_value());   // 2000 is leap (÷400)
static_assert(!LocalDate::FromYmd(1900, 2, 29).has_value());  // 1900 is not (÷100)
static_assert(!LocalDate::FromYmd(2100, 2, 29).has_value());
static_assert(!LocalDate::FromYmd(0, 1, 1).has_value() && !LocalDate::FromYmd(10000, 1, 1).has_value());
static_assert(LocalDate::IsLeap(2024) && LocalDate::IsLeap(2000) && !LocalDate::IsLeap(1900) &&
              !LocalDate::IsLeap(2023));
static_assert(LocalDate::DaysInMonth(2024, 2) == 29 && LocalDate::DaysInMonth(2023, 2) == 28 &&
              LocalDate::DaysInMonth(2024, 4) == 30);
static_assert(LocalDate::DaysInMonth(2024, 0) == 0 && LocalDate::DaysInMonth(2024, 13) == 0);
static_assert(*LocalDate::FromYmd(2024, 1, 1) < *LocalDate::FromYmd(2024, 1, 2));
static_assert(*LocalDate::FromYmd(2023, 12, 31) < *LocalDate::FromYmd(2024, 1, 1));
static_assert(LocalDate::FromYmd(2024, 4, 15)->isoWeekday() == 1 && LocalDate().isoWeekday() == 4);
static_assert(LocalDate::FromDays(std::numeric_limits<int64_t>::max()) == LocalDate::Max());
static_assert(LocalDate::FromDays(std::numeric_limits<int64_t>::min()) == LocalDate::Min());
static_assert(LocalDate::Max().plusDays(1) == LocalDate::Max() && LocalDate::Min().plusDays(-1) == LocalDate::Min());
static_assert(LocalTime().secondsOfDay() == 0 && LocalTime::ExpiryClock().secondsOfDay() == 86399);
static_assert(LocalTime::DeductionClock().hour() == 3 && LocalTime::DeductionClock().minute() == 0);
static_assert(!LocalTime::FromHms(24, 0, 0) && !LocalTime::FromHms(0, 60, 0) && !LocalTime::FromHms(0, 0, 60));
static_assert(!LocalTime::FromHms(-1, 0, 0) && !LocalTime::FromSecondsOfDay(86400) && !LocalTime::FromSecondsOfDay(-1));
static_assert(ZoneOffset::China().seconds() == 28800 && ZoneOffset().seconds() == 0);
static_assert(ZoneOffset::FromMinutes(840).has_value() && !ZoneOffset::FromMinutes(841).has_value());
static_assert(ZoneOffset::FromMinutes(-840).has_value() && !ZoneOffset::FromMinutes(-841).has_value());
static_assert(Instant::FromUnixSeconds(10) - Instant::FromUnixSeconds(3) == 7);
static_assert(Instant().plusHours(120).unixSeconds() == 432000);
static_assert(UnifiedExpiryDay().day() == 1 && !UnifiedExpiryDay().isMonthEnd());
static_assert(!UnifiedExpiryDay::FromDay(0) && !UnifiedExpiryDay::FromDay(29) && UnifiedExpiryDay::FromDay(28));
static_assert(UnifiedExpiryDay::MonthEnd().dayIn(2024, 2) == 29 && UnifiedExpiryDay::MonthEnd().apiValue() == -1);
static_assert(UnifiedExpiryDay::FromApiValue(-1) == UnifiedExpiryDay::MonthEnd() &&
              !UnifiedExpiryDay::FromApiValue(-2));

TEST_SUITE("calendar")
{
    // [SECTION] LocalDate
    TEST_CASE("LocalDate: every day 0001-01-01..9999-12-31 round-trips days <-> civil, in order")
    {
        // Walk the calendar with an independent successor rule and compare both conversions each day.
        int y = 1, m = 1, d = 1;
        int64_t bad = 0, count = 0;
        for (int64_t days = LocalDate::kMinDays; days <= LocalDate::kMaxDays; ++days, ++count) {
            const LocalDate fromDays = LocalDate::FromDays(days);
            if (fromDays.year() != y || fromDays.month() != m || fromDays.day() != d) ++bad;
            if (fromDays.daysSinceEpoch() != days) ++bad;
            if (++d > RefDaysInMonth(y, m)) {
                d = 1;
                if (++m > 12) {
                    m = 1;
                    ++y;
                }
            }
        }
        CHECK(bad == 0);
        CHECK(count == 3652059);  // 9999 years * 365 + 2424 leap days
        CHECK(y == 10000);
    }

    TEST_CASE("LocalDate::FromYmd rejects exactly the invalid (y, m, d) (docs/architecture.md §5 bad dates)")
    {
        // Every year 1..9999 for days around the month ends; all days in the leap-rule years.
        int64_t bad = 0, valid = 0;
        for (int y = 0; y <= 10000; ++y)
            for (int m = -1; m <= 13; ++m)
                for (int d : {-1, 0, 1, 27, 28, 29, 30, 31, 32}) {
                    const bool ok = y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= RefDaysInMonth(y, m);
                    const std::optional<LocalDate> date = LocalDate::FromYmd(y, m, d);
                    if (date.has_value() != ok) ++bad;
                    if (date && (date->year() != y || date->month() != m || date->day() != d)) ++bad;
                    if (date && d >= 28) ++valid;
                }
        CHECK(bad == 0);
        CHECK(valid ==
              9999 * (12 + 11 + 11 + 7) + 2424);  // day 28 in 12 months, 29 and 30 in 11, 31 in 7, plus the Feb 29s
        for (int y : {1, 4, 100, 400, 1900, 1970, 2000, 2023, 2024, 2100, 2400, 9999}) {
            CAPTURE(y);
            for (int m = 1; m <= 12; ++m)
                for (int d = -40; d <= 40; ++d)
                    CHECK(LocalDate::FromYmd(y, m, d).has_value() == (d >= 1 && d <= RefDaysInMonth(y, m)));
        }
        CHECK(LocalDate::DaysInMonth(1900, 2) == 28);  // ÷100 not leap
        CHECK(LocalDate::DaysInMonth(2000, 2) == 29);  // ÷400 leap
        CHECK(LocalDate::DaysInMonth(2100, 2) == 28);
        CHECK(LocalDate::DaysInMonth(2024, 2) == 29);
        CHECK(LocalDate::DaysInMonth(2023, 2) == 28);
        int leapYears = 0;
        for (int y = 1; y <= 9999; ++y) leapYears += LocalDate::IsLeap(y) ? 1 : 0;
        CHECK(leapYears == 2424);
    }

    TEST_CASE("LocalDate: plusDays, weekday, last day, str")
    {
        CHECK(D(2024, 2, 28).plusDays(1) == D(2024, 2, 29));
        CHECK(D(2024, 2, 29).plusDays(1) == D(2024, 3, 1));
        CHECK(D(2023, 2, 28).plusDays(1) == D(2023, 3, 1));
        CHECK(D(2024, 12, 31).plusDays(1) == D(2025, 1, 1));
        CHECK(D(2025, 1, 1).plusDays(-1) == D(2024, 12, 31));
        CHECK(D(2024, 1, 1).plusDays(366) == D(2025, 1, 1));
        CHECK(D(2024, 4, 15).plusDays(0) == D(2024, 4, 15));
        CHECK(LocalDate::Min().plusDays(LocalDate::kMaxDays - LocalDate::kMinDays) == LocalDate::Max());
        CHECK(LocalDate::Min().plusDays(std::numeric_limits<int64_t>::max()) == LocalDate::Max());  // saturates
        CHECK(LocalDate::Max().plusDays(std::numeric_limits<int64_t>::min()) == LocalDate::Min());
        CHECK(D(2024, 4, 15).isoWeekday() == 1);   // Monday
        CHECK(D(2024, 4, 21).isoWeekday() == 7);   // Sunday
        CHECK(D(1, 1, 1).isoWeekday() == 1);       // proleptic Gregorian 0001-01-01 was a Monday
        CHECK(D(9999, 12, 31).isoWeekday() == 5);  // Friday
        for (int64_t k = -800; k <= 800; ++k) {
            const LocalDate a = D(2024, 4, 15).plusDays(k);
            CHECK(a.isoWeekday() == static_cast<int>(((k % 7) + 7) % 7) + 1);
        }
        CHECK(D(2024, 2, 29).isLastDayOfMonth());
        CHECK(D(2023, 2, 28).isLastDayOfMonth());
        CHECK_FALSE(D(2024, 2, 28).isLastDayOfMonth());
        CHECK(D(2024, 4, 30).isLastDayOfMonth());
        CHECK(D(2024, 2, 29).str() == "2024-02-29");
        CHECK(D(1, 1, 1).str() == "0001-01-01");
        CHECK(D(9999, 12, 31).str() == "9999-12-31");
        CHECK(qd::FormatLocalDate(D(2024, 4, 5)) == "2024-04-05");
    }

    TEST_CASE("ParseLocalDate: exactly YYYY-MM-DD of a real date")
    {
        CHECK(qd::ParseLocalDate("2024-04-15") == D(2024, 4, 15));
        CHECK(qd::ParseLocalDate("2024-02-29") == D(2024, 2, 29));
        CHECK(qd::ParseLocalDate("0001-01-01") == LocalDate::Min());
        CHECK(qd::ParseLocalDate("9999-12-31") == LocalDate::Max());
        for (const char* bad : {"2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-04-00", "0000-01-01",
                                "2024-4-15", "24-04-15", "2024/04/15", "2024-04-15 ", " 2024-04-15",
                                "2024-04-15T00:00:00Z", "", "20240415", "2024-04-1a", "+2024-04-15", "-2024-04-15"}) {
            CAPTURE(bad);
            CHECK_FALSE(qd::ParseLocalDate(bad).has_value());
        }
        // Round trip for a whole span of days.
        int64_t badCount = 0;
        for (LocalDate d = D(1999, 1, 1); d <= D(2031, 12, 31); d = d.plusDays(1))
            if (qd::ParseLocalDate(d.str()) != d) ++badCount;
        CHECK(badCount == 0);
    }

    // [SECTION] LocalTime, ZoneOffset, Instant
    TEST_CASE("LocalTime: factories, parse, str (docs/rules.md §6 expiry_clock / deduction_clock)")
    {
        CHECK(LocalTime::ExpiryClock() == T(23, 59, 59));
        CHECK(LocalTime::DeductionClock() == T(3, 0, 0));
        CHECK(LocalTime::Midnight() == LocalTime());
        CHECK(LocalTime::ExpiryClock().str() == "23:59:59");
        CHECK(LocalTime().str() == "00:00:00");
        CHECK(LocalTime::Parse("23:59:59") == LocalTime::ExpiryClock());
        CHECK(LocalTime::Parse("03:00:00") == LocalTime::DeductionClock());
        for (const char* bad :
             {"24:00:00", "23:60:00", "23:59:60", "3:00:00", "03:00", "03:00:00Z", "", "03-00-00", " 03:00:00"}) {
            CAPTURE(bad);
            CHECK_FALSE(LocalTime::Parse(bad).has_value());
        }
        int64_t badCount = 0;
        for (int s = 0; s < 86400; ++s) {
            const LocalTime t = LocalTime::FromSecondsOfDay(s).value();
            if (LocalTime::FromHms(t.hour(), t.minute(), t.second()) != t) ++badCount;
            if (LocalTime::Parse(t.str()) != t) ++badCount;
            if (t.secondsOfDay() != s) ++badCount;
        }
        CHECK(badCount == 0);
        CHECK(T(3, 0, 0) < T(23, 59, 59));
    }

    TEST_CASE("ZoneOffset: parse and str (docs/rules.md §6 zone)")
    {
        CHECK(ZoneOffset::Parse("+08:00") == kChina);
        CHECK(ZoneOffset::Parse("Z") == ZoneOffset::UTC());
        CHECK(ZoneOffset::Parse("+00:00") == ZoneOffset::UTC());
        CHECK(ZoneOffset::Parse("-00:00") == ZoneOffset::UTC());
        CHECK(ZoneOffset::Parse("-05:30")->seconds() == -(5 * 3600 + 30 * 60));
        CHECK(ZoneOffset::Parse("+05:45")->seconds() == 5 * 3600 + 45 * 60);
        CHECK(ZoneOffset::Parse("+14:00")->seconds() == 14 * 3600);
        CHECK(ZoneOffset::Parse("-14:00")->seconds() == -14 * 3600);
        for (const char* bad : {"+14:01", "-14:30", "+15:00", "+08:60", "08:00", "+8:00", "+0800", "+08", "GMT+08:00",
                                "z", "", "+08:00 ", "UTC"}) {
            CAPTURE(bad);
            CHECK_FALSE(ZoneOffset::Parse(bad).has_value());
        }
        CHECK(kChina.str() == "+08:00");
        CHECK(ZoneOffset::UTC().str() == "+00:00");
        CHECK(ZoneOffset::Parse("-05:30")->str() == "-05:30");
        for (int minutes = -840; minutes <= 840; ++minutes) {
            const ZoneOffset z = ZoneOffset::FromMinutes(minutes).value();
            CHECK(ZoneOffset::Parse(z.str()) == z);
        }
    }

    TEST_CASE("Instant <-> local date and time (docs/rules.md §1: stored in UTC, rules in the profile zone)")
    {
        // 2024-04-15T16:00:00Z is already 2024-04-16 00:00:00 in +08:00.
        const Instant midnight = I("2024-04-15T16:00:00Z");
        CHECK(qd::LocalDateOf(midnight, kChina) == D(2024, 4, 16));
        CHECK(qd::LocalTimeOf(midnight, kChina) == T(0, 0, 0));
        CHECK(qd::LocalDateOf(midnight, ZoneOffset::UTC()) == D(2024, 4, 15));
        CHECK(qd::LocalDateOf(midnight.plusSeconds(-1), kChina) == D(2024, 4, 15));
        CHECK(qd::LocalTimeOf(midnight.plusSeconds(-1), kChina) == T(23, 59, 59));
        // docs/rules.md §1: CN 23:59:59 = 15:59:59Z
        CHECK(qd::ToInstant(D(2024, 2, 1), LocalTime::ExpiryClock(), kChina) == I("2024-02-01T15:59:59Z"));
        CHECK(qd::ToInstant(D(1970, 1, 1), LocalTime(), ZoneOffset::UTC()).unixSeconds() == 0);
        CHECK(I("2024-04-15T07:58:07Z").unixSeconds() == 1713167887);
        CHECK(qd::ToInstant(LocalDate::Min(), LocalTime(), ZoneOffset::UTC()).unixSeconds() == -62135596800);
        CHECK(qd::ToInstant(LocalDate::Max(), LocalTime::ExpiryClock(), ZoneOffset::UTC()).unixSeconds() ==
              253402300799);
        // Before the epoch: floor division, not truncation.
        CHECK(qd::LocalDateOf(Instant::FromUnixSeconds(-1), ZoneOffset::UTC()) == D(1969, 12, 31));
        CHECK(qd::LocalTimeOf(Instant::FromUnixSeconds(-1), ZoneOffset::UTC()) == T(23, 59, 59));
        // Extreme instants saturate the date and never overflow.
        CHECK(qd::LocalDateOf(Instant::FromUnixSeconds(std::numeric_limits<int64_t>::max()),
                              ZoneOffset::FromMinutes(840).value()) == LocalDate::Max());
        CHECK(qd::LocalDateOf(Instant::FromUnixSeconds(std::numeric_limits<int64_t>::min()),
                              ZoneOffset::FromMinutes(-840).value()) == LocalDate::Min());
        // Exhaustive: every local (date, hour) of 2023..2025 in several zones maps back.
        int64_t bad = 0;
        const std::vector<ZoneOffset> zones = {ZoneOffset::UTC(),
                                               kChina,
                                               *ZoneOffset::Parse("-05:30"),
                                               *ZoneOffset::Parse("+14:00"),
                                               *ZoneOffset::Parse("-14:00"),
                                               *ZoneOffset::Parse("+05:45")};
        for (const ZoneOffset& z : zones)
            for (LocalDate d = D(2023, 1, 1); d <= D(2025, 12, 31); d = d.plusDays(1))
                for (int s : {0, 1, 3 * 3600, 12 * 3600 + 34 * 60 + 56, 86399}) {
                    const LocalTime t = LocalTime::FromSecondsOfDay(s).value();
                    const Instant i = qd::ToInstant(d, t, z);
                    if (qd::LocalDateOf(i, z) != d || qd::LocalTimeOf(i, z) != t) ++bad;
                    if (i.unixSeconds() != d.daysSinceEpoch() * 86400 + s - z.seconds()) ++bad;
                }
        CHECK(bad == 0);
    }

    // [SECTION] Parsing and formatting instants
    TEST_CASE("ParseInstant: the three accepted forms (docs/rules.md §1)")
    {
        const Instant expected = Instant::FromUnixSeconds(1713167887);  // 2024-04-15T07:58:07Z
        for (const char* text :
             {"2024-04-15T07:58:07Z", "2024-04-15T15:58:07+08:00", "2024/04/15 15:58:07 GMT+08:00",
              "2024-04-15T02:28:07-05:30", "2024/04/15 02:28:07 GMT-05:30", "2024-04-15T07:58:07+00:00",
              "2024-04-15T07:58:07-00:00", "2024/04/15 07:58:07 GMT+00:00", "2024-04-15T21:58:07+14:00",
              "2024-04-14T17:58:07-14:00",
              // fractional seconds: accepted and truncated
              "2024-04-15T07:58:07.0Z", "2024-04-15T07:58:07.999Z", "2024-04-15T15:58:07.123+08:00",
              "2024/04/15 15:58:07.5 GMT+08:00", "2024-04-15T07:58:07.999999999999999999Z"}) {
            CAPTURE(text);
            const InstantParse p = qd::ParseInstant(text);
            CHECK(p.ok);
            CHECK(static_cast<bool>(p));
            CHECK(p.error.empty());
            CHECK(p.value == expected);
        }
        // Calendar edges.
        CHECK(I("2024-02-29T23:59:59+08:00") == I("2024-02-29T15:59:59Z"));
        CHECK(I("2000-02-29T00:00:00Z").unixSeconds() == 951782400);
        CHECK(I("1970-01-01T08:00:00+08:00").unixSeconds() == 0);
        CHECK(I("1969-12-31T23:59:59Z").unixSeconds() == -1);
        CHECK(I("0001-01-01T00:00:00Z").unixSeconds() == -62135596800);
        CHECK(I("9999-12-31T23:59:59Z").unixSeconds() == 253402300799);
        CHECK(I("0001-01-01T00:00:00+14:00").unixSeconds() == -62135596800 - 14 * 3600);
    }

    TEST_CASE("ParseInstant: the written form (read by position) agrees with the general reading")
    {
        // calendar.cpp reads YYYY-MM-DDTHH:MM:SS+HH:MM by position and every other text the general way;
        // with ".0" before the offset the same time takes the general way: both must agree, on valid
        // times and on every field out of range (docs/performance.md).
        int bad = 0;
        const auto two = [](int v) {
            return std::string(1, static_cast<char>('0' + v / 10)) + static_cast<char>('0' + v % 10);
        };
        for (const int y : {1, 1969, 1970, 2000, 2023, 2024, 2100, 9999})
            for (int m = 0; m <= 13; ++m)
                for (const int d : {0, 1, 28, 29, 30, 31, 32})
                    for (const char* time : {"00:00:00", "23:59:59", "24:00:00", "12:60:00", "12:00:60", "99:99:99"})
                        for (const char* zone :
                             {"+08:00", "-05:30", "+14:00", "-14:00", "+14:01", "+00:60", "-00:00"}) {
                            std::string date = std::to_string(y);
                            date = std::string(4 - date.size(), '0') + date + "-" + two(m) + "-" + two(d);
                            const std::string written = date + "T" + time + zone;
                            const std::string general = date + "T" + time + ".0" + zone;
                            const InstantParse a = qd::ParseInstant(written), b = qd::ParseInstant(general);
                            if (a.ok != b.ok || a.value != b.value) {
                                ++bad;
                                MESSAGE(written);
                            }
                        }
        CHECK(bad == 0);
        // Not the written form: read the general way (as before).
        CHECK(qd::ParseInstant("2024-04-15T15:58:07Z").ok);
        CHECK_FALSE(qd::ParseInstant("2024-04-15T15:58:07+8:000").ok);
        CHECK_FALSE(qd::ParseInstant("2024-04-15t15:58:07+08:00").ok);
        CHECK_FALSE(qd::ParseInstant("2024-04-15T15:58:0a+08:00").ok);
        CHECK_FALSE(qd::ParseInstant("2024-04-15T15:58:07 08:00").ok);
        CHECK(qd::ParseInstant("2024-04-15T15:58:07+08:0x").error.starts_with("expected a time like"));
    }

    TEST_CASE("ParseInstant: rejected input says what was expected (docs/architecture.md §5)")
    {
        const std::string lead = "expected a time like 2024-04-15T15:58:07+08:00, got ";
        struct Row {
            const char* text;
            const char* reason;
        };
        const Row rows[] = {
            {"2024-02-30T00:00:00Z", " (no such date 2024-02-30)"},
            {"2023-02-29T12:00:00+08:00", " (no such date 2023-02-29)"},
            {"1900-02-29T12:00:00Z", " (no such date 1900-02-29)"},
            {"2024-13-01T00:00:00Z", " (no such date 2024-13-01)"},
            {"2024-00-01T00:00:00Z", " (no such date 2024-00-01)"},
            {"2024-04-31T00:00:00Z", " (no such date 2024-04-31)"},
            {"0000-01-01T00:00:00Z", " (no such date 0000-01-01)"},
            {"2024/02/30 10:00:00 GMT+08:00", " (no such date 2024-02-30)"},
            {"2024-04-15T24:00:00Z", " (hour must be 00..23)"},
            {"2024-04-15T23:60:00Z", " (minute must be 00..59)"},
            {"2024-04-15T23:59:60Z", " (second must be 00..59)"},  // no leap seconds
            {"2024/04/15 23:59:60 GMT+08:00", " (second must be 00..59)"},
            {"2024-04-15T15:58:07", " (offset missing, e.g. +08:00)"},
            {"2024-04-15T15:58:07.123", " (offset missing, e.g. +08:00)"},
            {"2024/04/15 15:58:07", " (offset missing, e.g. +08:00)"},
            {"2024/04/15 15:58:07 GMT", " (offset missing, e.g. GMT+08:00)"},
            {"2024-04-15T15:58:07+14:30", " (offset must be within -14:00..+14:00)"},
            {"2024-04-15T15:58:07+08:60", " (offset must be within -14:00..+14:00)"},
            {"2024/04/15 15:58:07 GMT-15:00", " (offset must be within -14:00..+14:00)"},
            {"2024-04-15T07:58:07Zjunk", " (unexpected text after the offset)"},
            {"2024-04-15T07:58:07Z ", " (unexpected text after the offset)"},
            {"2024-04-15T15:58:07+08:00Z", " (unexpected text after the offset)"},
            {"2024/04/15 15:58:07 GMT+08:00 ", " (unexpected text after the offset)"},
            // shape errors: just the expectation
            {"", ""},
            {"2024-04-15", ""},
            {"2024-04-15 15:58:07+08:00", ""},  // ISO needs the T
            {"2024-04-15t15:58:07+08:00", ""},
            {"2024-04-15T07:58:07z", ""},
            {"2024/04/15T15:58:07+08:00", ""},  // console form needs the space and GMT
            {"2024/04/15 15:58:07 +08:00", ""},
            {"2024/04/15 15:58:07 UTC+08:00", ""},
            {"2024-04-15T15:58:07+0800", ""},
            {"2024-04-15T15:58:07+08", ""},
            {"2024-04-15T15:58:07 +08:00", ""},
            {"2024-4-15T15:58:07+08:00", ""},
            {"24-04-15T15:58:07+08:00", ""},
            {"2024-04-15T15:58+08:00", ""},
            {"2024-04-15T5:58:07+08:00", ""},
            {" 2024-04-15T07:58:07Z", ""},
            {"2024-04-15T07:58:07.Z", ""},
            {"2024-04-15T07:58:07,5Z", ""},
            {"2024-04-15T07:58:07GMT+08:00", ""},
            {"+2024-04-15T07:58:07Z", ""},
            {"2024-04-15T07:58:07+08:00:00", " (unexpected text after the offset)"},
            {"1713167887", ""},
            {"now", ""},
        };
        for (const Row& row : rows) {
            CAPTURE(row.text);
            const InstantParse p = qd::ParseInstant(row.text);
            CHECK_FALSE(p.ok);
            CHECK(p.value == Instant());
            CHECK(p.error == lead + row.text + row.reason);
        }
        // Long input is cut in the message.
        const std::string longText(200, '9');
        CHECK(qd::ParseInstant(longText).error == lead + std::string(60, '9') + "...");
    }

    TEST_CASE("Formatting and parse/format round trip (docs/rules.md §1: write ISO with +08:00, show the console form)")
    {
        const Instant i = I("2024-04-15T07:58:07Z");
        CHECK(qd::FormatIso(i, kChina) == "2024-04-15T15:58:07+08:00");
        CHECK(qd::FormatIso(i, ZoneOffset::UTC()) == "2024-04-15T07:58:07+00:00");
        CHECK(qd::FormatIso(i, *ZoneOffset::Parse("-05:30")) == "2024-04-15T02:28:07-05:30");
        CHECK(qd::FormatUtc(i) == "2024-04-15T07:58:07Z");
        CHECK(qd::FormatConsole(i, kChina) == "2024/04/15 15:58:07 GMT+08:00");
        // Crossing midnight: 16:00Z is the next local day in +08:00.
        CHECK(qd::FormatIso(I("2024-04-15T16:00:00Z"), kChina) == "2024-04-16T00:00:00+08:00");
        CHECK(qd::FormatConsole(I("2024-04-15T15:59:59Z"), kChina) == "2024/04/15 23:59:59 GMT+08:00");
        CHECK(qd::FormatIso(I("2024-12-31T16:00:00Z"), kChina) == "2025-01-01T00:00:00+08:00");
        CHECK(qd::FormatUtc(I("0001-01-01T00:00:00Z")) == "0001-01-01T00:00:00Z");
        CHECK(qd::FormatUtc(I("9999-12-31T23:59:59Z")) == "9999-12-31T23:59:59Z");
        // Many instants across 2023..2025 in steps of 59 min 59 s (hits every second-of-minute pattern),
        // plus a coarse walk over the whole calendar range, in several zones.
        const std::vector<ZoneOffset> zones = {ZoneOffset::UTC(),
                                               kChina,
                                               *ZoneOffset::Parse("-05:30"),
                                               *ZoneOffset::Parse("+14:00"),
                                               *ZoneOffset::Parse("-14:00"),
                                               *ZoneOffset::Parse("+05:45")};
        int64_t bad = 0, n = 0;
        auto roundTrip = [&](Instant t) {
            ++n;
            if (qd::ParseInstant(qd::FormatUtc(t)).value != t) ++bad;
            for (const ZoneOffset& z : zones) {
                const std::string iso = qd::FormatIso(t, z);
                const std::string console = qd::FormatConsole(t, z);
                const InstantParse a = qd::ParseInstant(iso);
                const InstantParse b = qd::ParseInstant(console);
                if (!a.ok || a.value != t || !b.ok || b.value != t) ++bad;
                // The ISO text carries the local date and time of the zone.
                if (iso.substr(0, 10) != qd::LocalDateOf(t, z).str() ||
                    iso.substr(11, 8) != qd::LocalTimeOf(t, z).str())
                    ++bad;
            }
        };
        for (Instant t = I("2023-01-01T00:00:00Z"); t <= I("2025-12-31T23:59:59Z"); t = t.plusSeconds(3599))
            roundTrip(t);
        for (LocalDate d = D(2023, 1, 1); d <= D(2025, 12, 31); d = d.plusDays(1)) {
            roundTrip(qd::PeriodEnd(d, kChina));                         // every expiry instant 23:59:59 local
            roundTrip(qd::ToInstant(d, LocalTime::Midnight(), kChina));  // every local midnight
        }
        for (int64_t s = -62135596800 + 14 * 3600; s <= 253402300799 - 14 * 3600; s += 86400 * 97 + 3607)
            roundTrip(Instant::FromUnixSeconds(s));
        CHECK(bad == 0);
        CHECK(n > 50000);
    }

    // [SECTION] Month and year arithmetic, period ends
    TEST_CASE("AddMonthsAnchored: docs/rules.md §1 examples and Huawei vectors (docs/rules.md §3)")
    {
        // docs/rules.md §1: anchor 31 gives Feb 29 2024, Apr 30, then May 31.
        CHECK(qd::AddMonthsAnchored(D(2024, 1, 31), 1, 31) == D(2024, 2, 29));
        CHECK(qd::AddMonthsAnchored(D(2024, 1, 31), 2, 31) == D(2024, 3, 31));
        CHECK(qd::AddMonthsAnchored(D(2024, 3, 31), 1, 31) == D(2024, 4, 30));
        CHECK(qd::AddMonthsAnchored(D(2024, 4, 30), 1, 31) ==
              D(2024, 5, 31));  // the anchor, not the current day, decides
        CHECK(qd::AddMonthsAnchored(D(2024, 2, 29), 1, 31) == D(2024, 3, 31));
        CHECK(qd::AddMonths(D(2024, 2, 29), 1) == D(2024, 3, 29));  // AddMonths anchors on from.day()
        // docs/rules.md §3 F-1MONTH: Jan 31 + 1 month -> Feb 28 (29 in a leap year); May 15 -> June 15
        CHECK(qd::AddMonths(D(2023, 1, 31), 1) == D(2023, 2, 28));
        CHECK(qd::AddMonths(D(2024, 1, 31), 1) == D(2024, 2, 29));
        CHECK(qd::AddMonths(D(2024, 5, 15), 1) == D(2024, 6, 15));
        CHECK(qd::WholeDaysBetween(D(2024, 5, 15), D(2024, 6, 15)) == 31);
        CHECK(qd::WholeDaysBetween(D(2023, 1, 31), D(2023, 2, 28)) == 28);
        // docs/rules.md §3 U-UNSUB-CN: EVS monthly bought 2024/01/01 10:30:00 -> expires 2024/02/01 23:59:59
        const Instant bought = I("2024/01/01 10:30:00 GMT+08:00");
        const LocalDate start = qd::LocalDateOf(bought, kChina);
        CHECK(qd::FormatConsole(qd::PeriodEnd(qd::AddMonthsAnchored(start, 1, start.day()), kChina), kChina) ==
              "2024/02/01 23:59:59 GMT+08:00");
        // docs/rules.md §3 G-EDS: yearly bought 2023/07/08 15:50:04 -> 2024/07/08 23:59:59, renew 1 year -> 2025/07/08
        CHECK(qd::AddYearsAnchored(D(2023, 7, 8), 1, 8) == D(2024, 7, 8));
        CHECK(qd::AddYearsAnchored(D(2024, 7, 8), 1, 8) == D(2025, 7, 8));
        // docs/rules.md §3 U-EXPIRE-INTL: monthly bought 2024-03-31 expires 2024-04-30; renewed in grace for 1 month
        // from the old expiry -> 2024-05-31 (anchor 31 restored)
        CHECK(qd::AddMonthsAnchored(D(2024, 3, 31), 1, 31) == D(2024, 4, 30));
        CHECK(qd::AddMonthsAnchored(D(2024, 4, 30), 1, 31) == D(2024, 5, 31));
        // years: 2024-02-29 + 1 year with anchor 29 -> 2025-02-28; + 4 years -> 2028-02-29
        CHECK(qd::AddYearsAnchored(D(2024, 2, 29), 1, 29) == D(2025, 2, 28));
        CHECK(qd::AddYearsAnchored(D(2024, 2, 29), 4, 29) == D(2028, 2, 29));
        CHECK(qd::AddYearsAnchored(D(2024, 2, 29), -1, 29) == D(2023, 2, 28));
        CHECK(qd::AddYearsAnchored(D(2000, 2, 29), 100, 29) == D(2100, 2, 28));
        // negative months, year boundaries
        CHECK(qd::AddMonthsAnchored(D(2024, 3, 31), -1, 31) == D(2024, 2, 29));
        CHECK(qd::AddMonthsAnchored(D(2024, 1, 15), -1, 15) == D(2023, 12, 15));
        CHECK(qd::AddMonthsAnchored(D(2024, 1, 15), -13, 15) == D(2022, 12, 15));
        CHECK(qd::AddMonthsAnchored(D(2024, 11, 30), 2, 30) == D(2025, 1, 30));
        CHECK(qd::AddMonthsAnchored(D(2024, 1, 15), 0, 15) == D(2024, 1, 15));
        CHECK(qd::AddMonthsAnchored(D(2024, 1, 15), 0, 31) == D(2024, 1, 31));  // months = 0 still applies the anchor
        // anchors outside 1..31 are clamped; results outside 0001..9999 saturate
        CHECK(qd::AddMonthsAnchored(D(2024, 1, 15), 1, 0) == D(2024, 2, 1));
        CHECK(qd::AddMonthsAnchored(D(2024, 1, 15), 1, 99) == D(2024, 2, 29));
        CHECK(qd::AddMonthsAnchored(D(9999, 12, 1), 1, 1) == LocalDate::Max());
        CHECK(qd::AddMonthsAnchored(D(1, 1, 31), -1, 31) == LocalDate::Min());
        CHECK(qd::AddMonthsAnchored(D(2024, 1, 1), std::numeric_limits<int>::max(), 1) == LocalDate::Max());
        CHECK(qd::AddMonthsAnchored(D(2024, 1, 1), std::numeric_limits<int>::min(), 1) == LocalDate::Min());
        CHECK(qd::AddYearsAnchored(D(2024, 1, 1), std::numeric_limits<int>::max(), 1) == LocalDate::Max());
    }

    TEST_CASE("AddMonthsAnchored: every anchor 1..31 from every day of 2023..2025 (docs/rules.md §1 clamp rule)")
    {
        int64_t bad = 0, n = 0;
        for (LocalDate from = D(2023, 1, 1); from <= D(2025, 12, 31); from = from.plusDays(1))
            for (int months = -25; months <= 25; ++months)
                for (int anchor = 1; anchor <= 31; ++anchor) {
                    ++n;
                    const LocalDate r = qd::AddMonthsAnchored(from, months, anchor);
                    const int index = from.year() * 12 + from.month() - 1 + months;
                    const int y = index / 12, m = index % 12 + 1;
                    if (r.year() != y || r.month() != m || r.day() != std::min(anchor, RefDaysInMonth(y, m))) ++bad;
                }
        CHECK(bad == 0);
        CHECK(n == 1096 * 51 * 31);
        // Anchored steps compose: two steps equal one step of the sum (no drift after a short month).
        int64_t drift = 0;
        for (int anchor = 1; anchor <= 31; ++anchor)
            for (int a = -14; a <= 14; ++a)
                for (int b = -14; b <= 14; ++b) {
                    const LocalDate from = D(2024, 1, std::min(anchor, 31));
                    if (qd::AddMonthsAnchored(qd::AddMonthsAnchored(from, a, anchor), b, anchor) !=
                        qd::AddMonthsAnchored(from, a + b, anchor))
                        ++drift;
                }
        CHECK(drift == 0);
        // AddYearsAnchored == 12 months.
        int64_t yearsBad = 0;
        for (LocalDate from = D(2023, 1, 1); from <= D(2025, 12, 31); from = from.plusDays(1))
            for (int years = -3; years <= 3; ++years)
                if (qd::AddYearsAnchored(from, years, from.day()) !=
                    qd::AddMonthsAnchored(from, 12 * years, from.day()))
                    ++yearsBad;
        CHECK(yearsBad == 0);
    }

    TEST_CASE(
        "PeriodEnd, WholeHoursBetween, WholeDaysBetween (docs/rules.md §1, docs/rules.md consumed hours, five-day "
        "window)")
    {
        // docs/rules.md §1: a period ends at 23:59:59 local
        CHECK(qd::PeriodEnd(D(2024, 2, 1), kChina) == I("2024-02-01T15:59:59Z"));
        CHECK(qd::PeriodEnd(D(2024, 2, 1), ZoneOffset::UTC()) == I("2024-02-01T23:59:59Z"));
        CHECK(qd::PeriodEnd(D(2024, 2, 1), kChina, LocalTime::DeductionClock()) ==
              I("2024-01-31T19:00:00Z"));  // 03:00 local
        // Whole hours are floored; nothing negative.
        const Instant t0 = I("2024-04-15T07:58:07Z");
        CHECK(qd::WholeHoursBetween(t0, t0) == 0);
        CHECK(qd::WholeHoursBetween(t0, t0.plusSeconds(3599)) == 0);
        CHECK(qd::WholeHoursBetween(t0, t0.plusSeconds(3600)) == 1);
        CHECK(qd::WholeHoursBetween(t0, t0.plusSeconds(7199)) == 1);
        CHECK(qd::WholeHoursBetween(t0, t0.plusSeconds(-1)) == 0);
        CHECK(qd::WholeHoursBetween(t0, t0.plusHours(120)) == 120);  // docs/rules.md §6 five_day_window_hours
        CHECK(qd::WholeHoursBetween(t0, t0.plusHours(120).plusSeconds(-1)) == 119);
        // EVS monthly 2024/01/01 10:30:00 -> 2024/02/01 23:59:59: 757 whole hours ordered
        CHECK(qd::WholeHoursBetween(I("2024/01/01 10:30:00 GMT+08:00"), qd::PeriodEnd(D(2024, 2, 1), kChina)) == 757);
        CHECK(qd::WholeHoursBetween(Instant::FromUnixSeconds(std::numeric_limits<int64_t>::min()),
                                    Instant::FromUnixSeconds(std::numeric_limits<int64_t>::max())) ==
              static_cast<int64_t>(std::numeric_limits<uint64_t>::max() / 3600));
        for (int64_t s = -20000; s <= 20000; ++s) {
            const int64_t expected = s <= 0 ? 0 : s / 3600;
            if (qd::WholeHoursBetween(t0, t0.plusSeconds(s)) != expected) {
                CHECK(qd::WholeHoursBetween(t0, t0.plusSeconds(s)) == expected);
            }
        }
        CHECK(qd::WholeDaysBetween(D(2024, 1, 1), D(2025, 1, 1)) == 366);
        CHECK(qd::WholeDaysBetween(D(2025, 1, 1), D(2024, 1, 1)) == -366);
        CHECK(qd::WholeDaysBetween(D(2024, 4, 15), D(2024, 4, 15)) == 0);
        CHECK(qd::WholeDaysBetween(LocalDate::Min(), LocalDate::Max()) == 3652058);
    }

    // [SECTION] Unified expiry
    TEST_CASE("UnifiedExpiryDay: 1..28 or month end (docs/rules.md §3.1)")
    {
        for (int day = -5; day <= 40; ++day) {
            CAPTURE(day);
            const std::optional<UnifiedExpiryDay> u = UnifiedExpiryDay::FromDay(day);
            CHECK(u.has_value() == (day >= 1 && day <= 28));
            if (!u) continue;
            CHECK(u->day() == day);
            CHECK_FALSE(u->isMonthEnd());
            CHECK(u->apiValue() == day);
            CHECK(u->str() == std::to_string(day));
            CHECK(UnifiedExpiryDay::Parse(u->str()) == u);
            CHECK(UnifiedExpiryDay::FromApiValue(day) == u);
            CHECK(u->dayIn(2024, 2) == day);
        }
        const UnifiedExpiryDay last = UnifiedExpiryDay::MonthEnd();
        CHECK(last.isMonthEnd());
        CHECK(last.str() == "last");
        CHECK(UnifiedExpiryDay::Parse("last") == last);
        CHECK(last.dayIn(2024, 2) == 29);
        CHECK(last.dayIn(2023, 2) == 28);
        CHECK(last.dayIn(2024, 4) == 30);
        CHECK(last.dayIn(2024, 5) == 31);
        CHECK(UnifiedExpiryDay() == *UnifiedExpiryDay::FromDay(1));  // docs/rules.md §3.1: never set -> the 1st
        for (const char* bad : {"0", "29", "31", "01", "-1", "+1", "", "Last", "LAST", "1 ", "1.0", "100", "a"}) {
            CAPTURE(bad);
            CHECK_FALSE(UnifiedExpiryDay::Parse(bad).has_value());
        }
    }

    TEST_CASE("NextUnifiedDate and ExtraDaysInclusive: seed vectors (docs/rules.md, docs/rules.md §3.1)")
    {
        const UnifiedExpiryDay day1 = *UnifiedExpiryDay::FromDay(1);
        const UnifiedExpiryDay day15 = *UnifiedExpiryDay::FromDay(15);
        const UnifiedExpiryDay last = UnifiedExpiryDay::MonthEnd();
        // docs/rules.md: expiry 03-15, 1 month, day 1 -> 05-01, 16 extra days (04-16..05-01)
        {
            const LocalDate end = qd::AddMonths(D(2024, 3, 15), 1);
            CHECK(end == D(2024, 4, 15));
            const LocalDate aligned = qd::NextUnifiedDate(end, day1);
            CHECK(aligned == D(2024, 5, 1));
            CHECK(qd::ExtraDaysInclusive(end, aligned) == 16);
        }
        // docs/rules.md: expiry 04-10, 1 month, day 1 -> 06-01, 22 extra days (05-11..06-01)
        {
            const LocalDate end = qd::AddMonths(D(2024, 4, 10), 1);
            CHECK(end == D(2024, 5, 10));
            const LocalDate aligned = qd::NextUnifiedDate(end, day1);
            CHECK(aligned == D(2024, 6, 1));
            CHECK(qd::ExtraDaysInclusive(end, aligned) == 22);
        }
        // docs/rules.md §3.1 vector 1: expiry 2024-03-25 + 1 month, day = last -> 2024-04-30 (Apr 26-30 = 5 days)
        CHECK(qd::NextUnifiedDate(qd::AddMonths(D(2024, 3, 25), 1), last) == D(2024, 4, 30));
        CHECK(qd::ExtraDaysInclusive(D(2024, 4, 25), D(2024, 4, 30)) == 5);
        // docs/rules.md §3.1 vector 2: expiry 2024-03-25 + 1 month, day 1 -> 2024-05-01
        CHECK(qd::NextUnifiedDate(qd::AddMonths(D(2024, 3, 25), 1), day1) == D(2024, 5, 1));
        // docs/rules.md §3.1 vector 3: day 15, 2020-04-28 + 1 month -> 2020-05-28 -> 2020-06-15, 18 extra days
        CHECK(qd::NextUnifiedDate(qd::AddMonths(D(2020, 4, 28), 1), day15) == D(2020, 6, 15));
        CHECK(qd::ExtraDaysInclusive(D(2020, 5, 28), D(2020, 6, 15)) == 18);
        // On the unified day already: no extra days.
        CHECK(qd::NextUnifiedDate(D(2024, 5, 1), day1) == D(2024, 5, 1));
        CHECK(qd::NextUnifiedDate(D(2024, 2, 29), last) == D(2024, 2, 29));
        CHECK(qd::NextUnifiedDate(D(2024, 2, 28), last) == D(2024, 2, 29));
        CHECK(qd::NextUnifiedDate(D(2023, 2, 28), last) == D(2023, 2, 28));
        CHECK(qd::NextUnifiedDate(D(2024, 12, 2), day1) == D(2025, 1, 1));
        CHECK(qd::NextUnifiedDate(D(9999, 12, 2), day1) == LocalDate::Max());  // saturates at the end of the calendar
        // Exhaustive: for every start day of 2023..2025 and every choice, the result is the first qualifying day.
        int64_t bad = 0;
        std::vector<UnifiedExpiryDay> choices = {last};
        for (int d = 1; d <= 28; ++d) choices.push_back(*UnifiedExpiryDay::FromDay(d));
        for (const UnifiedExpiryDay& u : choices)
            for (LocalDate from = D(2023, 1, 1); from <= D(2025, 12, 31); from = from.plusDays(1)) {
                const LocalDate r = qd::NextUnifiedDate(from, u);
                auto qualifies = [&](LocalDate x) { return x.day() == u.dayIn(x.year(), x.month()); };
                if (r < from || !qualifies(r)) ++bad;
                for (LocalDate x = from; x < r; x = x.plusDays(1))
                    if (qualifies(x)) ++bad;
                if (qd::ExtraDaysInclusive(from, r) != qd::WholeDaysBetween(from, r) ||
                    qd::ExtraDaysInclusive(from, r) > 30)
                    ++bad;
            }
        CHECK(bad == 0);
    }

}  // TEST_SUITE
