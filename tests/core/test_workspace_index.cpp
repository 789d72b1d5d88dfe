// The workspace's tables by resource position (workspace.h WorkspaceIndex): each resource's product
// and each main's attached resources, as the id lookups give them, for a resource of the workspace
// and for a copy from elsewhere.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/model/workspace.h"

using namespace qd;

namespace {

Resource MakeResource(std::string id, std::string product, std::optional<std::string> main = std::nullopt)
{
    Resource r;
    r.resource_id = std::move(id);
    r.product_id = std::move(product);
    r.main_resource_id = std::move(main);
    return r;
}

std::vector<std::string> Ids(const Workspace& ws, std::span<const uint32_t> positions)
{
    std::vector<std::string> out;
    for (uint32_t i : positions) out.push_back(ws.resources[i].resource_id);
    return out;
}

Workspace Sample()
{
    Workspace ws;
    ws.products.resize(2);
    ws.products[0].product_id = "p-ecs";
    ws.products[1].product_id = "p-evs";
    // An attached resource before its main, two mains, one main with two attached in file order, and
    // a resource whose product is unknown.
    ws.resources = {MakeResource("vol-2", "p-evs", "ecs-2"),  MakeResource("ecs-1", "p-ecs"),
                    MakeResource("ecs-2", "p-ecs"),           MakeResource("vol-1a", "p-evs", "ecs-1"),
                    MakeResource("vol-1b", "p-evs", "ecs-1"), MakeResource("odd", "p-gone")};
    ws.Reindex();
    return ws;
}

}  // namespace

TEST_CASE("WorkspaceIndex: productOf and attachedPositions agree with the id lookups")
{
    Workspace ws = Sample();
    for (const Resource& r : ws.resources) {
        CAPTURE(r.resource_id);
        CHECK(ws.productOf(r) == ws.findProduct(r.product_id));
        std::vector<std::string> byId;
        for (const Resource* a : ws.attachedTo(r.resource_id)) byId.push_back(a->resource_id);
        CHECK(Ids(ws, ws.attachedPositions(r)) == byId);
    }
    CHECK(ws.productOf(ws.resources[5]) == nullptr);  // p-gone
    CHECK(ws.productOf(ws.resources[1]) == &ws.products[0]);
    CHECK(Ids(ws, ws.attachedPositions(ws.resources[1])) ==
          std::vector<std::string>{"vol-1a", "vol-1b"});  // file order
    // attached listed first
    CHECK(Ids(ws, ws.attachedPositions(ws.resources[2])) == std::vector<std::string>{"vol-2"});
    // an attached has none
    CHECK(ws.attachedPositions(ws.resources[3]).empty());
}

TEST_CASE("WorkspaceIndex: a resource from elsewhere is looked up by its ids")
{
    const Workspace ws = Sample();
    const Resource copy = ws.resources[1];  // a what-if copy of ecs-1, not in ws.resources
    CHECK(ws.productOf(copy) == &ws.products[0]);
    CHECK(Ids(ws, ws.attachedPositions(copy)) == std::vector<std::string>{"vol-1a", "vol-1b"});
    const Resource stranger = MakeResource("calc", "p-evs");
    CHECK(ws.productOf(stranger) == &ws.products[1]);
    CHECK(ws.attachedPositions(stranger).empty());
}

TEST_CASE("WorkspaceIndex: an index older than the vectors is not read by position")
{
    Workspace ws = Sample();
    ws.resources.push_back(MakeResource("ecs-3", "p-evs"));  // not reindexed: the tables are one short
    ws.resources.reserve(ws.resources.size() + 1);
    CHECK(ws.productOf(ws.resources.back()) == &ws.products[1]);  // by id
    CHECK(ws.attachedPositions(ws.resources.back()).empty());
    ws.Reindex();
    CHECK(ws.productOf(ws.resources.back()) == &ws.products[1]);
    CHECK(ws.index.product_of.size() == ws.resources.size());
    CHECK(ws.index.attached_begin.size() == ws.resources.size() + 1);
    CHECK(ws.index.attached.size() == 3);

    Workspace empty;
    empty.Reindex();
    CHECK(empty.index.attached_begin == std::vector<uint32_t>{0});
    CHECK(empty.productOf(MakeResource("x", "p")) == nullptr);
}

TEST_CASE("IdIndex: positions by id, the first of a duplicated id, growth by Add, no copy of the ids")
{
    std::vector<std::string> ids;
    for (int i = 0; i < 1000; ++i) ids.push_back("id-" + std::to_string(i * 7919 % 1000));
    ids.push_back("id-5");  // a duplicate: the first stays
    const auto idAt = [&ids](std::size_t i) -> std::string_view { return ids[i]; };
    IdIndex index;
    CHECK(!index.find("id-1", idAt));  // empty
    index.Build(ids.size(), idAt);
    CHECK(index.size() == 1000);
    CHECK(index.positions() == ids.size());
    for (std::size_t i = 0; i + 1 < ids.size(); ++i) CHECK(index.find(ids[i], idAt) == i);
    CHECK(index.find("id-5", idAt) == std::find(ids.begin(), ids.end(), "id-5") - ids.begin());
    CHECK(!index.find("id-1000", idAt));
    CHECK(!index.find("", idAt));
    CHECK(index.slotCount() <= 4 * 1024);  // at most half full, a power of two: 4 bytes a slot
    // Appended one at a time from empty: the table grows and keeps every position.
    IdIndex grown;
    for (std::size_t i = 0; i < ids.size(); ++i) grown.Add(i, idAt);
    for (std::size_t i = 0; i + 1 < ids.size(); ++i) CHECK(grown.find(ids[i], idAt) == i);
    CHECK(grown.size() == 1000);
    CHECK(grown.positions() == ids.size());
}

TEST_CASE("Workspace::positionOf*: nullopt for an unknown id, for a list changed without Reindex; IndexAppended")
{
    Workspace ws = Sample();
    CHECK(ws.positionOfResource("ecs-2") == 2u);
    CHECK(ws.positionOfProduct("p-evs") == 1u);
    CHECK(!ws.positionOfResource("p-evs"));
    CHECK(!ws.positionOfOrder("ecs-2"));
    ws.resources.pop_back();  // shrunk without Reindex: no position past the end is answered
    CHECK(!ws.positionOfResource("odd"));
    CHECK(ws.positionOfResource("ecs-2") == 2u);
    ws.Reindex();
    CHECK(ws.positionOfResource("ecs-2") == 2u);
    ws.orders.push_back(Order{});
    ws.orders.back().order_id = "CS1";
    CHECK(!ws.positionOfOrder("CS1"));
    ws.IndexAppended();
    CHECK(ws.positionOfOrder("CS1") == 0u);
    CHECK(ws.findOrder("CS1") == &ws.orders[0]);
}
