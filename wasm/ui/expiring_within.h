// expiring_within.h: the "expiring within" filter of the resource lists: 到期时间 on 续费管理 (seed
// 4.2.1.1 step 4 说明) and 倒计时 on 云服务退订 (seed 4.4.1.2 说明 1). The choices are 全部,
// 7 / 15 / 30天内到期, or 自定义天数 [X] 天内到期 with X in 1..kMaxExpiringWithinDays.
//
//   ExpiringWithin& f = state.expiry;
//   if (DrawExpiringWithin("##expiry", f, em * 11)) rebuildRows = true;
//   filter.expiring_within_days = f.days();   // nullopt = 全部
#pragma once

#include <optional>

namespace qd::ui {

struct ExpiringWithin {
    int choice = 0;       // 0 全部, 1..3 the preset days (7, 15, 30), 4 自定义天数
    int customDays = 60;  // X of "X天内到期" when custom

    std::optional<int> days() const;  // the chosen number of days; nullopt = 全部
};

// The combo (and, for 自定义天数, the days field after it) on the current line; true when the
// choice changed. `id` names the combo ("##expiry"); the custom field is "##days" inside it.
bool DrawExpiringWithin(const char* id, ExpiringWithin& f, float comboWidth);

}  // namespace qd::ui
