// money.h: QuoteDesk's money value type (docs/rules.md §1, §6 `rounding`, `refund_split`).
//
// Money is an exact integer count of fen (0.01 CNY) held in an int64_t. There are no floats anywhere:
// amounts enter through ParseMoney / ParseMoneyRounded, which read the exact decimal text (the JSON
// number lexeme, or the content of a JSON string such as "279.41"), and leave through str()
// ("279.41", for files) or display() ("¥1,234.56", for people).
//
//   Money a = Money::FromFen(27941);          // 279.41
//   MoneyParse p = ParseMoney("22.2");        // p.ok, p.value.fen() == 2220
//   if (!p) report(p.error);                  // "expected an amount with at most 2 decimals, got 1.234"
//   Money consumed = MulDiv(paid, usedHours, orderedHours, Rounding::HalfUp);
//   Money fee      = Percent(paid, 10, Rounding::HalfUp);
//   std::vector<Money> parts = SplitProportional(refund, {cash, flexi, card});   // leftover fen -> [0]
//
// Ranges. Parsing accepts |amount| <= Money::kMaxParsedFen (9,999,999,999,999.99 CNY, just under
// 10^15 fen); anything above is the error "amount too large". Because of that bound, sums of up to
// 9,000 parsed amounts cannot overflow, and MulDiv is exact for every parsed amount. Arithmetic
// operators themselves are plain int64 arithmetic and are NOT overflow-checked; use CheckedAdd /
// CheckedMul where an input could be hostile. MulDiv, Percent and SplitProportional compute in 128-bit
// and are exact for all int64 inputs (MulDiv saturates if the result itself does not fit).
//
// Rounding. Rounding::HalfUp rounds a half fen away from zero (0.005 -> 0.01, -0.005 -> -0.01);
// Rounding::Truncate drops the remainder toward zero (512.12456789 -> 512.12, -0.019 -> -0.01), which
// is Huawei's 抹零 rule (docs/rules.md §1).
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace qd {

// Rounding mode to 0.01 (rule profile key `rounding`).
enum class Rounding {
    HalfUp,    // profile "half_up": nearest fen, a half fen goes away from zero (the default)
    Truncate,  // profile "truncate": drop everything below the fen, toward zero (Huawei 抹零)
};

// "half_up" | "truncate" -> mode; anything else -> nullopt
std::optional<Rounding> ParseRounding(std::string_view name);
std::string_view RoundingName(Rounding r);  // HalfUp -> "half_up", Truncate -> "truncate"

// An exact amount of CNY as a whole number of fen. Any int64 value is a valid Money.
class Money {
public:
    // largest |fen| ParseMoney accepts (9,999,999,999,999.99)
    static constexpr int64_t kMaxParsedFen = 999'999'999'999'999;

    constexpr Money() = default;                                        // 0.00
    static constexpr Money FromFen(int64_t fen) { return Money(fen); }  // exact: FromFen(27941) is 279.41
    constexpr int64_t fen() const { return fen_; }                      // the amount in fen (0.01 CNY)

    constexpr bool isZero() const { return fen_ == 0; }     // == 0.00
    constexpr bool isNegative() const { return fen_ < 0; }  // < 0.00
    constexpr bool isPositive() const { return fen_ > 0; }  // > 0.00
    // |amount| (precondition: not INT64_MIN fen)
    constexpr Money abs() const { return Money(fen_ < 0 ? -fen_ : fen_); }

    constexpr Money operator-() const { return Money(-fen_); }  // negation (unchecked)
    // unchecked int64 add
    constexpr Money& operator+=(Money o)
    {
        fen_ += o.fen_;
        return *this;
    }
    // unchecked int64 subtract
    constexpr Money& operator-=(Money o)
    {
        fen_ -= o.fen_;
        return *this;
    }
    // unchecked scale by an integer
    constexpr Money& operator*=(int64_t k)
    {
        fen_ *= k;
        return *this;
    }
    friend constexpr Money operator+(Money a, Money b) { return a += b; }    // a + b
    friend constexpr Money operator-(Money a, Money b) { return a -= b; }    // a - b
    friend constexpr Money operator*(Money a, int64_t k) { return a *= k; }  // a * k (e.g. unit price * quantity)
    friend constexpr Money operator*(int64_t k, Money a) { return a *= k; }  // k * a
    friend constexpr bool operator==(Money, Money) = default;                // equal amounts
    friend constexpr auto operator<=>(Money, Money) = default;               // ordered by amount

    std::string str() const;      // file/wire form, exactly 2 decimals, no separators: "279.41", "-3.00", "0.00"
    std::string display() const;  // UI form: "¥1,234.56", "¥0.00", "-¥1,234.56" (thousands separated by ',')

private:
    explicit constexpr Money(int64_t fen) : fen_(fen) {}
    int64_t fen_ = 0;
};

std::optional<Money> CheckedAdd(Money a, Money b);    // a + b, or nullopt if it would overflow int64 fen
std::optional<Money> CheckedMul(Money a, int64_t k);  // a * k, or nullopt if it would overflow int64 fen

// Result of parsing an amount. ok == true: value holds the amount and error is empty.
// ok == false: value is 0.00 and error is a short English sentence for the user, always ending with
// the offending text as ", got <text>" (text longer than 40 characters is cut and ends in "...").
struct MoneyParse {
    bool ok = false;    // parsed successfully
    Money value;        // the amount (0.00 when !ok)
    std::string error;  // why not, e.g. "expected an amount with at most 2 decimals, got 1.234"
    explicit operator bool() const { return ok; }  // if (auto p = ParseMoney(s)) use(p.value);
};

// Parse an amount written as a JSON number lexeme ("22.2", "1e2", "-0.5", "1.5E+2") or the text of a
// JSON string ("279.41"). The grammar is exactly JSON's number grammar:
//     -? ( 0 | [1-9][0-9]* ) ( . [0-9]+ )? ( [eE] [+-]? [0-9]+ )?
// so "+1", "1.", ".5", "01", " 1", "1 ", "NaN", "Infinity", "1,000", "" are rejected. The exponent is
// applied exactly by moving the decimal point (1.5e2 = 150.00, 25e-2 = 0.25). At most 2 significant
// decimals: "1.234" is an error, but trailing zeros are fine because the value is exact ("1.230",
// "1.2300e1" = 12.30). Negative amounts and "-0" / "-0.00" (= 0.00) are accepted; refusing negative
// money where it makes no sense is the caller's business. Errors (the `error` text):
//   "expected an amount like 279.41, got <text>"             bad syntax or empty
//   "expected an amount with at most 2 decimals, got <text>" a non-zero digit below the fen
//   "amount too large (at most 9,999,999,999,999.99), got <text>"   |value| > kMaxParsedFen
// Integers handed over by a JSON SAX parser as int64/uint64 can go through std::to_string first.
MoneyParse ParseMoney(std::string_view lexeme);

// Same grammar and limits as ParseMoney, but any number of decimals is accepted and the value is
// rounded to the fen with `r` (Huawei raw rating results: 512.12456789 -> 512.12 under Truncate;
// 0.005 -> 0.01 under HalfUp). The range check applies to the rounded value.
MoneyParse ParseMoneyRounded(std::string_view lexeme, Rounding r);

// m * num / den, computed exactly in 128 bits, rounded to the fen per r. Used for
// consumed = paid * usedHours / orderedHours, a day price = month price * days / 30, fees.
// Precondition den != 0 (den == 0 returns 0.00; a negative den flips the sign as in arithmetic).
// Exact for all int64 arguments; a result beyond int64 fen saturates to INT64_MAX / INT64_MIN fen.
Money MulDiv(Money m, int64_t num, int64_t den, Rounding r);

// m * percent / 100 rounded per r (MulDiv(m, percent, 100, r)); e.g. the unsubscription fee of 10%.
Money Percent(Money m, int percent, Rounding r);

// Split `total` over shares proportional to `weights` (docs/rules.md §6 refund_split: proportional to the
// paid shares of cash, flexi coupon, stored card; leftover fen to cash = index 0).
//   - result.size() == weights.size(); the results sum exactly to total (for non-empty weights);
//   - share i = floor(|total| * w_i / sum(w)) with the sign of total; the leftover fen go to index 0;
//   - negative weights count as 0; if all weights are 0, everything goes to index 0;
//   - empty weights -> empty result (nothing to split into).
// Example: SplitProportional(10.00, {1, 1, 1}) = {3.34, 3.33, 3.33}.
std::vector<Money> SplitProportional(Money total, const std::vector<Money>& weights);

}  // namespace qd
