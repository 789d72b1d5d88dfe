// calendar.cpp: parsing, formatting, zone conversion and calendar rules (see calendar.h).
#include "core/model/calendar.h"

#include "core/model/diagnostics.h"

#include <algorithm>
#include <cstddef>

namespace qd {

namespace {

constexpr int64_t kSecondsPerDay = 86400;

constexpr int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0 && (a < 0) != (b < 0)) ? 1 : 0); }
constexpr int64_t FloorMod(int64_t a, int64_t b)
{
    const int64_t r = a % b;
    return (r != 0 && (r < 0) != (b < 0)) ? r + b : r;
}

void Append2(std::string& out, int v)
{
    out += static_cast<char>('0' + v / 10 % 10);
    out += static_cast<char>('0' + v % 10);
}

void Append4(std::string& out, int v)
{
    Append2(out, v / 100);
    Append2(out, v % 100);
}

std::string Shown(std::string_view s, std::size_t limit = 60) { return Excerpt(s, limit); }

// A tiny strict cursor over the input.
struct Cursor {
    std::string_view s;
    std::size_t i = 0;

    bool atEnd() const { return i == s.size(); }
    bool peek(char c) const { return i < s.size() && s[i] == c; }
    bool lit(std::string_view t)
    {
        if (s.substr(i, t.size()) != t) return false;
        i += t.size();
        return true;
    }
    // Exactly `width` ASCII digits.
    bool digits(int width, int& out)
    {
        if (s.size() - i < static_cast<std::size_t>(width)) return false;
        int v = 0;
        for (int k = 0; k < width; ++k) {
            const char c = s[i + static_cast<std::size_t>(k)];
            if (c < '0' || c > '9') return false;
            v = v * 10 + (c - '0');
        }
        i += static_cast<std::size_t>(width);
        out = v;
        return true;
    }
};

enum class OffsetResult { Ok, BadShape, OutOfRange };

// "+HH:MM" / "-HH:MM" with HH:MM <= 14:00 and MM <= 59.
OffsetResult ReadSignedOffset(Cursor& c, ZoneOffset& out)
{
    int sign = 0;
    if (c.lit("+")) sign = 1;
    else if (c.lit("-")) sign = -1;
    else return OffsetResult::BadShape;
    int hh = 0, mm = 0;
    if (!c.digits(2, hh) || !c.lit(":") || !c.digits(2, mm)) return OffsetResult::BadShape;
    if (mm > 59) return OffsetResult::OutOfRange;
    const std::optional<ZoneOffset> z = ZoneOffset::FromMinutes(sign * (hh * 60 + mm));
    if (!z) return OffsetResult::OutOfRange;
    out = *z;
    return OffsetResult::Ok;
}

bool ReadDate(Cursor& c, char sep, int& y, int& m, int& d)
{
    return c.digits(4, y) && c.lit(std::string_view(&sep, 1)) && c.digits(2, m) && c.lit(std::string_view(&sep, 1)) &&
           c.digits(2, d);
}

std::string YmdText(int y, int m, int d)
{
    std::string out;
    Append4(out, y);
    out += '-';
    Append2(out, m);
    out += '-';
    Append2(out, d);
    return out;
}

InstantParse Fail(std::string_view text, std::string_view reason = {})
{
    InstantParse r;
    r.error = "expected a time like 2024-04-15T15:58:07+08:00, got " + Shown(text);
    if (!reason.empty()) {
        r.error += " (";
        r.error += reason;
        r.error += ')';
    }
    return r;
}

LocalDate AddMonthsImpl(LocalDate from, int64_t months, int anchorDay)
{
    const int64_t total = static_cast<int64_t>(from.year()) * 12 + (from.month() - 1) + months;
    const int64_t y = FloorDiv(total, 12);
    if (y < 1) return LocalDate::Min();
    if (y > 9999) return LocalDate::Max();
    const int yi = static_cast<int>(y);
    const int m = static_cast<int>(FloorMod(total, 12)) + 1;
    const int anchor = std::clamp(anchorDay, 1, 31);
    return *LocalDate::FromYmd(yi, m, std::min(anchor, LocalDate::DaysInMonth(yi, m)));
}

// Seconds since the epoch -> local (days, second of day), overflow-free for every int64.
void Split(Instant i, ZoneOffset z, int64_t& days, int64_t& secondOfDay)
{
    const int64_t s = i.unixSeconds();
    days = FloorDiv(s, kSecondsPerDay);
    int64_t rem = FloorMod(s, kSecondsPerDay) + z.seconds();  // -50400 .. 136799
    days += FloorDiv(rem, kSecondsPerDay);
    secondOfDay = FloorMod(rem, kSecondsPerDay);
}

