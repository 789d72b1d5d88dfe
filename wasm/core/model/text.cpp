#include "text.h"

#include <cstring>
#include <ostream>

namespace qd {

namespace {

// Copies `s` to `to`. An empty view may have a null data(), which memcpy must not be given even for 0
// bytes (UBSan: "null pointer passed as argument 2"; the empty second half of add(a)).
void CopyTo(char* to, std::string_view s)
{
    if (!s.empty()) std::memcpy(to, s.data(), s.size());
}

// `a` then `b` and a NUL in a block of exactly that size.
Text::Block OwnBlock(std::string_view a, std::string_view b)
{
    std::shared_ptr<char[]> block(new char[a.size() + b.size() + 1]);
    CopyTo(block.get(), a);
    CopyTo(block.get() + a.size(), b);
    block[a.size() + b.size()] = '\0';
    return block;
}

}  // namespace

Text::Text(std::string_view s)
{
    if (s.empty()) return;
    block_ = OwnBlock(s, {});
    data_ = block_.get();
    size_ = s.size();
}

std::ostream& operator<<(std::ostream& os, const Text& t) { return os << t.view(); }

Text TextArena::add(std::string_view a, std::string_view b)
{
    const std::size_t size = a.size() + b.size();
    if (size == 0) return Text();
    const std::size_t need = size + 1;  // and its NUL
    if (!block_ || capacity_ - used_ < need) {
        // A text longer than a quarter block gets a block of its own; the current block keeps its room.
        if (need > kBlockSize / 4) {
            Text::Block own = OwnBlock(a, b);
            const char* data = own.get();
            return Text(std::move(own), data, size);
        }
        block_.reset(new char[kBlockSize]);
        used_ = 0;
        capacity_ = kBlockSize;
    }
    char* data = block_.get() + used_;
    CopyTo(data, a);
    CopyTo(data + a.size(), b);
    data[size] = '\0';
    used_ += need;
    return Text(block_, data, size);
}

}  // namespace qd
