// view_address.cpp: the console's address grammar and vocabulary (view_address.h).
#include "ui/view_address.h"

#include <algorithm>
#include <array>

#include "core/model/workspace.h"

namespace qd::ui {
namespace {

constexpr std::array<const char*, static_cast<int>(Page::Count)> kPageIds = {
    "overview",    "pending-orders", "renewals",         "my-orders",
    "unsubscribe", "export-records", "quote-calculator", "settings"};

template <typename E>
std::vector<std::string_view> NamesOf(std::size_t count = EnumNames<E>::names.size())
{
    return {EnumNames<E>::names.begin(), EnumNames<E>::names.begin() + count};
}

// The vocabulary, per page. Choices are the core's enum names where there is one (workspace.h
// EnumNames), so an address reads like the file format.
const std::vector<AddressKey>& Keys(Page page)
{
    static const std::vector<AddressKey> none;
    // An open dialog: its kind, and the ids it acts on (comma-separated).
    static const AddressKey orderDialog{"dialog", {"pay", "combined_pay", "cancel", "legend"}};
    static const AddressKey ids{"ids", {}};
    // Filters whose choices are the workspace's names (product types, regions, enterprise projects).
    static const AddressKey product{"product", {}}, region{"region", {}}, project{"project", {}};
    static const std::vector<AddressKey> pendingOrders = {
        {"q", {}, true}, {"type", NamesOf<OrderType>()}, product, project, orderDialog, ids,
    };
    static const std::vector<AddressKey> myOrders = {
        {"q", {}, true},
        {"type", NamesOf<OrderType>()},
        {"status", NamesOf<OrderStatus>()},
        product,
        project,
        {"created", {"this_year", "last_year", "custom"}},  // absent: 近六个月 (seed 6)
        {"from", {}, true},
        {"to", {}, true},
        orderDialog,
        ids,
    };
    static const std::vector<AddressKey> renewals = {
        {"tab", NamesOf<RenewalPolicy>()},
        {"status", NamesOf<ResourceStatus>(3)},  // 使用中 / 已过期 / 已冻结: the page's status filter
        {"expiring", {"7", "15", "30"}},
        {"pending", {"hide"}},
        {"q", {}, true},
        product,
        region,
        {"packages", {"hide", "only"}},
        project,
        {"dialog",
         {"renew", "align", "enable_auto", "modify_auto", "set_manual", "to_on_demand", "no_renew", "release",
          "deduction_day", "export_list"}},
        ids,
    };
    static const std::vector<AddressKey> unsubscribe = {
        {"tab", {"in_use", "not_effective", "periods", "records"}},
        {"list", {"five_day", "blocked"}},
        {"q", {}, true},
        product,
        region,
        {"countdown", {"7", "15", "30"}},
        {"dialog", {"unsubscribe"}},
        ids,
    };
    static const std::vector<AddressKey> calculator = {
        {"tab", {"renewal", "purchase"}},
        {"month", {}, true},
        {"year", {}, true},
        {"expiry", {}, true},
        {"anchor", {}, true},  // sliders: a drag is many values, one history entry
        {"months", {}, true},
        {"years", {}, true},
        {"unified", {}},
    };
    switch (page) {
        case Page::PendingOrders: return pendingOrders;
        case Page::MyOrders: return myOrders;
        case Page::Renewals: return renewals;
        case Page::Unsubscribe: return unsubscribe;
        case Page::QuoteCalculator: return calculator;
        default: return none;
    }
}

const AddressKey* FindKey(Page page, std::string_view key)
{
    for (const AddressKey& k : Keys(page))
        if (k.key == key) return &k;
    return nullptr;
}

int KeyRank(Page page, std::string_view key)
{
    const auto& keys = Keys(page);
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i].key == key) return static_cast<int>(i);
    return -1;
}

int HexDigit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// %XX to bytes; nullopt for a broken escape. '+' stays '+' (a fragment is not a form).
std::optional<std::string> PercentDecode(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        if (i + 2 >= s.size()) return std::nullopt;
        const int hi = HexDigit(s[i + 1]), lo = HexDigit(s[i + 2]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
    }
    return out;
}

bool ValidUtf8(std::string_view s)
{
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        int n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
        if (n == 0 || i + n > s.size()) return false;
        for (int k = 1; k < n; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return false;
        i += n;
    }
    return true;
}

// Control characters have no place in an id or a search.
bool Printable(std::string_view s)
{
    return std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

void AppendEncoded(std::string& out, std::string_view s)
{
    static const char* hex = "0123456789ABCDEF";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                           c == '.' || c == '_' || c == '~' || c >= 0x80;
        if (plain) out += ch;
        else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
}

}  // namespace

const char* PageId(Page page) { return kPageIds[static_cast<std::size_t>(page)]; }

