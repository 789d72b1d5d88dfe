// save.cpp: quotedesk/1 writer (save.h).
#include "core/io/save.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "core/model/json_writer.h"

namespace qd {

namespace {

// Indented JSON in the style of nlohmann's dump(2), except that lists of plain numbers may be kept
// on one line ("months": [1, 2, 3]). JsonWriter (json_writer.h) is the compact counterpart.
class PrettyWriter {
public:
    void beginObject() { open('{', false); }
    void endObject() { close('}'); }
    void beginArray(bool oneLine = false) { open('[', oneLine); }
    void endArray() { close(']'); }
    void key(std::string_view k)
    {
        beforeValue();
        AppendJsonString(out_, k);
        out_ += ": ";
        afterKey_ = true;
    }
    // A key of the format (a literal of WorkspaceWriter: plain ASCII, nothing to escape) without the
    // escape scan: ~60 of them per resource and order (docs/performance.md "Saving")
    void formatKey(std::string_view k)
    {
        beforeValue();
        out_ += '"';
        out_.append(k);
        out_.append("\": ", 3);
        afterKey_ = true;
    }
    void string(std::string_view s)
    {
        beforeValue();
        AppendJsonString(out_, s);
    }
    // a number, true, false or null
    void literal(std::string_view json)
    {
        beforeValue();
        out_ += json;
    }
    // Money, times and integers straight into the text, no std::string of their own (a 100k workspace
    // has ~5 million of them: docs/performance.md "Saving")
    void money(Money m)
    {
        beforeValue();
        out_ += '"';
        AppendMoney(out_, m);
        out_ += '"';
    }
    void instant(Instant t, ZoneOffset z)
    {
        beforeValue();
        out_ += '"';
        AppendIso(out_, t, z);
        out_ += '"';
    }
    void integer(int64_t n)
    {
        beforeValue();
        AppendInteger(out_, n);
    }
    void json(std::string_view compact);  // any value kept as text (unknown members)
    std::string take() { return std::move(out_); }
    std::size_t size() const { return out_.size(); }
    void swapText(std::string& text)
    {  // hands over what was written so far (the document goes on)
        out_.swap(text);
        out_.clear();
    }

private:
    struct Level {
        bool empty = true;
        bool oneLine = false;
    };
    // ",\n" and the indentation of a level in one append (a 100k workspace has ~10 million lines)
    static constexpr std::size_t kMaxIndentLevels = 64;  // deeper (unknown members only): appended in two
    static constexpr std::string_view kBreak{
        ",\n                                                                "
        "                                                                ",
        2 + 2 * kMaxIndentLevels};
    void newline(bool comma)
    {
        const std::size_t indent = 2 * levels_.size();
        if (levels_.size() <= kMaxIndentLevels) {
            out_.append(kBreak.substr(comma ? 0 : 1, (comma ? 2 : 1) + indent));
            return;
        }
        out_.append(kBreak.substr(comma ? 0 : 1, comma ? 2 : 1));
        out_.append(indent, ' ');
    }
    void beforeValue()
    {
        if (afterKey_) {
            afterKey_ = false;
            return;
        }
        if (levels_.empty()) return;
        Level& level = levels_.back();
        if (level.oneLine) {
            if (!level.empty) out_ += ", ";
        } else {
            newline(!level.empty);
        }
        level.empty = false;
    }
    void open(char c, bool oneLine)
    {
        beforeValue();
        out_ += c;
        levels_.push_back({true, oneLine});
    }
    void close(char c)
    {
        const Level level = levels_.back();
        levels_.pop_back();
        if (!level.empty && !level.oneLine) newline(false);
        out_ += c;
    }

