// refusal_words.cpp: the table of refusal-code words (refusal_words.h). One row per (code, scope); the
// words themselves are i18n entries (text_*.inc), so the font holds their glyphs.
#include "ui/refusal_words.h"

#include "core/engine/purchase.h"
#include "core/report/renewal_query.h"
#include "ui/i18n.h"
#include "ui/labels.h"

namespace qd::ui {
namespace {

using Scope = RefusalScope;

// How the subject (a resource or order id) enters the words.
enum class Subject {
    None,           // the words alone
    Prefix,         // "subject：words"
    Named,          // the words hold %s: "name (id)" of the resource, else the id
    Count,          // the words hold %d: the limit the code is about (CountOf)
    LimitAndCount,  // the words hold %d, the limit (CountOf), then %s, the count asked for (the subject)
    Date,           // the words hold %s: the date the subject names (created_range_too_long: the last day allowed)
    Amount,         // the words hold %s: the amount the code is about (the large-refund threshold)
};

struct Row {
    std::string_view code;
    Scope scope;
    TextId text;
    Subject subject;
};

constexpr Row kRows[] = {
    // refund.h, orders.h, payment.h: reasons and refusals of 云服务退订 and the order lists (subject in front).
    {"closed", Scope::Any, TextId::UnsWhyClosed, Subject::Prefix},
    {"not_unsubscribable", Scope::Any, TextId::UnsWhyNotUnsubscribable, Subject::Prefix},
    {"police_frozen", Scope::Any, TextId::UnsWhyPoliceFrozen, Subject::Prefix},
    {"in_transaction", Scope::Any, TextId::UnsWhyInTransaction, Subject::Prefix},
    {"account_police_frozen", Scope::Any, TextId::UnsWhyAccountPolice, Subject::Prefix},
    {"batch_not_supported", Scope::Any, TextId::UnsWhyBatchNotSupported, Subject::Prefix},
    {"effective_resource_package", Scope::Any, TextId::UnsWhyResourcePackage, Subject::Prefix},
    {"expired", Scope::Any, TextId::UnsWhyExpired, Subject::Prefix},
    {"invoiced", Scope::Any, TextId::UnsWhyInvoiced, Subject::Prefix},
    {"promotion", Scope::Any, TextId::UnsWhyPromotion, Subject::Prefix},
    {"special_unsubscribe", Scope::Any, TextId::UnsWhySpecialUnsubscribe, Subject::Prefix},
    {"changed_before_renewal", Scope::Any, TextId::UnsWhyChangedBeforeRenewal, Subject::Prefix},
    {"bandwidth_addon", Scope::Any, TextId::UnsWhyBandwidthAddon, Subject::Prefix},
    {"attached_after_renewal", Scope::Any, TextId::UnsWhyAttachedAfterRenewal, Subject::Prefix},
    {"periods_not_unsubscribable", Scope::Any, TextId::UnsWhyPeriodsNotUnsubscribable, Subject::Prefix},
    {"paid_unknown", Scope::Any, TextId::UnsWhyPaidUnknown, Subject::Prefix},
    {"bound_to_main", Scope::Any, TextId::UnsWhyBound, Subject::Prefix},
    {"group_not_allowed", Scope::Any, TextId::UnsWhyGroup, Subject::Prefix},
    {"no_unused_renewal_period", Scope::Any, TextId::UnsWhyNoPeriods, Subject::Prefix},
    {"within_five_days", Scope::Any, TextId::UnsWhyWithinFiveDays, Subject::Prefix},
    {"five_day_quota_used_up", Scope::Any, TextId::UnsWhyQuotaUsedUp, Subject::Prefix},
    {"beyond_five_days", Scope::Any, TextId::UnsWhyBeyondFiveDays, Subject::Prefix},
    {"no_five_day_refund", Scope::Any, TextId::UnsWhyNoFiveDay, Subject::Prefix},
    {"renewal_in_effect", Scope::Any, TextId::UnsWhyRenewalInEffect, Subject::Prefix},
    {"not_yet_effective", Scope::Any, TextId::UnsWhyNotYetEffective, Subject::Prefix},
    {"provisioning_failed", Scope::Any, TextId::UnsWhyFailed, Subject::Prefix},
    {"unused_renewal_periods", Scope::Any, TextId::UnsWhyUnusedPeriods, Subject::Prefix},
    {"empty_request", Scope::Any, TextId::UnsRefEmpty, Subject::Prefix},
    {"unknown_resource", Scope::Any, TextId::UnsRefUnknownResource, Subject::Prefix},
    {"bad_keep_until", Scope::Any, TextId::UnsRefBadKeepUntil, Subject::Prefix},
    {"reason_too_long", Scope::Any, TextId::UnsRefReasonTooLong, Subject::Prefix},
    {"balance_unknown", Scope::Any, TextId::UnsRefBalanceUnknown, Subject::Prefix},
    {"unknown_order", Scope::Any, TextId::OdlRefUnknownOrder, Subject::Prefix},
    {"too_many_orders", Scope::Any, TextId::OdlRefTooMany, Subject::Prefix},
    {"not_pending_payment", Scope::Any, TextId::OdlRefNotPending, Subject::Prefix},
    {"status_changed", Scope::Any, TextId::OdlRefStatusChanged, Subject::Prefix},
    {"pending_review", Scope::Any, TextId::OdlRefPendingReview, Subject::Prefix},
    {"pending_confirmation", Scope::Any, TextId::OdlRefPendingConfirmation, Subject::Prefix},
    {"combined_order_incomplete", Scope::Any, TextId::OdlRefCombinedIncomplete, Subject::Prefix},
    {"all_status_changed", Scope::Any, TextId::OdlAllChanged, Subject::Prefix},
    {"nothing_to_cancel", Scope::Any, TextId::OdlNothingToCancel, Subject::Prefix},
    {"coupon_expired", Scope::Any, TextId::OdlRefCouponExpired, Subject::Prefix},
    {"coupon_empty", Scope::Any, TextId::OdlRefCouponEmpty, Subject::Prefix},
    {"unknown_coupon", Scope::Any, TextId::OdlRefUnknownCoupon, Subject::Prefix},
    {"too_many_coupons", Scope::Any, TextId::OdlRefTooManyCoupons, Subject::Prefix},
    {"too_many_discount_coupons", Scope::Any, TextId::OdlRefTooManyDiscounts, Subject::Prefix},
    {"negative_amount", Scope::Any, TextId::OdlRefNegative, Subject::Prefix},
    {"duplicate_coupon", Scope::Any, TextId::OdlRefDuplicateCoupon, Subject::Prefix},
    {"nothing_to_pay", Scope::Any, TextId::OdlRefNothingToPay, Subject::None},
    {"not_a_renewal", Scope::Any, TextId::OdlRefNotRenewal, Subject::Prefix},
    // refund.h: the warnings of a refund preview.
    {"large_refund", Scope::Any, TextId::UnsWarnLarge, Subject::Amount},
    {"five_day_quota_unknown", Scope::Any, TextId::UnsWarnQuotaUnknown, Subject::Count},
    // renewal.h, auto_renew.h, renewal_query.h: the renewal page and its dialogs (the name and ID inside the words).
    {"pending_order", Scope::Renewal, TextId::RnwRefPendingOrder, Subject::Named},
    {"delisted_product", Scope::Renewal, TextId::RnwRefDelisted, Subject::Named},
    {"huawei_refused", Scope::Renewal, TextId::RnwRefHuawei, Subject::Named},
    {"bound_to_main", Scope::Renewal, TextId::RnwRefBound, Subject::Named},
    {"closed", Scope::Renewal, TextId::RnwRefClosed, Subject::Named},
    {"provisioning_failed", Scope::Renewal, TextId::RnwRefFailed, Subject::Named},
    {"retention_over", Scope::Renewal, TextId::RnwRefRetention, Subject::Named},
    {"not_alignable", Scope::Renewal, TextId::RnwRefNotAlignable, Subject::Named},
    {"duration_not_offered", Scope::Renewal, TextId::RnwRefDuration, Subject::Named},
    {"no_common_duration", Scope::Renewal, TextId::RnwRefNoCommon, Subject::None},
    {"price_unknown", Scope::Renewal, TextId::RnwRefPrice, Subject::Named},
    {"empty_request", Scope::Renewal, TextId::RnwRefEmpty, Subject::None},
    {"unknown_resource", Scope::Renewal, TextId::RnwRefUnknown, Subject::Named},
    {"policy_unchanged", Scope::Renewal, TextId::RnwRefUnchanged, Subject::Named},
    {"to_on_demand_unsupported", Scope::Renewal, TextId::RnwRefNoOnDemand, Subject::Named},
    {"not_auto", Scope::Renewal, TextId::RnwRefNotAuto, Subject::Named},
    {"bad_times", Scope::Renewal, TextId::RnwRefTimes, Subject::None},
    {"bad_deduction_days", Scope::Renewal, TextId::RnwRefDeduction, Subject::None},
    {"not_expired", Scope::Renewal, TextId::RnwRefNotExpired, Subject::Named},
    {"police_frozen", Scope::Renewal, TextId::RnwRefPolice, Subject::Named},
    {"frozen_reason_unknown", Scope::Renewal, TextId::RnwRefFrozenUnknown, Subject::Named},
    {"in_transaction", Scope::Renewal, TextId::RnwRefTransaction, Subject::Named},
    {"insufficient_balance", Scope::Renewal, TextId::RnwRefBalance, Subject::Named},
    {"balance_unknown", Scope::Renewal, TextId::RnwRefBalanceUnknown, Subject::Named},
    {"too_many_search_terms", Scope::Renewal, TextId::RnwRefTooManyIds, Subject::Count},
    {"bad_expiring_days", Scope::Renewal, TextId::RnwRefBadDays, Subject::Count},
    // exports.h: the export pages.
    {"empty_request", Scope::Export, TextId::ExrRefEmpty, Subject::None},
    {"too_many_resources", Scope::Export, TextId::ExrRefTooManyResources, Subject::LimitAndCount},
    {"too_many_rows", Scope::Export, TextId::ExrRefTooManyRows, Subject::LimitAndCount},
    // order_query.h: the 创建时间 filter of 我的订单 and 查看全部记录.
    {"created_range_missing", Scope::Any, TextId::OdlRefCreatedMissing, Subject::None},
    {"created_range_reversed", Scope::Any, TextId::OdlRefCreatedReversed, Subject::None},
    {"created_range_too_long", Scope::Any, TextId::OdlRefCreatedTooLong, Subject::Date},
    {"nothing_to_export", Scope::Export, TextId::ExrRefNothing, Subject::None},
    {"not_pending_payment", Scope::Export, TextId::ExrRefNotPending, Subject::Prefix},
    {"unknown_order", Scope::Export, TextId::ExrRefUnknownOrder, Subject::Prefix},
    {"unknown_resource", Scope::Export, TextId::ExrRefUnknownResource, Subject::Prefix},
    {"file_unavailable", Scope::Export, TextId::ExrRefUnavailable, Subject::None},
    {"pending_order", Scope::Export, TextId::ExrRefPendingOrder, Subject::Prefix},
    {"delisted_product", Scope::Export, TextId::ExrRefDelisted, Subject::Prefix},
    {"bound_to_main", Scope::Export, TextId::ExrRefBoundToMain, Subject::Prefix},
    {"duration_not_offered", Scope::Export, TextId::ExrRefDurationNotOffered, Subject::Prefix},
    // purchase.h: the new purchase of 报价计算器 (seed 3.1; the product id in front).
    {"empty_request", Scope::Purchase, TextId::BuyRefEmpty, Subject::None},
    {"unknown_product", Scope::Purchase, TextId::BuyRefUnknownProduct, Subject::Prefix},
    {"delisted_product", Scope::Purchase, TextId::BuyRefDelisted, Subject::Prefix},
    {"duration_not_offered", Scope::Purchase, TextId::BuyRefDuration, Subject::Prefix},
    {"price_unknown", Scope::Purchase, TextId::BuyRefPrice, Subject::Prefix},
    {"bad_price", Scope::Purchase, TextId::BuyRefBadPrice, Subject::None},
    {"bad_quantity", Scope::Purchase, TextId::BuyRefQuantity, Subject::Count},
    {"amount_too_large", Scope::Purchase, TextId::BuyRefTooLarge, Subject::None},
    {"product_required", Scope::Purchase, TextId::BuyRefProductRequired, Subject::None},
};

const Row* Find(std::string_view code, Scope scope)
{
    const Row* shared = nullptr;
    for (const Row& r : kRows) {
        if (r.code != code) continue;
        if (r.scope == scope) return &r;
        if (r.scope == Scope::Any) shared = &r;
    }
    return shared;
}

// The limit a Count row's words name.
int CountOf(std::string_view code, const Workspace* ws)
{
    if (code == "too_many_search_terms") return kMaxSearchTerms;
    if (code == "bad_expiring_days") return kMaxExpiringWithinDays;
    if (code == "too_many_resources") return ws ? ws->rules.renewal_list_max : RuleProfile{}.renewal_list_max;
    if (code == "five_day_quota_unknown") return ws ? ws->rules.five_day_quota : RuleProfile{}.five_day_quota;
    if (code == "too_many_rows") return ws ? ws->rules.price_list_max : RuleProfile{}.price_list_max;
    if (code == "bad_quantity") return kMaxPurchaseQuantity;
    return 0;
}

}  // namespace

const char* CodeWords(std::string_view code, RefusalScope scope)
{
    const Row* row = Find(code, scope);
    return row ? Tr(row->text) : nullptr;
}

std::string RefusalWords(const Refusal& refusal, RefusalScope scope, const Workspace* ws)
{
    const Row* row = Find(refusal.code, scope);
    if (!row) return refusal.message;
    switch (row->subject) {
        case Subject::None: return Tr(row->text);
        case Subject::Prefix:
            if (refusal.subject.empty()) return Tr(row->text);
            return refusal.subject + (CurrentLang() == Lang::Zh ? "：" : ": ") + Tr(row->text);
        case Subject::Named: {
            std::string subject = refusal.subject;
            if (const Resource* r = ws ? ws->findResource(refusal.subject) : nullptr; r && !r->resource_name.empty())
                subject = r->resource_name + " (" + r->resource_id + ")";
            return Format(Tr(row->text), subject.c_str());
        }
        case Subject::Count: return Format(Tr(row->text), CountOf(refusal.code, ws));
        case Subject::LimitAndCount:
            return Format(Tr(row->text), CountOf(refusal.code, ws),
                          refusal.subject.empty() ? "?" : refusal.subject.c_str());
        case Subject::Date: return Format(Tr(row->text), refusal.subject.c_str());
        case Subject::Amount:
            return Format(Tr(row->text), (ws ? ws->rules : RuleProfile{}).large_refund_warning.display().c_str());
    }
    return refusal.message;
}

}  // namespace qd::ui
