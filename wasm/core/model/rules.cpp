// rules.cpp: the rule profile's keys, each with how it is read from and written to JSON (rules.h).
#include "core/model/rules.h"

#include <algorithm>
#include <charconv>

#include <nlohmann/json.hpp>

namespace qd {

using nlohmann::json;
using nlohmann::ordered_json;

int RuleProfile::feePercent(int termMonths, int usageYear) const
{
    if (fee_table.empty()) return 0;
    const FeeRow* row = &fee_table.front();  // rows are kept sorted by term (SetRule sorts them)
    for (const FeeRow& r : fee_table)
        if (r.term_months <= termMonths) row = &r;
    if (row->percent_by_year.empty()) return 0;
    const std::size_t year = static_cast<std::size_t>(std::max(usageYear, 1));
    return row->percent_by_year[std::min(year, row->percent_by_year.size()) - 1];
}

namespace {

// A short rendering of the offending value for messages ("got 400", "got \"week\"").
std::string Got(const json& value)
{
    const std::string text = value.dump();
    return ", got " + (text.size() > 40 ? Excerpt(text, 37) : text);
}

bool ReadInt(const json& value, int min, int max, int& out, std::string& error)
{
    const std::string expected = "expected an integer " + std::to_string(min) + ".." + std::to_string(max);
    if (!value.is_number_integer()) {
        error = expected + Got(value);
        return false;
    }
    // Non-negative integers arrive as unsigned; one above INT64_MAX is out of every range anyway.
    const bool fits = !value.is_number_unsigned() || value.get<std::uint64_t>() <= static_cast<std::uint64_t>(max);
    if (!fits || value.get<std::int64_t>() < min || value.get<std::int64_t>() > max) {
        error = expected + Got(value);
        return false;
    }
    out = value.get<int>();
    return true;
}

template <class E>
bool ReadEnum(const json& value, E& out, std::string& error)
{
    std::optional<E> e = value.is_string() ? EnumFromString<E>(value.get_ref<const std::string&>()) : std::nullopt;
    if (!e) {
        error = "expected one of " + EnumChoices<E>() + Got(value);
        return false;
    }
    out = *e;
    return true;
}

bool ReadClock(const json& value, LocalTime& out, std::string& error)
{
    std::optional<LocalTime> t =
        value.is_string() ? LocalTime::Parse(value.get_ref<const std::string&>()) : std::nullopt;
    if (!t) {
        error = "expected a time of day like 23:59:59" + Got(value);
        return false;
    }
    out = *t;
    return true;
}

constexpr int kFeePercentMin = 0, kFeePercentMax = 100;

// fee_table: {"month": [10], "1y": [10], "2y": [15, 10], ...}; a term is "month" or "<N>y" (N 1..10).
bool ReadFeeTable(const json& value, std::vector<FeeRow>& out, std::string& error)
{
    const char* expected = "expected an object like {\"month\": [10], \"1y\": [10], \"2y\": [15, 10]}";
    if (!value.is_object() || value.empty()) {
        error = expected + Got(value);
        return false;
    }
    std::vector<FeeRow> rows;
    for (const auto& [term, percents] : value.items()) {
        FeeRow row;
        if (term == "month") {
            row.term_months = 1;
        } else {
            int years = 0;
            const char* end = term.data() + term.size();
            auto [p, ec] = std::from_chars(term.data(), end, years);
            if (ec != std::errc() || p + 1 != end || *p != 'y' || term[0] == '0' || years < 1 ||
                years > kFeeTableMaxTermYears) {
                error = "fee_table: expected a term \"month\" or \"1y\"..\"10y\", got \"" + term + "\"";
                return false;
            }
            row.term_months = years * 12;
        }
        if (!percents.is_array() || percents.empty() || percents.size() > static_cast<std::size_t>(kFeeTableMaxYears)) {
            error = "fee_table \"" + term + "\": expected 1 to 10 percentages by year of use" + Got(percents);
            return false;
        }
        for (const json& percent : percents) {
            int v = 0;
            if (!ReadInt(percent, kFeePercentMin, kFeePercentMax, v, error)) {
                error = "fee_table \"" + term + "\": " + error;
                return false;
            }
            row.percent_by_year.push_back(v);
        }
        rows.push_back(std::move(row));
    }
    std::sort(rows.begin(), rows.end(), [](const FeeRow& a, const FeeRow& b) { return a.term_months < b.term_months; });
    out = std::move(rows);
    return true;
}

ordered_json FeeTableJson(const std::vector<FeeRow>& rows)
{
    ordered_json out = ordered_json::object();
    for (const FeeRow& row : rows)
        out[row.term_months == 1 ? std::string("month") : std::to_string(row.term_months / 12) + "y"] =
            row.percent_by_year;
    return out;
}

// One rule key: how to read it into a profile, how to write it out, and what Settings shows of it
// (info.key is the key; its kind, range and choices come from the reader's own constants).
struct RuleKey {
    RuleInfo info;
    bool (*read)(RuleProfile&, const json&, std::string&);
    ordered_json (*write)(const RuleProfile&);
};

// Where a rule comes from (RuleInfo's last four fields).
struct Source {
    std::string_view section, seed;
    int assumption = 0;
    std::string_view huawei;
};

RuleInfo Info(std::string_view key, RuleKind kind, RuleUnit unit, const Source& source)
{
    RuleInfo info;
    info.key = key;
    info.kind = kind;
    info.unit = unit;
    info.section = source.section;
    info.seed = source.seed;
    info.assumption = source.assumption;
    info.huawei = source.huawei;
    return info;
}

template <auto Member, int Min, int Max>
RuleKey IntKey(std::string_view key, RuleUnit unit, const Source& source)
{
    RuleInfo info = Info(key, RuleKind::Number, unit, source);
    info.min = Min;
    info.max = Max;
    return {std::move(info),
            [](RuleProfile& p, const json& v, std::string& e) { return ReadInt(v, Min, Max, p.*Member, e); },
            [](const RuleProfile& p) { return ordered_json(p.*Member); }};
}

template <class M>
struct MemberOf;
template <class T, class C>
struct MemberOf<T C::*> {
    using type = T;
};

template <auto Member>
RuleKey EnumKey(std::string_view key, const Source& source)
{
    using E = typename MemberOf<decltype(Member)>::type;
    RuleInfo info = Info(key, RuleKind::Choice, RuleUnit::None, source);
    info.choices.assign(EnumNames<E>::names.begin(), EnumNames<E>::names.end());
    return {std::move(info), [](RuleProfile& p, const json& v, std::string& e) { return ReadEnum(v, p.*Member, e); },
            [](const RuleProfile& p) { return ordered_json(ToString(p.*Member)); }};
}

template <auto Member>
RuleKey ClockKey(std::string_view key, const Source& source)
{
    return {Info(key, RuleKind::Time, RuleUnit::None, source),
            [](RuleProfile& p, const json& v, std::string& e) { return ReadClock(v, p.*Member, e); },
            [](const RuleProfile& p) { return ordered_json((p.*Member).str()); }};
}

RuleInfo FeeTableInfo()
{
    RuleInfo info = Info("fee_table", RuleKind::FeeTable, RuleUnit::Percent,
                         {"§4.2", "", 1, "[U-UNSUB-CN] [U-UNSUB-ES] [F-FEE-NL]"});
    info.min = kFeePercentMin;
    info.max = kFeePercentMax;
    return info;
}

RuleInfo RoundingInfo()
{
    RuleInfo info = Info("rounding", RuleKind::Choice, RuleUnit::None, {"§1", "", 3, "[G-BILLFIELDS]"});
    info.choices = {RoundingName(Rounding::HalfUp), RoundingName(Rounding::Truncate)};
    return info;
}

// The keys of docs/rules.md §6, in its order.
const std::vector<RuleKey>& Keys()
{
    static const std::vector<RuleKey> keys{
        {Info("zone", RuleKind::Offset, RuleUnit::None, {"§1", "", 0, "[U-UNSUB-CN] [U-DEDUCT-INTL]"}),
         [](RuleProfile& p, const json& v, std::string& e) {
             std::optional<ZoneOffset> z =
                 v.is_string() ? ZoneOffset::Parse(v.get_ref<const std::string&>()) : std::nullopt;
             if (!z) {
                 e = "expected a UTC offset like +08:00" + Got(v);
                 return false;
             }
             p.zone = *z;
             return true;
         },
         [](const RuleProfile& p) { return ordered_json(p.zone.str()); }},
        ClockKey<&RuleProfile::expiry_clock>("expiry_clock", {"§1", "", 0, "[U-UNSUB-CN]"}),
        ClockKey<&RuleProfile::deduction_clock>("deduction_clock", {"§3.2", "4.2.2.4", 0, "[U-DEDUCT-INTL]"}),
        IntKey<&RuleProfile::five_day_window_hours, 1, 8760>("five_day_window_hours", RuleUnit::Hours,
                                                             {"§4.3", "4.4.1.3", 0, "[U-5DAY-CN]"}),
        IntKey<&RuleProfile::five_day_quota, 0, 10000>("five_day_quota", RuleUnit::PerYear,
                                                       {"§4.3", "4.4.1.3", 8, "[G-5DAY-COUNT]"}),
        EnumKey<&RuleProfile::consumed_granularity>("consumed_granularity",
                                                    {"§4.2", "", 2, "[U-UNSUB-CN] [F-FEE-CN-2024]"}),
        {FeeTableInfo(), [](RuleProfile& p, const json& v, std::string& e) { return ReadFeeTable(v, p.fee_table, e); },
         [](const RuleProfile& p) { return FeeTableJson(p.fee_table); }},
        EnumKey<&RuleProfile::day_price>("day_price", {"§3.1", "4.2.3", 4, "[U-UED-INTL]"}),
        {RoundingInfo(),
         [](RuleProfile& p, const json& v, std::string& e) {
             std::optional<Rounding> r = v.is_string() ? ParseRounding(v.get_ref<const std::string&>()) : std::nullopt;
             if (!r) {
                 e = "expected one of half_up|truncate" + Got(v);
                 return false;
             }
             p.rounding = *r;
             return true;
         },
         [](const RuleProfile& p) { return ordered_json(RoundingName(p.rounding)); }},
        EnumKey<&RuleProfile::refund_split>("refund_split", {"§4.2", "", 9, ""}),
        IntKey<&RuleProfile::grace_days, 0, 365>("grace_days", RuleUnit::Days, {"§3", "", 6, "[F-GRACE-INTL]"}),
        IntKey<&RuleProfile::retention_days, 0, 365>("retention_days", RuleUnit::Days, {"§3", "", 6, "[F-GRACE-INTL]"}),
        IntKey<&RuleProfile::pending_payment_days, 1, 365>("pending_payment_days", RuleUnit::Days,
                                                           {"§2", "4.1", 0, "[G-PENDING]"}),
        IntKey<&RuleProfile::combined_pay_max, 1, 1000>("combined_pay_max", RuleUnit::Orders,
                                                        {"§2", "4.1.1", 0, "[U-PAY-INTL]"}),
        IntKey<&RuleProfile::batch_cancel_max, 1, 1000>("batch_cancel_max", RuleUnit::Orders,
                                                        {"§2", "", 0, "[S-WHATSNEW-CN]"}),
        IntKey<&RuleProfile::renewal_list_max, 1, 1000000>("renewal_list_max", RuleUnit::Resources,
                                                           {"§5", "4.2.7.1", 0, "[W-EU]"}),
        IntKey<&RuleProfile::price_list_max, 1, 1000000>("price_list_max", RuleUnit::Rows,
                                                         {"§5", "4.2.7.2", 0, "[W-EU]"}),
        IntKey<&RuleProfile::export_record_days, 1, 365>("export_record_days", RuleUnit::Days,
                                                         {"§5", "5", 10, "[S-EXPORT3D]"}),
        {Info("large_refund_warning", RuleKind::Money, RuleUnit::Yuan, {"§4.1", "", 0, "[G-UNSUB-OVERVIEW]"}),
         [](RuleProfile& p, const json& v, std::string& e) {
             // A number's exact text is gone once parsed into a DOM; dump() gives the shortest text that
             // reads back as the same double, which is the written text for any amount of <= 15 digits.
             if (!v.is_string() && !v.is_number()) {
                 e = "expected an amount like \"50000.00\"" + Got(v);
                 return false;
             }
             MoneyParse m = ParseMoney(v.is_string() ? v.get<std::string>() : v.dump());
             if (!m) {
                 e = m.error;
                 return false;
             }
             if (m.value.isNegative()) {
                 e = "negative amount" + Got(v);
                 return false;
             }
             p.large_refund_warning = m.value;
             return true;
         },
         [](const RuleProfile& p) { return ordered_json(p.large_refund_warning.str()); }},
    };
    return keys;
}

const RuleKey* FindKey(std::string_view key)
{
    for (const RuleKey& k : Keys())
        if (k.info.key == key) return &k;
    return nullptr;
}

}  // namespace

const std::vector<std::string_view>& RuleKeys()
{
    static const std::vector<std::string_view> names = [] {
        std::vector<std::string_view> out;
        for (const RuleKey& k : Keys()) out.push_back(k.info.key);
        return out;
    }();
    return names;
}

const std::vector<RuleInfo>& RuleInfos()
{
    static const std::vector<RuleInfo> infos = [] {
        std::vector<RuleInfo> out;
        for (const RuleKey& k : Keys()) out.push_back(k.info);
        return out;
    }();
    return infos;
}

const RuleInfo* FindRuleInfo(std::string_view key)
{
    const RuleKey* k = FindKey(key);
    return k ? &RuleInfos()[static_cast<std::size_t>(k - Keys().data())] : nullptr;
}

bool SetRule(RuleProfile& profile, std::string_view key, const json& value, std::string& error)
{
    const RuleKey* k = FindKey(key);
    if (!k) {
        error = "unknown rule key \"" + std::string(key) + "\"";
        return false;
    }
    RuleProfile changed = profile;  // all or nothing: a half-read fee table never reaches the profile
    if (!k->read(changed, value, error)) return false;
    profile = std::move(changed);
    return true;
}

LoadErrors ApplyRuleOverrides(RuleProfile& profile, const json& rules, std::string_view pointerPrefix)
{
    LoadErrors errors;
    if (!rules.is_object()) {
        errors.push_back({"", std::string(pointerPrefix), 0, 0, "expected an object of rule overrides" + Got(rules)});
        return errors;
    }
    for (const auto& [key, value] : rules.items()) {
        std::string error;
        if (SetRule(profile, key, value, error)) continue;
        LoadError e{"", std::string(pointerPrefix), 0, 0, std::move(error)};
        AppendPointerToken(e.pointer, key);
        errors.push_back(std::move(e));
    }
    return errors;
}

ordered_json RuleValue(const RuleProfile& profile, std::string_view key)
{
    const RuleKey* k = FindKey(key);
    return k ? k->write(profile) : ordered_json();
}

ordered_json RuleOverrides(const RuleProfile& profile)
{
    static const RuleProfile defaults;
    ordered_json out = ordered_json::object();
    for (const RuleKey& k : Keys()) {
        ordered_json value = k.write(profile);
        if (value != k.write(defaults)) out[std::string(k.info.key)] = std::move(value);
    }
    return out;
}

std::string RuleProfileJson(const RuleProfile& profile)
{
    ordered_json out = ordered_json::object();
    for (const RuleKey& k : Keys()) out[std::string(k.info.key)] = k.write(profile);
    return out.dump();
}

}  // namespace qd
