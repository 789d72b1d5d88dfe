// print.cpp: printing a quote sheet (ui/platform.h PrintHtml, docs/architecture.md §10). The page puts the sheet in its print area
// (site/app.js printSheet: parsed through the Trusted Types policy, only the sheet's own elements and
// attributes kept) and opens the print dialog once the frame that asked for it is done.
#include <emscripten.h>

#include <string>

#include "ui/platform.h"

// EM_JS bodies are JavaScript, not C++: the formatter leaves them alone.
// clang-format off
EM_JS(void, qd_js_print_html, (const char* html, const char* title), {
    if (Module.qdHost) Module.qdHost.printSheet(UTF8ToString(html), UTF8ToString(title));
});
// clang-format on

namespace qd::ui {

void PrintHtml(const std::string& html, const std::string& title) { qd_js_print_html(html.c_str(), title.c_str()); }

}  // namespace qd::ui
