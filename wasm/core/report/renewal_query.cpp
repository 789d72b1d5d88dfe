// renewal_query.cpp: the renewal page's tabs and filters (renewal_query.h).
//
// Index of this file (search for "[SECTION] name"):
//   [SECTION] Search terms, sliced sort, days left, expiring within, the resources of a query
//   [SECTION] index
//   [SECTION] Index builder: one step per phase
//   [SECTION] queries
#include "core/report/renewal_query.h"

#include "core/engine/projects.h"

#include "core/engine/orders.h"

#include <algorithm>
#include <functional>
#include <memory>
#include <unordered_map>
#include <utility>

namespace qd {

namespace {

constexpr int64_t kSecondsPerDay = 86400;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// [SECTION] Search terms, sliced sort, days left, expiring within, the resources of a query
void AppendLower(std::string& out, std::string_view s)
{
    for (char c : s) out.push_back(Lower(c));
}

// The hash of an exact search key (lowercase text).
std::size_t KeyHash(std::string_view lower) { return std::hash<std::string_view>{}(lower); }

std::string LowerCopy(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    AppendLower(out, s);
    return out;
}

// Length of the separator starting at s[i] (0 when none): , space tab CR LF, and the UTF-8 of
// U+FF0C "，" and U+3000 (ideographic space).
std::size_t SeparatorAt(std::string_view s, std::size_t i)
{
    const char c = s[i];
    if (c == ',' || c == ';' || c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
    if (i + 3 <= s.size()) {
        const std::string_view three = s.substr(i, 3);
        // ， ； 、 and the ideographic space
        if (three == "\xEF\xBC\x8C" || three == "\xEF\xBC\x9B" || three == "\xE3\x80\x81" || three == "\xE3\x80\x80")
            return 3;
    }
    return 0;
}

// A stable merge sort done a bounded amount of work at a time, for a builder that must not block a
// frame: runs of the first step's `units` elements are sorted one per step, then merged pairwise,
// `units` elements written per step. With units >= the size it is one std::stable_sort-like step.
//   SlicedSort<T> sort;  sort.Start(v.size(), units);
//   while (!sort.Step(v, units, less)) {}   // v sorted (the same vector, swapped with the buffer)
template <class T>
class SlicedSort {
public:
    template <class Less>
    bool Step(std::vector<T>& v, std::size_t units, Less less)
    {
        units = std::max<std::size_t>(units, 1);
        const std::size_t n = v.size();
        if (width_ == 0) {  // sorting runs of `run_` elements
            if (run_ == 0) run_ = std::min(units, std::max<std::size_t>(n, 1));
            const std::size_t end = std::min(n, pos_ + run_);
            std::stable_sort(v.begin() + static_cast<std::ptrdiff_t>(pos_),
                             v.begin() + static_cast<std::ptrdiff_t>(end), less);
            pos_ = end;
            if (pos_ < n) return false;
            if (run_ >= n) return true;
            width_ = run_;
            buffer_.clear();
            return StartPass(n);  // the buffer is allocated in a step of its own
        }
        if (buffer_.size() != n) {
            buffer_.resize(n);
            return false;
        }
        std::size_t budget = units;
        while (budget > 0) {
            if (k_ == hi_) {  // the next pair of runs
                lo_ = hi_;
                if (lo_ >= n) {  // the pass is through: the runs are twice as wide
                    v.swap(buffer_);
                    width_ *= 2;
                    if (width_ >= n) {
                        buffer_.clear();
                        buffer_.shrink_to_fit();
                        return true;
                    }
                    return StartPass(n);
                }
                SetPair(n);
            }
            const std::size_t stop = std::min(hi_, k_ + budget);
            budget -= stop - k_;
            while (k_ < stop) {
                if (j_ < hi_ && (i_ == mid_ || less(v[j_], v[i_]))) buffer_[k_++] = std::move(v[j_++]);
                else buffer_[k_++] = std::move(v[i_++]);
            }
        }
        return false;
    }

private:
    bool StartPass(std::size_t n)
    {
        hi_ = 0;
        SetPair(n);
        return false;
    }
    void SetPair(std::size_t n)
    {
        lo_ = hi_;
        mid_ = std::min(n, lo_ + width_);
        hi_ = std::min(n, lo_ + 2 * width_);
        i_ = lo_;
        j_ = mid_;
        k_ = lo_;
    }
    std::vector<T> buffer_;
    std::size_t run_ = 0;    // the sorted run length (the first step's units)
    std::size_t pos_ = 0;    // runs phase: the next run
    std::size_t width_ = 0;  // 0: runs phase; else the width of the sorted runs being merged
    std::size_t lo_ = 0, mid_ = 0, hi_ = 0, i_ = 0, j_ = 0, k_ = 0;  // the pair being merged
};

}  // namespace

std::vector<std::string_view> SplitSearchTerms(std::string_view text)
{
    std::vector<std::string_view> terms;
    std::size_t start = 0, i = 0;
    while (i < text.size()) {
        const std::size_t sep = SeparatorAt(text, i);
        if (sep == 0) {
            ++i;
            continue;
        }
        if (i > start) terms.push_back(text.substr(start, i - start));
        i += sep;
        start = i;
    }
    if (text.size() > start) terms.push_back(text.substr(start));
    return terms;
}

int64_t DaysLeft(Instant expire, Instant now, ZoneOffset zone)
{
    return WholeDaysBetween(LocalDateOf(now, zone), LocalDateOf(expire, zone));
}

std::vector<std::string> QueryResourceIds(const Workspace& ws, const RenewalIndex& index,
                                          std::span<const std::size_t> heads)
{
    std::vector<std::string> ids;
    ids.reserve(heads.size());
    for (std::size_t head : heads) {
        ids.push_back(ws.resources[head].resource_id);
        for (std::size_t b : index.boundOf(head)) ids.push_back(ws.resources[b].resource_id);
    }
    return ids;
}

std::vector<const Resource*> BoundGoingWith(const Workspace& ws, const Resource& main)
{
    std::vector<const Resource*> out;
    for (const Resource* a : ws.attachedTo(main.resource_id))
        if (a->isBound() && a->status != ResourceStatus::Closed) out.push_back(a);
    return out;
}

bool ExpiresWithin(const Resource& r, Instant asOf, int days)
{
    // seed 4.2.1.1 step 4 说明: X天内到期, 状态为使用中
    return r.status == ResourceStatus::InUse && r.expire_time >= asOf &&
           r.expire_time <= asOf.plusSeconds(int64_t{days} * kSecondsPerDay);
}

// [SECTION] index

bool RenewalIndex::isHead(std::size_t resource) const
{
    if (resource >= instanceOf_.size() || instanceOf_[resource] == kNone) return false;
    return instances_[instanceOf_[resource]].head == resource;
}

std::span<const std::size_t> RenewalIndex::boundOf(std::size_t head) const
{
    if (!isHead(head)) return {};
    const Instance& in = instances_[instanceOf_[head]];
    return std::span<const std::size_t>(bound_).subspan(in.boundBegin, in.boundCount);
}

std::optional<std::size_t> RenewalIndex::headOf(std::size_t resource) const
{
    if (resource >= instanceOf_.size() || instanceOf_[resource] == kNone) return std::nullopt;
    return instances_[instanceOf_[resource]].head;
}

std::optional<std::size_t> RenewalIndex::pendingOrderOf(std::size_t head) const
{
    if (!isHead(head)) return std::nullopt;
    const uint32_t o = instances_[instanceOf_[head]].pendingOrder;
    if (o == kNone) return std::nullopt;
    return o;
}

// The build in phases; each Step does at most about `units` resources, orders, order numbers,
// instances or sorted elements of one phase (only the small tails over the products and the distinct
// type and region names are whole steps). Build runs the same steps to the end.
struct RenewalIndexBuilder::State {
    enum Phase {
        Heads,
        SortHeads,
        Instances,
        BoundCount,
        BoundFill,
        FoundResources,
        FoundOrders,
        OrderCount,
        OrderFill,
        Keys,
        SortExact,
        Types,
        TypeNames,
        Regions,
        Done
    };
    static constexpr std::size_t kNoHead = SIZE_MAX;
    const Workspace* ws = nullptr;
    std::optional<Instant> asOf;
    Phase phase = Heads;
    std::size_t cursor = 0;
    std::size_t n = 0;
    RenewalIndex ix;
    std::vector<std::size_t> headOfResource;
    std::vector<std::pair<int64_t, std::size_t>> heads;  // (expiry, resource) of each head
    std::vector<std::pair<uint32_t, std::string_view>> found;
    std::vector<uint32_t> orderStart, orderFill;
    std::vector<std::string_view> orderNumbers;
    std::size_t keyBytes = 0;
    SlicedSort<std::pair<int64_t, std::size_t>> headSort;
    SlicedSort<RenewalIndex::ExactKey> exactSort;
    std::vector<uint32_t> typeOfProduct;
    std::unordered_map<std::string_view, uint32_t> regionNumber;
    std::vector<std::string_view> typeNames, regionNames;
    std::vector<uint32_t> productOf;

