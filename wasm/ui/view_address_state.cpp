// view_address_state.cpp: the view on screen as an address and back (app.h AddressOf, OpenAddress;
// the grammar is ui/view_address.h, docs/architecture.md §8). Each page's part reads and writes the
// same fields of its view state that its filters and tabs do, so an address opens exactly what the
// user would have clicked to.
#include <algorithm>
#include <cstdio>
#include <string>

#include <imgui.h>
#include <imgui_internal.h>  // ClosePopupToLevel

#include "core/report/order_query.h"
#include "core/report/renewal_query.h"
#include "ui/app.h"
#include "ui/labels.h"
#include "ui/pages.h"
#include "ui/renewal_dialogs.h"

namespace qd::ui {
namespace {

template <typename E>
std::string NameOf(int index)
{
    if (index < 0 || index >= static_cast<int>(EnumNames<E>::names.size())) return {};
    return std::string(EnumNames<E>::names[static_cast<std::size_t>(index)]);
}

template <typename E>
int IndexOf(const std::string& name)
{
    for (std::size_t i = 0; i < EnumNames<E>::names.size(); ++i)
        if (EnumNames<E>::names[i] == name) return static_cast<int>(i);
    return -1;
}

template <std::size_t N>
void CopyText(char (&dst)[N], const std::string& text)
{
    std::snprintf(dst, N, "%s", text.c_str());
}

std::string Joined(const std::vector<std::string>& ids)
{
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : ",") + id;
    return out;
}

std::vector<std::string> Split(const std::string& ids)
{
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos <= ids.size()) {
        std::size_t comma = ids.find(',', pos);
        if (comma == std::string::npos) comma = ids.size();
        if (comma > pos) out.push_back(ids.substr(pos, comma - pos));
        pos = comma + 1;
    }
    return out;
}

// The renewal dialogs' kinds in the order of RenewalDialog after None (view_address.cpp's choices).
constexpr const char* kRenewalDialogs[] = {"renew",        "align",    "enable_auto", "modify_auto",   "set_manual",
                                           "to_on_demand", "no_renew", "release",     "deduction_day", "export_list"};

// 创建时间 by CreatedPreset (core/report/order_query.h); 近六个月, the default, is no key.
constexpr const char* kCreated[] = {"", "this_year", "last_year", "custom"};

// 待支付订单 / 我的订单: the order number search, type, status, the order whose details are open and
// an open dialog (支付 / 合并支付 / 取消 with their orders, 订单状态说明).
void OrdersTo(const OrderListState& list, ViewAddress& a)
{
    a.subject = list.details;
    a.set("q", list.search);
    a.set("type", NameOf<OrderType>(list.type));
    if (!list.pendingOnly) a.set("status", NameOf<OrderStatus>(list.status));
    a.set("product", list.serviceType);
    a.set("project", list.project.project);
    if (!list.pendingOnly && list.created > 0 && list.created < 4) {
        a.set("created", kCreated[list.created]);
        if (list.created == static_cast<int>(CreatedPreset::Custom)) {
            a.set("from", list.createdFrom);
            a.set("to", list.createdTo);
        }
    }
    if (list.payment.open || list.payment.opening) {
        a.set("dialog", list.payment.combined ? "combined_pay" : "pay");
        a.set("ids", Joined(list.payment.orderIds));
    } else if (list.cancel.open || list.cancel.opening) {
        a.set("dialog", "cancel");
        a.set("ids", Joined(list.cancel.orderIds));
    } else if (list.legendOpen || list.legendOpening) {
        a.set("dialog", "legend");
    }
}

void OrdersFrom(const ViewAddress& a, OrderListState& list)
{
    CopyText(list.search, a.get("q"));
    list.type = IndexOf<OrderType>(a.get("type"));
    if (!list.pendingOnly) list.status = IndexOf<OrderStatus>(a.get("status"));
    list.serviceType = a.get("product");
    list.project.project = a.get("project");
    if (!list.pendingOnly) {
        list.created = 0;
        for (int c = 1; c < 4; ++c)
            if (a.get("created") == kCreated[c]) list.created = c;
        CopyText(list.createdFrom, list.created == 3 ? a.get("from") : std::string());
        CopyText(list.createdTo, list.created == 3 ? a.get("to") : std::string());
    }
    list.details = a.subject;
    list.dirty = true;
}