    std::string out_;
    std::vector<Level> levels_;
    bool afterKey_ = false;
};

// Re-emits a stored value through the writer, keeping each number's text as it was.
struct ReplayJson {
    PrettyWriter& w;
    bool null()
    {
        w.literal("null");
        return true;
    }
    bool boolean(bool b)
    {
        w.literal(b ? "true" : "false");
        return true;
    }
    bool number_integer(std::int64_t n)
    {
        w.integer(n);
        return true;
    }
    bool number_unsigned(std::uint64_t n)
    {
        w.literal(std::to_string(n));
        return true;
    }
    bool number_float(double, const std::string& lexeme)
    {
        w.literal(lexeme);
        return true;
    }
    bool string(std::string& s)
    {
        w.string(s);
        return true;
    }
    bool binary(nlohmann::json::binary_t&) { return true; }
    bool start_object(std::size_t)
    {
        w.beginObject();
        return true;
    }
    bool key(std::string& k)
    {
        w.key(k);
        return true;
    }
    bool end_object()
    {
        w.endObject();
        return true;
    }
    bool start_array(std::size_t)
    {
        w.beginArray();
        return true;
    }
    bool end_array()
    {
        w.endArray();
        return true;
    }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }
};

void PrettyWriter::json(std::string_view compact)
{
    // Stored values come from the loader's own serialiser, so they always parse.
    ReplayJson replay{*this};
    nlohmann::json::sax_parse(compact.data(), compact.data() + compact.size(), &replay);
}

// "0.9" for 9000 per ten thousand, "0.875" for 8750, "1" for 10000.
std::string RatioText(int perTenThousand)
{
    std::string out = std::to_string(perTenThousand / 10000);
    std::string fraction = std::to_string(10000 + perTenThousand % 10000).substr(1);
    while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
    return fraction.empty() ? out : out + "." + fraction;
}

// Writes the model, member by member, in the order of docs/workspace-format.md.
class WorkspaceWriter {
public:
    explicit WorkspaceWriter(ZoneOffset zone) : zone_(zone) {}

    void workspace(const Workspace& ws)
    {
        head(ws);
        list("products", ws.products, &WorkspaceWriter::product);
        list("resources", ws.resources, &WorkspaceWriter::resource);
        list("orders", ws.orders, &WorkspaceWriter::order);
        list("coupons", ws.coupons, &WorkspaceWriter::coupon);
        list("export_records", ws.export_records, &WorkspaceWriter::exportRecord);
        tail(ws);
    }

    // The same document in parts (WorkspaceSaveStream): the head, each list opened, its items one at
    // a time and closed, in the order of workspace(), then the tail.
    void head(const Workspace& ws)
    {
        w_.beginObject();
        member("format", std::string(kWorkspaceFormat));
        member("as_of", ws.as_of);
        w_.formatKey("account");
        account(ws.account);
        if (nlohmann::ordered_json rules = RuleOverrides(ws.rules); !rules.empty()) {
            w_.formatKey("rules");
            w_.json(rules.dump());
        }
    }
    void openList(std::string_view key)
    {
        w_.formatKey(key);
        w_.beginArray();
    }
    void closeList() { w_.endArray(); }
    void item(const Product& p) { product(p); }
    void item(const Resource& r) { resource(r); }
    void item(const Order& o) { order(o); }
    void item(const Coupon& c) { coupon(c); }
    void item(const ExportRecord& e) { exportRecord(e); }
    void tail(const Workspace& ws)
    {
        end(ws.extra);
        w_.literal("\n");  // after the closing brace: no value is written after it
    }
    std::size_t size() const { return w_.size(); }
    void swapText(std::string& text) { w_.swapText(text); }

    std::string take() { return w_.take(); }

private:
    // ---- one value of each model type
    void value(const std::string& s) { w_.string(s); }
    void value(Money m) { w_.money(m); }
    void value(Instant t) { w_.instant(t, zone_); }
    void value(int n) { w_.integer(n); }
    void value(bool b) { w_.literal(b ? "true" : "false"); }
    template <class E>
    requires std::is_enum_v<E>
    void value(E e) { w_.string(ToString(e)); }
    void value(UnifiedExpiryDay d)
    {  // 1..28 as a number, month end as "last"
        if (d.isMonthEnd()) w_.string(d.str());
        else w_.literal(d.str());
    }

