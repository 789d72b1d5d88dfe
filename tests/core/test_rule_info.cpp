// The rule profile in words (设置 > 计费规则, docs/rules.md §6): every key of RuleKeys() has a
// description (RuleInfo) whose range and choices are the ones SetRule enforces, a value just outside
// the range is refused with the reason, and the console has words for every key and choice
// (wasm/ui/rule_words.cpp kRuleWords / kChoiceWords, texts in wasm/ui/text_settings.inc).
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "core/model/rules.h"
#include "support.h"

using namespace qd;
using nlohmann::json;

TEST_CASE("rule descriptions: one per key of RuleKeys(), in its order (docs/rules.md §6)")
{
    const auto& keys = RuleKeys();
    const auto& infos = RuleInfos();
    REQUIRE(infos.size() == keys.size());
    CHECK(keys.size() == 19);
    for (std::size_t i = 0; i < keys.size(); ++i) {
        CAPTURE(keys[i]);
        CHECK(infos[i].key == keys[i]);
        REQUIRE(FindRuleInfo(keys[i]) != nullptr);
        CHECK(FindRuleInfo(keys[i]) == &infos[i]);
        // A source: the docs/rules.md section, and the seed, an assumption of §7 or a Huawei page.
        CHECK(infos[i].section.substr(0, 2) == "§");
        CHECK((!infos[i].seed.empty() || infos[i].assumption > 0 || !infos[i].huawei.empty()));
        CHECK(infos[i].assumption >= 0);
        CHECK(infos[i].assumption <= 10);  // §7 has 10 numbered questions
    }
    CHECK(FindRuleInfo("grace_day") == nullptr);
}

TEST_CASE("rule descriptions: kinds, units and sources as docs/rules.md §6 and §7 say")
{
    const RuleInfo* window = FindRuleInfo("five_day_window_hours");
    REQUIRE(window);
    CHECK(window->kind == RuleKind::Number);
    CHECK(window->unit == RuleUnit::Hours);
    CHECK(window->min == 1);
    CHECK(window->max == 8760);
    CHECK(window->seed == "4.4.1.3");
    const RuleInfo* fee = FindRuleInfo("fee_table");
    REQUIRE(fee);
    CHECK(fee->kind == RuleKind::FeeTable);
    CHECK(fee->unit == RuleUnit::Percent);
    CHECK(fee->min == 0);
    CHECK(fee->max == 100);
    CHECK(fee->assumption == 1);  // §7 open question 1
    CHECK(FindRuleInfo("consumed_granularity")->choices == std::vector<std::string_view>{"hour", "day"});
    CHECK(FindRuleInfo("day_price")->choices ==
          std::vector<std::string_view>{"month_div_30", "month_days", "year_div_365"});
    CHECK(FindRuleInfo("rounding")->choices == std::vector<std::string_view>{"half_up", "truncate"});
    CHECK(FindRuleInfo("rounding")->assumption == 3);
    CHECK(FindRuleInfo("grace_days")->assumption == 6);
    CHECK(FindRuleInfo("grace_days")->unit == RuleUnit::Days);
    CHECK(FindRuleInfo("zone")->kind == RuleKind::Offset);
    CHECK(FindRuleInfo("deduction_clock")->kind == RuleKind::Time);
    CHECK(FindRuleInfo("deduction_clock")->seed == "4.2.2.4");
    CHECK(FindRuleInfo("large_refund_warning")->kind == RuleKind::Money);
    CHECK(FindRuleInfo("large_refund_warning")->unit == RuleUnit::Yuan);
}

TEST_CASE("rule descriptions: a number rule's range is the validator's; one outside is refused with the reason")
{
    int numbers = 0;
    for (const RuleInfo& info : RuleInfos()) {
        if (info.kind != RuleKind::Number) continue;
        ++numbers;
        CAPTURE(info.key);
        const std::string range = std::to_string(info.min) + ".." + std::to_string(info.max);
        for (std::int64_t ok : {info.min, info.max}) {
            RuleProfile p;
            std::string error;
            CHECK(SetRule(p, info.key, json(ok), error));
            CHECK(RuleValue(p, info.key).dump() == json(ok).dump());
        }
        for (std::int64_t bad : {info.min - 1, info.max + 1}) {
            RuleProfile p;
            std::string error;
            CHECK_FALSE(SetRule(p, info.key, json(bad), error));
            CHECK(error == "expected an integer " + range + ", got " + std::to_string(bad));
            CHECK(p == RuleProfile{});  // refused: nothing changed
        }
    }
    CHECK(numbers == 10);
    // The numbers of the console's own procedure (tests/web/settings.mjs): 8761 hours is refused, 1 is taken.
    RuleProfile p;
    std::string error;
    CHECK_FALSE(SetRule(p, "five_day_window_hours", json(8761), error));
    CHECK(error == "expected an integer 1..8760, got 8761");
    CHECK(SetRule(p, "five_day_window_hours", json(1), error));
    CHECK(p.five_day_window_hours == 1);
    CHECK_FALSE(SetRule(p, "grace_days", json(-1), error));
    CHECK(error == "expected an integer 0..365, got -1");
}