    std::optional<std::size_t> positionOf(std::string_view id) const
    {
        const std::optional<std::size_t> at = ws->positionOfResource(id);
        if (!at || *at >= n) return std::nullopt;
        return at;
    }
    // Advances the cursor of a phase over [0, size) by at most units; true when the phase is through.
    bool range(std::size_t size, std::size_t units, std::size_t& from, std::size_t& to)
    {
        from = cursor;
        to = std::min(size, cursor + std::max<std::size_t>(units, 1));
        cursor = to;
        return to >= size;
    }
    void next(Phase p)
    {
        phase = p;
        cursor = 0;
    }
    using Instance = RenewalIndex::Instance;
    static constexpr uint32_t kNone = RenewalIndex::kNone;
    void Step(std::size_t units);  // one slice of the current phase: the Step<Phase> below
    void StepHeads(std::size_t units);
    void StepSortHeads(std::size_t units);
    void StepInstances(std::size_t units);
    void StepBoundCount(std::size_t units);
    void StepBoundFill(std::size_t units);
    void StepFoundResources(std::size_t units);
    void StepFoundOrders(std::size_t units);
    void StepOrderCount(std::size_t units);
    void StepOrderFill(std::size_t units);
    void StepKeys(std::size_t units);
    void StepSortExact(std::size_t units);
    void StepTypes(std::size_t units);
    void StepTypeNames();  // a whole step: sorts the distinct names
    void StepRegions(std::size_t units);
};

// [SECTION] Index builder: one step per phase
void RenewalIndexBuilder::State::Step(std::size_t units)
{
    switch (phase) {
        case Heads: return StepHeads(units);
        case SortHeads: return StepSortHeads(units);
        case Instances: return StepInstances(units);
        case BoundCount: return StepBoundCount(units);
        case BoundFill: return StepBoundFill(units);
        case FoundResources: return StepFoundResources(units);
        case FoundOrders: return StepFoundOrders(units);
        case OrderCount: return StepOrderCount(units);
        case OrderFill: return StepOrderFill(units);
        case Keys: return StepKeys(units);
        case SortExact: return StepSortExact(units);
        case Types: return StepTypes(units);
        case TypeNames: return StepTypeNames();
        case Regions: return StepRegions(units);
        case Done: return;
    }
}

void RenewalIndexBuilder::State::StepHeads(std::size_t units)
{
    const Workspace& w = *ws;
    std::size_t from = 0, to = 0;
    // The resource a listed resource is shown under: itself for a head; its main for a bound attached
    // one (followed up a chain of bound resources); itself when that main is unknown or closed.
    if (cursor == 0) {
        ix.instanceOf_.assign(n, kNone);
        headOfResource.assign(n, kNoHead);
        heads.reserve(n);
    }
    const bool through = range(n, units, from, to);
    for (std::size_t i = from; i < to; ++i) {
        const Resource& r = w.resources[i];
        if (r.status == ResourceStatus::Closed) continue;
        std::size_t at = i;
        for (int depth = 0; depth < 8 && w.resources[at].isBound(); ++depth) {
            const std::optional<std::size_t> main = positionOf(*w.resources[at].main_resource_id);
            if (!main || *main == at || w.resources[*main].status == ResourceStatus::Closed) break;
            at = *main;
        }
        headOfResource[i] = at;
        if (at == i) heads.emplace_back(r.expire_time.unixSeconds(), i);
    }
    if (through) next(SortHeads);
}

void RenewalIndexBuilder::State::StepSortHeads(std::size_t units)
{
    // Instances, earliest expiry first, then file order.
    if (headSort.Step(heads, units, std::less<>())) next(Instances);
}

void RenewalIndexBuilder::State::StepInstances(std::size_t units)
{
    std::size_t from = 0, to = 0;
    if (cursor == 0) ix.instances_.resize(heads.size());
    const bool through = range(heads.size(), units, from, to);
    for (std::size_t k = from; k < to; ++k) {
        ix.instances_[k].head = heads[k].second;
        ix.instanceOf_[heads[k].second] = static_cast<uint32_t>(k);
    }
    if (through) next(BoundCount);
}

void RenewalIndexBuilder::State::StepBoundCount(std::size_t units)
{
    std::size_t from = 0, to = 0;
    // Bound attached resources, grouped per instance (counting sort keeps file order inside a group).
    const bool through = range(n, units, from, to);
    for (std::size_t i = from; i < to; ++i)
        if (headOfResource[i] != kNoHead && headOfResource[i] != i) {
            const uint32_t k = ix.instanceOf_[headOfResource[i]];
            ix.instanceOf_[i] = k;
            ++ix.instances_[k].boundCount;
        }
    if (through) {
        uint32_t start = 0;
        for (Instance& in : ix.instances_) {
            in.boundBegin = start;
            start += in.boundCount;
            in.boundCount = 0;
        }
        ix.bound_.resize(start);
        next(BoundFill);
    }
}

void RenewalIndexBuilder::State::StepBoundFill(std::size_t units)
{
    const Workspace& w = *ws;
    std::size_t from = 0, to = 0;
    const bool through = range(n, units, from, to);
    for (std::size_t i = from; i < to; ++i) {
        if (ix.instanceOf_[i] == kNone) continue;
        keyBytes += w.resources[i].resource_id.size() + w.resources[i].resource_name.size() + 2;  // "id\nname\n"
        if (headOfResource[i] != i) {
            Instance& in = ix.instances_[ix.instanceOf_[i]];
            ix.bound_[in.boundBegin + in.boundCount++] = i;
        }
    }
    if (through) next(FoundResources);
}

void RenewalIndexBuilder::State::StepFoundResources(std::size_t units)
{
    const Workspace& w = *ws;
    std::size_t from = 0, to = 0;
    // Order numbers of each instance: its resources' periods and the orders naming them, grouped per
    // instance by a counting sort (no string comparisons).
    if (cursor == 0) found.reserve(n * 2);
    const bool through = range(n, units, from, to);
    for (std::size_t i = from; i < to; ++i) {
        if (ix.instanceOf_[i] == kNone) continue;
        for (const ResourcePeriod& p : w.resources[i].periods)
            if (!p.order_id.empty()) found.emplace_back(ix.instanceOf_[i], p.order_id);
    }
    if (through) next(FoundOrders);
}

void RenewalIndexBuilder::State::StepFoundOrders(std::size_t units)
{
    const Workspace& w = *ws;
    std::size_t from = 0, to = 0;
    // room for every item's order and combined order: no reallocation mid-way
    if (cursor == 0 && cursor < w.orders.size()) {
        std::size_t items = 0;
        for (const Order& order : w.orders) items += order.items.size();
        found.reserve(found.size() + 2 * items);
    }
    const bool through = range(w.orders.size(), units, from, to);
    for (std::size_t o = from; o < to; ++o) {
        const Order& order = w.orders[o];
        for (const OrderItem& item : order.items) {
            if (!item.resource_id) continue;
            const std::optional<std::size_t> r = positionOf(*item.resource_id);
            if (!r || ix.instanceOf_[*r] == kNone) continue;
            const uint32_t k = ix.instanceOf_[*r];
            found.emplace_back(k, order.order_id);
            if (order.combined_order_id && !order.combined_order_id->empty())
                found.emplace_back(k, *order.combined_order_id);
            const OrderStatus status = asOf ? StatusAsOf(order, w.rules, *asOf) : order.status;
            if (status == OrderStatus::PendingPayment && ix.instances_[k].pendingOrder == kNone)
                ix.instances_[k].pendingOrder = static_cast<uint32_t>(o);
            if (asOf && status == OrderStatus::PendingPayment) {
                const Instant deadline = PaymentDeadline(order, w.rules);
                if (!ix.pendingUntil_ || deadline < *ix.pendingUntil_) ix.pendingUntil_ = deadline;
            }
        }
    }
    if (through) next(OrderCount);
}

void RenewalIndexBuilder::State::StepOrderCount(std::size_t units)
{
    std::size_t from = 0, to = 0;
    // The order numbers grouped per instance (a counting sort): count, then fill.
    if (cursor == 0) orderStart.assign(ix.instances_.size() + 1, 0);
    const bool through = range(found.size(), units, from, to);
    for (std::size_t f = from; f < to; ++f) ++orderStart[found[f].first + 1];
    if (through) {
        for (std::size_t k = 0; k < ix.instances_.size(); ++k) orderStart[k + 1] += orderStart[k];
        orderFill.assign(orderStart.begin(), orderStart.end() - 1);
        orderNumbers.resize(found.size());
        next(OrderFill);
    }
}

void RenewalIndexBuilder::State::StepOrderFill(std::size_t units)
{
    std::size_t from = 0, to = 0;
    const bool through = range(found.size(), units, from, to);
    for (std::size_t f = from; f < to; ++f) {
        orderNumbers[orderFill[found[f].first]++] = found[f].second;
        keyBytes += found[f].second.size() + 1;  // at most once each in the keys: "order\n"
    }
    if (through) {
        found.clear();
        found.shrink_to_fit();
        orderFill.clear();
        orderFill.shrink_to_fit();
        // Search keys: per instance "id\nname\n" of the head and each bound resource, then "order\n" once each.
        ix.keys_.reserve(keyBytes);
        ix.exact_.reserve(n + orderNumbers.size());
        next(Keys);
    }
}

void RenewalIndexBuilder::State::StepKeys(std::size_t units)
{
    const Workspace& w = *ws;
    std::size_t from = 0, to = 0;
    auto addKey = [&](uint32_t k, std::string_view text, bool exact) {
        const std::size_t begin = ix.keys_.size();
        ix.keys_.append(text);
        char* p = ix.keys_.data();
        for (std::size_t c = begin; c < ix.keys_.size(); ++c) p[c] = Lower(p[c]);
        if (exact && !text.empty())
            ix.exact_.push_back({KeyHash(std::string_view(ix.keys_).substr(begin)), static_cast<uint32_t>(begin),
                                 static_cast<uint32_t>(text.size()), k});
        ix.keys_.push_back('\n');
    };
    const bool through = range(ix.instances_.size(), units, from, to);
    for (uint32_t k = static_cast<uint32_t>(from); k < to; ++k) {
        Instance& in = ix.instances_[k];
        in.keyBegin = static_cast<uint32_t>(ix.keys_.size());
        auto addResource = [&](std::size_t i) {
            addKey(k, w.resources[i].resource_id, true);
            addKey(k, w.resources[i].resource_name, false);
        };
        addResource(in.head);
        for (uint32_t b = 0; b < in.boundCount; ++b) addResource(ix.bound_[in.boundBegin + b]);
        // Each order number once (a renewal order names the main and its bound disk).
        const auto first = orderNumbers.begin() + orderStart[k], last = orderNumbers.begin() + orderStart[k + 1];
        if (last - first > 16) std::sort(first, last);
        for (auto it = first; it != last; ++it) {
            const bool repeated = last - first > 16 ? it != first && *(it - 1) == *it : std::find(first, it, *it) != it;
            if (!repeated) addKey(k, *it, true);
        }
        in.keyLength = static_cast<uint32_t>(ix.keys_.size()) - in.keyBegin;
    }
    if (through) next(SortExact);
}

void RenewalIndexBuilder::State::StepSortExact(std::size_t units)
{
    if (cursor == 0) {  // the order numbers are in the keys now
        orderNumbers.clear();
        orderNumbers.shrink_to_fit();
        cursor = 1;
        return;
    }
    if (exactSort.Step(ix.exact_, units, [](const RenewalIndex::ExactKey& a, const RenewalIndex::ExactKey& b) {
            return a.hash != b.hash ? a.hash < b.hash : a.instance < b.instance;
        }))
        next(Types);
}

void RenewalIndexBuilder::State::StepTypes(std::size_t units)
{
    const Workspace& w = *ws;
    std::size_t from = 0, to = 0;
    // Product types (per product) and regions (per head), numbered in sorted order; resource packages.
    if (cursor == 0) {
        typeOfProduct.assign(w.products.size(), kNone);
        productOf.assign(ix.instances_.size(), kNone);
    }
    const bool through = range(ix.instances_.size(), units, from, to);
    for (std::size_t k = from; k < to; ++k) {
        Instance& in = ix.instances_[k];
        const Resource& head = w.resources[in.head];
        const std::optional<std::size_t> p = w.positionOfProduct(head.product_id);
        const Product* product = p ? &w.products[*p] : nullptr;
        if (product) {
            productOf[k] = static_cast<uint32_t>(*p);
            in.package = product->kind == ProductKind::ResourcePackage;
            const std::string_view type =
                product->service_type_name.empty() ? product->service_type_code : product->service_type_name;
            if (typeOfProduct[*p] == kNone && !type.empty()) {
                typeOfProduct[*p] = 0;
                typeNames.push_back(type);
            }
        }
        const std::string_view region = !head.region_code.empty() || !product ? std::string_view(head.region_code)
                                                                              : std::string_view(product->region_code);
        if (!region.empty()) {
            auto [it, added] = regionNumber.emplace(region, 0);
            if (added) regionNames.push_back(region);
            in.region = 0;  // numbered below
        }
    }
    if (through) next(TypeNames);
}

void RenewalIndexBuilder::State::StepTypeNames()
{
    const Workspace& w = *ws;
    auto sortedUnique = [](std::vector<std::string_view>& v) {
        std::sort(v.begin(), v.end());
        v.erase(std::unique(v.begin(), v.end()), v.end());
    };
    sortedUnique(typeNames);
    sortedUnique(regionNames);
    ix.productTypes_.assign(typeNames.begin(), typeNames.end());
    ix.regions_.assign(regionNames.begin(), regionNames.end());
    for (uint32_t r = 0; r < regionNames.size(); ++r) regionNumber[regionNames[r]] = r;
    for (std::size_t p = 0; p < w.products.size(); ++p) {
        if (typeOfProduct[p] == kNone) continue;
        const Product& product = w.products[p];
        const std::string_view type =
            product.service_type_name.empty() ? product.service_type_code : product.service_type_name;
        typeOfProduct[p] =
            static_cast<uint32_t>(std::lower_bound(typeNames.begin(), typeNames.end(), type) - typeNames.begin());
    }
    next(Regions);
}

void RenewalIndexBuilder::State::StepRegions(std::size_t units)
{
    const Workspace& w = *ws;
    std::size_t from = 0, to = 0;
    const bool through = range(ix.instances_.size(), units, from, to);
    for (std::size_t k = from; k < to; ++k) {
        Instance& in = ix.instances_[k];
        if (productOf[k] != kNone) in.productType = typeOfProduct[productOf[k]];
        if (in.region == 0) {
            const Resource& head = w.resources[in.head];
            const std::string_view region = !head.region_code.empty() || productOf[k] == kNone
                                                ? std::string_view(head.region_code)
                                                : std::string_view(w.products[productOf[k]].region_code);
            in.region = regionNumber[region];
        }
    }
    if (through) next(Done);
}

RenewalIndexBuilder::RenewalIndexBuilder(const Workspace& ws, std::optional<Instant> asOf)
    : state_(std::make_unique<State>())
{
    state_->ws = &ws;
    state_->asOf = asOf;
    state_->n = ws.resources.size();
}
RenewalIndexBuilder::~RenewalIndexBuilder() = default;
RenewalIndexBuilder::RenewalIndexBuilder(RenewalIndexBuilder&&) noexcept = default;
RenewalIndexBuilder& RenewalIndexBuilder::operator=(RenewalIndexBuilder&&) noexcept = default;

bool RenewalIndexBuilder::Step(std::size_t units)
{
    if (state_->phase != State::Done) state_->Step(units);
    return done();
}

bool RenewalIndexBuilder::done() const { return state_->phase == State::Done; }

int RenewalIndexBuilder::progress() const
{
    // Each phase an equal share; within a chunked phase, how far its cursor got over the resources.
    const int phase = static_cast<int>(state_->phase);
    const double within =
        state_->n == 0 ? 0.0 : std::min(1.0, static_cast<double>(state_->cursor) / static_cast<double>(state_->n));
    return std::clamp(static_cast<int>((phase + within) * 100.0 / static_cast<int>(State::Done)), 0, done() ? 100 : 99);
}

RenewalIndex RenewalIndexBuilder::take() { return std::move(state_->ix); }

RenewalIndex RenewalIndex::Build(const Workspace& ws, std::optional<Instant> asOf)
{
    RenewalIndexBuilder builder(ws, asOf);
    while (!builder.Step(SIZE_MAX)) {}
    return builder.take();
}

// [SECTION] queries

RenewalQueryResult QueryRenewals(const Workspace& ws, const RenewalIndex& index, const RenewalFilter& filter)
{
    using Instance = RenewalIndex::Instance;
    RenewalQueryResult out;
    if (filter.expiring_within_days &&
        (*filter.expiring_within_days < 1 || *filter.expiring_within_days > kMaxExpiringWithinDays)) {
        out.refusals.push_back({"bad_expiring_days", "",
                                "expiring within X days takes X from 1 to " + std::to_string(kMaxExpiringWithinDays) +
                                    ", got " + std::to_string(*filter.expiring_within_days)});
        return out;
    }
    const std::vector<std::string_view> terms = SplitSearchTerms(filter.search);
    if (terms.size() > static_cast<std::size_t>(kMaxSearchTerms)) {
        out.refusals.push_back({"too_many_search_terms", "",
                                "search takes at most " + std::to_string(kMaxSearchTerms) + " IDs at once, got " +
                                    std::to_string(terms.size())});
        return out;
    }
    if (index.resourceCount() != ws.resources.size()) return out;  // stale index: nothing rather than wrong rows

    // Search: one term = substring; several = exact IDs / order numbers (+ the whole text as a name).
    std::string needle;
    std::vector<uint8_t> exactHit;
    if (terms.size() == 1) {
        needle = LowerCopy(terms.front());
    } else if (terms.size() > 1) {
        exactHit.assign(index.instances_.size(), 0);
        const std::string_view keys(index.keys_);
        std::string term;
        for (std::string_view t : terms) {
            term = LowerCopy(t);
            const std::size_t hash = KeyHash(term);
            auto it = std::lower_bound(index.exact_.begin(), index.exact_.end(), hash,
                                       [](const RenewalIndex::ExactKey& e, std::size_t h) { return e.hash < h; });
            for (; it != index.exact_.end() && it->hash == hash; ++it)
                if (keys.substr(it->begin, it->length) == term) exactHit[it->instance] = 1;
        }
        // "web server": words separated by spaces only also match as one name substring.
        std::string_view whole = filter.search;
        while (!whole.empty() && whole.front() == ' ') whole.remove_prefix(1);
        while (!whole.empty() && whole.back() == ' ') whole.remove_suffix(1);
        if (whole.find_first_of(",\t\r\n") == std::string_view::npos &&
            whole.find("\xEF\xBC\x8C") == std::string_view::npos)
            needle = LowerCopy(whole);
    }
    const bool searching = !terms.empty();

    constexpr uint32_t kNoMatch = UINT32_MAX - 1;  // a product type / region filter no instance has
    auto numberOf = [&](const std::vector<std::string>& list, const std::string& s) -> uint32_t {
        if (s.empty()) return RenewalIndex::kNone;
        const auto it = std::lower_bound(list.begin(), list.end(), s);
        return it != list.end() && *it == s ? static_cast<uint32_t>(it - list.begin()) : kNoMatch;
    };
    const uint32_t productType = numberOf(index.productTypes_, filter.product_type);
    const uint32_t region = numberOf(index.regions_, filter.region);
    const std::string_view keys(index.keys_);

    for (std::size_t k = 0; k < index.instances_.size(); ++k) {
        const Instance& in = index.instances_[k];
        const Resource& head = ws.resources[in.head];
        if (filter.status && head.status != *filter.status) continue;
        if (filter.expiring_within_days && !ExpiresWithin(head, filter.as_of, *filter.expiring_within_days)) continue;
        if (productType != RenewalIndex::kNone && in.productType != productType) continue;
        if (region != RenewalIndex::kNone && in.region != region) continue;
        if (filter.hide_pending && in.pendingOrder != RenewalIndex::kNone) continue;
        if (filter.packages == PackageFilter::Hide && in.package) continue;
        if (filter.packages == PackageFilter::Only && !in.package) continue;
        if (!filter.enterprise_project.empty() && ProjectOf(ws, head) != filter.enterprise_project) continue;
        if (searching) {
            const bool exact = !exactHit.empty() && exactHit[k];
            if (!exact &&
                (needle.empty() || keys.substr(in.keyBegin, in.keyLength).find(needle) == std::string_view::npos))
                continue;
        }
        const std::size_t tab = TabNumber(head.renewal_policy);
        ++out.tab_counts[tab];
        if (head.renewal_policy == filter.tab) out.rows.push_back(in.head);
    }
    return out;
}

RenewalQueryResult QueryRenewals(const Workspace& ws, const RenewalFilter& filter)
{
    return QueryRenewals(ws, RenewalIndex::Build(ws, filter.as_of), filter);
}

}  // namespace qd
