// calendar.h: QuoteDesk's time value types and calendar rules (docs/rules.md §1, docs/rules.md unified expiry, §6).
//
// Instants are stored in UTC (Instant = seconds since 1970-01-01T00:00:00Z). Every calendar rule
// (expiry at 23:59:59, deduction at 03:00, month arithmetic, "natural year") is evaluated in the rule
// profile's zone (ZoneOffset, default +08:00) on civil dates (LocalDate) and clock times (LocalTime).
// Like Howard Hinnant's date library these are small value types that cannot hold a wrong value:
// construction from loose parts goes through factories returning std::optional.
//
//   InstantParse p = ParseInstant("2024/04/15 15:58:07 GMT+08:00");   // the console's format
//   LocalDate start = LocalDateOf(p.value, ZoneOffset::China());        // 2024-04-15
//   LocalDate end   = AddMonthsAnchored(start, 1, start.day());         // 2024-05-15
//   Instant expiry  = PeriodEnd(end, ZoneOffset::China());              // 2024-05-15T23:59:59+08:00
//   FormatIso(expiry, ZoneOffset::China())      == "2024-05-15T23:59:59+08:00"
//   FormatConsole(expiry, ZoneOffset::China())  == "2024/05/15 23:59:59 GMT+08:00"
//
// Range: civil dates are proleptic Gregorian, years 0001..9999. Functions producing a date outside
// that range (plusDays, FromDays, AddMonthsAnchored, LocalDateOf of an extreme Instant) saturate to
// LocalDate::Min() / LocalDate::Max(); no function here has undefined behaviour for any argument.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qd {

// ---- ZoneOffset -------------------------------------------------------------------------------
// A fixed UTC offset, whole minutes in -14:00..+14:00 (profile key `zone`).
class ZoneOffset {
public:
    static constexpr int kMaxSeconds = 14 * 3600;  // |offset| <= 14:00

    constexpr ZoneOffset() = default;                                     // +00:00 (UTC)
    static constexpr ZoneOffset UTC() { return ZoneOffset(0); }           // +00:00
    static constexpr ZoneOffset China() { return ZoneOffset(8 * 3600); }  // +08:00, the default profile zone
    static constexpr std::optional<ZoneOffset> FromMinutes(int minutes)
    {  // -840..840, else nullopt
        if (minutes < -kMaxSeconds / 60 || minutes > kMaxSeconds / 60) return std::nullopt;
        return ZoneOffset(minutes * 60);
    }
    // "+08:00", "-05:30", "+00:00", "Z"; nothing else
    static std::optional<ZoneOffset> Parse(std::string_view text);
    // offset east of UTC in seconds (+08:00 -> 28800)
    constexpr int seconds() const { return seconds_; }
    std::string str() const;                                             // "+08:00", "-05:30", UTC -> "+00:00"
    friend constexpr bool operator==(ZoneOffset, ZoneOffset) = default;  // same offset

private:
    explicit constexpr ZoneOffset(int seconds) : seconds_(seconds) {}
    int seconds_ = 0;
};

// ---- LocalDate --------------------------------------------------------------------------------
// A civil date (proleptic Gregorian calendar, years 0001..9999), always valid.
class LocalDate {
public:
    constexpr LocalDate() = default;                                      // 1970-01-01
    static constexpr LocalDate Min() { return LocalDate(1, 1, 1); }       // 0001-01-01
    static constexpr LocalDate Max() { return LocalDate(9999, 12, 31); }  // 9999-12-31

