// record_fields.h: every field of a record of the workspace, without naming them.
//
// The journal's fingerprints (record_fingerprint.h) and the history's byte count
// (core/report/workspace_history.h EstimateWorkspaceBytes) must see every field of a Product,
// Resource, Order... and everything inside them, including fields added after they were written.
// C++20 has no reflection, so each record type declares its number of fields once here
// (kFieldCount) and ForEachField reaches them by a structured binding of that many names: adding or
// removing a field without updating the count does not compile.
//
//   ForEachField(order, [](const auto& field) { ... });   // order_id, order_type, status, ...
#pragma once

#include <type_traits>

#include "core/model/workspace.h"

namespace qd {

// How many fields each record type has (a structured binding of that many names checks it).
template <class T>
inline constexpr int kFieldCount = 0;
template <>
inline constexpr int kFieldCount<ProductPrices> = 3;
template <>
inline constexpr int kFieldCount<RenewOptions> = 3;
template <>
inline constexpr int kFieldCount<Product> = 15;
template <>
inline constexpr int kFieldCount<AutoRenew> = 4;
template <>
inline constexpr int kFieldCount<PaidBreakdown> = 7;
template <>
inline constexpr int kFieldCount<ResourcePeriod> = 11;
template <>
inline constexpr int kFieldCount<EnterpriseProject> = 3;
template <>
inline constexpr int kFieldCount<RenewRate> = 6;
template <>
inline constexpr int kFieldCount<Resource> = 21;
template <>
inline constexpr int kFieldCount<Discount> = 3;
template <>
inline constexpr int kFieldCount<OrderItem> = 12;
template <>
inline constexpr int kFieldCount<TradeHistoryEntry> = 4;
template <>
inline constexpr int kFieldCount<Order> = 22;
template <>
inline constexpr int kFieldCount<Coupon> = 6;
template <>
inline constexpr int kFieldCount<ExportRecord> = 6;

// Calls fn(field) for every field of a record type, in declaration order (T may be const).
template <class T, class Fn>
void ForEachField(T& t, Fn&& fn)
{
    constexpr int n = kFieldCount<std::remove_const_t<T>>;
    static_assert(n > 0, "declare kFieldCount for this type");
    if constexpr (n == 3) {
        auto& [a, b, c] = t;
        fn(a), fn(b), fn(c);
    } else if constexpr (n == 4) {
        auto& [a, b, c, d] = t;
        fn(a), fn(b), fn(c), fn(d);
    } else if constexpr (n == 6) {
        auto& [a, b, c, d, e, f] = t;
        fn(a), fn(b), fn(c), fn(d), fn(e), fn(f);
    } else if constexpr (n == 7) {
        auto& [a, b, c, d, e, f, g] = t;
        fn(a), fn(b), fn(c), fn(d), fn(e), fn(f), fn(g);
    } else if constexpr (n == 11) {
        auto& [a, b, c, d, e, f, g, h, i, j, k] = t;
        fn(a), fn(b), fn(c), fn(d), fn(e), fn(f), fn(g), fn(h), fn(i), fn(j), fn(k);
    } else if constexpr (n == 12) {
        auto& [a, b, c, d, e, f, g, h, i, j, k, l] = t;
        fn(a), fn(b), fn(c), fn(d), fn(e), fn(f), fn(g), fn(h), fn(i), fn(j), fn(k), fn(l);
    } else if constexpr (n == 15) {
        auto& [a, b, c, d, e, f, g, h, i, j, k, l, m, o, p] = t;
        fn(a), fn(b), fn(c), fn(d), fn(e), fn(f), fn(g), fn(h), fn(i), fn(j), fn(k), fn(l), fn(m), fn(o), fn(p);
    } else if constexpr (n == 21) {
        auto& [a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q, r, s, u, v, w] = t;
        fn(a), fn(b), fn(c), fn(d), fn(e), fn(f), fn(g), fn(h), fn(i), fn(j), fn(k), fn(l), fn(m), fn(o), fn(p);
        fn(q), fn(r), fn(s), fn(u), fn(v), fn(w);
    } else if constexpr (n == 22) {
        auto& [a, b, c, d, e, f, g, h, i, j, k, l, m, o, p, q, r, s, u, v, w, x] = t;
        fn(a), fn(b), fn(c), fn(d), fn(e), fn(f), fn(g), fn(h), fn(i), fn(j), fn(k), fn(l), fn(m), fn(o), fn(p);
        fn(q), fn(r), fn(s), fn(u), fn(v), fn(w), fn(x);
    } else {
        static_assert(n == 3, "add a structured binding of this many fields to ForEachField");
    }
}

}  // namespace qd
