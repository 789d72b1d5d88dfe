// order_list.cpp: the order table that 待支付订单 and 我的订单 share, its filters and dialogs (order_list.h).
//
// Index of this file (search for "[SECTION]" to jump):
//   [SECTION] Rows and filters (the core's QueryOrders; 创建时间)
//   [SECTION] Payment dialog (seed 4.1.1 step 5-6, 4.3.1)
//   [SECTION] Cancel dialog (seed 4.1.2 step 6, 4.3.2 step 6)
//   [SECTION] Status legend (seed 4.3.5 表 4-1)
//   [SECTION] Order details and trade history
//   [SECTION] Batch bar
//   [SECTION] The list (public: OpenPaymentDialog, OpenCancelDialog, DrawOrderList)

#include "ui/order_list.h"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

#include "core/engine/payment.h"
#include "core/report/order_query.h"
#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/labels.h"
#include "ui/page_export_records.h"
#include "ui/refusal_words.h"
#include "ui/refund_dialog.h"
#include "ui/widgets.h"

namespace qd::ui {
namespace {

// [SECTION] Rows and filters (the core's QueryOrders; 创建时间)

// The 创建时间 range of a choice (a CreatedPreset, or -1 = any time: nullopt) and the 自定义 days as typed.
// When the days are not dates or the core refuses them (at most one year), `problem` says why, the
// result is nullopt and the caller lists nothing until the days are fixed.
std::optional<CreatedRange> CreatedRangeOf(const Workspace& ws, Instant now, int choice, const char* from,
                                           const char* to, std::string& problem)
{
    problem.clear();
    if (choice < 0) return std::nullopt;
    const CreatedPreset preset = static_cast<CreatedPreset>(std::clamp(choice, 0, 3));
    std::optional<LocalDate> first, last;
    if (preset == CreatedPreset::Custom) {
        first = ParseLocalDate(from);
        last = ParseLocalDate(to);
        if ((from[0] && !first) || (to[0] && !last)) {
            problem = Tr(TextId::CreatedBadDate);
            return std::nullopt;
        }
    }
    const CreatedRangeResult r = CreatedTimeRange(preset, now, ws.rules.zone, first, last);
    if (!r.ok()) {
        problem = RefusalWords(r.refusals.front(), RefusalScope::Any, &ws);
        return std::nullopt;
    }
    return r.range;
}

void Rebuild(const Workspace& ws, uint64_t revision, Instant now, OrderListState& list)
{
    // The rows are the core's query (order_query.h); the page only turns its choices into the filter.
    OrderFilter f;
    f.awaiting_payment_only = list.pendingOnly;
    if (!list.pendingOnly && list.status >= 0) f.status = static_cast<OrderStatus>(list.status);
    if (list.type >= 0) f.type = static_cast<OrderType>(list.type);
    f.service_type = list.serviceType;
    f.enterprise_project = list.project.project;
    f.search = list.search;
    f.as_of = now;
    list.createdShown.clear();
    if (!list.pendingOnly) {
        f.created = CreatedRangeOf(ws, now, list.created, list.createdFrom, list.createdTo, list.createdProblem);
        if (f.created && list.createdProblem.empty())
            list.createdShown = Format(Tr(TextId::CreatedRangeShown),
                                       FormatLocalDate(LocalDateOf(f.created->from, ws.rules.zone)).c_str(),
                                       FormatLocalDate(LocalDateOf(f.created->to, ws.rules.zone)).c_str());
    }
    list.rows.clear();
    if (list.createdProblem.empty() || list.pendingOnly) list.rows = QueryOrders(ws, f);
    list.subtotals.clear();
    if (!EnterpriseProjectNames(ws).empty()) list.subtotals = SubtotalOrdersByProject(ws, list.rows);
    for (auto it = list.selected.begin(); it != list.selected.end();) {
        const Order* o = ws.findOrder(*it);
        it = (o && IsAwaitingPayment(*o, StatusAsOf(*o, ws.rules, now))) ? std::next(it) : list.selected.erase(it);
    }
    list.builtFor = revision;
    list.builtAsOf = now;
    list.dirty = false;
}

// 创建时间: 近六个月 / 今年以来 / 去年 / 自定义(不超过1年) (seed 6), with allowAll 全部 first (-1); for 自定义
// the two days after it. True when the choice or a day changed.
bool DrawCreatedFilter(const char* id, int& choice, char* from, char* to, std::size_t size, bool allowAll, float width)
{
    static const TextId kNames[] = {TextId::CreatedSixMonths, TextId::CreatedThisYear, TextId::CreatedLastYear,
                                    TextId::CreatedCustom};
    bool changed = false;
    ImGui::PushID(id);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(Tr(TextId::CreatedTime));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(width);
    const char* preview = choice < 0 ? Tr(TextId::All) : Tr(kNames[std::clamp(choice, 0, 3)]);
    if (ImGui::BeginCombo("##created", preview)) {
        if (allowAll && ImGui::Selectable(Tr(TextId::All), choice < 0)) {
            choice = -1;
            changed = true;
        }
        for (int i = 0; i < 4; ++i)
            if (ImGui::Selectable(Tr(kNames[i]), choice == i) && choice != i) {
                choice = i;
                changed = true;
            }
        ImGui::EndCombo();
    }
    if (choice == static_cast<int>(CreatedPreset::Custom)) {
        ImGui::SameLine();
        ImGui::SetNextItemWidth(width);
        if (ImGui::InputTextWithHint("##from", Tr(TextId::CreatedFromHint), from, size)) changed = true;
        ImGui::SameLine();
        ImGui::SetNextItemWidth(width);
        if (ImGui::InputTextWithHint("##to", Tr(TextId::CreatedToHint), to, size)) changed = true;
    }
    ImGui::PopID();
    return changed;
}

// A combo over an enum's labels with "全部" first; returns true when changed.
template <class E>
bool EnumCombo(const char* id, int& value)
{
    bool changed = false;
    const char* preview = value < 0 ? Tr(TextId::All) : Label(static_cast<E>(value));
    if (ImGui::BeginCombo(id, preview)) {
        if (ImGui::Selectable(Tr(TextId::All), value < 0)) {
            value = -1;
            changed = true;
        }
        for (int i = 0; i < static_cast<int>(EnumNames<E>::names.size()); ++i)
            if (ImGui::Selectable(Label(static_cast<E>(i)), value == i)) {
                value = i;
                changed = true;
            }
        ImGui::EndCombo();
    }
    return changed;
}

// The product types of the combo: every distinct service_type_name, gathered when it opens rather than
// with the rows (with 100,000 orders that took 12 ms of every rebuild: each filter edit, each page
// visit after a change).
void GatherServiceTypes(const Workspace& ws, uint64_t revision, OrderListState& list)
{
    if (list.serviceTypesFor == revision) return;
    std::set<std::string> names;
    for (const Order& o : ws.orders)
        if (!o.service_type_name.empty()) names.insert(o.service_type_name);
    list.serviceTypes.assign(names.begin(), names.end());
    list.serviceTypesFor = revision;
}

void DrawFilters(const Workspace& ws, uint64_t revision, OrderListState& list)
{
    const float w = ImGui::GetFontSize() * 11;
    ImGui::SetNextItemWidth(w * 1.4f);
    if (ImGui::InputTextWithHint("##search", Tr(TextId::SearchOrderId), list.search, sizeof list.search))
        list.dirty = true;
    ImGui::SameLine();
    ImGui::TextUnformatted(Tr(TextId::ProductType));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    if (ImGui::BeginCombo("##service", list.serviceType.empty() ? Tr(TextId::All) : list.serviceType.c_str())) {
        GatherServiceTypes(ws, revision, list);
        if (ImGui::Selectable(Tr(TextId::All), list.serviceType.empty())) {
            list.serviceType.clear();
            list.dirty = true;
        }
        for (const std::string& name : list.serviceTypes)
            if (ImGui::Selectable(name.c_str(), list.serviceType == name)) {
                list.serviceType = name;
                list.dirty = true;
            }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(Tr(TextId::OrderTypeCol));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    if (EnumCombo<OrderType>("##type", list.type)) list.dirty = true;
    if (!list.pendingOnly) {
        ImGui::SameLine();
        ImGui::TextUnformatted(Tr(TextId::OrderStatusCol));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(w);
        if (EnumCombo<OrderStatus>("##status", list.status)) list.dirty = true;
    }
    if (DrawProjectFilter(ws, revision, list.project, w)) list.dirty = true;
    if (!list.pendingOnly) {
        // 创建时间 (seed 4.3 step 4): 近六个月 by default; the range applied is shown after it.
        if (DrawCreatedFilter("##created", list.created, list.createdFrom, list.createdTo, sizeof list.createdFrom,
                              false, w))
            list.dirty = true;
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        if (!list.createdProblem.empty())
            ImGui::TextColored(ImVec4(0.82f, 0.16f, 0.16f, 1.0f), "%s", list.createdProblem.c_str());
        else ImGui::TextDisabled("%s", list.createdShown.c_str());
    }
}

// 按企业项目小计: per project the orders shown, Σ 订单金额 / 应付金额 / 实付金额 (core/engine/projects.h).
void DrawProjectSubtotals(const OrderListState& list)
{
    if (list.subtotals.empty()) return;
    ImGui::TextDisabled("%s", Tr(TextId::ProjectSubtotals));
    for (const ProjectOrderSubtotal& s : list.subtotals) {
        ImGui::SameLine();
        ImGui::Text("%s: %zu · %s %s · %s %s · %s %s%s", s.project.empty() ? Tr(TextId::NoProject) : s.project.c_str(),
                    s.orders, Tr(TextId::OfficialAmount), s.official.display().c_str(), Tr(TextId::OrderAmount),
                    s.due.display().c_str(), Tr(TextId::AmountPaid), s.paid.display().c_str(),
                    s.paid_unknown > 0 ? "*" : "");
    }
}

void Tooltip(const std::string& text)
{
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 26, 0));
    ImGui::BeginTooltip();
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::EndTooltip();
}

std::string JoinIds(const std::vector<std::string>& ids)
{
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : ", ") + id;
    return out;
}

