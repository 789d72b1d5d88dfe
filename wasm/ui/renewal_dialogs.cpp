// The dialogs of 续费管理 (renewal_dialogs.h): renew, unified expiry, auto-renew, deduction day,
// renewal policy changes and release, each through the core (renewal.h, auto_renew.h).
//
// Index of this file (search for "[SECTION]" to jump):
//   [SECTION] Shared with page_renewals.cpp (UnifiedDayWords, RnwLinkButton, GoToPendingOrder)
//   [SECTION] Dialog helpers: durations, instance lists, refusals, times
//   [SECTION] Quotes (Renew, Align)
//   [SECTION] Policy operations (auto-renew, manual, to on-demand, no renew, release, deduction day, export)
//   [SECTION] Opening and drawing the dialog (public)

#include "ui/renewal_dialogs.h"

#include <imgui.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <string>

#include "core/report/renewal_query.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/labels.h"
#include "ui/order_list.h"
#include "ui/page_export_records.h"
#include "ui/quote_sheet.h"
#include "ui/widgets.h"

namespace qd::ui {

// [SECTION] Shared with page_renewals.cpp (UnifiedDayWords, RnwLinkButton, GoToPendingOrder)

std::string UnifiedDayWords(UnifiedExpiryDay day)
{
    return day.isMonthEnd() ? std::string(Tr(TextId::RnwMonthEnd)) : Format(Tr(TextId::RnwDayN), day.day());
}

bool RnwLinkButton(const char* label, bool warning)
{
    ImGui::PushStyleColor(ImGuiCol_Button, ImVec4(0, 0, 0, 0));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, ImVec4(0.32f, 0.43f, 0.80f, 0.10f));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(0.32f, 0.43f, 0.80f, 0.20f));
    ImGui::PushStyleColor(ImGuiCol_Text, warning ? ImVec4(0.85f, 0.35f, 0.05f, 1) : ImVec4(0.13f, 0.40f, 0.85f, 1));
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 0.0f);
    const bool pressed = ImGui::SmallButton(label);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(4);
    return pressed;
}

void GoToPendingOrder(AppState& app, const std::string& orderId)
{
    std::snprintf(app.pendingOrders.search, sizeof app.pendingOrders.search, "%s", orderId.c_str());
    app.pendingOrders.dirty = true;
    app.pendingOrders.details = orderId;
    app.page = Page::PendingOrders;
}

}  // namespace qd::ui

namespace qd::ui {
namespace {

bool KeyPressed(ImGuiKey key) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key), false); }
bool EnterPressed() { return KeyPressed(ImGuiKey_Enter) || KeyPressed(ImGuiKey_KeyPadEnter); }

// [SECTION] Dialog helpers: durations, instance lists, refusals, times

const Product* ProductOf(const Workspace& ws, const Resource& r) { return ws.findProduct(r.product_id); }

std::vector<std::vector<RenewalDuration>> OfferedEach(const Workspace& ws, const std::vector<std::string>& ids)
{
    std::vector<std::vector<RenewalDuration>> each;
    each.reserve(ids.size());
    for (const std::string& id : ids) {
        const Resource* r = ws.findResource(id);
        const Product* p = r ? ProductOf(ws, *r) : nullptr;
        each.push_back(r && p ? OfferedDurations(*r, *p, ws.rules.zone) : std::vector<RenewalDuration>{});
    }
    return each;
}

int IndexOf(const std::vector<RenewalDuration>& ds, std::optional<RenewalDuration> d)
{
    if (!d) return ds.empty() ? -1 : 0;
    auto it = std::find(ds.begin(), ds.end(), *d);
    return it == ds.end() ? (ds.empty() ? -1 : 0) : static_cast<int>(it - ds.begin());
}

UnifiedExpiryDay DayOfChoice(int choice)
{
    if (choice >= 29) return UnifiedExpiryDay::MonthEnd();
    return UnifiedExpiryDay::FromDay(std::clamp(choice, 1, 28)).value_or(UnifiedExpiryDay());
}

int ChoiceOfDay(UnifiedExpiryDay day) { return day.isMonthEnd() ? 29 : day.day(); }

const char* TitleOf(RenewalDialog d)
{
    switch (d) {
        case RenewalDialog::Renew: return Tr(TextId::RnwRenewTitle);
        case RenewalDialog::Align: return Tr(TextId::RnwAlignTitle);
        case RenewalDialog::EnableAuto: return Tr(TextId::RnwEnableAutoTitle);
        case RenewalDialog::ModifyAuto: return Tr(TextId::RnwModifyAutoTitle);
        case RenewalDialog::SetManual: return Tr(TextId::RnwSetManualTitle);
        case RenewalDialog::ToOnDemand: return Tr(TextId::RnwToOnDemandTitle);
        case RenewalDialog::NoRenew: return Tr(TextId::RnwNoRenewTitle);
        case RenewalDialog::Release: return Tr(TextId::RnwReleaseTitle);
        case RenewalDialog::DeductionDay: return Tr(TextId::RnwDeductionTitle);
        case RenewalDialog::ExportList: return Tr(TextId::RnwExportList);
        case RenewalDialog::None: break;
    }
    return "";
}

