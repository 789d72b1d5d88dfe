// labels.cpp: the label tables (labels.h), one row per enumerator in the enum's order.
#include "core/model/labels.h"

namespace qd {
namespace {

struct Words {
    const char* zh;
    const char* en;
};

constexpr Words kOrderStatus[] = {{"待支付", "Pending payment"},     {"待审核", "Pending review"},
                                  {"退款中", "Refunding"},           {"处理中", "Processing"},
                                  {"已完成", "Completed"},           {"已取消", "Cancelled"},
                                  {"待确认", "Pending confirmation"}};
constexpr Words kOrderType[] = {{"新购", "New"},
                                {"续费", "Renewal"},
                                {"变更", "Change"},
                                {"退订", "Unsubscribe"},
                                {"包年/包月转按需", "To pay-per-use"},
                                {"按需转包年/包月", "Pay-per-use to yearly/monthly"},
                                {"试用", "Trial"},
                                {"转商用", "Trial to commercial"},
                                {"费用调整", "Fee adjustment"}};
constexpr Words kResourceStatus[] = {
    {"使用中", "In use"}, {"已过期", "Expired"}, {"已冻结", "Frozen"}, {"已关闭", "Closed"}};
// Seed 4.2.2.2: 设置“续费方式”为“手动续费” (the tabs add 项: ui/labels.h TabLabel).
constexpr Words kRenewalPolicy[] = {{"手动续费", "Manual renewal"},
                                    {"自动续费", "Auto-renewal"},
                                    {"到期转按需", "To pay-per-use at expiry"},
                                    {"到期不续费", "No renewal at expiry"}};
constexpr Words kItemPeriod[] = {{"月", "month"}, {"年", "year"}, {"天", "day"}, {"一次性", "one-off"}};
constexpr Words kProductKind[] = {{"标准", "Standard"}, {"资源包", "Resource package"}, {"云商店", "Marketplace"}};

template <class E, std::size_t N>
const char* Pick(const Words (&table)[N], E e, LabelLanguage lang)
{
    static_assert(N == EnumNames<E>::names.size(), "labels: one row per enumerator");
    const Words& w = table[static_cast<std::size_t>(e)];
    return lang == LabelLanguage::Chinese ? w.zh : w.en;
}

template <std::size_t N>
void Each(const Words (&table)[N], void (*fn)(const char*, void*), void* user)
{
    for (const Words& w : table) {
        fn(w.zh, user);
        fn(w.en, user);
    }
}

}  // namespace

const char* EnumLabel(OrderStatus s, LabelLanguage lang) { return Pick(kOrderStatus, s, lang); }
const char* EnumLabel(OrderType t, LabelLanguage lang) { return Pick(kOrderType, t, lang); }
const char* EnumLabel(ResourceStatus s, LabelLanguage lang) { return Pick(kResourceStatus, s, lang); }
const char* EnumLabel(RenewalPolicy p, LabelLanguage lang) { return Pick(kRenewalPolicy, p, lang); }
const char* EnumLabel(ItemPeriod p, LabelLanguage lang) { return Pick(kItemPeriod, p, lang); }
const char* EnumLabel(ProductKind k, LabelLanguage lang) { return Pick(kProductKind, k, lang); }

std::string DurationLabel(TermUnit unit, int num, LabelLanguage lang)
{
    const std::string n = std::to_string(num);
    if (lang == LabelLanguage::Chinese) return n + (unit == TermUnit::Year ? "年" : "个月");
    if (unit == TermUnit::Year) return n + (num == 1 ? " year" : " years");
    return n + (num == 1 ? " month" : " months");
}

void ForEachEnumLabel(void (*fn)(const char* utf8, void* user), void* user)
{
    Each(kOrderStatus, fn, user);
    Each(kOrderType, fn, user);
    Each(kResourceStatus, fn, user);
    Each(kRenewalPolicy, fn, user);
    Each(kItemPeriod, fn, user);
    Each(kProductKind, fn, user);
}

}  // namespace qd
