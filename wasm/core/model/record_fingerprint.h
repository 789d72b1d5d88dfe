// record_fingerprint.h: a 64-bit fingerprint of a record of the workspace (a Product, Resource,
// Order, Coupon, ExportRecord and everything inside them), so that the journal can tell which
// records changed since storage was written without keeping a copy of the workspace
// (docs/architecture.md §6, docs/performance.md "Saving: the journal").
//
//   uint64_t before = RecordFingerprint(order);
//   order.status = OrderStatus::Cancelled;
//   assert(RecordFingerprint(order) != before);      // any field, at any depth
//
// Every field is hashed, and none can be forgotten: the fields are reached by ForEachField
// (core/model/record_fields.h), which does not compile when a field is added or removed. Lengths and "present" flags are hashed too, so
// moving a character from one string to the next, or an absent value, changes the fingerprint.
// Two different records have the same fingerprint with probability about 2^-64.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "core/model/record_fields.h"
#include "core/model/words.h"
#include "core/model/workspace.h"

namespace qd {

// Feeds values into a 64-bit hash, a word at a time (multiply and fold, as in splitmix64).
class FingerprintHasher {
public:
    uint64_t value() const { return Mix(h_ ^ (h_ >> 29)); }

    void Add(uint64_t word) { h_ = Mix(h_ ^ word) + 0x9e3779b97f4a7c15ULL; }
    void Add(std::string_view s)
    {
        Add(static_cast<uint64_t>(s.size()));
        std::size_t i = 0;
        for (; i + 8 <= s.size(); i += 8) Add(LoadWord8(s.data() + i));
        if (i < s.size()) {
            uint64_t word = 0;
            std::memcpy(&word, s.data() + i, s.size() - i);
            Add(word);
        }
    }
    void Add(const std::string& s) { Add(std::string_view(s)); }
    void Add(bool b) { Add(static_cast<uint64_t>(b ? 1 : 2)); }
    void Add(int v) { Add(static_cast<uint64_t>(static_cast<int64_t>(v))); }
    void Add(Money m) { Add(static_cast<uint64_t>(m.fen())); }
    void Add(Instant t) { Add(static_cast<uint64_t>(t.unixSeconds())); }
    template <class E>
    requires std::is_enum_v<E>
    void Add(E e) { Add(static_cast<uint64_t>(e)); }
    template <class T>
    void Add(const std::optional<T>& o)
    {
        Add(static_cast<uint64_t>(o.has_value()));
        if (o) Add(*o);
    }
    template <class A, class B>
    void Add(const std::pair<A, B>& p)
    {
        Add(p.first);
        Add(p.second);
    }
    void Add(const UnknownMembers& members)
    {
        Add(static_cast<uint64_t>(members.size()));
        for (const auto& member : members) Add(member);
    }
    template <class T>
    void Add(const std::vector<T>& v)
    {
        Add(static_cast<uint64_t>(v.size()));
        for (const T& item : v) Add(item);
    }
    template <class T>
    requires(kFieldCount<T> > 0) void Add(const T& record)
    {
        // [&], not [this]: clang warns of an unused [this] in a generic lambda
        ForEachField(record, [&](const auto& field) { Add(field); });
    }

private:
    static uint64_t Mix(uint64_t x)
    {
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    }
    uint64_t h_ = 0x51d2e0a3c7f1b849ULL;
};

// The fingerprint of one record: equal records have equal fingerprints; a change of any field
// changes it (but for a chance of about 2^-64).
template <class T>
uint64_t RecordFingerprint(const T& record)
{
    FingerprintHasher h;
    h.Add(record);
    return h.value();
}

}  // namespace qd
