// Loader tests (core/io/load.h): every member read into its field, every enumeration word, defaults and
// nulls, each kind of error with its pointer and message, the checks across objects, LoadFiles.
//
// Index of this file (search for "[SECTION] name"):
//   [SECTION] Members, defaults, values
//   [SECTION] Checks inside one object, required members, types
//   [SECTION] Unknown members, broken text, encodings, limits
//   [SECTION] Round trip and rule overrides
//   [SECTION] Checks across objects
//   [SECTION] Workspace index
//   [SECTION] Several files: workspaces and Huawei responses
#include <doctest/doctest.h>

#include <algorithm>

#include "core/model/diagnostics.h"
#include "core/gen/generator.h"
#include "core/io/load.h"
#include "core/io/save.h"
#include "workspace_fixture.h"

namespace qd {
namespace {

using test::At;
using test::Doc;
using test::FirstError;
using test::Yuan;

// [SECTION] Members, defaults, values
TEST_CASE("load: every member of the full document lands in its field")
{
    LoadResult r = LoadWorkspace(test::kFullWorkspace, "full.json");
    REQUIRE_MESSAGE(r.ok, (r.errors.empty() ? "" : r.errors.front().str()));
    const Workspace& ws = r.workspace;
    CHECK(ws.as_of == At("2025-01-14T02:00:00Z"));

    const Account& a = ws.account;
    CHECK(a.customer_id == "c-1");
    CHECK(a.name == "南京test");
    CHECK(a.currency == "USD");
    CHECK(a.cash_balance == Money::FromFen(-1250));
    REQUIRE(a.five_day_quota);
    CHECK(a.five_day_quota->year == 2025);
    CHECK(a.five_day_quota->limit == 8);
    CHECK(a.five_day_quota->used == 2);
    CHECK(a.deduction_days_before == 5);
    CHECK(a.unified_expiry_day == UnifiedExpiryDay::FromDay(15));
    CHECK(a.frozen_reason == FrozenReason::Violation);

    CHECK(ws.rules.grace_days == 30);
    CHECK(ws.rules.rounding == Rounding::Truncate);

    REQUIRE(ws.products.size() == 2);
    const Product& p = ws.products[0];
    CHECK(p.product_id == "p-ecs");
    CHECK(p.service_type_code == "hws.service.type.ec2");
    CHECK(p.service_type_name == "弹性云服务器");
    CHECK(p.resource_type_code == "hws.resource.type.vm");
    CHECK(p.spec_desc == "s6.large.2 | 2vCPUs | 4GiB");
    CHECK(p.region_code == "cn-north-4");
    CHECK(p.prices.month == Yuan("191.40"));
    CHECK(p.prices.year == Yuan("1952.28"));
    CHECK(p.renew_options.months == std::vector<int>{1, 2, 3});
    CHECK(p.renew_options.years == std::vector<int>{1});
    CHECK(p.kind == ProductKind::Marketplace);
    CHECK(p.delisted);
    CHECK_FALSE(p.five_day_refund);
    CHECK_FALSE(p.unsubscribable);
    CHECK_FALSE(p.to_on_demand);
    CHECK(ws.products[1].kind == ProductKind::ResourcePackage);

    REQUIRE(ws.resources.size() == 2);
    const Resource& ecs = ws.resources[0];
    CHECK(ecs.resource_id == "ecs-1");
    CHECK(ecs.resource_name == "web");
    CHECK(ecs.product_id == "p-ecs");
    CHECK(ecs.region_code == "cn-north-4");
    CHECK(ecs.isMain());
    CHECK(ecs.status == ResourceStatus::Expired);
    CHECK(ecs.provisioning == Provisioning::Failed);
    CHECK(ecs.effective_time == At("2024-04-15T07:58:07Z"));
    CHECK(ecs.expire_time == At("2025-04-15T15:59:59Z"));
    CHECK(ecs.anchor_day == 31);
    CHECK(ecs.renewal_policy == RenewalPolicy::Auto);
    REQUIRE(ecs.auto_renew);
    CHECK(ecs.auto_renew->period == TermUnit::Year);
    CHECK(ecs.auto_renew->period_num == 2);
    CHECK(ecs.auto_renew->times_left == 3);
    REQUIRE(ecs.periods.size() == 1);
    const ResourcePeriod& period = ecs.periods[0];
    CHECK(period.order_id == "CS1");
    CHECK(period.kind == PeriodKind::Renewal);
    CHECK(period.start == ecs.effective_time);
    CHECK(period.end == ecs.expire_time);
    CHECK(period.list_amount == Yuan("1952.28"));
    REQUIRE(period.paid);
    CHECK(period.paid->cash == Yuan("1800.00"));
    CHECK(period.paid->voucher == Yuan("100.00"));
    CHECK(period.paid->flexi_coupon == Yuan("30.00"));
    CHECK(period.paid->stored_card == Yuan("22.28"));
    CHECK(period.paid->discount_coupon == Yuan("5.00"));
    CHECK(period.paid->voucher_expire_time == At("2025-12-31T23:59:59+08:00"));
    CHECK(period.promotion);
    CHECK(period.changed_before_effective);
    CHECK(ws.products[0].periods_unsubscribable == false);
    CHECK(ws.resources[0].bandwidth_addon);
    CHECK(ws.resources[0].special_unsubscribe);
    CHECK(ws.resources[1].added_after_renewal);
    CHECK(period.paid->refundableBase() == Yuan("1852.28"));
    CHECK(period.no_five_day_refund);
    CHECK(period.invoiced);

    const Resource& vol = ws.resources[1];
    CHECK(vol.main_resource_id == "ecs-1");
    CHECK(vol.relation == Relation::Mounted);
    CHECK_FALSE(vol.isBound());
    CHECK(vol.status == ResourceStatus::Frozen);
    CHECK(vol.frozen_reason == FrozenReason::Police);
    CHECK(vol.effective_time == At("2024-04-15T07:58:07Z"));
    CHECK(vol.expire_time == At("2024-05-15T15:59:59Z"));
    CHECK(vol.renewal_policy == RenewalPolicy::NoRenew);
    CHECK(vol.periods.empty());

    REQUIRE(ws.orders.size() == 4);
    const Order& o = ws.orders[0];
    // members read from Huawei responses (docs/workspace-format.md "Amounts")
    REQUIRE(o.paid);
    CHECK(o.paid->cash == Yuan("1800.00"));  // 实付金额
    CHECK(o.amountPaid() == Yuan("1800.00"));
    REQUIRE(o.discounts.size() == 1);
    CHECK(o.discounts[0].type == "700");
    CHECK(o.contract_id == "HT-1");
    REQUIRE(o.enterprise_projects.size() == 1);
    CHECK(o.enterprise_projects[0].name == "财务处");
    CHECK(o.items[0].effective_time == At("2024-04-15T07:58:07Z"));
    CHECK(o.items[0].subscription_num == 2);
    CHECK(o.items[0].paid->voucher == Yuan("100.00"));
    const Order& unsub = ws.orders[3];  // negative amounts: an unsubscription's refund
    CHECK(unsub.amount_after_discount == Yuan("-90.00"));
    CHECK(unsub.fee == Yuan("10.00"));
    CHECK(unsub.consumed == Yuan("0.00"));
    CHECK(unsub.items[0].paid->cash == Yuan("-90.00"));
    CHECK(ecs.enterprise_project->id == "ep-1");
    REQUIRE(ecs.renew_rates.size() == 2);
    CHECK(ecs.renewRate(TermUnit::Month, 1)->amount == Yuan("219.40"));
    CHECK(ecs.renewRate(TermUnit::Year, 1)->error_code == "CBC.99003154");
    CHECK(o.order_id == "CS1");
    CHECK(o.order_type == OrderType::Change);
    CHECK(o.status == OrderStatus::Processing);
    CHECK(o.create_time == At("2024-04-15T07:50:00Z"));
    CHECK(o.payment_time == At("2024-04-15T07:58:07Z"));
    CHECK(o.pending_payment_end_time == At("2024-04-22T07:50:00Z"));
    CHECK_FALSE(o.combined_order_id);
    CHECK(o.official_amount == Yuan("1952.28"));
    CHECK(o.amount_after_discount == Yuan("1900.00"));
    CHECK(o.currency == "USD");
    CHECK(o.service_type_name == "弹性云服务器");
    CHECK(o.created_by == "admin");
    REQUIRE(o.items.size() == 1);
    CHECK(o.items[0].resource_id == "ecs-1");
    CHECK(o.items[0].product_id == "p-ecs");
    CHECK(o.items[0].period == ItemPeriod::Year);
    CHECK(o.items[0].period_num == 1);
    CHECK(o.items[0].amount == Yuan("1952.28"));
    REQUIRE(o.history.size() == 1);
    CHECK(o.history[0].time == At("2024-05-01T02:00:00Z"));
    CHECK(o.history[0].type == OrderType::Renewal);
    CHECK(o.history[0].order_id == "CS9");
    CHECK(ws.orders[1].combined_order_id == "CS3");
    CHECK(ws.orders[1].amount_after_discount == Money::FromFen(2220));
    CHECK(ws.orders[1].auto_renew_after_payment ==
          AutoRenew{TermUnit::Year, 3, 6, {}});  // 自动续费 chosen with the renewal
    CHECK_FALSE(ws.orders[0].auto_renew_after_payment.has_value());

    REQUIRE(ws.coupons.size() == 2);
    CHECK(ws.coupons[0].coupon_id == "v-1");
    CHECK(ws.coupons[0].type == CouponType::Flexi);
    CHECK(ws.coupons[0].balance == Yuan("20.00"));
    CHECK(ws.coupons[0].expire_time == At("2025-12-31T15:59:59Z"));
    CHECK(ws.coupons[1].type == CouponType::Discount);
    CHECK(ws.coupons[1].discount_ratio_bp == 8750);

    REQUIRE(ws.export_records.size() == 1);
    const ExportRecord& e = ws.export_records[0];
    CHECK(e.id == "e-1");
    CHECK(e.kind == ExportKind::RenewalPrices);
    CHECK(e.created_time == At("2025-01-13T01:00:00Z"));
    CHECK(e.file_name == "prices.csv");
    CHECK(e.rows == 12);
}

TEST_CASE("load: a minimal workspace takes every default")
{
    LoadResult r = LoadWorkspace(R"({"format": "quotedesk/1"})", "min.json");
    REQUIRE(r.ok);
    const Workspace& ws = r.workspace;
    CHECK_FALSE(ws.as_of);
    CHECK(ws.account == Account{});
    CHECK(ws.account.currency == "CNY");
    CHECK(ws.account.deduction_days_before == 7);
    CHECK_FALSE(ws.account.cash_balance);
    CHECK_FALSE(ws.account.five_day_quota);
    CHECK_FALSE(ws.account.unified_expiry_day);
    CHECK(ws.rules == RuleProfile{});
    CHECK(ws.products.empty());
    CHECK(ws.resources.empty());
    CHECK(ws.orders.empty());
    CHECK(ws.coupons.empty());
    CHECK(ws.export_records.empty());
    CHECK(ws.extra.empty());
}

TEST_CASE("load: defaults of optional members inside objects")
{
    Doc doc = test::MinimalDoc();
    doc["products"] = Doc::array({{{"product_id", "p"}}});
    doc["resources"] =
        Doc::parse(R"([{"resource_id": "r", "product_id": "p", "effective_time": "2024-01-01T10:00:00+08:00",
      "expire_time": "2024-02-01T23:59:59+08:00", "auto_renew": {},
      "periods": [{"start": "2024-01-01T10:00:00+08:00", "end": "2024-02-01T23:59:59+08:00", "paid": {}},
                  {"start": "2024-02-01T23:59:59+08:00", "end": "2024-03-01T23:59:59+08:00"}]}])");
    doc["orders"] = Doc::parse(R"([{"order_id": "o", "order_type": "new", "status": "completed",
      "create_time": "2024-01-01T10:00:00+08:00", "amount_after_discount": 0, "items": [{}]}])");
    doc["coupons"] = Doc::parse(R"([{"coupon_id": "c", "type": "voucher"}])");
    doc["export_records"] =
        Doc::parse(R"([{"id": "e", "kind": "orders", "created_time": "2024-01-01T10:00:00+08:00"}])");
    LoadResult r = test::LoadDoc(doc);
    REQUIRE_MESSAGE(r.ok, (r.errors.empty() ? "" : r.errors.front().str()));
    const Workspace& ws = r.workspace;

    const Product& p = ws.products[0];
    CHECK(p.service_type_code.empty());
    CHECK_FALSE(p.prices.month);
    CHECK_FALSE(p.prices.year);
    CHECK(p.renew_options.months == std::vector<int>{1, 2, 3, 4, 5, 6, 7, 8, 9});
    CHECK(p.renew_options.years == std::vector<int>{1, 2, 3});
    CHECK(p.kind == ProductKind::Standard);
    CHECK_FALSE(p.delisted);
    CHECK(p.five_day_refund);
    CHECK(p.unsubscribable);
    CHECK(p.to_on_demand);

    const Resource& res = ws.resources[0];
    CHECK(res.isMain());
    CHECK_FALSE(res.relation);
    CHECK(res.status == ResourceStatus::InUse);
    CHECK(res.provisioning == Provisioning::Ok);
    CHECK_FALSE(res.anchor_day);
    CHECK(res.renewal_policy == RenewalPolicy::Manual);
    REQUIRE(res.auto_renew);
    CHECK(res.auto_renew->period == TermUnit::Month);
    CHECK(res.auto_renew->period_num == 1);
    CHECK_FALSE(res.auto_renew->times_left);
    CHECK(res.periods[0].kind == PeriodKind::New);      // the first period defaults to new...
    CHECK(res.periods[1].kind == PeriodKind::Renewal);  // ...later ones to renewal
    CHECK(res.periods[0].order_id.empty());
    REQUIRE(res.periods[0].paid);
    CHECK(res.periods[0].paid->cash == Money());
    CHECK_FALSE(res.periods[1].paid);
    CHECK_FALSE(res.periods[1].list_amount);

    const Order& o = ws.orders[0];
    CHECK_FALSE(o.payment_time);
    CHECK_FALSE(o.pending_payment_end_time);
    CHECK_FALSE(o.official_amount);
    CHECK(o.currency == "CNY");
    CHECK(o.items[0] == OrderItem{});
    CHECK(o.history.empty());

    CHECK_FALSE(ws.coupons[0].balance);
    CHECK_FALSE(ws.coupons[0].discount_ratio_bp);
    CHECK_FALSE(ws.coupons[0].expire_time);
    CHECK(ws.export_records[0].file_name.empty());
    CHECK(ws.export_records[0].rows == 0);
}

