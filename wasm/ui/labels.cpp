#include "ui/labels.h"

#include <cstdarg>
#include <cstdio>

#include "ui/i18n.h"

namespace qd::ui {
namespace {

struct Pair {
    const char* zh;
    const char* en;
};

// One row per enumerator, in the enum's order (checked against EnumNames below).
constexpr Pair kOrderStatus[] = {{"待支付", "Pending payment"},     {"待审核", "Pending review"},
                                 {"退款中", "Refunding"},           {"处理中", "Processing"},
                                 {"已完成", "Completed"},           {"已取消", "Cancelled"},
                                 {"待确认", "Pending confirmation"}};
constexpr Pair kOrderType[] = {{"新购", "New"},
                               {"续费", "Renewal"},
                               {"变更", "Change"},
                               {"退订", "Unsubscribe"},
                               {"包年/包月转按需", "To pay-per-use"},
                               {"按需转包年/包月", "Pay-per-use to yearly/monthly"},
                               {"试用", "Trial"},
                               {"转商用", "Trial to commercial"},
                               {"费用调整", "Fee adjustment"}};
constexpr Pair kResourceStatus[] = {
    {"使用中", "In use"}, {"已过期", "Expired"}, {"已冻结", "Frozen"}, {"已关闭", "Closed"}};
constexpr Pair kRenewalPolicy[] = {{"手动续费项", "Manual renewal"},
                                   {"自动续费项", "Auto-renewal"},
                                   {"到期转按需项", "To pay-per-use at expiry"},
                                   {"到期不续费项", "No renewal at expiry"}};
constexpr Pair kItemPeriod[] = {{"月", "month"}, {"年", "year"}, {"天", "day"}, {"一次性", "one-off"}};
constexpr Pair kProductKind[] = {{"标准", "Standard"}, {"资源包", "Resource package"}, {"云商店", "Marketplace"}};

template <class E, std::size_t N>
const char* Pick(const Pair (&table)[N], E e)
{
    static_assert(N == EnumNames<E>::names.size(), "labels: one row per enumerator");
    const Pair& p = table[static_cast<std::size_t>(e)];
    return CurrentLang() == Lang::Zh ? p.zh : p.en;
}

template <std::size_t N>
void Each(const Pair (&table)[N], void (*fn)(const char*, void*), void* user)
{
    for (const Pair& p : table) {
        fn(p.zh, user);
        fn(p.en, user);
    }
}

}  // namespace

const char* Label(OrderStatus s) { return Pick(kOrderStatus, s); }
const char* Label(OrderType t) { return Pick(kOrderType, t); }
const char* Label(ResourceStatus s) { return Pick(kResourceStatus, s); }
const char* Label(RenewalPolicy p) { return Pick(kRenewalPolicy, p); }
const char* Label(ItemPeriod p) { return Pick(kItemPeriod, p); }
const char* Label(ProductKind k) { return Pick(kProductKind, k); }

LabelLanguage QuoteLanguage() { return CurrentLang() == Lang::Zh ? LabelLanguage::Chinese : LabelLanguage::English; }

std::string ConsoleTime(const Workspace& ws, Instant t) { return FormatConsole(t, ws.rules.zone); }

void ForEachLabelString(void (*fn)(const char* utf8, void* user), void* user)
{
    Each(kOrderStatus, fn, user);
    Each(kOrderType, fn, user);
    Each(kResourceStatus, fn, user);
    Each(kRenewalPolicy, fn, user);
    Each(kItemPeriod, fn, user);
    Each(kProductKind, fn, user);
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
