// renewal_query.cpp: the renewal page's tabs and filters (renewal_query.h).
#include "core/renewal_query.h"

#include "core/orders.h"

#include <algorithm>
#include <functional>
#include <unordered_map>
#include <utility>

namespace qd {

namespace {

constexpr int64_t kSecondsPerDay = 86400;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

void AppendLower(std::string& out, std::string_view s) {
  for (char c : s) out.push_back(Lower(c));
}

// The hash of an exact search key (lowercase text).
std::size_t KeyHash(std::string_view lower) { return std::hash<std::string_view>{}(lower); }

std::string LowerCopy(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  AppendLower(out, s);
  return out;
}

// Length of the separator starting at s[i] (0 when none): , space tab CR LF, and the UTF-8 of
// U+FF0C "，" and U+3000 (ideographic space).
std::size_t SeparatorAt(std::string_view s, std::size_t i) {
  const char c = s[i];
  if (c == ',' || c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
  if (i + 3 <= s.size()) {
    const std::string_view three = s.substr(i, 3);
    if (three == "\xEF\xBC\x8C" || three == "\xE3\x80\x80") return 3;
  }
  return 0;
}

}  // namespace

std::vector<std::string_view> SplitSearchTerms(std::string_view text) {
  std::vector<std::string_view> terms;
  std::size_t start = 0, i = 0;
  while (i < text.size()) {
    const std::size_t sep = SeparatorAt(text, i);
    if (sep == 0) { ++i; continue; }
    if (i > start) terms.push_back(text.substr(start, i - start));
    i += sep;
    start = i;
  }
  if (text.size() > start) terms.push_back(text.substr(start));
  return terms;
}

int64_t DaysLeft(Instant expire, Instant now, ZoneOffset zone) {
  return WholeDaysBetween(LocalDateOf(now, zone), LocalDateOf(expire, zone));
}

// ---- index ------------------------------------------------------------------------------------------

bool RenewalIndex::isHead(std::size_t resource) const {
  if (resource >= instanceOf_.size() || instanceOf_[resource] == kNone) return false;
  return instances_[instanceOf_[resource]].head == resource;
}

std::span<const std::size_t> RenewalIndex::boundOf(std::size_t head) const {
  if (!isHead(head)) return {};
  const Instance& in = instances_[instanceOf_[head]];
  return std::span<const std::size_t>(bound_).subspan(in.boundBegin, in.boundCount);
}

std::optional<std::size_t> RenewalIndex::headOf(std::size_t resource) const {
  if (resource >= instanceOf_.size() || instanceOf_[resource] == kNone) return std::nullopt;
  return instances_[instanceOf_[resource]].head;
}

std::optional<std::size_t> RenewalIndex::pendingOrderOf(std::size_t head) const {
  if (!isHead(head)) return std::nullopt;
  const uint32_t o = instances_[instanceOf_[head]].pendingOrder;
  if (o == kNone) return std::nullopt;
  return o;
}

RenewalIndex RenewalIndex::Build(const Workspace& ws, std::optional<Instant> asOf) {
  RenewalIndex ix;
  const std::size_t n = ws.resources.size();
  ix.instanceOf_.assign(n, kNone);

  auto positionOf = [&](std::string_view id) -> std::optional<std::size_t> {
    const auto it = ws.index.resources.find(id);
    if (it == ws.index.resources.end() || it->second >= n) return std::nullopt;
    return it->second;
  };
  // The resource a listed resource is shown under: itself for a head; its main for a bound attached
  // one (followed up a chain of bound resources); itself when that main is unknown or closed.
  constexpr std::size_t kNoHead = SIZE_MAX;
  std::vector<std::size_t> headOfResource(n, kNoHead);
  std::vector<std::pair<int64_t, std::size_t>> heads;  // (expiry, resource) of each head
  heads.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    const Resource& r = ws.resources[i];
    if (r.status == ResourceStatus::Closed) continue;
    std::size_t at = i;
    for (int depth = 0; depth < 8 && ws.resources[at].isBound(); ++depth) {
      const std::optional<std::size_t> main = positionOf(*ws.resources[at].main_resource_id);
      if (!main || *main == at || ws.resources[*main].status == ResourceStatus::Closed) break;
      at = *main;
    }
    headOfResource[i] = at;
    if (at == i) heads.emplace_back(r.expire_time.unixSeconds(), i);
  }

