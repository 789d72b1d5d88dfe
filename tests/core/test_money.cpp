// Tests for core/model/money.h (docs/rules.md §1 money rules, §6 `rounding` and `refund_split`).
//
// Synopsis of what is tested:
//   enum class Rounding { HalfUp, Truncate };           ParseRounding / RoundingName
//   class Money {                                         integer fen in int64, never a float
//     FromFen, fen, isZero/isNegative/isPositive, abs, + - += -= * unary-, == <=>
//     str()      "279.41" "-3.00" "0.00"
//     display()  "¥1,234.56" "-¥1,234.56"
//   };
//   CheckedAdd / CheckedMul                               nullopt on int64 overflow
//   MoneyParse ParseMoney(lexeme)                         JSON number grammar, <= 2 significant decimals
//   MoneyParse ParseMoneyRounded(lexeme, Rounding)        any decimals, rounded to the fen
//   Money MulDiv(m, num, den, Rounding)                   exact 128-bit m*num/den
//   Money Percent(m, percent, Rounding)
//   std::vector<Money> SplitProportional(total, weights)  floor shares, leftover fen to [0]
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/model/money.h"

using qd::Money;
using qd::MoneyParse;
using qd::Rounding;

// Show amounts in failure messages.
namespace doctest {
template <>
struct StringMaker<qd::Money> {
    static String convert(qd::Money m) { return m.str().c_str(); }
};
}  // namespace doctest

namespace {

constexpr Money F(int64_t fen) { return Money::FromFen(fen); }

// Independent reference for rounding an integer count of thousandths (or any 10^k units) to fen:
// v / unit with the given rule, written differently from the implementation (floor-based).
int64_t RefRound(int64_t v, int64_t unit, Rounding r)
{
    const int64_t mag = v < 0 ? -v : v;
    int64_t q = 0;
    if (r == Rounding::Truncate) {
        q = mag / unit;
    } else {
        q = (2 * mag + unit) / (2 * unit);  // floor(mag/unit + 1/2): a half goes up (away from zero)
    }
    return v < 0 ? -q : q;
}

// "-1.234" from a count of thousandths.
std::string Thousandths(int64_t v)
{
    const int64_t mag = v < 0 ? -v : v;
    std::string frac = std::to_string(mag % 1000);
    while (frac.size() < 3) frac.insert(frac.begin(), '0');
    return (v < 0 ? "-" : "") + std::to_string(mag / 1000) + "." + frac;
}

}  // namespace

// ---- compile-time properties --------------------------------------------------------------------
static_assert(sizeof(Money) == sizeof(int64_t));
static_assert(Money().fen() == 0);
static_assert(F(27941).fen() == 27941);
static_assert(F(100) + F(250) == F(350));
static_assert(F(100) - F(250) == F(-150));
static_assert(-F(5) == F(-5));
static_assert(F(333) * 3 == F(999) && 3 * F(333) == F(999));
static_assert(F(1) < F(2) && F(-1) < F(0) && F(7) >= F(7));
static_assert(F(-1).isNegative() && !F(0).isNegative() && F(0).isZero() && F(1).isPositive());
static_assert(F(-42).abs() == F(42) && F(42).abs() == F(42));
static_assert([] {
    Money m = F(10);
    m += F(5);
    m -= F(3);
    m *= 2;
    return m;
}() == F(24));
static_assert(Money::kMaxParsedFen == 999'999'999'999'999);

