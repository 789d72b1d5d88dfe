// workspace_bytes.h: where the bytes of an open workspace go, for the load benchmark
// (docs/performance.md "Where the bytes go"). Counts what the model holds on the heap, by field:
// the arrays of structs (sizeof x capacity), every std::string too long for its in-place buffer
// (a block of its capacity + 1), the unknown members, and the index (the id position tables, the
// resource position tables). Blocks are counted as the allocator hands them out (8-byte
// granules plus a header: dlmalloc in wasm32, glibc natively), so the total is comparable with
// what malloc reports in use. An estimate for the benchmark's table, never used by the product.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/model/workspace.h"

namespace qd::bench {

// One heap block of `n` bytes as the allocator hands it out (0 for n == 0).
inline uint64_t BlockBytes(std::size_t n)
{
    if (n == 0) return 0;
    constexpr std::size_t header = sizeof(void*);  // dlmalloc (wasm32): 4, glibc (x86-64): 8
    constexpr std::size_t align = 2 * sizeof(void*) > 8 ? 2 * sizeof(void*) : 8;
    const std::size_t block = (n + header + align - 1) / align * align;
    return block < 4 * sizeof(void*) ? 4 * sizeof(void*) : block;
}

class WorkspaceBytes {
public:
    explicit WorkspaceBytes(const Workspace& ws) { count(ws); }

    // category -> bytes, e.g. "strings: resources.resource_id", "arrays: Resource", "index: ids"
    const std::map<std::string, uint64_t>& byCategory() const { return bytes_; }
    uint64_t total() const
    {
        uint64_t sum = 0;
        for (const auto& [k, v] : bytes_) sum += v;
        return sum;
    }

private:
    void string(const char* field, const std::string& s)
    {
        if (s.capacity() > std::string().capacity())
            bytes_[std::string("strings: ") + field] += BlockBytes(s.capacity() + 1);
    }
    void string(const char* field, const std::optional<std::string>& s)
    {
        if (s) string(field, *s);
    }
    template <class T>
    void array(const char* type, const std::vector<T>& v)
    {
        bytes_[std::string("arrays: ") + type] += BlockBytes(sizeof(T) * v.capacity());
    }
    void extra(const UnknownMembers& e)
    {
        if (e.capacity() == 0) return;
        // the list behind the pointer (a std::vector), then its elements
        bytes_["unknown members"] += BlockBytes(sizeof(std::vector<UnknownMembers::value_type>)) +
                                     BlockBytes(sizeof(UnknownMembers::value_type) * e.capacity());
        for (const auto& [k, v] : e) {
            if (k.capacity() > std::string().capacity()) bytes_["unknown members"] += BlockBytes(k.capacity() + 1);
            if (v.capacity() > std::string().capacity()) bytes_["unknown members"] += BlockBytes(v.capacity() + 1);
        }
    }
    void paid(const std::optional<PaidBreakdown>& p)
    {
        if (p) extra(p->extra);
    }
    void index(const IdIndex& ids) { bytes_["index: id position tables"] += BlockBytes(ids.tableBytes()); }

    void count(const Workspace& ws)
    {
        array("Product", ws.products);
        for (const Product& p : ws.products) {
            string("products.*", p.product_id);
            string("products.*", p.service_type_code);
            string("products.*", p.service_type_name);
            string("products.*", p.resource_type_code);
            string("products.*", p.spec_desc);
            string("products.*", p.region_code);
            bytes_["arrays: int (renew options)"] += BlockBytes(sizeof(int) * p.renew_options.months.capacity()) +
                                                     BlockBytes(sizeof(int) * p.renew_options.years.capacity());
            extra(p.extra);
        }
        array("Resource", ws.resources);
        for (const Resource& r : ws.resources) {
            string("resources.resource_id", r.resource_id);
            string("resources.resource_name", r.resource_name);
            string("resources.product_id", r.product_id);
            string("resources.region_code", r.region_code);
            string("resources.main_resource_id", r.main_resource_id);
            if (r.enterprise_project) {
                string("resources.enterprise_project", r.enterprise_project->id);
                string("resources.enterprise_project", r.enterprise_project->name);
            }
            array("ResourcePeriod", r.periods);
            for (const ResourcePeriod& p : r.periods) {
                string("resources.periods.order_id", p.order_id);
                paid(p.paid);
                extra(p.extra);
            }
            array("RenewRate", r.renew_rates);
            for (const RenewRate& rate : r.renew_rates) {
                string("resources.renew_rates.error_*", rate.error_code);
                string("resources.renew_rates.error_*", rate.error_msg);
            }
            extra(r.extra);
        }
        array("Order", ws.orders);
        for (const Order& o : ws.orders) {
            string("orders.order_id", o.order_id);
            string("orders.combined_order_id", o.combined_order_id);
            string("orders.contract_id", o.contract_id);
            string("orders.currency", o.currency);
            string("orders.service_type_name", o.service_type_name);
            string("orders.created_by", o.created_by);
            paid(o.paid);
            array("Discount", o.discounts);
            for (const Discount& d : o.discounts) string("orders.discounts.type", d.type);
            array("EnterpriseProject", o.enterprise_projects);
            for (const EnterpriseProject& e : o.enterprise_projects) {
                string("orders.enterprise_projects", e.id);
                string("orders.enterprise_projects", e.name);
            }
            array("OrderItem", o.items);
            for (const OrderItem& i : o.items) {
                string("orders.items.resource_id", i.resource_id);
                string("orders.items.product_id", i.product_id);
                paid(i.paid);
                extra(i.extra);
            }
            array("TradeHistoryEntry", o.history);
            for (const TradeHistoryEntry& h : o.history) string("orders.history.order_id", h.order_id);
            extra(o.extra);
        }
        array("Coupon", ws.coupons);
        for (const Coupon& c : ws.coupons) string("coupons.*", c.coupon_id);
        array("ExportRecord", ws.export_records);
        for (const ExportRecord& e : ws.export_records) {
            string("export_records.*", e.id);
            string("export_records.*", e.file_name);
        }
        extra(ws.extra);
        index(ws.index.products);
        index(ws.index.resources);
        index(ws.index.orders);
        index(ws.index.coupons);
        index(ws.index.export_records);
        bytes_["index: position tables"] += BlockBytes(4 * ws.index.product_of.capacity()) +
                                            BlockBytes(4 * ws.index.attached_begin.capacity()) +
                                            BlockBytes(4 * ws.index.attached.capacity());
    }

    std::map<std::string, uint64_t> bytes_;
};

}  // namespace qd::bench
