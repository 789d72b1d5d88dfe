// json_structure.h: simdjson's first stage with 128-bit SIMD where simdjson has none (the loader's
// fast path, docs/performance.md "Stage 1").
//
// simdjson reads a document in two stages: stage 1 finds where every token starts (the structural
// index: each { } [ ] , : the opening quote of each string, the first byte of each number or
// literal) and checks the UTF-8; stage 2 (On-Demand) walks the tokens. For WebAssembly simdjson 3.0.1
// has no SIMD kernel, and its portable one finds the tokens a byte at a time: half of a load's time
// in the browser. ChooseStage1 makes simdjson's parsers use a stage 1 that classifies
// 64 bytes at a time with WebAssembly SIMD (SSE2 natively, where the same code is tested), copies
// strings 16 bytes at a time up to their first backslash, and keeps everything else of the
// implementation simdjson chose (unescaping from that backslash on, UTF-8 validation). The UTF-8 is
// validated only where a block of 64 bytes holds a byte above 0x7F (docs/performance.md "Stage 1").
//
// The index it writes is the one simdjson's own stage 1 writes for every valid document; for an
// invalid one either stage refuses (an unclosed string, a control character inside a string, bad
// UTF-8, or a token stage 2 does not accept), and the loader then reads the file with its precise
// reader, so no message depends on which stage refused.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/model/character_set.h"

#if defined(__wasm_simd128__)
#include <wasm_simd128.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace qd {

// The bytes of a block of 64 that a scan of JSON looks at, as bit masks (bit k: byte k). The loader's
// scan of a large file (RootScan) and this stage 1 both classify blocks with it.
struct JsonBlock {
    std::uint64_t quote = 0, backslash = 0;
    std::uint64_t open = 0, close = 0;  // { or [; } or ]
    std::uint64_t separator = 0;        // , or :
    std::uint64_t space = 0;            // space, tab, line feed, carriage return
    std::uint64_t control = 0;          // below 0x20
    std::uint64_t nonAscii = 0;         // 0x80 and above: a byte of a multi-byte UTF-8 character
    // The same, combined before they are made masks (one mask where the caller would OR three):
    std::uint64_t op = 0;         // open | close | separator
    std::uint64_t opOrSpace = 0;  // op | space
};
// `p`: 64 readable bytes. With WebAssembly SIMD or SSE2 where the build has them, else a byte at a time.
// Always inline (the wasm build left it a call): a caller that reads only some of the masks does not
// compute the others (RootScan reads quote, backslash, open and close; stage 1 reads op and opOrSpace
// instead of the four they combine: 6 masks of 16 bytes instead of 8).
[[gnu::always_inline]] inline JsonBlock ClassifyJsonBlock(const char* p)
{
    JsonBlock b;
#if defined(__wasm_simd128__) || defined(__SSE2__)
    for (int k = 0; k < 4; ++k) {
#if defined(__wasm_simd128__)
        const v128_t v = wasm_v128_load(p + 16 * k);
        const auto eq = [&v](int c) { return wasm_i8x16_eq(v, wasm_i8x16_splat(static_cast<std::int8_t>(c))); };
        const auto bits = [](v128_t m) {
            return static_cast<std::uint64_t>(static_cast<std::uint32_t>(wasm_i8x16_bitmask(m)));
        };
        const auto any = [](v128_t a, v128_t c) { return wasm_v128_or(a, c); };
        const v128_t folded = wasm_v128_or(v, wasm_i8x16_splat(0x20));
        const auto foldedEq = [&folded](int c) {
            return wasm_i8x16_eq(folded, wasm_i8x16_splat(static_cast<std::int8_t>(c)));
        };
        const v128_t control = wasm_u8x16_lt(v, wasm_i8x16_splat(0x20));
#else
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
        const auto eq = [&v](int c) { return _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(c))); };
        const auto bits = [](__m128i m) {
            return static_cast<std::uint64_t>(static_cast<unsigned>(_mm_movemask_epi8(m)));
        };
        const auto any = [](__m128i a, __m128i c) { return _mm_or_si128(a, c); };
        const __m128i folded = _mm_or_si128(v, _mm_set1_epi8(0x20));
        const auto foldedEq = [&folded](int c) { return _mm_cmpeq_epi8(folded, _mm_set1_epi8(static_cast<char>(c))); };
        const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1F)), v);  // v <= 0x1F
#endif
        // '{' 0x7B and '[' 0x5B are the bytes whose value | 0x20 is 0x7B; '}' 0x7D and ']' 0x5D for 0x7D.
        const int shift = 16 * k;
        const auto open = foldedEq(0x7B), close = foldedEq(0x7D), separator = any(eq(','), eq(':'));
        const auto space = any(any(eq(' '), eq('\t')), any(eq('\n'), eq('\r')));
        const auto op = any(any(open, close), separator);
        b.quote |= bits(eq('"')) << shift;
        b.backslash |= bits(eq('\\')) << shift;
        b.open |= bits(open) << shift;
        b.close |= bits(close) << shift;
        b.separator |= bits(separator) << shift;
        b.space |= bits(space) << shift;
        b.control |= bits(control) << shift;
        b.nonAscii |= bits(v) << shift;  // the bitmask is of each byte's top bit
        b.op |= bits(op) << shift;
        b.opOrSpace |= bits(any(op, space)) << shift;
    }
