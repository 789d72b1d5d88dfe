// CheckWorkspace (load.h), the check across objects at the end of every load: every message it can
// give, in its order, on one workspace that has each fault. It reads what Reindex met (duplicates,
// each resource's main) rather than looking the ids up again (docs/performance.md "Where the
// remaining time goes"); this pins that the messages did not change with it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/io/load.h"
#include "core/model/workspace.h"
#include "support.h"

using namespace qd;
using qd::test::MakeResource;

namespace {

Order MakeOrder(std::string id, std::optional<std::string> combined = std::nullopt)
{
    Order o;
    o.order_id = std::move(id);
    o.combined_order_id = std::move(combined);
    return o;
}

OrderItem MakeItem(std::optional<std::string> resource, std::optional<std::string> product)
{
    OrderItem item;
    item.resource_id = std::move(resource);
    item.product_id = std::move(product);
    return item;
}

std::vector<std::string> Messages(const LoadErrors& errors)
{
    std::vector<std::string> out;
    for (const LoadError& e : errors) out.push_back(e.str());
    return out;
}

// Every fault CheckWorkspace finds, each once or more.
Workspace Faulty()
{
    Workspace ws;
    for (const char* id : {"p-a", "", "p-a", "", "p-b", "p-a"}) ws.products.emplace_back().product_id = id;
    ws.resources = {
        MakeResource("m", "p-a"),              // a main
        MakeResource("x", "p-zz", "m"),        // unknown product, attached to m
        MakeResource("self", "p-b", "self"),   // its own main
        MakeResource("att2", "p-a", "x"),      // attached to an attached resource
        MakeResource("m", "p-a"),              // a duplicate id
        MakeResource("orph", "", "nowhere"),   // product "" is the empty product's: known; unknown main
        MakeResource("", "p-b"),               // an empty id
        MakeResource("dup-main", "p-b", "m"),  // attached to the first "m", not the duplicate
        MakeResource("under-m2", "p-q", "m"),  // unknown product only
    };
    ws.orders = {MakeOrder("CS1", "CS9"),
                 MakeOrder("CS2", "CS2"),
                 MakeOrder("CS3", "CS1"),
                 MakeOrder("CS4"),
                 MakeOrder("CS1"),
                 MakeOrder("CS5"),
                 MakeOrder("")};
    Order& renewal = ws.orders[3];  // open, acts on existing resources: each line's resource must exist
    renewal.order_type = OrderType::Renewal;
    renewal.status = OrderStatus::PendingPayment;
    renewal.items = {MakeItem("nope", "p-a"), MakeItem("m", "p-q"), MakeItem("gone", "p-r"),
                     MakeItem(std::nullopt, std::nullopt)};
    ws.orders[5].items = {MakeItem("nope", "p-s")};  // completed: history may name released resources
    for (const char* id : {"v", "w", "v", "v"}) ws.coupons.emplace_back().coupon_id = id;
    for (const char* id : {"", "e", "e"}) ws.export_records.emplace_back().id = id;
    return ws;
}

}  // namespace

TEST_CASE("CheckWorkspace: every message, in order: ids, then resources' references, then orders'")
{
    Workspace ws = Faulty();
    CHECK(
        Messages(CheckWorkspace(ws, "t.json")) ==
        std::vector<std::string>{
            "t.json: /products/1/product_id: expected a non-empty product_id, got \"\"",
            "t.json: /products/2/product_id: duplicate product_id \"p-a\" (first at /products/0)",
            "t.json: /products/3/product_id: expected a non-empty product_id, got \"\"",
            "t.json: /products/5/product_id: duplicate product_id \"p-a\" (first at /products/0)",
            "t.json: /resources/4/resource_id: duplicate resource_id \"m\" (first at /resources/0)",
            "t.json: /resources/6/resource_id: expected a non-empty resource_id, got \"\"",
            "t.json: /orders/4/order_id: duplicate order_id \"CS1\" (first at /orders/0)",
            "t.json: /orders/6/order_id: expected a non-empty order_id, got \"\"",
            "t.json: /coupons/2/coupon_id: duplicate coupon_id \"v\" (first at /coupons/0)",
            "t.json: /coupons/3/coupon_id: duplicate coupon_id \"v\" (first at /coupons/0)",
            "t.json: /export_records/0/id: expected a non-empty id, got \"\"",
            "t.json: /export_records/2/id: duplicate id \"e\" (first at /export_records/1)",
            "t.json: /resources/1/product_id: unknown product_id \"p-zz\"",
            "t.json: /resources/2/main_resource_id: a resource cannot be its own main resource",
            "t.json: /resources/3/main_resource_id: resource \"x\" is not a main resource (it is attached to \"m\")",
            "t.json: /resources/5/main_resource_id: unknown main_resource_id \"nowhere\"",
            "t.json: /resources/8/product_id: unknown product_id \"p-q\"",
            "t.json: /orders/0/combined_order_id: unknown combined_order_id \"CS9\"",
            "t.json: /orders/1/combined_order_id: an order cannot be its own combined order",
            "t.json: /orders/2/combined_order_id: order \"CS1\" is not a combined trade order (it belongs to \"CS9\")",
            "t.json: /orders/3/items/0/resource_id: unknown resource_id \"nope\" (an open renewal order must name a "
            "resource of this workspace)",
            "t.json: /orders/3/items/1/product_id: unknown product_id \"p-q\"",
            "t.json: /orders/3/items/2/product_id: unknown product_id \"p-r\"",
            "t.json: /orders/3/items/2/resource_id: unknown resource_id \"gone\" (an open renewal order must name a "
            "resource of this workspace)",
            "t.json: /orders/5/items/0/product_id: unknown product_id \"p-s\"",
        });
    // The check leaves the index built (first occurrences) and the workspace as it was.
    CHECK(ws == Faulty());
    CHECK(ws.positionOfResource("m") == 0u);
    CHECK(ws.attachedPositions(ws.resources[0]).size() == 3);  // x, dup-main, under-m2
}

TEST_CASE("CheckWorkspace: at most kMaxLoadErrors messages, the first ones")
{
    Workspace ws;
    for (std::size_t i = 0; i < kMaxLoadErrors + 10; ++i) ws.resources.push_back(MakeResource("r", "p"));
    const LoadErrors errors = CheckWorkspace(ws, "t.json");
    REQUIRE(errors.size() == kMaxLoadErrors);
    CHECK(errors.front().str() ==
          "t.json: /resources/1/resource_id: duplicate resource_id \"r\" (first at /resources/0)");
    // the duplicated ids come first, and fill the list before the unknown product "p" of each is reached
    CHECK(errors[kMaxLoadErrors - 1].str() == "t.json: /resources/" + std::to_string(kMaxLoadErrors) +
                                                  "/resource_id: duplicate resource_id \"r\" (first at /resources/0)");
}