  // Instances, earliest expiry first, then file order.
  std::sort(heads.begin(), heads.end());
  ix.instances_.resize(heads.size());
  for (std::size_t k = 0; k < heads.size(); ++k) {
    ix.instances_[k].head = heads[k].second;
    ix.instanceOf_[heads[k].second] = static_cast<uint32_t>(k);
  }
  // Bound attached resources, grouped per instance (counting sort keeps file order inside a group).
  for (std::size_t i = 0; i < n; ++i)
    if (headOfResource[i] != kNoHead && headOfResource[i] != i) {
      const uint32_t k = ix.instanceOf_[headOfResource[i]];
      ix.instanceOf_[i] = k;
      ++ix.instances_[k].boundCount;
    }
  uint32_t next = 0;
  for (Instance& in : ix.instances_) { in.boundBegin = next; next += in.boundCount; in.boundCount = 0; }
  ix.bound_.resize(next);
  for (std::size_t i = 0; i < n; ++i)
    if (ix.instanceOf_[i] != kNone && headOfResource[i] != i) {
      Instance& in = ix.instances_[ix.instanceOf_[i]];
      ix.bound_[in.boundBegin + in.boundCount++] = i;
    }

  // Order numbers of each instance: its resources' periods and the orders naming them, grouped per
  // instance by a counting sort (no string comparisons).
  std::vector<std::pair<uint32_t, std::string_view>> found;
  found.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    if (ix.instanceOf_[i] == kNone) continue;
    for (const ResourcePeriod& p : ws.resources[i].periods)
      if (!p.order_id.empty()) found.emplace_back(ix.instanceOf_[i], p.order_id);
  }
  for (std::size_t o = 0; o < ws.orders.size(); ++o) {
    const Order& order = ws.orders[o];
    for (const OrderItem& item : order.items) {
      if (!item.resource_id) continue;
      const std::optional<std::size_t> r = positionOf(*item.resource_id);
      if (!r || ix.instanceOf_[*r] == kNone) continue;
      const uint32_t k = ix.instanceOf_[*r];
      found.emplace_back(k, order.order_id);
      if (order.combined_order_id && !order.combined_order_id->empty()) found.emplace_back(k, *order.combined_order_id);
      const OrderStatus status = asOf ? StatusAsOf(order, ws.rules, *asOf) : order.status;
      if (status == OrderStatus::PendingPayment && ix.instances_[k].pendingOrder == kNone)
        ix.instances_[k].pendingOrder = static_cast<uint32_t>(o);
    }
  }
  std::vector<uint32_t> orderStart(ix.instances_.size() + 1, 0);
  for (const auto& f : found) ++orderStart[f.first + 1];
  for (std::size_t k = 0; k < ix.instances_.size(); ++k) orderStart[k + 1] += orderStart[k];
  std::vector<std::string_view> orderNumbers(found.size());
  {
    std::vector<uint32_t> fill(orderStart.begin(), orderStart.end() - 1);
    for (const auto& f : found) orderNumbers[fill[f.first]++] = f.second;
  }
  found.clear();
  found.shrink_to_fit();

  // Search keys: per instance "id\nname\n" of the head and each bound resource, then "order\n" once each.
  std::size_t keyBytes = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (ix.instanceOf_[i] != kNone) keyBytes += ws.resources[i].resource_id.size() + ws.resources[i].resource_name.size() + 2;
  for (std::string_view id : orderNumbers) keyBytes += id.size() + 1;
  ix.keys_.reserve(keyBytes);
  ix.exact_.reserve(n + orderNumbers.size());
  auto addKey = [&](uint32_t k, std::string_view text, bool exact) {
    const std::size_t begin = ix.keys_.size();
    ix.keys_.append(text);
    char* p = ix.keys_.data();
    for (std::size_t c = begin; c < ix.keys_.size(); ++c) p[c] = Lower(p[c]);
    if (exact && !text.empty())
      ix.exact_.push_back({KeyHash(std::string_view(ix.keys_).substr(begin)), static_cast<uint32_t>(begin),
                           static_cast<uint32_t>(text.size()), k});
    ix.keys_.push_back('\n');
  };
  for (uint32_t k = 0; k < ix.instances_.size(); ++k) {
    Instance& in = ix.instances_[k];
    in.keyBegin = static_cast<uint32_t>(ix.keys_.size());
    auto addResource = [&](std::size_t i) {
      addKey(k, ws.resources[i].resource_id, true);
      addKey(k, ws.resources[i].resource_name, false);
    };
    addResource(in.head);
    for (uint32_t b = 0; b < in.boundCount; ++b) addResource(ix.bound_[in.boundBegin + b]);
    // Each order number once (a renewal order names the main and its bound disk).
    const auto first = orderNumbers.begin() + orderStart[k], last = orderNumbers.begin() + orderStart[k + 1];
    if (last - first > 16) std::sort(first, last);
    for (auto it = first; it != last; ++it) {
      const bool repeated = last - first > 16 ? it != first && *(it - 1) == *it : std::find(first, it, *it) != it;
      if (!repeated) addKey(k, *it, true);
    }
    in.keyLength = static_cast<uint32_t>(ix.keys_.size()) - in.keyBegin;
  }
  std::sort(ix.exact_.begin(), ix.exact_.end(), [](const ExactKey& a, const ExactKey& b) {
    return a.hash != b.hash ? a.hash < b.hash : a.instance < b.instance;
  });

