// The workspace's tables by resource position (workspace.h WorkspaceIndex): each resource's product
// and each main's attached resources, as the id lookups give them, for a resource of the workspace
// and for a copy from elsewhere.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/model/workspace.h"
#include "support.h"

using namespace qd;
using qd::test::MakeResource;

namespace {

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
    CHECK(index.slotCount() <= 4 * 1024);                // at most half full, a power of two
    CHECK(index.tableBytes() == index.slotCount() * 4);  // a position and some bits of a hash per slot
    // Appended one at a time from empty: the table grows and keeps every position.
    IdIndex grown;
    for (std::size_t i = 0; i < ids.size(); ++i) grown.Add(i, idAt);
    for (std::size_t i = 0; i + 1 < ids.size(); ++i) CHECK(grown.find(ids[i], idAt) == i);
    CHECK(grown.size() == 1000);
    CHECK(grown.positions() == ids.size());
    // Positions far ahead of the ids placed (a duplicate is not placed): the table grows for them too.
    std::vector<std::string> same(3000, "dup");
    same.push_back("last");
    const auto sameAt = [&same](std::size_t i) -> std::string_view { return same[i]; };
    IdIndex ahead;
    for (std::size_t i = 0; i < same.size(); ++i) ahead.Add(i, sameAt);
    CHECK(ahead.size() == 2);
    CHECK(ahead.find("dup", sameAt) == 0);
    CHECK(ahead.find("last", sameAt) == 3000);
    CHECK(ahead.slotCount() > 3001);
}

TEST_CASE("IdIndex: a slot of another id is passed over without reading that id (its record is a cache miss)")
{
    std::vector<std::string> ids;
    for (int i = 0; i < 20000; ++i) ids.push_back("4b7e2a90-0000-4000-8000-" + std::to_string(100000000000 + i));
    std::size_t reads = 0;
    const auto idAt = [&](std::size_t i) -> std::string_view {
        ++reads;
        return ids[i];
    };
    IdIndex index;
    index.Build(ids.size(), idAt);
    // One read per id placed (its own), where comparing at every occupied slot on the way read about
    // a fifth as many more (20,000 ids in 65,536 slots). A slot of another id with the same 16 bits
    // of hash kept would read one more: with these ids, none.
    CHECK(reads == ids.size());
    reads = 0;
    for (std::size_t i = 0; i < ids.size(); ++i) CHECK(index.find(ids[i], idAt) == i);
    CHECK(reads == ids.size());  // the one id found, once each
    reads = 0;
    for (int i = 0; i < 1000; ++i) CHECK_FALSE(index.find("absent-" + std::to_string(i), idAt));
    CHECK(reads == 0);
}

TEST_CASE("IdIndex::Build: the duplicates it reports, in position order, each with the first position")
{
    using Reports = std::vector<std::pair<std::size_t, std::size_t>>;  // (position, first)
    const auto build = [](const std::vector<std::string>& ids, IdIndex& index) {
        Reports reports;
        index.Build(
            ids.size(), [&ids](std::size_t i) -> std::string_view { return ids[i]; },
            [&reports](std::size_t position, std::size_t first) { reports.emplace_back(position, first); });
        return reports;
    };
    IdIndex index;
    // None: nothing reported, for no ids and for 1000 distinct ones (slots collide among them, ids do not).
    CHECK(build({}, index).empty());
    CHECK(index.size() == 0);
    std::vector<std::string> distinct;
    for (int i = 0; i < 1000; ++i) distinct.push_back("CS" + std::to_string(240716081131 + i * 7919));
    CHECK(build(distinct, index).empty());
    CHECK(index.size() == 1000);
    // One id twice, the second last; one id three times (each later one names the first, not the
    // previous); two ids repeated in turn; the empty id like any other; the first of each is indexed.
    const std::vector<std::string> ids{"a", "b", "a", "c", "b", "a", "", "d", "", "c"};
    CHECK(build(ids, index) == Reports{{2, 0}, {4, 1}, {5, 0}, {8, 6}, {9, 3}});
    CHECK(index.size() == 5);
    CHECK(index.positions() == ids.size());
    const auto idAt = [&ids](std::size_t i) -> std::string_view { return ids[i]; };
    for (const auto& [id, first] :
         std::vector<std::pair<std::string, std::size_t>>{{"a", 0}, {"b", 1}, {"c", 3}, {"", 6}, {"d", 7}})
        CHECK(index.find(id, idAt) == first);
    // The same table as Build without a report.
    IdIndex plain;
    plain.Build(ids.size(), idAt);
    CHECK(plain.size() == 5);
    for (const std::string& id : ids) CHECK(plain.find(id, idAt) == index.find(id, idAt));
    // Built again: what was indexed before is dropped, reports are of the new list only.
    CHECK(build({"x", "x"}, index) == Reports{{1, 0}});
    CHECK(build({"a", "b"}, index).empty());
    CHECK(index.size() == 2);
}