void Close(RenewalDialogState& d)
{
    d.open = RenewalDialog::None;
    ImGui::CloseCurrentPopup();
}

// The instances the dialog acts on: a count, then one line each (scrolls when many).
void DrawInstanceList(const Workspace& ws, const RenewalDialogState& d, float em)
{
    ImGui::TextDisabled(Tr(TextId::RnwInstances), static_cast<int>(d.ids.size()), d.resources);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float lines = std::clamp(static_cast<float>(d.ids.size()), 1.0f, 5.0f);
    const float height =
        lines * ImGui::GetTextLineHeightWithSpacing() - style.ItemSpacing.y + style.WindowPadding.y * 2 + 2;
    ImGui::BeginChild("##instances", ImVec2(0, height), true);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(d.ids.size()));
    while (clipper.Step())
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const Resource* r = ws.findResource(d.ids[i]);
            if (!r) {
                ImGui::TextUnformatted(d.ids[i].c_str());
                continue;
            }
            ImGui::TextUnformatted(r->resource_name.empty() ? r->resource_id.c_str() : r->resource_name.c_str());
            ImGui::SameLine(em * 12);
            ImGui::TextDisabled("%s", r->resource_id.c_str());
        }
    ImGui::EndChild();
}

// The last attempt's refusals, in red, each pending order with a link to it.
void DrawRefusals(AppState& app, RenewalDialogState& d, const Refusals& refusals)
{
    if (refusals.empty()) return;
    const Workspace& ws = *app.workspace;
    ImGui::PushStyleColor(ImGuiCol_Text, ErrorColour());
    ImGui::TextUnformatted(Tr(TextId::RnwRefused));
    ImGui::PopStyleColor();
    const std::size_t shown = std::min<std::size_t>(refusals.size(), 8);
    for (std::size_t i = 0; i < shown; ++i) {
        const Refusal& r = refusals[i];
        ImGui::PushStyleColor(ImGuiCol_Text, ErrorColour());
        ImGui::Bullet();
        ImGui::TextWrapped("%s", RefusalWords(r, RefusalScope::Renewal, &ws).c_str());
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %s", r.code.c_str(), r.message.c_str());
        if (r.code == "pending_order") {
            const std::optional<std::size_t> at = ws.positionOfResource(r.subject);
            const RenewalIndex& ix = app.renewals.index;
            std::optional<std::size_t> head = at ? ix.headOf(*at) : std::nullopt;
            if (auto o = head ? ix.pendingOrderOf(*head) : std::nullopt; o && *o < ws.orders.size()) {
                const Order& order = ws.orders[*o];
                const std::string id = order.combined_order_id.value_or(order.order_id);
                ImGui::Indent();
                ImGui::PushID(static_cast<int>(i));
                if (RnwLinkButton(Format(Tr(TextId::RnwGoToOrder), id.c_str()).c_str())) {
                    GoToPendingOrder(app, id);
                    Close(d);
                }
                ImGui::PopID();
                ImGui::Unindent();
            }
        }
    }
    if (refusals.size() > shown) ImGui::TextDisabled("… +%d", static_cast<int>(refusals.size() - shown));
}

bool DayCombo(const char* id, int& choice, float width)
{
    bool changed = false;
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(id, UnifiedDayWords(DayOfChoice(choice)).c_str())) {
        for (int c = 1; c <= 29; ++c)
            if (ImGui::Selectable(UnifiedDayWords(DayOfChoice(c)).c_str(), c == choice)) {
                changed = choice != c;
                choice = c;
            }
        ImGui::EndCombo();
    }
    return changed;
}

// "续费时长  [1个月] [2个月] ... [1年]": the durations every instance offers, or why there are none.
void DurationRow(TextId label, RenewalDialogState& d, float em, float width)
{
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr(label));
    ImGui::SameLine(em * 7);
    if (d.durations.empty()) {
        ErrorText(Tr(TextId::RnwNoDuration));
        return;
    }
    ImGui::BeginGroup();
    DurationButtons(d.durations, d.duration, width - em * 7);
    ImGui::EndGroup();
}

bool HasDuration(const RenewalDialogState& d)
{
    return d.duration >= 0 && d.duration < static_cast<int>(d.durations.size());
}