    // Gregorian leap year (2000 yes, 1900/2100 no, 2024 yes)
    static constexpr bool IsLeap(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }
    // 28..31 for m in 1..12; 0 for a month outside 1..12
    static constexpr int DaysInMonth(int y, int m)
    {
        if (m < 1 || m > 12) return 0;
        constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
    }
    static constexpr std::optional<LocalDate> FromYmd(int y, int m, int d)
    {  // nullopt unless a real date in 0001..9999
        if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
        return LocalDate(y, m, d);
    }
    static constexpr int64_t kMinDays = -719162;  // daysSinceEpoch() of 0001-01-01
    static constexpr int64_t kMaxDays = 2932896;  // daysSinceEpoch() of 9999-12-31
    // date `days` after 1970-01-01 (Hinnant civil_from_days); saturates
    static constexpr LocalDate FromDays(int64_t days)
    {
        if (days <= kMinDays) return Min();
        if (days >= kMaxDays) return Max();
        const int64_t z = days + 719468;  // > 0 in range, so no negative-era branch
        const int64_t era = z / 146097;
        const int64_t doe = z - era * 146097;                                       // [0, 146096]
        const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
        const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
        const int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11], March = 0
        const int64_t d = doy - (153 * mp + 2) / 5 + 1;                             // [1, 31]
        const int64_t m = mp < 10 ? mp + 3 : mp - 9;                                // [1, 12]
        const int64_t y = yoe + era * 400 + (m <= 2 ? 1 : 0);
        return LocalDate(static_cast<int>(y), static_cast<int>(m), static_cast<int>(d));
    }

    constexpr int year() const { return y_; }   // 1..9999
    constexpr int month() const { return m_; }  // 1..12
    constexpr int day() const { return d_; }    // 1..DaysInMonth(year, month)
    // days since 1970-01-01 (Hinnant days_from_civil)
    constexpr int64_t daysSinceEpoch() const
    {
        const int64_t y = y_ - (m_ <= 2 ? 1 : 0);  // >= 0 for years >= 1
        const int64_t era = y / 400;
        const int64_t yoe = y - era * 400;                                        // [0, 399]
        const int64_t doy = (153 * (m_ > 2 ? m_ - 3 : m_ + 9) + 2) / 5 + d_ - 1;  // [0, 365]
        const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;                // [0, 146096]
        return era * 146097 + doe - 719468;
    }
    // n days later (earlier if n < 0); saturates
    constexpr LocalDate plusDays(int64_t n) const
    {
        if (n > kMaxDays - kMinDays) return Max();
        if (n < kMinDays - kMaxDays) return Min();
        return FromDays(daysSinceEpoch() + n);
    }
    // 1 = Monday .. 7 = Sunday (1970-01-01 was a Thursday)
    constexpr int isoWeekday() const
    {
        const int64_t w = (daysSinceEpoch() % 7 + 7 + 3) % 7;  // 0 = Monday
        return static_cast<int>(w) + 1;
    }
    // e.g. 2024-02-29, 2023-02-28, 2024-04-30
    constexpr bool isLastDayOfMonth() const { return d_ == DaysInMonth(y_, m_); }
    // "2024-02-29", "0001-01-01" (always 4-digit year)
    std::string str() const;

    friend constexpr bool operator==(LocalDate, LocalDate) = default;   // same day
    friend constexpr auto operator<=>(LocalDate, LocalDate) = default;  // chronological

private:
    constexpr LocalDate(int y, int m, int d) : y_(y), m_(m), d_(d) {}
    int y_ = 1970;  // declaration order year, month, day makes the defaulted <=> chronological
    int m_ = 1;
    int d_ = 1;
};

// ---- LocalTime --------------------------------------------------------------------------------
// A clock time of day, 00:00:00..23:59:59 (no leap second), always valid.
class LocalTime {
public:
    constexpr LocalTime() = default;  // 00:00:00
    static constexpr std::optional<LocalTime> FromHms(int h, int m, int s)
    {  // nullopt unless 0..23, 0..59, 0..59
        if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) return std::nullopt;
        return LocalTime(h * 3600 + m * 60 + s);
    }
    static constexpr std::optional<LocalTime> FromSecondsOfDay(int s)
    {  // nullopt unless 0..86399
        if (s < 0 || s >= 86400) return std::nullopt;
        return LocalTime(s);
    }
    static constexpr LocalTime Midnight() { return LocalTime(0); }  // 00:00:00
    // 23:59:59, when a period ends (profile expiry_clock)
    static constexpr LocalTime ExpiryClock() { return LocalTime(86399); }
    // 03:00:00, auto-renew charge (profile deduction_clock)
    static constexpr LocalTime DeductionClock() { return LocalTime(3 * 3600); }
    static std::optional<LocalTime> Parse(std::string_view text);  // exactly "HH:MM:SS", e.g. "23:59:59"

    constexpr int hour() const { return s_ / 3600; }       // 0..23
    constexpr int minute() const { return s_ / 60 % 60; }  // 0..59
    constexpr int second() const { return s_ % 60; }       // 0..59
    constexpr int secondsOfDay() const { return s_; }      // 0..86399
    std::string str() const;                               // "23:59:59"

    friend constexpr bool operator==(LocalTime, LocalTime) = default;   // same clock time
    friend constexpr auto operator<=>(LocalTime, LocalTime) = default;  // earlier in the day < later