#else
    for (int k = 0; k < 64; ++k) {
        const std::uint64_t bit = std::uint64_t{1} << k;
        const unsigned char c = static_cast<unsigned char>(p[k]);
        if (c == '"') b.quote |= bit;
        if (c == '\\') b.backslash |= bit;
        if (c == '{' || c == '[') b.open |= bit;
        if (c == '}' || c == ']') b.close |= bit;
        if (c == ',' || c == ':') b.separator |= bit;
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') b.space |= bit;
        if (c < 0x20) b.control |= bit;
        if (c >= 0x80) b.nonAscii |= bit;
    }
    b.op = b.open | b.close | b.separator;
    b.opOrSpace = b.op | b.space;
#endif
    return b;
}

// Where the first '"' or '\\' from `p` on is: with p inside a JSON string of a document simdjson
// reads (after its opening quote), the string's end when it has no escape. Reads 16 bytes at a time,
// so up to 15 bytes past that byte: within simdjson's padding after the document.
[[gnu::always_inline]] inline std::size_t QuoteOrBackslash(const char* p)
{
    for (std::size_t at = 0;; at += 16) {
#if defined(__wasm_simd128__)
        const v128_t v = wasm_v128_load(p + at);
        const std::uint32_t stops = static_cast<std::uint32_t>(wasm_i8x16_bitmask(
            wasm_v128_or(wasm_i8x16_eq(v, wasm_i8x16_splat('"')), wasm_i8x16_eq(v, wasm_i8x16_splat('\\')))));
        if (stops != 0) return at + static_cast<std::size_t>(__builtin_ctz(stops));
#elif defined(__SSE2__)
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + at));
        const std::uint32_t stops = static_cast<std::uint32_t>(_mm_movemask_epi8(
            _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')))));
        if (stops != 0) return at + static_cast<std::size_t>(__builtin_ctz(stops));
#else
        for (std::size_t k = at; k < at + 16; ++k)
            if (p[k] == '"' || p[k] == '\\') return k;
#endif
    }
}

// Bit k: the xor of bits 0..k. Of the unescaped quotes: the strings, each from its opening quote up
// to (not with) its closing one.
inline std::uint64_t PrefixXor(std::uint64_t x)
{
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

// Which stage 1 simdjson's parsers use.
enum class Stage1 {
    Auto,      // Simd128 where simdjson's own kernel is its portable one (WebAssembly), else Simdjson
    Simd128,   // this file's (where the build has WebAssembly SIMD or SSE2; else simdjson's own)
    Simdjson,  // the kernel simdjson picks for the machine (natively e.g. haswell: AVX2)
};
// For every simdjson parser allocated from now on (tests choose Simd128 to run it natively).
void ChooseStage1(Stage1 which);
// Auto, unless ChooseStage1 chose before: the loader's fast path calls it before it reads.
void ChooseStage1Once();

// The characters of the text this file's stage 1 reads (docs/performance.md "The characters of a
// file"): while a CollectCharacters is in scope on a thread, the stage 1 validates the UTF-8 of the
// blocks that hold a byte above 0x7F itself (AddUtf8Characters, instead of simdjson's validator) and
// adds their characters to `set`. Keys and every value alike: the set is every character the text
// spells out, so a superset of what the workspace read from it can show, except what the text spells
// as a \u escape (`escapes` says one was met). simdjson's own stage 1 collects nothing (`read` stays
// false), so only a set with read && !escapes is the whole truth.
struct TextCharacters {
    CharacterSet set;
    bool read = false;     // this file's stage 1 ran while collecting
    bool escapes = false;  // a \u escape was met (outside a string JSON has no backslash)
    bool complete() const { return read && !escapes; }
};
class CollectCharacters {
public:
    explicit CollectCharacters(TextCharacters& into);
    ~CollectCharacters();  // the collection in scope before, if any, collects again
    CollectCharacters(const CollectCharacters&) = delete;
    CollectCharacters& operator=(const CollectCharacters&) = delete;

private:
    TextCharacters* previous_;
};

// What On-Demand leaves to whoever reads a number token: the JSON number grammar (RFC 8259 §6), and the
// range nlohmann accepts (a number that does not fit a double, 1e400, is refused there). Both fast
// paths (load.cpp, huawei_import.cpp) check every number token with it, so they refuse what the
// precise readers refuse.
bool IsJsonNumber(std::string_view token);

}  // namespace qd