// The count of auto-renewals: nullopt = no limit.
std::optional<int> ChosenTimes(const RenewalDialogState& d)
{
    return d.limitTimes ? std::optional<int>(d.times) : std::nullopt;
}

// "… [ 6 ] 次" after the item before it, when a count is asked for (seed 4.2.2.1 step 6: 1..99).
void TimesInput(RenewalDialogState& d, float em)
{
    if (!d.limitTimes) return;
    ImGui::SameLine();
    ImGui::SetNextItemWidth(em * 7);
    ImGui::InputInt("##times", &d.times);
    d.times = std::clamp(d.times, 1, kMaxAutoRenewTimes);
    ImGui::SameLine();
    ImGui::TextUnformatted(Tr(TextId::RnwTimes));
}

// "[ ] 预设自动续费次数 [ 6 ] 次": unticked = no limit.
void TimesRow(RenewalDialogState& d, float em)
{
    ImGui::Checkbox(Tr(TextId::RnwAutoTimes), &d.limitTimes);
    TimesInput(d, em);
}

// What was done, in green, with its notes; Close (Enter).
void DrawDone(RenewalDialogState& d)
{
    ImGui::PushStyleColor(ImGuiCol_Text, SuccessColour());
    ImGui::TextWrapped("%s", d.message.c_str());
    ImGui::PopStyleColor();
    for (const std::string& n : d.notes) ImGui::BulletText("%s", n.c_str());
    ImGui::Spacing();
    if (ImGui::Button(Tr(TextId::RnwClose)) || EnterPressed()) Close(d);
}

// The top of a dialog that acts on instances: the instances; once the operation is done, its outcome
// and Close. True while the dialog still asks.
bool StillAsking(const Workspace& ws, RenewalDialogState& d, float em)
{
    DrawInstanceList(ws, d, em);
    if (!d.done) return true;
    DrawDone(d);
    return false;
}

// [SECTION] Quotes (Renew, Align)

void UpdateQuote(AppState& app, RenewalDialogState& d)
{
    const bool align = d.open == RenewalDialog::Align;
    const bool unify = align || d.unify;
    if (d.quoteRevision == app.revision && d.quoteDuration == d.duration && d.quoteUnify == unify &&
        d.quoteDay == d.unifiedDay && d.quoteLanguage == QuoteLanguage())
        return;
    RenewalRequest req;
    req.resource_ids = d.ids;
    if (!align && HasDuration(d)) req.duration = d.durations[d.duration];
    if (unify) req.unified_day = DayOfChoice(d.unifiedDay);
    req.align_only = align;
    req.as_of = AsOf(app);
    req.label_language = QuoteLanguage();
    d.quote = QuoteRenewal(*app.workspace, req);
    d.quoteRows.clear();
    for (int i = 0; i < static_cast<int>(d.quote.items.size()); ++i) {
        d.quoteRows.push_back({i, -1});
        for (int l = 0; l < static_cast<int>(d.quote.items[i].lines.size()); ++l) d.quoteRows.push_back({i, l});
    }
    d.quoteRevision = app.revision;
    d.quoteDuration = d.duration;
    d.quoteUnify = unify;
    d.quoteDay = d.unifiedDay;
    d.quoteLanguage = QuoteLanguage();
    if (d.quote.ok()) app.announcement = Format(Tr(TextId::RnwAnnounce), d.quote.total.display().c_str());
}

std::string QuoteText(const Workspace& ws, const RenewalQuote& q)
{
    std::string text = Format(Tr(TextId::RnwQuoteHeader), ConsoleTime(ws, q.as_of).c_str()) + "\n";
    for (const RenewalQuoteItem& item : q.items) {
        const Resource* r = ws.findResource(item.resource_id);
        text +=
            "\n" + (r && !r->resource_name.empty() ? r->resource_name + " " : std::string()) + item.resource_id + "\n";
        text += "  " + ConsoleTime(ws, item.old_expire_time) + " -> " + ConsoleTime(ws, item.new_expire_time) + "\n";
        for (const QuoteLine& line : item.lines) text += "  " + line.label + " = " + line.amount.display() + "\n";
        text += "  " + std::string(Tr(TextId::RnwColAmount)) + " " + item.amount.display() + "\n";
    }
    text += "\n" + Format(Tr(TextId::RnwTotal), q.total.display().c_str()) + "\n" + Tr(TextId::RnwReference) + "\n";
    return text;
}

