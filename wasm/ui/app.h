// The console shell: the left navigation of 费用中心 > 订单管理 and one page at a time.
//
// The UI knows the core; the core knows nothing of the UI. Each console page is one file
// (page_<name>.cpp) with one Draw function; this file only routes between them. The web shell
// (wasm/web) owns the platform: it calls DrawApp once per frame inside an ImGui frame.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/model/workspace.h"
#include "core/report/workspace_history.h"
#include "ui/i18n.h"
#include "ui/order_list.h"
#include "ui/page_export_records.h"
#include "ui/page_overview.h"
#include "ui/page_renewals.h"
#include "ui/page_unsubscribe.h"
#include "ui/view_address.h"

struct ImFont;
struct ImVec4;

namespace qd::ui {

// Page, PageId and PageFromId are in ui/view_address.h (the pages are the first word of an address).
TextId PageTitle(Page page);  // the navigation label

enum class Theme { Light, Dark };

// The user's work and where they are in the console.
struct AppState {
    std::optional<Workspace> workspace;  // the open workspace; none = quote calculator only
    uint64_t revision = 0;               // bumped on every change of the workspace (derived views rebuild;
                                         // the shell saves the workspace when it moves): see MarkChanged
    Instant clock;                       // the real clock, set by the shell every frame; see AsOf
    Page page = Page::Overview;          // the page on screen
    Theme theme = Theme::Light;          // console-like light theme by default
    float scale = 1.0f;                  // device pixels per CSS pixel (the shell sets it)
    // The view's address (ui/view_address.h, docs/architecture.md §8): DrawApp writes the address of
    // what is on screen here after each frame; the shell mirrors it to location.hash, adding a history
    // entry when fragmentPush (a new page, tab, filter or details panel) or replacing the current one
    // (a search typed, a view settling after OpenAddress).
    std::string fragment;
    bool fragmentPush = false;
    int addressSettling = 0;  // frames after OpenAddress whose changes replace (tabs take a frame to switch)
    std::optional<ViewAddress> addressToFinish;  // an opened address's ids and dialog, for FinishOpenAddress
    bool closePopups = false;                    // an opened address closed the dialogs: close ImGui's popups
    std::string addressNotice;  // why the opened address could not be shown whole (an order not in the workspace)
    std::string clipboard;      // text a view asks to copy; the shell sends it to the clipboard
    std::string announcement;   // latest quote/refund total for screen readers (aria-live)

    // The operation log and undo (core/report/workspace_history.h): DrawApp commits every change of
    // the workspace (revision moved) before it draws; UndoChange / RedoChange step through it.
    WorkspaceHistory history;
    uint64_t historyRevision = 0;  // the revision the history has seen

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

// A workspace opened fresh (the sample, browser storage): the log and the undo steps start over.
// Files the user opens are a change like any other instead (undo goes back to what was open).
void StartHistory(AppState& state);
// Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y), 设置 > 数据's buttons: the workspace before / after the last
// change. false when there is nothing to step over.
bool UndoChange(AppState& state);
bool RedoChange(AppState& state);

// The larger font of page titles, totals and big numbers: the atlas's second font, or the body font
// while the atlas has only one. It is rasterised (at startup, before the first frame) with the
// characters of heading text only, not with every UI string: that keeps the first atlas small.
// Heading text = the page titles, the totals' labels (HeadingTexts in app.cpp, both languages),
// printable ASCII and ¥ (numbers, money), and whatever was drawn with HeadingText or registered with
// NoteHeadingText. Text drawn in HeadingFont() without being registered still shows every character
// (the shell gives the heading font the body font's glyphs, scaled up, for what it lacks), only a
// little softer: register it.
ImFont* HeadingFont();

// ImGui::TextUnformatted in the heading font; its characters join the heading font (from the next
// atlas build, which the shell does before the next frame when this brought new ones).
void HeadingText(const char* utf8);

// Registers text about to be drawn in HeadingFont() some other way (ImDrawList::AddText, ImGui::Text).
void NoteHeadingText(std::string_view utf8);

// For the shell's font builder: every character of heading text so far (code points, ascending). It
// only grows, so its size tells whether the heading font lacks some.
const std::vector<unsigned int>& HeadingCodepoints();

// Style for a theme at a HiDPI scale (sizes in device pixels).
void ApplyTheme(Theme theme, float scale);

// The address of the view on screen (page, tab, filters, open details).
ViewAddress AddressOf(const AppState& state);
// Opens the view an address names (a link pasted, Back / Forward, navigate()): the page, its tab and
// filters; an order id not in the workspace is said in a notice (addressNotice), the list shown.
void OpenAddress(AppState& state, const ViewAddress& address);
// OpenAddress of a fragment as the browser gives it; the address bar gets the canonical form.
void OpenFragment(AppState& state, std::string_view fragment);
// Called by DrawApp each frame: once a workspace is open, the opened address's order id is looked up
// and its dialog opened (ids not in the workspace: a notice, no dialog); ImGui's popups closed when an
// address closed the dialogs.
void FinishOpenAddress(AppState& state);
void ClosePopupsIfAsked(AppState& state);

// Draws the whole console for one frame (call between ImGui::NewFrame and ImGui::Render).
void DrawApp(AppState& state);

// The colour the shell clears each frame with: the page's surface, which covers most of the screen,
// so that DrawApp draws no full-screen background of its own (the console's colour shows only in
// the gutters around the navigation and the page, which it paints). With software GL a full-screen
// layer of fill costs ~50 ms a frame at devicePixelRatio 2.
ImVec4 FrameClearColor();

}  // namespace qd::ui
