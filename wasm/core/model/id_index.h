// id_index.h: finding a record of a list by its id without a copy of the ids.
//
// An IdIndex is an open-addressed table of positions (uint32) in a list, hashed by id. A lookup
// hashes the id asked for and compares it with the id of the record at each candidate position, as
// the caller's `idAt(position)` gives it: the ids stay in the records. A slot keeps bits of its id's
// hash in the bits its position does not use, so a slot of another id is passed over without reading
// its record: records lie far apart in memory (a Resource is 232 bytes in wasm32), and reading one per
// collision was a cache miss each, half of the time of indexing 100,000 records (docs/performance.md
// "The id index's cache misses"). For 100,000 resources the table is 1 MB; a
// std::unordered_map<std::string, std::size_t> was 9.6 MB of id copies, 6.4 MB of nodes and 0.8 MB
// of buckets per 200,000 records (docs/performance.md "Where the bytes go").
//
//   IdIndex index;
//   index.Build(ws.resources.size(), [&](std::size_t i) -> std::string_view { return ws.resources[i].resource_id; });
//   std::optional<std::size_t> at = index.find("vol-1", sameIdAt);   // nullopt when none
//   ws.resources.push_back(r);  index.Add(ws.resources.size() - 1, sameIdAt);
//   index.Build(n, idAt, [](std::size_t position, std::size_t first) { ... });  // told of each duplicate
//
// The table is a power of two of slots, at most half full, so a lookup looks at 1.5 slots on
// average. A duplicated id is indexed once, at its first position; Build tells the caller of each
// later one as it meets it (the loader reports them without looking every id up a second time).
// Positions fit in 32 bits: a list of 4 billion records does not fit in wasm32's memory.
//
// The hash reads the id 8 bytes at a time (HashId below): ids are 10 to 40 bytes, and the standard
// hash of wasm32's libc++ (32-bit murmur2) reads 4 at a time (docs/performance.md "Where the remaining
// time goes").
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

#include "core/model/words.h"

namespace qd {

// A 64-bit hash of an id, 8 bytes a step: each word is mixed in with a multiply (the odd constants
// of splitmix64 / murmur3's finaliser) and the result is mixed once more, so that the low bits, which
// pick the slot, depend on every byte. Not for an adversary (a file chosen to collide only makes its
// own open slower); identical on every platform, so a table's layout does not depend on the build.
// The tail of fewer than 8 bytes is read with fixed-size loads (a memcpy of a variable length is a
// call); an id of 8 bytes or more ends with the word of its last 8 bytes, overlapping the one before.
inline uint64_t HashId(std::string_view id)
{
    constexpr uint64_t kMul = 0x9E3779B97F4A7C15ull;
    const auto mix = [](uint64_t h, uint64_t word) {
        h = (h ^ word) * kMul;
        return h ^ (h >> 29);
    };
    const char* p = id.data();
    const std::size_t n = id.size();
    uint64_t h = 0xFF51AFD7ED558CCDull ^ (n * kMul);
    if (n >= 8) {
        const char* const last = p + n - 8;
        for (; p < last; p += 8) h = mix(h, LoadWord8(p));
        h = mix(h, LoadWord8(last));
    } else if (n >= 4) {
        h = mix(h, LoadWord4(p) | LoadWord4(p + n - 4) << 32);
    } else if (n > 0) {
        const auto byte = [](char c) { return static_cast<uint64_t>(static_cast<unsigned char>(c)); };
        h = mix(h, byte(p[0]) | byte(p[n / 2]) << 8 | byte(p[n - 1]) << 16);
    }
    h *= 0xC4CEB9FE1A85EC53ull;
    return h ^ (h >> 32);
}

// Whether two ids are the same, compared 8 bytes at a time like HashId (wasm's memcmp goes a byte at
// a time; a lookup that finds its id compares the whole of it).
inline bool SameId(std::string_view a, std::string_view b)
{
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    const char* p = a.data();
    const char* q = b.data();
    if (n < 8) return n == 0 || std::memcmp(p, q, n) == 0;
    for (std::size_t i = 0; i + 8 < n; i += 8)
        if (LoadWord8(p + i) != LoadWord8(q + i)) return false;
    return LoadWord8(p + n - 8) == LoadWord8(q + n - 8);  // the last 8 bytes, overlapping the loop's last word
}

class IdIndex {
public:
    static constexpr std::size_t kPlaced = SIZE_MAX;  // Place: the position was indexed (its id is new)

