// Text: a piece of immutable text that shares its storage.
//
// A batch quote of 10,000 resources carries, per item, ids and the labels of its arithmetic. As
// std::string each of them is a heap allocation and a copy: wasm32's libc++ keeps only 10 chars
// inline and a resource id has 36. That was half the time of the quote (docs/architecture.md §4: < 20 ms).
// A Text is a view plus a share of the block that holds it: copying one costs a reference count,
// a TextArena packs many small texts into a few large blocks, and a label built once is shared by
// every item that shows it. The characters live as long as any Text that shares their block, so a
// Text can be kept, copied and moved like a std::string; it just cannot be changed.
//
//   TextArena arena;                       // one per batch of results (e.g. one quote)
//   Text id = arena.add(r.resource_id);    // a copy into the arena's current block
//   Text label = arena.add(a, b);          // a + b, in one piece
//   Text own{"16 extra days"};             // its own block (tests, one-offs)
//
//   id.view()   std::string_view      id.c_str()   NUL-terminated, "" when empty
//   id.str()    a std::string copy    id == "abc", id == other, id.empty(), id.size()
#pragma once

#include <cstddef>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

namespace qd {

class Text {
public:
    using Block = std::shared_ptr<const char[]>;

    Text() = default;
    // A copy of `s` in a block of its own.
    explicit Text(std::string_view s);

    std::string_view view() const { return {data_, size_}; }
    operator std::string_view() const { return view(); }
    const char* c_str() const { return size_ ? data_ : ""; }
    std::string str() const { return std::string(view()); }
    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    friend bool operator==(const Text& a, const Text& b) { return a.view() == b.view(); }
    friend bool operator==(const Text& a, std::string_view b) { return a.view() == b; }
    friend bool operator==(const Text& a, const char* b) { return a.view() == std::string_view(b); }
    friend bool operator==(const Text& a, const std::string& b) { return a.view() == std::string_view(b); }
    friend std::string operator+(std::string a, const Text& b) { return a.append(b.view()); }
    friend std::string operator+(const Text& a, std::string_view b) { return a.str().append(b); }
    friend std::ostream& operator<<(std::ostream& os, const Text& t);

private:
    friend class TextArena;
    Text(Block block, const char* data, std::size_t size) : block_(std::move(block)), data_(data), size_(size) {}

    Block block_;                 // keeps data_ alive; null for the empty text
    const char* data_ = nullptr;  // followed by a NUL
    std::size_t size_ = 0;
};

// Hands out Texts packed into shared blocks. Blocks are never written again once a Text points into
// them, except past its end, so a Text handed out stays valid and unchanged after the arena is gone.
class TextArena {
public:
    Text add(std::string_view s) { return add(s, {}); }
    // `a` then `b` as one text (a label made of two memoised halves).
    Text add(std::string_view a, std::string_view b);

private:
    static constexpr std::size_t kBlockSize = 16 * 1024;
    std::shared_ptr<char[]> block_;
    std::size_t used_ = 0, capacity_ = 0;
};

}  // namespace qd
