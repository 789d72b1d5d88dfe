// character_set.h: a set of Unicode characters (code points), and the reader that fills one from
// UTF-8 text while it validates it.
//
// What it is for: the console draws with a font atlas that holds only the characters it was built
// with, so after an open it must learn every character the workspace can show. Walking every string
// of 100,000 resources and orders for them took 30 ms of a 440 ms open in the browser; the loader's
// stage 1 already looks at every byte above 0x7F of the file to validate its UTF-8, so it collects
// the characters there for a fraction of that (docs/performance.md "The characters of a file").
//
//   CharacterSet chars;
//   bool valid = AddUtf8Characters(text, chars);  // false at the first byte that is not UTF-8
//   chars.contains(U'中');  chars.size();
//   chars.forEach([](char32_t c) { ... });          // ascending
//
// ASCII is never added: every font the console uses has it whole.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace qd {

class CharacterSet {
public:
    // Adds `c` when it is a character above U+007F (U+0080..U+10FFFF but the surrogates); else nothing.
    void add(char32_t c)
    {
        if (c < 0x80 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return;
        if (c <= 0xFFFF) {
            if (basic_.empty()) basic_.assign(kBasicWords, 0);
            basic_[c >> 6] |= std::uint64_t{1} << (c & 63);
        } else {
            addBeyondBasic(c);
        }
    }
    bool contains(char32_t c) const;
    std::size_t size() const;
    bool empty() const { return size() == 0; }
    // Calls f(char32_t) for every character, in ascending order.
    template <class F>
    void forEach(F f) const
    {
        for (std::size_t w = 0; w < basic_.size(); ++w)
            for (std::uint64_t bits = basic_[w]; bits != 0; bits &= bits - 1)
                f(static_cast<char32_t>(w * 64 + static_cast<std::size_t>(std::countr_zero(bits))));
        for (char32_t c : beyond_) f(c);
    }
    friend bool operator==(const CharacterSet& a, const CharacterSet& b);

private:
    static constexpr std::size_t kBasicWords = 0x10000 / 64;  // U+0000..U+FFFF, a bit each: 8 KB
    void addBeyondBasic(char32_t c);
    std::vector<std::uint64_t> basic_;  // empty until the first character of the Basic Multilingual Plane
    std::vector<char32_t> beyond_;      // U+10000..U+10FFFF, ascending, each once (rare: emoji, rare hanzi)
};

// Validates that `text` is UTF-8 (RFC 3629: no overlong form, no surrogate, nothing above U+10FFFF,
// no sequence cut short) and adds each of its characters above U+007F to `into`; false at the first
// byte that breaks it (what was added before it stays). ASCII is skipped 8 bytes at a time.
bool AddUtf8Characters(std::string_view text, CharacterSet& into);

}  // namespace qd
