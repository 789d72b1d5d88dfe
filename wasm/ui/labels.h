// labels: how the console names the core's enumerations and shows its values, in the current
// language: the core's one table (core/model/labels.h: order statuses and types as in seed 4.3.5,
// resource statuses as in 4.2.8, 续费方式 as in 4.2.2.2, durations "1个月"), the UI-only words of the
// four renewal tabs (手动续费项 ..., seed 4.2), plus money and time in the console's formats.
#pragma once
#include <string>

#include "core/engine/renewal.h"
#include "core/model/labels.h"
#include "core/model/workspace.h"

namespace qd::ui {

const char* Label(OrderStatus s);     // 待支付, 待审核, 退款中, 处理中, 已完成, 已取消, 待确认
const char* Label(OrderType t);       // 新购, 续费, 变更, 退订, ...
const char* Label(ResourceStatus s);  // 使用中, 已过期, 已冻结, 已关闭
const char* Label(RenewalPolicy p);   // 手动续费, 自动续费, 到期转按需, 到期不续费 (the policy)
const char* Label(ItemPeriod p);      // 月, 年, 天, 一次性
const char* Label(ProductKind k);     // 标准, 资源包, 云商店

// UI-only: the renewal page's tab of a policy (seed 4.2: 手动续费项, 自动续费项, 到期转按需项, 到期不续费项).
const char* TabLabel(RenewalPolicy p);

// "1个月" / "2 years" in the current language (core DurationLabel).
std::string DurationWords(const RenewalDuration& d);

// The words of quote line labels in the current language ("1 个月 × 191.40" / "1 month × 191.40").
LabelLanguage QuoteLanguage();

// "2024/04/15 15:58:07 GMT+08:00" in the workspace's zone.
std::string ConsoleTime(const Workspace& ws, Instant t);

// printf into a std::string, for the Tr() formats with arguments.
std::string Format(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

// Calls fn for every label of both languages (font glyph collection).
void ForEachLabelString(void (*fn)(const char* utf8, void* user), void* user);

}  // namespace qd::ui