// The quote's items with their arithmetic lines (scrolls when long).
void DrawQuoteList(const Workspace& ws, const RenewalDialogState& d, float em, float width)
{
    const RenewalQuote& q = d.quote;
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float height =
        std::min(static_cast<float>(d.quoteRows.size() + 1), 12.0f) * line + ImGui::GetStyle().WindowPadding.y * 2;
    const float cOld = width * 0.30f, cNew = width * 0.53f, cExtra = width * 0.76f, cAmount = width * 0.86f;
    ImGui::TextDisabled("%s", Tr(TextId::RnwColInstance));
    ImGui::SameLine(cOld);
    ImGui::TextDisabled("%s", Tr(TextId::RnwColOldExpiry));
    ImGui::SameLine(cNew);
    ImGui::TextDisabled("%s", Tr(TextId::RnwColNewExpiry));
    ImGui::SameLine(cExtra);
    ImGui::TextDisabled("%s", Tr(TextId::RnwColExtraDays));
    ImGui::SameLine(cAmount);
    ImGui::TextDisabled("%s", Tr(TextId::RnwColAmount));
    ImGui::BeginChild("##quote", ImVec2(0, height), true);
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(d.quoteRows.size()));
    while (clipper.Step())
        for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
            const QuoteRow& qr = d.quoteRows[row];
            const RenewalQuoteItem& item = q.items[qr.item];
            if (qr.line >= 0) {
                const QuoteLine& l = item.lines[qr.line];
                ImGui::SetCursorPosX(ImGui::GetCursorPosX() + em * 1.2f);
                ImGui::TextDisabled("%s", l.label.c_str());
                ImGui::SameLine(cAmount);
                ImGui::TextDisabled("%s", l.amount.display().c_str());
                continue;
            }
            const Resource* r = ws.findResource(item.resource_id);
            const std::string name = r && !r->resource_name.empty() ? r->resource_name : item.resource_id.str();
            ImGui::TextUnformatted(name.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", item.resource_id.c_str());
            const std::string oldTime = ConsoleTime(ws, item.old_expire_time),
                              newTime = ConsoleTime(ws, item.new_expire_time);
            ImGui::SameLine(cOld);
            ImGui::TextUnformatted(oldTime.substr(0, oldTime.rfind(' ')).c_str());
            if (item.expired && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", Tr(TextId::RnwExpired));
            ImGui::SameLine(cNew);
            ImGui::TextUnformatted(newTime.substr(0, newTime.rfind(' ')).c_str());
            ImGui::SameLine(cExtra);
            if (item.extra_days > 0) ImGui::Text("%lld", static_cast<long long>(item.extra_days));
            else ImGui::TextDisabled("-");
            ImGui::SameLine(cAmount);
            ImGui::TextUnformatted(item.amount.display().c_str());
        }
    ImGui::EndChild();
}

void DrawTotal(const RenewalQuote& q)
{
    ImGui::PushFont(HeadingFont());
    ImGui::Text(Tr(TextId::RnwTotal), q.total.display().c_str());
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("%s", Tr(TextId::RnwReference));
}

void PlaceOrders(AppState& app, RenewalDialogState& d)
{
    const bool align = d.open == RenewalDialog::Align;
    RenewalRequest req;
    req.resource_ids = d.ids;
    if (!align && HasDuration(d)) req.duration = d.durations[d.duration];
    if (align || d.unify) req.unified_day = DayOfChoice(d.unifiedDay);
    req.align_only = align;
    req.as_of = AsOf(app);
    req.label_language = QuoteLanguage();
    if (!align && d.autoRenew && !d.allAuto) req.auto_renew = AutoRenewOnPayment{ChosenTimes(d)};
    PlacedRenewal placed = PlaceRenewalOrders(*app.workspace, req);
    if (!placed.ok()) {
        d.refusals = placed.quote.refusals;
        return;
    }
    // The renewal page keeps a line about the order, for a user who closes the payment dialog unpaid
    // (seed 4.2.1.1 step 8 说明: it stays in 待支付订单, to be paid later).
    std::string message =
        Format(Tr(TextId::RnwPlaced), placed.order_id.c_str(), static_cast<int>(placed.sub_order_ids.size()));
    if (req.auto_renew && req.duration) {
        const std::string times = req.auto_renew->times ? Format(Tr(TextId::RnwTimesN), *req.auto_renew->times)
                                                        : Tr(TextId::RnwTimesUnlimited);
        message += " " + Format(Tr(TextId::RnwPlacedAuto), DurationWords(*req.duration).c_str(), times.c_str());
    }
    app.renewals.message = std::move(message);
    MarkChanged(app);
    // 去支付 (seed 4.2.1.1 steps 7-8): straight on to the payment dialog of the new order.
    GoToPendingOrder(app, placed.order_id);
    OpenPaymentDialog(app.pendingOrders, {placed.order_id}, false);
    Close(d);
}

