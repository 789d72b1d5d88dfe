// view_address: the console's addresses. Every page, tab, filter and open details panel has one, the
// #fragment of the page's URL, so a view can be bookmarked, sent to a colleague, pasted, reloaded and
// stepped through with Back and Forward (docs/architecture.md §8). The grammar and the vocabulary are
// defined here, once; ui/view_address_state.cpp moves AppState to and from an address (AddressOf,
// OpenAddress), web/main.cpp and site/app.js only carry the string between location.hash / history and
// the module. Nothing here knows ImGui or the workspace, so tests/ui runs it natively.
//
//   #<page>[/<subject>][?<key>=<value>(&<key>=<value>)*]
//
//   #renewals?tab=auto&q=web              续费管理, the 自动续费项 tab, searched for "web"
//   #my-orders/CS2501011234567            我的订单 with that order's details open
//   #my-orders?status=cancelled&type=new  我的订单 filtered
//   #unsubscribe?tab=periods&list=blocked 云服务退订, 退订续费周期 tab, its 不可退订 list
//   #renewals?dialog=renew&ids=r1,r2      续费管理 with the 续费 dialog open for two instances
//   #pending-orders?dialog=pay&ids=CS1    待支付订单 with the 支付 dialog of an order
//   #quote-calculator?month=28.00&...     the calculator's inputs (its own keys, read by the page)
//
//   ViewAddress a = ParseViewAddress(location_hash).address;   // never fails
//   a.set("q", "web");  FormatViewAddress(a);                    // "renewals?tab=auto&q=web"
//
// Parse never fails and never guesses: what it does not know (a page, a key the page does not have,
// a value outside the key's choices, a subject on a page without one, a broken %-escape, bytes that
// are not UTF-8) is left out and named in `dropped`; the rest opens. An unknown page opens 概览.
// Whether a subject or the ids of a dialog exist is the workspace's question, asked when the view opens.
//
// Format writes the canonical form: the page's id, the subject, then the keys in the page's order
// (AddressKeys), each value %-encoded (all but A-Z a-z 0-9 - . _ ~ and non-ASCII UTF-8, which the
// browser shows as typed). Parse(Format(a)) == a for every valid address (tests/ui/test_view_address.cpp).
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qd::ui {

// The pages of the left navigation, in the console's order.
enum class Page {
    Overview,
    PendingOrders,
    Renewals,
    MyOrders,
    Unsubscribe,
    ExportRecords,
    QuoteCalculator,
    Settings,
    Count
};

const char* PageId(Page page);                        // "overview", "pending-orders", ... (navigate, addresses)
std::optional<Page> PageFromId(std::string_view id);  // inverse of PageId; also "orders" and "calc" (older links)

// A key an address of a page may carry. `choices` empty: free text (a search, a calculator input).
struct AddressKey {
    std::string_view key;
    std::vector<std::string_view> choices;
    bool typed = false;  // text typed in a field: a change replaces the history entry instead of adding one
};

// The keys of a page's addresses, in the order Format writes them.
std::span<const AddressKey> AddressKeys(Page page);
// Pages whose address may name a subject after '/': the order lists (the order's details).
bool HasSubject(Page page);

struct ViewAddress {
    Page page = Page::Overview;
    std::string subject;                                      // an order id; "" = none
    std::vector<std::pair<std::string, std::string>> params;  // known keys with valid values, in key order

    // The value of `key`; "" when absent.
    const std::string& get(std::string_view key) const;
    // Sets `key` (one of the page's AddressKeys; others are ignored) in its place; "" removes it.
    void set(std::string_view key, std::string value);

    bool operator==(const ViewAddress&) const = default;
};

struct AddressParse {
    ViewAddress address;
    std::vector<std::string> dropped;  // what was left out, in words ("unknown page 'x'", "tab=nine")
};

AddressParse ParseViewAddress(std::string_view fragment);  // with or without the leading '#'
std::string FormatViewAddress(const ViewAddress& address);

// True when `a` and `b` differ only in typed keys (a search box): the history entry is replaced,
// not added, so Back does not step through every keystroke.
bool DiffersOnlyInTypedKeys(const ViewAddress& a, const ViewAddress& b);

}  // namespace qd::ui
