// generator.h: synthetic but realistic quotedesk/1 workspaces (docs/workspace-format.md), for benchmarks, demos
// and tests. The `quotedesk gen` command prints one; the browser benchmark generates in-page.
//
//   GeneratorOptions o;  o.resources = 10000;  o.seed = 7;     // orders default to ≈ resources
//   std::string text = GenerateWorkspace(o);                    // ~10 MB of JSON, LoadWorkspace-clean
//
// What a generated workspace holds (all amounts and times consistent, like a real export):
//   - an organisation account with a Chinese name using rare characters (鑫 曌 赟 堃 淼 犇 ...), a cash
//     balance, a five-day quota and an auto-renew deduction day;
//   - the products the resources use, from a fixed catalogue over 4 regions: ECS (s6/c7/m6, plus
//     delisted s3/c3), EVS system and data disks (one data type delisted), EIP and dedicated bandwidth,
//     RDS, OBS resource packages (month only), CDN traffic packages (year only), 云商店 images;
//   - exactly `resources` resources in purchase groups: an ECS with its bound system disk (+ mounted
//     data disks as their own purchases), an EIP with its bound bandwidth, stand-alone RDS / EVS /
//     packages / images. Every renewal policy (manual, auto with period + count, to on-demand, no
//     renew); resources in use, expiring within 7 days, in grace period (expired < 15 days ago),
//     frozen (arrears / violation / police), unsubscribed (closed), failed provisioning, bought within
//     the five-day window, and with a paid renewal period not yet in effect;
//   - periods that chain exactly (each renewal starts at the previous end; ends at 23:59:59 +08:00 on
//     the anchored day), paid with cash and sometimes a voucher, flexi coupon, stored card or 0.9
//     discount coupon; some invoiced or bought in a no-five-day promotion;
//   - exactly `orders` orders: the purchase and renewal orders of those periods (auto-renewals placed
//     by 运营系统 at 03:00 on the deduction day), unsubscription orders with their refund, pending
//     renewals, combined trade orders (组合交易订单) with 2+ sub-orders, pending review / pending
//     confirmation purchases, cancelled orders; order ids in the console's style (CS24041515582CL27),
//     trade history on the purchase orders. When `orders` is smaller than the number of purchases, only
//     that many purchase orders are in the export (as when old orders fall outside the export window;
//     periods keep their order ids, which the format does not require to resolve);
//   - a few coupons (voucher, discount, flexi, stored card) and export records.
//
// Deterministic: the same options give byte-identical text on every platform (own splitmix64
// streams, integer arithmetic only; no std:: distributions, no floating point, no clock). Each
// purchase group draws from its own stream, so two passes (resources, then orders) regenerate it
// without keeping it in memory: the only memory beyond the output is ~30 bytes per group.
// Money is written as 2-decimal strings, times as ISO 8601 with +08:00, one resource / order per line.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/model/calendar.h"

namespace qd {

inline constexpr int64_t kMaxGeneratedResources = 1'000'000;  // ~1 GB of text: beyond that, no use
inline constexpr int64_t kMaxGeneratedOrders = 1'000'000;     // order ids stay unique up to 36^4 = 1,679,616

struct GeneratorOptions {
    int64_t resources = 20;         // exactly this many resources, 0..kMaxGeneratedResources (clamped)
    std::optional<int64_t> orders;  // exactly this many orders, 0..kMaxGeneratedOrders (clamped); absent = resources
    uint64_t seed = 1;              // same seed, same text
    Instant as_of = Instant::FromUnixSeconds(1736820000);  // 2025-01-14T10:00:00+08:00: "now" of the data
};

// The workspace as JSON text (UTF-8, ends with a newline).
std::string GenerateWorkspace(const GeneratorOptions& options);

// Same, appended to `out` (lets a caller reserve or reuse the buffer).
void GenerateWorkspace(const GeneratorOptions& options, std::string& out);

}  // namespace qd