std::string DateTimeText(Instant i, ZoneOffset z, char dateSep, char between)
{
    const LocalDate d = LocalDateOf(i, z);
    const LocalTime t = LocalTimeOf(i, z);
    std::string out;
    out.reserve(32);
    Append4(out, d.year());
    out += dateSep;
    Append2(out, d.month());
    out += dateSep;
    Append2(out, d.day());
    out += between;
    out += t.str();
    return out;
}

}  // namespace

// ---- ZoneOffset ------------------------------------------------------------------------------------

std::optional<ZoneOffset> ZoneOffset::Parse(std::string_view text)
{
    if (text == "Z") return UTC();
    Cursor c{text};
    ZoneOffset z;
    if (ReadSignedOffset(c, z) != OffsetResult::Ok || !c.atEnd()) return std::nullopt;
    return z;
}

std::string ZoneOffset::str() const
{
    const int mag = seconds_ < 0 ? -seconds_ : seconds_;
    std::string out(1, seconds_ < 0 ? '-' : '+');
    Append2(out, mag / 3600);
    out += ':';
    Append2(out, mag / 60 % 60);
    return out;
}

// ---- LocalDate / LocalTime -------------------------------------------------------------------------

std::string LocalDate::str() const { return YmdText(y_, m_, d_); }

std::optional<LocalTime> LocalTime::Parse(std::string_view text)
{
    Cursor c{text};
    int h = 0, m = 0, s = 0;
    if (!c.digits(2, h) || !c.lit(":") || !c.digits(2, m) || !c.lit(":") || !c.digits(2, s) || !c.atEnd())
        return std::nullopt;
    return FromHms(h, m, s);
}

std::string LocalTime::str() const
{
    std::string out;
    Append2(out, hour());
    out += ':';
    Append2(out, minute());
    out += ':';
    Append2(out, second());
    return out;
}

// ---- conversions -----------------------------------------------------------------------------------

Instant ToInstant(LocalDate d, LocalTime t, ZoneOffset z)
{
    return Instant::FromUnixSeconds(d.daysSinceEpoch() * kSecondsPerDay + t.secondsOfDay() - z.seconds());
}

LocalDate LocalDateOf(Instant i, ZoneOffset z)
{
    int64_t days = 0, sod = 0;
    Split(i, z, days, sod);
    return LocalDate::FromDays(days);
}

LocalTime LocalTimeOf(Instant i, ZoneOffset z)
{
    int64_t days = 0, sod = 0;
    Split(i, z, days, sod);
    return *LocalTime::FromSecondsOfDay(static_cast<int>(sod));
}

// ---- parsing ---------------------------------------------------------------------------------------

namespace {

// The form QuoteDesk writes, which is almost every time of a file: 2024-04-15T15:58:07+08:00 (25
// characters, digits where digits go). Read by position, no cursor; nullopt for anything else (other
// forms, an out-of-range field, an error), which ParseInstant then reads the general way, with the
// same result for every text this one takes.
std::optional<Instant> WrittenFormInstant(std::string_view t)
{
    if (t.size() != 25 || t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':' ||
        (t[19] != '+' && t[19] != '-') || t[22] != ':')
        return std::nullopt;
    bool digits = true;
    const auto two = [&](std::size_t at) {
        const unsigned a = static_cast<unsigned>(t[at] - '0'), b = static_cast<unsigned>(t[at + 1] - '0');
        digits = digits && a <= 9 && b <= 9;
        return static_cast<int>(a * 10 + b);
    };
    const int y = two(0) * 100 + two(2), mo = two(5), d = two(8), h = two(11), mi = two(14), s = two(17);
    const int zh = two(20), zm = two(23);
    if (!digits || h > 23 || mi > 59 || s > 59 || zm > 59) return std::nullopt;
    const std::optional<LocalDate> date = LocalDate::FromYmd(y, mo, d);
    const std::optional<ZoneOffset> z = ZoneOffset::FromMinutes((t[19] == '-' ? -1 : 1) * (zh * 60 + zm));
    if (!date || !z) return std::nullopt;
    return ToInstant(*date, *LocalTime::FromHms(h, mi, s), *z);
}

}  // namespace