    template <class T>
    void member(std::string_view key, const T& v)
    {
        w_.formatKey(key);
        value(v);
    }
    template <class T>
    void member(std::string_view key, const std::optional<T>& v)
    {  // absent: left out
        if (v) member(key, *v);
    }
    template <class T>
    void member(std::string_view key, const std::optional<T>& v, void (WorkspaceWriter::*write)(const T&))
    {
        if (!v) return;
        w_.formatKey(key);
        (this->*write)(*v);
    }
    template <class T>
    void list(std::string_view key, const std::vector<T>& items, void (WorkspaceWriter::*write)(const T&))
    {
        w_.formatKey(key);
        w_.beginArray();
        for (const T& item : items) (this->*write)(item);
        w_.endArray();
    }
    // Members added after the first files were written (docs/workspace-format.md): left out when empty,
    // so that files without them are written back exactly as before.
    template <class T>
    void listIfAny(std::string_view key, const std::vector<T>& items, void (WorkspaceWriter::*write)(const T&))
    {
        if (!items.empty()) list(key, items, write);
    }
    void textIfAny(std::string_view key, const std::string& text)
    {
        if (!text.empty()) member(key, text);
    }
    void numbers(std::string_view key, const std::vector<int>& items)
    {
        w_.formatKey(key);
        w_.beginArray(true);
        for (int n : items) value(n);
        w_.endArray();
    }
    void end(const UnknownMembers& extra)
    {  // unknown members last, then close the object
        for (const auto& [key, json] : extra) {
            w_.key(key);
            w_.json(json);
        }
        w_.endObject();
    }

