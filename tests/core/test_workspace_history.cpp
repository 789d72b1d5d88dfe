// The operation log and undo (core/report/workspace_history.h, docs/architecture.md §7): every kind of
// operation on the sample is committed, described, undone to the byte and redone to the byte.
#include <doctest/doctest.h>

#include <malloc.h>

#include <algorithm>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/engine/auto_renew.h"
#include "core/engine/orders.h"
#include "core/engine/refund.h"
#include "core/engine/renewal.h"
#include "core/io/save.h"
#include "core/report/workspace_history.h"
#include "generated_workspace.h"
#include "operations_fixture.h"
#include "test_renewal_fixture.h"

namespace qd {
namespace {

using Kind = WorkspaceChange::Kind;
using renewal_test::LoadSample;

// The sample's first order that `pick` accepts (`skip` of them passed over).
std::string OrderWhere(const Workspace& ws, const std::function<bool(const Order&)>& pick, int skip = 0)
{
    for (const Order& o : ws.orders)
        if (pick(o) && skip-- == 0) return o.order_id;
    FAIL("no such order in the sample");
    return {};
}
using test::InUseMain;
using test::OnFirstAccepted;

struct Operation {
    const char* name;
    std::function<void(Workspace&, Instant)> apply;
    Kind expected;  // a kind its log entry lists
};

TEST_CASE("every operation kind: committed with its changes, undone and redone to the byte")
{
    const Workspace sample = LoadSample();
    const Instant now = *sample.as_of;
    const auto pending = [](const Order& o) { return o.status == OrderStatus::PendingPayment && !o.combined_order_id; };
    const std::vector<Operation> operations = {
        {"pay (seed 4.1.1)",
         [&](Workspace& ws, Instant t) {
             PaymentRequest rq{{OrderWhere(ws, pending)}, std::vector<std::string>{}, t};
             REQUIRE(PayOrders(ws, rq).refusals.empty());
         },
         Kind::OrderStatus},
        {"cancel (seed 4.1.2)",
         [&](Workspace& ws, Instant t) {
             REQUIRE(!CancelOrders(ws, {{OrderWhere(ws, pending, 1)}, t}).cancelled.empty());
         },
         Kind::OrderStatus},
        {"renewal order (seed 4.2.1)",
         [&](Workspace& ws, Instant t) {
             REQUIRE(OnFirstAccepted(ws, InUseMain, [&](Workspace& w, const std::string& id) {
                 RenewalRequest rq;
                 rq.resource_ids = {id};
                 rq.as_of = t;
                 return PlaceRenewalOrders(w, rq).ok();
             }));
         },
         Kind::OrderAdded},
        {"to on-demand at expiry (seed 4.2.4)",
         [&](Workspace& ws, Instant t) {
             REQUIRE(OnFirstAccepted(ws, InUseMain, [&](Workspace& w, const std::string& id) {
                 return w.findResource(id)->renewal_policy != RenewalPolicy::ToOnDemand &&
                        SetToOnDemand(w, {id}, t).ok();
             }));
         },
         Kind::ResourcePolicy},
        {"auto-renew on (seed 4.2.2)",
         [&](Workspace& ws, Instant t) {
             REQUIRE(OnFirstAccepted(ws, InUseMain, [&](Workspace& w, const std::string& id) {
                 return w.findResource(id)->renewal_policy != RenewalPolicy::Auto &&
                        EnableAutoRenew(w, {id}, AutoRenewPlan{}, t).ok();
             }));
         },
         Kind::ResourcePolicy},
        {"deduction day (seed 4.2.2.4)",
         [&](Workspace& ws, Instant t) { REQUIRE(SetDeductionDaysBefore(ws, 3, t).ok()); }, Kind::Account},
        {"release (seed 4.2.6)",
         [&](Workspace& ws, Instant t) {
             auto main = [](const Resource& r) { return !r.main_resource_id && r.status != ResourceStatus::Closed; };
             REQUIRE(OnFirstAccepted(
                 ws, main, [&](Workspace& w, const std::string& id) { return ReleaseResources(w, {id}, t).ok(); }));
         },
         Kind::ResourceStatus},
        {"unsubscribe (seed 4.4)",
         [&](Workspace& ws, Instant t) {
             REQUIRE(OnFirstAccepted(ws, InUseMain, [&](Workspace& w, const std::string& id) {
                 UnsubscribeRequest rq;
                 rq.refund.resource_ids = {id};
                 rq.refund.as_of = t;
                 return !Unsubscribe(w, rq).order_id.empty();
             }));
         },
         Kind::OrderAdded},
        {"rule edit (设置 > 计费规则)", [](Workspace& ws, Instant) { ws.rules.five_day_quota = 3; }, Kind::Rules},
        {"as-of clock (设置)", [](Workspace& ws, Instant t) { ws.as_of = t.plusSeconds(86400); }, Kind::AsOf},
        {"opening files",
         [](Workspace& ws, Instant) {
             Workspace other;
             other.account.name = "另一个单位";
             ws = std::move(other);
             ws.Reindex();
         },
         Kind::Replaced},
    };
    for (const Operation& op : operations) {
        const std::string name = op.name;
        CAPTURE(name);
        Workspace ws = sample;
        WorkspaceHistory history;
        history.reset(ws);
        const std::string before = SaveWorkspace(ws);
        op.apply(ws, now);
        const std::string after = SaveWorkspace(ws);
        REQUIRE(after != before);
        history.commit(ws, now, LabelLanguage::Chinese);
        REQUIRE(history.log().size() == 1);
        const ChangeSummary& what = history.log().back().what;
        CHECK(what.total >= 1);
        bool listed = false;
        for (const WorkspaceChange& c : what.changes) listed = listed || c.kind == op.expected;
        CHECK(listed);
        REQUIRE(history.undo(ws));
        CHECK(SaveWorkspace(ws) == before);
        CHECK(history.log().back().undone);
        CHECK_FALSE(history.canUndo());
        REQUIRE(history.redo(ws));
        CHECK(SaveWorkspace(ws) == after);
        CHECK_FALSE(history.log().back().undone);
        CHECK_FALSE(history.canRedo());
    }
}

TEST_CASE("the log: a status change in words; nothing logged for no change; a new change drops the redo steps")
{
    Workspace ws = LoadSample();
    const Instant now = *ws.as_of;
    WorkspaceHistory history;
    history.reset(ws);
    history.commit(ws, now, LabelLanguage::Chinese);  // nothing changed
    CHECK(history.log().empty());
    Order* o = nullptr;
    for (Order& x : ws.orders)
        if (x.status == OrderStatus::PendingPayment) o = &x;
    REQUIRE(o);
    o->status = OrderStatus::Cancelled;
    history.commit(ws, now, LabelLanguage::Chinese);
    REQUIRE(history.log().size() == 1);
    const WorkspaceChange& c = history.log()[0].what.changes.at(0);
    CHECK(c == WorkspaceChange{Kind::OrderStatus, o->order_id, "待支付", "已取消"});
    ws.account.deduction_days_before = 5;
    history.commit(ws, now, LabelLanguage::English);
    CHECK(history.log()[1].what.changes.at(0) == WorkspaceChange{Kind::Account, "auto-renew charge day", "7", "5"});
    REQUIRE(history.undo(ws));
    CHECK(history.canRedo());
    ws.as_of = now.plusSeconds(2 * 86400);
    history.commit(ws, now, LabelLanguage::Chinese);  // a new change: the undone entry and its redo go
    CHECK_FALSE(history.canRedo());
    CHECK(history.log().size() == 2);
    CHECK(history.log()[1].what.changes.at(0).kind == Kind::AsOf);
    CHECK(history.undoSteps() == 2);
    CHECK(history.log()[1].seq == 3);
}

TEST_CASE("the budget: a workspace over 96 MiB keeps its log but no undo step")
{
    Workspace big;
    // Each its struct and a 36-character id (a heap block): over 96 MiB; and enough that the structs
    // alone are over it (232 bytes each in wasm32: 433,879), for the count that stops once past it.
    big.resources.resize(std::max<std::size_t>(400000, kHistoryBudgetBytes / sizeof(Resource) + 1));
    for (std::size_t i = 0; i < big.resources.size(); ++i) {
        big.resources[i].resource_id = "4b7e2a90-0000-4000-8000-" + std::to_string(100000000000 + i);
        big.resources[i].product_id = "p";
    }
    big.Reindex();
    CHECK(EstimateWorkspaceBytes(big) > big.resources.size() * (sizeof(Resource) + 37));
    CHECK(EstimateWorkspaceBytes(big) > kHistoryBudgetBytes);
    // Told the budget, the count stops once past it: the structs alone are, before any id is counted.
    const uint64_t stopped = EstimateWorkspaceBytes(big, kHistoryBudgetBytes);
    CHECK(stopped > kHistoryBudgetBytes);
    CHECK(stopped < EstimateWorkspaceBytes(big));
    CHECK(stopped >= big.resources.size() * sizeof(Resource));
    WorkspaceHistory history;
    history.reset(big);
    CHECK(history.undoLimitedBySize());
    big.as_of = Instant::FromUnixSeconds(1736820000);
    history.commit(big, *big.as_of, LabelLanguage::Chinese);
    REQUIRE(history.log().size() == 1);
    CHECK(history.log()[0].what.total == 1);
    CHECK(history.log()[0].what.changes.empty());
    CHECK_FALSE(history.canUndo());
}

// What malloc says is in use, where the allocator says it (glibc natively, dlmalloc in wasm); 0 when
// it cannot (a sanitizer's allocator).
uint64_t MallocInUse()
{
#if defined(__EMSCRIPTEN__)
    return static_cast<uint64_t>(mallinfo().uordblks);
#elif defined(__GLIBC__) && !defined(__SANITIZE_ADDRESS__)
    return static_cast<uint64_t>(mallinfo2().uordblks + mallinfo2().hblkhd);  // hblkhd: blocks mapped apart
#else
    return 0;
#endif
}

TEST_CASE("the budget: EstimateWorkspaceBytes is what a copy of the workspace takes from malloc, within 3%")
{
    for (int64_t resources : {300, 3000}) {
        CAPTURE(resources);
        const Workspace generated = test::GeneratedWorkspace(resources, 11);
        const uint64_t before = MallocInUse();
        auto copy = std::make_unique<Workspace>(generated);
        const uint64_t after = MallocInUse();
        const uint64_t estimate = EstimateWorkspaceBytes(*copy);
        CAPTURE(estimate);
        CHECK(EstimateWorkspaceBytes(*copy, estimate) == estimate);  // under the limit: the whole count
        CHECK(EstimateWorkspaceBytes(*copy, kHistoryBudgetBytes) == estimate);
        CAPTURE(after - before);
        CHECK(estimate > generated.resources.size() * sizeof(Resource) + generated.orders.size() * sizeof(Order));
        if (before == 0 || after <= before) continue;  // no allocator statistics here
        const uint64_t measured = after - before;
        CHECK(estimate * 100 <= measured * 103);
        CHECK(estimate * 100 >= measured * 97);
    }
}

TEST_CASE("the log kept in browser storage reads back the same; anything else is no log")
{
    Workspace ws = LoadSample();
    const Instant now = *ws.as_of;
    WorkspaceHistory history;
    history.reset(ws);
    ws.account.deduction_days_before = 5;
    history.commit(ws, now, LabelLanguage::Chinese);
    ws.as_of = now.plusSeconds(3600);
    history.commit(ws, now.plusSeconds(60), LabelLanguage::Chinese);
    REQUIRE(history.undo(ws));
    const std::string json = HistoryLogJson(history.log());
    const auto back = ParseHistoryLog(json);
    REQUIRE(back);
    REQUIRE(back->size() == 2);
    CHECK(HistoryLogJson(*back) == json);
    CHECK((*back)[1].undone);
    CHECK((*back)[0].what.changes.at(0) == WorkspaceChange{Kind::Account, "自动续费扣款日", "7", "5"});
    WorkspaceHistory restored;
    restored.reset(ws);
    restored.restoreLog(*back);
    CHECK_FALSE(restored.log()[1].undone);  // the steps did not survive the reload: nothing to redo
    CHECK_FALSE(restored.canUndo());
    ws.as_of = now.plusSeconds(7200);
    restored.commit(ws, now, LabelLanguage::Chinese);
    CHECK(restored.log().back().seq == 3);
    for (const char* bad :
         {"", "{}", "[1]", R"([{"changes":[]}])", R"([{"at":"2025-01-14T02:00:00Z","changes":[{"kind":99}]}])"})
        CHECK_MESSAGE(!ParseHistoryLog(bad), bad);
    CHECK(ParseHistoryLog("[]")->empty());
}

}  // namespace
}  // namespace qd
