// The console shell: the left navigation of 费用中心 > 订单管理 and one page at a time.
//
// The UI knows the core; the core knows nothing of the UI. Each console page is one file
// (page_<name>.cpp) with one Draw function; this file only routes between them. The web shell
// (wasm/web) owns the platform: it calls DrawApp once per frame inside an ImGui frame.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "core/workspace.h"
#include "ui/i18n.h"
#include "ui/order_list.h"
#include "ui/page_export_records.h"
#include "ui/page_overview.h"
#include "ui/page_renewals.h"
#include "ui/page_unsubscribe.h"

struct ImFont;

namespace qd::ui {

// The pages of the left navigation, in the console's order.
enum class Page { Overview, PendingOrders, Renewals, MyOrders, Unsubscribe, ExportRecords, QuoteCalculator, Settings, Count };

const char* PageId(Page page);                         // stable id for navigate(): "overview", "pending-orders", ...
std::optional<Page> PageFromId(std::string_view id);   // inverse of PageId
Text PageTitle(Page page);                             // the navigation label

enum class Theme { Light, Dark };

// The user's work and where they are in the console.
struct AppState {
    std::optional<Workspace> workspace;    // the open workspace; none = quote calculator only
    uint64_t revision = 0;                 // bumped on every change of the workspace (derived views rebuild;
                                           // the shell saves the workspace when it moves): see MarkChanged
    Instant clock;                         // the real clock, set by the shell every frame; see AsOf
    Page page = Page::Overview;            // the page on screen
    Theme theme = Theme::Light;            // console-like light theme by default
    float scale = 1.0f;                    // device pixels per CSS pixel (the shell sets it)
    std::string fragment;                  // the page address's #fragment: the shell sets it at start and
                                           // mirrors it back when a view changes it (shareable quotes)
    std::string clipboard;                 // text a view asks to copy; the shell sends it to the clipboard
    std::string announcement;              // latest quote/refund total for screen readers (aria-live)

    // Per-page view state (filters, selection, open details).
    OrderListState pendingOrders{.pendingOnly = true};
    OrderListState myOrders;
    RenewalsPageState renewals;
    UnsubscribePageState unsubscribe;
    OverviewPageState overview;
    ExportRecordsPageState exportRecords;
};

// "Now" for quotes, refunds and filters: the workspace's as-of clock (Settings, what-if) when set,
// else the real clock.
Instant AsOf(const AppState& state);

// Call after every change of state.workspace: derived views rebuild and the shell persists it.
void MarkChanged(AppState& state);

// The larger font of page titles, totals and big numbers: the atlas's second font (the shell builds it
// with the UI's characters only), or the body font while the atlas has only one.
ImFont* HeadingFont();

// Style for a theme at a HiDPI scale (sizes in device pixels).
void ApplyTheme(Theme theme, float scale);

// Draws the whole console for one frame (call between ImGui::NewFrame and ImGui::Render).
void DrawApp(AppState& state);

} // namespace qd::ui