bool TooFarApart(Instant a, Instant b) { return a - b >= 60 || b - a >= 60; }

// [SECTION] Payment dialog (seed 4.1.1 step 5-6, 4.3.1)

const char* CouponTypeWords(CouponType t)
{
    switch (t) {
        case CouponType::Voucher: return Tr(TextId::UnsVoucher);
        case CouponType::Discount: return Tr(TextId::UnsDiscountCoupon);
        case CouponType::Flexi: return Tr(TextId::UnsFlexi);
        case CouponType::StoredCard: break;
    }
    return Tr(TextId::UnsCard);
}

// "9折" / "90% of the price" for a ratio in 1/10000.
std::string RatioWords(int bp)
{
    char num[32];
    if (CurrentLang() == Lang::Zh) {
        if (bp % 1000 == 0) std::snprintf(num, sizeof num, "%d", bp / 1000);
        else if (bp % 100 == 0) std::snprintf(num, sizeof num, "%d.%d", bp / 1000, bp / 100 % 10);
        else std::snprintf(num, sizeof num, "%d.%02d", bp / 1000, bp / 10 % 100);
    } else {
        if (bp % 100 == 0) std::snprintf(num, sizeof num, "%d", bp / 100);
        else std::snprintf(num, sizeof num, "%d.%02d", bp / 100, bp % 100);
    }
    return Format(Tr(TextId::OdlRatioZh), num);
}

int Group(CouponType t) { return t == CouponType::Discount ? 0 : t == CouponType::StoredCard ? 2 : 1; }

std::vector<const Coupon*> UsableCoupons(const Workspace& ws, Instant now)
{
    std::vector<const Coupon*> out;
    for (const Coupon& c : ws.coupons)
        if (CouponUsable(c, now)) out.push_back(&c);
    std::stable_sort(out.begin(), out.end(), [](const Coupon* a, const Coupon* b) {
        if (Group(a->type) != Group(b->type)) return Group(a->type) < Group(b->type);
        if (a->type == CouponType::Discount) return *a->discount_ratio_bp < *b->discount_ratio_bp;
        return CouponPaysBefore(*a, *b);  // payment.h: the automatic order
    });
    return out;
}

std::vector<std::string> TickedCoupons(const PaymentDialogState& dlg)
{
    if (dlg.couponIds) return *dlg.couponIds;
    std::vector<std::string> ids;
    for (const CouponUse& use : dlg.plan.settlement.coupons) ids.push_back(use.coupon_id);
    return ids;
}

void Replan(AppState& app, PaymentDialogState& dlg, Instant now)
{
    dlg.plan = PlanPayment(*app.workspace, PaymentRequest{dlg.orderIds, dlg.couponIds, now});
    dlg.planned = true;
    dlg.planRevision = app.revision;
    dlg.planAsOf = now;
}

// Ticks or unticks a coupon: the choice becomes explicit, in the order payment.h applies them.
void ToggleCoupon(AppState& app, PaymentDialogState& dlg, const std::vector<const Coupon*>& usable,
                  const std::string& id, Instant now)
{
    std::vector<std::string> ticked = TickedCoupons(dlg);
    auto it = std::find(ticked.begin(), ticked.end(), id);
    if (it != ticked.end()) ticked.erase(it);
    else ticked.push_back(id);
    std::vector<std::string> ordered;
    for (const Coupon* c : usable)
        if (std::find(ticked.begin(), ticked.end(), c->coupon_id) != ticked.end()) ordered.push_back(c->coupon_id);
    dlg.couponIds = ordered;
    Replan(app, dlg, now);
}