TEST_CASE("load: null means absent for optional members")
{
    Doc doc = test::FullDoc();
    doc["as_of"] = nullptr;
    doc["account"]["cash_balance"] = nullptr;
    doc["account"]["five_day_quota"] = nullptr;
    doc["account"]["unified_expiry_day"] = nullptr;
    doc["products"][0]["prices"]["month"] = nullptr;
    doc["resources"][0]["anchor_day"] = nullptr;
    doc["resources"][0]["auto_renew"]["times_left"] = nullptr;
    doc["resources"][0]["periods"][0]["paid"] = nullptr;
    doc["resources"][1]["relation"] = nullptr;
    doc["resources"][1]["frozen_reason"] = nullptr;
    doc["orders"][0]["payment_time"] = nullptr;
    doc["orders"][0]["items"][0]["period_num"] = nullptr;
    doc["coupons"][1]["discount_ratio"] = nullptr;
    LoadResult r = test::LoadDoc(doc);
    REQUIRE(r.ok);
    const Workspace& ws = r.workspace;
    CHECK_FALSE(ws.as_of);
    CHECK_FALSE(ws.account.cash_balance);
    CHECK_FALSE(ws.account.five_day_quota);
    CHECK_FALSE(ws.account.unified_expiry_day);
    CHECK_FALSE(ws.products[0].prices.month);
    CHECK_FALSE(ws.resources[0].anchor_day);
    CHECK_FALSE(ws.resources[0].auto_renew->times_left);
    CHECK_FALSE(ws.resources[0].periods[0].paid);
    CHECK_FALSE(ws.resources[1].relation);
    CHECK(ws.resources[1].isBound());
    CHECK_FALSE(ws.resources[1].frozen_reason);
    CHECK_FALSE(ws.orders[0].payment_time);
    CHECK_FALSE(ws.orders[0].items[0].period_num);
    CHECK_FALSE(ws.coupons[1].discount_ratio_bp);

    // ...but not for members that have a default instead of "absent".
    Doc bad = test::FullDoc();
    bad["resources"][0]["status"] = nullptr;
    CHECK(FirstError(bad) == "t.json: /resources/0/status: expected one of in_use|expired|frozen|closed, got null");
    bad = test::FullDoc();
    bad["products"][0]["renew_options"]["months"] = nullptr;
    CHECK(FirstError(bad) == "t.json: /products/0/renew_options/months: expected an array, got null");
}

// Sets one member of the full document to each word of E and checks the loaded field.
template <class E, class Get>
void CheckEveryWord(const Doc::json_pointer& at, Get get)
{
    for (std::string_view word : EnumNames<E>::names) {
        CAPTURE(at.to_string());
        CAPTURE(word);
        Doc doc = test::FullDoc();
        doc[at] = std::string(word);
        LoadResult r = test::LoadDoc(doc);
        REQUIRE_MESSAGE(r.ok, (r.errors.empty() ? "" : r.errors.front().str()));
        CHECK(get(r.workspace) == EnumFromString<E>(word));
        CHECK(ToString(get(r.workspace)) == word);
    }
    Doc doc = test::FullDoc();
    doc[at] = "Nope";
    CHECK(FirstError(doc) == "t.json: " + at.to_string() + ": expected one of " + EnumChoices<E>() + ", got \"Nope\"");
    doc[at] = 1;
    CHECK(FirstError(doc) == "t.json: " + at.to_string() + ": expected one of " + EnumChoices<E>() + ", got 1");
}