// 自动续费 of the renew dialog (seed 4.2.1.1 step 7): every time for the chosen duration, a count or
// no limit (4.2.2.1 step 6); set once the order is paid.
void DrawAutoRenewChoice(RenewalDialogState& d, float em)
{
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr(TextId::RnwAutoRenewLabel));
    ImGui::SameLine(em * 7);
    if (d.allAuto) {
        ImGui::TextDisabled("%s", Tr(TextId::RnwAutoRenewAlready));
        return;
    }
    ImGui::BeginGroup();
    ImGui::Checkbox(Tr(TextId::RnwAutoRenewTick), &d.autoRenew);
    if (d.autoRenew) {
        ImGui::SameLine(0, em);
        TimesRow(d, em);
        const std::string period = HasDuration(d) ? DurationWords(d.durations[d.duration]) : std::string("-");
        ImGui::TextDisabled("%s", Format(Tr(TextId::RnwAutoRenewNote), period.c_str()).c_str());
    }
    ImGui::EndGroup();
}

void DrawQuoteDialog(AppState& app, RenewalDialogState& d, float em, float width)
{
    const Workspace& ws = *app.workspace;
    const bool align = d.open == RenewalDialog::Align;
    DrawInstanceList(ws, d, em);
    ImGui::Spacing();
    // seed 4.2.3 steps 5-7: the day, 确定 (sets the account's day: 设置统一到期日成功), then 去支付 (optional).
    bool daySet = true;
    if (align) {
        ImGui::TextWrapped("%s", Tr(TextId::RnwAlignNote));
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(Tr(TextId::RnwAlignDay));
        ImGui::SameLine(em * 7);
        DayCombo("##day", d.unifiedDay, em * 10);
        ImGui::SameLine();
        if (ImGui::Button(Tr(TextId::RnwAlignConfirm))) {
            Refusals r = SetUnifiedExpiryDay(*app.workspace, DayOfChoice(d.unifiedDay));
            if (r.empty()) {
                app.renewals.message = Tr(TextId::RnwAlignSetDone);
                d.notes = {Tr(TextId::RnwAlignSetDone)};
                MarkChanged(app);
            } else {
                d.refusals = std::move(r);
            }
        }
        daySet = ws.account.unified_expiry_day == DayOfChoice(d.unifiedDay);
        if (!daySet) ImGui::TextDisabled("%s", Tr(TextId::RnwAlignSetFirst));
    } else {
        DurationRow(TextId::RnwDuration, d, em, width);
        DrawAutoRenewChoice(d, em);
        ImGui::AlignTextToFramePadding();
        ImGui::Checkbox(Tr(TextId::RnwUnify), &d.unify);
        ImGui::SameLine();
        ImGui::BeginDisabled(!d.unify);
        DayCombo("##day", d.unifiedDay, em * 10);
        ImGui::EndDisabled();
        if (d.unify) ImGui::TextDisabled("%s", Tr(TextId::RnwUnifyNote));
    }
    UpdateQuote(app, d);
    ImGui::Spacing();
    if (d.quote.ok()) {
        DrawQuoteList(ws, d, em, width);
        DrawTotal(d.quote);
    }
    DrawRefusals(app, d, d.quote.ok() ? d.refusals : d.quote.refusals);
    ImGui::Spacing();
    ImGui::Separator();
    const bool can = d.quote.ok() && !d.quote.items.empty() && daySet;
    ImGui::BeginDisabled(!can);
    const bool confirm = ImGui::Button(Tr(TextId::RnwGoPay)) || (can && EnterPressed());
    ImGui::SameLine();
    if (ImGui::Button(Tr(TextId::RnwCopyQuote))) {
        app.clipboard = QuoteText(ws, d.quote);
        d.notes = {Tr(TextId::RnwCopied)};
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (PrintSheetButton(d.quote.ok() && !d.quote.items.empty()))
        PrintQuoteSheet(
            RenewalSheet(ws, d.quote, d.open == RenewalDialog::Align ? SheetKind::Alignment : SheetKind::Renewal));
    ImGui::SameLine();
    if (ImGui::Button(Tr(TextId::RnwCancel))) {
        Close(d);
        return;
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s", Tr(TextId::RnwKeysHint));
    for (const std::string& n : d.notes) ImGui::TextDisabled("%s", n.c_str());
    if (confirm && can) PlaceOrders(app, d);
}

// [SECTION] Policy operations (auto-renew, manual, to on-demand, no renew, release, deduction day, export)

// Records the outcome of a policy operation in the dialog (refused: nothing changed).
void Outcome(AppState& app, RenewalDialogState& d, const PolicyChange& c)
{
    if (!c.ok()) {
        d.refusals = c.refusals;
        return;
    }
    const Workspace& ws = *app.workspace;
    d.refusals.clear();
    d.notes.clear();
    d.done = true;
    d.message = Format(Tr(TextId::RnwDone), static_cast<int>(c.changed.size()));
    for (const AutoRenewCharge& charge : c.charges)
        d.notes.push_back(Format(Tr(TextId::RnwChargedNow),
                                 (charge.resource_id + " " + charge.amount.display()).c_str(),
                                 ConsoleTime(ws, charge.new_expire_time).c_str()));
    for (const Refusal& f : c.charge_failures)
        d.notes.push_back(Format(Tr(TextId::RnwChargeFailed), RefusalWords(f, RefusalScope::Renewal, &ws).c_str()));
    app.renewals.message = d.message;
    MarkChanged(app);
}

// The buttons of a confirmation: OK (Enter) and Cancel.
bool ConfirmButtons(RenewalDialogState& d, const char* ok, bool enabled = true)
{
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::BeginDisabled(!enabled);
    bool pressed = ImGui::Button(ok);
    ImGui::EndDisabled();
    pressed = (pressed || EnterPressed()) && enabled;
    ImGui::SameLine();
    if (ImGui::Button(Tr(TextId::RnwCancel))) {
        Close(d);
        return false;
    }
    ImGui::SameLine();
    ImGui::TextDisabled("%s", Tr(TextId::RnwKeysHint));
    return pressed;
}

void DrawAutoDialog(AppState& app, RenewalDialogState& d, float em, float width)
{
    Workspace& ws = *app.workspace;
    if (!StillAsking(ws, d, em)) return;
    const bool modify = d.open == RenewalDialog::ModifyAuto;
    ImGui::Spacing();
    if (modify) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(Tr(TextId::RnwRenewMode));
        ImGui::SameLine(em * 7);
        ImGui::RadioButton(Tr(TextId::RnwModeAuto), &d.mode, 0);
        ImGui::SameLine();
        ImGui::RadioButton(Tr(TextId::RnwModeManual), &d.mode, 1);
    }
    if (!modify || d.mode == 0) {
        DurationRow(TextId::RnwAutoPeriod, d, em, width);
        ImGui::TextDisabled("%s", Tr(TextId::RnwAutoPeriodNote));
        ImGui::Spacing();
        if (modify) {
            ImGui::Checkbox(Tr(TextId::RnwResetTimes), &d.resetTimes);
            if (d.resetTimes) {
                ImGui::Indent();
                int limited = d.limitTimes ? 1 : 0;
                ImGui::RadioButton(Tr(TextId::RnwUnlimited), &limited, 0);
                ImGui::SameLine();
                ImGui::RadioButton(Tr(TextId::RnwLimited), &limited, 1);
                d.limitTimes = limited == 1;
                TimesInput(d, em);
                ImGui::Unindent();
            } else {
                ImGui::TextDisabled("%s", Tr(TextId::RnwResetNote));
            }
        } else {
            TimesRow(d, em);
            ImGui::TextDisabled("%s", Tr(TextId::RnwAutoTimesNote));
        }
        if (d.ids.size() == 1)
            if (const Resource* r = ws.findResource(d.ids.front()))
                ImGui::TextDisabled(Tr(TextId::RnwNextCharge),
                                    ConsoleTime(ws, NextDeduction(*r, ws.account, ws.rules)).c_str());
    } else {
        ImGui::TextWrapped("%s", Tr(TextId::RnwManualNote));
    }
    DrawRefusals(app, d, d.refusals);
    const bool needsDuration = !modify || d.mode == 0;
    const bool enabled = !needsDuration || HasDuration(d);
    if (!ConfirmButtons(d, modify ? Tr(TextId::RnwOk) : Tr(TextId::RnwEnable), enabled)) return;
    const Instant now = AsOf(app);
    if (modify && d.mode == 1) {
        Outcome(app, d, CancelAutoRenew(ws, d.ids, now));
        return;
    }
    const RenewalDuration duration = d.durations[d.duration];
    const std::optional<int> times = ChosenTimes(d);
    if (modify) Outcome(app, d, ModifyAutoRenew(ws, d.ids, AutoRenewChange{duration, d.resetTimes, times}, now));
    else Outcome(app, d, EnableAutoRenew(ws, d.ids, AutoRenewPlan{duration, times}, now));
}

void DrawPolicyDialog(AppState& app, RenewalDialogState& d, float em)
{
    Workspace& ws = *app.workspace;
    if (!StillAsking(ws, d, em)) return;
    ImGui::Spacing();
    const TextId note = d.open == RenewalDialog::SetManual    ? TextId::RnwSetManualNote
                        : d.open == RenewalDialog::ToOnDemand ? TextId::RnwToOnDemandNote
                                                              : TextId::RnwNoRenewNote;
    ImGui::TextWrapped("%s", Tr(note));
    DrawRefusals(app, d, d.refusals);
    // seed 4.2.4 step 6: the page's button reads 到期转按需
    const TextId ok = d.open == RenewalDialog::ToOnDemand ? TextId::RnwToOnDemand : TextId::RnwOk;
    if (!ConfirmButtons(d, Tr(ok))) return;
    const Instant now = AsOf(app);
    switch (d.open) {
        case RenewalDialog::SetManual: {
            // From 自动续费项 this is 取消自动续费 (seed 4.2.2.3); from the other tabs 设为手动续费 (4.2.1.2).
            Outcome(app, d,
                    AllAutoRenew(ws, d.ids) ? CancelAutoRenew(ws, d.ids, now) : SetManualRenewal(ws, d.ids, now));
            break;
        }
        case RenewalDialog::ToOnDemand: Outcome(app, d, SetToOnDemand(ws, d.ids, now)); break;
        case RenewalDialog::NoRenew: Outcome(app, d, SetNoRenew(ws, d.ids, now)); break;
        default: break;
    }
}

void DrawReleaseDialog(AppState& app, RenewalDialogState& d, float em)
{
    Workspace& ws = *app.workspace;
    if (!StillAsking(ws, d, em)) return;
    ImGui::Spacing();
    ErrorText(Tr(TextId::RnwReleaseWarning));
    ImGui::TextWrapped("%s", Tr(TextId::RnwReleaseRules));
    // The bound resources that go along.
    for (const std::string& id : d.ids) {
        const Resource* main = ws.findResource(id);
        if (!main) continue;
        for (const Resource* a : BoundGoingWith(ws, *main))
            ImGui::BulletText("%s  %s", a->resource_name.empty() ? a->resource_id.c_str() : a->resource_name.c_str(),
                              Tr(TextId::RnwAlsoReleased));
    }
    ImGui::Spacing();
    DrawRefusals(app, d, d.refusals);
    // seed 4.2.6 steps 7-8: 释放, then 确定 in a second question
    if (!d.confirmed) {
        if (ConfirmButtons(d, Tr(TextId::RnwRelease))) d.confirmed = true;
        return;
    }
    ImGui::Spacing();
    ErrorText(Tr(TextId::RnwReleaseAsk));
    if (!ConfirmButtons(d, Tr(TextId::RnwOk))) return;
    Release r = ReleaseResources(ws, d.ids, AsOf(app));
    if (!r.ok()) {
        d.refusals = r.refusals;
        return;
    }
    d.refusals.clear();
    d.done = true;
    d.message = Format(Tr(TextId::RnwReleased), static_cast<int>(r.released.size()));
    app.renewals.message = d.message;
    MarkChanged(app);
}

void DrawDeductionDialog(AppState& app, RenewalDialogState& d, float em)
{
    Workspace& ws = *app.workspace;
    if (d.done) {
        DrawDone(d);
        return;
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr(TextId::RnwDeductionTitle));
    ImGui::SameLine(em * 9);
    ImGui::SetNextItemWidth(em * 9);
    if (ImGui::BeginCombo("##days", Format(Tr(TextId::RnwDeductionDays), d.deductionDays).c_str())) {
        for (int n = kMinDeductionDaysBefore; n <= kMaxDeductionDaysBefore; ++n)
            if (ImGui::Selectable(Format(Tr(TextId::RnwDeductionDays), n).c_str(), n == d.deductionDays))
                d.deductionDays = n;
        ImGui::EndCombo();
    }
    ImGui::TextWrapped("%s", Tr(TextId::RnwDeductionNote));
    ImGui::Checkbox(Tr(TextId::RnwDeductionConfirm), &d.confirmed);
    DrawRefusals(app, d, d.refusals);
    if (!ConfirmButtons(d, Tr(TextId::RnwOk), d.confirmed)) return;
    Outcome(app, d, SetDeductionDaysBefore(ws, d.deductionDays, AsOf(app)));
}

void DrawExportListDialog(AppState& app, RenewalDialogState& d, float em, float width)
{
    const Workspace& ws = *app.workspace;
    DrawInstanceList(ws, d, em);
    ImGui::Spacing();
    ImGui::TextWrapped(Tr(TextId::RnwExportListNote), ws.rules.renewal_list_max);
    DurationRow(TextId::RnwDuration, d, em, width);
    DrawExportRefusals(app, ExportKind::RenewalList);
    if (!ConfirmButtons(d, Tr(TextId::RnwExportDo), HasDuration(d))) return;
    // The listed resources with their bound ones (each gets its own row under its main).
    ExportRequest req;
    req.kind = ExportKind::RenewalList;
    req.ids = d.ids;
    req.duration = d.durations[d.duration];
    req.language = CurrentLang() == Lang::Zh ? HeaderLanguage::Chinese : HeaderLanguage::English;
    req.as_of = AsOf(app);
    if (ExportAndDownload(app, req).ok()) Close(d);  // ExportAndDownload shows 导出记录 (seed 4.2.7.1 step 7)
}

}  // namespace