void DrawSkipped(const Refusals& skipped)
{
    struct Section {
        std::string_view code;
        TextId text;
    };
    const Section sections[] = {{"status_changed", TextId::OdlStatusChanged},
                                {"pending_review", TextId::OdlPendingReview},
                                {"pending_confirmation", TextId::OdlPendingConfirmation},
                                {"combined_order_incomplete", TextId::OdlCombinedIncomplete}};
    for (const Section& sec : sections) {
        std::vector<std::string> ids;
        for (const Refusal& r : skipped)
            if (r.code == sec.code) ids.push_back(r.subject);
        if (ids.empty()) continue;
        WarningText(Tr(sec.text));
        ImGui::Indent();
        ImGui::TextWrapped("%s", JoinIds(ids).c_str());
        ImGui::Unindent();
    }
    for (const Refusal& r : skipped) {
        const bool known =
            std::any_of(std::begin(sections), std::end(sections), [&](const Section& s) { return s.code == r.code; });
        if (!known) WarningText(RefusalWords(r));
    }
}

void DrawPaidOrders(const Workspace& ws, const PaymentResult& plan)
{
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
    const float rowH = ImGui::GetTextLineHeightWithSpacing() * 2 + ImGui::GetStyle().CellPadding.y * 2;
    const float height = std::min(static_cast<float>(plan.orders.size() + 1), 7.0f) * rowH;
    if (!ImGui::BeginTable("##pay-orders", 4, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(Tr(TextId::OrderIdCol), ImGuiTableColumnFlags_WidthStretch, 2.4f);
    ImGui::TableSetupColumn(Tr(TextId::OrderTypeCol), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn(Tr(TextId::ProductType), ImGuiTableColumnFlags_WidthStretch, 1.4f);
    ImGui::TableSetupColumn(Tr(TextId::OdlDue), ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableHeadersRow();
    for (const PaidOrder& po : plan.orders) {
        const Order* o = ws.findOrder(po.order_id);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(po.order_id.c_str());
        if (po.combined_order_id) ImGui::TextDisabled(Tr(TextId::OdlPartOf), po.combined_order_id->c_str());
        else ImGui::TextDisabled(" ");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(Label(po.order_type));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(o ? o->service_type_name.c_str() : "");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(po.due.display().c_str());
    }
    ImGui::EndTable();
}

void DrawCoupons(AppState& app, PaymentDialogState& dlg, Instant now)
{
    const Workspace& ws = *app.workspace;
    ImGui::TextUnformatted(Tr(TextId::OdlCoupons));
    ImGui::SameLine();
    ImGui::TextDisabled("%s", Tr(TextId::OdlCouponLimit));
    if (dlg.couponIds) {
        ImGui::SameLine();
        if (ImGui::SmallButton(Tr(TextId::OdlAutoChoice))) {
            dlg.couponIds.reset();
            Replan(app, dlg, now);
        }
    }
    const std::vector<const Coupon*> usable = UsableCoupons(ws, now);
    if (usable.empty()) {
        ImGui::TextDisabled("%s", Tr(TextId::OdlNoCoupons));
        return;
    }
    const std::vector<std::string> ticked = TickedCoupons(dlg);
    int discounts = 0, vouchers = 0;
    for (const std::string& id : ticked)
        if (const Coupon* c = ws.findCoupon(id)) {
            discounts += c->type == CouponType::Discount ? 1 : 0;
            vouchers += c->type == CouponType::Voucher || c->type == CouponType::Flexi ? 1 : 0;
        }
    const ImGuiTableFlags flags =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_ScrollY;
    const float rowH = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2;
    const float height = std::min(static_cast<float>(usable.size() + 1), 7.0f) * rowH + ImGui::GetStyle().CellPadding.y;
    if (!ImGui::BeginTable("##coupons", 4, flags, ImVec2(0, height))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn(Tr(TextId::Coupons), ImGuiTableColumnFlags_WidthStretch, 2.6f);
    ImGui::TableSetupColumn("##value", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("##expiry", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("##uses", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(usable.size()));
    std::string toggle;
    while (clipper.Step()) {
        for (int k = clipper.DisplayStart; k < clipper.DisplayEnd; ++k) {
            const Coupon& c = *usable[static_cast<std::size_t>(k)];
            const bool on = std::find(ticked.begin(), ticked.end(), c.coupon_id) != ticked.end();
            const bool full =
                !on &&
                ((c.type == CouponType::Discount && discounts >= kMaxDiscountCoupons) ||
                 ((c.type == CouponType::Voucher || c.type == CouponType::Flexi) && vouchers >= kMaxPaymentCoupons));
            ImGui::PushID(k);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            bool value = on;
            ImGui::BeginDisabled(full);
            const std::string label = std::string(CouponTypeWords(c.type)) + " " + c.coupon_id;
            if (ImGui::Checkbox(label.c_str(), &value)) toggle = c.coupon_id;
            ImGui::EndDisabled();
            if (full && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) Tooltip(Tr(TextId::OdlCouponLimit));
            ImGui::TableNextColumn();
            if (c.type == CouponType::Discount) ImGui::TextUnformatted(RatioWords(*c.discount_ratio_bp).c_str());
            else
                ImGui::TextUnformatted(
                    Format(Tr(TextId::OdlCouponBalance), c.balance.value_or(Money()).display().c_str()).c_str());
            ImGui::TableNextColumn();
            if (c.expire_time)
                ImGui::TextUnformatted(Format(Tr(TextId::OdlCouponExpires),
                                              FormatLocalDate(LocalDateOf(*c.expire_time, ws.rules.zone)).c_str())
                                           .c_str());
            else ImGui::TextUnformatted(Tr(TextId::OdlCouponNoExpiry));
            ImGui::TableNextColumn();
            for (const CouponUse& use : dlg.plan.settlement.coupons)
                if (use.coupon_id == c.coupon_id)
                    ImGui::TextUnformatted(Format(Tr(TextId::OdlCouponUses), use.amount.display().c_str()).c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
    if (!toggle.empty()) ToggleCoupon(app, dlg, usable, toggle, now);
}

void AmountRow(TextId label, const std::string& sign, Money m, bool always = false)
{
    if (m.isZero() && !always) return;
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(Tr(label));
    ImGui::TableNextColumn();
    const std::string s = sign + m.display();
    const float w = ImGui::CalcTextSize(s.c_str()).x;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, ImGui::GetContentRegionAvail().x - w));
    ImGui::TextUnformatted(s.c_str());
}

void DrawSettlement(const PaymentResult& plan)
{
    const SettlementPlan& s = plan.settlement;
    if (ImGui::BeginTable("##settlement", 2, ImGuiTableFlags_SizingFixedFit)) {
        ImGui::TableSetupColumn("##what", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 10);
        ImGui::TableSetupColumn("##amount", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 8);
        AmountRow(TextId::OdlDue, "", s.due, true);
        AmountRow(TextId::OdlSumDiscount, "- ", s.paid.discount_coupon);
        AmountRow(TextId::OdlSumVoucher, "- ", s.paid.voucher);
        AmountRow(TextId::OdlSumFlexi, "- ", s.paid.flexi_coupon);
        AmountRow(TextId::OdlSumCard, "- ", s.paid.stored_card);
        AmountRow(TextId::OdlPayCash, "= ", s.paid.cash, true);
        ImGui::EndTable();
    }
    if (s.cash_before) {
        ImGui::Text("%s: %s", Tr(TextId::CashBalance), s.cash_before->display().c_str());
        if (s.cash_after) {
            ImGui::SameLine(0, ImGui::GetFontSize() * 2);
            ImGui::Text("%s: %s", Tr(TextId::OdlBalanceAfter), s.cash_after->display().c_str());
        }
    }
}

void DrawPaymentRefusals(const PaymentResult& plan)
{
    const SettlementPlan& s = plan.settlement;
    for (const Refusal& r : plan.refusals) {
        if (r.code == "insufficient_balance" && s.cash_before)
            ErrorText(Format(Tr(TextId::OdlMissing), (s.paid.cash - *s.cash_before).display().c_str()));
        else if (r.code == "balance_unknown")
            ErrorText(Format(Tr(TextId::OdlBalanceUnknown), s.paid.cash.display().c_str()));
        else ErrorText(RefusalWords(r));
    }
}

void DrawPaymentDialog(AppState& app, OrderListState& list)
{
    PaymentDialogState& dlg = list.payment;
    if (!dlg.open && !dlg.opening) return;
    if (!app.workspace) {
        dlg.open = dlg.opening = false;
        return;
    }
    const Workspace& ws = *app.workspace;
    const Instant now = AsOf(app);
    if (!dlg.done && (!dlg.planned || dlg.planRevision != app.revision || TooFarApart(now, dlg.planAsOf)))
        Replan(app, dlg, now);

    const std::string title =
        std::string(Tr(dlg.combined ? TextId::OdlCombinedPayTitle : TextId::OdlPayTitle)) + "###payment-dialog";
    if (!BeginDialog(title.c_str(), &dlg.opening, &dlg.open, 50, dlg.done ? 0.0f : 0.86f)) return;
    bool close = false;
    if (dlg.done) {
        const PaymentResult& res = *dlg.done;
        ImGui::PushFont(HeadingFont());
        ImGui::TextUnformatted(Tr(TextId::OdlPaid));
        ImGui::PopFont();
        for (const PaidOrder& po : res.orders)
            ImGui::TextUnformatted(Format(Tr(TextId::OdlPaidLine), po.order_id.c_str(),
                                          SpentFromAccount(po.paid).display().c_str(), Label(po.status_after))
                                       .c_str());
        for (const std::string& id : res.combined_order_ids)
            ImGui::TextDisabled("%s: %s", Tr(TextId::CombinedOrder), id.c_str());
        if (!res.skipped.empty()) {
            ImGui::Spacing();
            DrawSkipped(res.skipped);
        }
        ImGui::Spacing();
        DrawSettlement(res);
        ImGui::Separator();
        if (ImGui::Button(Tr(TextId::OdlOk)) || DialogEnterPressed() || DialogEscapePressed()) close = true;
    } else {
        const PaymentResult& plan = dlg.plan;
        const bool whole =
            !plan.ok() && !plan.refusals.empty() &&
            (plan.refusals.front().code == "all_status_changed" || plan.refusals.front().code == "nothing_to_pay");
        BeginDialogBody();
        ImGui::TextDisabled("%s: %s", Tr(TextId::AsOf), ConsoleTime(ws, plan.as_of).c_str());
        if (whole) {
            // Nothing can be paid: say why, order by order (seed 4.1.1 说明 2).
            ErrorText(Tr(plan.refusals.front().code == "all_status_changed" ? TextId::OdlAllChanged
                                                                            : TextId::OdlNothingToPay));
            DrawSkipped(Refusals(plan.refusals.begin() + 1, plan.refusals.end()));
        } else {
            DrawSkipped(plan.skipped);
            if (!plan.orders.empty()) {
                ImGui::TextUnformatted(Tr(TextId::OdlOrdersToPay));
                ImGui::SameLine();
                ImGui::TextDisabled(Tr(TextId::OdlOrdersCount), static_cast<int>(plan.orders.size()));
                DrawPaidOrders(ws, plan);
                const bool combined = !plan.combined_order_ids.empty() ||
                                      std::any_of(plan.orders.begin(), plan.orders.end(),
                                                  [](const PaidOrder& po) { return po.combined_order_id.has_value(); });
                if (combined) WarningText(Tr(TextId::OdlCombinedNote));
                ImGui::Spacing();
                DrawCoupons(app, dlg, now);
                ImGui::Spacing();
                DrawSettlement(dlg.plan);
            }
            DrawPaymentRefusals(dlg.plan);
            ImGui::TextDisabled("%s", Tr(TextId::OdlOnlyBalance));
        }
        EndDialogBody();
        // When nothing can be paid (said above), the row offers the way back to the orders instead.
        const ConfirmRowChoice choice = whole
                                            ? ConfirmRow(Tr(TextId::OdlBackToMyOrders), true, Tr(TextId::Cancel))
                                            : ConfirmRow(Tr(TextId::OdlConfirmPay), dlg.plan.ok(), Tr(TextId::Cancel));
        close = choice.dismiss;
        if (whole && choice.confirm) {
            app.page = Page::MyOrders;
            close = true;
        } else if (choice.confirm) {
            PaymentResult res = PayOrders(*app.workspace, PaymentRequest{dlg.orderIds, dlg.couponIds, now});
            if (res.ok()) {
                MarkChanged(app);
                for (const PaidOrder& po : res.orders) list.selected.erase(po.order_id);
                for (const std::string& id : res.combined_order_ids) list.selected.erase(id);
                dlg.done = std::move(res);
            } else {
                dlg.plan = std::move(res);
            }
        }
    }
    if (close) {
        dlg.open = false;
        ImGui::CloseCurrentPopup();
    }
    EndDialog();
}

// [SECTION] Cancel dialog (seed 4.1.2 step 6, 4.3.2 step 6)

void DrawCancelDialog(AppState& app, OrderListState& list)
{
    CancelDialogState& dlg = list.cancel;
    if (!dlg.open && !dlg.opening) return;
    if (!app.workspace) {
        dlg.open = dlg.opening = false;
        return;
    }
    const Workspace& ws = *app.workspace;
    const Instant now = AsOf(app);
    if (!dlg.done && (!dlg.planned || dlg.planRevision != app.revision || TooFarApart(now, dlg.planAsOf))) {
        dlg.plan = PlanCancel(ws, CancelRequest{dlg.orderIds, now});
        dlg.planned = true;
        dlg.planRevision = app.revision;
        dlg.planAsOf = now;
    }
    const std::string title = std::string(Tr(TextId::OdlCancelTitle)) + "###cancel-dialog";
    if (!BeginDialog(title.c_str(), &dlg.opening, &dlg.open, 36, 0)) return;
    bool close = false;
    if (dlg.done) {
        ImGui::TextWrapped("%s", Format(Tr(TextId::OdlCancelledList), JoinIds(dlg.done->cancelled).c_str()).c_str());
        if (!dlg.done->skipped.empty()) {
            WarningText(Tr(TextId::OdlCancelSkipped));
            for (const Refusal& r : dlg.done->skipped) ImGui::BulletText("%s", RefusalWords(r).c_str());
        }
        ImGui::Spacing();
        if (ImGui::Button(Tr(TextId::OdlOk)) || DialogEnterPressed() || DialogEscapePressed()) close = true;
    } else {
        const CancelResult& plan = dlg.plan;
        if (plan.ok()) {
            WarningText(Tr(TextId::OdlCancelQuestion));
            bool combined = false;
            const std::size_t shown = std::min<std::size_t>(plan.cancelled.size(), 12);
            for (std::size_t i = 0; i < shown; ++i) {
                const Order* o = ws.findOrder(plan.cancelled[i]);
                ImGui::BulletText("%s  %s  %s", plan.cancelled[i].c_str(), o ? Label(o->order_type) : "",
                                  o ? o->amount_after_discount.display().c_str() : "");
            }
            if (plan.cancelled.size() > shown)
                ImGui::TextDisabled(Tr(TextId::OdlOrdersCount), static_cast<int>(plan.cancelled.size()));
            for (const std::string& id : plan.cancelled)
                if (const Order* o = ws.findOrder(id); o && o->combined_order_id) combined = true;
            if (combined) ImGui::TextWrapped("%s", Tr(TextId::OdlCancelCombined));
            if (!plan.skipped.empty()) {
                WarningText(Tr(TextId::OdlCancelSkipped));
                for (const Refusal& r : plan.skipped) ImGui::BulletText("%s", RefusalWords(r).c_str());
            }
        } else {
            for (const Refusal& r : plan.refusals) ErrorText(RefusalWords(r));
        }
        ImGui::Spacing();
        const ConfirmRowChoice choice = ConfirmRow(Tr(TextId::OdlOk), plan.ok(), Tr(TextId::Cancel));
        close = choice.dismiss;
        if (choice.confirm) {
            CancelResult res = CancelOrders(*app.workspace, CancelRequest{dlg.orderIds, now});
            if (res.ok()) {
                MarkChanged(app);
                for (const std::string& id : res.cancelled) list.selected.erase(id);
                dlg.done = std::move(res);
            } else {
                dlg.plan = std::move(res);
            }
        }
    }
    if (close) {
        dlg.open = false;
        ImGui::CloseCurrentPopup();
    }
    EndDialog();
}

// [SECTION] Status legend (seed 4.3.5 表 4-1)

void DrawLegend(OrderListState& list)
{
    const std::string title = std::string(Tr(TextId::StatusLegend)) + "###status-legend";
    if (!BeginDialog(title.c_str(), &list.legendOpening, &list.legendOpen, 44, 0)) return;
    const TextId meanings[] = {TextId::OdlLegend0, TextId::OdlLegend1, TextId::OdlLegend2, TextId::OdlLegend3,
                               TextId::OdlLegend4, TextId::OdlLegend5, TextId::OdlLegend6};
    static_assert(sizeof(meanings) / sizeof(meanings[0]) == EnumNames<OrderStatus>::names.size(),
                  "one meaning per status");
    // The console's order of the table: 待支付, 待审核, 退款中, 处理中, 已完成, 已取消, 待确认 (= the enum's).
    if (ImGui::BeginTable("##legend", 2,
                          ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn(Tr(TextId::OrderStatusCol), ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7);
        ImGui::TableSetupColumn(Tr(TextId::OdlLegendMeaning), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableHeadersRow();
        for (int i = 0; i < static_cast<int>(std::size(meanings)); ++i) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(Label(static_cast<OrderStatus>(i)));
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", Tr(meanings[i]));
        }
        ImGui::EndTable();
    }
    ImGui::Spacing();
    if (ImGui::Button(Tr(TextId::Close)) || DialogEnterPressed() || DialogEscapePressed()) {
        list.legendOpen = false;
        ImGui::CloseCurrentPopup();
    }
    EndDialog();
}

// [SECTION] Order details and trade history

void DrawHistoryRows(const Workspace& ws, const std::vector<const TradeHistoryEntry*>& rows, std::size_t limit)
{
    if (ImGui::BeginTable("##history", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn(Tr(TextId::TradeType));
        ImGui::TableSetupColumn(Tr(TextId::CreateTime));
        ImGui::TableSetupColumn(Tr(TextId::OrderIdCol));
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < rows.size() && i < limit; ++i) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(Label(rows[i]->type));
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ConsoleTime(ws, rows[i]->time).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(rows[i]->order_id.c_str());
        }
        ImGui::EndTable();
    }
}

// 订单信息: id, type, status, times, creator, the combined trade order and its sub-orders.
void DrawOrderInfo(const Workspace& ws, OrderListState& list, const Order* o, OrderStatus status, Instant now)
{
    ImGui::TextDisabled("%s", Tr(TextId::OrderInfo));
    ImGui::Text("%s: %s    %s: %s    %s: %s", Tr(TextId::OrderIdCol), o->order_id.c_str(), Tr(TextId::OrderTypeCol),
                Label(o->order_type), Tr(TextId::OrderStatusCol), Label(status));
    if (PastPaymentDeadline(*o, ws.rules, now)) {
        ImGui::SameLine();
        ImGui::TextDisabled("(%s)", Tr(TextId::OdlDeadlinePassed));
    }
    ImGui::Text("%s: %s    %s: %s", Tr(TextId::CreateTime), ConsoleTime(ws, o->create_time).c_str(),
                Tr(TextId::Creator), o->created_by.c_str());
    if (o->payment_time) ImGui::Text("%s: %s", Tr(TextId::PaymentTime), ConsoleTime(ws, *o->payment_time).c_str());
    if (o->status == OrderStatus::PendingPayment)  // drawing: the deadline it had, also once it has passed
        ImGui::Text("%s: %s", Tr(TextId::PaymentDeadline), ConsoleTime(ws, PaymentDeadline(*o, ws.rules)).c_str());
    if (o->combined_order_id) {
        ImGui::Text("%s:", Tr(TextId::CombinedOrder));
        ImGui::SameLine();
        if (ImGui::SmallButton(o->combined_order_id->c_str())) list.details = *o->combined_order_id;
    }
    // Orders that belong to this one as their combined trade order.
    bool header = false;
    for (const Order& sub : ws.orders) {
        if (sub.combined_order_id != o->order_id) continue;
        if (!header) {
            ImGui::Text("%s:", Tr(TextId::SubOrders));
            header = true;
        }
        ImGui::SameLine();
        ImGui::PushID(sub.order_id.c_str());
        if (ImGui::SmallButton(sub.order_id.c_str())) list.details = sub.order_id;
        ImGui::PopID();
    }
}

// 资源信息: one row per item.
void DrawOrderItems(const Workspace& ws, const Order* o)
{
    ImGui::TextDisabled("%s", Tr(TextId::ResourceInfo));
    if (ImGui::BeginTable("##items", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn(Tr(TextId::ResourceIdCol));
        ImGui::TableSetupColumn(Tr(TextId::ResourceNameCol));
        ImGui::TableSetupColumn(Tr(TextId::Region));
        ImGui::TableSetupColumn(Tr(TextId::PeriodCol));
        ImGui::TableSetupColumn(Tr(TextId::AmountCol));
        ImGui::TableHeadersRow();
        for (const OrderItem& item : o->items) {
            const Resource* r = item.resource_id ? ws.findResource(*item.resource_id) : nullptr;
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(item.resource_id.value_or("-").c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r ? r->resource_name.c_str() : "-");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(r ? r->region_code.c_str() : "-");
            ImGui::TableNextColumn();
            if (item.period) ImGui::Text("%d %s", item.period_num.value_or(1), Label(*item.period));
            else ImGui::TextUnformatted("-");
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(item.amount ? item.amount->display().c_str() : "-");
        }
        ImGui::EndTable();
    }
}

// The seed's amount model (chapter 6, 4.4.3), as the core computes it (DescribeOrder): 订单金额, 应付金额,
// 实付金额, the 支付渠道 table and the enterprise projects.
void DrawOrderAmounts(AppState& app, const Order* o)
{
    const Workspace& ws = *app.workspace;
    ImGui::Spacing();
    if (const std::optional<OrderDetails> d = DescribeOrder(ws, o->order_id, AsOf(app)); d && d->processing_case)
        ImGui::TextUnformatted(Tr(*d->processing_case == ProcessingCase::PartlyFailed
                                      ? TextId::ProcessingPartlyFailed
                                      : TextId::ProcessingProvisioning));
    ImGui::TextDisabled("%s", Tr(TextId::AmountInfo));
    if (const std::optional<OrderDetails> d = DescribeOrder(ws, o->order_id, AsOf(app))) {
        if (!d->refunds.empty()) {  // seed 4.3.3: 可在订单详情页面查看退款详情
            ImGui::TextDisabled("%s", Tr(TextId::RefundDetails));
            for (const Order* u : d->refunds)
                ImGui::BulletText(
                    "%s", Format(Tr(TextId::RefundDetailsRow), u->order_id.c_str(),
                                 ConsoleTime(ws, u->create_time).c_str(), u->amount_after_discount.display().c_str())
                              .c_str());
        }
        const OrderAmounts& a = d->amounts;
        const auto money = [](const std::optional<Money>& m) { return m ? m->display() : std::string("-"); };
        if (ImGui::BeginTable("##amounts", 2, ImGuiTableFlags_SizingFixedFit)) {
            const auto row = [](const char* label, const std::string& value, const char* note = nullptr) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(label);
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(value.c_str());
                if (note) {
                    ImGui::SameLine();
                    ImGui::TextDisabled("%s", note);
                }
            };
            row(Tr(TextId::OfficialAmount), money(a.list));
            row(Tr(TextId::AmountDiscounts), money(a.discount));
            row(Tr(TextId::OrderAmount), a.after_discount.display(), Tr(TextId::AmountDueIs));
            row(Tr(TextId::AmountCouponsCards), money(a.coupons));
            row(Tr(TextId::AmountPaid), money(a.actually_paid), Tr(TextId::AmountPaidIs));
            if (a.fee) row(Tr(TextId::UnsubFee), a.fee->display());
            if (a.consumed) row(Tr(TextId::UnsubConsumed), a.consumed->display());
            ImGui::EndTable();
        }
        ImGui::TextDisabled("%s", Tr(TextId::PaymentChannels));
        if (!a.paid) ImGui::TextDisabled("%s", Tr(TextId::PaymentUnknown));
        else if (ImGui::BeginTable("##channels", 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_BordersInnerH)) {
            for (const auto& [id, amount] : {std::pair{TextId::ChannelCash, a.paid->cash},
                                             {TextId::ChannelVoucher, a.paid->voucher},
                                             {TextId::ChannelFlexi, a.paid->flexi_coupon},
                                             {TextId::ChannelCard, a.paid->stored_card},
                                             {TextId::ChannelDiscountCoupon, a.paid->discount_coupon}}) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(Tr(id));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(amount.display().c_str());
            }
            ImGui::EndTable();
        }
    }
    if (!o->enterprise_projects.empty()) {
        std::string projects;
        for (const EnterpriseProject& p : o->enterprise_projects)
            projects += (projects.empty() ? "" : ", ") + (p.name.empty() ? p.id : p.name);
        ImGui::Text("%s: %s", Tr(TextId::EnterpriseProject), projects.c_str());
    }
}

// 交易记录跟踪 of the order's resources (seed 4.3.3: 3 shown, then "查看全部记录" in a window).
void DrawOrderHistory(AppState& app, OrderListState& list, const Order* o)
{
    const Workspace& ws = *app.workspace;
    ImGui::Spacing();
    ImGui::TextDisabled("%s", Tr(TextId::TradeHistory));
    // Every later order naming one of its resources too (a renewal placed here shows at once).
    if (list.historyOf != o->order_id || list.historyRevision != app.revision) {
        list.history = TradeHistory(ws, *o);
        list.historyOf = o->order_id;
        list.historyRevision = app.revision;
    }
    std::vector<const TradeHistoryEntry*> history;
    for (const TradeHistoryEntry& h : list.history) history.push_back(&h);
    std::sort(history.begin(), history.end(), [](auto* a, auto* b) { return a->time > b->time; });
    if (history.empty()) ImGui::TextDisabled("%s", Tr(TextId::NoHistory));
    else DrawHistoryRows(ws, history, 3);
    if (history.size() >= static_cast<std::size_t>(kTradeHistoryShown) &&
        ImGui::SmallButton(Tr(TextId::ViewAllRecords)))
        list.showAllHistory = true;

    if (list.showAllHistory) {
        // Centred over the console (not over the navigation), closed by its X or Esc.
        const ImGuiViewport* vp = ImGui::GetMainViewport();
        ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.5f),
                                ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
        ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 36, ImGui::GetFontSize() * 22), ImGuiCond_Appearing);
        if (ImGui::Begin(Tr(TextId::TradeHistory), &list.showAllHistory, ImGuiWindowFlags_NoSavedSettings)) {
            if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) &&
                ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape)) && !ImGui::IsAnyItemActive())
                list.showAllHistory = false;
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
            ImGui::InputTextWithHint("##hsearch", Tr(TextId::SearchOrderId), list.historySearch,
                                     sizeof list.historySearch);
            ImGui::SameLine();
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
            EnumCombo<OrderType>("##htype", list.historyType);
            // seed 4.3.3 说明: 交易类型、创建时间、订单号; the rows are the core's TradeHistory with that filter.
            ImGui::SameLine();
            DrawCreatedFilter("##hcreated", list.historyCreated, list.historyFrom, list.historyTo,
                              sizeof list.historyFrom, true, ImGui::GetFontSize() * 8);
            const Instant now = AsOf(app);
            const std::string key = std::string(list.historySearch) + "\n" + std::to_string(list.historyType) + "\n" +
                                    std::to_string(list.historyCreated) + "\n" + list.historyFrom + "\n" +
                                    list.historyTo + "\n" + std::to_string(app.revision) + "\n" + o->order_id + "\n" +
                                    std::to_string(now.unixSeconds() / 60);
            if (key != list.historyShownKey) {
                TradeHistoryFilter hf;
                if (list.historyType >= 0) hf.type = static_cast<OrderType>(list.historyType);
                hf.order_id = list.historySearch;
                if (const std::optional<CreatedRange> r = CreatedRangeOf(ws, now, list.historyCreated, list.historyFrom,
                                                                         list.historyTo, list.historyProblem)) {
                    hf.from = r->from;
                    hf.to = r->to;
                }
                list.historyShown.clear();
                if (list.historyProblem.empty()) list.historyShown = TradeHistory(ws, *o, hf);
                list.historyShownKey = key;
            }
            if (!list.historyProblem.empty())
                ImGui::TextColored(ImVec4(0.82f, 0.16f, 0.16f, 1.0f), "%s", list.historyProblem.c_str());
            std::vector<const TradeHistoryEntry*> shown;
            for (const TradeHistoryEntry& h : list.historyShown) shown.push_back(&h);
            std::sort(shown.begin(), shown.end(), [](auto* a, auto* b) { return a->time > b->time; });
            DrawHistoryRows(ws, shown, shown.size());
        }
        ImGui::End();
    }
}

