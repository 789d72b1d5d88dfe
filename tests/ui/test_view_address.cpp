// The console's addresses (wasm/ui/view_address.h, docs/architecture.md §8): every page, every tab and
// filter value of its vocabulary, the order details, round trips through Format and Parse; malformed and
// unknown addresses open the nearest valid view and name what they left out.
#include <doctest/doctest.h>

#include <string>

#include "ui/view_address.h"

using namespace qd::ui;

namespace {

AddressParse Parse(const std::string& s) { return ParseViewAddress(s); }

}  // namespace

TEST_CASE("addresses: every page, key and choice round-trips (docs/architecture.md §8)")
{
    int walked = 0;
    for (int p = 0; p < static_cast<int>(Page::Count); ++p) {
        const Page page = static_cast<Page>(p);
        CAPTURE(PageId(page));
        REQUIRE(PageFromId(PageId(page)) == page);
        ViewAddress bare;
        bare.page = page;
        CHECK(FormatViewAddress(bare) == PageId(page));
        CHECK(Parse(PageId(page)).address == bare);
        CHECK(Parse(std::string("#") + PageId(page)).address == bare);
        for (const AddressKey& key : AddressKeys(page)) {
            const std::vector<std::string> values =
                key.choices.empty() ? std::vector<std::string>{"web", "a b&c=d#e%f/g?", "云硬盘 EVS"}
                                    : std::vector<std::string>(key.choices.begin(), key.choices.end());
            for (const std::string& v : values) {
                CAPTURE(key.key);
                CAPTURE(v);
                ViewAddress a = bare;
                a.set(key.key, v);
                REQUIRE(a.get(key.key) == v);
                const std::string text = FormatViewAddress(a);
                const AddressParse back = Parse(text);
                CHECK(back.address == a);
                CHECK(back.dropped.empty());
                ++walked;
            }
        }
    }
    CHECK(walked > 40);
}

TEST_CASE("addresses: the issue's examples and the order details")
{
    const AddressParse r = Parse("#renewals?tab=auto&q=web");
    CHECK(r.dropped.empty());
    CHECK(r.address.page == Page::Renewals);
    CHECK(r.address.get("tab") == "auto");
    CHECK(r.address.get("q") == "web");
    CHECK(FormatViewAddress(r.address) == "renewals?tab=auto&q=web");

    const AddressParse o = Parse("orders/CS25010112345678");  // the short name of 我的订单
    CHECK(o.address.page == Page::MyOrders);
    CHECK(o.address.subject == "CS25010112345678");
    CHECK(FormatViewAddress(o.address) == "my-orders/CS25010112345678");

    ViewAddress all;
    all.page = Page::MyOrders;
    all.subject = "CS 1/2";  // a subject with characters to escape
    all.set("status", "cancelled");
    all.set("q", "CS25");
    all.set("type", "renewal");
    CHECK(FormatViewAddress(all) == "my-orders/CS%201%2F2?q=CS25&type=renewal&status=cancelled");  // the page's order
    CHECK(Parse(FormatViewAddress(all)).address.subject == "CS 1/2");

    // Keys in any order and Chinese typed as is or %-encoded read the same.
    CHECK(Parse("renewals?q=%E4%BA%91&tab=auto").address == Parse("renewals?tab=auto&q=云").address);
    // The quote calculator's links from before addresses (#calc?month=...) still open it.
    const AddressParse c = Parse("calc?month=28.00&year=280.00&months=3");
    CHECK(c.address.page == Page::QuoteCalculator);
    CHECK(c.address.get("month") == "28.00");
    CHECK(c.address.get("months") == "3");
}

