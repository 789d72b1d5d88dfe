// The printable quote sheet (quote_sheet.h).
#include "core/report/quote_sheet.h"

#include <cstdint>
#include <cstdio>

namespace qd {

namespace {

// FNV-1a, 32 bits, fed field by field; a field ends with a separator byte so "ab","c" != "a","bc".
class FactHash {
public:
    FactHash& add(std::string_view s)
    {
        for (char c : s) mix(static_cast<unsigned char>(c));
        mix(0x1f);
        return *this;
    }
    FactHash& add(int64_t v)
    {
        for (int i = 0; i < 8; ++i) mix(static_cast<unsigned char>(static_cast<uint64_t>(v) >> (8 * i)));
        mix(0x1f);
        return *this;
    }
    FactHash& add(Instant t) { return add(t.unixSeconds()); }
    FactHash& add(Money m) { return add(m.fen()); }
    uint32_t value() const { return h_; }

private:
    void mix(unsigned char c)
    {
        h_ ^= c;
        h_ *= 16777619u;
    }
    uint32_t h_ = 2166136261u;
};

char KindLetter(SheetKind kind)
{
    switch (kind) {
        case SheetKind::Renewal: return 'R';
        case SheetKind::Alignment: return 'A';
        case SheetKind::Purchase: return 'P';
        case SheetKind::Refund: break;
    }
    return 'U';  // 退订 (unsubscription)
}

std::string Reference(SheetKind kind, Instant asOf, const RuleProfile& rules, FactHash facts)
{
    facts.add(RuleProfileJson(rules));
    const LocalDate day = LocalDateOf(asOf, rules.zone);
    char buf[40];
    std::snprintf(buf, sizeof buf, "QD-%c-%02d%02d%02d-%08X", KindLetter(kind), day.year() % 100, day.month(),
                  day.day(), static_cast<unsigned>(facts.value()));
    return buf;
}

void Escape(std::string& out, std::string_view text)
{
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
}

// <tag class="cls">text</tag>
void Element(std::string& out, std::string_view tag, std::string_view cls, std::string_view text)
{
    out += '<';
    out += tag;
    if (!cls.empty()) {
        out += " class=\"";
        out += cls;
        out += '"';
    }
    out += '>';
    Escape(out, text);
    out += "</";
    out += tag;
    out += '>';
}

}  // namespace

std::span<const std::string_view> RulesBehind(SheetKind kind)
{
    // docs/rules.md §6: the keys each quote reads (renewal.cpp, purchase.cpp, refund.cpp).
    static constexpr std::string_view kRenewal[] = {"zone",       "expiry_clock",   "day_price",           "rounding",
                                                    "grace_days", "retention_days", "pending_payment_days"};
    static constexpr std::string_view kAlignment[] = {"zone", "expiry_clock", "day_price", "rounding"};
    static constexpr std::string_view kPurchase[] = {"zone", "expiry_clock", "pending_payment_days"};
    static constexpr std::string_view kRefund[] = {
        "zone",     "five_day_window_hours", "five_day_quota",      "consumed_granularity", "fee_table",
        "rounding", "refund_split",          "large_refund_warning"};
    switch (kind) {
        case SheetKind::Renewal: return kRenewal;
        case SheetKind::Alignment: return kAlignment;
        case SheetKind::Purchase: return kPurchase;
        case SheetKind::Refund: break;
    }
    return kRefund;
}

std::string SheetReference(const RenewalQuote& quote, SheetKind kind, const RuleProfile& rules)
{
    FactHash h;
    h.add(quote.as_of).add(quote.total);
    for (const RenewalQuoteItem& item : quote.items) {
        h.add(item.resource_id.view()).add(item.product_id.view()).add(item.old_expire_time).add(item.new_expire_time);
        h.add(item.duration.months()).add(item.extra_days).add(item.new_anchor_day).add(item.amount);
        for (const QuoteLine& line : item.lines) h.add(line.amount);
    }
    return Reference(kind, quote.as_of, rules, h);
}

std::string SheetReference(const PurchaseQuote& quote, const RuleProfile& rules)
{
    FactHash h;
    h.add(quote.as_of).add(quote.total);
    for (const PurchaseQuoteItem& item : quote.items) {
        h.add(item.product_id).add(item.duration.months()).add(item.quantity).add(item.unit_price);
        h.add(item.effective_time).add(item.expire_time).add(item.amount);
    }
    return Reference(SheetKind::Purchase, quote.as_of, rules, h);
}

std::string SheetReference(const RefundPreview& preview, const RuleProfile& rules)
{
    FactHash h;
    h.add(preview.as_of).add(preview.total).add(preview.refund.cash).add(preview.refund.voucher);
    h.add(preview.refund.flexi_coupon).add(preview.refund.stored_card).add(preview.quota_used);
    for (const RefundItem& item : preview.items) {
        h.add(item.resource_id).add(ToString(item.scenario)).add(item.reason_code).add(item.total);
        h.add(item.new_expire_time ? item.new_expire_time->unixSeconds() : -1).add(item.closes ? 1 : 0);
        for (const RefundLine& line : item.lines) h.add(ToString(line.kind)).add(line.amount);
    }
    return Reference(SheetKind::Refund, preview.as_of, rules, h);
}

std::string QuoteSheetHtml(const QuoteSheet& sheet)
{
    std::string out;
    out.reserve(4096 + sheet.items.size() * 512);
    out += "<article class=\"qd-sheet\" lang=\"";
    Escape(out, sheet.lang);
    out += "\"><header>";
    Element(out, "h1", "", sheet.title);
    out += "<dl class=\"qd-sheet-fields\">";
    for (const SheetField& f : sheet.header) {
        Element(out, "dt", "", f.name);
        Element(out, "dd", "", f.value);
    }
    out += "</dl></header>";

    // The items: a row per item (subject, cells, amount), its lines under it; the totals in the foot.
    const std::size_t width = sheet.columns.size() < 2 ? 2 : sheet.columns.size();
    const std::string span = std::to_string(width - 1);
    out += "<table class=\"qd-sheet-items\"><thead><tr>";
    for (std::size_t c = 0; c < sheet.columns.size(); ++c)
        Element(out, "th", c + 1 == sheet.columns.size() ? "num" : "", sheet.columns[c]);
    out += "</tr></thead><tbody>";
    for (const SheetItem& item : sheet.items) {
        out += "<tr class=\"qd-sheet-item\">";
        Element(out, "td", "", item.subject);
        for (std::size_t c = 0; c + 2 < width; ++c) Element(out, "td", "", c < item.cells.size() ? item.cells[c] : "");
        Element(out, "td", "num", item.amount.display());
        out += "</tr>";
        for (const SheetLine& line : item.lines) {
            out += "<tr class=\"qd-sheet-line\"><td colspan=\"" + span + "\">";
            Escape(out, line.words);
            out += "</td>";
            Element(out, "td", "num", line.amount ? line.amount->display() : "");
            out += "</tr>";
        }
    }
    out += "</tbody><tfoot>";
    for (std::size_t i = 0; i < sheet.totals.size(); ++i) {
        out += i == 0 ? "<tr class=\"qd-sheet-total\">" : "<tr class=\"qd-sheet-part\">";
        out += "<th colspan=\"" + span + "\">";
        Escape(out, sheet.totals[i].name);
        out += "</th>";
        Element(out, "td", "num", sheet.totals[i].value);
        out += "</tr>";
    }
    out += "</tfoot></table>";

    if (!sheet.notes.empty()) {
        out += "<ul class=\"qd-sheet-notes\">";
        for (const std::string& note : sheet.notes) Element(out, "li", "", note);
        out += "</ul>";
    }
    if (!sheet.rules.empty()) {
        out += "<section class=\"qd-sheet-rules\">";
        Element(out, "h2", "", sheet.rulesTitle);
        out += "<table><thead><tr>";
        for (const std::string& head : sheet.ruleColumns) Element(out, "th", "", head);
        out += "</tr></thead><tbody>";
        for (const std::vector<std::string>& row : sheet.rules) {
            out += "<tr>";
            for (const std::string& cell : row) Element(out, "td", "", cell);
            out += "</tr>";
        }
        out += "</tbody></table></section>";
    }
    Element(out, "p", "qd-sheet-disclaimer", sheet.disclaimer);
    out += "</article>";
    return out;
}

}  // namespace qd