TEST_CASE("rule descriptions: choices, fee table, money and times are refused as described")
{
    for (const RuleInfo& info : RuleInfos()) {
        if (info.kind != RuleKind::Choice) continue;
        CAPTURE(info.key);
        for (std::string_view choice : info.choices) {
            RuleProfile p;
            std::string error;
            CHECK(SetRule(p, info.key, json(std::string(choice)), error));
            CHECK(RuleValue(p, info.key).dump() == json(std::string(choice)).dump());
        }
        RuleProfile p;
        std::string error;
        CHECK_FALSE(SetRule(p, info.key, json("week"), error));
        CHECK(error.find("expected one of ") == 0);
    }
    const RuleInfo& fee = *FindRuleInfo("fee_table");
    RuleProfile p;
    std::string error;
    CHECK(SetRule(p, "fee_table", json::parse(R"({"month":[100],"10y":[0,0,0,0,0,0,0,0,0,0]})"), error));
    CHECK(p.feePercent(120, 10) == 0);
    CHECK(p.feePercent(1, 1) == fee.max);
    CHECK_FALSE(SetRule(p, "fee_table", json::parse(R"({"month":[101]})"), error));
    CHECK(error == "fee_table \"month\": expected an integer 0..100, got 101");
    CHECK_FALSE(SetRule(p, "fee_table", json::parse(R"({"month":[-1]})"), error));
    CHECK(error == "fee_table \"month\": expected an integer 0..100, got -1");
    CHECK_FALSE(SetRule(p, "fee_table", json::parse(R"({"11y":[10]})"), error));
    CHECK(error == "fee_table: expected a term \"month\" or \"1y\"..\"10y\", got \"11y\"");
    CHECK_FALSE(SetRule(p, "fee_table", json::parse(R"({"1y":[1,1,1,1,1,1,1,1,1,1,1]})"), error));
    CHECK(error.find("expected 1 to 10 percentages") != std::string::npos);
    CHECK(kFeeTableMaxYears == 10);
    CHECK(kFeeTableMaxTermYears == 10);

    CHECK(SetRule(p, "large_refund_warning", json("0.00"), error));
    CHECK_FALSE(SetRule(p, "large_refund_warning", json("-0.01"), error));
    CHECK(error == "negative amount, got \"-0.01\"");
    CHECK(SetRule(p, "deduction_clock", json("02:30:00"), error));
    CHECK_FALSE(SetRule(p, "deduction_clock", json("24:00:00"), error));
    CHECK(error == "expected a time of day like 23:59:59, got \"24:00:00\"");
    CHECK_FALSE(SetRule(p, "zone", json("+8"), error));
    CHECK(error == "expected a UTC offset like +08:00, got \"+8\"");
}

TEST_CASE("rule descriptions: the console has words for every key and choice (wasm/ui/rule_words.cpp)")
{
    const std::string ui = qd::test::ReadSourceFile("wasm/ui/rule_words.cpp");
    const std::string texts = qd::test::ReadSourceFile("wasm/ui/text_settings.inc");
    for (const RuleInfo& info : RuleInfos()) {
        CAPTURE(info.key);
        const std::string row = "{\"" + std::string(info.key) + "\", TextId::";
        const std::size_t at = ui.find(row);
        REQUIRE(at != std::string::npos);
        // {"key", TextId::Name, TextId::Sentence}: both ids are rows of text_settings.inc.
        const std::size_t end = ui.find('}', at);
        std::string ids = ui.substr(at + row.size() - 8, end - at - row.size() + 8);
        for (std::size_t p = ids.find("TextId::"); p != std::string::npos; p = ids.find("TextId::", p + 1)) {
            std::size_t q = p + 8;
            while (q < ids.size() && (std::isalnum(static_cast<unsigned char>(ids[q])) || ids[q] == '_')) ++q;
            CHECK_MESSAGE(texts.find("QD_TEXT(" + ids.substr(p + 8, q - p - 8) + ",") != std::string::npos,
                          ids.substr(p + 8, q - p - 8));
        }
        for (std::string_view choice : info.choices)
            CHECK_MESSAGE(ui.find("{\"" + std::string(info.key) + "\", \"" + std::string(choice) + "\", TextId::") !=
                              std::string::npos,
                          choice);
    }
}
