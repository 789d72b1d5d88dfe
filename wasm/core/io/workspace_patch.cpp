#include "core/io/workspace_patch.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/io/load.h"
#include "core/io/save.h"
#include "core/model/json_writer.h"
#include "core/model/record_fingerprint.h"

namespace qd {
namespace {

// The five lists of a workspace, each with its id and its index (the header names them so).
constexpr const char* kLists[] = {"products", "resources", "orders", "coupons", "export_records"};
constexpr std::size_t kListCount = 5;

const std::string& IdOf(const Product& p) { return p.product_id; }
const std::string& IdOf(const Resource& r) { return r.resource_id; }
const std::string& IdOf(const Order& o) { return o.order_id; }
const std::string& IdOf(const Coupon& c) { return c.coupon_id; }
const std::string& IdOf(const ExportRecord& e) { return e.id; }

// Calls fn(listNumber, items of a, items of b, the position of an id in a's list) for each list.
template <typename W1, typename W2, typename Fn>
void ForEachList(W1& a, W2& b, Fn&& fn)
{
    const auto in = [&a](auto positionOf) {
        return [&a, positionOf](std::string_view id) { return (a.*positionOf)(id).value_or(SIZE_MAX); };
    };
    fn(0, a.products, b.products, in(&Workspace::positionOfProduct));
    fn(1, a.resources, b.resources, in(&Workspace::positionOfResource));
    fn(2, a.orders, b.orders, in(&Workspace::positionOfOrder));
    fn(3, a.coupons, b.coupons, in(&Workspace::positionOfCoupon));
    fn(4, a.export_records, b.export_records, in(&Workspace::positionOfExportRecord));
}

// [SECTION] Diff

// Which records of `after` go into the fragment, per list (by position in `after`).
struct Picked {
    std::vector<bool> products, resources, orders, coupons, export_records;
};

class Closure {
public:
    Closure(const Workspace& after, Picked& picked) : after_(after), picked_(picked) {}
    void product(std::string_view id)
    {
        if (const auto i = after_.positionOfProduct(id)) picked_.products[*i] = true;
    }
    void resource(std::size_t i)
    {
        if (picked_.resources[i]) return;
        picked_.resources[i] = true;
        const Resource& r = after_.resources[i];
        product(r.product_id);
        if (r.main_resource_id) {
            if (const auto m = after_.positionOfResource(*r.main_resource_id)) resource(*m);
        }
    }
    void order(std::size_t i)
    {
        if (picked_.orders[i]) return;
        picked_.orders[i] = true;
        const Order& o = after_.orders[i];
        if (o.combined_order_id) {
            if (const auto c = after_.positionOfOrder(*o.combined_order_id)) order(*c);
        }
        for (const OrderItem& item : o.items) {
            if (item.product_id) product(*item.product_id);
            if (item.resource_id) {
                if (const auto r = after_.positionOfResource(*item.resource_id)) resource(*r);
            }
        }
    }

private:
    const Workspace& after_;
    Picked& picked_;
};

template <typename T>
std::vector<T> Filter(const std::vector<T>& items, const std::vector<bool>& keep)
{
    std::vector<T> out;
    for (std::size_t i = 0; i < items.size(); ++i)
        if (keep[i]) out.push_back(items[i]);
    return out;
}

void WriteCounts(JsonWriter& w, const WorkspaceFingerprints& ws)
{
    w.beginObject();
    for (std::size_t l = 0; l < kListCount; ++l) w.member(kLists[l], static_cast<int64_t>(ws.list(l).size()));
    w.endObject();
}

// [SECTION] Apply

// What applying changed, so that a refused patch can be taken back (all or nothing).
template <typename T>
struct ListUndo {
    bool whole = false;                                         // the list was swapped with the fragment's
    std::vector<std::pair<std::size_t, std::size_t>> replaced;  // (position in ws, position in fragment)
    std::size_t sizeBefore = 0;                                 // appended records are beyond it
    std::vector<std::pair<std::size_t, T>> removed;             // (position, record), increasing positions
};

struct PatchHeader {
    std::size_t base[kListCount] = {};
    std::size_t after[kListCount] = {};
    std::vector<std::string> removed[kListCount];
    bool whole[kListCount] = {};
};

// Reads the header line; the message says what was expected.
bool ReadHeader(std::string_view line, PatchHeader& header, std::string& why)
{
    const nlohmann::json h = nlohmann::json::parse(line, nullptr, false);
    if (h.is_discarded() || !h.is_object()) {
        why = "expected a QuoteDesk patch header (one line of JSON)";
        return false;
    }
    const auto version = h.find("quotedesk_patch");
    if (version == h.end() || !version->is_number_integer() || *version != kWorkspacePatchVersion) {
        why = "expected \"quotedesk_patch\": " + std::to_string(kWorkspacePatchVersion);
        return false;
    }
    const auto counts = [&](const char* key, std::size_t(&into)[kListCount]) {
        const auto c = h.find(key);
        if (c == h.end() || !c->is_object()) return false;
        for (std::size_t l = 0; l < kListCount; ++l) {
            const auto n = c->find(kLists[l]);
            if (n == c->end() || !n->is_number_unsigned()) return false;
            into[l] = n->get<std::size_t>();
        }
        return true;
    };
    if (!counts("base", header.base) || !counts("after", header.after)) {
        why = "expected \"base\" and \"after\" with the count of each list";
        return false;
    }
    const auto removed = h.find("removed");
    if (removed != h.end()) {
        if (!removed->is_object()) {
            why = "expected \"removed\" to be an object of id lists";
            return false;
        }
        for (std::size_t l = 0; l < kListCount; ++l) {
            const auto ids = removed->find(kLists[l]);
            if (ids == removed->end()) continue;
            if (!ids->is_array()) {
                why = std::string("expected \"removed\".\"") + kLists[l] + "\" to be an array of ids";
                return false;
            }
            for (const auto& id : *ids) {
                if (!id.is_string()) {
                    why = std::string("expected \"removed\".\"") + kLists[l] + "\" to hold strings";
                    return false;
                }
                header.removed[l].push_back(id.get<std::string>());
            }
        }
    }
    const auto whole = h.find("whole");
    if (whole != h.end()) {
        if (!whole->is_array()) {
            why = "expected \"whole\" to be an array of list names";
            return false;
        }
        for (const auto& name : *whole) {
            const auto l =
                std::find(std::begin(kLists), std::end(kLists), name.is_string() ? name.get<std::string>() : "");
            if (l == std::end(kLists)) {
                why = "expected \"whole\" to name lists of a workspace";
                return false;
            }
            header.whole[l - std::begin(kLists)] = true;
        }
    }
    return true;
}

// The header line read, and the fragment after it; nullopt with `why` when there is no header line or
// it cannot be read.
std::optional<std::string_view> SplitPatch(std::string_view patch, PatchHeader& header, std::string& why)
{
    const std::size_t eol = patch.find('\n');
    if (eol == std::string_view::npos) {
        why = "expected a QuoteDesk patch: a header line, then a workspace";
        return std::nullopt;
    }
    if (!ReadHeader(patch.substr(0, eol), header, why)) return std::nullopt;
    return patch.substr(eol + 1);
}

// What a patch made from another workspace is refused with (list `l`).
std::string OtherWorkspaceCount(std::size_t l, std::size_t has, std::size_t expected)
{
    return std::string("the patch is of another workspace: ") + kLists[l] + " has " + std::to_string(has) +
           " records, the patch expects " + std::to_string(expected);
}
std::string OtherWorkspaceRemoval(std::size_t l, const std::string& id)
{
    return std::string("the patch is of another workspace: it removes ") + kLists[l] + " id \"" + id +
           "\", which is not there";
}

}  // namespace

// [SECTION] Fingerprints

uint64_t WorkspaceFingerprints::List::bytes() const
{
    return ids_.capacity() + 4 * idEnd_.capacity() + 8 * prints_.capacity() + index_.tableBytes();
}

uint64_t WorkspaceFingerprints::bytes() const
{
    uint64_t sum = 0;
    for (const List& l : lists_) sum += l.bytes();
    return sum;
}

WorkspaceFingerprints WorkspaceFingerprints::Of(const Workspace& ws)
{
    WorkspaceFingerprints out;
    ForEachList(ws, ws, [&](std::size_t l, const auto& items, const auto&, auto) {
        List& list = out.lists_[l];
        std::size_t idBytes = 0;
        for (const auto& r : items) idBytes += IdOf(r).size();
        list.ids_.reserve(idBytes);
        list.idEnd_.reserve(items.size());
        list.prints_.reserve(items.size());
        for (const auto& r : items) {
            list.ids_ += IdOf(r);
            list.idEnd_.push_back(static_cast<uint32_t>(list.ids_.size()));
            list.prints_.push_back(RecordFingerprint(r));
        }
        list.index_.Build(items.size(), [&list](std::size_t i) { return list.id(i); });
    });
    return out;
}

// [SECTION] DiffWorkspaces

std::string DiffWorkspaces(const Workspace& base, const Workspace& after)
{
    return DiffWorkspaces(WorkspaceFingerprints::Of(base), after);
}

std::string DiffWorkspaces(const WorkspaceFingerprints& base, const Workspace& after,
                           WorkspaceFingerprints* afterPrints)
{
    WorkspaceFingerprints now = WorkspaceFingerprints::Of(after);
    Picked picked;
    picked.products.assign(after.products.size(), false);
    picked.resources.assign(after.resources.size(), false);
    picked.orders.assign(after.orders.size(), false);
    picked.coupons.assign(after.coupons.size(), false);
    picked.export_records.assign(after.export_records.size(), false);
    Closure closure(after, picked);

    std::vector<std::string> removed[kListCount];
    bool whole[kListCount] = {};
    // Per list: records new or changed are picked (with what they refer to); a list whose order the
    // patch cannot say by "replace in place, append the new ones" is sent whole.
    const auto pick = [&](std::size_t l, std::size_t i) {
        switch (l) {
            case 0: picked.products[i] = true; break;
            case 1: closure.resource(i); break;
            case 2: closure.order(i); break;
            case 3: picked.coupons[i] = true; break;
            default: picked.export_records[i] = true; break;
        }
    };
    for (std::size_t l = 0; l < kListCount; ++l) {
        const WorkspaceFingerprints::List& was = base.list(l);
        const WorkspaceFingerprints::List& is = now.list(l);
        std::size_t lastKept = 0;
        bool anyKept = false, anyNew = false;
        std::vector<std::size_t> changed;
        for (std::size_t i = 0; i < is.size(); ++i) {
            // Most records stay where they were: the same id at the same position needs no lookup.
            const std::optional<std::size_t> at =
                i < was.size() && was.id(i) == is.id(i) ? std::optional<std::size_t>(i) : was.find(is.id(i));
            if (!at) {
                anyNew = true;
                changed.push_back(i);
                continue;
            }
            if (anyNew || (anyKept && *at <= lastKept)) whole[l] = true;
            anyKept = true;
            lastKept = *at;
            if (was.fingerprint(*at) != is.fingerprint(i)) changed.push_back(i);
        }
        if (whole[l]) {
            for (std::size_t i = 0; i < is.size(); ++i) pick(l, i);
            continue;
        }
        for (std::size_t i : changed) pick(l, i);
        for (std::size_t i = 0; i < was.size(); ++i)
            if (!(i < is.size() && is.id(i) == was.id(i)) && !is.find(was.id(i))) removed[l].emplace_back(was.id(i));
    }

    Workspace fragment;
    fragment.as_of = after.as_of;
    fragment.account = after.account;
    fragment.rules = after.rules;
    fragment.extra = after.extra;
    fragment.products = Filter(after.products, picked.products);
    fragment.resources = Filter(after.resources, picked.resources);
    fragment.orders = Filter(after.orders, picked.orders);
    fragment.coupons = Filter(after.coupons, picked.coupons);
    fragment.export_records = Filter(after.export_records, picked.export_records);

    JsonWriter h;
    h.beginObject();
    h.member("quotedesk_patch", static_cast<int64_t>(kWorkspacePatchVersion));
    h.key("base");
    WriteCounts(h, base);
    h.key("after");
    WriteCounts(h, now);
    h.key("removed");
    h.beginObject();
    for (std::size_t l = 0; l < kListCount; ++l) {
        if (removed[l].empty()) continue;
        h.key(kLists[l]);
        h.beginArray();
        for (const std::string& id : removed[l]) h.string(id);
        h.endArray();
    }
    h.endObject();
    h.key("whole");
    h.beginArray();
    for (std::size_t l = 0; l < kListCount; ++l)
        if (whole[l]) h.string(kLists[l]);
    h.endArray();
    h.endObject();
    std::string patch = h.take() + "\n" + SaveWorkspace(fragment);
    if (afterPrints) *afterPrints = std::move(now);
    return patch;
}

LoadErrors ApplyWorkspacePatch(Workspace& ws, std::string_view patch, std::string_view fileName)
{
    const auto refuse = [&](std::string message) {
        return LoadErrors{{std::string(fileName), "", 0, 0, std::move(message)}};
    };
    PatchHeader header;
    std::string why;
    const std::optional<std::string_view> fragmentText = SplitPatch(patch, header, why);
    if (!fragmentText) return refuse(why);
    bool fits = true;
    ForEachList(ws, ws, [&](std::size_t l, const auto& items, const auto&, auto positionIn) {
        if (items.size() != header.base[l]) {
            why = OtherWorkspaceCount(l, items.size(), header.base[l]);
            fits = false;
        }
        for (const std::string& id : header.removed[l])
            if (fits && (header.whole[l] || positionIn(id) == SIZE_MAX)) {
                why = OtherWorkspaceRemoval(l, id);
                fits = false;
            }
    });
    if (!fits) return refuse(why);

    // The fragment is read as any file is: every value checked, references resolved within it.
    LoadResult fragment = LoadWorkspace(*fragmentText, fileName);
    if (!fragment.ok) return fragment.errors;
    Workspace& f = fragment.workspace;

    ListUndo<Product> undoProducts;
    ListUndo<Resource> undoResources;
    ListUndo<Order> undoOrders;
    ListUndo<Coupon> undoCoupons;
    ListUndo<ExportRecord> undoExports;
    const auto merge = [&](std::size_t l, auto& items, auto& from, auto positionOf, auto& undo) {
        undo.sizeBefore = items.size();
        if (header.whole[l]) {
            undo.whole = true;
            items.swap(from);
            return;
        }
        for (std::size_t k = 0; k < from.size(); ++k) {
            const std::size_t at = (ws.*positionOf)(IdOf(from[k])).value_or(SIZE_MAX);
            if (at == SIZE_MAX) {
                items.push_back(from[k]);
                continue;
            }
            std::swap(items[at], from[k]);
            undo.replaced.emplace_back(at, k);
        }
        if (header.removed[l].empty()) return;
        std::unordered_set<std::string_view> gone(header.removed[l].begin(), header.removed[l].end());
        std::size_t out = 0;
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i < undo.sizeBefore && gone.count(IdOf(items[i]))) {
                undo.removed.emplace_back(i, std::move(items[i]));
                continue;
            }
            if (out != i) items[out] = std::move(items[i]);
            ++out;
        }
        items.resize(out);
    };
    const auto restore = [&](auto& items, auto& from, auto& undo) {
        if (undo.whole) {
            items.swap(from);
            return;
        }
        // Removed records back in place (increasing positions), appended ones dropped, replaced swapped back.
        std::size_t appended = items.size() + undo.removed.size() - undo.sizeBefore;
        items.resize(items.size() - appended);
        for (auto& [at, record] : undo.removed)
            items.insert(items.begin() + static_cast<std::ptrdiff_t>(at), std::move(record));
        for (auto [at, k] : undo.replaced) std::swap(items[at], from[k]);
    };
    merge(0, ws.products, f.products, &Workspace::positionOfProduct, undoProducts);
    merge(1, ws.resources, f.resources, &Workspace::positionOfResource, undoResources);
    merge(2, ws.orders, f.orders, &Workspace::positionOfOrder, undoOrders);
    merge(3, ws.coupons, f.coupons, &Workspace::positionOfCoupon, undoCoupons);
    merge(4, ws.export_records, f.export_records, &Workspace::positionOfExportRecord, undoExports);
    std::swap(ws.as_of, f.as_of);
    std::swap(ws.account, f.account);
    std::swap(ws.rules, f.rules);
    std::swap(ws.extra, f.extra);

    LoadErrors errors;
    ForEachList(ws, ws, [&](std::size_t l, const auto& items, const auto&, auto) {
        if (errors.empty() && items.size() != header.after[l])
            errors =
                refuse(std::string("the patch does not add up: ") + kLists[l] + " has " + std::to_string(items.size()) +
                       " records after it, the patch says " + std::to_string(header.after[l]));
    });
    if (errors.empty()) errors = CheckWorkspace(ws, fileName);  // across the whole workspace; reindexes
    if (errors.empty()) return errors;

    restore(ws.products, f.products, undoProducts);
    restore(ws.resources, f.resources, undoResources);
    restore(ws.orders, f.orders, undoOrders);
    restore(ws.coupons, f.coupons, undoCoupons);
    restore(ws.export_records, f.export_records, undoExports);
    std::swap(ws.as_of, f.as_of);
    std::swap(ws.account, f.account);
    std::swap(ws.rules, f.rules);
    std::swap(ws.extra, f.extra);
    ws.Reindex();
    return errors;
}