    // ---- the objects of the format
    void fiveDayQuota(const FiveDayQuota& q)
    {
        w_.beginObject();
        member("year", q.year);
        member("limit", q.limit);
        member("used", q.used);
        end(q.extra);
    }
    void account(const Account& a)
    {
        w_.beginObject();
        member("customer_id", a.customer_id);
        member("name", a.name);
        member("currency", a.currency);
        member("cash_balance", a.cash_balance);
        member("five_day_quota", a.five_day_quota, &WorkspaceWriter::fiveDayQuota);
        member("deduction_days_before", a.deduction_days_before);
        member("unified_expiry_day", a.unified_expiry_day);
        member("frozen_reason", a.frozen_reason);
        end(a.extra);
    }
    void product(const Product& p)
    {
        w_.beginObject();
        member("product_id", p.product_id);
        member("service_type_code", p.service_type_code);
        member("service_type_name", p.service_type_name);
        member("resource_type_code", p.resource_type_code);
        member("spec_desc", p.spec_desc);
        member("region_code", p.region_code);
        w_.formatKey("prices");
        w_.beginObject();
        member("month", p.prices.month);
        member("year", p.prices.year);
        end(p.prices.extra);
        w_.formatKey("renew_options");
        w_.beginObject();
        numbers("months", p.renew_options.months);
        numbers("years", p.renew_options.years);
        end(p.renew_options.extra);
        member("kind", p.kind);
        member("delisted", p.delisted);
        member("five_day_refund", p.five_day_refund);
        member("unsubscribable", p.unsubscribable);
        member("to_on_demand", p.to_on_demand);
        if (!p.periods_unsubscribable) member("periods_unsubscribable", false);  // written when not the default
        end(p.extra);
    }
    void autoRenew(const AutoRenew& a)
    {
        w_.beginObject();
        member("period", a.period);
        member("period_num", a.period_num);
        w_.formatKey("times_left");  // null = unlimited, written out because that is what it means
        if (a.times_left) value(*a.times_left);
        else w_.literal("null");
        end(a.extra);
    }
    void paid(const PaidBreakdown& p)
    {
        w_.beginObject();
        member("cash", p.cash);
        member("voucher", p.voucher);
        member("flexi_coupon", p.flexi_coupon);
        member("stored_card", p.stored_card);
        member("discount_coupon", p.discount_coupon);
        member("voucher_expire_time", p.voucher_expire_time);
        end(p.extra);
    }
    void period(const ResourcePeriod& p)
    {
        w_.beginObject();
        member("order_id", p.order_id);
        member("kind", p.kind);
        member("start", p.start);
        member("end", p.end);
        member("list_amount", p.list_amount);
        member("paid", p.paid, &WorkspaceWriter::paid);
        member("no_five_day_refund", p.no_five_day_refund);
        member("invoiced", p.invoiced);
        if (p.promotion) member("promotion", true);  // seed 4.4.2 / 4.4.3 refusal data: written when true
        if (p.changed_before_effective) member("changed_before_effective", true);
        end(p.extra);
    }
    void resource(const Resource& r)
    {
        w_.beginObject();
        member("resource_id", r.resource_id);
        member("resource_name", r.resource_name);
        member("product_id", r.product_id);
        member("region_code", r.region_code);
        member("main_resource_id", r.main_resource_id);
        member("relation", r.relation);
        member("status", r.status);
        member("frozen_reason", r.frozen_reason);
        member("provisioning", r.provisioning);
        member("effective_time", r.effective_time);
        member("expire_time", r.expire_time);
        member("anchor_day", r.anchor_day);
        member("renewal_policy", r.renewal_policy);
        member("auto_renew", r.auto_renew, &WorkspaceWriter::autoRenew);
        list("periods", r.periods, &WorkspaceWriter::period);
        member("enterprise_project", r.enterprise_project, &WorkspaceWriter::enterpriseProject);
        listIfAny("renew_rates", r.renew_rates, &WorkspaceWriter::renewRate);
        if (r.bandwidth_addon) member("bandwidth_addon", true);  // seed 4.4.2 / 4.4.3 refusal data: written when true
        if (r.added_after_renewal) member("added_after_renewal", true);
        if (r.special_unsubscribe) member("special_unsubscribe", true);
        end(r.extra);
    }
    void enterpriseProject(const EnterpriseProject& e)
    {
        w_.beginObject();
        member("id", e.id);
        member("name", e.name);
        end(e.extra);
    }
    void renewRate(const RenewRate& r)
    {
        w_.beginObject();
        member("period", r.period);
        member("period_num", r.period_num);
        member("amount", r.amount);
        textIfAny("error_code", r.error_code);
        textIfAny("error_msg", r.error_msg);
        end(r.extra);
    }
    void discount(const Discount& d)
    {
        w_.beginObject();
        member("type", d.type);
        member("amount", d.amount);
        end(d.extra);
    }
    void item(const OrderItem& i)
    {
        w_.beginObject();
        member("resource_id", i.resource_id);
        member("product_id", i.product_id);
        member("period", i.period);
        member("period_num", i.period_num);
        member("amount", i.amount);
        member("effective_time", i.effective_time);
        member("expire_time", i.expire_time);
        member("subscription_num", i.subscription_num);
        member("paid", i.paid, &WorkspaceWriter::paid);
        member("fee", i.fee);
        member("consumed", i.consumed);
        end(i.extra);
    }
    void historyEntry(const TradeHistoryEntry& h)
    {
        w_.beginObject();
        member("time", h.time);
        member("type", h.type);
        member("order_id", h.order_id);
        end(h.extra);
    }
    void order(const Order& o)
    {
        w_.beginObject();
        member("order_id", o.order_id);
        member("order_type", o.order_type);
        member("status", o.status);
        member("create_time", o.create_time);
        member("payment_time", o.payment_time);
        member("pending_payment_end_time", o.pending_payment_end_time);
        member("combined_order_id", o.combined_order_id);
        member("official_amount", o.official_amount);
        member("amount_after_discount", o.amount_after_discount);
        member("currency", o.currency);
        member("service_type_name", o.service_type_name);
        member("created_by", o.created_by);
        member("auto_renew_after_payment", o.auto_renew_after_payment, &WorkspaceWriter::autoRenew);
        list("items", o.items, &WorkspaceWriter::item);
        list("history", o.history, &WorkspaceWriter::historyEntry);
        member("paid", o.paid, &WorkspaceWriter::paid);
        listIfAny("discounts", o.discounts, &WorkspaceWriter::discount);
        member("fee", o.fee);
        member("consumed", o.consumed);
        textIfAny("contract_id", o.contract_id);
        listIfAny("enterprise_projects", o.enterprise_projects, &WorkspaceWriter::enterpriseProject);
        end(o.extra);
    }
    void coupon(const Coupon& c)
    {
        w_.beginObject();
        member("coupon_id", c.coupon_id);
        member("type", c.type);
        member("balance", c.balance);
        if (c.discount_ratio_bp) member("discount_ratio", RatioText(*c.discount_ratio_bp));
        member("expire_time", c.expire_time);
        end(c.extra);
    }
    void exportRecord(const ExportRecord& e)
    {
        w_.beginObject();
        member("id", e.id);
        member("kind", e.kind);
        member("created_time", e.created_time);
        member("file_name", e.file_name);
        member("rows", e.rows);
        end(e.extra);
    }

