// money.cpp: parsing, formatting and exact 128-bit arithmetic for qd::Money (see money.h).
#include "core/model/money.h"

#include "core/model/diagnostics.h"

#include <cstddef>
#include <limits>
#include <optional>

namespace qd {

namespace {

__extension__ typedef __int128 i128;  // gcc and clang (incl. emscripten) both provide it
__extension__ typedef unsigned __int128 u128;

constexpr int64_t kInt64Max = std::numeric_limits<int64_t>::max();
constexpr int64_t kInt64Min = std::numeric_limits<int64_t>::min();

// |v| as unsigned, defined for INT64_MIN too.
uint64_t Magnitude(int64_t v) { return v < 0 ? 0 - static_cast<uint64_t>(v) : static_cast<uint64_t>(v); }

// Saturating narrowing of a 128-bit fen count.
int64_t Saturate(i128 v)
{
    if (v > static_cast<i128>(kInt64Max)) return kInt64Max;
    if (v < static_cast<i128>(kInt64Min)) return kInt64Min;
    return static_cast<int64_t>(v);
}

// Quote user text in an error message, cut to a readable length.
std::string Shown(std::string_view s, std::size_t limit = 40) { return Excerpt(s, limit); }

std::string FormatFen(int64_t fen, bool separators, std::string_view prefix)
{
    const uint64_t mag = Magnitude(fen);
    const uint64_t yuan = mag / 100;
    const unsigned cents = static_cast<unsigned>(mag % 100);
    std::string digits = std::to_string(yuan);
    std::string out;
    out.reserve(digits.size() + digits.size() / 3 + 8);
    if (fen < 0) out += '-';
    out += prefix;
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (separators && i > 0 && (digits.size() - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    out += '.';
    out += static_cast<char>('0' + cents / 10);
    out += static_cast<char>('0' + cents % 10);
    return out;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

MoneyParse Fail(std::string what, std::string_view lexeme)
{
    MoneyParse r;
    r.error = std::move(what) + ", got " + Shown(lexeme);
    return r;
}

// The amounts files hold almost always: -?(0|[1-9][0-9]{0,12})(.[0-9]{1,2})?, at most 13 digits of
// yuan, so always within kMaxParsedFen and never rounded. Read straight into fen (the loader reads
// five amounts per order: docs/performance.md "Where the remaining time goes"); anything else
// (an exponent, more decimals, an error) answers nullopt and goes through Parse below, whose result
// is the same for every text this one takes.
std::optional<int64_t> PlainFen(std::string_view s)
{
    std::size_t i = 0;
    const std::size_t n = s.size();
    const bool negative = n > 0 && s[0] == '-';
    if (negative) ++i;
    if (i >= n || !IsDigit(s[i])) return std::nullopt;
    int64_t yuan = 0;
    if (s[i] == '0') {
        ++i;
    } else {
        const std::size_t from = i;
        while (i < n && IsDigit(s[i])) {
            if (i - from == 13) return std::nullopt;  // before a 14th digit: yuan stays far from overflowing
            yuan = yuan * 10 + (s[i++] - '0');
        }
    }
    int64_t cents = 0;
    if (i < n && s[i] == '.') {
        ++i;
        if (i >= n || !IsDigit(s[i])) return std::nullopt;
        cents = (s[i++] - '0') * 10;
        if (i < n && IsDigit(s[i])) cents += s[i++] - '0';
    }
    if (i != n) return std::nullopt;
    const int64_t fen = yuan * 100 + cents;
    return negative ? -fen : fen;
}

// Shared parser. strict: any non-zero digit below the fen is an error; otherwise rounded with `mode`.
MoneyParse Parse(std::string_view s, bool strict, Rounding mode)
{
    if (const std::optional<int64_t> fen = PlainFen(s)) return MoneyParse{true, Money::FromFen(*fen), {}};
    // ---- grammar: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
    std::size_t i = 0;
    const std::size_t n = s.size();
    bool negative = false;
    if (i < n && s[i] == '-') {
        negative = true;
        ++i;
    }
    const std::size_t intBegin = i;
    if (i < n && s[i] == '0') {
        ++i;
    } else if (i < n && s[i] >= '1' && s[i] <= '9') {
        while (i < n && IsDigit(s[i])) ++i;
    } else {
        return Fail("expected an amount like 279.41", s);
    }
    const std::size_t intEnd = i;
    std::size_t fracBegin = i, fracEnd = i;
    if (i < n && s[i] == '.') {
        ++i;
        fracBegin = i;
        while (i < n && IsDigit(s[i])) ++i;
        fracEnd = i;
        if (fracEnd == fracBegin) return Fail("expected an amount like 279.41", s);
    }
    int64_t exponent = 0;  // clamped to +-10^12: far beyond anything that can still be in range
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        bool expNegative = false;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            expNegative = s[i] == '-';
            ++i;
        }
        const std::size_t expBegin = i;
        while (i < n && IsDigit(s[i])) {
            if (exponent < 1'000'000'000'000) exponent = exponent * 10 + (s[i] - '0');
            ++i;
        }
        if (i == expBegin) return Fail("expected an amount like 279.41", s);
        if (expNegative) exponent = -exponent;
    }
    if (i != n) return Fail("expected an amount like 279.41", s);

    // ---- value = digits(int ++ frac) * 10^(exponent - fracLen); in fen: * 10^(shift) with shift below.
    std::string digits;
    digits.reserve(intEnd - intBegin + fracEnd - fracBegin);
    digits.append(s.substr(intBegin, intEnd - intBegin));
    digits.append(s.substr(fracBegin, fracEnd - fracBegin));
    int64_t shift = exponent - static_cast<int64_t>(fracEnd - fracBegin) + 2;
    // Drop leading zeros (value unchanged) and trailing zeros (each one raises the shift).
    const std::size_t first = digits.find_first_not_of('0');
    if (first == std::string::npos) return MoneyParse{true, Money(), {}};  // 0, -0.00, 0e999: zero
    const std::size_t last = digits.find_last_not_of('0');
    shift += static_cast<int64_t>(digits.size() - 1 - last);
    digits = digits.substr(first, last - first + 1);  // non-empty, no leading/trailing zeros
    const int64_t len = static_cast<int64_t>(digits.size());

    // Split into the whole-fen part and the dropped part (digits below the fen).
    uint64_t fen = 0;
    bool roundUp = false;
    if (shift >= 0) {
        // fen = digits * 10^shift: more than 15 digits in total is already beyond kMaxParsedFen.
        if (len + shift > 15) return Fail("amount too large (at most 9,999,999,999,999.99)", s);
        for (char c : digits) fen = fen * 10 + static_cast<uint64_t>(c - '0');
        for (int64_t k = 0; k < shift; ++k) fen *= 10;
    } else {
        if (strict) return Fail("expected an amount with at most 2 decimals", s);
        const int64_t keep = len + shift;  // digits at or above the fen; may be <= 0
        if (keep > 15) return Fail("amount too large (at most 9,999,999,999,999.99)", s);
        for (int64_t k = 0; k < keep; ++k)
            fen = fen * 10 + static_cast<uint64_t>(digits[static_cast<std::size_t>(k)] - '0');
        // The first dropped digit decides HalfUp; when keep < 0 it is an implied leading 0.
        const char firstDropped = keep >= 0 ? digits[static_cast<std::size_t>(keep)] : '0';
        roundUp = mode == Rounding::HalfUp && firstDropped >= '5';
    }
    if (roundUp) ++fen;
    if (fen > static_cast<uint64_t>(Money::kMaxParsedFen))
        return Fail("amount too large (at most 9,999,999,999,999.99)", s);
    const int64_t signedFen = static_cast<int64_t>(fen);
    return MoneyParse{true, Money::FromFen(negative ? -signedFen : signedFen), {}};
}

}  // namespace

std::optional<Rounding> ParseRounding(std::string_view name)
{
    if (name == "half_up") return Rounding::HalfUp;
    if (name == "truncate") return Rounding::Truncate;
    return std::nullopt;
}

std::string_view RoundingName(Rounding r) { return r == Rounding::HalfUp ? "half_up" : "truncate"; }

std::string Money::str() const { return FormatFen(fen_, false, ""); }

std::string Money::display() const { return FormatFen(fen_, true, "\xC2\xA5"); }  // U+00A5 YEN SIGN in UTF-8

std::optional<Money> CheckedAdd(Money a, Money b)
{
    const i128 r = static_cast<i128>(a.fen()) + b.fen();
    if (r > kInt64Max || r < kInt64Min) return std::nullopt;
    return Money::FromFen(static_cast<int64_t>(r));
}

std::optional<Money> CheckedMul(Money a, int64_t k)
{
    const i128 r = static_cast<i128>(a.fen()) * k;
    if (r > kInt64Max || r < kInt64Min) return std::nullopt;
    return Money::FromFen(static_cast<int64_t>(r));
}

MoneyParse ParseMoney(std::string_view lexeme) { return Parse(lexeme, true, Rounding::HalfUp); }

MoneyParse ParseMoneyRounded(std::string_view lexeme, Rounding r) { return Parse(lexeme, false, r); }

Money MulDiv(Money m, int64_t num, int64_t den, Rounding r)
{
    if (den == 0) return Money();
    // |m * num| <= 2^126 and |den| <= 2^63: the magnitudes fit in unsigned 128 bits.
    int negatives = 0;
    if (m.fen() < 0) ++negatives;
    if (num < 0) ++negatives;
    if (den < 0) ++negatives;
    const bool negative = negatives % 2 == 1;
    const u128 n = static_cast<u128>(Magnitude(m.fen())) * Magnitude(num);
    const u128 d = Magnitude(den);
    u128 q = n / d;
    const u128 rem = n % d;
    if (r == Rounding::HalfUp && rem != 0 && rem >= d - rem) ++q;  // 2*rem >= d without overflow
    if (q > static_cast<u128>(kInt64Max)) return Money::FromFen(negative ? kInt64Min : kInt64Max);
    const i128 v = static_cast<i128>(q);
    return Money::FromFen(Saturate(negative ? -v : v));
}

Money Percent(Money m, int percent, Rounding r) { return MulDiv(m, percent, 100, r); }

std::vector<Money> SplitProportional(Money total, const std::vector<Money>& weights)
{
    std::vector<Money> out(weights.size());
    if (weights.empty()) return out;
    i128 sum = 0;
    for (Money w : weights)
        if (w.fen() > 0) sum += w.fen();
    const uint64_t mag = Magnitude(total.fen());
    const bool negative = total.isNegative();
    if (sum == 0) {
        out[0] = total;
        return out;
    }
    uint64_t given = 0;
    for (std::size_t k = 0; k < weights.size(); ++k) {
        if (weights[k].fen() <= 0) continue;
        // floor(mag * w / sum) <= mag, so it fits in uint64.
        const uint64_t share = static_cast<uint64_t>(static_cast<u128>(mag) * static_cast<u128>(weights[k].fen()) /
                                                     static_cast<u128>(sum));
        given += share;
        out[k] = Money::FromFen(negative ? static_cast<int64_t>(0 - share) : static_cast<int64_t>(share));
    }
    // Leftover fen (fewer than the number of weights) to index 0.
    const uint64_t leftover = mag - given;
    const i128 first =
        static_cast<i128>(out[0].fen()) + (negative ? -static_cast<i128>(leftover) : static_cast<i128>(leftover));
    out[0] = Money::FromFen(Saturate(first));
    return out;
}

}  // namespace qd
