// words.h: a text's bytes read as machine words, for the loops that look at 8 bytes at a time
// (hashing and comparing ids, record fingerprints, the font scan of an opened workspace).
//
//   uint64_t w = LoadWord8(p);   // the bytes p[0..7]; p[0] is the lowest byte on wasm and x86
//
// A memcpy of a fixed size is one unaligned load (a memcpy of a variable length is a call in wasm).
#pragma once

#include <cstdint>
#include <cstring>

namespace qd {

inline uint64_t LoadWord8(const char* at)
{
    uint64_t word;
    std::memcpy(&word, at, 8);
    return word;
}

inline uint64_t LoadWord4(const char* at)
{
    uint32_t word;
    std::memcpy(&word, at, 4);
    return word;
}

}  // namespace qd