  // Product types (per product) and regions (per head), numbered in sorted order; resource packages.
  std::vector<uint32_t> typeOfProduct(ws.products.size(), kNone);
  std::unordered_map<std::string_view, uint32_t> regionNumber;
  std::vector<std::string_view> typeNames, regionNames;
  std::vector<uint32_t> productOf(ix.instances_.size(), kNone);
  for (std::size_t k = 0; k < ix.instances_.size(); ++k) {
    Instance& in = ix.instances_[k];
    const Resource& head = ws.resources[in.head];
    const auto p = ws.index.products.find(head.product_id);
    const Product* product = p != ws.index.products.end() && p->second < ws.products.size() ? &ws.products[p->second] : nullptr;
    if (product) {
      productOf[k] = static_cast<uint32_t>(p->second);
      in.package = product->kind == ProductKind::ResourcePackage;
      const std::string_view type = product->service_type_name.empty() ? product->service_type_code : product->service_type_name;
      if (typeOfProduct[p->second] == kNone && !type.empty()) {
        typeOfProduct[p->second] = 0;
        typeNames.push_back(type);
      }
    }
    const std::string_view region = !head.region_code.empty() || !product ? std::string_view(head.region_code) : std::string_view(product->region_code);
    if (!region.empty()) {
      auto [it, added] = regionNumber.emplace(region, 0);
      if (added) regionNames.push_back(region);
      in.region = 0;  // numbered below
    }
  }
  auto sortedUnique = [](std::vector<std::string_view>& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  };
  sortedUnique(typeNames);
  sortedUnique(regionNames);
  ix.productTypes_.assign(typeNames.begin(), typeNames.end());
  ix.regions_.assign(regionNames.begin(), regionNames.end());
  for (uint32_t r = 0; r < regionNames.size(); ++r) regionNumber[regionNames[r]] = r;
  for (std::size_t p = 0; p < ws.products.size(); ++p) {
    if (typeOfProduct[p] == kNone) continue;
    const Product& product = ws.products[p];
    const std::string_view type = product.service_type_name.empty() ? product.service_type_code : product.service_type_name;
    typeOfProduct[p] = static_cast<uint32_t>(std::lower_bound(typeNames.begin(), typeNames.end(), type) - typeNames.begin());
  }
  for (std::size_t k = 0; k < ix.instances_.size(); ++k) {
    Instance& in = ix.instances_[k];
    if (productOf[k] != kNone) in.productType = typeOfProduct[productOf[k]];
    if (in.region == 0) {
      const Resource& head = ws.resources[in.head];
      const std::string_view region = !head.region_code.empty() || productOf[k] == kNone
                                          ? std::string_view(head.region_code)
                                          : std::string_view(ws.products[productOf[k]].region_code);
      in.region = regionNumber[region];
    }
  }
  return ix;
}

// ---- queries ---------------------------------------------------------------------------------------

