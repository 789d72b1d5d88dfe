// The journal's patches (core/io/workspace_patch.h, docs/architecture.md §6): for every operation,
// Save(Apply(base, Diff(base, after))) == Save(after) to the byte; a patch is read with a load's checks
// and a refused one leaves the workspace exactly as it was.
#include <doctest/doctest.h>

#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/engine/auto_renew.h"
#include "core/engine/orders.h"
#include "core/engine/refund.h"
#include "core/engine/renewal.h"
#include "core/io/load.h"
#include "core/io/save.h"
#include "core/io/workspace_patch.h"
#include "core/model/record_fingerprint.h"
#include "generated_workspace.h"
#include "operations_fixture.h"
#include "test_renewal_fixture.h"

namespace qd {
namespace {

using renewal_test::LoadSample;

// The workspace's first (or last) order that `pick` accepts.
std::string OrderWhere(const Workspace& ws, const std::function<bool(const Order&)>& pick, bool last = false)
{
    std::string found;
    for (const Order& o : ws.orders)
        if (pick(o) && (found.empty() || last)) found = o.order_id;
    REQUIRE_MESSAGE(!found.empty(), "no such order in the workspace");
    return found;
}
using test::InUseMain;
using test::OnFirstAccepted;

struct Operation {
    const char* name;
    std::function<void(Workspace&, Instant)> apply;
};

// Every kind of change the console makes (the undo test's list, docs/architecture.md §7), plus
// changes no operation makes today but a patch must still carry: removals, a reordered list.
std::vector<Operation> Operations()
{
    const auto pending = [](const Order& o) { return o.status == OrderStatus::PendingPayment && !o.combined_order_id; };
    return {
        {"pay (seed 4.1.1)",
         [=](Workspace& ws, Instant t) {
             PaymentRequest rq{{OrderWhere(ws, pending)}, std::vector<std::string>{}, t};
             REQUIRE(PayOrders(ws, rq).refusals.empty());
         }},
        {"cancel (seed 4.1.2)",
         [=](Workspace& ws, Instant t) {
             REQUIRE(!CancelOrders(ws, {{OrderWhere(ws, pending, true)}, t}).cancelled.empty());
         }},
        {"renewal order (seed 4.2.1)",
         [](Workspace& ws, Instant t) {
             REQUIRE(OnFirstAccepted(ws, InUseMain, [&](Workspace& w, const std::string& id) {
                 RenewalRequest rq;
                 rq.resource_ids = {id};
                 rq.as_of = t;
                 return PlaceRenewalOrders(w, rq).ok();
             }));
         }},
        {"to on-demand at expiry (seed 4.2.4)",
         [](Workspace& ws, Instant t) {
             REQUIRE(OnFirstAccepted(ws, InUseMain, [&](Workspace& w, const std::string& id) {
                 return w.findResource(id)->renewal_policy != RenewalPolicy::ToOnDemand &&
                        SetToOnDemand(w, {id}, t).ok();
             }));
         }},
        {"auto-renew on (seed 4.2.2)",
         [](Workspace& ws, Instant t) {
             REQUIRE(OnFirstAccepted(ws, InUseMain, [&](Workspace& w, const std::string& id) {
                 return w.findResource(id)->renewal_policy != RenewalPolicy::Auto &&
                        EnableAutoRenew(w, {id}, AutoRenewPlan{}, t).ok();
             }));
         }},
        {"deduction day (seed 4.2.2.4)",
         [](Workspace& ws, Instant t) { REQUIRE(SetDeductionDaysBefore(ws, 3, t).ok()); }},
        {"release (seed 4.2.6)",
         [](Workspace& ws, Instant t) {
             // Not a frozen one: released, it keeps its frozen_reason beside status closed, which the
             // loader refuses (a saved workspace that does not open again; reported, not ours to fix here).
             auto main = [](const Resource& r) {
                 return !r.main_resource_id && r.status != ResourceStatus::Closed && !r.frozen_reason;
             };
             REQUIRE(OnFirstAccepted(
                 ws, main, [&](Workspace& w, const std::string& id) { return ReleaseResources(w, {id}, t).ok(); }));
         }},
        {"unsubscribe (seed 4.4)",
         [](Workspace& ws, Instant t) {
             REQUIRE(OnFirstAccepted(ws, InUseMain, [&](Workspace& w, const std::string& id) {
                 UnsubscribeRequest rq;
                 rq.refund.resource_ids = {id};
                 rq.refund.as_of = t;
                 return !Unsubscribe(w, rq).order_id.empty();
             }));
         }},
        {"rule edit (设置 > 计费规则)", [](Workspace& ws, Instant) { ws.rules.five_day_quota = 3; }},
        {"as-of clock (设置)", [](Workspace& ws, Instant t) { ws.as_of = t.plusSeconds(86400); }},
        {"as-of clock cleared", [](Workspace& ws, Instant) { ws.as_of.reset(); }},
        {"an order and a coupon removed",
         [](Workspace& ws, Instant) {
             ws.orders.erase(ws.orders.begin() + 1);
             if (!ws.coupons.empty()) ws.coupons.pop_back();
         }},
        {"orders reordered (sent whole)",
         [](Workspace& ws, Instant) { std::swap(ws.orders.front(), ws.orders.back()); }},
        {"a resource removed and added again at the end (sent whole)",
         [](Workspace& ws, Instant) {
             const auto it = std::find_if(ws.resources.begin(), ws.resources.end(), [&](const Resource& r) {
                 return !r.main_resource_id && ws.attachedTo(r.resource_id).empty();
             });
             REQUIRE(it != ws.resources.end());
             Resource r = *it;
             ws.resources.erase(it);
             ws.resources.push_back(std::move(r));
         }},
        {"opening files (another workspace)",
         [](Workspace& ws, Instant) {
             Workspace other;
             other.account.name = "另一个单位";
             ws = std::move(other);
         }},
    };
}

// Diff, apply to a copy of the base, compare the saved text with the workspace after; the patch.
std::string RoundTrip(const Workspace& base, const Workspace& after)
{
    const std::string patch = DiffWorkspaces(base, after);
    Workspace ws = base;
    const LoadErrors errors = ApplyWorkspacePatch(ws, patch, "journal 1");
    CAPTURE(patch.substr(0, 400));
    REQUIRE_MESSAGE(errors.empty(), (errors.empty() ? std::string() : errors.front().str()));
    CHECK(SaveWorkspace(ws) == SaveWorkspace(after));
    CHECK(ws == after);
    // The index is current: the next patch applies to it.
    for (const Resource& r : after.resources) REQUIRE(ws.findResource(r.resource_id) != nullptr);
    CHECK(DiffWorkspaces(ws, after) == DiffWorkspaces(after, after));
    // The browser's journal keeps only the base's fingerprints: the same patch from them, which
    // reads back against them, and the fingerprints of `after` for the next one.
    const WorkspaceFingerprints basePrints = WorkspaceFingerprints::Of(base);
    WorkspaceFingerprints afterPrints;
    CHECK(DiffWorkspaces(basePrints, after, &afterPrints) == patch);
    const LoadErrors check = CheckWorkspacePatch(basePrints, patch, "journal 1");
    CHECK_MESSAGE(check.empty(), (check.empty() ? std::string() : check.front().str()));
    CHECK(DiffWorkspaces(afterPrints, after) == DiffWorkspaces(after, after));
    return patch;
}

TEST_CASE("journal patch: every operation, applied to the base, saves to the byte what the operation left")
{
    const Workspace sample = LoadSample();
    const Instant now = *sample.as_of;
    for (const Operation& op : Operations()) {
        const std::string name = op.name;
        CAPTURE(name);
        Workspace after = sample;
        op.apply(after, now);
        REQUIRE(CheckWorkspace(after, "after").empty());  // committed: indexed, ids unique
        REQUIRE(SaveWorkspace(after) != SaveWorkspace(sample));
        const std::string patch = RoundTrip(sample, after);
        // Only a list whose order changed is sent whole; otherwise the records that changed.
        CHECK((patch.find("\"whole\":[]") == std::string::npos) == (name.find("sent whole") != std::string::npos));
    }
}

TEST_CASE("journal patch: no change is an empty patch; one after another, each applies to the last")
{
    const Workspace sample = LoadSample();
    const Instant now = *sample.as_of;
    const std::string none = DiffWorkspaces(sample, sample);
    CHECK(none.find("\"removed\":{}") != std::string::npos);
    for (const char* id : {"\"product_id\"", "\"resource_id\"", "\"order_id\"", "\"coupon_id\""})
        CHECK(none.find(id) == std::string::npos);  // no record of any list
    Workspace stored = sample;
    Workspace ws = sample;
    int applied = 0;
    for (const Operation& op : Operations()) {
        const std::string name = op.name;
        if (name.find("another workspace") != std::string::npos) continue;
        CAPTURE(name);
        op.apply(ws, now);
        REQUIRE(CheckWorkspace(ws, "now").empty());
        const std::string patch = DiffWorkspaces(stored, ws);
        const LoadErrors errors = ApplyWorkspacePatch(stored, patch, "journal");
        REQUIRE_MESSAGE(errors.empty(), (errors.empty() ? std::string() : errors.front().str()));
        CHECK(SaveWorkspace(stored) == SaveWorkspace(ws));
        ++applied;
    }
    CHECK(applied >= 12);
}

TEST_CASE("journal patch: one change of a 3,000-resource workspace is a small patch")
{
    const Workspace big = test::GeneratedWorkspace(3000, 7);
    Workspace after = big;
    const Instant t = big.as_of ? *big.as_of : Instant::FromUnixSeconds(1713167887);
    REQUIRE(OnFirstAccepted(after, InUseMain, [&](Workspace& w, const std::string& id) {
        return w.findResource(id)->renewal_policy != RenewalPolicy::Auto &&
               EnableAutoRenew(w, {id}, AutoRenewPlan{}, t).ok();
    }));
    after.Reindex();
    const std::string patch = DiffWorkspaces(big, after);
    const std::string whole = SaveWorkspace(after);
    CAPTURE(patch.size());
    CAPTURE(whole.size());
    CHECK(patch.size() * 100 < whole.size());  // under 1% of the workspace
    RoundTrip(big, after);
}

TEST_CASE("journal patch: a broken or foreign patch is refused with why, and the workspace stays as it was")
{
    const Workspace sample = LoadSample();
    Workspace after = sample;
    after.rules.five_day_quota = 3;
    after.orders.erase(after.orders.begin());
    REQUIRE(CheckWorkspace(after, "after").empty());
    const std::string good = DiffWorkspaces(sample, after);
    const std::string before = SaveWorkspace(sample);

    // The journal checks its own entries against the base's fingerprints before storing them: the
    // same refusal (but for references across the whole workspace, which only a full apply sees).
    const auto refused = [&](const std::string& patch, const Workspace& base, const std::string& expected,
                             bool seenByCheck = true) {
        if (seenByCheck) {
            const LoadErrors checked = CheckWorkspacePatch(WorkspaceFingerprints::Of(base), patch, "journal 2");
            REQUIRE_FALSE(checked.empty());
            CAPTURE(checked.front().str());
            CHECK(checked.front().str().find(expected) != std::string::npos);
        }
        Workspace ws = base;
        const std::string saved = SaveWorkspace(ws);
        const LoadErrors errors = ApplyWorkspacePatch(ws, patch, "journal 2");
        REQUIRE_FALSE(errors.empty());
        CAPTURE(errors.front().str());
        CHECK(errors.front().file == "journal 2");
        CHECK(errors.front().str().find(expected) != std::string::npos);
        CHECK(SaveWorkspace(ws) == saved);
        CHECK(ws == base);
    };
    SUBCASE("cut short") { refused(good.substr(0, good.size() / 2), sample, "journal 2"); }
    SUBCASE("no header") { refused(good.substr(good.find('\n') + 1), sample, "patch"); }
    SUBCASE("a header of another version")
    {
        std::string p = good;
        p.replace(p.find("\"quotedesk_patch\":1"), 19, "\"quotedesk_patch\":9");
        refused(p, sample, "expected \"quotedesk_patch\": 1");
    }
    SUBCASE("applied twice: its base is gone")
    {
        Workspace once = sample;
        REQUIRE(ApplyWorkspacePatch(once, good, "journal 1").empty());
        refused(good, once, "another workspace");
    }
    SUBCASE("a bad value in the fragment: the loader's message with its pointer")
    {
        std::string p = good;
        const std::size_t at = p.find("\"cash_balance\": \"");
        REQUIRE(at != std::string::npos);
        p.insert(at + 17, "-x");
        refused(p, sample, "/account/cash_balance");
    }
    SUBCASE("a removal that leaves a reference dangling: CheckWorkspace over the whole result")
    {
        // A resource some open renewal order or attached resource names, removed by a forged header.
        std::string id;
        for (const Resource& r : sample.resources)
            if (r.main_resource_id) id = *r.main_resource_id;
        REQUIRE(!id.empty());
        Workspace fewer = sample;
        const std::string none = DiffWorkspaces(sample, sample);
        std::string p = none;
        p.replace(p.find("\"removed\":{}"), 12, "\"removed\":{\"resources\":[\"" + id + "\"]}");
        const std::string count = "\"resources\":" + std::to_string(sample.resources.size());
        const std::size_t afterAt = p.find("\"after\":");
        p.replace(p.find(count, afterAt), count.size(), "\"resources\":" + std::to_string(sample.resources.size() - 1));
        refused(p, fewer, "unknown main_resource_id", false);
        CHECK(CheckWorkspacePatch(WorkspaceFingerprints::Of(fewer), p, "journal 2").empty());
    }
    CHECK(SaveWorkspace(sample) == before);
}

// Makes one field different from what it was, whatever its type.
struct Perturb {
    void operator()(std::string& s) const { s += "x"; }
    void operator()(bool& b) const { b = !b; }
    void operator()(int& i) const { ++i; }
    void operator()(Money& m) const { m = m + Money::FromFen(1); }
    void operator()(Instant& t) const { t = t.plusSeconds(1); }
    template <class E>
    requires std::is_enum_v<E>
    void operator()(E& e) const { e = static_cast<E>(static_cast<int>(e) == 0 ? 1 : 0); }
    template <class T>
    void operator()(std::optional<T>& o) const
    {
        if (o) o.reset();
        else o.emplace();
    }
    void operator()(UnknownMembers& u) const { u.emplace_back("x_new", "1"); }
    template <class T>
    void operator()(std::vector<T>& v) const
    {
        v.emplace_back();
    }
    template <class T>
    requires(kFieldCount<T> > 0) void operator()(T& record) const
    {
        int k = 0;
        ForEachField(record, [&](auto& field) {
            if (k++ == 0) (*this)(field);
        });
    }
};

// Every field of T, changed alone, changes the record's fingerprint; the same record has the same one.
template <class T>
void EachFieldChangesTheFingerprint(const char* type)
{
    CAPTURE(type);
    const T record{};
    const uint64_t before = RecordFingerprint(record);
    CHECK(RecordFingerprint(T{}) == before);
    for (int field = 0; field < kFieldCount<T>; ++field) {
        CAPTURE(field);
        T changed = record;
        int k = 0;
        ForEachField(changed, [&](auto& f) {
            if (k++ == field) Perturb{}(f);
        });
        CHECK_FALSE(changed == record);
        CHECK(RecordFingerprint(changed) != before);
    }
}

TEST_CASE("journal fingerprints: any field of any record, changed alone, changes its fingerprint")
{
    EachFieldChangesTheFingerprint<Product>("Product");
    EachFieldChangesTheFingerprint<ProductPrices>("ProductPrices");
    EachFieldChangesTheFingerprint<RenewOptions>("RenewOptions");
    EachFieldChangesTheFingerprint<Resource>("Resource");
    EachFieldChangesTheFingerprint<AutoRenew>("AutoRenew");
    EachFieldChangesTheFingerprint<ResourcePeriod>("ResourcePeriod");
    EachFieldChangesTheFingerprint<PaidBreakdown>("PaidBreakdown");
    EachFieldChangesTheFingerprint<EnterpriseProject>("EnterpriseProject");
    EachFieldChangesTheFingerprint<RenewRate>("RenewRate");
    EachFieldChangesTheFingerprint<Order>("Order");
    EachFieldChangesTheFingerprint<OrderItem>("OrderItem");
    EachFieldChangesTheFingerprint<Discount>("Discount");
    EachFieldChangesTheFingerprint<TradeHistoryEntry>("TradeHistoryEntry");
    EachFieldChangesTheFingerprint<Coupon>("Coupon");
    EachFieldChangesTheFingerprint<ExportRecord>("ExportRecord");
    // A character moved from one string to the next is a change too (lengths are hashed).
    Resource a, b;
    a.resource_id = "ab";
    a.resource_name = "c";
    b.resource_id = "a";
    b.resource_name = "bc";
    CHECK(RecordFingerprint(a) != RecordFingerprint(b));
}

TEST_CASE("journal fingerprints: the ids of every list in order, found by id, a fraction of the workspace")
{
    const Workspace big = test::GeneratedWorkspace(3000, 7);
    const WorkspaceFingerprints prints = WorkspaceFingerprints::Of(big);
    const WorkspaceFingerprints::List& resources = prints.list(1);
    REQUIRE(resources.size() == big.resources.size());
    for (std::size_t i = 0; i < big.resources.size(); ++i) {
        CHECK(resources.id(i) == big.resources[i].resource_id);
        CHECK(resources.find(big.resources[i].resource_id) == i);
        CHECK(resources.fingerprint(i) == RecordFingerprint(big.resources[i]));
    }
    CHECK(!resources.find("no-such-resource"));
    CHECK(prints.list(2).size() == big.orders.size());
    // About 50 bytes a record (the id, its end, the fingerprint, the table): far less than the records'
    // text (SaveWorkspace's), let alone the structs.
    const uint64_t records =
        big.products.size() + big.resources.size() + big.orders.size() + big.coupons.size() + big.export_records.size();
    CAPTURE(prints.bytes());
    CHECK(prints.bytes() < 80 * records);
    CHECK(prints.bytes() * 10 < SaveWorkspace(big).size());
}

}  // namespace
}  // namespace qd
