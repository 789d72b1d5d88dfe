// view_address_state.cpp: the view on screen as an address and back (app.h AddressOf, OpenAddress;
// the grammar is ui/view_address.h, docs/architecture.md §8). Each page's part reads and writes the
// same fields of its view state that its filters and tabs do, so an address opens exactly what the
// user would have clicked to.
#include <algorithm>
#include <cstdio>
#include <string>

#include "core/report/renewal_query.h"
#include "ui/app.h"
#include "ui/pages.h"

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

// 待支付订单 / 我的订单: the order number search, type, status and the order whose details are open.
void OrdersTo(const OrderListState& list, ViewAddress& a)
{
    a.subject = list.details;
    a.set("q", list.search);
    a.set("type", NameOf<OrderType>(list.type));
    if (!list.pendingOnly) a.set("status", NameOf<OrderStatus>(list.status));
}

void OrdersFrom(const ViewAddress& a, OrderListState& list)
{
    CopyText(list.search, a.get("q"));
    list.type = IndexOf<OrderType>(a.get("type"));
    if (!list.pendingOnly) list.status = IndexOf<OrderStatus>(a.get("status"));
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

void OpenAddress(AppState& state, const ViewAddress& address)
{
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
    state.addressCheck = !address.subject.empty();
    state.fragment = FormatViewAddress(address);
    state.fragmentPush = false;
    state.addressSettling = 3;
}

void OpenFragment(AppState& state, std::string_view fragment)
{
    OpenAddress(state, ParseViewAddress(fragment).address);
}

}  // namespace qd::ui
