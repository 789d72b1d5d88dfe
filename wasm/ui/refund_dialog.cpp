// The unsubscribe dialog of 云服务退订 (refund_dialog.h).
//
// Index of this file (search for "[SECTION]" to jump):
//   [SECTION] The refund preview in words (RefundPreviewText)
//   [SECTION] The dialog: instance table, details, reasons, confirmation, result
//   [SECTION] Opening and drawing the dialog (public)

#include "ui/refund_dialog.h"

#include <imgui.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <iterator>

#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/labels.h"
#include "ui/quote_sheet.h"

namespace qd::ui {

// [SECTION] The refund preview in words (RefundPreviewText)

namespace {

TextId ScenarioText(UnsubscribeScenario s)
{
    switch (s) {
        case UnsubscribeScenario::FiveDay: return TextId::UnsScnFiveDay;
        case UnsubscribeScenario::Standard: return TextId::UnsScnStandard;
        case UnsubscribeScenario::NotEffective: return TextId::UnsScnNotEffective;
        case UnsubscribeScenario::RenewalPeriods: return TextId::UnsScnPeriods;
        case UnsubscribeScenario::Failed: return TextId::UnsScnFailed;
        case UnsubscribeScenario::NotAllowed: break;
    }
    return TextId::UnsScnNotAllowed;
}

TextId TitleText(RefundKind k)
{
    switch (k) {
        case RefundKind::InUse: return TextId::UnsDlgTitleInUse;
        case RefundKind::NotEffective: return TextId::UnsDlgTitleNotEffective;
        case RefundKind::Periods: break;
    }
    return TextId::UnsDlgTitlePeriods;
}

std::string Day(const Workspace& ws, Instant t) { return FormatLocalDate(LocalDateOf(t, ws.rules.zone)); }

// One computation or refund line of an item in words, from the line's own data (refund.h RefundLine:
// period kind, paid parts, voucher returned, term, year of use, rate); `paidBefore` is the paid line the
// consumed and fee lines are computed from.
std::string LineWords(const Workspace& ws, const RefundLine& line, const RefundLine* paidBefore)
{
    const bool zh = CurrentLang() == Lang::Zh;
    switch (line.kind) {
        case RefundLineKind::Paid: {
            const std::string from = line.period_start ? Day(ws, *line.period_start) : "?";
            const std::string to = line.period_end ? Day(ws, *line.period_end) : "?";
            const char* kind = Label(line.period_kind == PeriodKind::Renewal ? OrderType::Renewal : OrderType::New);
            std::string out =
                line.order_id.empty()
                    ? Format(Tr(TextId::UnsLinePaidNoOrder), from.c_str(), to.c_str(), kind)
                    : Format(Tr(TextId::UnsLinePaid), from.c_str(), to.c_str(), kind, line.order_id.c_str());
            if (line.paid_parts) {
                const PaidBreakdown& b = *line.paid_parts;
                std::string parts;
                auto part = [&](TextId name, Money m) {
                    if (m.isZero()) return;
                    if (!parts.empty()) parts += " + ";
                    parts += std::string(Tr(name)) + " " + m.display();
                };
                part(TextId::UnsCash, b.cash);
                if (line.voucher_returned) part(TextId::UnsVoucher, b.voucher);
                part(TextId::UnsFlexi, b.flexi_coupon);
                part(TextId::UnsCard, b.stored_card);
                if (!parts.empty()) out += (zh ? "：" : ": ") + parts;
                auto kept = [&](TextId name, Money m) {
                    if (m.isPositive())
                        out += (zh ? "；" : "; ") + Format(Tr(TextId::UnsNotReturned), Tr(name), m.display().c_str());
                };
                if (!line.voucher_returned) kept(TextId::UnsVoucher, b.voucher);
                kept(TextId::UnsDiscountCoupon, b.discount_coupon);
            }
            return out;
        }
        case RefundLineKind::Consumed: {
            const TextId unit = line.unit == ConsumedGranularity::Hour ? TextId::UnsHours : TextId::UnsDays;
            const std::string base = paidBefore ? paidBefore->amount.display() : "?";
            return Format(Tr(TextId::UnsLineConsumed), base.c_str(), static_cast<long long>(line.used), Tr(unit),
                          static_cast<long long>(line.ordered), Tr(unit));
        }
        case RefundLineKind::Fee: {
            const std::string term = line.term_months % 12 == 0
                                         ? Format(Tr(TextId::UnsTermYears), line.term_months / 12)
                                         : Format(Tr(TextId::UnsTermMonths), line.term_months);
            const std::string base = paidBefore ? paidBefore->amount.display() : "?";
            return Format(Tr(TextId::UnsLineFee), base.c_str(), line.rate_percent, term.c_str(), line.usage_year);
        }
        case RefundLineKind::NotCharged: return Tr(TextId::UnsLineNotCharged);
        case RefundLineKind::Cash: return Tr(TextId::UnsLineCash);
        case RefundLineKind::Voucher: return Tr(TextId::UnsLineVoucher);
        case RefundLineKind::FlexiCoupon: return Tr(TextId::UnsLineFlexi);
        case RefundLineKind::StoredCard: break;
    }
    return Tr(TextId::UnsLineCard);
}

// Calls fn(words, amount, isPart) for every line of an item, in order.
template <class Fn>
void ForEachLine(const Workspace& ws, const RefundItem& item, Fn fn)
{
    const RefundLine* paidBefore = nullptr;
    for (const RefundLine& line : item.lines) {
        fn(LineWords(ws, line, paidBefore), line.amount, IsRefundPart(line.kind));
        if (line.kind == RefundLineKind::Paid) paidBefore = &line;
    }
}

std::string InstanceName(const Workspace& ws, const std::string& id)
{
    const Resource* r = ws.findResource(id);
    if (!r || r->resource_name.empty()) return id;
    return r->resource_name + " (" + id + ")";
}

std::string ReasonWords(const RefundItem& item)
{
    const char* w = CodeWords(item.reason_code);
    return w ? std::string(w) : item.reason;
}

// large_refund, five_day_quota_unknown, balance_unknown (warned in the preview, refused on confirm, in
// the same words): refusal_words.cpp.
std::string WarningWords(const Workspace& ws, const Refusal& w) { return RefusalWords(w, RefusalScope::Any, &ws); }

}  // namespace

std::vector<RefundLineText> RefundLineTexts(const Workspace& ws, const RefundItem& item)
{
    std::vector<RefundLineText> out;
    ForEachLine(ws, item, [&](const std::string& words, Money amount, bool isPart) {
        out.push_back({words, amount, isPart});
    });
    return out;
}

const char* RefundScenarioWords(UnsubscribeScenario s) { return Tr(ScenarioText(s)); }
std::string RefundReasonWords(const RefundItem& item) { return ReasonWords(item); }
std::string RefundInstanceName(const Workspace& ws, const std::string& id) { return InstanceName(ws, id); }

std::string RefundPreviewText(const Workspace& ws, const RefundPreview& preview)
{
    const bool zh = CurrentLang() == Lang::Zh;
    std::string out = std::string(Tr(TextId::AsOf)) + (zh ? "：" : ": ") + ConsoleTime(ws, preview.as_of) + "\n";
    for (const RefundItem& item : preview.items) {
        out += "\n" + InstanceName(ws, item.resource_id) + " · " + Tr(ScenarioText(item.scenario)) + " · " +
               ReasonWords(item) + "\n";
        ForEachLine(ws, item, [&](const std::string& words, Money amount, bool) {
            out += "  " + words + "  " + amount.display() + "\n";
        });
        out += "  " + std::string(Tr(TextId::UnsActualRefund)) + "  " + item.total.display() + "\n";
    }
    out += "\n" + std::string(Tr(TextId::UnsTotalRow)) + (zh ? "：" : ": ") + std::string(Tr(TextId::UnsActualRefund)) +
           " " + preview.total.display() + "\n";
    out += "  " + Format(Tr(TextId::UnsBackToCash), preview.refund.cash.display().c_str()) + "\n";
    if (preview.refund.voucher.isPositive())
        out += "  " + Format(Tr(TextId::UnsBackVoucher), preview.refund.voucher.display().c_str()) + "\n";
    if (preview.refund.flexi_coupon.isPositive())
        out += "  " + Format(Tr(TextId::UnsBackFlexi), preview.refund.flexi_coupon.display().c_str()) + "\n";
    if (preview.refund.stored_card.isPositive())
        out += "  " + Format(Tr(TextId::UnsBackCard), preview.refund.stored_card.display().c_str()) + "\n";
    for (const Refusal& w : preview.warnings) out += WarningWords(ws, w) + "\n";
    for (const Refusal& r : preview.refusals) out += RefusalWords(r) + "\n";
    return out;
}

// [SECTION] The dialog: instance table, details, reasons, confirmation, result

namespace {

// An amount in a column headed "(¥)": "54,000.00".
std::string Amount(Money m)
{
    std::string s = m.display();
    const std::string yuan = "¥";
    if (const std::size_t pos = s.find(yuan); pos != std::string::npos) s.erase(pos, yuan.size());
    return s;
}

void TextRight(const std::string& s)
{
    const float w = ImGui::CalcTextSize(s.c_str()).x;
    const float avail = ImGui::GetContentRegionAvail().x;
    if (avail > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - w);
    ImGui::TextUnformatted(s.c_str());
}

RefundRequest RequestOf(const RefundDialogState& dlg, Instant now)
{
    RefundRequest req;
    req.resource_ids = dlg.resourceIds;
    req.periods_only = dlg.kind == RefundKind::Periods;
    if (req.periods_only && !dlg.keepChoices.empty())
        req.keep_until = dlg.keepChoices[static_cast<std::size_t>(
            std::clamp(dlg.keepChoice, 0, static_cast<int>(dlg.keepChoices.size()) - 1))];
    req.as_of = now;
    return req;
}

void BuildPreview(AppState& app, RefundDialogState& dlg, Instant now)
{
    const Workspace& ws = *app.workspace;
    dlg.preview = PreviewRefund(ws, RequestOf(dlg, now));
    dlg.previewBuilt = true;
    dlg.previewRevision = app.revision;
    dlg.previewAsOf = now;
    if (dlg.preview.ok()) app.announcement = Format(Tr(TextId::UnsAnnounce), dlg.preview.total.display().c_str());
}

int LimitCharacters(ImGuiInputTextCallbackData* data)
{
    if (data->EventFlag != ImGuiInputTextFlags_CallbackEdit) return 0;
    std::size_t count = 0;
    for (int i = 0; i < data->BufTextLen; ++i) {
        if ((static_cast<unsigned char>(data->Buf[i]) & 0xC0) == 0x80) continue;
        if (++count > static_cast<std::size_t>(kUnsubscribeReasonTextMax)) {
            data->DeleteChars(i, data->BufTextLen - i);
            break;
        }
    }
    return 0;
}

bool AllAllowed(const RefundPreview& p)
{
    if (!p.ok() || p.items.empty()) return false;
    return std::none_of(p.items.begin(), p.items.end(),
                        [](const RefundItem& i) { return i.scenario == UnsubscribeScenario::NotAllowed; });
}

// Why 退订 cannot be pressed yet; nullptr when it can.
const char* SubmitBlocker(const RefundDialogState& dlg)
{
    if (!AllAllowed(dlg.preview)) return Tr(TextId::UnsNeedAllowed);
    if (dlg.reason < 0) return Tr(TextId::UnsNeedReason);
    // seed 4.4.2 step 6: 退订未生效的资源 asks only for the reason, no confirmation tick
    if (!dlg.acknowledged && dlg.kind != RefundKind::NotEffective) return Tr(TextId::UnsNeedTick);
    return nullptr;
}

void DrawInstanceTable(const Workspace& ws, const RefundPreview& p)
{
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("##refund-items", 5, flags)) return;
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupColumn(Tr(TextId::UnsInstanceInfo), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(Tr(TextId::UnsColScenario), ImGuiTableColumnFlags_WidthFixed, em * 6.5f);
    ImGui::TableSetupColumn(Tr(TextId::UnsColPaidInfo), ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
    ImGui::TableSetupColumn(Tr(TextId::UnsColDue), ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
    ImGui::TableSetupColumn(Tr(TextId::UnsColRefund), ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
    ImGui::TableHeadersRow();
    Money paid, due;
    for (const RefundItem& item : p.items) {
        const Resource* r = ws.findResource(item.resource_id);
        const Product* prod = r ? ws.findProduct(r->product_id) : nullptr;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        if (!item.main_resource_id.empty()) ImGui::Indent(em);
        ImGui::TextUnformatted(r && !r->resource_name.empty() ? r->resource_name.c_str() : item.resource_id.c_str());
        ImGui::TextDisabled("%s", item.resource_id.c_str());
        if (prod)
            ImGui::TextDisabled("%s: %s  %s: %s", Tr(TextId::ProductType), prod->service_type_name.c_str(),
                                Tr(TextId::Region), r->region_code.c_str());
        if (!item.main_resource_id.empty()) {
            ImGui::TextDisabled(Tr(TextId::UnsGoesWith), item.main_resource_id.c_str());
            ImGui::Unindent(em);
        }
        if (item.scenario == UnsubscribeScenario::NotAllowed) {
            ErrorText(ReasonWords(item));
            if (ImGui::IsItemHovered() && !item.reason.empty()) ImGui::SetTooltip("%s", item.reason.c_str());
        } else if (item.new_expire_time) {
            ImGui::TextDisabled(Tr(TextId::UnsNewExpiry), ConsoleTime(ws, *item.new_expire_time).c_str());
        }
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(Tr(ScenarioText(item.scenario)));
        const Money itemDue = item.paid - item.consumed - item.fee;
        ImGui::TableNextColumn();
        TextRight(Amount(item.paid));
        ImGui::TableNextColumn();
        TextRight(Amount(itemDue));
        ImGui::TableNextColumn();
        TextRight(Amount(item.total));
        paid += item.paid;
        due += itemDue;
    }
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(Tr(TextId::UnsTotalRow));
    ImGui::TableNextColumn();
    ImGui::TableNextColumn();
    TextRight(Amount(paid));
    ImGui::TableNextColumn();
    TextRight(Amount(due));
    ImGui::TableNextColumn();
    TextRight(Amount(p.total));
    ImGui::EndTable();
}

void DrawDetails(const Workspace& ws, const RefundPreview& p)
{
    const float em = ImGui::GetFontSize();
    for (std::size_t k = 0; k < p.items.size(); ++k) {
        const RefundItem& item = p.items[k];
        ImGui::PushID(static_cast<int>(k));
        ImGui::Spacing();
        ImGui::TextUnformatted(InstanceName(ws, item.resource_id).c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("· %s · %s", Tr(ScenarioText(item.scenario)), ReasonWords(item).c_str());
        if (ImGui::IsItemHovered() && !item.reason.empty()) ImGui::SetTooltip("%s", item.reason.c_str());
        if (ImGui::BeginTable("##lines", 2, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg)) {
            ImGui::TableSetupColumn("##what", ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableSetupColumn("##amount", ImGuiTableColumnFlags_WidthFixed, em * 8);
            Money computed, parts;
            bool firstPart = true;
            ForEachLine(ws, item, [&](const std::string& words, Money amount, bool isPart) {
                if (isPart && firstPart) {
                    // The computation adds up to the total; the parts say where it goes.
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::TextDisabled("= %s", Tr(TextId::UnsActualRefund));
                    ImGui::TableNextColumn();
                    TextRight(computed.display());
                    firstPart = false;
                }
                (isPart ? parts : computed) += amount;
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                if (isPart) ImGui::Indent(em);
                ImGui::TextWrapped("%s", words.c_str());
                if (isPart) ImGui::Unindent(em);
                ImGui::TableNextColumn();
                TextRight(amount.display());
            });
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextDisabled("%s", Tr(TextId::UnsLineSum));
            ImGui::TableNextColumn();
            TextRight(parts.display());
            ImGui::EndTable();
        }
        ImGui::PopID();
    }
}

void DrawReasons(RefundDialogState& dlg)
{
    ImGui::TextUnformatted(Tr(TextId::UnsReasonTitle));
    const TextId reasons[] = {TextId::UnsReason0, TextId::UnsReason1, TextId::UnsReason2, TextId::UnsReason3,
                              TextId::UnsReason4, TextId::UnsReason5, TextId::UnsReason6};
    static_assert(sizeof(reasons) / sizeof(reasons[0]) == EnumNames<UnsubscribeReason>::names.size(),
                  "one radio per reason");
    const float right = ImGui::GetContentRegionAvail().x + ImGui::GetCursorScreenPos().x;
    const ImGuiStyle& style = ImGui::GetStyle();
    for (int i = 0; i < static_cast<int>(std::size(reasons)); ++i) {
        const char* label = Tr(reasons[i]);
        const float w = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
        if (i > 0) {
            ImGui::SameLine(0, style.ItemSpacing.x * 3);
            if (ImGui::GetCursorScreenPos().x + w > right) ImGui::NewLine();
        }
        if (ImGui::RadioButton(label, dlg.reason == i)) dlg.reason = i;
    }
    ImGui::SetNextItemWidth(-ImGui::GetFontSize() * 4);
    ImGui::InputTextWithHint("##reason-text", Tr(TextId::UnsReasonTextHint), dlg.reasonText, sizeof dlg.reasonText,
                             ImGuiInputTextFlags_CallbackEdit, LimitCharacters);
    ImGui::SameLine();
    ImGui::TextDisabled("%d/%d", static_cast<int>(CharacterCount(dlg.reasonText)), kUnsubscribeReasonTextMax);
}

void DoUnsubscribe(AppState& app, RefundDialogState& dlg)
{
    Workspace& ws = *app.workspace;
    UnsubscribeRequest req;
    req.refund = RequestOf(dlg, AsOf(app));
    req.reason = static_cast<UnsubscribeReason>(std::clamp(dlg.reason, 0, static_cast<int>(UnsubscribeReason::Other)));
    req.reason_text = dlg.reasonText;
    UnsubscribeResult res = Unsubscribe(ws, req);
    if (!res.ok()) {
        dlg.refusals = res.refusals;
        BuildPreview(app, dlg, req.refund.as_of);  // show what holds now
        return;
    }
    MarkChanged(app);
    dlg.refusals.clear();
    app.announcement = Format(Tr(TextId::UnsDoneRefund), res.preview.total.display().c_str());
    dlg.result = std::move(res);
}

void DrawConfirm(AppState& app, RefundDialogState& dlg)
{
    const Workspace& ws = *app.workspace;
    const bool periods = dlg.kind == RefundKind::Periods;
    std::string title = std::string(Tr(TextId::UnsSubmit)) + "###refund-confirm";
    if (!BeginDialog(title.c_str(), &dlg.confirmOpening, &dlg.confirming, 40, 0)) return;
    WarningText(Tr(periods ? TextId::UnsConfirmTitlePeriods : TextId::UnsConfirmTitle));
    if (!periods) ImGui::TextWrapped("%s", Tr(TextId::UnsConfirmText));
    ImGui::TextWrapped("%s", Tr(TextId::UnsConfirmThirdParty));
    if (ImGui::BeginTable("##confirm-items", 2,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn(Tr(TextId::UnsColInstance), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(Tr(TextId::ProductType), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableHeadersRow();
        for (const RefundItem& item : dlg.preview.items) {
            const Resource* r = ws.findResource(item.resource_id);
            const Product* prod = r ? ws.findProduct(r->product_id) : nullptr;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r && !r->resource_name.empty() ? r->resource_name.c_str()
                                                                  : item.resource_id.c_str());
            ImGui::TextDisabled("%s", item.resource_id.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(prod ? prod->service_type_name.c_str() : "-");
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    const ConfirmRowChoice choice = ConfirmRow(Tr(TextId::UnsSubmit), true, Tr(TextId::UnsNotNow));
    if (choice.confirm) DoUnsubscribe(app, dlg);
    if (choice.confirm || choice.dismiss) {
        dlg.confirming = false;
        ImGui::CloseCurrentPopup();
    }
    EndDialog();
}

void DrawResult(AppState& app, RefundDialogState& dlg, bool& close)
{
    const Workspace& ws = *app.workspace;
    const UnsubscribeResult& res = *dlg.result;
    ImGui::PushFont(HeadingFont());
    ImGui::TextUnformatted(Tr(TextId::UnsDone));
    ImGui::PopFont();
    ImGui::Spacing();
    ImGui::TextUnformatted(Format(Tr(TextId::UnsDoneOrder), res.order_id.c_str()).c_str());
    if (res.sub_order_ids.size() > 1) {
        std::string ids;
        for (const std::string& s : res.sub_order_ids) ids += (ids.empty() ? "" : ", ") + s;
        ImGui::TextWrapped("%s", Format(Tr(TextId::UnsDoneSubOrders), ids.c_str()).c_str());
    }
    ImGui::TextUnformatted(Format(Tr(TextId::UnsDoneRefund), res.preview.total.display().c_str()).c_str());
    ImGui::Indent();
    ImGui::TextUnformatted(Format(Tr(TextId::UnsBackToCash), res.preview.refund.cash.display().c_str()).c_str());
    if (res.preview.refund.voucher.isPositive())
        ImGui::TextUnformatted(
            Format(Tr(TextId::UnsBackVoucher), res.preview.refund.voucher.display().c_str()).c_str());
    if (res.preview.refund.flexi_coupon.isPositive())
        ImGui::TextUnformatted(
            Format(Tr(TextId::UnsBackFlexi), res.preview.refund.flexi_coupon.display().c_str()).c_str());
    if (res.preview.refund.stored_card.isPositive())
        ImGui::TextUnformatted(
            Format(Tr(TextId::UnsBackCard), res.preview.refund.stored_card.display().c_str()).c_str());
    ImGui::Unindent();
    if (!res.returned_coupon_ids.empty()) {
        std::string ids;
        for (const std::string& s : res.returned_coupon_ids) ids += (ids.empty() ? "" : ", ") + s;
        ImGui::TextWrapped("%s", Format(Tr(TextId::UnsDoneCoupons), ids.c_str()).c_str());
    }
    if (ws.account.cash_balance)
        ImGui::TextUnformatted(Format(Tr(TextId::UnsDoneCash), ws.account.cash_balance->display().c_str()).c_str());
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    DrawInstanceTable(ws, res.preview);
    ImGui::Spacing();
    if (ImGui::Button(Tr(TextId::UnsViewOrder))) {
        app.myOrders.details = res.order_id;
        app.myOrders.dirty = true;
        app.page = Page::MyOrders;
        close = true;
    }
    ImGui::SameLine();
    if (ImGui::Button(Tr(TextId::Close)) || DialogEnterPressed() || DialogEscapePressed()) close = true;
}

}  // namespace

// [SECTION] Opening and drawing the dialog (public)

void OpenRefundDialog(AppState& app, RefundDialogState& dlg, RefundKind kind, std::vector<std::string> resourceIds)
{
    dlg = RefundDialogState{};
    dlg.kind = kind;
    dlg.resourceIds = std::move(resourceIds);
    dlg.opening = true;
    if (kind == RefundKind::Periods && dlg.resourceIds.size() == 1 && app.workspace)
        if (const Resource* r = app.workspace->findResource(dlg.resourceIds.front()))
            dlg.keepChoices = KeepUntilChoices(*r, AsOf(app));
}

namespace {

// The notice and the rules of the scenarios present (seed 4.4.1.3 step 6), and the clock.
void DrawNotice(const Workspace& ws, const RefundDialogState& dlg)
{
    const RefundPreview& p = dlg.preview;
    const TextId notice = dlg.kind == RefundKind::InUse          ? TextId::UnsDlgNoticeInUse
                          : dlg.kind == RefundKind::NotEffective ? TextId::UnsDlgNoticeNotEffective
                                                                 : TextId::UnsDlgNoticePeriods;
    WarningText(Tr(notice));
    bool seen[6] = {};
    for (const RefundItem& item : p.items) seen[static_cast<int>(item.scenario)] = true;
    auto rule = [&](UnsubscribeScenario s, TextId t) {
        if (seen[static_cast<int>(s)]) ImGui::TextWrapped("· %s", Tr(t));
    };
    rule(UnsubscribeScenario::FiveDay, TextId::UnsRuleFiveDay);
    rule(UnsubscribeScenario::Standard, TextId::UnsRuleStandard);
    rule(UnsubscribeScenario::NotEffective, TextId::UnsRuleNotEffective);
    rule(UnsubscribeScenario::RenewalPeriods, TextId::UnsRulePeriods);
    rule(UnsubscribeScenario::Failed, TextId::UnsRuleFailed);
    ImGui::TextDisabled("%s%s%s", Tr(TextId::AsOf), CurrentLang() == Lang::Zh ? "：" : ": ",
                        ConsoleTime(ws, p.as_of).c_str());
}

// In use: the five-day quota this unsubscription uses; periods: the expiry to keep (one resource).
void DrawQuotaAndKeep(AppState& app, RefundDialogState& dlg, Instant now)
{
    const Workspace& ws = *app.workspace;
    const RefundPreview& p = dlg.preview;
    if (dlg.kind == RefundKind::InUse) {
        int fiveDay = 0;
        for (const RefundItem& item : p.items) fiveDay += item.scenario == UnsubscribeScenario::FiveDay ? 1 : 0;
        std::string line = (fiveDay > 0 ? Format(Tr(TextId::UnsFiveDayThisTime), fiveDay) : std::string()) +
                           Format(Tr(TextId::UnsQuotaLine), p.quota.year, p.quota.left());
        if (p.quota_used > 0) line += Format(Tr(TextId::UnsQuotaAfter), std::max(0, p.quota.left() - p.quota_used));
        ImGui::TextWrapped("%s", line.c_str());
    }
    if (dlg.kind != RefundKind::Periods) return;
    if (dlg.resourceIds.size() == 1 && dlg.keepChoices.size() > 1) {
        ImGui::TextUnformatted(Tr(TextId::UnsKeepUntil));
        for (int i = 0; i < static_cast<int>(dlg.keepChoices.size()); ++i) {
            ImGui::SameLine(0, ImGui::GetStyle().ItemSpacing.x * 2);
            if (ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 14) ImGui::NewLine();
            const std::string label =
                ConsoleTime(ws, dlg.keepChoices[static_cast<std::size_t>(i)]) + "##keep" + std::to_string(i);
            if (ImGui::RadioButton(label.c_str(), dlg.keepChoice == i)) {
                dlg.keepChoice = i;
                BuildPreview(app, dlg, now);
            }
        }
    } else if (dlg.resourceIds.size() > 1) {
        ImGui::TextWrapped("%s", Tr(TextId::UnsKeepBatch));
    }
}

// 实际退款 and where the money goes, the notes, and the confirmation tick.
void DrawRefundTotal(RefundDialogState& dlg)
{
    const RefundPreview& p = dlg.preview;
    ImGui::PushFont(HeadingFont());
    ImGui::TextUnformatted(Tr(TextId::UnsActualRefund));
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.86f, 0.35f, 0.05f, 1.0f));
    ImGui::TextUnformatted(p.total.display().c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::TextUnformatted(Format(Tr(TextId::UnsBackToCash), p.refund.cash.display().c_str()).c_str());
    if (p.refund.voucher.isPositive())
        ImGui::TextUnformatted(Format(Tr(TextId::UnsBackVoucher), p.refund.voucher.display().c_str()).c_str());
    if (p.refund.flexi_coupon.isPositive())
        ImGui::TextUnformatted(Format(Tr(TextId::UnsBackFlexi), p.refund.flexi_coupon.display().c_str()).c_str());
    if (p.refund.stored_card.isPositive())
        ImGui::TextUnformatted(Format(Tr(TextId::UnsBackCard), p.refund.stored_card.display().c_str()).c_str());
    ImGui::TextDisabled("%s", Tr(TextId::UnsNote1));
    ImGui::TextDisabled("%s", Tr(TextId::UnsNote2));
    ImGui::Spacing();
    if (dlg.kind == RefundKind::NotEffective) return;  // seed 4.4.2 step 6: no tick
    const TextId tick = dlg.kind == RefundKind::InUse ? TextId::UnsConfirmBackup : TextId::UnsConfirmAmount;
    ImGui::Checkbox("##acknowledged", &dlg.acknowledged);
    ImGui::SameLine();
    ImGui::TextWrapped("%s", Tr(tick));
    if (ImGui::IsItemClicked()) dlg.acknowledged = !dlg.acknowledged;
}

// The scrolling body of the preview.
void DrawPreviewBody(AppState& app, RefundDialogState& dlg, Instant now)
{
    const Workspace& ws = *app.workspace;
    const RefundPreview& p = dlg.preview;
    DrawNotice(ws, dlg);
    if (!p.ok()) {
        for (const Refusal& r : p.refusals) ErrorText(RefusalWords(r));
    } else {
        DrawQuotaAndKeep(app, dlg, now);
        ImGui::Spacing();
        DrawInstanceTable(ws, p);
        if (ImGui::Button(Tr(dlg.showDetails ? TextId::UnsCollapseDetails : TextId::UnsExpandDetails)))
            dlg.showDetails = !dlg.showDetails;
        if (dlg.showDetails) DrawDetails(ws, p);
        for (const Refusal& w : p.warnings) WarningText(WarningWords(ws, w));
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::Spacing();
        DrawReasons(dlg);
        ImGui::Spacing();
        DrawRefundTotal(dlg);
    }
    if (!dlg.refusals.empty()) {
        ErrorText(Tr(TextId::UnsRefused));
        for (const Refusal& r : dlg.refusals) ErrorText(RefusalWords(r));
    }
}

// 退订 (greyed with the reason while it cannot), 复制, 打印 / 导出 PDF, 取消; Enter / Esc. True when the dialog closes.
bool DrawPreviewButtons(AppState& app, RefundDialogState& dlg)
{
    bool close = false;
    const char* blocker = SubmitBlocker(dlg);
    ImGui::BeginDisabled(blocker != nullptr);
    bool submit = ImGui::Button(Tr(TextId::UnsSubmit));
    ImGui::EndDisabled();
    if (blocker && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", blocker);
    ImGui::SameLine();
    if (ImGui::Button(Tr(TextId::UnsCopy))) app.clipboard = RefundPreviewText(*app.workspace, dlg.preview);
    ImGui::SameLine();
    if (PrintSheetButton(dlg.preview.ok() && !dlg.preview.items.empty()))
        PrintQuoteSheet(RefundSheet(*app.workspace, dlg.preview));
    ImGui::SameLine();
    if (ImGui::Button(Tr(TextId::Cancel))) close = true;
    ImGui::SameLine();
    ImGui::TextDisabled("%s", blocker ? blocker : Tr(TextId::UnsKeysHint));

    if (dlg.confirming || dlg.confirmOpening) {
        DrawConfirm(app, dlg);
    } else {
        if (!blocker && DialogEnterPressed()) submit = true;
        if (DialogEscapePressed()) close = true;
    }
    if (submit && !blocker) {
        dlg.confirming = true;
        dlg.confirmOpening = true;
    }
    return close;
}

}  // namespace

void DrawRefundDialog(AppState& app, RefundDialogState& dlg)
{
    if (!dlg.open && !dlg.opening) return;
    if (!app.workspace) {
        dlg.open = dlg.opening = false;
        return;
    }
    const Instant now = AsOf(app);
    if (!dlg.result && (!dlg.previewBuilt || dlg.previewRevision != app.revision || now - dlg.previewAsOf >= 60 ||
                        dlg.previewAsOf - now >= 60))
        BuildPreview(app, dlg, now);

    const std::string title = std::string(Tr(TitleText(dlg.kind))) + "###refund-dialog";
    if (!BeginDialog(title.c_str(), &dlg.opening, &dlg.open, 62, dlg.result ? 0.0f : 0.9f)) return;
    bool close = false;
    if (dlg.result) {
        DrawResult(app, dlg, close);
    } else {
        BeginDialogBody();
        DrawPreviewBody(app, dlg, now);
        EndDialogBody();
        close = DrawPreviewButtons(app, dlg);
    }
    if (close) {
        dlg.open = false;
        ImGui::CloseCurrentPopup();
    }
    EndDialog();
}

}  // namespace qd::ui
