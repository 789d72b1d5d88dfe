// workspace.cpp: the workspace's lookups and summary (workspace.h).
#include "core/model/workspace.h"

#include "core/model/json_writer.h"

namespace qd {

namespace {

const std::string& IdOf(const Product& p) { return p.product_id; }
const std::string& IdOf(const Resource& r) { return r.resource_id; }
const std::string& IdOf(const Order& o) { return o.order_id; }
const std::string& IdOf(const Coupon& c) { return c.coupon_id; }
const std::string& IdOf(const ExportRecord& e) { return e.id; }

// The id of the record at position i of `items`, for an IdIndex over them.
template <class T>
auto IdsOf(const std::vector<T>& items)
{
    return [&items](std::size_t i) -> std::string_view { return IdOf(items[i]); };
}

// The first occurrence of an id stays; each later one goes into `duplicates` (position order).
template <class T>
void IndexVector(IdIndex& index, const std::vector<T>& items, std::vector<ReindexReport::Duplicate>& duplicates)
{
    duplicates.clear();
    index.Build(items.size(), IdsOf(items), [&duplicates](std::size_t position, std::size_t first) {
        duplicates.push_back({static_cast<uint32_t>(position), static_cast<uint32_t>(first)});
    });
}

template <class T>
void IndexAppendedTo(IdIndex& index, const std::vector<T>& items)
{
    for (std::size_t i = index.positions(); i < items.size(); ++i) index.Add(i, IdsOf(items));
}

template <class T>
std::optional<std::size_t> PositionIn(const IdIndex& index, const std::vector<T>& items, std::string_view id)
{
    // A position past the end (the vector shrank without a Reindex) matches no id: 0xFF is never
    // in UTF-8, so no id read from a file is this.
    constexpr std::string_view kGone = "\xff(gone)";
    return index.find(id, [&items, kGone](std::size_t i) -> std::string_view {
        return i < items.size() ? std::string_view(IdOf(items[i])) : kGone;
    });
}

// Works for const and mutable vectors (returns `const T*` or `T*`).
template <class Vector>
auto Find(const IdIndex& index, Vector& items, std::string_view id) -> decltype(&items[0])
{
    const std::optional<std::size_t> at = PositionIn(index, items, id);
    return at ? &items[*at] : nullptr;
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
    ReindexReport report;
    Reindex(report);
}

void Workspace::Reindex(ReindexReport& report)
{
    IndexVector(index.products, products, report.products);
    IndexVector(index.resources, resources, report.resources);
    IndexVector(index.orders, orders, report.orders);
    IndexVector(index.coupons, coupons, report.coupons);
    IndexVector(index.export_records, export_records, report.export_records);
    // Positions fit in 32 bits: a workspace of 4 billion resources does not fit in wasm32's memory.
    const std::size_t n = resources.size();
    index.product_of.assign(n, WorkspaceIndex::kNone);
    std::vector<uint32_t>& mainOf = report.main_of;
    mainOf.assign(n, WorkspaceIndex::kNone);
    index.attached_begin.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const Resource& r = resources[i];
        if (auto p = positionOfProduct(r.product_id)) index.product_of[i] = static_cast<uint32_t>(*p);
        if (!r.main_resource_id) continue;
        if (auto m = positionOfResource(*r.main_resource_id)) {
            mainOf[i] = static_cast<uint32_t>(*m);
            ++index.attached_begin[*m + 1];
        }
    }
    for (std::size_t i = 0; i < n; ++i) index.attached_begin[i + 1] += index.attached_begin[i];
    index.attached.assign(index.attached_begin[n], 0);
    std::vector<uint32_t> next(index.attached_begin.begin(), index.attached_begin.end() - 1);
    for (std::size_t i = 0; i < n; ++i)
        if (mainOf[i] != WorkspaceIndex::kNone) index.attached[next[mainOf[i]]++] = static_cast<uint32_t>(i);
}

void Workspace::IndexAppended()
{
    IndexAppendedTo(index.orders, orders);
    IndexAppendedTo(index.coupons, coupons);
    IndexAppendedTo(index.export_records, export_records);
}

std::optional<std::size_t> Workspace::positionOfProduct(std::string_view id) const
{
    return PositionIn(index.products, products, id);
}
std::optional<std::size_t> Workspace::positionOfResource(std::string_view id) const
{
    return PositionIn(index.resources, resources, id);
}
std::optional<std::size_t> Workspace::positionOfOrder(std::string_view id) const
{
    return PositionIn(index.orders, orders, id);
}
std::optional<std::size_t> Workspace::positionOfCoupon(std::string_view id) const
{
    return PositionIn(index.coupons, coupons, id);
}
std::optional<std::size_t> Workspace::positionOfExportRecord(std::string_view id) const
{
    return PositionIn(index.export_records, export_records, id);
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