TEST_CASE("addresses: unknown or malformed parts open the nearest valid view")
{
    struct Case {
        const char* text;
        const char* opens;  // the canonical address of what opens
        int dropped;
    };
    const Case cases[] = {
        {"", "overview", 0},
        {"#", "overview", 0},
        {"nowhere", "overview", 1},
        {"nowhere?tab=auto", "overview", 1},
        {"?q=web", "overview", 1},
        {"renewals?tab=nine", "renewals", 1},
        {"renewals?tab=auto&colour=red", "renewals?tab=auto", 1},
        {"renewals?tab=auto&tab=manual", "renewals?tab=auto", 1},
        {"renewals?q=%zz", "renewals", 1},
        {"renewals?q=%E4%BA", "renewals", 1},  // cut in the middle of a character
        {"renewals?q=a%0Ab", "renewals", 1},   // a control character
        {"renewals?q", "renewals", 1},
        {"renewals?q=", "renewals", 0},
        {"renewals?&&q=web&", "renewals?q=web", 0},
        {"renewals/CS123", "renewals", 1},  // only the order lists have a subject
        {"my-orders/%", "my-orders", 1},
        {"my-orders/a/b", "my-orders", 1},
        {"my-orders/?status=done", "my-orders", 1},
        {"my-orders?status=completed&type=none", "my-orders?status=completed", 1},
        {"pending-orders?status=completed", "pending-orders", 1},  // 待支付订单 has no status filter
        {"unsubscribe?tab=periods&list=blocked", "unsubscribe?tab=periods&list=blocked", 0},
        {"unsubscribe?list=everything", "unsubscribe", 1},
        {"settings?tab=rules", "settings", 1},
        {"overview/x?y=z", "overview", 2},
    };
    for (const Case& c : cases) {
        CAPTURE(c.text);
        const AddressParse r = Parse(c.text);
        CHECK(FormatViewAddress(r.address) == c.opens);
        CHECK(static_cast<int>(r.dropped.size()) == c.dropped);
    }
    // Long input: a search of 200 ids reads whole.
    std::string many;
    for (int i = 0; i < 200; ++i) many += "i-" + std::to_string(i) + " ";
    ViewAddress a;
    a.page = Page::Renewals;
    a.set("q", many);
    CHECK(Parse(FormatViewAddress(a)).address.get("q") == many);
}

TEST_CASE("addresses: each page's filters, tabs and dialogs are keys of its addresses")
{
    const auto has = [](Page page, std::string_view key) {
        for (const AddressKey& k : AddressKeys(page))
            if (k.key == key) return true;
        return false;
    };
    for (Page p : {Page::PendingOrders, Page::MyOrders})
        for (const char* key : {"q", "type", "product", "project", "dialog", "ids"}) {
            CAPTURE(key);
            CHECK(has(p, key));
        }
    for (const char* key : {"status", "created", "from", "to"}) {
        CAPTURE(key);
        CHECK(has(Page::MyOrders, key));
        CHECK_FALSE(has(Page::PendingOrders, key));  // 待支付订单 has no status or 创建时间 filter
    }
    for (const char* key :
         {"tab", "status", "expiring", "pending", "q", "product", "region", "packages", "project", "dialog", "ids"}) {
        CAPTURE(key);
        CHECK(has(Page::Renewals, key));
    }
    for (const char* key : {"tab", "list", "q", "product", "region", "countdown", "dialog", "ids"}) {
        CAPTURE(key);
        CHECK(has(Page::Unsubscribe, key));
    }
    CHECK(AddressKeys(Page::Overview).empty());
    CHECK(AddressKeys(Page::ExportRecords).empty());
    CHECK(AddressKeys(Page::Settings).empty());
}

TEST_CASE("addresses: a typed search replaces the history entry, any other change adds one")
{
    const ViewAddress base = Parse("renewals?tab=auto&q=we").address;
    CHECK(DiffersOnlyInTypedKeys(base, Parse("renewals?tab=auto&q=web").address));
    CHECK(DiffersOnlyInTypedKeys(base, Parse("renewals?tab=auto").address));
    CHECK_FALSE(DiffersOnlyInTypedKeys(base, Parse("renewals?tab=manual&q=we").address));
    CHECK_FALSE(DiffersOnlyInTypedKeys(base, Parse("renewals?tab=auto&q=we&status=expired").address));
    CHECK_FALSE(DiffersOnlyInTypedKeys(base, Parse("my-orders?q=we").address));
    CHECK_FALSE(DiffersOnlyInTypedKeys(Parse("my-orders").address, Parse("my-orders/CS1").address));
    // the calculator's typed fields and sliders replace; its tab adds an entry
    const ViewAddress calc = Parse("quote-calculator?month=28.00&anchor=15&months=1").address;
    CHECK(DiffersOnlyInTypedKeys(calc, Parse("quote-calculator?month=28.5&anchor=16&months=2").address));
    CHECK_FALSE(DiffersOnlyInTypedKeys(calc, Parse("quote-calculator?tab=purchase").address));
    // set() ignores keys the page does not have, so no view can write an address Parse would refuse.
    ViewAddress o;
    o.page = Page::Overview;
    o.set("q", "x");
    CHECK(o.params.empty());
}