private:
    explicit constexpr LocalTime(int s) : s_(s) {}
    int s_ = 0;  // seconds since midnight
};

// ---- Instant ----------------------------------------------------------------------------------
// A point in time: whole seconds since 1970-01-01T00:00:00Z (sub-second parts are never kept).
class Instant {
public:
    constexpr Instant() = default;                                              // 1970-01-01T00:00:00Z
    static constexpr Instant FromUnixSeconds(int64_t s) { return Instant(s); }  // any int64 is valid
    constexpr int64_t unixSeconds() const { return s_; }                        // seconds since the epoch, UTC
    constexpr Instant plusSeconds(int64_t n) const { return Instant(s_ + n); }  // n seconds later (unchecked int64)
    // n hours later (e.g. five-day window 120 h)
    constexpr Instant plusHours(int64_t n) const { return Instant(s_ + n * 3600); }
    friend constexpr int64_t operator-(Instant a, Instant b) { return a.s_ - b.s_; }  // a - b in seconds (signed)

    friend constexpr bool operator==(Instant, Instant) = default;   // same moment
    friend constexpr auto operator<=>(Instant, Instant) = default;  // chronological

private:
    explicit constexpr Instant(int64_t s) : s_(s) {}
    int64_t s_ = 0;
};

// ---- conversions between UTC and the profile's zone ----------------------------------------------
Instant ToInstant(LocalDate d, LocalTime t, ZoneOffset z);  // the instant of local date+time in zone z
// local civil date of i in z (2024-04-15T16:00:00Z in +08:00 -> 2024-04-16)
LocalDate LocalDateOf(Instant i, ZoneOffset z);
LocalTime LocalTimeOf(Instant i, ZoneOffset z);  // local clock time of i in z

// ---- parsing (strict) ---------------------------------------------------------------------------
// Result of ParseInstant. ok == true: value holds the instant, error is empty. ok == false: error is
// "expected a time like 2024-04-15T15:58:07+08:00, got <text>" optionally followed by the precise
// reason in parentheses, e.g. "... got 2024-02-30T00:00:00Z (no such date 2024-02-30)"
// (text longer than 60 characters is cut and ends in "...").
struct InstantParse {
    bool ok = false;                               // parsed successfully
    Instant value;                                 // the instant (epoch when !ok)
    std::string error;                             // why not
    explicit operator bool() const { return ok; }  // if (auto p = ParseInstant(s)) use(p.value);
};

// Accepts exactly these three forms (case-sensitive; no surrounding whitespace):
//   2024-04-15T07:58:07Z                 UTC (Huawei API responses)
//   2024-04-15T15:58:07+08:00            any offset -14:00..+14:00 (what QuoteDesk writes)
//   2024/04/15 15:58:07 GMT+08:00        the Huawei console's format
// Each may carry fractional seconds after the seconds (".123", any number of digits); they are
// truncated, i.e. 07.999 is 07. Year 0001..9999 (4 digits), real calendar dates only (2024-02-30 and
// 2023-02-29 are errors), hour 00..23, minute and second 00..59 (a leap second 60 is an error).
// A missing offset, an offset beyond 14:00, or trailing characters are errors.
InstantParse ParseInstant(std::string_view text);

std::optional<LocalDate> ParseLocalDate(std::string_view text);  // exactly "YYYY-MM-DD" of a real date, else nullopt

// ---- formatting ---------------------------------------------------------------------------------
std::string FormatIso(Instant i, ZoneOffset z);      // "2024-04-15T15:58:07+08:00" (what QuoteDesk writes)
std::string FormatUtc(Instant i);                    // "2024-04-15T07:58:07Z" (Huawei API style)
std::string FormatConsole(Instant i, ZoneOffset z);  // "2024/04/15 15:58:07 GMT+08:00" (what the UI shows)
std::string FormatLocalDate(LocalDate d);            // "2024-04-15" (same as d.str())
// All of them round-trip: ParseInstant(FormatIso(i, z)).value == i for every i whose local date is in range.