// [SECTION] Opening and drawing the dialog (public)

void OpenRenewalDialog(AppState& app, RenewalDialog which, std::vector<std::string> ids)
{
    if (!app.workspace) return;
    const Workspace& ws = *app.workspace;
    RenewalDialogState& d = app.renewals.dialog;
    d = RenewalDialogState{};
    d.open = which;
    d.opening = true;
    d.ids = std::move(ids);
    d.resources = 0;
    for (const std::string& id : d.ids) {
        ++d.resources;
        if (const Resource* main = ws.findResource(id))
            d.resources += static_cast<int>(BoundGoingWith(ws, *main).size());
    }
    d.unifiedDay = ChoiceOfDay(AccountUnifiedDay(ws));
    d.allAuto = AllAutoRenew(ws, d.ids);
    d.deductionDays = std::clamp(ws.account.deduction_days_before, kMinDeductionDaysBefore, kMaxDeductionDaysBefore);
    if (which == RenewalDialog::ExportList) ClearExportRefusals(app);
    if (which == RenewalDialog::Renew || which == RenewalDialog::EnableAuto || which == RenewalDialog::ModifyAuto ||
        which == RenewalDialog::ExportList) {
        const auto each = OfferedEach(ws, d.ids);
        d.durations = CommonDurations(each);
        if (which == RenewalDialog::Renew || which == RenewalDialog::ExportList) {
            // Seed 4.2.1.1 step 7: one instance its own default, several the common one (1 year preferred).
            d.duration =
                IndexOf(d.durations, each.size() == 1 ? DefaultDuration(each.front()) : CommonDefaultDuration(each));
        } else {
            // Auto-renew: the current period when it is offered (修改), else the shortest in the unit bought
            // (the dialog's pre-selection, a drawing default: the engine checks whatever is chosen).
            const Resource* first = d.ids.empty() ? nullptr : ws.findResource(d.ids.front());
            std::optional<RenewalDuration> pick;
            if (first && first->renewal_policy == RenewalPolicy::Auto) {
                const AutoRenew a = AutoRenewOf(*first);
                pick = RenewalDuration{a.period, a.period_num};
                if (a.times_left) {
                    d.limitTimes = true;
                    d.times = std::max(1, *a.times_left);
                }
            } else if (const Product* p = first ? ProductOf(ws, *first) : nullptr) {
                const TermUnit unit = PurchasedUnit(*first, *p, ws.rules.zone);
                for (const RenewalDuration& dur : d.durations)
                    if (dur.unit == unit) {
                        pick = dur;
                        break;
                    }
            }
            d.duration = IndexOf(d.durations, pick);
        }
    }
}

