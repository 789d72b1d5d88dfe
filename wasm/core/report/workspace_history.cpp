#include "core/report/workspace_history.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/model/json_writer.h"
#include "core/model/record_fields.h"

namespace qd {
namespace {

using Kind = WorkspaceChange::Kind;

const char* Words(LabelLanguage lang, const char* zh, const char* en)
{
    return lang == LabelLanguage::Chinese ? zh : en;
}

std::string MoneyWords(const std::optional<Money>& m, LabelLanguage lang)
{
    return m ? m->display() : Words(lang, "未知", "unknown");
}

std::string CountsWords(const Workspace& ws, LabelLanguage lang)
{
    return std::to_string(ws.resources.size()) + Words(lang, " 个资源，", " resources, ") +
           std::to_string(ws.orders.size()) + Words(lang, " 个订单", " orders");
}

// Another workspace altogether: another account, or not one id of the old one's orders or resources
// left (a file opened over the sample, say). An operation never does that.
bool Replaced(const Workspace& before, const Workspace& after)
{
    if (before.account.name != after.account.name || before.account.customer_id != after.account.customer_id)
        return true;
    const bool hadAny = !before.resources.empty() || !before.orders.empty();
    const bool keptOne = std::any_of(before.resources.begin(), before.resources.end(),
                                     [&](const Resource& r) { return after.findResource(r.resource_id) != nullptr; }) ||
                         std::any_of(before.orders.begin(), before.orders.end(),
                                     [&](const Order& o) { return after.findOrder(o.order_id) != nullptr; });
    return hadAny && !keptOne;
}

class Collector {
public:
    Collector(LabelLanguage language, std::size_t limit, ZoneOffset offset)
        : lang(language), zone(offset), limit_(limit)
    {}
    void add(Kind kind, std::string subject, std::string before, std::string after)
    {
        ++summary.total;
        if (summary.changes.size() < limit_)
            summary.changes.push_back({kind, std::move(subject), std::move(before), std::move(after)});
    }
    std::string time(Instant i) const { return FormatConsole(i, zone); }
    LabelLanguage lang;
    ZoneOffset zone;
    ChangeSummary summary;

private:
    std::size_t limit_;
};

void DescribeAccount(const Account& a, const Account& b, Collector& out)
{
    const LabelLanguage lang = out.lang;
    if (a.cash_balance != b.cash_balance)
        out.add(Kind::Account, Words(lang, "现金余额", "cash balance"), MoneyWords(a.cash_balance, lang),
                MoneyWords(b.cash_balance, lang));
    if (a.unified_expiry_day != b.unified_expiry_day) {
        auto day = [&](const std::optional<UnifiedExpiryDay>& u) {
            if (!u) return std::string(Words(lang, "未设置", "not set"));
            if (u->isMonthEnd()) return std::string(Words(lang, "每月最后一天", "last day of the month"));
            return Words(lang, "每月 ", "day ") + std::to_string(u->day()) + Words(lang, " 日", "");
        };
        out.add(Kind::Account, Words(lang, "统一到期日", "unified expiry day"), day(a.unified_expiry_day),
                day(b.unified_expiry_day));
    }
    if (a.deduction_days_before != b.deduction_days_before)
        out.add(Kind::Account, Words(lang, "自动续费扣款日", "auto-renew charge day"),
                std::to_string(a.deduction_days_before), std::to_string(b.deduction_days_before));
    Account rest = a;  // anything else (the five-day quota's use, unknown members)
    rest.cash_balance = b.cash_balance;
    rest.unified_expiry_day = b.unified_expiry_day;
    rest.deduction_days_before = b.deduction_days_before;
    if (!(rest == b)) out.add(Kind::Account, Words(lang, "账户", "account"), "", "");
}

void DescribeOrders(const Workspace& before, const Workspace& after, Collector& out)
{
    const LabelLanguage lang = out.lang;
    for (const Order& o : after.orders) {
        const Order* was = before.findOrder(o.order_id);
        if (!was) {
            out.add(Kind::OrderAdded, o.order_id, "",
                    std::string(EnumLabel(o.order_type, lang)) + " · " + EnumLabel(o.status, lang));
        } else if (was->status != o.status) {
            out.add(Kind::OrderStatus, o.order_id, EnumLabel(was->status, lang), EnumLabel(o.status, lang));
        } else if (!(*was == o)) {
            out.add(Kind::OrderChanged, o.order_id, "", "");
        }
    }
    for (const Order& o : before.orders)
        if (!after.findOrder(o.order_id)) out.add(Kind::OrderRemoved, o.order_id, EnumLabel(o.status, lang), "");
}

void DescribeResources(const Workspace& before, const Workspace& after, Collector& out)
{
    const LabelLanguage lang = out.lang;
    auto name = [](const Resource& r) { return r.resource_name.empty() ? r.resource_id : r.resource_name; };
    for (const Resource& r : after.resources) {
        const Resource* was = before.findResource(r.resource_id);
        if (!was) {
            out.add(Kind::ResourceAdded, name(r), "", EnumLabel(r.status, lang));
            continue;
        }
        if (*was == r) continue;
        bool said = false;
        if (was->renewal_policy != r.renewal_policy) {
            out.add(Kind::ResourcePolicy, name(r), EnumLabel(was->renewal_policy, lang),
                    EnumLabel(r.renewal_policy, lang));
            said = true;
        }
        if (was->expire_time != r.expire_time) {
            out.add(Kind::ResourceExpiry, name(r), out.time(was->expire_time), out.time(r.expire_time));
            said = true;
        }
        if (was->status != r.status) {
            out.add(Kind::ResourceStatus, name(r), EnumLabel(was->status, lang), EnumLabel(r.status, lang));
            said = true;
        }
        if (!said) out.add(Kind::ResourceChanged, name(r), "", "");
    }
    for (const Resource& r : before.resources)
        if (!after.findResource(r.resource_id)) out.add(Kind::ResourceRemoved, name(r), "", "");
}

void DescribeCoupons(const Workspace& before, const Workspace& after, Collector& out)
{
    std::unordered_map<std::string_view, const Coupon*> old;
    for (const Coupon& c : before.coupons) old.emplace(c.coupon_id, &c);
    for (const Coupon& c : after.coupons) {
        auto it = old.find(c.coupon_id);
        if (it == old.end()) {
            out.add(Kind::CouponChanged, c.coupon_id, "", MoneyWords(c.balance, out.lang));
            continue;
        }
        if (!(*it->second == c))
            out.add(Kind::CouponChanged, c.coupon_id, MoneyWords(it->second->balance, out.lang),
                    MoneyWords(c.balance, out.lang));
        old.erase(it);
    }
    for (const auto& [id, c] : old) out.add(Kind::CouponChanged, std::string(id), MoneyWords(c->balance, out.lang), "");
}

}  // namespace

ChangeSummary DescribeChanges(const Workspace& before, const Workspace& after, LabelLanguage lang, std::size_t limit)
{
    Collector out(lang, limit, after.rules.zone);
    if (Replaced(before, after)) {
        out.add(Kind::Replaced, after.account.name, CountsWords(before, lang), CountsWords(after, lang));
        return std::move(out.summary);
    }
    if (before.as_of != after.as_of) {
        auto clock = [&](const std::optional<Instant>& t) {
            return t ? out.time(*t) : std::string(Words(lang, "实时时钟", "the real clock"));
        };
        out.add(Kind::AsOf, "", clock(before.as_of), clock(after.as_of));
    }
    DescribeAccount(before.account, after.account, out);
    if (!(before.rules == after.rules)) out.add(Kind::Rules, "", "", "");
    DescribeOrders(before, after, out);
    DescribeResources(before, after, out);
    DescribeCoupons(before, after, out);
    if (!(before.products == after.products) || !(before.export_records == after.export_records) ||
        !(before.extra == after.extra))
        out.add(Kind::Other, "", "", "");
    return std::move(out.summary);
}

namespace {

// One heap block of `n` bytes as this build's allocator hands it out: dlmalloc in wasm32 (a 4-byte
// header, 8-byte granules, 16 at least), glibc natively (8, 16, 32).
uint64_t BlockBytes(std::size_t n)
{
    if (n == 0) return 0;
    constexpr std::size_t header = sizeof(void*);
    constexpr std::size_t granule = 2 * sizeof(void*) > 8 ? 2 * sizeof(void*) : 8;
    const std::size_t block = (n + header + granule - 1) / granule * granule;
    return block < 4 * sizeof(void*) ? 4 * sizeof(void*) : block;
}

// The heap blocks behind the fields of a record (its own bytes are counted by whoever holds it).
struct HeapBytes {
    uint64_t sum = 0;
    void operator()(const std::string& s)
    {
        if (s.capacity() > std::string().capacity()) sum += BlockBytes(s.capacity() + 1);  // beyond the in-place buffer
    }
    void operator()(const UnknownMembers& members)
    {
        if (members.capacity() == 0) return;
        sum += BlockBytes(sizeof(std::vector<UnknownMembers::value_type>)) +
               BlockBytes(sizeof(UnknownMembers::value_type) * members.capacity());
        for (const auto& [key, json] : members) (*this)(key), (*this)(json);
    }
    template <class T>
    void operator()(const std::optional<T>& o)
    {
        if (o) (*this)(*o);
    }
    template <class T>
    void operator()(const std::vector<T>& v)
    {
        sum += BlockBytes(sizeof(T) * v.capacity());
        if constexpr (!std::is_trivially_copyable_v<T>)
            for (const T& item : v) (*this)(item);
    }
    template <class T>
    requires(kFieldCount<T> > 0) void operator()(const T& record) { ForEachField(record, *this); }
    template <class T>
    requires(std::is_trivially_copyable_v<T>) void operator()(const T&) {}
};

}  // namespace

// Measured, not guessed: every vector's block (sizeof(T) x capacity), every string beyond its
// in-place buffer, the unknown members and the index, as the allocator hands them out. For the
// 100,000-resource benchmark file this is malloc's bytes in use to within 1% (docs/performance.md
// "Where the bytes go"; tests/core/test_workspace_history.cpp checks it against malloc natively).
uint64_t EstimateWorkspaceBytes(const Workspace& ws, uint64_t atMost)
{
    constexpr uint64_t kFixed = sizeof(Workspace) + 4096;  // 4096: the rule profile and the account, roughly
    const WorkspaceIndex& index = ws.index;
    HeapBytes heap;
    // What needs no walk first: the arrays of the lists and of the index.
    const auto array = [&](const auto& v) { heap.sum += BlockBytes(sizeof(v[0]) * v.capacity()); };
    array(ws.products);
    array(ws.resources);
    array(ws.orders);
    array(ws.coupons);
    array(ws.export_records);
    for (const IdIndex* ids : {&index.products, &index.resources, &index.orders, &index.coupons, &index.export_records})
        heap.sum += BlockBytes(ids->tableBytes());
    heap(index.product_of);
    heap(index.attached_begin);
    heap(index.attached);
    if (kFixed + heap.sum > atMost) return kFixed + heap.sum;
    // Then what every record holds beyond its own bytes.
    const auto records = [&](const auto& v) {
        for (const auto& record : v) heap(record);
    };
    records(ws.products);
    records(ws.resources);
    records(ws.orders);
    records(ws.coupons);
    records(ws.export_records);
    heap(ws.extra);
    heap(ws.account.customer_id);
    heap(ws.account.name);
    return kFixed + heap.sum;
}

std::string HistoryLogJson(const std::vector<HistoryEntry>& log)
{
    JsonWriter w;
    w.beginArray();
    for (const HistoryEntry& e : log) {
        w.beginObject();
        w.member("seq", static_cast<int64_t>(e.seq));
        w.member("at", FormatUtc(e.at));
        w.member("undone", e.undone);
        w.member("total", static_cast<int64_t>(e.what.total));
        w.key("changes");
        w.beginArray();
        for (const WorkspaceChange& c : e.what.changes) {
            w.beginObject();
            w.member("kind", static_cast<int64_t>(c.kind));
            w.member("subject", c.subject);
            w.member("before", c.before);
            w.member("after", c.after);
            w.endObject();
        }
        w.endArray();
        w.endObject();
    }
    w.endArray();
    return w.take();
}

std::optional<std::vector<HistoryEntry>> ParseHistoryLog(std::string_view text)
{
    const nlohmann::json v = nlohmann::json::parse(text, nullptr, false);
    if (!v.is_array()) return std::nullopt;
    std::vector<HistoryEntry> log;
    const auto count = [](const nlohmann::json& o, const char* k) {
        return o.contains(k) && o[k].is_number_unsigned() ? o[k].get<uint64_t>() : uint64_t{0};
    };
    const auto text_of = [](const nlohmann::json& o, const char* k) {
        return o.contains(k) && o[k].is_string() ? o[k].get<std::string>() : std::string();
    };
    for (const nlohmann::json& o : v) {
        if (!o.is_object() || !o.contains("changes") || !o["changes"].is_array()) return std::nullopt;
        const InstantParse at = ParseInstant(text_of(o, "at"));
        if (!at) return std::nullopt;
        HistoryEntry e;
        e.seq = count(o, "seq");
        e.at = at.value;
        e.undone = o.contains("undone") && o["undone"].is_boolean() && o["undone"].get<bool>();
        e.what.total = static_cast<std::size_t>(count(o, "total"));
        for (const nlohmann::json& c : o["changes"]) {
            if (!c.is_object()) return std::nullopt;
            const uint64_t kind = count(c, "kind");
            if (kind > static_cast<uint64_t>(WorkspaceChange::Kind::Other)) return std::nullopt;
            e.what.changes.push_back({static_cast<WorkspaceChange::Kind>(kind), text_of(c, "subject"),
                                      text_of(c, "before"), text_of(c, "after")});
        }
        e.what.total = std::max(e.what.total, e.what.changes.size());
        log.push_back(std::move(e));
    }
    return log;
}

void WorkspaceHistory::reset(const Workspace& ws)
{
    undo_.clear();
    redo_.clear();
    log_.clear();
    limited_ = false;
    current_.reset();
    currentBytes_ = EstimateWorkspaceBytes(ws, kHistoryBudgetBytes);
    if (currentBytes_ <= kHistoryBudgetBytes) current_ = ws;
    else limited_ = true;
}

void WorkspaceHistory::commit(const Workspace& ws, Instant now, LabelLanguage lang)
{
    HistoryEntry entry;
    entry.at = now;
    if (current_) {
        if (*current_ == ws) return;
        entry.what = DescribeChanges(*current_, ws, lang);
    } else {
        entry.what.total = 1;  // changed; too large to say how
    }
    entry.seq = nextSeq_++;
    log_.erase(std::remove_if(log_.begin(), log_.end(), [](const HistoryEntry& e) { return e.undone; }), log_.end());
    log_.push_back(std::move(entry));
    if (log_.size() > kHistoryMaxEntries) log_.erase(log_.begin());
    redo_.clear();
    const uint64_t bytes = EstimateWorkspaceBytes(ws, kHistoryBudgetBytes);  // exact when it is kept
    if (current_) undo_.push_back(Step{std::move(*current_), log_.back().seq, currentBytes_});
    current_.reset();
    currentBytes_ = bytes;
    if (bytes <= kHistoryBudgetBytes) current_ = ws;
    trim();
}

bool WorkspaceHistory::undo(Workspace& ws) { return step(undo_, redo_, true, ws); }
bool WorkspaceHistory::redo(Workspace& ws) { return step(redo_, undo_, false, ws); }

// One step: the workspace on the other side of `from`'s last step replaces ws, and ws goes onto `to`.
bool WorkspaceHistory::step(std::vector<Step>& from, std::vector<Step>& to, bool undone, Workspace& ws)
{
    if (from.empty()) return false;
    Step step = std::move(from.back());
    from.pop_back();
    markUndone(step.seq, undone);
    to.push_back(Step{ws, step.seq, EstimateWorkspaceBytes(ws)});
    ws = std::move(step.workspace);  // a copy keeps its index: no Reindex
    current_ = ws;
    currentBytes_ = step.bytes;
    trim();
    return true;
}

void WorkspaceHistory::restoreLog(std::vector<HistoryEntry> entries)
{
    log_ = std::move(entries);
    for (HistoryEntry& e : log_) e.undone = false;  // the steps did not survive: nothing to redo
    nextSeq_ = log_.empty() ? 1 : log_.back().seq + 1;
}

void WorkspaceHistory::markUndone(uint64_t seq, bool undone)
{
    for (auto it = log_.rbegin(); it != log_.rend(); ++it)
        if (it->seq == seq) {
            it->undone = undone;
            return;
        }
}

// Keeps the copies (current + steps) within the budget: the oldest undo steps go first, then the
// farthest redo steps.
void WorkspaceHistory::trim()
{
    auto total = [&] {
        uint64_t sum = current_ ? currentBytes_ : 0;
        for (const Step& s : undo_) sum += s.bytes;
        for (const Step& s : redo_) sum += s.bytes;
        return sum;
    };
    while (total() > kHistoryBudgetBytes && (!undo_.empty() || !redo_.empty())) {
        if (!undo_.empty()) undo_.erase(undo_.begin());
        else redo_.erase(redo_.begin());
        limited_ = true;
    }
}

}  // namespace qd