RenewalQueryResult QueryRenewals(const Workspace& ws, const RenewalIndex& index, const RenewalFilter& filter) {
  using Instance = RenewalIndex::Instance;
  RenewalQueryResult out;
  if (filter.expiring_within_days &&
      (*filter.expiring_within_days < 1 || *filter.expiring_within_days > kMaxExpiringWithinDays)) {
    out.refusals.push_back({"bad_expiring_days", "",
                            "expiring within X days takes X from 1 to " + std::to_string(kMaxExpiringWithinDays) + ", got " +
                                std::to_string(*filter.expiring_within_days)});
    return out;
  }
  const std::vector<std::string_view> terms = SplitSearchTerms(filter.search);
  if (terms.size() > static_cast<std::size_t>(kMaxSearchTerms)) {
    out.refusals.push_back({"too_many_search_terms", "",
                            "search takes at most " + std::to_string(kMaxSearchTerms) + " IDs at once, got " +
                                std::to_string(terms.size())});
    return out;
  }
  if (index.resourceCount() != ws.resources.size()) return out;  // stale index: nothing rather than wrong rows

  // Search: one term = substring; several = exact IDs / order numbers (+ the whole text as a name).
  std::string needle;
  std::vector<uint8_t> exactHit;
  if (terms.size() == 1) {
    needle = LowerCopy(terms.front());
  } else if (terms.size() > 1) {
    exactHit.assign(index.instances_.size(), 0);
    const std::string_view keys(index.keys_);
    std::string term;
    for (std::string_view t : terms) {
      term = LowerCopy(t);
      const std::size_t hash = KeyHash(term);
      auto it = std::lower_bound(index.exact_.begin(), index.exact_.end(), hash,
                                 [](const RenewalIndex::ExactKey& e, std::size_t h) { return e.hash < h; });
      for (; it != index.exact_.end() && it->hash == hash; ++it)
        if (keys.substr(it->begin, it->length) == term) exactHit[it->instance] = 1;
    }
    // "web server": words separated by spaces only also match as one name substring.
    std::string_view whole = filter.search;
    while (!whole.empty() && whole.front() == ' ') whole.remove_prefix(1);
    while (!whole.empty() && whole.back() == ' ') whole.remove_suffix(1);
    if (whole.find_first_of(",\t\r\n") == std::string_view::npos && whole.find("\xEF\xBC\x8C") == std::string_view::npos)
      needle = LowerCopy(whole);
  }
  const bool searching = !terms.empty();

  constexpr uint32_t kNoMatch = UINT32_MAX - 1;  // a product type / region filter no instance has
  auto numberOf = [&](const std::vector<std::string>& list, const std::string& s) -> uint32_t {
    if (s.empty()) return RenewalIndex::kNone;
    const auto it = std::lower_bound(list.begin(), list.end(), s);
    return it != list.end() && *it == s ? static_cast<uint32_t>(it - list.begin()) : kNoMatch;
  };
  const uint32_t productType = numberOf(index.productTypes_, filter.product_type);
  const uint32_t region = numberOf(index.regions_, filter.region);
  const Instant expiringUntil =
      filter.as_of.plusSeconds(filter.expiring_within_days ? int64_t{*filter.expiring_within_days} * kSecondsPerDay : 0);
  const std::string_view keys(index.keys_);

  for (std::size_t k = 0; k < index.instances_.size(); ++k) {
    const Instance& in = index.instances_[k];
    const Resource& head = ws.resources[in.head];
    if (filter.status && head.status != *filter.status) continue;
    if (filter.expiring_within_days &&
        (head.status != ResourceStatus::InUse || head.expire_time < filter.as_of || head.expire_time > expiringUntil))
      continue;
    if (productType != RenewalIndex::kNone && in.productType != productType) continue;
    if (region != RenewalIndex::kNone && in.region != region) continue;
    if (filter.hide_pending && in.pendingOrder != RenewalIndex::kNone) continue;
    if (filter.packages == PackageFilter::Hide && in.package) continue;
    if (filter.packages == PackageFilter::Only && !in.package) continue;
    if (searching) {
      const bool exact = !exactHit.empty() && exactHit[k];
      if (!exact && (needle.empty() || keys.substr(in.keyBegin, in.keyLength).find(needle) == std::string_view::npos)) continue;
    }
    const std::size_t tab = TabNumber(head.renewal_policy);
    ++out.tab_counts[tab];
    if (head.renewal_policy == filter.tab) out.rows.push_back(in.head);
  }
  return out;
}

RenewalQueryResult QueryRenewals(const Workspace& ws, const RenewalFilter& filter) {
  return QueryRenewals(ws, RenewalIndex::Build(ws, filter.as_of), filter);
}

}  // namespace qd