// 续费管理: the tab, 状态, 到期时间 (the presets), 隐藏有待支付订单的资源 and the search.
void RenewalsTo(const RenewalsPageState& s, ViewAddress& a)
{
    a.set("tab", s.tab == 0 ? "" : NameOf<RenewalPolicy>(s.tab));
    a.set("status", NameOf<ResourceStatus>(s.status));
    const int choice = s.expiry.choice;
    if (choice >= 1 && choice <= static_cast<int>(kExpiringWithinPresets.size()))
        a.set("expiring", std::to_string(kExpiringWithinPresets[static_cast<std::size_t>(choice - 1)]));
    a.set("pending", s.hidePending ? "hide" : "");
    a.set("q", s.search);
    const auto& types = s.index.productTypes();
    const auto& regions = s.index.regions();
    a.set("product", !s.wantProductType.empty()                                             ? s.wantProductType
                     : s.productType >= 0 && s.productType < static_cast<int>(types.size()) ? types[s.productType]
                                                                                            : std::string());
    a.set("region", !s.wantRegion.empty()                                          ? s.wantRegion
                    : s.region >= 0 && s.region < static_cast<int>(regions.size()) ? regions[s.region]
                                                                                   : std::string());
    a.set("packages", s.packages == 1 ? "hide" : s.packages == 2 ? "only" : "");
    a.set("project", s.project.project);
    const int dialog = static_cast<int>(s.dialog.open) - 1;  // RenewalDialog::None = 0
    if (dialog >= 0 && dialog < static_cast<int>(std::size(kRenewalDialogs))) {
        a.set("dialog", kRenewalDialogs[dialog]);
        a.set("ids", Joined(s.dialog.ids));
    }
}

void RenewalsFrom(const ViewAddress& a, RenewalsPageState& s)
{
    const int tab = std::max(0, IndexOf<RenewalPolicy>(a.get("tab")));
    if (tab != s.tab) s.selected.clear();
    s.tab = s.switchTab = tab;
    s.status = IndexOf<ResourceStatus>(a.get("status"));
    s.expiry.choice = 0;
    for (std::size_t i = 0; i < kExpiringWithinPresets.size(); ++i)
        if (a.get("expiring") == std::to_string(kExpiringWithinPresets[i])) s.expiry.choice = static_cast<int>(i) + 1;
    s.hidePending = a.get("pending") == "hide";
    CopyText(s.search, a.get("q"));
    s.productType = s.region = -1;
    s.wantProductType = a.get("product");
    s.wantRegion = a.get("region");
    s.packages = a.get("packages") == "hide" ? 1 : a.get("packages") == "only" ? 2 : 0;
    s.project.project = a.get("project");
    s.dirty = true;
}

// 云服务退订: the tab, its list (sub-tab) and the search.
constexpr const char* kUnsubscribeTabs[] = {"in_use", "not_effective", "periods", "records"};

void UnsubscribeTo(const UnsubscribePageState& s, ViewAddress& a)
{
    const int tab = static_cast<int>(s.tab);
    a.set("tab", tab == 0 ? "" : kUnsubscribeTabs[tab]);
    if (s.tab == UnsubscribeTab::InUse)
        a.set("list", s.inUseList == UnsubscribeList::FiveDay           ? "five_day"
                      : s.inUseList == UnsubscribeList::InUseNotAllowed ? "blocked"
                                                                        : "");
    else if (s.tab != UnsubscribeTab::Records) a.set("list", s.blockedOnly ? "blocked" : "");
    a.set("q", s.search);
    a.set("product", !s.wantServiceType.empty() ? s.wantServiceType
                     : s.serviceType >= 0 && s.serviceType < static_cast<int>(s.serviceTypes.size())
                         ? s.serviceTypes[static_cast<std::size_t>(s.serviceType)]
                         : std::string());
    a.set("region", !s.wantRegion.empty() ? s.wantRegion
                    : s.region >= 0 && s.region < static_cast<int>(s.regions.size())
                        ? s.regions[static_cast<std::size_t>(s.region)]
                        : std::string());
    const int countdown = s.countdown.choice;
    if (countdown >= 1 && countdown <= static_cast<int>(kExpiringWithinPresets.size()))
        a.set("countdown", std::to_string(kExpiringWithinPresets[static_cast<std::size_t>(countdown - 1)]));
    if (s.dialog.open || s.dialog.opening) {
        a.set("dialog", "unsubscribe");
        a.set("ids", Joined(s.dialog.resourceIds));
    }
}

void UnsubscribeFrom(const ViewAddress& a, UnsubscribePageState& s)
{
    int tab = 0;
    for (int i = 0; i < 4; ++i)
        if (a.get("tab") == kUnsubscribeTabs[i]) tab = i;
    s.tab = static_cast<UnsubscribeTab>(tab);
    s.switchTab = tab;
    const std::string& list = a.get("list");
    s.inUseList = list == "five_day"  ? UnsubscribeList::FiveDay
                  : list == "blocked" ? UnsubscribeList::InUseNotAllowed
                                      : UnsubscribeList::NonFiveDay;
    s.blockedOnly = list == "blocked";
    if (s.tab == UnsubscribeTab::InUse && list == "five_day") s.blockedOnly = false;
    s.switchList = true;
    s.selected.clear();
    CopyText(s.search, a.get("q"));
    s.serviceType = s.region = -1;
    s.wantServiceType = a.get("product");
    s.wantRegion = a.get("region");
    s.countdown.choice = 0;
    for (std::size_t i = 0; i < kExpiringWithinPresets.size(); ++i)
        if (a.get("countdown") == std::to_string(kExpiringWithinPresets[i]))
            s.countdown.choice = static_cast<int>(i) + 1;
    s.filterDirty = true;
}

}  // namespace

