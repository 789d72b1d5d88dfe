// Tests for core/model/labels.h: one table of enum labels and durations for every face (exports, CLI,
// UI), in the seed's words (4.3.5 订单状态/订单类型, 4.2.8 资源状态, 4.2.2.2 续费方式).
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "core/model/labels.h"

using namespace qd;

namespace {

template <class E>
void CheckTable()
{
    std::set<std::string> zh, en;
    for (std::size_t i = 0; i < EnumNames<E>::names.size(); ++i) {
        const E e = static_cast<E>(i);
        const std::string z = EnumLabel(e, LabelLanguage::Chinese), n = EnumLabel(e, LabelLanguage::English);
        CHECK_MESSAGE(!z.empty(), ToString(e));
        CHECK_MESSAGE(!n.empty(), ToString(e));
        CHECK_MESSAGE(zh.insert(z).second, "two enumerators share the words ", z);
        CHECK_MESSAGE(en.insert(n).second, "two enumerators share the words ", n);
    }
}

}  // namespace

TEST_CASE("every enumerator has distinct words in both languages")
{
    CheckTable<OrderStatus>();
    CheckTable<OrderType>();
    CheckTable<ResourceStatus>();
    CheckTable<RenewalPolicy>();
    CheckTable<ItemPeriod>();
    CheckTable<ProductKind>();
}

TEST_CASE("the seed's words: 续费方式 手动续费 (the tab adds 项), order status and type as the console lists them")
{
    CHECK(std::string(EnumLabel(RenewalPolicy::Manual, LabelLanguage::Chinese)) == "手动续费");
    CHECK(std::string(EnumLabel(RenewalPolicy::Auto, LabelLanguage::Chinese)) == "自动续费");
    CHECK(std::string(EnumLabel(RenewalPolicy::ToOnDemand, LabelLanguage::Chinese)) == "到期转按需");
    CHECK(std::string(EnumLabel(RenewalPolicy::NoRenew, LabelLanguage::Chinese)) == "到期不续费");
    CHECK(std::string(EnumLabel(OrderStatus::PendingPayment, LabelLanguage::Chinese)) == "待支付");
    CHECK(std::string(EnumLabel(OrderType::Renewal, LabelLanguage::Chinese)) == "续费");
    CHECK(std::string(EnumLabel(ResourceStatus::InUse, LabelLanguage::Chinese)) == "使用中");
    CHECK(std::string(EnumLabel(OrderStatus::PendingPayment, LabelLanguage::English)) == "Pending payment");
}

TEST_CASE("one duration text: 1个月, 3个月, 1年 as the seed writes them (4.2.1.1 step 7); English with plurals")
{
    CHECK(DurationLabel(TermUnit::Month, 1, LabelLanguage::Chinese) == "1个月");
    CHECK(DurationLabel(TermUnit::Month, 3, LabelLanguage::Chinese) == "3个月");
    CHECK(DurationLabel(TermUnit::Year, 1, LabelLanguage::Chinese) == "1年");
    CHECK(DurationLabel(TermUnit::Month, 1, LabelLanguage::English) == "1 month");
    CHECK(DurationLabel(TermUnit::Month, 9, LabelLanguage::English) == "9 months");
    CHECK(DurationLabel(TermUnit::Year, 1, LabelLanguage::English) == "1 year");
    CHECK(DurationLabel(TermUnit::Year, 3, LabelLanguage::English) == "3 years");
    CHECK(ToString(LabelLanguage::Chinese) == "zh");
    CHECK(EnumFromString<LabelLanguage>("en") == LabelLanguage::English);
}
