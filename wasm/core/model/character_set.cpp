// character_set.cpp: CharacterSet and the UTF-8 reader that fills it (character_set.h).
#include "core/model/character_set.h"

#include <algorithm>
#include <bit>

#include "core/model/words.h"

namespace qd {

void CharacterSet::addBeyondBasic(char32_t c)
{
    const auto at = std::lower_bound(beyond_.begin(), beyond_.end(), c);
    if (at == beyond_.end() || *at != c) beyond_.insert(at, c);
}

bool CharacterSet::contains(char32_t c) const
{
    if (c <= 0xFFFF) return !basic_.empty() && ((basic_[c >> 6] >> (c & 63)) & 1) != 0;
    return std::binary_search(beyond_.begin(), beyond_.end(), c);
}

std::size_t CharacterSet::size() const
{
    std::size_t n = beyond_.size();
    for (std::uint64_t w : basic_) n += static_cast<std::size_t>(std::popcount(w));
    return n;
}

bool operator==(const CharacterSet& a, const CharacterSet& b)
{
    const auto basicEqual = [&] {
        if (a.basic_.empty() || b.basic_.empty()) {
            const auto& other = a.basic_.empty() ? b.basic_ : a.basic_;
            return std::all_of(other.begin(), other.end(), [](std::uint64_t w) { return w == 0; });
        }
        return a.basic_ == b.basic_;
    };
    return a.beyond_ == b.beyond_ && basicEqual();
}

bool AddUtf8Characters(std::string_view text, CharacterSet& into)
{
    constexpr std::uint64_t kHighBits = 0x8080808080808080ull;
    const unsigned char* p = reinterpret_cast<const unsigned char*>(text.data());
    const unsigned char* const end = p + text.size();
    const auto continuation = [](unsigned char b) { return (b & 0xC0) == 0x80; };
    while (p < end) {
        // ASCII, most of any file: 8 bytes at a time up to the first byte above 0x7F.
        while (end - p >= 8) {
            const std::uint64_t high = LoadWord8(reinterpret_cast<const char*>(p)) & kHighBits;
            if (high != 0) {
                p += std::countr_zero(high) / 8;
                break;
            }
            p += 8;
        }
        if (p == end) break;
        const unsigned c = *p;
        if (c < 0x80) {
            ++p;
        } else if (c < 0xC2) {  // a continuation byte first, or the overlong 0xC0 0xC1
            return false;
        } else if (c < 0xE0) {
            if (end - p < 2 || !continuation(p[1])) return false;
            into.add(((c & 0x1Fu) << 6) | (p[1] & 0x3Fu));
            p += 2;
        } else if (c < 0xF0) {
            if (end - p < 3 || !continuation(p[1]) || !continuation(p[2])) return false;
            const char32_t cp = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
            if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;  // overlong; a surrogate
            into.add(cp);
            p += 3;
        } else if (c < 0xF5) {
            if (end - p < 4 || !continuation(p[1]) || !continuation(p[2]) || !continuation(p[3])) return false;
            const char32_t cp = ((c & 0x07u) << 18) | ((p[1] & 0x3Fu) << 12) | ((p[2] & 0x3Fu) << 6) | (p[3] & 0x3Fu);
            if (cp < 0x10000 || cp > 0x10FFFF) return false;  // overlong; beyond Unicode
            into.add(cp);
            p += 4;
        } else {  // 0xF5..0xFF never appear in UTF-8
            return false;
        }
    }
    return true;
}

}  // namespace qd
