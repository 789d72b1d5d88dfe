#include "ui/i18n.h"

namespace qd::ui {
namespace {

struct Row { const char* zh; const char* en; };

// One row per Text entry, same order as the enum (checked by the static_assert below).
constexpr Row kRows[] = {
    {"QuoteDesk 报价台", "QuoteDesk"},
    {"费用中心", "Billing Center"},
    {"订单管理", "Order Management"},
    {"概览", "Overview"},
    {"待支付订单", "Pending Orders"},
    {"续费管理", "Renewals"},
    {"我的订单", "My Orders"},
    {"云服务退订", "Unsubscribe"},
    {"导出记录", "Export Records"},
    {"报价计算器", "Quote Calculator"},
    {"设置", "Settings"},
    {"即将到期的资源、未来 12 个月的自动续费扣款预测与到期时间线。",
     "Resources expiring soon, the next 12 months of auto-renew charges, and the expiry timeline."},
    {"支付或取消待支付订单，支持合并支付（最多 30 个订单）与批量导出。",
     "Pay or cancel pending orders; combined payment of up to 30 orders; batch export."},
    {"手动续费、自动续费、到期转按需、到期不续费；统一到期日、释放资源与导出续费清单。",
     "Manual and auto renewal, to pay-per-use, no renewal; unified expiry day, release, renewal lists."},
    {"查看全部订单、订单详情与交易记录，支付、取消与导出订单。",
     "All orders with details and trade history; pay, cancel and export."},
    {"退订使用中、未生效的资源与续费周期，先看退款明细再确认。",
     "Unsubscribe in-use or not-yet-effective resources and renewal periods, with a refund preview first."},
    {"导出的文件保留 3 天，可再次下载。", "Exported files are kept for 3 days and can be downloaded again."},
    {"无需文件：输入价格、到期时间、续费时长与统一到期日，即得报价与算式，可分享链接。",
     "No file needed: price, expiry, duration and unified day give a quote with its arithmetic, shareable as a link."},
    {"语言、估算时间点、计费规则、主题与数据。", "Language, as-of clock, rule profile, theme and data."},
    {"语言", "Language"},
    {"中文", "中文"},
    {"English", "English"},
    {"工作区", "Workspace"},
    {"未打开工作区", "No workspace open"},
    {"估算时间点", "As of"},
    {"账号", "Account"},
    {"现金余额", "Cash balance"},
    {"产品", "Products"},
    {"资源", "Resources"},
    {"订单", "Orders"},
    {"优惠券", "Coupons"},
    {"导出记录", "Export records"},
    {"所有计算都在本页面中完成，数据不会离开浏览器。", "Everything is computed in this page; your data never leaves the browser."},
    {"主题", "Theme"},
    {"浅色", "Light"},
    {"深色", "Dark"},
    {"此页面正在建设中。", "This page is being built."},
    {"订单号", "Order ID"},
    {"产品类型", "Product type"},
    {"订单类型", "Order type"},
    {"订单状态", "Status"},
    {"创建时间", "Created"},
    {"支付时间", "Paid"},
    {"官网价", "List price"},
    {"订单金额", "Amount"},
    {"操作", "Actions"},
    {"全部", "All"},
    {"输入订单号搜索", "Search by order ID"},
    {"详情", "Details"},
    {"支付", "Pay"},
    {"取消", "Cancel"},
    {"合并支付", "Combined payment"},
    {"批量导出", "Batch export"},
    {"导出全部", "Export all"},
    {"已选择 %d 个订单", "%d orders selected"},
    {"订单详情", "Order details"},
    {"订单信息", "Order information"},
    {"资源信息", "Resources"},
    {"金额信息", "Amounts"},
    {"交易记录跟踪", "Trade history"},
    {"查看全部记录", "View all records"},
    {"支付截止时间", "Payment deadline"},
    {"组合交易订单", "Combined trade order"},
    {"关闭", "Close"},
    {"没有符合条件的订单。", "No orders match."},
    {"创建人", "Created by"},
    {"资源ID", "Resource ID"},
    {"资源名称", "Resource name"},
    {"周期", "Period"},
    {"金额", "Amount"},
    {"交易类型", "Trade type"},
    {"订单状态说明", "Order statuses"},
    {"共 %d 条", "%d rows"},
    {"包含的订单", "Orders in it"},
    {"暂无交易记录。", "No trades yet."},
    {"区域", "Region"},
    {"到期时间", "Expires"},
    {"计费规则", "Rule profile"},
    {"恢复默认", "Reset to defaults"},
    {"应用", "Apply"},
    {"例如 2025-01-14T10:00:00+08:00", "e.g. 2025-01-14T10:00:00+08:00"},
    {"使用当前时间", "Use the real clock"},
    {"规则", "Rule"},
    {"值 (JSON)", "Value (JSON)"},
    {"默认", "Default"},
    {"报价与退款按此时间点计算（假设在该时间操作）。", "Quotes and refunds are computed as of this time (what if I act then)."},
    {"数据", "Data"},
    {"每项规则都可修改；修改保存在工作区的 rules 中。", "Every rule can be changed; changes are kept in the workspace's rules."},
    {"包月价格 (¥)", "Monthly price (¥)"},
    {"包年价格 (¥)", "Yearly price (¥)"},
    {"当前到期日", "Current expiry date"},
    {"计费日 (每月几号)", "Anchor day (day of month)"},
    {"续费时长", "Renewal duration"},
    {"个月", "months"},
    {"年", "years"},
    {"统一到期日", "Unified expiry day"},
    {"不设置", "None"},
    {"每月最后一天", "Month end"},
    {"每月 %d 号", "Day %d"},
    {"续费后到期时间", "New expiry"},
    {"补齐天数", "Extra days"},
    {"续费金额", "Renewal amount"},
    {"计算过程", "Arithmetic"},
    {"复制报价", "Copy quote"},
    {"报价参数保存在网址中，复制网址即可分享。", "The quote is kept in the page address: copy it to share."},
    {"参考价格，具体扣费请以账单为准。", "Reference price; the bill is authoritative."},
    {"输入有误", "Invalid input"},
};
static_assert(sizeof(kRows) / sizeof(kRows[0]) == static_cast<int>(Text::Count), "i18n: one row per Text entry");

Lang g_lang = Lang::Zh;

} // namespace

void SetLang(Lang lang) { g_lang = lang; }
Lang CurrentLang() { return g_lang; }

const char* Tr(Text t, Lang lang)
{
    const Row& r = kRows[static_cast<int>(t)];
    return lang == Lang::Zh ? r.zh : r.en;
}

const char* Tr(Text t) { return Tr(t, g_lang); }

void ForEachUiString(void (*fn)(const char* utf8, void* user), void* user)
{
    for (const Row& r : kRows) { fn(r.zh, user); fn(r.en, user); }
}

} // namespace qd::ui