std::optional<Page> PageFromId(std::string_view id)
{
    for (std::size_t i = 0; i < kPageIds.size(); ++i)
        if (id == kPageIds[i]) return static_cast<Page>(i);
    if (id == "orders") return Page::MyOrders;
    if (id == "calc") return Page::QuoteCalculator;  // links of the calculator before addresses (#calc?month=...)
    return std::nullopt;
}

std::span<const AddressKey> AddressKeys(Page page) { return Keys(page); }

bool HasSubject(Page page) { return page == Page::PendingOrders || page == Page::MyOrders; }

const std::string& ViewAddress::get(std::string_view key) const
{
    static const std::string empty;
    for (const auto& [k, v] : params)
        if (k == key) return v;
    return empty;
}

void ViewAddress::set(std::string_view key, std::string value)
{
    const int rank = KeyRank(page, key);
    if (rank < 0) return;
    auto at = std::find_if(params.begin(), params.end(), [&](const auto& p) { return p.first == key; });
    if (value.empty()) {
        if (at != params.end()) params.erase(at);
        return;
    }
    if (at != params.end()) {
        at->second = std::move(value);
        return;
    }
    auto pos = std::find_if(params.begin(), params.end(), [&](const auto& p) { return KeyRank(page, p.first) > rank; });
    params.insert(pos, {std::string(key), std::move(value)});
}

AddressParse ParseViewAddress(std::string_view fragment)
{
    AddressParse out;
    if (!fragment.empty() && fragment.front() == '#') fragment.remove_prefix(1);
    const std::size_t q = fragment.find('?');
    const std::string_view path = fragment.substr(0, q);
    const std::string_view query = q == std::string_view::npos ? std::string_view() : fragment.substr(q + 1);
    const std::size_t slash = path.find('/');
    const std::string_view pageId = path.substr(0, slash);
    const std::string_view subject = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);

    if (pageId.empty()) {
        if (!fragment.empty()) out.dropped.push_back("no page");
        return out;  // 概览
    }
    const std::optional<Page> page = PageFromId(pageId);
    if (!page) {
        out.dropped.push_back("unknown page '" + std::string(pageId) + "'");
        return out;
    }
    ViewAddress& a = out.address;
    a.page = *page;

    if (!subject.empty()) {
        const std::optional<std::string> id = PercentDecode(subject);
        if (!HasSubject(a.page)) out.dropped.push_back("a subject on " + std::string(PageId(a.page)));
        else if (!id || id->empty() || !ValidUtf8(*id) || !Printable(*id) ||
                 subject.find('/') != std::string_view::npos)
            out.dropped.push_back("malformed subject");
        else a.subject = *id;
    }

    std::size_t pos = 0;
    while (pos < query.size()) {
        std::size_t amp = query.find('&', pos);
        if (amp == std::string_view::npos) amp = query.size();
        const std::string_view pair = query.substr(pos, amp - pos);
        pos = amp + 1;
        if (pair.empty()) continue;
        const std::size_t eq = pair.find('=');
        const std::string_view rawKey = pair.substr(0, eq);
        const std::optional<std::string> value =
            eq == std::string_view::npos ? std::optional<std::string>() : PercentDecode(pair.substr(eq + 1));
        const AddressKey* key = FindKey(a.page, rawKey);
        if (!key) {
            out.dropped.push_back("unknown key '" + std::string(rawKey) + "'");
            continue;
        }
        if (!value || !ValidUtf8(*value) || !Printable(*value)) {
            out.dropped.push_back("malformed " + std::string(rawKey));
            continue;
        }
        if (value->empty()) continue;
        if (!key->choices.empty() &&
            std::find(key->choices.begin(), key->choices.end(), *value) == key->choices.end()) {
            out.dropped.push_back(std::string(rawKey) + "=" + *value);
            continue;
        }
        if (!a.get(rawKey).empty()) {
            out.dropped.push_back("repeated " + std::string(rawKey));
            continue;  // the first one counts
        }
        a.set(rawKey, *value);
    }
    return out;
}

std::string FormatViewAddress(const ViewAddress& address)
{
    std::string out = PageId(address.page);
    if (!address.subject.empty() && HasSubject(address.page)) {
        out += '/';
        AppendEncoded(out, address.subject);
    }
    char sep = '?';
    for (const AddressKey& key : Keys(address.page)) {
        const std::string& v = address.get(key.key);
        if (v.empty()) continue;
        out += sep;
        out += key.key;
        out += '=';
        AppendEncoded(out, v);
        sep = '&';
    }
    return out;
}

bool DiffersOnlyInTypedKeys(const ViewAddress& a, const ViewAddress& b)
{
    if (a.page != b.page || a.subject != b.subject) return false;
    for (const AddressKey& key : Keys(a.page))
        if (!key.typed && a.get(key.key) != b.get(key.key)) return false;
    return true;
}

}  // namespace qd::ui