// ---- calendar rules (docs/rules.md §1) --------------------------------------------------------------
// The date `months` calendar months after `from` (before, if negative) whose day of month is
// anchorDay clamped to that month's length. anchorDay is the resource's anchor (day of its first
// effective date, or the unified expiry day once aligned); values outside 1..31 are clamped to 1..31.
// anchor 31: 2024-01-31 +1 -> 2024-02-29, +2 -> 2024-03-31, +3 -> 2024-04-30, +4 -> 2024-05-31.
LocalDate AddMonthsAnchored(LocalDate from, int months, int anchorDay);
LocalDate AddMonths(LocalDate from, int months);  // AddMonthsAnchored(from, months, from.day())
// years * 12 months, anchored: 2024-02-29 + 1 year with anchor 29 -> 2025-02-28.
LocalDate AddYearsAnchored(LocalDate from, int years, int anchorDay);

// The instant a period ends: `clock` (default 23:59:59) on local day endDay in zone z.
Instant PeriodEnd(LocalDate endDay, ZoneOffset z, LocalTime clock = LocalTime::ExpiryClock());

int64_t WholeHoursBetween(Instant from, Instant to);  // floor((to - from) / 1 h); 0 if to <= from
int64_t WholeDaysBetween(LocalDate a, LocalDate b);   // b - a in days (negative if b < a)

// ---- unified expiry (docs/rules.md, docs/rules.md §3.1) --------------------------------
// The day a customer's resources are aligned to: day 1..28 of every month, or the month's last day.
class UnifiedExpiryDay {
public:
    constexpr UnifiedExpiryDay() = default;  // day 1 (Huawei's UI default)
    static constexpr std::optional<UnifiedExpiryDay> FromDay(int day)
    {  // 1..28, else nullopt
        if (day < 1 || day > 28) return std::nullopt;
        return UnifiedExpiryDay(day);
    }
    static constexpr UnifiedExpiryDay MonthEnd() { return UnifiedExpiryDay(kMonthEnd); }  // last day of each month
    static constexpr std::optional<UnifiedExpiryDay> FromApiValue(int v)
    {  // Huawei API: 1..28, -1 = month end
        if (v == -1) return MonthEnd();
        return FromDay(v);
    }
    // "1".."28" (no leading zero/sign) or "last"
    static std::optional<UnifiedExpiryDay> Parse(std::string_view text);

    constexpr bool isMonthEnd() const { return day_ == kMonthEnd; }      // the "last day of month" choice
    constexpr int day() const { return day_; }                           // 1..28, or 31 for month end (see dayIn)
    constexpr int apiValue() const { return isMonthEnd() ? -1 : day_; }  // 1..28 or -1
    // the unified day in month y-m (month end -> 28..31)
    constexpr int dayIn(int y, int m) const { return isMonthEnd() ? LocalDate::DaysInMonth(y, m) : day_; }
    std::string str() const;  // "1".."28" or "last" (Parse's inverse)

    friend constexpr bool operator==(UnifiedExpiryDay, UnifiedExpiryDay) = default;  // same choice

private:
    static constexpr int kMonthEnd = 31;
    explicit constexpr UnifiedExpiryDay(int day) : day_(day) {}
    int day_ = 1;
};

// The first date >= onOrAfter whose day of month is u's day in that month
// (2024-04-15, day 1 -> 2024-05-01; 2024-04-15, last -> 2024-04-30; 2024-05-01, day 1 -> 2024-05-01).
// Saturates to 9999-12-31 when the answer would lie beyond the calendar.
LocalDate NextUnifiedDate(LocalDate onOrAfter, UnifiedExpiryDay u);

// The extra days bought when aligning a period ending on `end` to `aligned`: the days after end up
// to aligned inclusive = aligned - end (seed: 2024-04-15 -> 2024-05-01 is 16; 2024-05-10 -> 2024-06-01 is 22).
int64_t ExtraDaysInclusive(LocalDate end, LocalDate aligned);

}  // namespace qd