void DrawRenewalDialogs(AppState& app)
{
    RenewalDialogState& d = app.renewals.dialog;
    if (d.open == RenewalDialog::None || !app.workspace) return;
    const float em = ImGui::GetFontSize();
    const bool wide = d.open == RenewalDialog::Renew || d.open == RenewalDialog::Align;
    const float widthEm = wide ? 52.0f : 34.0f;
    const float width = std::min(ImGui::GetMainViewport()->WorkSize.x * 0.94f, em * widthEm);  // as BeginDialog
    const std::string name = std::string(TitleOf(d.open)) + "###rnw-dialog";
    bool visible = true;
    if (!BeginDialog(name.c_str(), &d.opening, &visible, widthEm, 0)) {
        d.open = RenewalDialog::None;
        return;
    }
    const float inner = width - ImGui::GetStyle().WindowPadding.x * 2;
    ImGui::PushTextWrapPos(inner + ImGui::GetCursorPosX());
    if (KeyPressed(ImGuiKey_Escape)) {
        Close(d);
    } else {
        switch (d.open) {
            case RenewalDialog::Renew:
            case RenewalDialog::Align: DrawQuoteDialog(app, d, em, inner); break;
            case RenewalDialog::EnableAuto:
            case RenewalDialog::ModifyAuto: DrawAutoDialog(app, d, em, inner); break;
            case RenewalDialog::SetManual:
            case RenewalDialog::ToOnDemand:
            case RenewalDialog::NoRenew: DrawPolicyDialog(app, d, em); break;
            case RenewalDialog::Release: DrawReleaseDialog(app, d, em); break;
            case RenewalDialog::DeductionDay: DrawDeductionDialog(app, d, em); break;
            case RenewalDialog::ExportList: DrawExportListDialog(app, d, em, inner); break;
            case RenewalDialog::None: break;
        }
    }
    ImGui::PopTextWrapPos();
    EndDialog();
}

}  // namespace qd::ui