LoadErrors CheckWorkspacePatch(const WorkspaceFingerprints& base, std::string_view patch, std::string_view fileName)
{
    const auto refuse = [&](std::string message) {
        return LoadErrors{{std::string(fileName), "", 0, 0, std::move(message)}};
    };
    PatchHeader header;
    std::string why;
    const std::optional<std::string_view> fragmentText = SplitPatch(patch, header, why);
    if (!fragmentText) return refuse(why);
    LoadResult fragment = LoadWorkspace(*fragmentText, fileName);
    if (!fragment.ok) return fragment.errors;
    const WorkspaceFingerprints added = WorkspaceFingerprints::Of(fragment.workspace);
    // The same arithmetic as ApplyWorkspacePatch's: records replaced in place, new ones appended,
    // removed ones dropped, a list sent whole taken as the fragment's.
    for (std::size_t l = 0; l < kListCount; ++l) {
        const WorkspaceFingerprints::List& was = base.list(l);
        const WorkspaceFingerprints::List& in = added.list(l);
        if (was.size() != header.base[l]) return refuse(OtherWorkspaceCount(l, was.size(), header.base[l]));
        std::size_t after = in.size();
        if (!header.whole[l]) {
            for (const std::string& id : header.removed[l])
                if (!was.find(id)) return refuse(OtherWorkspaceRemoval(l, id));
            after = was.size() - header.removed[l].size();
            for (std::size_t k = 0; k < in.size(); ++k)
                if (!was.find(in.id(k))) ++after;
        } else if (!header.removed[l].empty()) {
            return refuse(OtherWorkspaceRemoval(l, header.removed[l].front()));
        }
        if (after != header.after[l])
            return refuse(std::string("the patch does not add up: ") + kLists[l] + " has " + std::to_string(after) +
                          " records after it, the patch says " + std::to_string(header.after[l]));
    }
    return {};
}

}  // namespace qd