void DrawDetails(AppState& app, OrderListState& list)
{
    // seed 4.3.3 说明 / 4.4.4: resources that failed are unsubscribed by the system (as of the clock) when
    // the details are opened (orders are added: nothing of the workspace is held across it); the order then
    // shows the refund. Once per opening: an undo (Ctrl+Z) with the details open is not redone at once.
    if (const Order* failed = app.workspace->findOrder(list.details); list.systemActedFor != list.details && failed) {
        list.systemActedFor = list.details;
        if (ProcessingCaseOf(*app.workspace, *failed, AsOf(app)) == ProcessingCase::PartlyFailed &&
            !AutoUnsubscribeFailed(*app.workspace, AsOf(app)).empty())
            MarkChanged(app);
    }
    const Workspace& ws = *app.workspace;
    const Order* o = ws.findOrder(list.details);
    if (!o) {
        list.details.clear();
        return;
    }
    const OrderStatus status = StatusAsOf(*o, ws.rules, AsOf(app));
    ImGui::Separator();
    ImGui::TextUnformatted(Tr(TextId::OrderDetails));
    ImGui::SameLine();
    // 待支付订单详情页面客户可支付订单或取消订单 (seed 4.1.3, 4.3.3).
    if (IsPayable(status)) {
        if (ImGui::SmallButton(Tr(TextId::Pay))) OpenPaymentDialog(list, {o->order_id}, false);
        ImGui::SameLine();
        if (ImGui::SmallButton(Tr(TextId::Cancel))) OpenCancelDialog(list, {o->order_id});
        ImGui::SameLine();
    }
    if (ImGui::SmallButton(Tr(TextId::Close))) {
        list.details.clear();
        return;
    }

    DrawOrderInfo(ws, list, o, status, AsOf(app));
    ImGui::Spacing();
    DrawOrderItems(ws, o);

    DrawOrderAmounts(app, o);
    DrawOrderHistory(app, list, o);
}

