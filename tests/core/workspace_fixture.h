// workspace_fixture.h: a quotedesk/1 document that sets every member of the format to a value other
// than its default (so a member that is read into the wrong field, or not read, shows), and helpers
// to load variations of it. Shared by test_load.cpp and test_save.cpp.
#pragma once

#include <concepts>
#include <string>

#include <nlohmann/json.hpp>

#include "core/io/load.h"
#include "load_paths.h"

namespace qd::test {

inline constexpr const char* kFullWorkspace = R"({
  "format": "quotedesk/1",
  "as_of": "2025-01-14T10:00:00+08:00",
  "account": {"customer_id": "c-1", "name": "南京test", "currency": "USD", "cash_balance": "-12.50",
              "five_day_quota": {"year": 2025, "limit": 8, "used": 2},
              "deduction_days_before": 5, "unified_expiry_day": 15, "frozen_reason": "violation"},
  "rules": {"grace_days": 30, "rounding": "truncate"},
  "products": [
    {"product_id": "p-ecs", "service_type_code": "hws.service.type.ec2", "service_type_name": "弹性云服务器",
     "resource_type_code": "hws.resource.type.vm", "spec_desc": "s6.large.2 | 2vCPUs | 4GiB", "region_code": "cn-north-4",
     "prices": {"month": "191.40", "year": 1952.28}, "renew_options": {"months": [1, 2, 3], "years": [1]},
     "kind": "marketplace", "delisted": true, "five_day_refund": false, "unsubscribable": false, "to_on_demand": false,
     "periods_unsubscribable": false},
    {"product_id": "p-evs-40", "kind": "resource_package"}
  ],
  "resources": [
    {"resource_id": "ecs-1", "resource_name": "web", "product_id": "p-ecs", "region_code": "cn-north-4",
     "main_resource_id": null, "status": "expired", "provisioning": "failed",
     "effective_time": "2024-04-15T15:58:07+08:00", "expire_time": "2025-04-15T23:59:59+08:00", "anchor_day": 31,
     "renewal_policy": "auto", "auto_renew": {"period": "year", "period_num": 2, "times_left": 3},
     "periods": [
       {"order_id": "CS1", "kind": "renewal", "start": "2024-04-15T15:58:07+08:00", "end": "2025-04-15T23:59:59+08:00",
        "list_amount": "1952.28",
        "paid": {"cash": "1800.00", "voucher": "100.00", "flexi_coupon": "30.00", "stored_card": "22.28", "discount_coupon": "5.00",
                 "voucher_expire_time": "2025-12-31T23:59:59+08:00"},
        "no_five_day_refund": true, "invoiced": true, "promotion": true, "changed_before_effective": true}],
     "enterprise_project": {"id": "ep-1", "name": "财务处"},
     "renew_rates": [{"period": "month", "period_num": 1, "amount": "219.40"},
                     {"period": "year", "period_num": 1, "error_code": "CBC.99003154", "error_msg": "too long"}],
     "bandwidth_addon": true, "special_unsubscribe": true},
    {"resource_id": "vol-1", "resource_name": "data-disk", "product_id": "p-evs-40", "main_resource_id": "ecs-1",
     "relation": "mounted", "status": "frozen", "frozen_reason": "police",
     "effective_time": "2024-04-15T07:58:07Z", "expire_time": "2024/05/15 23:59:59 GMT+08:00",
     "renewal_policy": "no_renew", "periods": [], "added_after_renewal": true}
  ],
  "orders": [
    {"order_id": "CS1", "order_type": "change", "status": "processing", "create_time": "2024-04-15T15:50:00+08:00",
     "payment_time": "2024-04-15T15:58:07+08:00", "pending_payment_end_time": "2024-04-22T15:50:00+08:00",
     "combined_order_id": null, "official_amount": "1952.28", "amount_after_discount": "1900.00",
     "currency": "USD", "service_type_name": "弹性云服务器", "created_by": "admin",
     "items": [{"resource_id": "ecs-1", "product_id": "p-ecs", "period": "year", "period_num": 1, "amount": "1952.28",
                "effective_time": "2024-04-15T15:58:07+08:00", "expire_time": "2025-04-15T23:59:59+08:00",
                "subscription_num": 2,
                "paid": {"cash": "1800.00", "voucher": "100.00", "flexi_coupon": "0.00", "stored_card": "0.00", "discount_coupon": "0.00"}}],
     "history": [{"time": "2024-05-01T10:00:00+08:00", "type": "renewal", "order_id": "CS9"}],
     "paid": {"cash": "1800.00", "voucher": "100.00", "flexi_coupon": "0.00", "stored_card": "0.00", "discount_coupon": "0.00"},
     "discounts": [{"type": "700", "amount": "52.28"}], "contract_id": "HT-1",
     "enterprise_projects": [{"id": "ep-1", "name": "财务处"}]},
    {"order_id": "CS2", "order_type": "renewal", "status": "pending_payment", "create_time": "2024-05-01T10:00:00+08:00",
     "combined_order_id": "CS3", "amount_after_discount": 22.2,
     "auto_renew_after_payment": {"period": "year", "period_num": 3, "times_left": 6},
     "items": [{"resource_id": "vol-1", "period": "month", "period_num": 1, "amount": "22.20"}]},
    {"order_id": "CS3", "order_type": "renewal", "status": "pending_payment", "create_time": "2024-05-01T10:00:00+08:00",
     "amount_after_discount": "22.20"},
    {"order_id": "CS4", "order_type": "unsubscribe", "status": "completed", "create_time": "2024-06-01T10:00:00+08:00",
     "official_amount": "-90.00", "amount_after_discount": "-90.00", "fee": "10.00", "consumed": "0.00",
     "items": [{"resource_id": "vol-1", "amount": "-90.00", "fee": "10.00", "consumed": "0.00",
                "paid": {"cash": "-90.00", "voucher": "0.00", "flexi_coupon": "0.00", "stored_card": "0.00", "discount_coupon": "0.00"}}]}
  ],
  "coupons": [
    {"coupon_id": "v-1", "type": "flexi", "balance": "20.00", "expire_time": "2025-12-31T23:59:59+08:00"},
    {"coupon_id": "d-1", "type": "discount", "discount_ratio": "0.875"}
  ],
  "export_records": [
    {"id": "e-1", "kind": "renewal_prices", "created_time": "2025-01-13T09:00:00+08:00", "file_name": "prices.csv", "rows": 12}
  ]
})";

using Doc = nlohmann::ordered_json;

inline Doc FullDoc() { return Doc::parse(kFullWorkspace); }
inline Doc MinimalDoc() { return Doc{{"format", "quotedesk/1"}}; }

inline LoadResult LoadDoc(const Doc& doc) { return LoadBothPaths(doc.dump(), "t.json"); }  // both paths agree

// The first error as printed ("t.json: /pointer: message"), or "ok".
inline std::string FirstError(std::string_view text)
{
    LoadResult r = LoadBothPaths(text, "t.json");  // both paths agree
    return r.ok ? "ok" : r.errors.front().str();
}
template <class D>
requires std::same_as<D, Doc>  // not for strings, which convert to Doc too
    std::string FirstError(const D& doc)
{
    return FirstError(doc.dump());
}

inline Instant At(std::string_view text) { return ParseInstant(text).value; }
inline Money Yuan(std::string_view text) { return ParseMoney(text).value; }

}  // namespace qd::test
