// labels.cpp: the UI's face of the core's label table (labels.h).
#include "ui/labels.h"

#include <cstdarg>
#include <iterator>
#include <cstdio>

#include "ui/i18n.h"

namespace qd::ui {
namespace {

// UI-only words: the renewal page's tabs (seed 4.2 页签), one row per RenewalPolicy.
struct Pair {
    const char* zh;
    const char* en;
};
constexpr Pair kPolicyTabs[] = {{"手动续费项", "Manual renewal"},
                                {"自动续费项", "Auto-renewal"},
                                {"到期转按需项", "To pay-per-use"},
                                {"到期不续费项", "No renewal"}};
static_assert(std::size(kPolicyTabs) == EnumNames<RenewalPolicy>::names.size(), "labels: one tab per policy");

LabelLanguage UiLanguage() { return CurrentLang() == Lang::Zh ? LabelLanguage::Chinese : LabelLanguage::English; }

}  // namespace

const char* Label(OrderStatus s) { return EnumLabel(s, UiLanguage()); }
const char* Label(OrderType t) { return EnumLabel(t, UiLanguage()); }
const char* Label(ResourceStatus s) { return EnumLabel(s, UiLanguage()); }
const char* Label(RenewalPolicy p) { return EnumLabel(p, UiLanguage()); }
const char* Label(ItemPeriod p) { return EnumLabel(p, UiLanguage()); }
const char* Label(ProductKind k) { return EnumLabel(k, UiLanguage()); }

const char* TabLabel(RenewalPolicy p)
{
    const Pair& w = kPolicyTabs[static_cast<std::size_t>(p)];
    return CurrentLang() == Lang::Zh ? w.zh : w.en;
}

std::string DurationWords(const RenewalDuration& d) { return DurationLabel(d.unit, d.num, UiLanguage()); }

LabelLanguage QuoteLanguage() { return UiLanguage(); }

std::string ConsoleTime(const Workspace& ws, Instant t) { return FormatConsole(t, ws.rules.zone); }

void ForEachLabelString(void (*fn)(const char* utf8, void* user), void* user)
{
    ForEachEnumLabel(fn, user);
    for (const Pair& p : kPolicyTabs) {
        fn(p.zh, user);
        fn(p.en, user);
    }
    const std::string quoteWords = QuoteLabelWords(LabelLanguage::Chinese);  // the words of Chinese quote lines
    fn(quoteWords.c_str(), user);
}

std::string Format(const char* fmt, ...)
{
    char buf[1024];
    va_list args;
    va_start(args, fmt);
    const int n = std::vsnprintf(buf, sizeof buf, fmt, args);
    va_end(args);
    if (n < static_cast<int>(sizeof buf)) return std::string(buf, n < 0 ? 0 : static_cast<std::size_t>(n));
    std::string out(static_cast<std::size_t>(n) + 1, '\0');
    va_start(args, fmt);
    std::vsnprintf(out.data(), out.size(), fmt, args);
    va_end(args);
    out.pop_back();
    return out;
}

}  // namespace qd::ui
