#include "ui/i18n.h"

namespace qd::ui {
namespace {

struct Row {
    const char* zh;
    const char* en;
};

constexpr Row kRows[] = {
#define QD_TEXT(id, zh, en) {zh, en},
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
};
static_assert(sizeof(kRows) / sizeof(kRows[0]) == static_cast<int>(TextId::Count), "i18n: one row per Text entry");

Lang g_lang = Lang::Zh;

}  // namespace

void SetLang(Lang lang) { g_lang = lang; }
Lang CurrentLang() { return g_lang; }

const char* Tr(TextId t, Lang lang)
{
    const Row& r = kRows[static_cast<int>(t)];
    return lang == Lang::Zh ? r.zh : r.en;
}

const char* Tr(TextId t) { return Tr(t, g_lang); }

void ForEachUiString(void (*fn)(const char* utf8, void* user), void* user)
{
    for (const Row& r : kRows) {
        fn(r.zh, user);
        fn(r.en, user);
    }
}

}  // namespace qd::ui