// seed 4.4.1.3: a voucher's expiry on a period's paid parts; files from before it (absent) and "unknown"
// both read as unknown; anything else is refused with its pointer.
TEST_CASE("load: paid.voucher_expire_time is a time, \"unknown\" or absent (seed 4.4.1.3)")
{
    for (const char* unknown : {"unknown", "absent"}) {
        CAPTURE(unknown);
        Doc doc = test::FullDoc();
        if (std::string(unknown) == "absent") doc["resources"][0]["periods"][0]["paid"].erase("voucher_expire_time");
        else doc["resources"][0]["periods"][0]["paid"]["voucher_expire_time"] = "unknown";
        LoadResult r = test::LoadDoc(doc);
        REQUIRE(r.ok);
        CHECK_FALSE(r.workspace.resources[0].periods[0].paid->voucher_expire_time);
        CHECK(SaveWorkspace(r.workspace).find("voucher_expire_time") == std::string::npos);
    }
    Doc doc = test::FullDoc();
    doc["resources"][0]["periods"][0]["paid"]["voucher_expire_time"] = "soon";
    LoadResult r = test::LoadDoc(doc);
    REQUIRE_FALSE(r.ok);
    REQUIRE_FALSE(r.errors.empty());
    CHECK(r.errors.front().str().find("/resources/0/periods/0/paid/voucher_expire_time") != std::string::npos);
}

TEST_CASE("load: every enumeration word")
{
    using P = Doc::json_pointer;
    CheckEveryWord<ProductKind>(P("/products/0/kind"), [](const Workspace& w) { return w.products[0].kind; });
    CheckEveryWord<Relation>(P("/resources/1/relation"), [](const Workspace& w) { return *w.resources[1].relation; });
    CheckEveryWord<FrozenReason>(P("/resources/1/frozen_reason"),
                                 [](const Workspace& w) { return *w.resources[1].frozen_reason; });
    CheckEveryWord<Provisioning>(P("/resources/0/provisioning"),
                                 [](const Workspace& w) { return w.resources[0].provisioning; });
    CheckEveryWord<RenewalPolicy>(P("/resources/0/renewal_policy"),
                                  [](const Workspace& w) { return w.resources[0].renewal_policy; });
    CheckEveryWord<TermUnit>(P("/resources/0/auto_renew/period"),
                             [](const Workspace& w) { return w.resources[0].auto_renew->period; });
    CheckEveryWord<PeriodKind>(P("/resources/0/periods/0/kind"),
                               [](const Workspace& w) { return w.resources[0].periods[0].kind; });
    CheckEveryWord<OrderType>(P("/orders/0/order_type"), [](const Workspace& w) { return w.orders[0].order_type; });
    CheckEveryWord<OrderStatus>(P("/orders/0/status"), [](const Workspace& w) { return w.orders[0].status; });
    CheckEveryWord<ItemPeriod>(P("/orders/0/items/0/period"),
                               [](const Workspace& w) { return *w.orders[0].items[0].period; });
    CheckEveryWord<OrderType>(P("/orders/0/history/0/type"),
                              [](const Workspace& w) { return w.orders[0].history[0].type; });
    CheckEveryWord<ExportKind>(P("/export_records/0/kind"),
                               [](const Workspace& w) { return w.export_records[0].kind; });
    CheckEveryWord<CouponType>(P("/coupons/0/type"), [](const Workspace& w) { return w.coupons[0].type; });
    // status is last: frozen_reason must go with "frozen"
    Doc doc = test::FullDoc();
    doc["resources"][1].erase("frozen_reason");
    for (std::string_view word : EnumNames<ResourceStatus>::names) {
        doc["resources"][1]["status"] = std::string(word);
        LoadResult r = test::LoadDoc(doc);
        REQUIRE(r.ok);
        CHECK(ToString(r.workspace.resources[1].status) == word);
    }
}

TEST_CASE("load: amounts are exact, from numbers or strings")
{
    const auto cash = [](std::string_view lexeme) {
        std::string text = R"({"format": "quotedesk/1", "account": {"cash_balance": )" + std::string(lexeme) + "}}";
        LoadResult r = LoadWorkspace(text, "t.json");
        return r.ok ? r.workspace.account.cash_balance->fen() : INT64_MIN;
    };
    CHECK(cash("22.2") == 2220);
    CHECK(cash("0.1") == 10);
    CHECK(cash("\"279.41\"") == 27941);
    CHECK(cash("5") == 500);
    CHECK(cash("1.5e2") == 15000);
    CHECK(cash("-3") == -300);                      // a balance in arrears
    CHECK(cash("18446744073709551") == INT64_MIN);  // beyond the largest amount

    Doc doc = test::FullDoc();
    doc["account"]["cash_balance"] = "1.234";
    CHECK(FirstError(doc) == "t.json: /account/cash_balance: expected an amount with at most 2 decimals, got 1.234");
    CHECK(FirstError(R"({"format": "quotedesk/1", "account": {"cash_balance": 1.234}})") ==
          "t.json: /account/cash_balance: expected an amount with at most 2 decimals, got 1.234");
    CHECK(FirstError(R"({"format": "quotedesk/1", "account": {"cash_balance": 99999999999999999999}})") ==
          "t.json: /account/cash_balance: amount too large (at most 9,999,999,999,999.99), got 99999999999999999999");
    doc["account"]["cash_balance"] = true;
    CHECK(FirstError(doc) == "t.json: /account/cash_balance: expected an amount like 279.41, got true");
    doc["account"]["cash_balance"] = "¥1";
    CHECK(FirstError(doc).starts_with("t.json: /account/cash_balance: expected an amount like 279.41, got"));

    doc = test::FullDoc();
    doc["resources"][0]["periods"][0]["paid"]["voucher"] = "-1.00";
    CHECK(FirstError(doc) ==
          "t.json: /resources/0/periods/0/paid/voucher: negative amount: expected 0.00 or more, got \"-1.00\"");
    doc = test::FullDoc();
    doc["orders"][0]["amount_after_discount"] = -5;
    // docs/workspace-format.md "Negative amounts": only unsubscribe and fee_adjustment orders carry them
    CHECK(FirstError(doc) ==
          "t.json: /orders/0/amount_after_discount: negative amount: only unsubscribe and "
          "fee_adjustment orders carry negative amounts, got -5.00");
    doc["orders"][0]["order_type"] = "unsubscribe";
    doc["orders"][0]["official_amount"] = "-5.00";
    doc["orders"][0]["items"] = nlohmann::json::array();
    doc["orders"][0]["history"] = nlohmann::json::array();
    CHECK(FirstError(doc) == "ok");
}

TEST_CASE("load: times in the three accepted forms; bad dates refused")
{
    Doc doc = test::FullDoc();
    for (const char* t : {"2024-04-15T07:58:07Z", "2024-04-15T15:58:07+08:00", "2024/04/15 15:58:07 GMT+08:00"}) {
        doc["as_of"] = t;
        LoadResult r = test::LoadDoc(doc);
        REQUIRE(r.ok);
        CHECK(r.workspace.as_of == At("2024-04-15T07:58:07Z"));
    }
    doc["as_of"] = "2024-02-30T00:00:00+08:00";
    CHECK(FirstError(doc) ==
          "t.json: /as_of: expected a time like 2024-04-15T15:58:07+08:00, got 2024-02-30T00:00:00+08:00 (no such date "
          "2024-02-30)");
    doc["as_of"] = 1700000000;
    CHECK(FirstError(doc) == "t.json: /as_of: expected a time like 2024-04-15T15:58:07+08:00, got 1700000000");
}

TEST_CASE("load: times only within the years every zone can write back")
{
    // 9999-12-31T23:59:59-14:00 would be in the year 10000 in UTC: it could not be saved and read again.
    for (const char* t :
         {"0001-01-02T00:00:00Z", "9999-12-30T23:59:59Z", "0001-01-02T14:00:00+14:00", "9999-12-30T09:59:59-14:00"}) {
        CAPTURE(t);
        Doc doc = test::MinimalDoc();
        doc["as_of"] = t;
        doc["rules"] = {{"zone", "+14:00"}};  // the far end of the zones
        LoadResult r = test::LoadDoc(doc);
        REQUIRE(r.ok);
        LoadResult again = LoadWorkspace(SaveWorkspace(r.workspace), "saved.json");
        REQUIRE(again.ok);
        CHECK(again.workspace == r.workspace);
        doc["rules"] = {{"zone", "-14:00"}};
        r = test::LoadDoc(doc);
        REQUIRE(r.ok);
        CHECK(LoadWorkspace(SaveWorkspace(r.workspace), "saved.json").workspace == r.workspace);
    }
    CHECK(FirstError(R"({"format": "quotedesk/1", "as_of": "9999-12-31T23:59:59-14:00"})") ==
          "t.json: /as_of: expected a time from 0001-01-02 to 9999-12-30 (UTC), got \"9999-12-31T23:59:59-14:00\"");
    CHECK(FirstError(R"({"format": "quotedesk/1", "as_of": "0001-01-01T23:59:59Z"})") ==
          "t.json: /as_of: expected a time from 0001-01-02 to 9999-12-30 (UTC), got \"0001-01-01T23:59:59Z\"");
    CHECK(kEarliestFileInstant == At("0001-01-02T00:00:00Z"));
    CHECK(kLatestFileInstant == At("9999-12-30T23:59:59Z"));
}

