// The unsubscribe dialog of 云服务退订 and the shared dialog toolkit (refund_dialog.h).
#include "ui/refund_dialog.h"

#include <imgui.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <iterator>

#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/labels.h"

namespace qd::ui {

// ---- toolkit ------------------------------------------------------------------------------------------

namespace {

struct CodeText {
    std::string_view code;
    Text text;
};

// Engine codes (refund.h, orders.h, payment.h) and their words.
constexpr CodeText kCodes[] = {
    {"closed", Text::UnsWhyClosed},
    {"not_unsubscribable", Text::UnsWhyNotUnsubscribable},
    {"police_frozen", Text::UnsWhyPoliceFrozen},
    {"in_transaction", Text::UnsWhyInTransaction},
    {"effective_resource_package", Text::UnsWhyResourcePackage},
    {"expired", Text::UnsWhyExpired},
    {"invoiced", Text::UnsWhyInvoiced},
    {"paid_unknown", Text::UnsWhyPaidUnknown},
    {"bound_to_main", Text::UnsWhyBound},
    {"group_not_allowed", Text::UnsWhyGroup},
    {"no_unused_renewal_period", Text::UnsWhyNoPeriods},
    {"within_five_days", Text::UnsWhyWithinFiveDays},
    {"five_day_quota_used_up", Text::UnsWhyQuotaUsedUp},
    {"beyond_five_days", Text::UnsWhyBeyondFiveDays},
    {"no_five_day_refund", Text::UnsWhyNoFiveDay},
    {"renewal_in_effect", Text::UnsWhyRenewalInEffect},
    {"not_yet_effective", Text::UnsWhyNotYetEffective},
    {"provisioning_failed", Text::UnsWhyFailed},
    {"unused_renewal_periods", Text::UnsWhyUnusedPeriods},
    {"empty_request", Text::UnsRefEmpty},
    {"unknown_resource", Text::UnsRefUnknownResource},
    {"bad_keep_until", Text::UnsRefBadKeepUntil},
    {"reason_too_long", Text::UnsRefReasonTooLong},
    {"balance_unknown", Text::UnsRefBalanceUnknown},
    {"unknown_order", Text::OdlRefUnknownOrder},
    {"too_many_orders", Text::OdlRefTooMany},
    {"not_pending_payment", Text::OdlRefNotPending},
    {"status_changed", Text::OdlRefStatusChanged},
    {"pending_review", Text::OdlRefPendingReview},
    {"pending_confirmation", Text::OdlRefPendingConfirmation},
    {"combined_order_incomplete", Text::OdlRefCombinedIncomplete},
    {"all_status_changed", Text::OdlAllChanged},
    {"nothing_to_cancel", Text::OdlNothingToCancel},
    {"coupon_expired", Text::OdlRefCouponExpired},
    {"coupon_empty", Text::OdlRefCouponEmpty},
    {"unknown_coupon", Text::OdlRefUnknownCoupon},
    {"too_many_coupons", Text::OdlRefTooManyCoupons},
    {"too_many_discount_coupons", Text::OdlRefTooManyDiscounts},
    {"negative_amount", Text::OdlRefNegative},
};

}  // namespace

const char* CodeWords(std::string_view code)
{
    for (const CodeText& c : kCodes)
        if (c.code == code) return Tr(c.text);
    return nullptr;
}

std::string RefusalWords(const Refusal& refusal)
{
    const char* words = CodeWords(refusal.code);
    if (!words) return refusal.message;
    if (refusal.subject.empty()) return words;
    return refusal.subject + (CurrentLang() == Lang::Zh ? "：" : ": ") + words;
}

bool BeginDialog(const char* title, bool* opening, bool* open, float widthEm, float heightFraction)
{
    if (*opening) {
        ImGui::OpenPopup(title);
        *opening = false;
        *open = true;
    }
    if (!*open) return false;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float w = std::min(vp->WorkSize.x * 0.94f, ImGui::GetFontSize() * widthEm);
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse;
    ImGui::SetNextWindowPos(vp->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    if (heightFraction > 0) {
        ImGui::SetNextWindowSize(ImVec2(w, vp->WorkSize.y * heightFraction), ImGuiCond_Always);
    } else {
        ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, vp->WorkSize.y * 0.9f));
        flags |= ImGuiWindowFlags_AlwaysAutoResize;
    }
    bool keep = true;
    if (!ImGui::BeginPopupModal(title, &keep, flags)) {
        if (!keep || !ImGui::IsPopupOpen(title)) *open = false;
        return false;
    }
    return true;
}