    template <class IdAt>
    void Build(std::size_t count, IdAt idAt)
    {
        Build(count, idAt, [](std::size_t, std::size_t) {});
    }
    template <class IdAt, class OnDuplicate>
    void Build(std::size_t count, IdAt idAt, OnDuplicate onDuplicate)
    {
        count_ = 0;
        positions_ = count;
        std::size_t capacity = 16;
        while (capacity < 2 * count) capacity *= 2;
        slots_.assign(count ? capacity : 0, 0);
        for (std::size_t i = 0; i < count; ++i) {
            const std::size_t first = Place(i, idAt);
            if (first != kPlaced) onDuplicate(i, first);
        }
    }
    template <class IdAt>
    void Add(std::size_t position, IdAt idAt)
    {
        // At most half full, and position + 1 within a slot's position bits (duplicates are not placed,
        // so positions can run ahead of the ids placed).
        while (2 * (count_ + 1) > slots_.size() || position + 1 > PositionMask()) Grow(idAt);
        Place(position, idAt);
        if (position >= positions_) positions_ = position + 1;
    }
    template <class IdAt>
    std::optional<std::size_t> find(std::string_view id, IdAt idAt) const
    {
        if (slots_.empty()) return std::nullopt;
        const std::size_t mask = slots_.size() - 1;
        const uint64_t hash = HashId(id);
        const uint32_t tag = TagOf(hash);
        for (std::size_t s = static_cast<std::size_t>(hash) & mask;; s = (s + 1) & mask) {
            const uint32_t slot = slots_[s];
            if (slot == 0) return std::nullopt;
            if ((slot & ~PositionMask()) == tag && SameId(idAt(PositionIn(slot)), id)) return PositionIn(slot);
        }
    }
    std::size_t size() const { return count_; }                  // ids indexed
    std::size_t positions() const { return positions_; }         // positions 0..positions()-1 are indexed
    std::size_t slotCount() const { return slots_.capacity(); }  // slots, used or not
    std::size_t tableBytes() const { return slots_.capacity() * sizeof(uint32_t); }  // the table's heap block
    void clear()
    {
        slots_.clear();
        count_ = positions_ = 0;
    }

private:
    // A slot of a table of 2^k slots: position + 1 in its low k bits (0: empty; Build and Add keep
    // every position + 1 below 2^k), and in the 32 - k bits above them as many bits of the id's hash
    // (the high half, which does not pick the slot): 14 bits at 100,000 records, so one slot in 16,384
    // of another id is read to be told apart. A table of 2^32 slots would keep no hash bits.
    uint32_t PositionMask() const { return static_cast<uint32_t>(slots_.size() - 1); }
    uint32_t TagOf(uint64_t hash) const { return static_cast<uint32_t>(hash >> 32) & ~PositionMask(); }
    std::size_t PositionIn(uint32_t slot) const { return static_cast<std::size_t>(slot & PositionMask()) - 1; }
    template <class IdAt>
    std::size_t Place(std::size_t position, IdAt idAt)
    {
        const std::string_view id = idAt(position);
        const uint64_t hash = HashId(id);
        const uint32_t tag = TagOf(hash);
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t s = static_cast<std::size_t>(hash) & mask;; s = (s + 1) & mask) {
            const uint32_t slot = slots_[s];
            if (slot == 0) {
                slots_[s] = tag | static_cast<uint32_t>(position + 1);
                ++count_;
                return kPlaced;
            }
            if ((slot & ~PositionMask()) == tag && SameId(idAt(PositionIn(slot)), id)) return PositionIn(slot);
        }
    }
    template <class IdAt>
    void Grow(IdAt idAt)
    {
        std::vector<uint32_t> old;
        old.swap(slots_);
        const uint32_t oldMask = old.empty() ? 0 : static_cast<uint32_t>(old.size() - 1);
        slots_.assign(old.empty() ? 16 : 2 * old.size(), 0);
        count_ = 0;
        for (uint32_t slot : old)
            if (slot != 0) Place(static_cast<std::size_t>(slot & oldMask) - 1, idAt);
    }

    std::vector<uint32_t> slots_;  // hash bits | position + 1; 0 = empty
    std::size_t count_ = 0;
    std::size_t positions_ = 0;
};

}  // namespace qd
