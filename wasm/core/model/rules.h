// rules.h: the rule profile, i.e. every number and choice the engines use that Huawei does not
// publish exactly or that differs between sites (docs/rules.md §6). Defaults first; a workspace's
// `rules` object overrides single keys; Settings shows and edits the same keys.
//
//   RuleProfile p;                                               // all defaults
//   LoadErrors e = ApplyRuleOverrides(p, rulesJson);             // {"grace_days": 30, "rounding": "truncate"}
//   int fee = p.feePercent(36, 2);                               // 3-year term, 2nd year of use -> 10
//   std::string all = RuleProfileJson(p);                        // every key, for Settings
//   nlohmann::ordered_json saved = RuleOverrides(p);             // only what differs from the defaults
//   const RuleInfo* info = FindRuleInfo("grace_days");           // Number, Days, 0..365, §3, open question 6
//
// RuleInfos() describes each key for Settings (设置 > 计费规则, docs/rules.md §6): the kind of
// control, the unit, the accepted range or words, and where the rule comes from. It is read from the
// same table SetRule validates with, so a range shown is the range enforced. The words (names,
// sentences, units) are the UI's (wasm/ui/text_settings.inc), in both languages.
//
// Writing back: SaveWorkspace writes only the keys whose value differs from the default (a key set
// to its default value is dropped), so a workspace follows future changes of a default it never
// overrode. Unknown keys are refused (a misspelt rule silently ignored would change every quote).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/model/calendar.h"
#include "core/model/diagnostics.h"
#include "core/model/enum_names.h"
#include "core/model/money.h"

namespace qd {

// How the consumed share of a standard (non-five-day) refund is measured (docs/rules.md §4.2).
enum class ConsumedGranularity {
    Hour,  // "hour": both durations floored to whole hours (current rule, the default)
    Day,   // "day": whole days, the unsubscription day excluded (older rule)
};

// Price of one extra day when renewing to the unified expiry day (docs/rules.md §7 open question 4).
enum class DayPrice {
    MonthDiv30,  // "month_div_30": monthly price / 30 (the default)
    MonthDays,   // "month_days": monthly price / days of the month the day falls in
    YearDiv365,  // "year_div_365": yearly price / 365
};

// How a refund is split over the means of payment.
enum class RefundSplit {
    Proportional,  // "proportional": by the paid shares of cash, flexi coupon, stored card; leftover fen to cash
};

template <>
struct EnumNames<ConsumedGranularity> {
    static constexpr std::array<std::string_view, 2> names{"hour", "day"};
};
template <>
struct EnumNames<DayPrice> {
    static constexpr std::array<std::string_view, 3> names{"month_div_30", "month_days", "year_div_365"};
};
template <>
struct EnumNames<RefundSplit> {
    static constexpr std::array<std::string_view, 1> names{"proportional"};
};

// One row of the unsubscription fee table: the fee in percent of the paid amount, by year of use.
struct FeeRow {
    // the row's subscription term: 1 = "month" (any monthly term), 12 = "1y", 24 = "2y"...
    int term_months = 1;
    std::vector<int> percent_by_year;  // fee % while in the 1st, 2nd... year of use (0..100); later years use the last
    friend bool operator==(const FeeRow&, const FeeRow&) = default;
};

struct RuleProfile {                        // file key: default
    ZoneOffset zone = ZoneOffset::China();  // zone: "+08:00"; every calendar rule runs in it
    // expiry_clock: "23:59:59"; a period's end time of day
    LocalTime expiry_clock = LocalTime::ExpiryClock();
    // deduction_clock: "03:00:00"; auto-renew charge time
    LocalTime deduction_clock = LocalTime::DeductionClock();
    int five_day_window_hours = 120;  // five_day_window_hours: 120 (1..8760)
    int five_day_quota = 10;          // five_day_quota: 10 per natural year (0..10000)
    ConsumedGranularity consumed_granularity = ConsumedGranularity::Hour;  // consumed_granularity: "hour" | "day"
    std::vector<FeeRow> fee_table{{1, {10}}, {12, {10}}, {24, {15, 10}}, {36, {15, 10, 5}}};
    // fee_table: {"month":[10],"1y":[10],"2y":[15,10],"3y":[15,10,5]}
    // day_price: "month_div_30" | "month_days" | "year_div_365"
    DayPrice day_price = DayPrice::MonthDiv30;
    // rounding: "half_up" | "truncate", to 0.01 per resource line
    Rounding rounding = Rounding::HalfUp;
    RefundSplit refund_split = RefundSplit::Proportional;  // refund_split: "proportional"
    // grace_days: 15 (0..365); renewing in grace starts at the old expiry
    int grace_days = 15;
    int retention_days = 15;                                 // retention_days: 15 (0..365)
    int pending_payment_days = 7;                            // pending_payment_days: 7 (1..365)
    int combined_pay_max = 30;                               // combined_pay_max: 30 (1..1000)
    int batch_cancel_max = 30;                               // batch_cancel_max: 30 (1..1000)
    int renewal_list_max = 200;                              // renewal_list_max: 200 (1..1000000)
    int price_list_max = 10000;                              // price_list_max: 10000 (1..1000000)
    int export_record_days = 3;                              // export_record_days: 3 (1..365)
    Money large_refund_warning = Money::FromFen(5'000'000);  // large_refund_warning: "50000.00" (>= 0)

