// The rule profile in words (rule_words.h).
#include "ui/rule_words.h"

#include <nlohmann/json.hpp>

#include "ui/labels.h"

namespace qd::ui {

namespace {

// The words of each key and choice; tests/core/test_rule_info.cpp checks every key and choice has a row.
constexpr RuleWords kRuleWords[] = {
    {"zone", TextId::RulZone, TextId::RulZoneDesc},
    {"expiry_clock", TextId::RulExpiryClock, TextId::RulExpiryClockDesc},
    {"deduction_clock", TextId::RulDeductionClock, TextId::RulDeductionClockDesc},
    {"five_day_window_hours", TextId::RulFiveDayWindow, TextId::RulFiveDayWindowDesc},
    {"five_day_quota", TextId::RulFiveDayQuota, TextId::RulFiveDayQuotaDesc},
    {"consumed_granularity", TextId::RulConsumed, TextId::RulConsumedDesc},
    {"fee_table", TextId::RulFeeTable, TextId::RulFeeTableDesc},
    {"day_price", TextId::RulDayPrice, TextId::RulDayPriceDesc},
    {"rounding", TextId::RulRounding, TextId::RulRoundingDesc},
    {"refund_split", TextId::RulRefundSplit, TextId::RulRefundSplitDesc},
    {"grace_days", TextId::RulGraceDays, TextId::RulGraceDaysDesc},
    {"retention_days", TextId::RulRetentionDays, TextId::RulRetentionDaysDesc},
    {"pending_payment_days", TextId::RulPendingDays, TextId::RulPendingDaysDesc},
    {"combined_pay_max", TextId::RulCombinedPayMax, TextId::RulCombinedPayMaxDesc},
    {"batch_cancel_max", TextId::RulBatchCancelMax, TextId::RulBatchCancelMaxDesc},
    {"renewal_list_max", TextId::RulRenewalListMax, TextId::RulRenewalListMaxDesc},
    {"price_list_max", TextId::RulPriceListMax, TextId::RulPriceListMaxDesc},
    {"export_record_days", TextId::RulExportDays, TextId::RulExportDaysDesc},
    {"large_refund_warning", TextId::RulLargeRefund, TextId::RulLargeRefundDesc},
};

struct ChoiceWords {
    std::string_view key, choice;
    TextId words;
};
constexpr ChoiceWords kChoiceWords[] = {
    {"consumed_granularity", "hour", TextId::RulChHour},    {"consumed_granularity", "day", TextId::RulChDay},
    {"day_price", "month_div_30", TextId::RulChMonthDiv30}, {"day_price", "month_days", TextId::RulChMonthDays},
    {"day_price", "year_div_365", TextId::RulChYearDiv365}, {"rounding", "half_up", TextId::RulChHalfUp},
    {"rounding", "truncate", TextId::RulChTruncate},        {"refund_split", "proportional", TextId::RulChProportional},
};

}  // namespace

const RuleWords* WordsOf(std::string_view key)
{
    for (const RuleWords& w : kRuleWords)
        if (w.key == key) return &w;
    return nullptr;
}

std::string ChoiceLabel(std::string_view key, std::string_view choice)
{
    for (const ChoiceWords& c : kChoiceWords)
        if (c.key == key && c.choice == choice) return Tr(c.words);
    return std::string(choice);  // a choice without words shows its file word (the core test forbids it)
}

const char* UnitWords(RuleUnit unit)
{
    switch (unit) {
        case RuleUnit::None: return "";
        case RuleUnit::Hours: return Tr(TextId::RulUnitHours);
        case RuleUnit::Days: return Tr(TextId::RulUnitDays);
        case RuleUnit::PerYear: return Tr(TextId::RulUnitPerYear);
        case RuleUnit::Orders: return Tr(TextId::RulUnitOrders);
        case RuleUnit::Resources: return Tr(TextId::RulUnitResources);
        case RuleUnit::Rows: return Tr(TextId::RulUnitRows);
        case RuleUnit::Percent: return Tr(TextId::RulUnitPercent);
        case RuleUnit::Yuan: return Tr(TextId::RulUnitYuan);
    }
    return "";
}

std::string TermWords(int termMonths)
{
    return termMonths == 1 ? std::string(Tr(TextId::RulFeeMonthly)) : Format(Tr(TextId::RulFeeYears), termMonths / 12);
}

// What a value must be, in the user's words, from the core's description (the range SetRule applies).
std::string NeedWords(const RuleInfo& info)
{
    const long long lo = info.min, hi = info.max;
    switch (info.kind) {
        case RuleKind::Number: return Format(Tr(TextId::RulNeedNumber), lo, hi);
        case RuleKind::FeeTable: return Format(Tr(TextId::RulNeedPercent), lo, hi);
        case RuleKind::Time: return Tr(TextId::RulNeedTime);
        case RuleKind::Offset: return Tr(TextId::RulNeedOffset);
        case RuleKind::Money: return Tr(TextId::RulNeedMoney);
        case RuleKind::Choice: return "";
    }
    return "";
}

// A value shown as words: "120 小时", "按小时（现行规则）", "按月 10% · 1 年 10% · 2 年 15/10%".
std::string ValueWords(const RuleInfo& info, const RuleProfile& rules)
{
    const nlohmann::json v = RuleValue(rules, info.key);
    const std::string unit = UnitWords(info.unit);
    switch (info.kind) {
        case RuleKind::Choice: return ChoiceLabel(info.key, v.get<std::string>());
        case RuleKind::Number: return std::to_string(v.get<long long>()) + " " + unit;
        case RuleKind::Money: return v.get<std::string>() + " " + unit;
        case RuleKind::Time:
        case RuleKind::Offset: return v.get<std::string>();
        case RuleKind::FeeTable: {
            std::string out;
            for (const FeeRow& row : rules.fee_table) {
                out += (out.empty() ? "" : " · ") + TermWords(row.term_months) + " ";
                for (std::size_t i = 0; i < row.percent_by_year.size(); ++i)
                    out += (i ? "/" : "") + std::to_string(row.percent_by_year[i]);
                out += unit;
            }
            return out;
        }
    }
    return v.dump();
}

std::string RuleSourceWords(const RuleInfo& info)
{
    std::string out;
    if (!info.seed.empty()) out = Format(Tr(TextId::RulSeed), std::string(info.seed).c_str());
    if (info.assumption > 0) out += (out.empty() ? "" : " · ") + Format(Tr(TextId::RulAssumption), info.assumption);
    out += (out.empty() ? "" : " · ") + Format(Tr(TextId::RulSection), std::string(info.section).c_str());
    return out;
}

}  // namespace qd::ui