    ZoneOffset zone_;
    PrettyWriter w_;
};

}  // namespace

std::string SaveWorkspace(const Workspace& ws)
{
    WorkspaceWriter writer(ws.rules.zone);
    writer.workspace(ws);
    return writer.take();
}

struct WorkspaceSaveStream::State {
    explicit State(const Workspace& w) : ws(w), writer(w.rules.zone) {}
    const Workspace& ws;
    WorkspaceWriter writer;
    int part = 0;            // 0 head, 1..5 the lists (products .. export_records), 6 tail, 7 done
    bool listOpen = false;   // the current list's '[' is written
    std::size_t cursor = 0;  // the next item of the current list
    std::size_t items = 0;   // items written so far (progress)
    std::size_t total = 0;   // items of all lists
};

WorkspaceSaveStream::WorkspaceSaveStream(const Workspace& ws) : s_(std::make_unique<State>(ws))
{
    s_->total =
        ws.products.size() + ws.resources.size() + ws.orders.size() + ws.coupons.size() + ws.export_records.size();
}
WorkspaceSaveStream::~WorkspaceSaveStream() = default;

bool WorkspaceSaveStream::done() const { return s_->part == 7; }

int WorkspaceSaveStream::progress() const
{
    if (done()) return 100;
    return s_->total == 0 ? 0 : static_cast<int>(static_cast<uint64_t>(s_->items) * 99 / s_->total);
}

namespace {

// Writes items of one list from `cursor` until the text reaches `bytes`; true when the list is done.
template <class T>
bool ListPart(WorkspaceWriter& w, const char* key, const std::vector<T>& items, bool& open, std::size_t& cursor,
              std::size_t& written, std::size_t bytes)
{
    if (!open) {
        w.openList(key);
        open = true;
    }
    while (cursor < items.size() && w.size() < bytes) {
        w.item(items[cursor++]);
        ++written;
    }
    if (cursor < items.size()) return false;
    w.closeList();
    open = false;
    cursor = 0;
    return true;
}

}  // namespace

bool WorkspaceSaveStream::Next(std::string& piece, std::size_t bytes)
{
    State& s = *s_;
    piece.clear();
    bytes = std::max<std::size_t>(bytes, 1);
    while (s.part < 7 && s.writer.size() < bytes) {
        bool next = true;
        switch (s.part) {
            case 0: s.writer.head(s.ws); break;
            case 1: next = ListPart(s.writer, "products", s.ws.products, s.listOpen, s.cursor, s.items, bytes); break;
            case 2: next = ListPart(s.writer, "resources", s.ws.resources, s.listOpen, s.cursor, s.items, bytes); break;
            case 3: next = ListPart(s.writer, "orders", s.ws.orders, s.listOpen, s.cursor, s.items, bytes); break;
            case 4: next = ListPart(s.writer, "coupons", s.ws.coupons, s.listOpen, s.cursor, s.items, bytes); break;
            case 5:
                next = ListPart(s.writer, "export_records", s.ws.export_records, s.listOpen, s.cursor, s.items, bytes);
                break;
            case 6: s.writer.tail(s.ws); break;
        }
        if (next) ++s.part;
    }
    s.writer.swapText(piece);
    return !piece.empty();
}

}  // namespace qd