TEST_CASE("load: integers, booleans, strings, special members")
{
    Doc doc = test::FullDoc();
    doc["account"]["deduction_days_before"] = 8;
    CHECK(FirstError(doc) == "t.json: /account/deduction_days_before: expected an integer 1..7, got 8");
    doc["account"]["deduction_days_before"] = 7.0;
    CHECK(FirstError(doc) == "t.json: /account/deduction_days_before: expected an integer 1..7, got 7.0");
    doc["account"]["deduction_days_before"] = "7";
    CHECK(FirstError(doc) == "t.json: /account/deduction_days_before: expected an integer 1..7, got \"7\"");

    doc = test::FullDoc();
    doc["export_records"][0]["rows"] = -1;
    CHECK(FirstError(doc) == "t.json: /export_records/0/rows: expected an integer >= 0, got -1");
    doc = test::FullDoc();
    doc["resources"][0]["anchor_day"] = 32;
    CHECK(FirstError(doc) == "t.json: /resources/0/anchor_day: expected an integer 1..31, got 32");
    doc = test::FullDoc();
    doc["resources"][0]["auto_renew"]["times_left"] = 100;
    CHECK(FirstError(doc) == "t.json: /resources/0/auto_renew/times_left: expected an integer 0..99, got 100");
    doc = test::FullDoc();
    doc["resources"][0]["auto_renew"]["period_num"] = 6;  // a year unit allows 1..5
    CHECK(FirstError(doc) == "t.json: /resources/0/auto_renew/period_num: expected 1..5 years, got 6");
    doc = test::FullDoc();
    doc["products"][0]["renew_options"]["months"] = Doc::array({1, 12});
    CHECK(FirstError(doc) == "t.json: /products/0/renew_options/months/1: expected an integer 1..11, got 12");
    doc["products"][0]["renew_options"]["months"] = Doc::array({2, 1});
    CHECK(FirstError(doc) ==
          "t.json: /products/0/renew_options/months: expected distinct durations in increasing order");
    doc["products"][0]["renew_options"]["months"] = Doc::array();
    CHECK(test::LoadDoc(doc).workspace.products[0].renew_options.months.empty());  // only yearly renewals

    doc = test::FullDoc();
    doc["products"][0]["delisted"] = "yes";
    CHECK(FirstError(doc) == "t.json: /products/0/delisted: expected true or false, got \"yes\"");
    doc = test::FullDoc();
    doc["resources"][0]["resource_name"] = 12;
    CHECK(FirstError(doc) == "t.json: /resources/0/resource_name: expected a string, got 12");
    doc = test::FullDoc();
    doc["resources"][0]["resource_name"] = Doc::object();
    CHECK(FirstError(doc) == "t.json: /resources/0/resource_name: expected a string, got an object");

    doc = test::FullDoc();
    doc["account"]["unified_expiry_day"] = "last";
    CHECK(test::LoadDoc(doc).workspace.account.unified_expiry_day == UnifiedExpiryDay::MonthEnd());
    doc["account"]["unified_expiry_day"] = 29;
    CHECK(FirstError(doc) == "t.json: /account/unified_expiry_day: expected a day 1..28 or \"last\", got 29");
    doc["account"]["unified_expiry_day"] = "1";
    CHECK(FirstError(doc) == "t.json: /account/unified_expiry_day: expected a day 1..28 or \"last\", got \"1\"");

    for (const auto& textAndBp :
         {std::pair{"\"0.9\"", 9000}, {"0.85", 8500}, {"1", 10000}, {"\"0.0001\"", 1}, {"1.0000", 10000}}) {
        const char* text = textAndBp.first;  // a plain local: CAPTURE cannot take a structured binding (clang 14)
        const int bp = textAndBp.second;
        CAPTURE(text);
        std::string json =
            R"({"format":"quotedesk/1","coupons":[{"coupon_id":"d","type":"discount","discount_ratio":)" +
            std::string(text) + "}]}";
        LoadResult r = LoadWorkspace(json, "t.json");
        REQUIRE(r.ok);
        CHECK(r.workspace.coupons[0].discount_ratio_bp == bp);
    }
    for (const char* text : {"0", "1.5", "0.12345", "\"0.9x\"", "-0.5", "true", "\".9\""}) {
        CAPTURE(text);
        std::string json =
            R"({"format":"quotedesk/1","coupons":[{"coupon_id":"d","type":"discount","discount_ratio":)" +
            std::string(text) + "}]}";
        CHECK(
            FirstError(json).starts_with("t.json: /coupons/0/discount_ratio: expected a ratio above 0 and at most 1"));
    }
    doc = test::FullDoc();
    doc["coupons"][0]["discount_ratio"] = "0.9";
    CHECK(FirstError(doc) == "t.json: /coupons/0/discount_ratio: only allowed on a discount coupon");
}

// [SECTION] Checks inside one object, required members, types
TEST_CASE("load: checks inside one object")
{
    Doc doc = test::FullDoc();
    doc["resources"][0]["expire_time"] = "2024-04-15T15:58:07+08:00";
    CHECK(FirstError(doc) == "t.json: /resources/0/expire_time: must be after effective_time");
    doc = test::FullDoc();
    doc["resources"][0]["periods"][0]["end"] = "2024-01-01T00:00:00Z";
    CHECK(FirstError(doc) == "t.json: /resources/0/periods/0/end: must be after start");
    doc = test::FullDoc();
    doc["resources"][0]["frozen_reason"] = "arrears";
    CHECK(FirstError(doc) == "t.json: /resources/0/frozen_reason: only allowed when status is frozen");
    doc = test::FullDoc();
    doc["resources"][0]["relation"] = "bound";
    CHECK(FirstError(doc) ==
          "t.json: /resources/0/relation: only allowed on an attached resource (one with a main_resource_id)");
    doc = test::FullDoc();
    doc["orders"][0]["pending_payment_end_time"] = "2024-04-01T00:00:00+08:00";
    CHECK(FirstError(doc) == "t.json: /orders/0/pending_payment_end_time: must not be before create_time");
}

TEST_CASE("load: auto_renew_after_payment only on renewal orders, 1..99 times or unlimited, and it round-trips")
{
    // seed 4.2.1.1 step 7 (自动续费 chosen when renewing) with the count of seed 4.2.2.1 step 6 (1..99 or unlimited)
    Doc doc = test::FullDoc();
    doc["orders"][0]["auto_renew_after_payment"] = {{"period", "month"}, {"period_num", 1}, {"times_left", nullptr}};
    // CS1 is a change order
    CHECK(FirstError(doc) == "t.json: /orders/0/auto_renew_after_payment: only allowed on a renewal order");
    doc = test::FullDoc();
    doc["orders"][1]["auto_renew_after_payment"]["times_left"] = 0;
    CHECK(FirstError(doc) ==
          "t.json: /orders/1/auto_renew_after_payment: times_left must be 1..99 or null (unlimited), got 0");
    doc = test::FullDoc();
    doc["orders"][1]["auto_renew_after_payment"]["times_left"] = 100;
    CHECK(FirstError(doc) ==
          "t.json: /orders/1/auto_renew_after_payment/times_left: expected an integer 0..99, got 100");
    doc = test::FullDoc();
    doc["orders"][1]["auto_renew_after_payment"]["period_num"] = 6;
    CHECK(FirstError(doc) == "t.json: /orders/1/auto_renew_after_payment/period_num: expected 1..5 years, got 6");

    // Lossless: unlimited is written as null, a count as the number, unknown members inside are kept.
    doc = test::FullDoc();
    doc["orders"][1]["auto_renew_after_payment"] = {
        {"period", "month"}, {"period_num", 2}, {"times_left", nullptr}, {"x_note", "a"}};
    LoadResult r = test::LoadDoc(doc);
    REQUIRE(r.ok);
    REQUIRE(r.workspace.orders[1].auto_renew_after_payment.has_value());
    CHECK(r.workspace.orders[1].auto_renew_after_payment->period_num == 2);
    CHECK_FALSE(r.workspace.orders[1].auto_renew_after_payment->times_left.has_value());
    const std::string saved = SaveWorkspace(r.workspace);
    CHECK(Doc::parse(saved)["orders"][1]["auto_renew_after_payment"].dump() ==
          R"({"period":"month","period_num":2,"times_left":null,"x_note":"a"})");
    LoadResult again = LoadWorkspace(saved, "saved.json");
    REQUIRE(again.ok);
    CHECK(again.workspace == r.workspace);
    CHECK(SaveWorkspace(again.workspace) == saved);
}

TEST_CASE("load: a refused value causes no follow-on error in the checks across members")
{
    Doc doc = test::FullDoc();
    doc["resources"][0]["expire_time"] = "2024-02-30T23:59:59+08:00";  // not "must be after effective_time" too
    LoadResult r = test::LoadDoc(doc);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].str() ==
          "t.json: /resources/0/expire_time: expected a time like 2024-04-15T15:58:07+08:00, got "
          "2024-02-30T23:59:59+08:00 (no such date 2024-02-30)");
    doc = test::FullDoc();
    doc["resources"][0]["periods"][0]["start"] = 5;
    r = test::LoadDoc(doc);
    REQUIRE(r.errors.size() == 1);
    CHECK(r.errors[0].str() ==
          "t.json: /resources/0/periods/0/start: expected a time like 2024-04-15T15:58:07+08:00, got 5");
    CHECK(LoadWorkspace(R"({"format": 1})", "t.json").errors.size() == 1);  // not also "missing format"
    doc = test::FullDoc();  // a good value still is checked against the other
    doc["resources"][0]["periods"][0]["start"] = "2026-01-01T00:00:00Z";
    CHECK(FirstError(doc) == "t.json: /resources/0/periods/0/end: must be after start");
}