InstantParse ParseInstant(std::string_view text)
{
    if (const std::optional<Instant> written = WrittenFormInstant(text)) {
        InstantParse r;
        r.ok = true;
        r.value = *written;
        return r;
    }
    Cursor c{text};
    const bool console = text.size() > 4 && text[4] == '/';
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
    if (!ReadDate(c, console ? '/' : '-', y, mo, d)) return Fail(text);
    if (!c.lit(console ? " " : "T")) return Fail(text);
    if (!c.digits(2, h) || !c.lit(":") || !c.digits(2, mi) || !c.lit(":") || !c.digits(2, s)) return Fail(text);
    if (c.lit(".")) {  // fractional seconds: at least one digit, truncated
        int digit = 0;
        if (!c.digits(1, digit)) return Fail(text);
        while (c.digits(1, digit)) {}
    }
    // Offset.
    ZoneOffset z;
    if (c.atEnd() || (console && c.s.substr(c.i) == " ")) return Fail(text, "offset missing, e.g. +08:00");
    if (console) {
        if (!c.lit(" GMT")) return Fail(text);
        if (c.atEnd()) return Fail(text, "offset missing, e.g. GMT+08:00");
        const OffsetResult r = ReadSignedOffset(c, z);
        if (r == OffsetResult::BadShape) return Fail(text);
        if (r == OffsetResult::OutOfRange) return Fail(text, "offset must be within -14:00..+14:00");
    } else if (!c.lit("Z")) {
        const OffsetResult r = ReadSignedOffset(c, z);
        if (r == OffsetResult::BadShape) return Fail(text);
        if (r == OffsetResult::OutOfRange) return Fail(text, "offset must be within -14:00..+14:00");
    }
    if (!c.atEnd()) return Fail(text, "unexpected text after the offset");
    // Field ranges, reported precisely.
    const std::optional<LocalDate> date = LocalDate::FromYmd(y, mo, d);
    if (!date) return Fail(text, "no such date " + YmdText(y, mo, d));
    if (h > 23) return Fail(text, "hour must be 00..23");
    if (mi > 59) return Fail(text, "minute must be 00..59");
    if (s > 59) return Fail(text, "second must be 00..59");
    InstantParse r;
    r.ok = true;
    r.value = ToInstant(*date, *LocalTime::FromHms(h, mi, s), z);
    return r;
}

std::optional<LocalDate> ParseLocalDate(std::string_view text)
{
    Cursor c{text};
    int y = 0, m = 0, d = 0;
    if (!ReadDate(c, '-', y, m, d) || !c.atEnd()) return std::nullopt;
    return LocalDate::FromYmd(y, m, d);
}

// ---- formatting ------------------------------------------------------------------------------------

std::string FormatIso(Instant i, ZoneOffset z) { return DateTimeText(i, z, '-', 'T') + z.str(); }

std::string FormatUtc(Instant i) { return DateTimeText(i, ZoneOffset::UTC(), '-', 'T') + 'Z'; }

std::string FormatConsole(Instant i, ZoneOffset z) { return DateTimeText(i, z, '/', ' ') + " GMT" + z.str(); }

std::string FormatLocalDate(LocalDate d) { return d.str(); }

// ---- calendar rules --------------------------------------------------------------------------------

LocalDate AddMonthsAnchored(LocalDate from, int months, int anchorDay)
{
    return AddMonthsImpl(from, months, anchorDay);
}

LocalDate AddMonths(LocalDate from, int months) { return AddMonthsImpl(from, months, from.day()); }

LocalDate AddYearsAnchored(LocalDate from, int years, int anchorDay)
{
    return AddMonthsImpl(from, static_cast<int64_t>(years) * 12, anchorDay);
}

Instant PeriodEnd(LocalDate endDay, ZoneOffset z, LocalTime clock) { return ToInstant(endDay, clock, z); }

int64_t WholeHoursBetween(Instant from, Instant to)
{
    if (to <= from) return 0;
    // Unsigned difference is exact for any pair of int64 values with to > from.
    const uint64_t diff = static_cast<uint64_t>(to.unixSeconds()) - static_cast<uint64_t>(from.unixSeconds());
    return static_cast<int64_t>(diff / 3600);
}

int64_t WholeDaysBetween(LocalDate a, LocalDate b) { return b.daysSinceEpoch() - a.daysSinceEpoch(); }

// ---- unified expiry --------------------------------------------------------------------------------

std::optional<UnifiedExpiryDay> UnifiedExpiryDay::Parse(std::string_view text)
{
    if (text == "last") return MonthEnd();
    if (text.empty() || text.size() > 2 || text[0] < '1' || text[0] > '9') return std::nullopt;
    int v = text[0] - '0';
    if (text.size() == 2) {
        if (text[1] < '0' || text[1] > '9') return std::nullopt;
        v = v * 10 + (text[1] - '0');
    }
    return FromDay(v);
}

std::string UnifiedExpiryDay::str() const { return isMonthEnd() ? "last" : std::to_string(day_); }

LocalDate NextUnifiedDate(LocalDate onOrAfter, UnifiedExpiryDay u)
{
    const int y = onOrAfter.year(), m = onOrAfter.month();
    const int here = u.dayIn(y, m);
    if (onOrAfter.day() <= here) return *LocalDate::FromYmd(y, m, here);
    if (y == 9999 && m == 12) return LocalDate::Max();      // no next month in the calendar: saturate
    const LocalDate next = AddMonthsImpl(onOrAfter, 1, 1);  // first of next month
    return *LocalDate::FromYmd(next.year(), next.month(), u.dayIn(next.year(), next.month()));
}

int64_t ExtraDaysInclusive(LocalDate end, LocalDate aligned) { return aligned.daysSinceEpoch() - end.daysSinceEpoch(); }

}  // namespace qd
