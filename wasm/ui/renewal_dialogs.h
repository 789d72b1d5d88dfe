// renewal_dialogs: the dialogs of 续费管理 (seed 4.2): 续费 (4.2.1.1 steps 6-8, with 自动续费 and 统一到期日 4.2.3),
// 统一到期日 alone (4.2.3), 设为自动续费 (4.2.2.1), 修改自动续费 / 取消自动续费 (4.2.2.2-4.2.2.3),
// 自动续费扣款日 (4.2.2.4), 设为手动续费 (4.2.1.2), 到期转按需 (4.2.4), 到期不续费 (4.2.5), 释放 (4.2.6),
// 导出续费清单 (4.2.7.1; the file and its record through page_export_records.h ExportAndDownload).
//
//   OpenRenewalDialog(app, RenewalDialog::Renew, {"ecs-1", "ecs-2"});   // from a row or the batch bar
//   DrawRenewalDialogs(app);                                            // every frame, page level
//
// Each dialog acts on instance heads (the rows of the page; bound attached resources go with them)
// through the core (renewal.h, auto_renew.h); quotes are live (recomputed only when an input or the
// workspace changes) and show their arithmetic lines. A refusal is shown inside the dialog, where the
// user acted; the workspace is then unchanged. Enter confirms, Esc closes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/engine/auto_renew.h"
#include "core/engine/renewal.h"
#include "ui/labels.h"

namespace qd::ui {

struct AppState;

enum class RenewalDialog {
    None,
    Renew,         // 续费 / 批量续费 (pending orders to pay)
    Align,         // 统一到期日 (1 month + the days up to the unified day)
    EnableAuto,    // 设为自动续费
    ModifyAuto,    // 修改自动续费 (续费方式 手动续费 = 取消自动续费)
    SetManual,     // 设为手动续费 (from the auto tab: 取消自动续费)
    ToOnDemand,    // 到期转按需
    NoRenew,       // 到期不续费
    Release,       // 释放 (expired only)
    DeductionDay,  // 自动续费扣款日 (account-wide)
    ExportList,    // 导出续费清单 (4.2.7.1: up to 200 resources, a chosen duration)
};

// One line of the flattened quote list: an item's head line (line < 0) or one of its arithmetic lines.
struct QuoteRow {
    int item = 0;
    int line = -1;
};

struct RenewalDialogState {
    RenewalDialog open = RenewalDialog::None;
    bool opening = false;          // call OpenPopup on the next draw
    std::vector<std::string> ids;  // instance heads acted on
    int resources = 0;             // ids + their bound attached resources

    // Durations: those every instance offers (renew / auto-renew period), and the choice.
    std::vector<RenewalDuration> durations;
    int duration = -1;  // index into durations; -1 = none in common

    // 自动续费 with the renewal (Renew, seed 4.2.1.1 step 7): set once the order is paid, every time for
    // the chosen duration; the count is limitTimes / times below.
    bool autoRenew = false;
    bool allAuto = false;  // every instance already renews automatically: nothing to set

    // 统一到期日: 1..28, 29 = month end.
    bool unify = false;
    int unifiedDay = 1;

    // The live quote (Renew, Align) and what it was computed for.
    RenewalQuote quote;
    std::vector<QuoteRow> quoteRows;
    uint64_t quoteRevision = UINT64_MAX;
    int quoteDuration = -2, quoteDay = -1;
    LabelLanguage quoteLanguage = LabelLanguage::English;  // the quote is redone when the language changes
    bool quoteUnify = false;

    // Auto-renew (also the count of Renew's 自动续费).
    bool limitTimes = false;  // 预设自动续费次数 (unticked = no limit)
    int times = 1;            // 1..99
    bool resetTimes = false;  // 修改: 重置自动续费次数
    int mode = 0;             // 修改: 0 到期自动续费, 1 手动续费 (cancel)

    // Deduction day / release confirmations.
    int deductionDays = 7;
    bool confirmed = false;

    // Outcome, shown in the dialog.
    Refusals refusals;               // the last attempt's (workspace unchanged)
    std::vector<std::string> notes;  // what was done (charges, released...)
    bool done = false;               // the operation succeeded: only Close remains
    std::string message;             // one-line result for the page after closing
};

// Opens a dialog for the given instance heads (ignored by DeductionDay).
void OpenRenewalDialog(AppState& app, RenewalDialog which, std::vector<std::string> ids);

// Draws the open dialog, if any (call once per frame from the page).
void DrawRenewalDialogs(AppState& app);

// ---- shared with page_renewals.cpp ------------------------------------------------------------------

// "每月1号" / "last day of each month".
std::string UnifiedDayWords(UnifiedExpiryDay day);

// A button drawn as a link (blue text, or orange for a warning; no frame), for the table's 操作 column.
bool RnwLinkButton(const char* label, bool warning = false);

// Shows the order on 待支付订单 (the page, filtered to it, with its details open).
void GoToPendingOrder(AppState& app, const std::string& orderId);

}  // namespace qd::ui