void EndDialog() { ImGui::EndPopup(); }

void BeginDialogBody(float footerLines)
{
    const ImGuiStyle& style = ImGui::GetStyle();
    const float footer =
        footerLines * ImGui::GetFrameHeightWithSpacing() + style.ItemSpacing.y + style.WindowPadding.y * 0.5f;
    ImGui::BeginChild("##dialog-body", ImVec2(0, -footer), false);
}

void EndDialogBody()
{
    ImGui::EndChild();
    ImGui::Separator();
}

bool DialogEnterPressed()
{
    const ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return false;
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) ||
           ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter), false);
}

bool DialogEscapePressed()
{
    if (ImGui::GetIO().WantTextInput) return false;
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
}

ConfirmRowChoice ConfirmRow(const char* confirm, bool can, const char* dismiss)
{
    ConfirmRowChoice choice;
    ImGui::BeginDisabled(!can);
    choice.confirm = ImGui::Button(confirm);
    ImGui::EndDisabled();
    ImGui::SameLine();
    choice.dismiss = ImGui::Button(dismiss);
    ImGui::SameLine();
    ImGui::TextDisabled("%s", Tr(Text::UnsKeysHint));
    choice.confirm = can && (choice.confirm || DialogEnterPressed());
    choice.dismiss = choice.dismiss || DialogEscapePressed();
    return choice;
}

void WarningText(const std::string& text)
{
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.78f, 0.42f, 0.0f, 1.0f));
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

void ErrorText(const std::string& text)
{
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.82f, 0.16f, 0.16f, 1.0f));
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopStyleColor();
}

