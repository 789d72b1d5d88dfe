// One Draw function per console page; each is defined in its own page_<name>.cpp.
#pragma once
#include "ui/app.h"

namespace qd::ui {

void DrawOverviewPage(AppState& state);         // 概览 (beyond the seed)
void DrawPendingOrdersPage(AppState& state);    // 4.1 待支付订单
void DrawRenewalsPage(AppState& state);         // 4.2 续费管理
void DrawMyOrdersPage(AppState& state);         // 4.3 我的订单
void DrawUnsubscribePage(AppState& state);      // 4.4 云服务退订
void DrawExportRecordsPage(AppState& state);    // 5 订单导出记录
void DrawQuoteCalculatorPage(AppState& state);  // 报价计算器 (beyond the seed)
void DrawSettingsPage(AppState& state);         // 设置

// The quote calculator's tab and inputs as address keys (view_address.h), and back.
void CalculatorToAddress(ViewAddress& address);
void OpenCalculatorAddress(const ViewAddress& address);

// The heading every page opens with: its title and one line saying what it is for.
void PageHeader(TextId title, TextId intro);

}  // namespace qd::ui
