// workspace.cpp: the workspace's lookups and summary (workspace.h).
#include "core/model/workspace.h"

#include "core/model/json_writer.h"

namespace qd {

namespace {

template <class T, class GetId>
void IndexVector(IdIndex& index, const std::vector<T>& items, GetId getId)
{
    index.clear();
    index.reserve(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) index.emplace(getId(items[i]), i);  // emplace keeps the first
}

// Works for const and mutable vectors (returns `const T*` or `T*`).
template <class Vector>
auto Find(const IdIndex& index, Vector& items, std::string_view id) -> decltype(&items[0])
{
    auto it = index.find(id);
    return it == index.end() || it->second >= items.size() ? nullptr : &items[it->second];
}

// {"word": count, ...} over every value of E, in declaration order (0 when none).
template <class E, class Items, class GetEnum>
void CountBy(JsonWriter& w, const Items& items, GetEnum getEnum)
{
    std::array<int64_t, EnumNames<E>::names.size()> counts{};
    for (const auto& item : items) ++counts[static_cast<std::size_t>(getEnum(item))];
    w.beginObject();
    for (std::size_t i = 0; i < counts.size(); ++i) {
        w.key(EnumNames<E>::names[i]);
        w.integer(counts[i]);
    }
    w.endObject();
}

}  // namespace

void Workspace::Reindex()
{
    IndexVector(index.products, products, [](const Product& p) -> const std::string& { return p.product_id; });
    IndexVector(index.resources, resources, [](const Resource& r) -> const std::string& { return r.resource_id; });
    IndexVector(index.orders, orders, [](const Order& o) -> const std::string& { return o.order_id; });
    IndexVector(index.coupons, coupons, [](const Coupon& c) -> const std::string& { return c.coupon_id; });
    IndexVector(index.export_records, export_records, [](const ExportRecord& e) -> const std::string& { return e.id; });
    // Positions fit in 32 bits: a workspace of 4 billion resources does not fit in wasm32's memory.
    const std::size_t n = resources.size();
    index.product_of.assign(n, WorkspaceIndex::kNone);
    std::vector<uint32_t> mainOf(n, WorkspaceIndex::kNone);
    index.attached_begin.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const Resource& r = resources[i];
        if (auto p = index.products.find(r.product_id); p != index.products.end())
            index.product_of[i] = static_cast<uint32_t>(p->second);
        if (!r.main_resource_id) continue;
        if (auto m = index.resources.find(*r.main_resource_id); m != index.resources.end()) {
            mainOf[i] = static_cast<uint32_t>(m->second);
            ++index.attached_begin[m->second + 1];
        }
    }
    for (std::size_t i = 0; i < n; ++i) index.attached_begin[i + 1] += index.attached_begin[i];
    index.attached.assign(index.attached_begin[n], 0);
    std::vector<uint32_t> next(index.attached_begin.begin(), index.attached_begin.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
        if (mainOf[i] != WorkspaceIndex::kNone) index.attached[next[mainOf[i]]++] = static_cast<uint32_t>(i);
}

const Product* Workspace::findProduct(std::string_view id) const { return Find(index.products, products, id); }
const Resource* Workspace::findResource(std::string_view id) const { return Find(index.resources, resources, id); }
const Order* Workspace::findOrder(std::string_view id) const { return Find(index.orders, orders, id); }
const Coupon* Workspace::findCoupon(std::string_view id) const { return Find(index.coupons, coupons, id); }
Resource* Workspace::findResource(std::string_view id) { return Find(index.resources, resources, id); }
Order* Workspace::findOrder(std::string_view id) { return Find(index.orders, orders, id); }

namespace {

// The position of `r` in `ws.resources` when the index covers it, else nullopt.
std::optional<std::size_t> IndexedPosition(const Workspace& ws, const Resource& r)
{
    if (ws.resources.empty() || &r < ws.resources.data() || &r >= ws.resources.data() + ws.resources.size())
        return std::nullopt;
    const std::size_t i = static_cast<std::size_t>(&r - ws.resources.data());
    if (ws.index.product_of.size() != ws.resources.size() || ws.index.attached_begin.size() != ws.resources.size() + 1)
        return std::nullopt;
    return i;
}

}  // namespace

std::vector<const Resource*> Workspace::attachedTo(std::string_view mainId) const
{
    std::vector<const Resource*> out;
    if (const Resource* main = findResource(mainId))
        for (uint32_t i : attachedPositions(*main)) out.push_back(&resources[i]);
    return out;
}

const Product* Workspace::productOf(const Resource& r) const
{
    const std::optional<std::size_t> i = IndexedPosition(*this, r);
    if (!i) return findProduct(r.product_id);
    const uint32_t p = index.product_of[*i];
    return p == WorkspaceIndex::kNone || p >= products.size() ? nullptr : &products[p];
}

std::span<const uint32_t> Workspace::attachedPositions(const Resource& main) const
{
    const std::optional<std::size_t> i = IndexedPosition(*this, main);
    if (!i) {
        const Resource* indexed = findResource(main.resource_id);
        return indexed && indexed != &main ? attachedPositions(*indexed) : std::span<const uint32_t>();
    }
    const uint32_t b = index.attached_begin[*i], e = index.attached_begin[*i + 1];
    if (b > e || e > index.attached.size()) return {};
    return std::span<const uint32_t>(index.attached.data() + b, e - b);
}

bool operator==(const Workspace& a, const Workspace& b)
{
    return a.as_of == b.as_of && a.account == b.account && a.rules == b.rules && a.products == b.products &&
           a.resources == b.resources && a.orders == b.orders && a.coupons == b.coupons &&
           a.export_records == b.export_records && a.extra == b.extra;
}

std::string SummaryJson(const Workspace& ws)
{
    const auto count = [](const auto& items) { return static_cast<int64_t>(items.size()); };
    JsonWriter w;
    w.beginObject();
    w.member("format", kWorkspaceFormat);
    w.member("as_of", ws.as_of, ws.rules.zone);
    w.key("account");
    w.beginObject();
    w.member("name", ws.account.name);
    w.member("cash_balance", ws.account.cash_balance);
    w.endObject();
    w.member("products", count(ws.products));
    w.member("resources", count(ws.resources));
    w.member("orders", count(ws.orders));
    w.key("orders_by_status");
    CountBy<OrderStatus>(w, ws.orders, [](const Order& o) { return o.status; });
    w.key("resources_by_status");
    CountBy<ResourceStatus>(w, ws.resources, [](const Resource& r) { return r.status; });
    w.member("coupons", count(ws.coupons));
    w.member("export_records", count(ws.export_records));
    w.endObject();
    return w.take();
}

void WritePaidMembers(JsonWriter& w, const PaidBreakdown& p)
{
    w.member("cash", p.cash);
    w.member("voucher", p.voucher);
    w.member("flexi_coupon", p.flexi_coupon);
    w.member("stored_card", p.stored_card);
    w.member("discount_coupon", p.discount_coupon);
}

}  // namespace qd
