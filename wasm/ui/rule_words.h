// rule_words: the rule profile in the user's words (docs/rules.md §6), shared by 设置 > 计费规则 and the
// printed quote sheet's "rules in force" (quote_sheet.h). What a key is (kind, unit, range, choices,
// source) is the core's (core/model/rules.h RuleInfo); only the words are the UI's (text_settings.inc).
//
//   const RuleWords* w = WordsOf("day_price");          // Tr(w->name) == "补齐天数单价"
//   ValueWords(*FindRuleInfo("day_price"), ws.rules);   // "月价 ÷ 30"
#pragma once
#include <string>
#include <string_view>

#include "core/model/rules.h"
#include "ui/i18n.h"

namespace qd::ui {

struct RuleWords {
    std::string_view key;
    TextId name, sentence;  // "补齐天数单价", one sentence of what it changes
};
const RuleWords* WordsOf(std::string_view key);  // nullptr for a key without words (the core test forbids it)

std::string ChoiceLabel(std::string_view key, std::string_view choice);  // a choice's words
const char* UnitWords(RuleUnit unit);                                    // "小时", "天", "%", …
std::string TermWords(int termMonths);                                   // the fee table's row: "按月", "1 年"
std::string NeedWords(const RuleInfo& info);                             // what a value must be: "0 至 365 的整数"
// A value as words: "120 小时", "按小时（现行规则）", "按月 10% · 1 年 10% · 2 年 15/10%".
std::string ValueWords(const RuleInfo& info, const RuleProfile& rules);
// Where it comes from, one line: "说明书 4.4.1.3 · 假设 8 · docs/rules.md §4.3".
std::string RuleSourceWords(const RuleInfo& info);

}  // namespace qd::ui