TEST_CASE("load: required members")
{
    struct Case {
        const char* pointer;
        const char* member;
    };
    for (Case c : {Case{"/products/0", "product_id"},
                   {"/resources/0", "resource_id"},
                   {"/resources/0", "product_id"},
                   {"/resources/0", "effective_time"},
                   {"/resources/0", "expire_time"},
                   {"/resources/0/periods/0", "start"},
                   {"/resources/0/periods/0", "end"},
                   {"/orders/0", "order_id"},
                   {"/orders/0", "order_type"},
                   {"/orders/0", "status"},
                   {"/orders/0", "create_time"},
                   {"/orders/0", "amount_after_discount"},
                   {"/orders/0/history/0", "time"},
                   {"/orders/0/history/0", "type"},
                   {"/orders/0/history/0", "order_id"},
                   {"/coupons/0", "coupon_id"},
                   {"/coupons/0", "type"},
                   {"/export_records/0", "id"},
                   {"/export_records/0", "kind"},
                   {"/export_records/0", "created_time"},
                   {"/account/five_day_quota", "year"}}) {
        CAPTURE(c.pointer);
        CAPTURE(c.member);
        Doc doc = test::FullDoc();
        doc[Doc::json_pointer(c.pointer)].erase(c.member);
        CHECK(FirstError(doc) ==
              std::string("t.json: ") + c.pointer + ": missing required member \"" + c.member + "\"");
    }
    CHECK(FirstError(R"({"products": []})") == "t.json: missing \"format\": expected \"format\": \"quotedesk/1\"");
    CHECK(FirstError(R"({"format": "quotedesk/2"})") ==
          "t.json: /format: unsupported format version \"quotedesk/2\": this version reads \"quotedesk/1\"");
    CHECK(FirstError(R"({"format": 1})") == "t.json: /format: expected \"quotedesk/1\", got 1");
}

TEST_CASE("load: wrong container types")
{
    CHECK(FirstError(R"({"format": "quotedesk/1", "account": []})") ==
          "t.json: /account: expected an object, got an array");
    CHECK(FirstError(R"({"format": "quotedesk/1", "account": "x"})") ==
          "t.json: /account: expected an object, got \"x\"");
    CHECK(FirstError(R"({"format": "quotedesk/1", "account": null})") ==
          "t.json: /account: expected an object, got null");
    CHECK(FirstError(R"({"format": "quotedesk/1", "resources": {}})") ==
          "t.json: /resources: expected an array, got an object");
    CHECK(FirstError(R"({"format": "quotedesk/1", "resources": [1]})") ==
          "t.json: /resources/0: expected an object, got 1");
    CHECK(FirstError(R"({"format": "quotedesk/1", "resources": [[]]})") ==
          "t.json: /resources/0: expected an object, got an array");
    CHECK(FirstError(
              R"({"format": "quotedesk/1", "products": [{"product_id": "p", "renew_options": {"years": [[1]]}}]})") ==
          "t.json: /products/0/renew_options/years/0: expected an integer 1..5, got an array");
    CHECK(FirstError(R"({"format": "quotedesk/1", "rules": []})") ==
          "t.json: /rules: expected an object of rule overrides, got []");
    CHECK(FirstError("[]") == "t.json: expected a JSON object at the top level, got an array");
    CHECK(FirstError("12") == "t.json: expected a JSON object at the top level, got 12");
}

TEST_CASE("load: errors after a wrong value keep their pointers right")
{
    // The skipped array must not shift the index of the elements after it.
    LoadResult r =
        LoadWorkspace(R"({"format": "quotedesk/1", "resources": [[1, {"a": 2}], 5, {"resource_id": 3}]})", "t.json");
    REQUIRE(r.errors.size() == 6);
    CHECK(r.errors[0].str() == "t.json: /resources/0: expected an object, got an array");
    CHECK(r.errors[1].str() == "t.json: /resources/1: expected an object, got 5");
    CHECK(r.errors[2].str() == "t.json: /resources/2/resource_id: expected a string, got 3");
    CHECK(r.errors[3].str() == "t.json: /resources/2: missing required member \"product_id\"");
    CHECK(r.errors[4].str() == "t.json: /resources/2: missing required member \"effective_time\"");
    CHECK(r.errors[5].str() == "t.json: /resources/2: missing required member \"expire_time\"");
    CHECK_FALSE(r.ok);
    CHECK(r.workspace == Workspace{});  // a failed load hands back nothing
}

TEST_CASE("load: duplicate members in one object")
{
    CHECK(
        FirstError(R"({"format": "quotedesk/1", "as_of": "2024-04-15T07:58:07Z", "as_of": "2024-04-15T07:58:07Z"})") ==
        "t.json: /as_of: duplicate member \"as_of\"");
    CHECK(FirstError(R"({"format": "quotedesk/1", "x": 1, "x": {"y": 2}})") == "t.json: /x: duplicate member \"x\"");
}

// [SECTION] Unknown members, broken text, encodings, limits
TEST_CASE("load: unknown members are kept as compact JSON text, in file order, at every level")
{
    const char* text = R"({"format": "quotedesk/1", "z_root": {"b": [1, 1.10, "x\"y"], "a": null}, "a/b~c": 1e5,
    "account": {"x_acc": true, "five_day_quota": {"year": 2025, "x_q": 1}},
    "products": [{"product_id": "p", "x_p": "中", "prices": {"x_pr": 1}, "renew_options": {"x_ro": []}}],
    "resources": [{"resource_id": "r", "product_id": "p", "effective_time": "2024-01-01T00:00:00Z",
      "expire_time": "2024-02-01T00:00:00Z", "x_r": -0, "auto_renew": {"x_a": {}},
      "periods": [{"start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z", "x_pe": false, "paid": {"x_pa": 2}}]}],
    "orders": [{"order_id": "o", "order_type": "new", "status": "completed", "create_time": "2024-01-01T00:00:00Z",
      "amount_after_discount": "1.00", "x_o": [[]], "items": [{"x_i": 3}], "history": [{"time": "2024-01-01T00:00:00Z",
      "type": "new", "order_id": "o", "x_h": 4}]}],
    "coupons": [{"coupon_id": "c", "type": "voucher", "x_c": 5}],
    "export_records": [{"id": "e", "kind": "orders", "created_time": "2024-01-01T00:00:00Z", "x_e": 6}]})";
    LoadResult r = LoadWorkspace(text, "t.json");
    REQUIRE_MESSAGE(r.ok, (r.errors.empty() ? "" : r.errors.front().str()));
    const Workspace& ws = r.workspace;
    using U = UnknownMembers;
    CHECK(ws.extra == U{{"z_root", R"({"b":[1,1.10,"x\"y"],"a":null})"}, {"a/b~c", "1e5"}});
    CHECK(ws.account.extra == U{{"x_acc", "true"}});
    CHECK(ws.account.five_day_quota->extra == U{{"x_q", "1"}});
    CHECK(ws.products[0].extra == U{{"x_p", "\"中\""}});
    CHECK(ws.products[0].prices.extra == U{{"x_pr", "1"}});
    CHECK(ws.products[0].renew_options.extra == U{{"x_ro", "[]"}});
    CHECK(ws.resources[0].extra == U{{"x_r", "0"}});
    CHECK(ws.resources[0].auto_renew->extra == U{{"x_a", "{}"}});
    CHECK(ws.resources[0].periods[0].extra == U{{"x_pe", "false"}});
    CHECK(ws.resources[0].periods[0].paid->extra == U{{"x_pa", "2"}});
    CHECK(ws.orders[0].extra == U{{"x_o", "[[]]"}});
    CHECK(ws.orders[0].items[0].extra == U{{"x_i", "3"}});
    CHECK(ws.orders[0].history[0].extra == U{{"x_h", "4"}});
    CHECK(ws.coupons[0].extra == U{{"x_c", "5"}});
    CHECK(ws.export_records[0].extra == U{{"x_e", "6"}});
}

TEST_CASE("load: broken JSON text gives line and column")
{
    CHECK(FirstError("{\n  \"format\": \"quotedesk/1\",\n  \"as_of\" 2\n}") ==
          "t.json:3:11: syntax error while parsing object separator - unexpected number literal; expected ':'");
    CHECK(FirstError("{\"format\": \"quotedesk/1\"") ==
          "t.json:1:24: syntax error while parsing object - unexpected end of input; expected '}'");
    CHECK(FirstError("{\"format\": \"quotedesk/1\"} x") ==
          "t.json:1:27: syntax error while parsing value - invalid literal; last read: '\"quotedesk/1\"} x'; expected "
          "end of input");
    CHECK(
        FirstError("{\"format\": \"\xff\"}") ==
        "t.json:1:13: syntax error while parsing value - invalid string: ill-formed UTF-8 byte; last read: '\"\\xFF'");
    CHECK(FirstError("{\"format\": \"quotedesk/1\", \"as_of\": 1e400}") ==
          "t.json:1:40: number overflow parsing '1e400'");
    CHECK(FirstError("") == "t.json: empty file: expected a JSON object");
    CHECK(FirstError(" \n\t ") == "t.json: empty file: expected a JSON object");
    CHECK(FirstError("\xEF\xBB\xBF{\"format\": \"quotedesk/1\"}") == "ok");  // a UTF-8 byte order mark is fine
}

