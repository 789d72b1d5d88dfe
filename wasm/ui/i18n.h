// i18n: every user-visible string of the UI, in Chinese (default) and English.
//
// Views never write literal text; they call Tr(TextId::X). The same table feeds the font builder
// (ForEachUiString), so every character the UI can show is in the glyph atlas: no tofu boxes.
// Adding a string = one QD_TEXT line in the page's text_*.inc file.
#pragma once

namespace qd::ui {

enum class Lang { Zh, En };

// The strings live in X-macro files, QD_TEXT(Id, "中文", "English"), one file per page (or group of
// pages), so an id and its two texts sit on one line and cannot drift apart. A new file is included
// here and in i18n.cpp's table, in the same order.
enum class TextId : int {
#define QD_TEXT(id, zh, en) id,
#include "ui/text_common.inc"
#include "ui/text_renewals.inc"
#include "ui/text_unsubscribe.inc"
#include "ui/text_overview.inc"
#include "ui/text_platform.inc"
#include "ui/text_exports.inc"
#include "ui/text_purchase.inc"
#include "ui/text_settings.inc"
#include "ui/text_sheet.inc"
#undef QD_TEXT
    Count
};

void SetLang(Lang lang);
Lang CurrentLang();
const char* Tr(TextId t);  // in the current language
const char* Tr(TextId t, Lang lang);

// Calls fn for every string of both languages (font glyph collection).
void ForEachUiString(void (*fn)(const char* utf8, void* user), void* user);

}  // namespace qd::ui