// [SECTION] Batch bar

void DrawBatchBar(AppState& app, OrderListState& list)
{
    const Workspace& ws = *app.workspace;
    const int selected = static_cast<int>(list.selected.size());
    const std::vector<std::string> ids(list.selected.begin(), list.selected.end());

    // 合并支付: 1..combined_pay_max (seed 4.1.1 step 5 说明).
    const int payMax = ws.rules.combined_pay_max;
    const bool payOff = selected == 0 || selected > payMax;
    ImGui::BeginDisabled(payOff);
    if (ImGui::Button(Tr(TextId::CombinedPay))) OpenPaymentDialog(list, ids, true);
    ImGui::EndDisabled();
    if (payOff && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        Tooltip(selected == 0 ? Tr(TextId::UnsSelectFirst) : Format(Tr(TextId::OdlTooMany), payMax));
    ImGui::SameLine();

    // 取消订单: 1..batch_cancel_max.
    const int cancelMax = ws.rules.batch_cancel_max;
    const bool cancelOff = selected == 0 || selected > cancelMax;
    ImGui::BeginDisabled(cancelOff);
    if (ImGui::Button(Tr(TextId::OdlCancelOrders))) OpenCancelDialog(list, ids);
    ImGui::EndDisabled();
    if (cancelOff && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        Tooltip(selected == 0 ? Tr(TextId::UnsSelectFirst) : Format(Tr(TextId::OdlTooMany), cancelMax));
    ImGui::SameLine();

    // 批量导出 (4.1.4: the ticked pending orders) / 导出全部 (4.3.4: every order the query shows). The
    // export is recorded and the page moves to 导出记录 (page_export_records.h); a refusal stays here.
    const ExportKind exportKind = list.pendingOnly ? ExportKind::PendingOrders : ExportKind::Orders;
    const bool exportOff = list.pendingOnly ? selected == 0 : list.rows.empty();
    ImGui::BeginDisabled(exportOff);
    if (ImGui::Button(Tr(list.pendingOnly ? TextId::BatchExport : TextId::ExportAll))) {
        ExportRequest req;
        req.kind = exportKind;
        if (list.pendingOnly) {
            req.ids = ids;
        } else {
            std::vector<std::string> shown;
            shown.reserve(list.rows.size());
            for (std::size_t i : list.rows) shown.push_back(ws.orders[i].order_id);
            req.ids = std::move(shown);
        }
        req.language = CurrentLang() == Lang::Zh ? HeaderLanguage::Chinese : HeaderLanguage::English;
        ExportAndDownload(app, req);
    }
    ImGui::EndDisabled();
    if (exportOff && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        Tooltip(Tr(list.pendingOnly ? TextId::UnsSelectFirst : TextId::NoMatchingOrders));
    ImGui::SameLine();

    if (ImGui::Button(Tr(TextId::StatusLegend))) list.legendOpening = true;
    ImGui::SameLine();
    ImGui::TextDisabled(Tr(TextId::SelectedOrders), selected);
    ImGui::SameLine();
    ImGui::TextDisabled(Tr(TextId::RowsShown), static_cast<int>(list.rows.size()));
    DrawExportRefusals(app, exportKind);
}

}  // namespace

// The table's columns, widths from content (ui/widgets.h BeginListTable); the actions: 支付 取消 详情.
static std::array<ListColumn, 9> OrderColumns(const Workspace& ws)
{
    const float em = ImGui::GetFontSize(), money = TextWidth("¥1,234,567.89");
    return {{
        {Tr(TextId::OrderIdCol), ImGui::GetFrameHeight() + em * 8, 2.2f},
        {Tr(TextId::ProductType), em * 4, 1.3f},
        {Tr(TextId::OrderTypeCol), WidestLabel<OrderType>(), 0.3f},
        {Tr(TextId::CreateTime), TextWidth(ConsoleTime(ws, Instant{}).c_str()), 0.0f},
        {Tr(TextId::OrderStatusCol), WidestLabel<OrderStatus>(), 0.3f},
        {Tr(TextId::OfficialAmount), money, 0.2f},
        {Tr(TextId::OrderAmount), money, 0.2f},
        {Tr(TextId::AmountPaid), money, 0.2f},
        {Tr(TextId::Actions), ButtonRowWidth({Tr(TextId::Pay), Tr(TextId::Cancel), Tr(TextId::Details)}), 0.0f},
    }};
}

// [SECTION] The list (public: OpenPaymentDialog, OpenCancelDialog, DrawOrderList)

void OpenPaymentDialog(OrderListState& list, std::vector<std::string> orderIds, bool combined)
{
    list.payment = PaymentDialogState{};
    list.payment.orderIds = std::move(orderIds);
    list.payment.combined = combined;
    list.payment.opening = true;
}

void OpenCancelDialog(OrderListState& list, std::vector<std::string> orderIds)
{
    list.cancel = CancelDialogState{};
    list.cancel.orderIds = std::move(orderIds);
    list.cancel.opening = true;
}

void DrawOrderList(AppState& app, OrderListState& list)
{
    if (!app.workspace) {
        ImGui::TextDisabled("%s", Tr(TextId::NoWorkspace));
        return;
    }
    const Workspace& ws = *app.workspace;
    const Instant now = AsOf(app);
    DrawFilters(ws, app.revision, list);
    if (list.dirty || list.builtFor != app.revision || TooFarApart(now, list.builtAsOf))
        Rebuild(ws, app.revision, now, list);

    DrawBatchBar(app, list);
    DrawProjectSubtotals(list);

    const float detailsHeight = list.details.empty() ? 0.0f : ImGui::GetFontSize() * 20;
    ImVec2 size(0, detailsHeight > 0 ? -detailsHeight : 0);
    if (list.rows.empty()) {
        ImGui::TextDisabled("%s", Tr(TextId::NoMatchingOrders));
    } else if (BeginListTable("##orders", OrderColumns(ws),
                              ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH,
                              size)) {
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(list.rows.size()));
        while (clipper.Step()) {
            for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
                const Order& o = ws.orders[list.rows[row]];
                const OrderStatus status = StatusAsOf(o, ws.rules, now);
                ImGui::PushID(row);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                if (IsAwaitingPayment(o, status)) {
                    bool ticked = list.selected.count(o.order_id) != 0;
                    if (ImGui::Checkbox("##sel", &ticked)) {
                        if (ticked) list.selected.insert(o.order_id);
                        else list.selected.erase(o.order_id);
                    }
                    ImGui::SameLine();
                }
                if (ElidedSelectable(o.order_id, list.details == o.order_id)) list.details = o.order_id;
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(o.service_type_name.c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(Label(o.order_type));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(ConsoleTime(ws, o.create_time).c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(Label(status));
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(o.official_amount ? o.official_amount->display().c_str() : "-");
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(o.amount_after_discount.display().c_str());
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(o.paid ? o.paid->cash.display().c_str() : "-");
                ImGui::TableNextColumn();
                if (IsAwaitingPayment(o, status)) {
                    const bool payable = IsPayable(status);
                    ImGui::BeginDisabled(!payable);
                    if (ImGui::SmallButton(Tr(TextId::Pay))) OpenPaymentDialog(list, {o.order_id}, false);
                    ImGui::EndDisabled();
                    if (!payable && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
                        // drawing: the words for the status shown
                        Tooltip(Tr(status == OrderStatus::PendingReview ? TextId::OdlRefPendingReview
                                                                        : TextId::OdlRefPendingConfirmation));
                    ImGui::SameLine();
                    ImGui::BeginDisabled(!payable);
                    if (ImGui::SmallButton(Tr(TextId::Cancel))) OpenCancelDialog(list, {o.order_id});
                    ImGui::EndDisabled();
                    ImGui::SameLine();
                }
                if (ImGui::SmallButton(Tr(TextId::Details))) list.details = o.order_id;
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    if (!list.details.empty()) DrawDetails(app, list);
    else list.systemActedFor.clear();

    DrawPaymentDialog(app, list);
    DrawCancelDialog(app, list);
    DrawLegend(list);
}

}  // namespace qd::ui