    // Fee % for a subscription of termMonths (12 = 1 year) in its usageYear-th year of use (1-based):
    // the row with the longest term <= termMonths (the shortest row if none), then that row's value
    // for usageYear, or its last value for later years. Default table: (1, 1) -> 10, (36, 2) -> 10,
    // (36, 3) -> 5, (60, 1) -> 15 (longer terms use the 3-year row). 0 when the table is empty.
    int feePercent(int termMonths, int usageYear) const;

    friend bool operator==(const RuleProfile&, const RuleProfile&) = default;
};

// The kind of value a rule key takes, i.e. the control Settings draws for it.
enum class RuleKind {
    Number,    // an integer in [min, max]
    Choice,    // one of `choices`
    Time,      // a time of day "HH:MM:SS"
    Offset,    // a UTC offset "+08:00"
    FeeTable,  // terms "month", "1y".."10y" -> 1..kFeeTableMaxYears percentages in [min, max]
    Money,     // an amount "50000.00" of at least min fen
};

// The unit a rule's number is in (the UI words it).
enum class RuleUnit { None, Hours, Days, PerYear, Orders, Resources, Rows, Percent, Yuan };

// The fee table's limits (docs/rules.md §6): terms up to 10 years, 1..10 years of use per row.
inline constexpr int kFeeTableMaxTermYears = 10;
inline constexpr int kFeeTableMaxYears = 10;

// What Settings shows of one key. Where it comes from: the seed section that states the number (empty
// when the seed gives none), the docs/rules.md §7 open question it is our assumption for (0 when not
// one), the docs/rules.md section that uses it and the Huawei source tags of docs/rules.md#sources.
struct RuleInfo {
    std::string_view key;
    RuleKind kind = RuleKind::Number;
    RuleUnit unit = RuleUnit::None;
    std::int64_t min = 0, max = 0;          // Number: the accepted integers; FeeTable: a percentage's; Money: fen
    std::vector<std::string_view> choices;  // Choice: the accepted words, in order
    std::string_view section;               // "§4.3"
    std::string_view seed;                  // "4.4.1.3"
    int assumption = 0;                     // docs/rules.md §7 question number
    std::string_view huawei;                // "[U-5DAY-CN] [G-5DAY-COUNT]"
};

// Every key's description, in RuleKeys() order; FindRuleInfo gives nullptr for an unknown key.
const std::vector<RuleInfo>& RuleInfos();
const RuleInfo* FindRuleInfo(std::string_view key);

// The rule keys in the order of docs/rules.md §6 (the order Settings and RuleProfileJson use).
const std::vector<std::string_view>& RuleKeys();

// Sets one key from its JSON value. false + `error` (e.g. "expected an integer 0..365, got 400",
// "unknown rule key \"grace_day\"") leaves the profile unchanged.
bool SetRule(RuleProfile& profile, std::string_view key, const nlohmann::json& value, std::string& error);

// Applies every member of a `rules` object (docs/workspace-format.md) with SetRule. Each failure is an error at
// pointerPrefix + "/" + key (file left empty for the caller to fill); a non-object is one error at
// pointerPrefix. Keys that fail leave their default.
LoadErrors ApplyRuleOverrides(RuleProfile& profile, const nlohmann::json& rules,
                              std::string_view pointerPrefix = "/rules");

nlohmann::ordered_json RuleValue(const RuleProfile& profile, std::string_view key);  // one key as JSON; null if unknown
// {key: value} of the keys that differ from the defaults, §6 order
nlohmann::ordered_json RuleOverrides(const RuleProfile& profile);
std::string RuleProfileJson(const RuleProfile& profile);  // every key with its value, §6 order, compact JSON

}  // namespace qd
