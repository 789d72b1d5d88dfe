// i18n: every user-visible string of the UI, in Chinese (default) and English.
//
// Views never write literal text; they call Tr(Text::X). The same table feeds the font builder
// (ForEachUiString), so every character the UI can show is in the glyph atlas: no tofu boxes.
// Adding a string = one enum entry + one row in i18n.cpp (zh, en), in the same order.
#pragma once

namespace qd::ui {

enum class Lang { Zh, En };

enum class Text : int {
    AppName,            // QuoteDesk 报价台
    BillingCenter,      // 费用中心
    OrderManagement,    // 订单管理
    // Left navigation (the console's names, in the console's order)
    NavOverview,
    NavPendingOrders,
    NavRenewals,
    NavMyOrders,
    NavUnsubscribe,
    NavExportRecords,
    NavQuoteCalculator,
    NavSettings,
    // Page intros (what each page is for, as the seed chapter describes it)
    IntroOverview,
    IntroPendingOrders,
    IntroRenewals,
    IntroMyOrders,
    IntroUnsubscribe,
    IntroExportRecords,
    IntroQuoteCalculator,
    IntroSettings,
    // Common
    Language,
    LangZh,
    LangEn,
    Workspace,
    NoWorkspace,
    AsOf,
    Account,
    CashBalance,
    Products,
    Resources,
    Orders,
    Coupons,
    ExportRecordsCount,
    LocalOnlyNote,
    Theme,
    ThemeLight,
    ThemeDark,
    NotYetBuilt,
    // Orders (4.1, 4.3)
    OrderIdCol,
    ProductType,
    OrderTypeCol,
    OrderStatusCol,
    CreateTime,
    PaymentTime,
    OfficialAmount,
    OrderAmount,
    Actions,
    All,
    SearchOrderId,
    Details,
    Pay,
    Cancel,
    CombinedPay,
    BatchExport,
    ExportAll,
    SelectedOrders,
    OrderDetails,
    OrderInfo,
    ResourceInfo,
    AmountInfo,
    TradeHistory,
    ViewAllRecords,
    PaymentDeadline,
    CombinedOrder,
    Close,
    NoMatchingOrders,
    Creator,
    ResourceIdCol,
    ResourceNameCol,
    PeriodCol,
    AmountCol,
    TradeType,
    StatusLegend,
    RowsShown,
    SubOrders,
    NoHistory,
    Region,
    ExpireTime,
    // Settings
    RuleProfile,
    ResetToDefaults,
    Apply,
    AsOfHint,
    UseRealClock,
    RuleKey,
    RuleValue,
    Default,
    AsOfExplain,
    Data,
    RulesExplain,
    // Quote calculator
    MonthPrice,
    YearPrice,
    CurrentExpiry,
    AnchorDay,
    RenewDuration,
    Months,
    Years,
    UnifiedExpiry,
    NoAlignment,
    MonthEnd,
    DayN,
    NewExpiry,
    ExtraDays,
    RenewalAmount,
    Arithmetic,
    CopyQuote,
    ShareLinkNote,
    ReferencePrice,
    InvalidInput,
    Count
};

void SetLang(Lang lang);
Lang CurrentLang();
const char* Tr(Text t);                    // in the current language
const char* Tr(Text t, Lang lang);

// Calls fn for every string of both languages (font glyph collection).
void ForEachUiString(void (*fn)(const char* utf8, void* user), void* user);

} // namespace qd::ui