TEST_CASE("HashId: every byte and the length count, and the low bits (the slot) spread")
{
    CHECK(HashId("") != HashId(std::string_view("\0", 1)));
    CHECK(HashId("a") != HashId("b"));
    const std::string base = "869effb6-d7db-40de-9eb3-b641338f9486";  // a resource id: 4 words and a tail
    for (std::size_t i = 0; i < base.size(); ++i) {
        std::string changed = base;
        changed[i] ^= 1;
        CHECK(HashId(changed) != HashId(base));
        CHECK(HashId(base.substr(0, i)) != HashId(base));
    }
    // 10,000 order ids of one pattern into 16,384 slots: a random hash fills 1 - e^(-10000/16384) of
    // them, about 7,500; a hash of the length alone (or of a word the ids share) fills a handful.
    std::vector<bool> used(16384);
    for (int i = 0; i < 10000; ++i) used[HashId("CS2407160811" + std::to_string(10000 + i) + "MOP") & 16383] = true;
    CHECK(std::count(used.begin(), used.end(), true) > 7000);
}

TEST_CASE("SameId: equal exactly when every byte and the length are, at every length and every place")
{
    const std::string base = "869effb6-d7db-40de-9eb3-b641338f9486X";  // 37 bytes: words, a tail, an overlap
    for (std::size_t n = 0; n <= base.size(); ++n) {
        const std::string id = base.substr(0, n);
        CAPTURE(n);
        CHECK(SameId(id, std::string(id)));                         // another copy: compared, not the same pointer
        if (n > 0) CHECK_FALSE(SameId(id, base.substr(0, n - 1)));  // one byte shorter
        CHECK_FALSE(SameId(id, base.substr(0, n) + "-"));           // one byte longer
        for (std::size_t i = 0; i < n; ++i) {
            std::string changed = id;
            changed[i] ^= 0x40;  // one bit of one byte
            CAPTURE(i);
            CHECK_FALSE(SameId(id, changed));
            CHECK_FALSE(SameId(changed, id));
        }
    }
    CHECK(SameId(std::string_view("a\0b", 3), std::string_view("a\0b", 3)));
    CHECK_FALSE(SameId(std::string_view("a\0b", 3), std::string_view("a\0c", 3)));
}

TEST_CASE("Workspace::Reindex(report): the duplicates of each list and each resource's main")
{
    Workspace ws;
    for (const char* id : {"p-a", "p-b", "p-a"}) ws.products.emplace_back().product_id = id;
    ws.resources = {MakeResource("m", "p-a"),      MakeResource("v", "p-b", "m"),
                    MakeResource("m", "p-a"),      MakeResource("w", "p-x", "nowhere"),
                    MakeResource("s", "p-a", "s"), MakeResource("t", "p-a", "v")};
    for (const char* id : {"CS1", "CS1", "CS2", "CS1"}) ws.orders.emplace_back().order_id = id;
    for (const char* id : {"c", "c"}) ws.coupons.emplace_back().coupon_id = id;
    ws.export_records.emplace_back().id = "e";
    ReindexReport report;
    ws.Reindex(report);
    using D = ReindexReport::Duplicate;
    CHECK(report.products == std::vector<D>{{2, 0}});
    CHECK(report.resources == std::vector<D>{{2, 0}});
    CHECK(report.orders == std::vector<D>{{1, 0}, {3, 0}});
    CHECK(report.coupons == std::vector<D>{{1, 0}});
    CHECK(report.export_records.empty());
    constexpr uint32_t kNone = WorkspaceIndex::kNone;
    // a main, then attached to "m" (the first), to an unknown id, to itself, to an attached resource
    CHECK(report.main_of == std::vector<uint32_t>{kNone, 0, kNone, kNone, 4, 1});
    CHECK(ws.index.product_of == std::vector<uint32_t>{0, 1, 0, kNone, 0, 0});
    // Reindexed with the same report: the lists are replaced, not appended to.
    ws.products.pop_back();
    ws.Reindex(report);
    CHECK(report.products.empty());
    CHECK(report.orders == std::vector<D>{{1, 0}, {3, 0}});
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
