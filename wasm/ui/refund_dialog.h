// refund_dialog: the unsubscribe dialog of 云服务退订 (seed 4.4.1.3 step 6-8, 4.4.2 step 6-7, 4.4.3
// step 6-7), drawn with the dialog toolkit of widgets.h.
//
//   OpenRefundDialog(app, state.dialog, RefundKind::InUse, {"ecs-1"});   // from a row's 退订资源
//   DrawRefundDialog(app, state.dialog);                                 // every frame, page level
//
// The dialog shows the engine's refund preview (PreviewRefund): one row per instance (bound resources
// go with their main), "展开退款明细" with every line of every item (paid, consumed with its hours, fee
// with its rate, the not-charged floor, then where the money goes: cash / voucher / flexi coupon /
// stored card) adding up to the total, the large-refund warning, the five-day quota left; then the
// seven unsubscribe reasons of the seed, a free text of at most 100 characters (counted in characters,
// not bytes), the confirmation tick, 退订 -> the "确定要退订…" confirmation -> Unsubscribe. The result
// (order id, refund) or the refusals are shown in place. Enter confirms, Esc closes.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/refund.h"
#include "ui/labels.h"
#include "ui/widgets.h"

namespace qd::ui {

struct AppState;

// ---- the refund dialog ------------------------------------------------------------------------------

enum class RefundKind { InUse, NotEffective, Periods };  // the tab it was opened from: title, rules, tick

struct RefundDialogState {
    bool open = false;     // on screen
    bool opening = false;  // open the popup on the next draw
    RefundKind kind = RefundKind::InUse;
    std::vector<std::string> resourceIds;  // the instances chosen (main or mounted resources)
    std::vector<Instant> keepChoices;      // periods of one resource: the expiries it can keep (period ends)
    int keepChoice = 0;                    // index into keepChoices

    RefundPreview preview;  // as of previewAsOf, for previewRevision
    bool previewBuilt = false;
    uint64_t previewRevision = 0;
    Instant previewAsOf;
    std::string previewText;  // the "复制" text of the preview

    bool showDetails = false;                                 // "展开退款明细"
    int reason = -1;                                          // UnsubscribeReason index; -1 = not chosen yet
    char reasonText[4 * kUnsubscribeReasonTextMax + 1] = {};  // UTF-8, at most 100 characters
    bool acknowledged = false;                                // the confirmation tick (backup / amounts)
    bool confirming = false;                                  // the "确定要退订…" popup
    bool confirmOpening = false;

    std::optional<UnsubscribeResult> result;  // after 退订: what was done
    Refusals refusals;                        // why the last 退订 was refused
};

// Opens the dialog for the chosen instances (Periods with one resource offers its expiries to keep).
void OpenRefundDialog(AppState& app, RefundDialogState& dlg, RefundKind kind, std::vector<std::string> resourceIds);

// Draws the dialog when open (call at the page level, outside tables).
void DrawRefundDialog(AppState& app, RefundDialogState& dlg);

// The preview's words, shared by the dialog, its 复制 text and the printed 退费说明 (quote_sheet.h).
struct RefundLineText {
    std::string words;  // "已消费：¥100.00 × 已使用 344 小时 ÷ 订购 758 小时"
    Money amount;
    bool isPart = false;  // a line of where the money goes (cash, vouchers, …)
};
std::vector<RefundLineText> RefundLineTexts(const Workspace& ws, const RefundItem& item);  // in order
const char* RefundScenarioWords(UnsubscribeScenario s);                                    // 五天无理由退订, …
std::string RefundReasonWords(const RefundItem& item);                                     // why that scenario
std::string RefundInstanceName(const Workspace& ws, const std::string& id);                // "name (id)"

// The preview as plain text, one line per computation line, in the current language (the "复制" text).
std::string RefundPreviewText(const Workspace& ws, const RefundPreview& preview);

}  // namespace qd::ui
