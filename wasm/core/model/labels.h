// labels.h: the words a person reads for the core's enumerations, in Chinese (the console's words,
// seed 4.3.5 订单状态/订单类型, 4.2.8 资源状态, 4.2 续费方式) or English. One table for every face:
// the console's exports (report/exports.h), the CLI's CSV and the UI's lists and filters.
//
//   EnumLabel(OrderStatus::PendingPayment, LabelLanguage::Chinese) == "待支付"
//   EnumLabel(RenewalPolicy::Manual, LabelLanguage::Chinese)       == "手动续费"  (the policy; the UI's
//                                                                     tab is 手动续费项, ui/labels.h)
//   DurationLabel(TermUnit::Month, 3, LabelLanguage::Chinese)     == "3个月"     (seed 4.2.1.1: "1个月", "1年")
//   DurationLabel(TermUnit::Year, 2, LabelLanguage::English)      == "2 years"
//
// The file words of the same enumerations (snake_case) are EnumNames (enum_names.h), not these.
#pragma once

#include <string>

#include "core/model/enum_names.h"
#include "core/model/workspace.h"

namespace qd {

// The language of the words in labels, quote lines and export headers. English is the CLI's and the
// test API's; Chinese the console's and the exports' default.
enum class LabelLanguage { Chinese, English };  // zh | en

template <>
struct EnumNames<LabelLanguage> {
    static constexpr std::array<std::string_view, 2> names{"zh", "en"};
};

const char* EnumLabel(OrderStatus s, LabelLanguage lang);  // 待支付, 待审核, 退款中, 处理中, 已完成, 已取消, 待确认
const char* EnumLabel(OrderType t, LabelLanguage lang);  // 新购, 续费, 变更, 退订, 包年/包月转按需, ...
const char* EnumLabel(ResourceStatus s, LabelLanguage lang);  // 使用中, 已过期, 已冻结, 已关闭
const char* EnumLabel(RenewalPolicy p, LabelLanguage lang);  // 手动续费, 自动续费, 到期转按需, 到期不续费
const char* EnumLabel(ItemPeriod p, LabelLanguage lang);   // 月, 年, 天, 一次性
const char* EnumLabel(ProductKind k, LabelLanguage lang);  // 标准, 资源包, 云商店

// A duration as the seed writes it: "1个月", "3个月", "1年" (no space); "1 month", "3 months", "2 years".
std::string DurationLabel(TermUnit unit, int num, LabelLanguage lang);

// Calls fn for every word of the tables above in both languages (a UI builds its glyph set from it).
void ForEachEnumLabel(void (*fn)(const char* utf8, void* user), void* user);

}  // namespace qd
