// open_progress: the bar of an open in progress (docs/architecture.md §2 "Opening a file").
//
// A 135 MB file takes the loader one to three seconds; the page reads it between animation frames
// (core/io/load.h StreamedLoad, site/app.js loadFiles), so the console keeps drawing, and this draws
// what the platform says of it (ui/platform.h DataStatus::opening): the file, a bar of bytes read of
// the total, "file 2 of 3" when several are opened together, and 取消 (Esc too) when the user opened
// them. Cancel calls CancelOpen(): the open is dropped and nothing of the console changes.
//
// Drawn as a modal over the console, so that nothing of the workspace being replaced can be changed
// meanwhile. When a dialog of the console is already open (a file dropped on it), the bar is a window
// of its own instead: a modal opened beside it would close the dialog, and with it the address's
// `dialog=` (docs/architecture.md §8); Esc still cancels.
#pragma once

namespace qd::ui {

void DrawOpenProgress();  // once per frame, inside the console's window, after the page

}  // namespace qd::ui