ViewAddress AddressOf(const AppState& state)
{
    ViewAddress a;
    a.page = state.page;
    switch (state.page) {
        case Page::PendingOrders: OrdersTo(state.pendingOrders, a); break;
        case Page::MyOrders: OrdersTo(state.myOrders, a); break;
        case Page::Renewals: RenewalsTo(state.renewals, a); break;
        case Page::Unsubscribe: UnsubscribeTo(state.unsubscribe, a); break;
        case Page::QuoteCalculator: CalculatorToAddress(a); break;
        default: break;
    }
    return a;
}

namespace {

// Every dialog of the pages closed (an address opened names at most one, opened afterwards).
void CloseDialogs(AppState& state)
{
    for (OrderListState* list : {&state.pendingOrders, &state.myOrders}) {
        list->payment.open = list->payment.opening = false;
        list->cancel.open = list->cancel.opening = false;
        list->legendOpen = list->legendOpening = false;
    }
    state.renewals.dialog.open = RenewalDialog::None;
    state.renewals.dialog.opening = false;
    state.unsubscribe.dialog.open = state.unsubscribe.dialog.opening = false;
    state.unsubscribe.renewalsAskOpen = state.unsubscribe.renewalsAskOpening = false;
    state.closePopups = true;
}

// The ids of an address's dialog that the workspace does not have, for the notice.
std::string Missing(const Workspace& ws, const std::vector<std::string>& ids, bool orders)
{
    std::string out;
    for (const std::string& id : ids)
        if (orders ? !ws.findOrder(id) : !ws.findResource(id)) out += (out.empty() ? "" : ", ") + id;
    return out;
}

}  // namespace

void FinishOpenAddress(AppState& state)
{
    if (!state.addressToFinish || !state.workspace) return;
    const ViewAddress a = std::move(*state.addressToFinish);
    state.addressToFinish.reset();
    if (a.page != state.page) return;  // the user went elsewhere meanwhile
    const Workspace& ws = *state.workspace;
    OrderListState* list = a.page == Page::PendingOrders ? &state.pendingOrders
                           : a.page == Page::MyOrders    ? &state.myOrders
                                                         : nullptr;
    if (list && !list->details.empty() && !ws.findOrder(list->details)) {
        state.addressNotice = Format(Tr(TextId::AdrNoSuchOrder), list->details.c_str());
        list->details.clear();
    }
    const std::string& dialog = a.get("dialog");
    if (dialog.empty()) return;
    const std::vector<std::string> ids = Split(a.get("ids"));
    const bool needsIds = dialog != "legend" && dialog != "deduction_day";
    if (needsIds && ids.empty()) return;  // nothing to act on: the page without the dialog
    if (const std::string missing = Missing(ws, ids, list != nullptr); !missing.empty()) {
        state.addressNotice = Format(Tr(TextId::AdrNoSuchIds), missing.c_str());
        return;
    }
    if (list) {
        if (dialog == "pay" || dialog == "combined_pay") OpenPaymentDialog(*list, ids, dialog == "combined_pay");
        else if (dialog == "cancel") OpenCancelDialog(*list, ids);
        else if (dialog == "legend") list->legendOpening = true;
    } else if (a.page == Page::Renewals) {
        for (std::size_t k = 0; k < std::size(kRenewalDialogs); ++k)
            if (dialog == kRenewalDialogs[k]) OpenRenewalDialog(state, static_cast<RenewalDialog>(k + 1), ids);
    } else if (a.page == Page::Unsubscribe) {
        OpenUnsubscribeDialog(state, ids);
    }
}

void ClosePopupsIfAsked(AppState& state)
{
    if (!state.closePopups) return;
    state.closePopups = false;
    if (GImGui->OpenPopupStack.Size > 0) ImGui::ClosePopupToLevel(0, false);
}

void OpenAddress(AppState& state, const ViewAddress& address)
{
    if (FormatViewAddress(address) == FormatViewAddress(AddressOf(state))) return;  // already on screen
    CloseDialogs(state);
    state.page = address.page;
    switch (address.page) {
        case Page::PendingOrders: OrdersFrom(address, state.pendingOrders); break;
        case Page::MyOrders: OrdersFrom(address, state.myOrders); break;
        case Page::Renewals: RenewalsFrom(address, state.renewals); break;
        case Page::Unsubscribe: UnsubscribeFrom(address, state.unsubscribe); break;
        case Page::QuoteCalculator: OpenCalculatorAddress(address); break;
        default: break;
    }
    state.addressNotice.clear();
    state.addressToFinish = address;  // its order ids and dialog: once a workspace is open (FinishOpenAddress)
    state.fragment = FormatViewAddress(address);
    state.fragmentPush = false;
    state.addressSettling = 3;
}

void OpenFragment(AppState& state, std::string_view fragment)
{
    OpenAddress(state, ParseViewAddress(fragment).address);
}

}  // namespace qd::ui
