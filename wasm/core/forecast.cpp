// forecast.cpp: the auto-renew charge forecast (forecast.h).
#include "core/forecast.h"

#include <algorithm>
#include <cstdint>
#include <unordered_set>

namespace qd {

std::string ForecastMonth::label() const {
  std::string out = std::to_string(year) + "-";
  if (month < 10) out += '0';
  return out + std::to_string(month);
}

namespace {

// The part of the workspace auto-renew charges touch: account, rules, the auto-renew instances
// (main + bound attached), their products, and the unfinished orders naming them (the locks).
Workspace AutoRenewPart(const Workspace& ws) {
  Workspace part;
  part.as_of = ws.as_of;
  part.account = ws.account;
  part.rules = ws.rules;
  std::unordered_set<std::string_view> resources, products;
  for (const Resource& r : ws.resources) {
    if (r.isBound() || r.renewal_policy != RenewalPolicy::Auto || r.status == ResourceStatus::Closed) continue;
    for (const Resource* m : InstanceOf(ws, r))
      if (resources.insert(m->resource_id).second) {
        part.resources.push_back(*m);
        products.insert(m->product_id);
      }
  }
  for (const Product& p : ws.products)
    if (products.count(p.product_id)) part.products.push_back(p);
  for (const Order& o : ws.orders) {
    if (!o.isOpen()) continue;
    const bool names = std::any_of(o.items.begin(), o.items.end(),
                                   [&](const OrderItem& i) { return i.resource_id && resources.count(*i.resource_id); });
    if (names) part.orders.push_back(o);
  }
  part.Reindex();
  return part;
}

}  // namespace

ForecastBuilder::ForecastBuilder(const Workspace& ws, Instant asOf, int months) : part_(std::make_unique<Workspace>(AutoRenewPart(ws))) {
  months = std::clamp(months, 1, kMaxForecastMonths);
  const ZoneOffset zone = ws.rules.zone;
  Forecast& f = forecast_;
  f.as_of = asOf;
  f.cash_balance = ws.account.cash_balance;

  const LocalDate today = LocalDateOf(asOf, zone);
  const LocalDate firstOfMonth = *LocalDate::FromYmd(today.year(), today.month(), 1);
  f.until = ToInstant(AddMonths(firstOfMonth, months), LocalTime::Midnight(), zone);
  for (int i = 0; i < months; ++i) {
    const LocalDate d = AddMonths(firstOfMonth, i);
    ForecastMonth m;
    m.year = d.year();
    m.month = d.month();
    f.months.push_back(m);
  }

  AutoRenewRunOptions options;
  options.record_orders = false;
  options.require_balance = false;
  start_ = asOf;
  if (ws.as_of && *ws.as_of < asOf) {
    // The file is a snapshot at ws.as_of: the charges between it and asOf are made first (not listed).
    start_ = *ws.as_of;
    options.not_before = *ws.as_of;
    runner_ = std::make_unique<AutoRenewRunner>(*part_, asOf.plusSeconds(-1), options);
  } else {
    phase_ = 1;
    balance_ = f.cash_balance;
    options.not_before = asOf;
    runner_ = std::make_unique<AutoRenewRunner>(*part_, f.until.plusSeconds(-1), options);
  }
}

ForecastBuilder::ForecastBuilder(ForecastBuilder&&) noexcept = default;
ForecastBuilder& ForecastBuilder::operator=(ForecastBuilder&&) noexcept = default;
ForecastBuilder::~ForecastBuilder() = default;

int ForecastBuilder::progress() const {
  if (done_) return 100;
  const int64_t span = forecast_.until - start_;
  if (span <= 0) return 0;
  const int64_t at = std::clamp<int64_t>(runner_->reached() - start_, 0, span);
  return static_cast<int>(at * 100 / span);
}

void ForecastBuilder::collect(AutoRenewRun& run) {
  Forecast& f = forecast_;
  const ZoneOffset zone = part_->rules.zone;
  for (Refusal& r : run.failures) f.failures.push_back(std::move(r));
  for (AutoRenewCharge& c : run.charges) {
    ForecastCharge fc;
    if (const Resource* r = part_->findResource(c.resource_id)) {
      fc.resource_name = r->resource_name;
      fc.product_id = r->product_id;
      if (const Product* p = part_->findProduct(r->product_id)) fc.service_type_name = p->service_type_name;
    }
    fc.resource_id = std::move(c.resource_id);
    fc.at = c.at;
    fc.deduction_time = c.deduction_time;
    fc.late = c.deduction_time < f.as_of;
    fc.amount = c.amount;
    fc.duration = c.duration;
    fc.new_expire_time = c.new_expire_time;
    fc.times_left = c.times_left;
    if (balance_) {
      *balance_ -= c.amount;
      fc.balance_after = balance_;
      if (balance_->isNegative() && !f.first_short) f.first_short = f.charges.size();
    }
    f.total += c.amount;
    const LocalDate d = LocalDateOf(c.at, zone);
    const ForecastMonth& first = f.months.front();
    const int index = (d.year() - first.year) * 12 + (d.month() - first.month);
    if (index >= 0 && index < static_cast<int>(f.months.size())) {
      ForecastMonth& m = f.months[static_cast<std::size_t>(index)];
      if (m.count == 0) m.first = f.charges.size();
      ++m.count;
      m.total += c.amount;
    }
    f.charges.push_back(std::move(fc));
  }
}

bool ForecastBuilder::Step(std::size_t maxCharges) {
  if (done_) return true;
  AutoRenewRun run;
  const bool finished = runner_->Step(maxCharges, run);
  if (phase_ == 1) collect(run);
  if (!finished) return false;
  if (phase_ == 0) {
    // Into the window: the balance is what the charges before it left.
    phase_ = 1;
    forecast_.cash_balance = part_->account.cash_balance;
    AutoRenewRunOptions options;
    options.record_orders = false;
    options.require_balance = false;
    options.not_before = forecast_.as_of;
    runner_ = std::make_unique<AutoRenewRunner>(*part_, forecast_.until.plusSeconds(-1), options);
    balance_ = forecast_.cash_balance;
    return false;
  }
  done_ = true;
  part_.reset();
  runner_.reset();
  return true;
}

Forecast ForecastAutoRenewals(const Workspace& ws, Instant asOf, int months) {
  ForecastBuilder builder(ws, asOf, months);
  while (!builder.Step(SIZE_MAX)) {
  }
  return builder.result();
}

void WriteForecast(JsonWriter& w, const Forecast& f, ZoneOffset zone) {
  w.beginObject();
  w.key("as_of");
  w.instant(f.as_of, zone);
  w.key("until");
  w.instant(f.until, zone);
  w.key("total");
  w.money(f.total);
  w.key("cash_balance");
  if (f.cash_balance) w.money(*f.cash_balance);
  else w.null();
  w.key("balance_short_from");
  if (f.first_short) w.instant(f.charges[*f.first_short].at, zone);
  else w.null();
  w.key("months");
  w.beginArray();
  for (const ForecastMonth& m : f.months) {
    w.beginObject();
    w.key("month");
    w.string(m.label());
    w.key("total");
    w.money(m.total);
    w.key("charges");
    w.integer(static_cast<int64_t>(m.count));
    w.endObject();
  }
  w.endArray();
  w.key("charges");
  w.beginArray();
  for (const ForecastCharge& c : f.charges) {
    w.beginObject();
    w.key("time");
    w.instant(c.at, zone);
    w.key("deduction_time");
    w.instant(c.deduction_time, zone);
    w.key("late");
    w.boolean(c.late);
    w.key("resource_id");
    w.string(c.resource_id);
    w.key("resource_name");
    w.string(c.resource_name);
    w.key("service_type_name");
    w.string(c.service_type_name);
    w.key("duration");
    w.beginObject();
    w.key("period");
    w.string(ToString(c.duration.unit));
    w.key("num");
    w.integer(c.duration.num);
    w.endObject();
    w.key("amount");
    w.money(c.amount);
    w.key("new_expire_time");
    w.instant(c.new_expire_time, zone);
    w.key("times_left");
    if (c.times_left) w.integer(*c.times_left);
    else w.null();
    w.key("balance_after");
    if (c.balance_after) w.money(*c.balance_after);
    else w.null();
    w.endObject();
  }
  w.endArray();
  WriteRefusals(w, "failures", f.failures);
  w.endObject();
}

std::string ForecastJson(const Forecast& forecast, ZoneOffset zone) {
  JsonWriter w;
  WriteForecast(w, forecast, zone);
  return w.take();
}

}  // namespace qd