std::size_t CharacterCount(std::string_view utf8)
{
    std::size_t n = 0;
    for (unsigned char c : utf8)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::vector<Instant> KeepUntilChoices(const Resource& r, Instant asOf)
{
    // The same cut as the engine (refund.h renewal_periods): the trailing renewal periods that have
    // not started can go; the expiry kept is the end of the period before any of them.
    std::size_t firstCut = r.periods.size();
    while (firstCut > 0 && r.periods[firstCut - 1].kind == PeriodKind::Renewal && CoverageStart(r, firstCut - 1) > asOf)
        --firstCut;
    std::vector<Instant> out;
    for (std::size_t i = firstCut; i < r.periods.size(); ++i)
        if (i > 0) out.push_back(r.periods[i - 1].end);
    return out;
}

// ---- the refund preview in words ------------------------------------------------------------------------

namespace {

Text ScenarioText(UnsubscribeScenario s)
{
    switch (s) {
        case UnsubscribeScenario::FiveDay: return Text::UnsScnFiveDay;
        case UnsubscribeScenario::Standard: return Text::UnsScnStandard;
        case UnsubscribeScenario::NotEffective: return Text::UnsScnNotEffective;
        case UnsubscribeScenario::RenewalPeriods: return Text::UnsScnPeriods;
        case UnsubscribeScenario::Failed: return Text::UnsScnFailed;
        case UnsubscribeScenario::NotAllowed: break;
    }
    return Text::UnsScnNotAllowed;
}

Text TitleText(RefundKind k)
{
    switch (k) {
        case RefundKind::InUse: return Text::UnsDlgTitleInUse;
        case RefundKind::NotEffective: return Text::UnsDlgTitleNotEffective;
        case RefundKind::Periods: break;
    }
    return Text::UnsDlgTitlePeriods;
}

std::string Day(const Workspace& ws, Instant t) { return FormatLocalDate(LocalDateOf(t, ws.rules.zone)); }

const ResourcePeriod* FindPeriod(const Workspace& ws, const RefundItem& item, const RefundLine& line)
{
    const Resource* r = ws.findResource(item.resource_id);
    if (!r || !line.period_start || !line.period_end) return nullptr;
    for (const ResourcePeriod& p : r->periods)
        if (p.start == *line.period_start && p.end == *line.period_end) return &p;
    return nullptr;
}

// One computation or refund line of an item in words; `paidBefore` is the paid line the consumed and
// fee lines are computed from, `standard` whether this paid line is the partly used period.
std::string LineWords(const Workspace& ws, const RefundPreview& preview, const RefundItem& item, const RefundLine& line,
                      const RefundLine* paidBefore, bool standard)
{
    const bool zh = CurrentLang() == Lang::Zh;
    switch (line.kind) {
        case RefundLineKind::Paid: {
            const std::string from = line.period_start ? Day(ws, *line.period_start) : "?";
            const std::string to = line.period_end ? Day(ws, *line.period_end) : "?";
            const ResourcePeriod* p = FindPeriod(ws, item, line);
            const char* kind = Label(p && p->kind == PeriodKind::Renewal ? OrderType::Renewal : OrderType::New);
            std::string out =
                line.order_id.empty()
                    ? Format(Tr(Text::UnsLinePaidNoOrder), from.c_str(), to.c_str(), kind)
                    : Format(Tr(Text::UnsLinePaid), from.c_str(), to.c_str(), kind, line.order_id.c_str());
            if (p && p->paid) {
                const PaidBreakdown& b = *p->paid;
                std::string parts;
                auto part = [&](Text name, Money m) {
                    if (m.isZero()) return;
                    if (!parts.empty()) parts += " + ";
                    parts += std::string(Tr(name)) + " " + m.display();
                };
                part(Text::UnsCash, b.cash);
                if (!standard) part(Text::UnsVoucher, b.voucher);
                part(Text::UnsFlexi, b.flexi_coupon);
                part(Text::UnsCard, b.stored_card);
                if (!parts.empty()) out += (zh ? "：" : ": ") + parts;
                auto kept = [&](Text name, Money m) {
                    if (m.isPositive())
                        out += (zh ? "；" : "; ") + Format(Tr(Text::UnsNotReturned), Tr(name), m.display().c_str());
                };
                if (standard) kept(Text::UnsVoucher, b.voucher);
                kept(Text::UnsDiscountCoupon, b.discount_coupon);
            }
            return out;
        }
        case RefundLineKind::Consumed: {
            const Text unit = line.unit == ConsumedGranularity::Hour ? Text::UnsHours : Text::UnsDays;
            const std::string base = paidBefore ? paidBefore->amount.display() : "?";
            return Format(Tr(Text::UnsLineConsumed), base.c_str(), static_cast<long long>(line.used), Tr(unit),
                          static_cast<long long>(line.ordered), Tr(unit));
        }
        case RefundLineKind::Fee: {
            std::string term = "?";
            int year = 1;
            if (paidBefore && paidBefore->period_start && paidBefore->period_end) {
                const int months = TermMonths(*paidBefore->period_start, *paidBefore->period_end, ws.rules.zone);
                term = months % 12 == 0 ? Format(Tr(Text::UnsTermYears), months / 12)
                                        : Format(Tr(Text::UnsTermMonths), months);
                year = UsageYear(*paidBefore->period_start, preview.as_of, ws.rules.zone);
            }
            const std::string base = paidBefore ? paidBefore->amount.display() : "?";
            return Format(Tr(Text::UnsLineFee), base.c_str(), line.rate_percent, term.c_str(), year);
        }
        case RefundLineKind::NotCharged: return Tr(Text::UnsLineNotCharged);
        case RefundLineKind::Cash: return Tr(Text::UnsLineCash);
        case RefundLineKind::Voucher: return Tr(Text::UnsLineVoucher);
        case RefundLineKind::FlexiCoupon: return Tr(Text::UnsLineFlexi);
        case RefundLineKind::StoredCard: break;
    }
    return Tr(Text::UnsLineCard);
}

// Calls fn(words, amount, isPart) for every line of an item, in order.
template <class Fn>
void ForEachLine(const Workspace& ws, const RefundPreview& preview, const RefundItem& item, Fn fn)
{
    const RefundLine* paidBefore = nullptr;
    for (std::size_t i = 0; i < item.lines.size(); ++i) {
        const RefundLine& line = item.lines[i];
        const bool standard = line.kind == RefundLineKind::Paid && i + 1 < item.lines.size() &&
                              item.lines[i + 1].kind == RefundLineKind::Consumed;
        fn(LineWords(ws, preview, item, line, paidBefore, standard), line.amount, IsRefundPart(line.kind));
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

std::string WarningWords(const Workspace& ws, const RefundPreview& preview, const Refusal& w)
{
    if (w.code == "large_refund")
        return Format(Tr(Text::UnsWarnLarge), ws.rules.large_refund_warning.display().c_str());
    if (w.code == "five_day_quota_unknown") return Format(Tr(Text::UnsWarnQuotaUnknown), preview.quota.limit);
    return RefusalWords(w);  // balance_unknown: warned in the preview, refused on confirm, in the same words
}

}  // namespace

std::string RefundPreviewText(const Workspace& ws, const RefundPreview& preview)
{
    const bool zh = CurrentLang() == Lang::Zh;
    std::string out = std::string(Tr(Text::AsOf)) + (zh ? "：" : ": ") + ConsoleTime(ws, preview.as_of) + "\n";
    for (const RefundItem& item : preview.items) {
        out += "\n" + InstanceName(ws, item.resource_id) + " · " + Tr(ScenarioText(item.scenario)) + " · " +
               ReasonWords(item) + "\n";
        ForEachLine(ws, preview, item, [&](const std::string& words, Money amount, bool) {
            out += "  " + words + "  " + amount.display() + "\n";
        });
        out += "  " + std::string(Tr(Text::UnsActualRefund)) + "  " + item.total.display() + "\n";
    }
    out += "\n" + std::string(Tr(Text::UnsTotalRow)) + (zh ? "：" : ": ") + std::string(Tr(Text::UnsActualRefund)) +
           " " + preview.total.display() + "\n";
    out += "  " + Format(Tr(Text::UnsBackToCash), preview.refund.cash.display().c_str()) + "\n";
    if (preview.refund.voucher.isPositive())
        out += "  " + Format(Tr(Text::UnsBackVoucher), preview.refund.voucher.display().c_str()) + "\n";
    if (preview.refund.flexi_coupon.isPositive())
        out += "  " + Format(Tr(Text::UnsBackFlexi), preview.refund.flexi_coupon.display().c_str()) + "\n";
    if (preview.refund.stored_card.isPositive())
        out += "  " + Format(Tr(Text::UnsBackCard), preview.refund.stored_card.display().c_str()) + "\n";
    for (const Refusal& w : preview.warnings) out += WarningWords(ws, preview, w) + "\n";
    for (const Refusal& r : preview.refusals) out += RefusalWords(r) + "\n";
    return out;
}

// ---- the dialog -----------------------------------------------------------------------------------------

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
    if (dlg.preview.ok()) app.announcement = Format(Tr(Text::UnsAnnounce), dlg.preview.total.display().c_str());
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
    if (!AllAllowed(dlg.preview)) return Tr(Text::UnsNeedAllowed);
    if (dlg.reason < 0) return Tr(Text::UnsNeedReason);
    if (!dlg.acknowledged) return Tr(Text::UnsNeedTick);
    return nullptr;
}

void DrawInstanceTable(const Workspace& ws, const RefundPreview& p)
{
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH;
    if (!ImGui::BeginTable("##refund-items", 5, flags)) return;
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupColumn(Tr(Text::UnsInstanceInfo), ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableSetupColumn(Tr(Text::UnsColScenario), ImGuiTableColumnFlags_WidthFixed, em * 6.5f);
    ImGui::TableSetupColumn(Tr(Text::UnsColPaidInfo), ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
    ImGui::TableSetupColumn(Tr(Text::UnsColDue), ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
    ImGui::TableSetupColumn(Tr(Text::UnsColRefund), ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
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
            ImGui::TextDisabled("%s: %s  %s: %s", Tr(Text::ProductType), prod->service_type_name.c_str(),
                                Tr(Text::Region), r->region_code.c_str());
        if (!item.main_resource_id.empty()) {
            ImGui::TextDisabled(Tr(Text::UnsGoesWith), item.main_resource_id.c_str());
            ImGui::Unindent(em);
        }
        if (item.scenario == UnsubscribeScenario::NotAllowed) {
            ErrorText(ReasonWords(item));
            if (ImGui::IsItemHovered() && !item.reason.empty()) ImGui::SetTooltip("%s", item.reason.c_str());
        } else if (item.new_expire_time) {
            ImGui::TextDisabled(Tr(Text::UnsNewExpiry), ConsoleTime(ws, *item.new_expire_time).c_str());
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
    ImGui::TextUnformatted(Tr(Text::UnsTotalRow));
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
            ForEachLine(ws, p, item, [&](const std::string& words, Money amount, bool isPart) {
                if (isPart && firstPart) {
                    // The computation adds up to the total; the parts say where it goes.
                    ImGui::TableNextRow();
                    ImGui::TableNextColumn();
                    ImGui::TextDisabled("= %s", Tr(Text::UnsActualRefund));
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
            ImGui::TextDisabled("%s", Tr(Text::UnsLineSum));
            ImGui::TableNextColumn();
            TextRight(parts.display());
            ImGui::EndTable();
        }
        ImGui::PopID();
    }
}

void DrawReasons(RefundDialogState& dlg)
{
    ImGui::TextUnformatted(Tr(Text::UnsReasonTitle));
    const Text reasons[] = {Text::UnsReason0, Text::UnsReason1, Text::UnsReason2, Text::UnsReason3,
                            Text::UnsReason4, Text::UnsReason5, Text::UnsReason6};
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
    ImGui::InputTextWithHint("##reason-text", Tr(Text::UnsReasonTextHint), dlg.reasonText, sizeof dlg.reasonText,
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
    app.announcement = Format(Tr(Text::UnsDoneRefund), res.preview.total.display().c_str());
    dlg.result = std::move(res);
}

void DrawConfirm(AppState& app, RefundDialogState& dlg)
{
    const Workspace& ws = *app.workspace;
    const bool periods = dlg.kind == RefundKind::Periods;
    std::string title = std::string(Tr(Text::UnsSubmit)) + "###refund-confirm";
    if (!BeginDialog(title.c_str(), &dlg.confirmOpening, &dlg.confirming, 40, 0)) return;
    WarningText(Tr(periods ? Text::UnsConfirmTitlePeriods : Text::UnsConfirmTitle));
    if (!periods) ImGui::TextWrapped("%s", Tr(Text::UnsConfirmText));
    ImGui::TextWrapped("%s", Tr(Text::UnsConfirmThirdParty));
    if (ImGui::BeginTable("##confirm-items", 2,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn(Tr(Text::UnsColInstance), ImGuiTableColumnFlags_WidthStretch, 2.0f);
        ImGui::TableSetupColumn(Tr(Text::ProductType), ImGuiTableColumnFlags_WidthStretch, 1.0f);
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
    const ConfirmRowChoice choice = ConfirmRow(Tr(Text::UnsSubmit), true, Tr(Text::UnsNotNow));
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
    ImGui::TextUnformatted(Tr(Text::UnsDone));
    ImGui::PopFont();
    ImGui::Spacing();
    ImGui::TextUnformatted(Format(Tr(Text::UnsDoneOrder), res.order_id.c_str()).c_str());
    if (res.sub_order_ids.size() > 1) {
        std::string ids;
        for (const std::string& s : res.sub_order_ids) ids += (ids.empty() ? "" : ", ") + s;
        ImGui::TextWrapped("%s", Format(Tr(Text::UnsDoneSubOrders), ids.c_str()).c_str());
    }
    ImGui::TextUnformatted(Format(Tr(Text::UnsDoneRefund), res.preview.total.display().c_str()).c_str());
    ImGui::Indent();
    ImGui::TextUnformatted(Format(Tr(Text::UnsBackToCash), res.preview.refund.cash.display().c_str()).c_str());
    if (res.preview.refund.voucher.isPositive())
        ImGui::TextUnformatted(Format(Tr(Text::UnsBackVoucher), res.preview.refund.voucher.display().c_str()).c_str());
    if (res.preview.refund.flexi_coupon.isPositive())
        ImGui::TextUnformatted(
            Format(Tr(Text::UnsBackFlexi), res.preview.refund.flexi_coupon.display().c_str()).c_str());
    if (res.preview.refund.stored_card.isPositive())
        ImGui::TextUnformatted(Format(Tr(Text::UnsBackCard), res.preview.refund.stored_card.display().c_str()).c_str());
    ImGui::Unindent();
    if (!res.returned_coupon_ids.empty()) {
        std::string ids;
        for (const std::string& s : res.returned_coupon_ids) ids += (ids.empty() ? "" : ", ") + s;
        ImGui::TextWrapped("%s", Format(Tr(Text::UnsDoneCoupons), ids.c_str()).c_str());
    }
    if (ws.account.cash_balance)
        ImGui::TextUnformatted(Format(Tr(Text::UnsDoneCash), ws.account.cash_balance->display().c_str()).c_str());
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::Spacing();
    DrawInstanceTable(ws, res.preview);
    ImGui::Spacing();
    if (ImGui::Button(Tr(Text::UnsViewOrder))) {
        app.myOrders.details = res.order_id;
        app.myOrders.dirty = true;
        app.page = Page::MyOrders;
        close = true;
    }
    ImGui::SameLine();
    if (ImGui::Button(Tr(Text::Close)) || DialogEnterPressed() || DialogEscapePressed()) close = true;
}

}  // namespace

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

void DrawRefundDialog(AppState& app, RefundDialogState& dlg)
{
    if (!dlg.open && !dlg.opening) return;
    if (!app.workspace) {
        dlg.open = dlg.opening = false;
        return;
    }
    const Workspace& ws = *app.workspace;
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
        const RefundPreview& p = dlg.preview;
        const bool zh = CurrentLang() == Lang::Zh;
        BeginDialogBody();
        // The notice and the rules of the scenarios present (seed 4.4.1.3 step 6).
        const Text notice = dlg.kind == RefundKind::InUse          ? Text::UnsDlgNoticeInUse
                            : dlg.kind == RefundKind::NotEffective ? Text::UnsDlgNoticeNotEffective
                                                                   : Text::UnsDlgNoticePeriods;
        WarningText(Tr(notice));
        bool seen[6] = {};
        for (const RefundItem& item : p.items) seen[static_cast<int>(item.scenario)] = true;
        auto rule = [&](UnsubscribeScenario s, Text t) {
            if (seen[static_cast<int>(s)]) ImGui::TextWrapped("· %s", Tr(t));
        };
        rule(UnsubscribeScenario::FiveDay, Text::UnsRuleFiveDay);
        rule(UnsubscribeScenario::Standard, Text::UnsRuleStandard);
        rule(UnsubscribeScenario::NotEffective, Text::UnsRuleNotEffective);
        rule(UnsubscribeScenario::RenewalPeriods, Text::UnsRulePeriods);
        rule(UnsubscribeScenario::Failed, Text::UnsRuleFailed);
        ImGui::TextDisabled("%s%s%s", Tr(Text::AsOf), zh ? "：" : ": ", ConsoleTime(ws, p.as_of).c_str());

        if (!p.ok()) {
            for (const Refusal& r : p.refusals) ErrorText(RefusalWords(r));
        } else {
            if (dlg.kind == RefundKind::InUse) {
                int fiveDay = 0;
                for (const RefundItem& item : p.items) fiveDay += item.scenario == UnsubscribeScenario::FiveDay ? 1 : 0;
                std::string line = (fiveDay > 0 ? Format(Tr(Text::UnsFiveDayThisTime), fiveDay) : std::string()) +
                                   Format(Tr(Text::UnsQuotaLine), p.quota.year, p.quota.left());
                if (p.quota_used > 0)
                    line += Format(Tr(Text::UnsQuotaAfter), std::max(0, p.quota.left() - p.quota_used));
                ImGui::TextWrapped("%s", line.c_str());
            }
            if (dlg.kind == RefundKind::Periods) {
                if (dlg.resourceIds.size() == 1 && dlg.keepChoices.size() > 1) {
                    ImGui::TextUnformatted(Tr(Text::UnsKeepUntil));
                    for (int i = 0; i < static_cast<int>(dlg.keepChoices.size()); ++i) {
                        ImGui::SameLine(0, ImGui::GetStyle().ItemSpacing.x * 2);
                        if (ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 14) ImGui::NewLine();
                        const std::string label = ConsoleTime(ws, dlg.keepChoices[static_cast<std::size_t>(i)]) +
                                                  "##keep" + std::to_string(i);
                        if (ImGui::RadioButton(label.c_str(), dlg.keepChoice == i)) {
                            dlg.keepChoice = i;
                            BuildPreview(app, dlg, now);
                        }
                    }
                } else if (dlg.resourceIds.size() > 1) {
                    ImGui::TextWrapped("%s", Tr(Text::UnsKeepBatch));
                }
            }
            ImGui::Spacing();
            DrawInstanceTable(ws, p);
            if (ImGui::Button(Tr(dlg.showDetails ? Text::UnsCollapseDetails : Text::UnsExpandDetails)))
                dlg.showDetails = !dlg.showDetails;
            if (dlg.showDetails) DrawDetails(ws, p);
            for (const Refusal& w : p.warnings) WarningText(WarningWords(ws, p, w));

            ImGui::Spacing();
            ImGui::Separator();
            ImGui::Spacing();
            DrawReasons(dlg);
            ImGui::Spacing();
            ImGui::PushFont(HeadingFont());
            ImGui::TextUnformatted(Tr(Text::UnsActualRefund));
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.86f, 0.35f, 0.05f, 1.0f));
            ImGui::TextUnformatted(p.total.display().c_str());
            ImGui::PopStyleColor();
            ImGui::PopFont();
            ImGui::TextUnformatted(Format(Tr(Text::UnsBackToCash), p.refund.cash.display().c_str()).c_str());
            if (p.refund.voucher.isPositive())
                ImGui::TextUnformatted(Format(Tr(Text::UnsBackVoucher), p.refund.voucher.display().c_str()).c_str());
            if (p.refund.flexi_coupon.isPositive())
                ImGui::TextUnformatted(Format(Tr(Text::UnsBackFlexi), p.refund.flexi_coupon.display().c_str()).c_str());
            if (p.refund.stored_card.isPositive())
                ImGui::TextUnformatted(Format(Tr(Text::UnsBackCard), p.refund.stored_card.display().c_str()).c_str());
            ImGui::TextDisabled("%s", Tr(Text::UnsNote1));
            ImGui::TextDisabled("%s", Tr(Text::UnsNote2));
            ImGui::Spacing();
            const Text tick = dlg.kind == RefundKind::InUse ? Text::UnsConfirmBackup : Text::UnsConfirmAmount;
            ImGui::Checkbox("##acknowledged", &dlg.acknowledged);
            ImGui::SameLine();
            ImGui::TextWrapped("%s", Tr(tick));
            if (ImGui::IsItemClicked()) dlg.acknowledged = !dlg.acknowledged;
        }
        if (!dlg.refusals.empty()) {
            ErrorText(Tr(Text::UnsRefused));
            for (const Refusal& r : dlg.refusals) ErrorText(RefusalWords(r));
        }
        EndDialogBody();

        const char* blocker = SubmitBlocker(dlg);
        ImGui::BeginDisabled(blocker != nullptr);
        bool submit = ImGui::Button(Tr(Text::UnsSubmit));
        ImGui::EndDisabled();
        if (blocker && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", blocker);
        ImGui::SameLine();
        if (ImGui::Button(Tr(Text::UnsCopy))) app.clipboard = RefundPreviewText(ws, p);
        ImGui::SameLine();
        if (ImGui::Button(Tr(Text::Cancel))) close = true;
        ImGui::SameLine();
        ImGui::TextDisabled("%s", blocker ? blocker : Tr(Text::UnsKeysHint));

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
    }
    if (close) {
        dlg.open = false;
        ImGui::CloseCurrentPopup();
    }
    EndDialog();
}

}  // namespace qd::ui
