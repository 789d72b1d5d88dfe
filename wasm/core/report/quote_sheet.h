// quote_sheet.h: the printable quote sheet: 续费报价单, 统一到期日报价单, 新购报价单 and 退订退费说明, the
// paper a renewal, an alignment, a purchase or an unsubscription takes to a purchase approval
// (docs/architecture.md §10).
//
// The core decides what a sheet says: its reference number, the rules it depends on, and the document
// itself as plain data; a face fills in the words of its language and turns it into HTML here:
//
//   QuoteSheet sheet;
//   sheet.kind = SheetKind::Renewal;
//   sheet.reference = SheetReference(quote, SheetKind::Renewal, ws.rules);   // "QD-R-250415-7F3A09C2"
//   sheet.title = "续费报价单";
//   sheet.items.push_back({"ecs-1", {"弹性云服务器", "2025/05/01", "2025/06/01"}, Money::FromFen(19140), lines});
//   for (std::string_view key : RulesBehind(SheetKind::Renewal)) ...        // the rules in force, in words
//   std::string html = QuoteSheetHtml(sheet);                                // <article class="qd-sheet">…
//
// The reference number is the same for the same quote whatever the language of its words (it is
// computed from ids, times, durations, amounts and the rule profile, never from labels), and differs as
// soon as any of them does: two approvals of one number are of the same money.
// The HTML is a fragment (no <html>, no <style>, no script): the page's stylesheet lays it out on A4
// (site/app.css, @media print), every text is escaped, and nothing in it can run.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/engine/purchase.h"
#include "core/engine/refund.h"
#include "core/engine/renewal.h"
#include "core/model/enum_names.h"
#include "core/model/money.h"
#include "core/model/rules.h"

namespace qd {

// renewal | alignment | purchase | refund: what the sheet quotes.
enum class SheetKind { Renewal, Alignment, Purchase, Refund };
template <>
struct EnumNames<SheetKind> {
    static constexpr std::array<std::string_view, 4> names{"renewal", "alignment", "purchase", "refund"};
};

// The rule keys (rules.h RuleKeys) whose values a sheet of this kind depends on, in §6 order: what the
// sheet lists as "the rules in force" (docs/rules.md §6). Renewal: zone, expiry clock, day price,
// rounding, grace and retention days, the payment deadline; alignment: zone, expiry clock, day price,
// rounding; purchase: zone, expiry clock, the payment deadline; refund: zone, five-day window and quota,
// consumed granularity, fee table, rounding, refund split, the large-refund warning.
std::span<const std::string_view> RulesBehind(SheetKind kind);

// "QD-" + R | A | P | U + "-" + the as-of day in the profile zone (yyMMdd) + "-" + 8 hex digits of
// FNV-1a (32 bits) over the quote's facts and the rule profile (RuleProfileJson).
std::string SheetReference(const RenewalQuote& quote, SheetKind kind, const RuleProfile& rules);
std::string SheetReference(const PurchaseQuote& quote, const RuleProfile& rules);
std::string SheetReference(const RefundPreview& preview, const RuleProfile& rules);

// ---- the document ---------------------------------------------------------------------------------

struct SheetField {
    std::string name, value;
};

// One line of an item's arithmetic ("1个月 × ¥191.40"); amount absent for a line of words only.
struct SheetLine {
    std::string words;
    std::optional<Money> amount;
};

struct SheetItem {
    std::string subject;             // the first column: the resource (name and id) or the product
    std::vector<std::string> cells;  // the middle columns, as many as QuoteSheet::columns minus two
    Money amount;                    // the last column
    std::vector<SheetLine> lines;    // under the item, indented: they add up to amount
};

struct QuoteSheet {
    SheetKind kind = SheetKind::Renewal;
    std::string lang = "zh-CN";        // the document's language (BCP 47): zh-CN | en
    std::string title;                 // 续费报价单
    std::string reference;             // SheetReference
    std::vector<SheetField> header;    // 编号, 账号, 报价时间, …: a two-column block under the title
    std::vector<std::string> columns;  // the items table's heads: subject, the middle cells, amount
    std::vector<SheetItem> items;
    std::vector<SheetField> totals;               // under the items: the first is the total, then its parts
    std::vector<std::string> notes;               // warnings and refusals, in words
    std::string rulesTitle;                       // 计费规则
    std::vector<std::string> ruleColumns;         // 规则, 取值, 依据
    std::vector<std::vector<std::string>> rules;  // one row per RulesBehind key
    std::string disclaimer;
};

// The sheet as an HTML fragment: <article class="qd-sheet" lang="…"> with a header (h1, the reference,
// a <dl> of the header fields), the items <table> (a row per item, a row per line, the totals in <tfoot>),
// the notes, the rules <table> and the disclaimer. Text is escaped (& < > " '); the only attributes are
// class, lang and colspan, so a sanitizer can allow exactly these.
std::string QuoteSheetHtml(const QuoteSheet& sheet);

}  // namespace qd
