// Tests for core/report/quote_sheet.h: the printable quote sheet's reference number (the same quote in
// either language gives the same number; any amount, date, resource or rule gives another), the rules
// each kind lists, and the HTML fragment (structure, escaping, nothing that can run).
#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "core/report/quote_sheet.h"
#include "test_renewal_fixture.h"

using namespace qd;
using qd::renewal_test::Fixture;
using qd::renewal_test::Yuan;

namespace {

// One ECS at 191.40 a month expiring 2025-05-01, quoted on 2025-04-15 (a day of the sheet's number).
Fixture OneServer()
{
    Fixture f("2025-04-15T10:00:00+08:00");
    f.product("p-ecs", "191.40", "1914.00").service_type_name = "弹性云服务器";
    f.resource("ecs-1", "p-ecs", "2025-04-01T00:00:00+08:00", "2025-05-01T23:59:59+08:00");
    f.done();
    return f;
}

RenewalQuote Quote(const Workspace& ws, LabelLanguage lang, int months = 1)
{
    RenewalRequest r;
    r.resource_ids = {"ecs-1"};
    r.duration = RenewalDuration{TermUnit::Month, months};
    r.as_of = *ws.as_of;
    r.label_language = lang;
    return QuoteRenewal(ws, r);
}

}  // namespace

TEST_CASE("quote sheet: the reference number is QD-kind-yyMMdd-hash, the same in either language")
{
    Fixture f = OneServer();
    const RenewalQuote zh = Quote(f.ws, LabelLanguage::Chinese);
    const RenewalQuote en = Quote(f.ws, LabelLanguage::English);
    REQUIRE(zh.ok());
    REQUIRE(zh.total == Yuan("191.40"));
    REQUIRE(zh.items[0].lines[0].label.view() != en.items[0].lines[0].label.view());  // the words differ

    const std::string ref = SheetReference(zh, SheetKind::Renewal, f.ws.rules);
    CHECK(std::regex_match(ref, std::regex("QD-R-250415-[0-9A-F]{8}")));
    CHECK(SheetReference(en, SheetKind::Renewal, f.ws.rules) == ref);
    CHECK(SheetReference(zh, SheetKind::Renewal, f.ws.rules) == ref);  // deterministic
    // The letter names the kind: an alignment of the same quote is another paper.
    CHECK(SheetReference(zh, SheetKind::Alignment, f.ws.rules) == "QD-A-" + ref.substr(5));
}

TEST_CASE("quote sheet: any amount, duration, time or rule gives another reference")
{
    Fixture f = OneServer();
    const std::string ref = SheetReference(Quote(f.ws, LabelLanguage::Chinese), SheetKind::Renewal, f.ws.rules);

    SUBCASE("two months instead of one")
    {
        CHECK(SheetReference(Quote(f.ws, LabelLanguage::Chinese, 2), SheetKind::Renewal, f.ws.rules) != ref);
    }
    SUBCASE("the price changed by one fen")
    {
        f.ws.products[0].prices.month = Yuan("191.41");
        CHECK(SheetReference(Quote(f.ws, LabelLanguage::Chinese), SheetKind::Renewal, f.ws.rules) != ref);
    }
    SUBCASE("quoted a second later: same day, same amounts, another moment")
    {
        f.ws.as_of = f.ws.as_of->plusSeconds(1);
        const std::string later = SheetReference(Quote(f.ws, LabelLanguage::Chinese), SheetKind::Renewal, f.ws.rules);
        CHECK(later.substr(0, 12) == ref.substr(0, 12));
        CHECK(later != ref);
    }
    SUBCASE("a rule of the profile changed (rounding)")
    {
        RuleProfile rules = f.ws.rules;
        rules.rounding = rules.rounding == Rounding::HalfUp ? Rounding::Truncate : Rounding::HalfUp;
        CHECK(SheetReference(Quote(f.ws, LabelLanguage::Chinese), SheetKind::Renewal, rules) != ref);
    }
}

TEST_CASE("quote sheet: purchase and refund references carry their letters")
{
    Fixture f = OneServer();
    PurchaseRequest buy;
    buy.product_id = "p-ecs";
    buy.duration = RenewalDuration{TermUnit::Year, 1};
    buy.quantity = 2;
    buy.as_of = *f.ws.as_of;
    const PurchaseQuote bought = QuotePurchase(f.ws, buy);
    REQUIRE(bought.ok());
    REQUIRE(bought.total == Yuan("3828.00"));  // 1,914.00 × 1 year × 2 (seed 3.1)
    const std::string p = SheetReference(bought, f.ws.rules);
    CHECK(std::regex_match(p, std::regex("QD-P-250415-[0-9A-F]{8}")));
    buy.quantity = 3;
    CHECK(SheetReference(QuotePurchase(f.ws, buy), f.ws.rules) != p);

    RefundRequest refund;
    refund.resource_ids = {"ecs-1"};
    refund.as_of = *f.ws.as_of;
    const RefundPreview preview = PreviewRefund(f.ws, refund);
    REQUIRE(preview.ok());
    CHECK(std::regex_match(SheetReference(preview, f.ws.rules), std::regex("QD-U-250415-[0-9A-F]{8}")));
}