TEST_CASE("load: what is refused before parsing: NUL bytes and UTF-16 text")
{
    // nlohmann's parser stops at a NUL byte as if the input ended there: without this check the
    // garbage after it would be ignored and the file would load.
    CHECK(FirstError(std::string("{\"format\": \"quotedesk/1\"}\0garbage", 33)) ==
          "t.json:1:26: unexpected NUL byte: JSON text cannot contain one (inside a string write \\u0000)");
    CHECK(FirstError(std::string("{\"format\": \"quotedesk/1\",\n \"as_of\": \"a\0b\"}", 42)) ==
          "t.json:2:13: unexpected NUL byte: JSON text cannot contain one (inside a string write \\u0000)");
    CHECK(FirstError(R"({"format": "quotedesk/1", "account": {"name": "a\u0000b"}})") == "ok");  // escaped, it is fine
    const std::string utf16("{\0\"\0f\0\"\0:\0", 10);  // {"f": in UTF-16 LE, no byte order mark
    CHECK(FirstError(utf16) == "t.json:1:2: unexpected NUL byte: the file looks like UTF-16 text; save it as UTF-8");
    CHECK(
        FirstError("\xFF\xFE{\0}\0") ==
        "t.json: the file is UTF-16 text (it starts with a UTF-16 byte order mark): expected UTF-8; save it as UTF-8");
    CHECK(
        FirstError("\xFE\xFF\0{\0}") ==
        "t.json: the file is UTF-16 text (it starts with a UTF-16 byte order mark): expected UTF-8; save it as UTF-8");
    CHECK_FALSE(CheckFileText(R"({"format": "quotedesk/1"})", "t.json"));
}

TEST_CASE("load: a UTF-8 byte order mark is accepted at the start and not counted in columns")
{
    CHECK(FirstError("\xEF\xBB\xBF{\"format\": \"quotedesk/1\"}") == "ok");
    // Column 11 is the string after "format" with or without the mark (which an editor does not show).
    CHECK(FirstError("{\"format\" \"quotedesk/1\"}") ==
          "t.json:1:23: syntax error while parsing object separator - unexpected string literal; expected ':'");
    CHECK(FirstError("\xEF\xBB\xBF{\"format\" \"quotedesk/1\"}") ==
          "t.json:1:23: syntax error while parsing object separator - unexpected string literal; expected ':'");
    // Anywhere else it is a stray character.
    CHECK(FirstError("{\"format\": \"quotedesk/1\", \xEF\xBB\xBF\"x\": 1}") ==
          "t.json:1:27: syntax error while parsing object key - invalid literal; last read: '\"quotedesk/1\", \\xEF'; "
          "expected string literal");
}

TEST_CASE("load: messages are one line of valid UTF-8 whatever the input quotes")
{
    // A control character in a value would otherwise split the CLI's one-line-per-error output.
    CHECK(FirstError(R"({"format": "quotedesk/1", "as_of": "2025-01-14T10:00:00+08:00\n"})") ==
          "t.json: /as_of: expected a time like 2024-04-15T15:58:07+08:00, got 2025-01-14T10:00:00+08:00\\n "
          "(unexpected text after the offset)");
    CHECK(FirstError(R"({"format": "quotedesk/1", "account": {"cash_balance": "1\t2"}})") ==
          "t.json: /account/cash_balance: expected an amount like 279.41, got 1\\t2");
    CHECK(OneLine("a\x01"
                  "b\x7f") == "a\\u0001b\\u007f");
    CHECK(OneLine("南京\r\n") == "南京\\r\\n");
    // Ill-formed UTF-8 is shown byte by byte: overlong, surrogate, truncated, above U+10FFFF, stray.
    CHECK(OneLine("\xC0\xAF|\xED\xA0\x80|\xE5\x8D|\xF4\x90\x80\x80|\x80") ==
          "\\xC0\\xAF|\\xED\\xA0\\x80|\\xE5\\x8D|\\xF4\\x90\\x80\\x80|\\x80");
    CHECK(OneLine("\xF0\x9F\x98\x80 \xE4\xB8\xAD") == "\xF0\x9F\x98\x80 \xE4\xB8\xAD");  // 😀 中 pass through
    CHECK(JsonParserMessage("[json.exception.out_of_range.406] number overflow parsing '1e400'") ==
          "number overflow parsing '1e400'");
}

TEST_CASE("load: duplicate members inside kept values and rules, with their pointers")
{
    // rules: the DOM that reads them would keep only the last value, silently.
    CHECK(FirstError(R"({"format": "quotedesk/1", "rules": {"zone": "+08:00", "zone": "+09:00"}})") ==
          "t.json: /rules/zone: duplicate member \"zone\"");
    CHECK(FirstError(R"({"format": "quotedesk/1", "rules": {"fee_table": {"month": [10], "month": [5]}}})") ==
          "t.json: /rules/fee_table/month: duplicate member \"month\"");
    CHECK(FirstError(R"({"format": "quotedesk/1", "x": [1, {"a": [{"b": 1, "c": 2, "b": 3}]}]})") ==
          "t.json: /x/1/a/0/b: duplicate member \"b\"");
    CHECK(FirstError(R"({"format": "quotedesk/1", "resources": [{"x": {"a/b": 1, "a/b": 2}}]})") ==
          "t.json: /resources/0/x/a~1b: duplicate member \"a/b\"");
    // The same key in sibling objects is no duplicate, and the values are kept as they were.
    LoadResult r =
        LoadWorkspace(R"({"format": "quotedesk/1", "x": [{"a": 1}, {"a": 2}], "y": {"a": {"a": 3}}})", "t.json");
    REQUIRE(r.ok);
    CHECK(r.workspace.extra == UnknownMembers{{"x", R"([{"a":1},{"a":2}])"}, {"y", R"({"a":{"a":3}})"}});
}

TEST_CASE("check: ids must not be empty")
{
    Doc doc = test::FullDoc();
    doc["resources"][1]["resource_id"] = "";
    CHECK(FirstError(doc) == "t.json: /resources/1/resource_id: expected a non-empty resource_id, got \"\"");
    doc = test::FullDoc();
    doc["products"][0]["product_id"] = "";
    CHECK(FirstError(doc) == "t.json: /products/0/product_id: expected a non-empty product_id, got \"\"");
    doc = test::FullDoc();
    doc["orders"][2]["order_id"] = "";
    CHECK(FirstError(doc) == "t.json: /orders/2/order_id: expected a non-empty order_id, got \"\"");
    doc = test::FullDoc();
    doc["coupons"][0]["coupon_id"] = "";
    CHECK(FirstError(doc) == "t.json: /coupons/0/coupon_id: expected a non-empty coupon_id, got \"\"");
    doc = test::FullDoc();
    doc["export_records"][0]["id"] = "";
    CHECK(FirstError(doc) == "t.json: /export_records/0/id: expected a non-empty id, got \"\"");
}

TEST_CASE("load: nesting, error count and size limits")
{
    std::string deep = R"({"format": "quotedesk/1", "x": )" + std::string(200, '[') + std::string(200, ']') + "}";
    CHECK(FirstError(deep) == "t.json: /x: nesting deeper than 64 levels");
    std::string ok = R"({"format": "quotedesk/1", "x": )" + std::string(62, '[') + std::string(62, ']') + "}";
    CHECK(FirstError(ok) == "ok");

    std::string many = R"({"format": "quotedesk/1", "resources": [)";
    for (int i = 0; i < 80; ++i) many += std::string(i ? "," : "") + "1";
    LoadResult r = LoadWorkspace(many + "]}", "t.json");
    REQUIRE(r.errors.size() == kMaxLoadErrors + 1);
    CHECK(r.errors[49].str() == "t.json: /resources/49: expected an object, got 1");
    CHECK(r.errors[50].str() == "t.json: too many errors; stopped reading after 50");

#ifndef __EMSCRIPTEN__  // 256 MiB of text is too much for the tests' wasm heap
    std::string huge(kMaxFileBytes + 1, ' ');
    CHECK(FirstError(huge) == "t.json: file too large: 268435457 bytes; the limit is 256 MiB");
#endif
}

