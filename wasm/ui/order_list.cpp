#include "ui/order_list.h"

#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "ui/app.h"
#include "ui/i18n.h"
#include "ui/labels.h"

namespace qd::ui {
namespace {

bool ContainsNoCase(std::string_view hay, std::string_view needle)
{
    if (needle.empty()) return true;
    auto it = std::search(hay.begin(), hay.end(), needle.begin(), needle.end(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
    });
    return it != hay.end();
}

void Rebuild(const Workspace& ws, uint64_t revision, OrderListState& list)
{
    std::set<std::string> names;
    for (const Order& o : ws.orders) if (!o.service_type_name.empty()) names.insert(o.service_type_name);
    std::string keep = list.serviceType >= 0 && list.serviceType < static_cast<int>(list.serviceTypes.size()) ? list.serviceTypes[list.serviceType] : "";
    list.serviceTypes.assign(names.begin(), names.end());
    auto found = std::find(list.serviceTypes.begin(), list.serviceTypes.end(), keep);
    list.serviceType = keep.empty() || found == list.serviceTypes.end() ? -1 : static_cast<int>(found - list.serviceTypes.begin());

    list.rows.clear();
    for (std::size_t i = 0; i < ws.orders.size(); ++i) {
        const Order& o = ws.orders[i];
        if (list.pendingOnly && o.status != OrderStatus::PendingPayment) continue;
        if (!list.pendingOnly && list.status >= 0 && static_cast<int>(o.status) != list.status) continue;
        if (list.type >= 0 && static_cast<int>(o.order_type) != list.type) continue;
        if (list.serviceType >= 0 && o.service_type_name != list.serviceTypes[list.serviceType]) continue;
        if (!ContainsNoCase(o.order_id, list.search)) continue;
        list.rows.push_back(i);
    }
    std::stable_sort(list.rows.begin(), list.rows.end(), [&](std::size_t a, std::size_t b) {
        return ws.orders[a].create_time > ws.orders[b].create_time;
    });
    for (auto it = list.selected.begin(); it != list.selected.end();) {
        const Order* o = ws.findOrder(*it);
        it = (o && o->status == OrderStatus::PendingPayment) ? std::next(it) : list.selected.erase(it);
    }
    list.builtFor = revision;
    list.dirty = false;
}

// A combo over an enum's labels with "全部" first; returns true when changed.
template <class E>
bool EnumCombo(const char* id, int& value)
{
    bool changed = false;
    const char* preview = value < 0 ? Tr(Text::All) : Label(static_cast<E>(value));
    if (ImGui::BeginCombo(id, preview)) {
        if (ImGui::Selectable(Tr(Text::All), value < 0)) { value = -1; changed = true; }
        for (int i = 0; i < static_cast<int>(EnumNames<E>::names.size()); ++i)
            if (ImGui::Selectable(Label(static_cast<E>(i)), value == i)) { value = i; changed = true; }
        ImGui::EndCombo();
    }
    return changed;
}

void DrawFilters(OrderListState& list)
{
    const float w = ImGui::GetFontSize() * 11;
    ImGui::SetNextItemWidth(w * 1.4f);
    if (ImGui::InputTextWithHint("##search", Tr(Text::SearchOrderId), list.search, sizeof list.search)) list.dirty = true;
    ImGui::SameLine();
    ImGui::TextUnformatted(Tr(Text::ProductType));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    const char* preview = list.serviceType < 0 ? Tr(Text::All) : list.serviceTypes[list.serviceType].c_str();
    if (ImGui::BeginCombo("##service", preview)) {
        if (ImGui::Selectable(Tr(Text::All), list.serviceType < 0)) { list.serviceType = -1; list.dirty = true; }
        for (int i = 0; i < static_cast<int>(list.serviceTypes.size()); ++i)
            if (ImGui::Selectable(list.serviceTypes[i].c_str(), list.serviceType == i)) { list.serviceType = i; list.dirty = true; }
        ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(Tr(Text::OrderTypeCol));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    if (EnumCombo<OrderType>("##type", list.type)) list.dirty = true;
    if (!list.pendingOnly) {
        ImGui::SameLine();
        ImGui::TextUnformatted(Tr(Text::OrderStatusCol));
        ImGui::SameLine();
        ImGui::SetNextItemWidth(w);
        if (EnumCombo<OrderStatus>("##status", list.status)) list.dirty = true;
    }
}

void DrawHistoryRows(const Workspace& ws, const std::vector<const TradeHistoryEntry*>& rows, std::size_t limit)
{
    if (ImGui::BeginTable("##history", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn(Tr(Text::TradeType));
        ImGui::TableSetupColumn(Tr(Text::CreateTime));
        ImGui::TableSetupColumn(Tr(Text::OrderIdCol));
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < rows.size() && i < limit; ++i) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn(); ImGui::TextUnformatted(Label(rows[i]->type));
            ImGui::TableNextColumn(); ImGui::TextUnformatted(ConsoleTime(ws, rows[i]->time).c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(rows[i]->order_id.c_str());
        }
        ImGui::EndTable();
    }
}

void DrawDetails(AppState& app, OrderListState& list)
{
    const Workspace& ws = *app.workspace;
    const Order* o = ws.findOrder(list.details);
    if (!o) { list.details.clear(); return; }
    ImGui::Separator();
    ImGui::TextUnformatted(Tr(Text::OrderDetails));
    ImGui::SameLine();
    if (ImGui::SmallButton(Tr(Text::Close))) { list.details.clear(); return; }

    ImGui::TextDisabled("%s", Tr(Text::OrderInfo));
    ImGui::Text("%s: %s    %s: %s    %s: %s", Tr(Text::OrderIdCol), o->order_id.c_str(), Tr(Text::OrderTypeCol),
                Label(o->order_type), Tr(Text::OrderStatusCol), Label(o->status));
    ImGui::Text("%s: %s    %s: %s", Tr(Text::CreateTime), ConsoleTime(ws, o->create_time).c_str(), Tr(Text::Creator),
                o->created_by.c_str());
    if (o->payment_time) ImGui::Text("%s: %s", Tr(Text::PaymentTime), ConsoleTime(ws, *o->payment_time).c_str());
    if (o->status == OrderStatus::PendingPayment) {
        Instant deadline = o->pending_payment_end_time.value_or(o->create_time.plusSeconds(int64_t{ws.rules.pending_payment_days} * 86400));
        ImGui::Text("%s: %s", Tr(Text::PaymentDeadline), ConsoleTime(ws, deadline).c_str());
    }
    if (o->combined_order_id) {
        ImGui::Text("%s:", Tr(Text::CombinedOrder));
        ImGui::SameLine();
        if (ImGui::SmallButton(o->combined_order_id->c_str())) list.details = *o->combined_order_id;
    }
    // Orders that belong to this one as their combined trade order.
    bool header = false;
    for (const Order& sub : ws.orders) {
        if (sub.combined_order_id != o->order_id) continue;
        if (!header) { ImGui::Text("%s:", Tr(Text::SubOrders)); header = true; }
        ImGui::SameLine();
        ImGui::PushID(sub.order_id.c_str());
        if (ImGui::SmallButton(sub.order_id.c_str())) list.details = sub.order_id;
        ImGui::PopID();
    }

    ImGui::Spacing();
    ImGui::TextDisabled("%s", Tr(Text::ResourceInfo));
    if (ImGui::BeginTable("##items", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
        ImGui::TableSetupColumn(Tr(Text::ResourceIdCol));
        ImGui::TableSetupColumn(Tr(Text::ResourceNameCol));
        ImGui::TableSetupColumn(Tr(Text::Region));
        ImGui::TableSetupColumn(Tr(Text::PeriodCol));
        ImGui::TableSetupColumn(Tr(Text::AmountCol));
        ImGui::TableHeadersRow();
        for (const OrderItem& item : o->items) {
            const Resource* r = item.resource_id ? ws.findResource(*item.resource_id) : nullptr;
            ImGui::TableNextRow();
            ImGui::TableNextColumn(); ImGui::TextUnformatted(item.resource_id.value_or("-").c_str());
            ImGui::TableNextColumn(); ImGui::TextUnformatted(r ? r->resource_name.c_str() : "-");
            ImGui::TableNextColumn(); ImGui::TextUnformatted(r ? r->region_code.c_str() : "-");
            ImGui::TableNextColumn();
            if (item.period) ImGui::Text("%d %s", item.period_num.value_or(1), Label(*item.period)); else ImGui::TextUnformatted("-");
            ImGui::TableNextColumn(); ImGui::TextUnformatted(item.amount ? item.amount->display().c_str() : "-");
        }
        ImGui::EndTable();
    }

    ImGui::Spacing();
    ImGui::TextDisabled("%s", Tr(Text::AmountInfo));
    ImGui::Text("%s: %s    %s: %s", Tr(Text::OfficialAmount), o->official_amount ? o->official_amount->display().c_str() : "-",
                Tr(Text::OrderAmount), o->amount_after_discount.display().c_str());

    // Trade history of the order's resources (seed 4.3.3: 3 shown, then "查看全部记录").
    ImGui::Spacing();
    ImGui::TextDisabled("%s", Tr(Text::TradeHistory));
    std::vector<const TradeHistoryEntry*> history;
    for (const TradeHistoryEntry& h : o->history) history.push_back(&h);
    std::sort(history.begin(), history.end(), [](auto* a, auto* b) { return a->time > b->time; });
    if (history.empty()) ImGui::TextDisabled("%s", Tr(Text::NoHistory));
    else DrawHistoryRows(ws, history, 3);
    if (history.size() >= 3 && ImGui::SmallButton(Tr(Text::ViewAllRecords))) list.showAllHistory = true;

    if (list.showAllHistory) {
        ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 36, ImGui::GetFontSize() * 22), ImGuiCond_Appearing);
        if (ImGui::Begin(Tr(Text::TradeHistory), &list.showAllHistory, ImGuiWindowFlags_NoSavedSettings)) {
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
            ImGui::InputTextWithHint("##hsearch", Tr(Text::SearchOrderId), list.historySearch, sizeof list.historySearch);
            ImGui::SameLine();
            ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
            EnumCombo<OrderType>("##htype", list.historyType);
            std::vector<const TradeHistoryEntry*> shown;
            for (auto* h : history)
                if ((list.historyType < 0 || static_cast<int>(h->type) == list.historyType) && ContainsNoCase(h->order_id, list.historySearch))
                    shown.push_back(h);
            DrawHistoryRows(ws, shown, shown.size());
        }
        ImGui::End();
    }
}

} // namespace

void DrawOrderList(AppState& app, OrderListState& list)
{
    if (!app.workspace) { ImGui::TextDisabled("%s", Tr(Text::NoWorkspace)); return; }
    const Workspace& ws = *app.workspace;
    DrawFilters(list);
    if (list.dirty || list.builtFor != app.revision) Rebuild(ws, app.revision, list);

    // Batch bar (seed 4.1.1 step 5: 合并支付 up to combined_pay_max; 4.1.4 批量导出).
    if (list.pendingOnly) {
        ImGui::BeginDisabled(list.selected.empty());
        ImGui::Button(Tr(Text::CombinedPay));
        ImGui::SameLine();
        ImGui::Button(Tr(Text::BatchExport));
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::TextDisabled(Tr(Text::SelectedOrders), static_cast<int>(list.selected.size()));
        ImGui::SameLine();
    } else {
        ImGui::Button(Tr(Text::ExportAll));
        ImGui::SameLine();
    }
    ImGui::TextDisabled(Tr(Text::RowsShown), static_cast<int>(list.rows.size()));

    const float detailsHeight = list.details.empty() ? 0.0f : ImGui::GetFontSize() * 20;
    const int columns = 8;
    ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable;
    ImVec2 size(0, detailsHeight > 0 ? -detailsHeight : 0);
    if (list.rows.empty()) {
        ImGui::TextDisabled("%s", Tr(Text::NoMatchingOrders));
    } else if (ImGui::BeginTable("##orders", columns, flags, size)) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn(Tr(Text::OrderIdCol), ImGuiTableColumnFlags_WidthStretch, 2.2f);
        ImGui::TableSetupColumn(Tr(Text::ProductType), ImGuiTableColumnFlags_WidthStretch, 1.4f);
        ImGui::TableSetupColumn(Tr(Text::OrderTypeCol), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(Tr(Text::CreateTime), ImGuiTableColumnFlags_WidthStretch, 2.2f);
        ImGui::TableSetupColumn(Tr(Text::OrderStatusCol), ImGuiTableColumnFlags_WidthStretch, 0.9f);
        ImGui::TableSetupColumn(Tr(Text::OfficialAmount), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(Tr(Text::OrderAmount), ImGuiTableColumnFlags_WidthStretch, 1.0f);
        ImGui::TableSetupColumn(Tr(Text::Actions), ImGuiTableColumnFlags_WidthStretch, 1.3f);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(static_cast<int>(list.rows.size()));
        while (clipper.Step()) {
            for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
                const Order& o = ws.orders[list.rows[row]];
                ImGui::PushID(row);
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                if (o.status == OrderStatus::PendingPayment) {
                    bool ticked = list.selected.count(o.order_id) != 0;
                    if (ImGui::Checkbox("##sel", &ticked)) {
                        if (ticked) list.selected.insert(o.order_id); else list.selected.erase(o.order_id);
                    }
                    ImGui::SameLine();
                }
                if (ImGui::Selectable(o.order_id.c_str(), list.details == o.order_id)) list.details = o.order_id;
                ImGui::TableNextColumn(); ImGui::TextUnformatted(o.service_type_name.c_str());
                ImGui::TableNextColumn(); ImGui::TextUnformatted(Label(o.order_type));
                ImGui::TableNextColumn(); ImGui::TextUnformatted(ConsoleTime(ws, o.create_time).c_str());
                ImGui::TableNextColumn(); ImGui::TextUnformatted(Label(o.status));
                ImGui::TableNextColumn(); ImGui::TextUnformatted(o.official_amount ? o.official_amount->display().c_str() : "-");
                ImGui::TableNextColumn(); ImGui::TextUnformatted(o.amount_after_discount.display().c_str());
                ImGui::TableNextColumn();
                if (ImGui::SmallButton(Tr(Text::Details))) list.details = o.order_id;
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    if (!list.details.empty()) DrawDetails(app, list);
}

} // namespace qd::ui