TEST_CASE("quote sheet: the rules each kind lists are rule keys, in the profile's order")
{
    for (SheetKind kind : {SheetKind::Renewal, SheetKind::Alignment, SheetKind::Purchase, SheetKind::Refund}) {
        CAPTURE(ToString(kind));
        std::size_t last = 0;
        bool first = true;
        for (std::string_view key : RulesBehind(kind)) {
            CAPTURE(key);
            const RuleInfo* info = FindRuleInfo(key);
            REQUIRE(info != nullptr);
            const auto pos = static_cast<std::size_t>(info - RuleInfos().data());
            CHECK((first || pos > last));
            last = pos;
            first = false;
        }
        CHECK(RulesBehind(kind).front() == "zone");  // every date on a sheet is a local date
    }
    // A renewal depends on the day price and the payment deadline; a refund on the fee table, not them.
    auto has = [](SheetKind kind, std::string_view key) {
        for (std::string_view k : RulesBehind(kind))
            if (k == key) return true;
        return false;
    };
    CHECK(has(SheetKind::Renewal, "day_price"));
    CHECK(has(SheetKind::Renewal, "pending_payment_days"));
    CHECK(has(SheetKind::Alignment, "day_price"));
    CHECK_FALSE(has(SheetKind::Purchase, "day_price"));
    CHECK(has(SheetKind::Refund, "fee_table"));
    CHECK_FALSE(has(SheetKind::Refund, "day_price"));
}

TEST_CASE("quote sheet: the HTML fragment has the header, the items with their lines, totals, rules, disclaimer")
{
    QuoteSheet s;
    s.title = "续费报价单";
    s.reference = "QD-R-250415-0000ABCD";
    s.header = {{"编号", s.reference}, {"报价时间", "2025/04/15 10:00:00 GMT+08:00"}};
    s.columns = {"资源", "产品", "续费后到期时间", "金额"};
    s.items.push_back(
        {"web-1 (ecs-1)", {"弹性云服务器", "2025/06/01"}, Yuan("191.40"), {{"1个月 × ¥191.40", Yuan("191.40")}}});
    s.totals = {{"合计", "¥191.40"}, {"其中代金券", "¥0.00"}};
    s.notes = {"退款金额较大"};
    s.rulesTitle = "计费规则";
    s.ruleColumns = {"规则", "取值", "依据"};
    s.rules = {{"时区", "+08:00", "§1"}};
    s.disclaimer = "仅供参考";
    const std::string html = QuoteSheetHtml(s);

    CHECK(html.rfind("<article class=\"qd-sheet\" lang=\"zh-CN\"><header><h1>续费报价单</h1>", 0) == 0);
    CHECK(html.find("<dt>编号</dt><dd>QD-R-250415-0000ABCD</dd>") != std::string::npos);
    CHECK(html.find("<th class=\"num\">金额</th>") != std::string::npos);
    CHECK(html.find("<tr class=\"qd-sheet-item\"><td>web-1 (ecs-1)</td><td>弹性云服务器</td><td>2025/06/01</td>"
                    "<td class=\"num\">¥191.40</td></tr>") != std::string::npos);
    // A line spans the columns before the amount (4 columns: 3).
    CHECK(
        html.find("<tr class=\"qd-sheet-line\"><td colspan=\"3\">1个月 × ¥191.40</td><td class=\"num\">¥191.40</td>") !=
        std::string::npos);
    CHECK(html.find("<tfoot><tr class=\"qd-sheet-total\"><th colspan=\"3\">合计</th><td class=\"num\">¥191.40</td></tr>"
                    "<tr class=\"qd-sheet-part\">") != std::string::npos);
    CHECK(html.find("<ul class=\"qd-sheet-notes\"><li>退款金额较大</li></ul>") != std::string::npos);
    CHECK(html.find("<section class=\"qd-sheet-rules\"><h2>计费规则</h2>") != std::string::npos);
    CHECK(html.find("<p class=\"qd-sheet-disclaimer\">仅供参考</p></article>") != std::string::npos);
}

TEST_CASE("quote sheet: every text is escaped; only class, lang and colspan attributes")
{
    QuoteSheet s;
    s.lang = "en\"><script>";
    s.title = "<script>alert(1)</script>";
    s.header = {{"Account", "A & B \"quoted\" 'single'"}};
    s.columns = {"Resource", "Amount"};
    s.items.push_back({"<img src=x onerror=alert(1)>", {}, Money::FromFen(-100), {{"<b>", std::nullopt}}});
    s.disclaimer = "</article>";
    const std::string html = QuoteSheetHtml(s);

    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<b>") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("A &amp; B &quot;quoted&quot; &#39;single&#39;") != std::string::npos);
    CHECK(html.find("lang=\"en&quot;&gt;&lt;script&gt;\"") != std::string::npos);
    CHECK(html.find("<td class=\"num\">-¥1.00</td>") != std::string::npos);
    // One </article>, at the end: the disclaimer's cannot close it early.
    CHECK(html.find("</article>") == html.size() - std::string("</article>").size());
    // The attributes used anywhere are class, lang and colspan.
    const std::regex attr(R"(<[a-z0-9]+((?:\s+[a-z-]+="[^"]*")*)\s*>)");
    const std::regex name(R"(\s+([a-z-]+)=)");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), attr); it != std::sregex_iterator(); ++it) {
        const std::string attrs = (*it)[1];
        for (auto a = std::sregex_iterator(attrs.begin(), attrs.end(), name); a != std::sregex_iterator(); ++a) {
            const std::string n = (*a)[1];
            CHECK_MESSAGE((n == "class" || n == "lang" || n == "colspan"), n);
        }
    }
}