// [SECTION] Round trip and rule overrides
// Lossless round trip (docs/architecture.md §5 "export then import is lossless"; save.h): a generated
// 10,000-resource workspace with unknown members at several levels loads, saves, loads back equal,
// and saving again gives the same bytes.
TEST_CASE("save: a generated 10,000-resource workspace round-trips, unknown members included")
{
    GeneratorOptions options;
    options.resources = 10000;
    options.seed = 2024;
    std::string text = GenerateWorkspace(options);
    const auto insertAfter = [&text](std::string_view anchor, std::string_view insert) {
        const std::size_t at = text.find(anchor);
        REQUIRE(at != std::string::npos);
        text.insert(at + anchor.size(), insert);
    };
    // Members a newer version might write: at the root, in the account, in the first resource, its
    // auto_renew settings and first period's paid breakdown, in the first order and its first item.
    insertAfter("{", R"("x_root": {"b": [1, 1.10, "x\"y", null], "a": {}},)");
    insertAfter(R"("account": {)", R"("x_account": -0.5e3,)");
    insertAfter(R"("resources": [)"
                "\n    {",
                R"("x_tags": ["生产", "鑫曌"],)");
    insertAfter(R"("auto_renew":{)", R"("x_next": "2026-07-09T03:00:00+08:00",)");
    insertAfter(R"("paid":{)", R"("x_points": 12,)");
    insertAfter(R"("orders": [)"
                "\n    {",
                R"("x_channel": {"id": 7},)");
    insertAfter(R"("items":[{)", R"("x_sku": true,)");

    const LoadResult first = LoadWorkspace(text, "gen.json");
    REQUIRE_MESSAGE(first.ok, (first.errors.empty() ? "" : first.errors.front().str()));
    const Workspace& ws = first.workspace;
    REQUIRE(ws.resources.size() == 10000);
    CHECK(ws.extra == UnknownMembers{{"x_root", R"({"b":[1,1.10,"x\"y",null],"a":{}})"}});
    CHECK(ws.account.extra == UnknownMembers{{"x_account", "-0.5e3"}});
    CHECK(ws.resources[0].extra == UnknownMembers{{"x_tags", R"(["生产","鑫曌"])"}});
    const auto firstWith = [&](auto has) { return std::find_if(ws.resources.begin(), ws.resources.end(), has); };
    const auto autoRenewed = firstWith([](const Resource& r) { return r.auto_renew.has_value(); });
    REQUIRE(autoRenewed != ws.resources.end());
    CHECK(autoRenewed->auto_renew->extra == UnknownMembers{{"x_next", R"("2026-07-09T03:00:00+08:00")"}});
    const auto paid = firstWith([](const Resource& r) { return !r.periods.empty() && r.periods[0].paid; });
    REQUIRE(paid != ws.resources.end());
    CHECK(paid->periods[0].paid->extra == UnknownMembers{{"x_points", "12"}});
    CHECK(ws.orders[0].extra == UnknownMembers{{"x_channel", R"({"id":7})"}});
    const auto withItems =
        std::find_if(ws.orders.begin(), ws.orders.end(), [](const Order& o) { return !o.items.empty(); });
    REQUIRE(withItems != ws.orders.end());
    CHECK(withItems->items[0].extra == UnknownMembers{{"x_sku", "true"}});

    const std::string saved = SaveWorkspace(ws);
    const LoadResult second = LoadWorkspace(saved, "saved.json");
    REQUIRE_MESSAGE(second.ok, (second.errors.empty() ? "" : second.errors.front().str()));
    CHECK(second.workspace == ws);  // every field, every unknown member, in order
    CHECK(SaveWorkspace(second.workspace) == saved);
    // The comparison can fail: one fen or one unknown member less is a different workspace.
    Workspace changed = second.workspace;
    changed.resources[9999].extra.emplace_back("x", "1");
    CHECK_FALSE(changed == ws);
}

TEST_CASE("load: rules overrides are applied and checked")
{
    CHECK(FirstError(R"({"format": "quotedesk/1", "rules": {"grace_day": 3}})") ==
          "t.json: /rules/grace_day: unknown rule key \"grace_day\"");
    CHECK(FirstError(R"({"format": "quotedesk/1", "rules": {"grace_days": "3"}})") ==
          "t.json: /rules/grace_days: expected an integer 0..365, got \"3\"");
    LoadResult r = LoadWorkspace(
        R"({"format": "quotedesk/1", "rules": {"zone": "+00:00", "fee_table": {"month": [5]}}})", "t.json");
    REQUIRE(r.ok);
    CHECK(r.workspace.rules.zone == ZoneOffset::UTC());
    CHECK(r.workspace.rules.fee_table == std::vector<FeeRow>{{1, {5}}});
}

// [SECTION] Checks across objects
TEST_CASE("check: duplicate ids of each kind")
{
    Doc doc = test::FullDoc();
    doc["products"][1]["product_id"] = "p-ecs";
    CHECK(FirstError(doc) == "t.json: /products/1/product_id: duplicate product_id \"p-ecs\" (first at /products/0)");
    doc = test::FullDoc();
    doc["resources"][1]["resource_id"] = "ecs-1";
    doc["resources"][1].erase("main_resource_id");
    doc["resources"][1].erase("relation");
    doc["resources"][1].erase("added_after_renewal");  // attached resources only
    CHECK(FirstError(doc) ==
          "t.json: /resources/1/resource_id: duplicate resource_id \"ecs-1\" (first at /resources/0)");
    doc = test::FullDoc();
    doc["orders"][2]["order_id"] = "CS1";
    CHECK(FirstError(doc) == "t.json: /orders/2/order_id: duplicate order_id \"CS1\" (first at /orders/0)");
    doc = test::FullDoc();
    doc["coupons"][1]["coupon_id"] = "v-1";
    CHECK(FirstError(doc) == "t.json: /coupons/1/coupon_id: duplicate coupon_id \"v-1\" (first at /coupons/0)");
    doc = test::FullDoc();
    doc["export_records"].push_back(doc["export_records"][0]);
    CHECK(FirstError(doc) == "t.json: /export_records/1/id: duplicate id \"e-1\" (first at /export_records/0)");
}

TEST_CASE("check: references")
{
    Doc doc = test::FullDoc();
    doc["resources"][0]["product_id"] = "p-x";
    CHECK(FirstError(doc) == "t.json: /resources/0/product_id: unknown product_id \"p-x\"");

    doc = test::FullDoc();
    doc["resources"][1]["main_resource_id"] = "ecs-9";
    CHECK(FirstError(doc) == "t.json: /resources/1/main_resource_id: unknown main_resource_id \"ecs-9\"");
    doc["resources"][1]["main_resource_id"] = "vol-1";
    CHECK(FirstError(doc) == "t.json: /resources/1/main_resource_id: a resource cannot be its own main resource");
    doc = test::FullDoc();  // a cycle ecs-1 <-> vol-1 is refused as "not a main"
    doc["resources"][0]["main_resource_id"] = "vol-1";
    doc["resources"][0].erase("renew_rates");  // main resources only
    CHECK(FirstError(doc) ==
          "t.json: /resources/0/main_resource_id: resource \"vol-1\" is not a main resource (it is attached to "
          "\"ecs-1\")");

    doc = test::FullDoc();
    doc["orders"][1]["combined_order_id"] = "CS404";
    CHECK(FirstError(doc) == "t.json: /orders/1/combined_order_id: unknown combined_order_id \"CS404\"");
    doc["orders"][1]["combined_order_id"] = "CS2";
    CHECK(FirstError(doc) == "t.json: /orders/1/combined_order_id: an order cannot be its own combined order");
    doc = test::FullDoc();
    doc["orders"][2]["combined_order_id"] = "CS1";
    CHECK(FirstError(doc) ==
          "t.json: /orders/1/combined_order_id: order \"CS3\" is not a combined trade order (it belongs to \"CS1\")");

    doc = test::FullDoc();
    doc["orders"][0]["items"][0]["product_id"] = "p-x";
    CHECK(FirstError(doc) == "t.json: /orders/0/items/0/product_id: unknown product_id \"p-x\"");

    // Item resources: an open renewal must name a resource of the workspace...
    doc = test::FullDoc();
    doc["orders"][1]["items"][0]["resource_id"] = "vol-gone";
    CHECK(FirstError(doc) ==
          "t.json: /orders/1/items/0/resource_id: unknown resource_id \"vol-gone\" (an open renewal order must name a "
          "resource of this workspace)");
    // ...history may name released resources, and a pending purchase one not created yet.
    doc["orders"][1]["status"] = "completed";
    CHECK(FirstError(doc) == "ok");
    doc["orders"][1]["status"] = "pending_payment";
    doc["orders"][1]["order_type"] = "new";
    doc["orders"][1].erase("auto_renew_after_payment");  // renewal orders only
    CHECK(FirstError(doc) == "ok");
    // Periods' and history entries' order ids need not resolve (old orders fall outside an export).
    doc = test::FullDoc();
    doc["resources"][0]["periods"][0]["order_id"] = "CS-old";
    doc["orders"][0]["history"][0]["order_id"] = "CS-later";
    CHECK(FirstError(doc) == "ok");
}

// [SECTION] Workspace index
TEST_CASE("workspace: index, lookups and summary")
{
    LoadResult r = LoadWorkspace(test::kFullWorkspace, "full.json");
    REQUIRE(r.ok);
    Workspace& ws = r.workspace;
    REQUIRE(ws.findResource("vol-1"));
    CHECK(ws.findResource("vol-1")->resource_name == "data-disk");
    CHECK(ws.findProduct("p-evs-40") == &ws.products[1]);
    CHECK(ws.findOrder("CS3") == &ws.orders[2]);
    CHECK(ws.findCoupon("d-1") == &ws.coupons[1]);
    CHECK(ws.findResource("nope") == nullptr);
    REQUIRE(ws.attachedTo("ecs-1").size() == 1);
    CHECK(ws.attachedTo("ecs-1")[0]->resource_id == "vol-1");
    CHECK(ws.attachedTo("vol-1").empty());

    ws.orders.erase(ws.orders.begin());  // an edit that moves entries, then Reindex
    ws.Reindex();
    CHECK(ws.findOrder("CS1") == nullptr);
    CHECK(ws.findOrder("CS3") == &ws.orders[1]);

    CHECK(
        SummaryJson(r.workspace) ==
        R"({"format":"quotedesk/1","as_of":"2025-01-14T10:00:00+08:00","account":{"name":"南京test","cash_balance":"-12.50"},)"
        R"("products":2,"resources":2,"orders":3,"orders_by_status":{"pending_payment":2,"pending_review":0,"refunding":0,)"
        R"("processing":0,"completed":1,"cancelled":0,"pending_confirmation":0},"resources_by_status":{"in_use":0,"expired":1,)"
        R"("frozen":1,"closed":0},"coupons":2,"export_records":1})");
    CHECK(
        SummaryJson(Workspace{}) ==
        R"({"format":"quotedesk/1","as_of":null,"account":{"name":"","cash_balance":null},"products":0,"resources":0,"orders":0,)"
        R"("orders_by_status":{"pending_payment":0,"pending_review":0,"refunding":0,"processing":0,"completed":0,"cancelled":0,)"
        R"("pending_confirmation":0},"resources_by_status":{"in_use":0,"expired":0,"frozen":0,"closed":0},"coupons":0,"export_records":0})");
}