TEST_SUITE("money")
{
    TEST_CASE("rounding names (docs/rules.md §6 rounding: half_up | truncate)")
    {
        CHECK(qd::ParseRounding("half_up") == Rounding::HalfUp);
        CHECK(qd::ParseRounding("truncate") == Rounding::Truncate);
        CHECK_FALSE(qd::ParseRounding("HALF_UP").has_value());
        CHECK_FALSE(qd::ParseRounding("").has_value());
        CHECK_FALSE(qd::ParseRounding("half_even").has_value());
        CHECK(qd::RoundingName(Rounding::HalfUp) == "half_up");
        CHECK(qd::RoundingName(Rounding::Truncate) == "truncate");
    }

    TEST_CASE("str(): exactly 2 decimals, no separators (docs/rules.md §1 output)")
    {
        CHECK(F(0).str() == "0.00");
        CHECK(F(1).str() == "0.01");
        CHECK(F(10).str() == "0.10");
        CHECK(F(27941).str() == "279.41");
        CHECK(F(-300).str() == "-3.00");
        CHECK(F(-1).str() == "-0.01");
        CHECK(F(123456789).str() == "1234567.89");
        CHECK(F(std::numeric_limits<int64_t>::max()).str() == "92233720368547758.07");
        CHECK(F(std::numeric_limits<int64_t>::min()).str() == "-92233720368547758.08");
    }

    TEST_CASE("display(): ¥ and thousands separators (docs/rules.md §1 UI form)")
    {
        CHECK(F(0).display() == "¥0.00");
        CHECK(F(99999).display() == "¥999.99");
        CHECK(F(100000).display() == "¥1,000.00");
        CHECK(F(123456).display() == "¥1,234.56");
        CHECK(F(12345678).display() == "¥123,456.78");
        CHECK(F(123456789).display() == "¥1,234,567.89");
        CHECK(F(100000000000).display() == "¥1,000,000,000.00");
        CHECK(F(-123456).display() == "-¥1,234.56");
        CHECK(F(-5).display() == "-¥0.05");
        CHECK(F(-99999).display() == "-¥999.99");
        CHECK(F(std::numeric_limits<int64_t>::min()).display() == "-¥92,233,720,368,547,758.08");
        // Separators appear exactly every 3 digits of the integer part, for every digit count.
        int64_t yuan = 0;
        for (int digits = 1; digits <= 17; ++digits) {
            yuan = yuan * 10 + digits % 10;
            const std::string plain = std::to_string(yuan);
            std::string expected;
            for (std::size_t i = 0; i < plain.size(); ++i) {
                if (i > 0 && (plain.size() - i) % 3 == 0) expected += ',';
                expected += plain[i];
            }
            CHECK(F(yuan * 100 + 7).display() == "¥" + expected + ".07");
        }
    }

    TEST_CASE("checked arithmetic")
    {
        const int64_t max = std::numeric_limits<int64_t>::max();
        const int64_t min = std::numeric_limits<int64_t>::min();
        CHECK(qd::CheckedAdd(F(1), F(2)) == F(3));
        CHECK(qd::CheckedAdd(F(max), F(0)) == F(max));
        CHECK_FALSE(qd::CheckedAdd(F(max), F(1)).has_value());
        CHECK_FALSE(qd::CheckedAdd(F(min), F(-1)).has_value());
        CHECK(qd::CheckedAdd(F(min), F(max)) == F(-1));
        CHECK(qd::CheckedMul(F(333), 3) == F(999));
        CHECK(qd::CheckedMul(F(-333), -3) == F(999));
        CHECK_FALSE(qd::CheckedMul(F(max / 2 + 1), 2).has_value());
        CHECK_FALSE(qd::CheckedMul(F(min), -1).has_value());
        CHECK(qd::CheckedMul(F(min), 1) == F(min));
    }

    TEST_CASE("ParseMoney: accepted forms (docs/rules.md §1: amounts read exactly from the JSON text)")
    {
        struct Row {
            const char* text;
            int64_t fen;
        };
        const Row rows[] = {
            {"0", 0},
            {"-0", 0},
            {"0.00", 0},
            {"-0.00", 0},
            {"0.0", 0},
            {"279.41", 27941},
            {"22.2", 2220},
            {"22.20", 2220},
            {"1", 100},
            {"-3", -300},
            {"-0.5", -50},
            {"0.01", 1},
            {"-0.01", -1},
            {"10", 1000},
            {"1234567.89", 123456789},
            // trailing zeros beyond 2 decimals: accepted, the value is exact
            {"1.230", 123},
            {"1.2300000000", 123},
            {"0.000", 0},
            {"5.000000000000000000000000", 500},
            // exponents move the decimal point exactly (JSON allows e, E, e+, e-)
            {"1e2", 10000},
            {"1E2", 10000},
            {"1e+2", 10000},
            {"1.5e2", 15000},
            {"1.5E+2", 15000},
            {"25e-2", 25},
            {"1e-2", 1},
            {"-1e-2", -1},
            {"1.234e1", 1234},
            {"12300e-4", 123},
            {"0e0", 0},
            {"0e999999999999999999999", 0},
            {"0.0e-5", 0},
            {"100e-4", 1},
            {"1e0", 100},
            {"1e00", 100},
            {"1.00e-2", 1},
            {"1e12", 100000000000000},
            {"123456789012.34e1", 123456789012340},
            // the parse limit itself
            {"9999999999999.99", 999999999999999},
            {"-9999999999999.99", -999999999999999},
            {"999999999999999e-2", 999999999999999},
        };
        for (const Row& row : rows) {
            CAPTURE(row.text);
            const MoneyParse p = qd::ParseMoney(row.text);
            CHECK(p.ok);
            CHECK(static_cast<bool>(p));
            CHECK(p.error.empty());
            CHECK(p.value.fen() == row.fen);
        }
    }

    TEST_CASE("ParseMoney: rejected forms with readable errors (docs/architecture.md §5 over-precise money)")
    {
        struct Row {
            const char* text;
            const char* error;
        };
        const Row rows[] = {
            // syntax: JSON number grammar only
            {"", "expected an amount like 279.41, got "},
            {"+1", "expected an amount like 279.41, got +1"},
            {"1.", "expected an amount like 279.41, got 1."},
            {".5", "expected an amount like 279.41, got .5"},
            {"-", "expected an amount like 279.41, got -"},
            {"-.5", "expected an amount like 279.41, got -.5"},
            {"01", "expected an amount like 279.41, got 01"},
            {"00.5", "expected an amount like 279.41, got 00.5"},
            {"-01.00", "expected an amount like 279.41, got -01.00"},
            {"NaN", "expected an amount like 279.41, got NaN"},
            {"nan", "expected an amount like 279.41, got nan"},
            {"Infinity", "expected an amount like 279.41, got Infinity"},
            {"-Infinity", "expected an amount like 279.41, got -Infinity"},
            {" 1", "expected an amount like 279.41, got  1"},
            {"1 ", "expected an amount like 279.41, got 1 "},
            {"1,000.00", "expected an amount like 279.41, got 1,000.00"},
            {"1e", "expected an amount like 279.41, got 1e"},
            {"1e+", "expected an amount like 279.41, got 1e+"},
            {"1e-", "expected an amount like 279.41, got 1e-"},
            {"1.e2", "expected an amount like 279.41, got 1.e2"},
            {"e2", "expected an amount like 279.41, got e2"},
            {"0x10", "expected an amount like 279.41, got 0x10"},
            {"1.2.3", "expected an amount like 279.41, got 1.2.3"},
            {"--1", "expected an amount like 279.41, got --1"},
            {"¥1.00", "expected an amount like 279.41, got ¥1.00"},
            {"1.00¥", "expected an amount like 279.41, got 1.00¥"},
            {"12abc", "expected an amount like 279.41, got 12abc"},
            // precision: a non-zero digit below the fen
            {"1.234", "expected an amount with at most 2 decimals, got 1.234"},
            {"0.001", "expected an amount with at most 2 decimals, got 0.001"},
            {"-0.005", "expected an amount with at most 2 decimals, got -0.005"},
            {"512.12456789", "expected an amount with at most 2 decimals, got 512.12456789"},
            {"1e-3", "expected an amount with at most 2 decimals, got 1e-3"},
            {"1.5e-2", "expected an amount with at most 2 decimals, got 1.5e-2"},
            {"1e-99999999999999999999", "expected an amount with at most 2 decimals, got 1e-99999999999999999999"},
            // range: above 9,999,999,999,999.99, never undefined behaviour
            {"10000000000000", "amount too large (at most 9,999,999,999,999.99), got 10000000000000"},
            {"-10000000000000", "amount too large (at most 9,999,999,999,999.99), got -10000000000000"},
            {"1e13", "amount too large (at most 9,999,999,999,999.99), got 1e13"},
            {"1e400", "amount too large (at most 9,999,999,999,999.99), got 1e400"},
            {"1e99999999999999999999999",
             "amount too large (at most 9,999,999,999,999.99), got 1e99999999999999999999999"},
            {"92233720368547758.07", "amount too large (at most 9,999,999,999,999.99), got 92233720368547758.07"},
            {"99999999999999999999999999999999",
             "amount too large (at most 9,999,999,999,999.99), got 99999999999999999999999999999999"},
            {"99999999999999999999999999999999999999999999",
             "amount too large (at most 9,999,999,999,999.99), got 9999999999999999999999999999999999999999..."},
        };
        for (const Row& row : rows) {
            CAPTURE(row.text);
            const MoneyParse p = qd::ParseMoney(row.text);
            CHECK_FALSE(p.ok);
            CHECK_FALSE(static_cast<bool>(p));
            CHECK(p.value == Money());
            CHECK(p.error == row.error);
        }
    }

    TEST_CASE("ParseMoney: every amount -1000.00..1000.00 round-trips through str() (docs/rules.md §1)")
    {
        int64_t bad = 0;
        for (int64_t fen = -100000; fen <= 100000; ++fen) {
            const MoneyParse p = qd::ParseMoney(F(fen).str());
            if (!p.ok || p.value.fen() != fen) ++bad;
        }
        CHECK(bad == 0);
        // Large values, each digit count, both signs.
        int64_t v = 0;
        for (int digits = 1; digits <= 15; ++digits) {
            v = v * 10 + digits % 9 + 1;
            for (int64_t s : {int64_t{1}, int64_t{-1}}) {
                CAPTURE(v * s);
                const MoneyParse p = qd::ParseMoney(F(v * s).str());
                CHECK(p.ok);
                CHECK(p.value.fen() == v * s);
            }
        }
    }

    TEST_CASE("ParseMoney: exponent forms agree with the plain decimal for every fen 0..20000")
    {
        int64_t bad = 0;
        for (int64_t fen = 0; fen <= 20000; ++fen) {
            const std::string digits = std::to_string(fen);
            // fen e-2 == fen/100; fen*10 e-3 == fen/100; (fen) e0 .. as yuan*100
            if (qd::ParseMoney(digits + "e-2").value.fen() != fen) ++bad;
            if (qd::ParseMoney(digits + "0E-3").value.fen() != fen) ++bad;
            if (qd::ParseMoney("-" + digits + "e-2").value.fen() != -fen) ++bad;
            if (qd::ParseMoney(digits + "e+0").value.fen() != fen * 100) ++bad;
            if (qd::ParseMoney(F(fen).str() + "e1").value.fen() != fen * 10) ++bad;
        }
        CHECK(bad == 0);
    }

    TEST_CASE("ParseMoney: the plain forms (read straight into fen) agree with the general reading")
    {
        // money.cpp reads -?(0|[1-9][0-9]{0,12})(.[0-9]{1,2})? directly and everything else through the
        // general parser: the same amount written both ways must give the same result, at every length
        // of the yuan digits up to the limit and one past it (docs/performance.md).
        int64_t bad = 0;
        int64_t yuan = 0;
        for (int digits = 1; digits <= 14; ++digits) {
            yuan = yuan * 10 + digits % 10;  // 1, 12, 123, ..., 12345678901234
            for (const int cents : {0, 5, 10, 99}) {
                for (const bool negative : {false, true}) {
                    const std::string sign = negative ? "-" : "";
                    const std::string y = std::to_string(yuan);
                    const std::string c2 =
                        std::string(1, static_cast<char>('0' + cents / 10)) + static_cast<char>('0' + cents % 10);
                    const std::vector<std::pair<std::string, std::string>> pairs = {
                        {sign + y + "." + c2, sign + y + c2 + "e-2"},
                        {sign + y, sign + y + "00e-2"},
                        {sign + y + "." + c2.substr(0, 1), sign + y + c2.substr(0, 1) + "e-1"},
                    };
                    for (const auto& [plain, general] : pairs) {
                        const MoneyParse a = qd::ParseMoney(plain), b = qd::ParseMoney(general);
                        if (a.ok != b.ok || a.value != b.value) {
                            ++bad;
                            MESSAGE(plain << " vs " << general);
                        }
                        if (a.ok != (digits <= 13)) ++bad;  // 9,999,999,999,999.99 is the largest amount
                    }
                }
            }
        }
        CHECK(bad == 0);
        CHECK(qd::ParseMoney("9999999999999.99").value.fen() == Money::kMaxParsedFen);
        CHECK(qd::ParseMoney("-9999999999999.99").value.fen() == -Money::kMaxParsedFen);
        CHECK_FALSE(qd::ParseMoney("10000000000000.00").ok);
        CHECK(qd::ParseMoney("-0").value.fen() == 0);
        CHECK(qd::ParseMoney("0.5").value.fen() == 50);
        CHECK(qd::ParseMoney("0.05").value.fen() == 5);
        // Not plain, read the general way with its messages: leading zeros, a bare point, 3 decimals.
        for (const char* text : {"01", "00.5", "1.", ".5", "-", "-.5", "1.234", "1.2.3", "+1", "1 "}) {
            CAPTURE(text);
            CHECK_FALSE(qd::ParseMoney(text).ok);
        }
        CHECK(qd::ParseMoney("1.500").value.fen() == 150);  // trailing zeros: general path, still exact
    }

    TEST_CASE("ParseMoney vs ParseMoneyRounded: every 3-decimal amount -20.000..20.000 (docs/rules.md §6 rounding)")
    {
        // Strict accepts exactly the multiples of 0.01; rounded mode follows the reference rule.
        int64_t bad = 0;
        for (int64_t milli = -20000; milli <= 20000; ++milli) {
            const std::string text = Thousandths(milli);
            const MoneyParse strict = qd::ParseMoney(text);
            if (strict.ok != (milli % 10 == 0)) ++bad;
            if (strict.ok && strict.value.fen() != milli / 10) ++bad;
            const MoneyParse up = qd::ParseMoneyRounded(text, Rounding::HalfUp);
            const MoneyParse cut = qd::ParseMoneyRounded(text, Rounding::Truncate);
            if (!up.ok || up.value.fen() != RefRound(milli, 10, Rounding::HalfUp)) ++bad;
            if (!cut.ok || cut.value.fen() != RefRound(milli, 10, Rounding::Truncate)) ++bad;
        }
        CHECK(bad == 0);
    }

    TEST_CASE("ParseMoneyRounded: rounding table incl. negatives and .005 boundaries (docs/rules.md §6 rounding)")
    {
        struct Row {
            const char* text;
            int64_t halfUp;
            int64_t truncate;
        };
        const Row rows[] = {
            {"512.12456789", 51212, 51212},  // docs/rules.md §1: 抹零 512.12456789 -> 512.12
            {"0.005", 1, 0},                 // half a fen goes up
            {"0.0049999999", 0, 0},
            {"0.0050000000", 1, 0},
            {"0.0050000001", 1, 0},
            {"-0.005", -1, 0},  // half-up is away from zero for negatives
            {"-0.0049", 0, 0},
            {"-0.015", -2, -1},
            {"1.995", 200, 199},
            {"-1.995", -200, -199},
            {"0.015", 2, 1},
            {"0.025", 3, 2},      // no banker's rounding
            {"2.675", 268, 267},  // the classic binary-float trap is exact here
            {"1.005", 101, 100},
            {"0.001", 0, 0},
            {"0.009", 1, 0},
            {"-0.009", -1, 0},
            {"279.41", 27941, 27941},  // exact values are untouched
            {"5e-3", 1, 0},            // exponent + rounding
            {"4.9e-3", 0, 0},
            {"12345e-5", 12, 12},
            {"12355e-5", 12, 12},
            {"125e-4", 1, 1},
            {"1e-400", 0, 0},  // tiny: first dropped digit is an implied 0
            {"5e-400", 0, 0},
            {"9999999999999.994", 999999999999999, 999999999999999},
            {"0.999", 100, 99},
        };
        for (const Row& row : rows) {
            CAPTURE(row.text);
            const MoneyParse up = qd::ParseMoneyRounded(row.text, Rounding::HalfUp);
            const MoneyParse cut = qd::ParseMoneyRounded(row.text, Rounding::Truncate);
            CHECK(up.ok);
            CHECK(cut.ok);
            CHECK(up.value.fen() == row.halfUp);
            CHECK(cut.value.fen() == row.truncate);
        }
        // The range check applies to the rounded value.
        const MoneyParse over = qd::ParseMoneyRounded("9999999999999.995", Rounding::HalfUp);
        CHECK_FALSE(over.ok);
        CHECK(over.error == "amount too large (at most 9,999,999,999,999.99), got 9999999999999.995");
        CHECK(qd::ParseMoneyRounded("9999999999999.995", Rounding::Truncate).value.fen() == 999999999999999);
        CHECK_FALSE(qd::ParseMoneyRounded("1e20", Rounding::Truncate).ok);
        // Same grammar as the strict parser.
        for (const char* bad : {"", "+1", "1.", ".5", "NaN", " 1", "01"}) {
            CAPTURE(bad);
            const MoneyParse p = qd::ParseMoneyRounded(bad, Rounding::HalfUp);
            CHECK_FALSE(p.ok);
            CHECK(p.error == std::string("expected an amount like 279.41, got ") + bad);
        }
    }

    TEST_CASE("ParseMoneyRounded: 5-decimal amounts 0.00000..0.20000 against the reference")
    {
        int64_t bad = 0;
        for (int64_t v = -20000; v <= 20000; ++v) {  // units of 10^-5 CNY
            const std::string text = std::to_string(v) + "e-5";
            for (Rounding r : {Rounding::HalfUp, Rounding::Truncate}) {
                const MoneyParse p = qd::ParseMoneyRounded(text, r);
                if (!p.ok || p.value.fen() != RefRound(v, 1000, r)) ++bad;
            }
        }
        CHECK(bad == 0);
    }

    TEST_CASE("MulDiv: exhaustive small table against the reference (docs/rules.md consumed, day price)")
    {
        int64_t bad = 0;
        for (int64_t m = -300; m <= 300; ++m)
            for (int64_t num = -12; num <= 40; ++num)
                for (int64_t den = 1; den <= 40; ++den)
                    for (Rounding r : {Rounding::HalfUp, Rounding::Truncate}) {
                        // m*num/den == (m*num) in units of 1/den; the reference rounds that count.
                        if (qd::MulDiv(F(m), num, den, r).fen() != RefRound(m * num, den, r)) ++bad;
                    }
        CHECK(bad == 0);
    }

    TEST_CASE("MulDiv: rule examples and large values")
    {
        // docs/rules.md: consumed = paid * used hours / ordered hours (both whole hours)
        CHECK(qd::MulDiv(F(100000), 100, 720, Rounding::HalfUp) ==
              F(13889));  // 1000.00 * 100/720 = 138.888.. -> 138.89
        CHECK(qd::MulDiv(F(100000), 100, 720, Rounding::Truncate) == F(13888));
        // docs/rules.md §6 day_price month_div_30: 99.00 / 30 * 16 days = 52.80
        CHECK(qd::MulDiv(F(9900), 16, 30, Rounding::HalfUp) == F(5280));
        CHECK(qd::MulDiv(F(10000), 1, 3, Rounding::HalfUp) == F(3333));
        CHECK(qd::MulDiv(F(10000), 2, 3, Rounding::HalfUp) == F(6667));
        CHECK(qd::MulDiv(F(10000), 2, 3, Rounding::Truncate) == F(6666));
        CHECK(qd::MulDiv(F(1), 1, 2, Rounding::HalfUp) == F(1));    // exactly half a fen -> up
        CHECK(qd::MulDiv(F(-1), 1, 2, Rounding::HalfUp) == F(-1));  // ... away from zero
        CHECK(qd::MulDiv(F(1), 1, 2, Rounding::Truncate) == F(0));
        CHECK(qd::MulDiv(F(-1), 1, 2, Rounding::Truncate) == F(0));
        CHECK(qd::MulDiv(F(7), 3, -2, Rounding::Truncate) == F(-10));  // negative den flips the sign
        CHECK(qd::MulDiv(F(-7), -3, -2, Rounding::HalfUp) == F(-11));
        CHECK(qd::MulDiv(F(12345), 0, 7, Rounding::HalfUp) == F(0));
        CHECK(qd::MulDiv(F(12345), 5, 0, Rounding::HalfUp) == F(0));  // den == 0: caller bug, defined result
        // No intermediate overflow: m up to 10^15 fen, num and den up to 10^9.
        const int64_t big = 1'000'000'000'000'000;
        const int64_t g = 1'000'000'000;
        CHECK(qd::MulDiv(F(big), g, g, Rounding::HalfUp) == F(big));
        CHECK(qd::MulDiv(F(big), g - 1, g, Rounding::Truncate) == F(big - 1'000'000));
        // (10^15-1)(1-10^-9) = 999999998999999.000000001
        CHECK(qd::MulDiv(F(big - 1), g - 1, g, Rounding::Truncate) == F(999'999'998'999'999));
        CHECK(qd::MulDiv(F(big - 1), g - 1, g, Rounding::HalfUp) == F(999'999'998'999'999));
        CHECK(qd::MulDiv(F(-big), 1, g, Rounding::HalfUp) == F(-1'000'000));
        CHECK(qd::MulDiv(F(big), 3, g, Rounding::HalfUp) == F(3'000'000));
        // Extreme int64 arguments: exact intermediates, result saturates.
        const int64_t max = std::numeric_limits<int64_t>::max();
        const int64_t min = std::numeric_limits<int64_t>::min();
        CHECK(qd::MulDiv(F(max), max, max, Rounding::HalfUp) == F(max));
        CHECK(qd::MulDiv(F(min), min, min, Rounding::HalfUp) == F(min));
        CHECK(qd::MulDiv(F(max), 2, 1, Rounding::HalfUp) == F(max));
        CHECK(qd::MulDiv(F(max), -2, 1, Rounding::HalfUp) == F(min));
        CHECK(qd::MulDiv(F(min), -1, 1, Rounding::HalfUp) == F(max));
        CHECK(qd::MulDiv(F(min), 1, 2, Rounding::HalfUp) == F(min / 2));
    }

    TEST_CASE("Percent (docs/rules.md §6 fee_table: percent of the paid amount)")
    {
        CHECK(qd::Percent(F(100000), 10, Rounding::HalfUp) == F(10000));
        CHECK(qd::Percent(F(12345), 10, Rounding::HalfUp) == F(1235));  // 12.345 -> 12.35
        CHECK(qd::Percent(F(12345), 10, Rounding::Truncate) == F(1234));
        CHECK(qd::Percent(F(12345), 15, Rounding::HalfUp) == F(1852));  // 18.5175 -> 18.52
        CHECK(qd::Percent(F(12345), 5, Rounding::HalfUp) == F(617));    // 6.1725 -> 6.17
        CHECK(qd::Percent(F(-12345), 10, Rounding::HalfUp) == F(-1235));
        CHECK(qd::Percent(F(12345), 0, Rounding::HalfUp) == F(0));
        CHECK(qd::Percent(F(12345), 100, Rounding::HalfUp) == F(12345));
        int64_t bad = 0;
        for (int64_t m = -2000; m <= 2000; ++m)
            for (int p = 0; p <= 100; ++p)
                for (Rounding r : {Rounding::HalfUp, Rounding::Truncate})
                    if (qd::Percent(F(m), p, r).fen() != RefRound(m * p, 100, r)) ++bad;
        CHECK(bad == 0);
    }

    TEST_CASE("SplitProportional: examples (docs/rules.md §6 refund_split: leftover fen to cash)")
    {
        using V = std::vector<Money>;
        CHECK(qd::SplitProportional(F(1000), V{F(1), F(1), F(1)}) == V{F(334), F(333), F(333)});
        CHECK(qd::SplitProportional(F(1000), V{F(0), F(1), F(1)}) == V{F(0), F(500), F(500)});
        // leftover to [0] even with weight 0
        CHECK(qd::SplitProportional(F(1001), V{F(0), F(1), F(1)}) == V{F(1), F(500), F(500)});
        CHECK(qd::SplitProportional(F(10000), V{F(6000), F(3000), F(1000)}) == V{F(6000), F(3000), F(1000)});
        CHECK(qd::SplitProportional(F(5000), V{F(6000), F(3000), F(1000)}) == V{F(3000), F(1500), F(500)});
        CHECK(qd::SplitProportional(F(1), V{F(1), F(1), F(1)}) == V{F(1), F(0), F(0)});
        CHECK(qd::SplitProportional(F(2), V{F(1), F(1), F(1)}) == V{F(2), F(0), F(0)});
        CHECK(qd::SplitProportional(F(0), V{F(1), F(2)}) == V{F(0), F(0)});
        CHECK(qd::SplitProportional(F(777), V{F(0), F(0), F(0)}) ==
              V{F(777), F(0), F(0)});                                             // all zero -> everything to [0]
        CHECK(qd::SplitProportional(F(777), V{F(-5), F(0)}) == V{F(777), F(0)});  // negative weight counts as 0
        CHECK(qd::SplitProportional(F(777), V{F(-5), F(5)}) == V{F(0), F(777)});
        CHECK(qd::SplitProportional(F(777), V{F(42)}) == V{F(777)});
        CHECK(qd::SplitProportional(F(777), V{}).empty());
        CHECK(qd::SplitProportional(F(-1000), V{F(1), F(1), F(1)}) ==
              V{F(-334), F(-333), F(-333)});  // sign follows total
        const int64_t max = std::numeric_limits<int64_t>::max();
        const V huge = qd::SplitProportional(F(max), V{F(max), F(max), F(max)});
        CHECK(huge[1] == F(max / 3));
        CHECK(huge[0] + huge[1] + huge[2] == F(max));
    }

    TEST_CASE("SplitProportional: exhaustive invariants (sum exact, floor shares, leftover < count)")
    {
        int64_t bad = 0;
        const std::vector<std::vector<int64_t>> weightSets = {
            {1},
            {0},
            {1, 1},
            {1, 2},
            {2, 1},
            {0, 5},
            {5, 0},
            {1, 1, 1},
            {3, 0, 7},
            {0, 0, 1},
            {10, 20, 30},
            {9999, 1, 1},
            {1, 9999, 1},
            {33, 33, 34},
            {7, 11, 13, 17},
            {0, 0, 0},
            {100000, 1, 0, 50},
        };
        for (const auto& ws : weightSets) {
            std::vector<Money> weights;
            int64_t sum = 0;
            for (int64_t w : ws) {
                weights.push_back(F(w));
                sum += w;
            }
            for (int64_t total = -1500; total <= 1500; ++total) {
                const std::vector<Money> parts = qd::SplitProportional(F(total), weights);
                if (parts.size() != weights.size()) {
                    ++bad;
                    continue;
                }
                Money got;
                for (Money p : parts) got += p;
                if (got != F(total)) ++bad;
                const int64_t mag = total < 0 ? -total : total;
                int64_t floors = 0;
                for (std::size_t k = 0; k < ws.size(); ++k) {
                    const int64_t expected = sum == 0 ? 0 : mag * ws[k] / sum;
                    floors += expected;
                    const int64_t share = total < 0 ? -parts[k].fen() : parts[k].fen();
                    if (k > 0 && share != expected) ++bad;
                }
                const int64_t first = total < 0 ? -parts[0].fen() : parts[0].fen();
                const int64_t leftover = mag - floors;
                if (first != (sum == 0 ? 0 : mag * ws[0] / sum) + leftover) ++bad;  // all-zero weights: leftover == mag
                if (sum != 0 && leftover >= static_cast<int64_t>(ws.size())) ++bad;
            }
        }
        CHECK(bad == 0);
    }

}  // TEST_SUITE