// [SECTION] Several files: workspaces and Huawei responses
TEST_CASE("load files: detection and merging rules")
{
    CHECK(DetectInputKind(R"({"format": "quotedesk/1", "data": []})") == InputKind::Workspace);
    CHECK(DetectInputKind(R"({"total_count": 1, "order_infos": []})") == InputKind::HuaweiOrders);
    CHECK(DetectInputKind(R"({"total_count": 1, "order_line_items": [], "order_info": {}})") ==
          InputKind::HuaweiOrderDetails);
    CHECK(DetectInputKind(R"({"order_info": {"data": 1}})") == InputKind::HuaweiOrderDetails);
    CHECK(DetectInputKind(R"({"nested": {"order_infos": []}, "data": []})") == InputKind::HuaweiResources);
    CHECK(DetectInputKind(R"({"renew_inquiry_results": []})") == InputKind::HuaweiRenewPrices);
    CHECK(DetectInputKind(R"({"products": []})") == InputKind::Workspace);
    CHECK(DetectInputKind("[1]") == InputKind::Workspace);
    CHECK(DetectInputKind("{") == InputKind::Workspace);

    LoadResult one = LoadFiles({{"a.json", test::kFullWorkspace}});
    REQUIRE(one.ok);
    CHECK(one.workspace == LoadWorkspace(test::kFullWorkspace, "a.json").workspace);

    LoadResult two = LoadFiles({{"a.json", test::kFullWorkspace}, {"b.json", R"({"format": "quotedesk/1"})"}});
    REQUIRE_FALSE(two.ok);
    CHECK(two.errors.front().str() ==
          "b.json: only one quotedesk/1 workspace can be opened at a time (already opening a.json)");

    LoadResult none = LoadFiles({});
    REQUIRE_FALSE(none.ok);
    CHECK(none.errors.front().str() == "no file given");

    LoadResult bad = LoadFiles({{"a.json", "[]"}, {"b.json", ""}});
    REQUIRE_FALSE(bad.ok);
    CHECK(bad.errors.front().str() == "b.json: empty file: expected a JSON object");  // checked before reading anything

    LoadResult broken = LoadFiles({{"a.json", "{\"format\": \"quotedesk/1\", \"as_of\": 5}"}});
    REQUIRE_FALSE(broken.ok);
    CHECK(broken.errors.front().str() == "a.json: /as_of: expected a time like 2024-04-15T15:58:07+08:00, got 5");
}

TEST_CASE("load files: Huawei responses are merged into the workspace, then checked")
{
    // A ListPayPerUseCustomerResources response alone: its products come from the resources.
    const char* resources =
        R"({"total_count": 1, "data": [{"id": "i-1", "resource_id": "vol-h", "resource_name": "disk",
      "region_code": "cn-north-4", "service_type_code": "hws.service.type.ebs", "resource_type_code": "hws.resource.type.volume",
      "product_id": "p-h", "is_main_resource": 1, "status": 2, "effective_time": "2024-04-15T07:58:07Z",
      "expire_time": "2024-05-15T15:59:59Z", "expire_policy": 3}]})";
    LoadResult r = LoadFiles({{"ws.json", test::kFullWorkspace}, {"res.json", resources}});
    REQUIRE_MESSAGE(r.ok, (r.errors.empty() ? "" : r.errors.front().str()));
    REQUIRE(r.workspace.findResource("vol-h"));
    CHECK(r.workspace.findResource("vol-h")->renewal_policy == RenewalPolicy::Auto);
    CHECK(r.workspace.findResource("ecs-1"));  // the base workspace is still there

    // Errors found after merging point into the merged workspace: they say so and name the object.
    std::string dangling = resources;
    dangling.replace(dangling.find("\"is_main_resource\": 1"), 21,
                     "\"is_main_resource\": 0, \"parent_resource_id\": \"ecs-9\"");
    LoadResult bad = LoadFiles({{"res.json", dangling}});
    REQUIRE_FALSE(bad.ok);
    CHECK(bad.errors.front().str() ==
          "(merged workspace): /resources/0/main_resource_id: unknown main_resource_id \"ecs-9\" (resource \"vol-h\")");
    bad = LoadFiles({{"ws.json", test::kFullWorkspace}, {"res.json", dangling}});
    REQUIRE_FALSE(bad.ok);
    CHECK(bad.errors.front().str() ==
          "(merged workspace): /resources/2/main_resource_id: unknown main_resource_id \"ecs-9\" (resource \"vol-h\")");
}

TEST_CASE("load files: Huawei responses get the same text checks as workspaces")
{
    const auto first = [](std::string_view text) {
        LoadResult r = LoadFiles({{"raw.json", std::string(text)}});
        if (r.ok && !r.warnings.empty()) return "warning: " + r.warnings.front().str();  // a record skipped
        return r.ok ? std::string("ok") : r.errors.front().str();
    };
    CHECK(first(R"({"total_count": 1, "data": [], "total_count": 2})") ==
          "raw.json: /total_count: duplicate member \"total_count\"");
    CHECK(first(R"({"data": [{"a": 1, "b": {"c": [1, {"d": 1, "d": 2}]}}]})") ==
          "raw.json: /data/0/b/c/1/d: duplicate member \"d\"");
    CHECK(first(R"({"data": )" + std::string(10000, '[') + std::string(10000, ']') + "}") ==
          "raw.json: /data: nesting deeper than 64 levels");
    CHECK(first(R"({"data": )" + std::string(62, '[') + std::string(62, ']') + "}") ==
          "warning: raw.json: /data/0: expected an object, got an array; resource skipped");
    CHECK(first(std::string("{\"data\": []}\0x", 15)) ==
          "raw.json:1:13: unexpected NUL byte: JSON text cannot contain one (inside a string write \\u0000)");
    CHECK(first("{\"data\": [\n  {\"resource_id\": \"r\",\n") ==
          "raw.json:3:1: syntax error while parsing object key - unexpected end of input; expected string literal");
    CHECK(first("{\"data\": [1e400]}") == "raw.json:1:15: number overflow parsing '1e400'");
    CHECK(
        first(
            R"({"data": [{"resource_id": "r", "product_id": "p", "status": 2, "effective_time": 1, "expire_time": "2025-01-01T00:00:00Z"}]})") ==
        "warning: raw.json: /data/0/effective_time: expected a time like 2024-04-15T07:58:07Z, got 1; resource r "
        "skipped");
    CHECK(
        first(
            R"({"data": [{"resource_id": "r", "product_id": "p", "status": 2, "effective_time": "2024-01-01T00:00:00Z", "expire_time": "9999-12-31T20:00:00Z"}]})") ==
        "warning: raw.json: /data/0/expire_time: expected a time from 0001-01-02 to 9999-12-30 (UTC), got "
        "9999-12-31T20:00:00Z; resource r skipped");
    // What a quotedesk/1 file may not hold, an import may not produce: the merged workspace must save and load.
    CHECK(
        first(R"({"order_info": {"order_id": "CS1", "order_type": 1, "status": 6, "create_time": "2025-01-14T01:12:36Z",
                  "amount_after_discount": 1, "pending_payment_end_time": "2025-01-01T00:00:00Z"}, "order_line_items": []})") ==
        "warning: raw.json: /order_info/pending_payment_end_time: must not be before create_time; order CS1 skipped "
        "with its lines");
}

// docs/architecture.md §5 "A file too big for the page": an open needs 4 bytes per byte of files.
TEST_CASE("CheckOpenMemory: 4 bytes per byte of files against what the heap can still give")
{
    const uint64_t MiB = uint64_t{1} << 20;
    OpenMemoryCheck c = CheckOpenMemory(100 * MiB, 300 * MiB, 2048 * MiB);  // 100 MiB file, 300 in use, 2 GiB
    CHECK(c.needed == 400 * MiB);
    CHECK(c.available == 1748 * MiB);
    CHECK(c.fits);
    c = CheckOpenMemory(500 * MiB, 300 * MiB, 2048 * MiB);  // 2000 MiB needed, 1748 available
    CHECK(c.needed == 2000 * MiB);
    CHECK_FALSE(c.fits);
    CHECK(CheckOpenMemory(437 * MiB, 300 * MiB, 2048 * MiB).fits);  // 1748 needed: exactly what is left
    CHECK_FALSE(CheckOpenMemory(437 * MiB + 1, 300 * MiB, 2048 * MiB).fits);
    c = CheckOpenMemory(1, 3000 * MiB, 2048 * MiB);  // more in use than the ceiling (a lowered limit)
    CHECK(c.available == 0);
    CHECK_FALSE(c.fits);
    CHECK(CheckOpenMemory(0, 10, 10).fits);                  // nothing to read fits even a full heap
    c = CheckOpenMemory(UINT64_MAX / 2, 0, UINT64_MAX - 1);  // no wrap-around into a small need
    CHECK(c.needed == UINT64_MAX);
    CHECK_FALSE(c.fits);
}

}  // namespace
}  // namespace qd
