// json_structure.cpp: simdjson's stage 1 with 128-bit SIMD (json_structure.h).
//
// The index is built the way simdjson's own SIMD kernels build it, 64 bytes at a time, as bit masks
// (bit k: byte k of the block):
//  - quotes that are not escaped (an escaped byte follows an odd run of backslashes);
//  - inside a string: the xor of the quotes up to each byte, carried from block to block, so a string
//    runs from its opening quote up to (not with) its closing one;
//  - the tokens: the operators { } [ ] , : outside strings, and the first byte of every run of other
//    bytes that are not whitespace (a string's opening quote, a number, a literal);
//  - errors: a control character inside a string, a string still open at the end.
// UTF-8 is validated by the implementation simdjson chose, but only over the runs of blocks that hold
// a byte above 0x7F: a block of ASCII bytes ends every character before it and starts none after it,
// so the text is valid UTF-8 exactly when each such run is (the scalar validator WebAssembly gets
// read all 13.6 MB of the 10k workspace for the 11% of its blocks that are not ASCII:
// docs/performance.md "Stage 1").
#include "core/io/json_structure.h"

#include <simdjson.h>

#include <bit>
#include <cmath>
#include <cstdlib>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

namespace qd {

namespace {
bool g_chosen = false;                                // ChooseStage1 was called
thread_local TextCharacters* t_characters = nullptr;  // CollectCharacters in scope on this thread
}  // namespace

CollectCharacters::CollectCharacters(TextCharacters& into) : previous_(t_characters) { t_characters = &into; }
CollectCharacters::~CollectCharacters() { t_characters = previous_; }

#if defined(__wasm_simd128__) || defined(__SSE2__)

namespace {

using simdjson::error_code;

// The parser's side of the implementation: the structural index (this file's stage 1) and, from the
// implementation simdjson chose, string unescaping and everything the DOM API needs.
class SimdIndexer final : public simdjson::internal::dom_parser_implementation {
public:
    explicit SimdIndexer(const simdjson::implementation& chosen) : chosen_(chosen) {}

    error_code stage1(const std::uint8_t* buf, std::size_t len, simdjson::stage1_mode mode) noexcept override
    {
        // Only whole documents (iterate): the streaming modes of iterate_many are not used here.
        if (mode != simdjson::stage1_mode::regular) return simdjson::UNSUPPORTED_ARCHITECTURE;
        if (len > _capacity) return simdjson::CAPACITY;
        if (len == 0) return simdjson::EMPTY;  // (as simdjson's kernels: no index, which may not be allocated)
        std::uint32_t* out = structural_indexes.get();
        std::uint64_t inString = 0;      // all ones when the last block ended inside a string
        std::uint64_t escapedNext = 0;   // 1 when the last block ended in an unescaped backslash
        std::uint64_t scalarBefore = 0;  // 1 when the last block ended in a byte of a number or literal
        std::uint64_t controlInString = 0;
        constexpr std::size_t kNoRun = SIZE_MAX;
        std::size_t nonAsciiFrom = kNoRun;  // where the run of blocks with a byte above 0x7F started
        bool utf8 = true;                   // every run so far is valid UTF-8
        TextCharacters* const characters = t_characters;
        if (characters) characters->read = true;
        const auto validateRun = [&](std::size_t end) {
            const char* const from = reinterpret_cast<const char*>(buf) + nonAsciiFrom;
            if (utf8 && !(characters ? AddUtf8Characters(std::string_view(from, end - nonAsciiFrom), characters->set)
                                     : chosen_.validate_utf8(from, end - nonAsciiFrom)))
                utf8 = false;
            nonAsciiFrom = kNoRun;
        };
        for (std::size_t at = 0; at < len; at += 64) {
            std::uint8_t tail[64];
            const std::uint8_t* p = buf + at;
            if (len - at < 64) {  // the last bytes, padded with spaces (simdjson's kernels do the same)
                std::memset(tail, ' ', sizeof tail);
                std::memcpy(tail, p, len - at);
                p = tail;
            }
            const JsonBlock b = ClassifyJsonBlock(reinterpret_cast<const char*>(p));
            if (b.nonAscii != 0) {
                if (nonAsciiFrom == kNoRun) nonAsciiFrom = at;
            } else if (nonAsciiFrom != kNoRun) {
                validateRun(at);
            }
            std::uint64_t escaped = 0;
            if ((b.backslash | escapedNext) != 0) {  // rare: escapes, a byte at a time
                std::uint64_t next = escapedNext;
                for (int k = 0; k < 64; ++k) {
                    const std::uint64_t bit = std::uint64_t{1} << k;
                    if (next) {
                        escaped |= bit;
                        next = 0;
                        if (characters && p[k] == 'u') characters->escapes = true;
                    } else if (b.backslash & bit) {
                        next = 1;
                    }
                }
                escapedNext = next;
            }
            const std::uint64_t quote = b.quote & ~escaped;
            const std::uint64_t inside = PrefixXor(quote) ^ inString;  // opening quote .. before the closing one
            inString = static_cast<std::uint64_t>(static_cast<std::int64_t>(inside) >> 63);
            const std::uint64_t stringTail = inside ^ quote;  // after the opening quote .. the closing one
            controlInString |= b.control & inside & ~quote;
            const std::uint64_t op = b.op;
            const std::uint64_t scalar = ~b.opOrSpace;
            const std::uint64_t nonQuoteScalar = scalar & ~quote;
            const std::uint64_t followsScalar = (nonQuoteScalar << 1) | scalarBefore;
            scalarBefore = nonQuoteScalar >> 63;
            std::uint64_t starts = (op | (scalar & ~followsScalar)) & ~stringTail;
            if (len - at < 64) starts &= (std::uint64_t{1} << (len - at)) - 1;  // not the spaces padding the last block
            while (starts != 0) {
                *out++ = static_cast<std::uint32_t>(at + static_cast<std::size_t>(std::countr_zero(starts)));
                starts &= starts - 1;
            }
        }
        if (nonAsciiFrom != kNoRun) validateRun(len);
        n_structural_indexes = static_cast<std::uint32_t>(out - structural_indexes.get());
        out[0] = static_cast<std::uint32_t>(len);  // what simdjson's stage 2 expects after the last token
        out[1] = static_cast<std::uint32_t>(len);
        out[2] = 0;
        next_structural_index = 0;
        if (inString != 0) return simdjson::UNCLOSED_STRING;
        if (controlInString != 0) return simdjson::UNESCAPED_CHARS;
        if (n_structural_indexes == 0) return simdjson::EMPTY;
        if (!utf8) return simdjson::UTF8_ERROR;
        return simdjson::SUCCESS;
    }

    // A string's characters (src: after its opening quote) to dst, unescaped; the end of what was
    // written. 16 bytes at a time up to the closing quote, as simdjson's SIMD kernels copy (its buffers
    // have room for it); from the first backslash on, the chosen implementation's (escapes are rare).
    std::uint8_t* parse_string(const std::uint8_t* src, std::uint8_t* dst) const noexcept override
    {
        for (;;) {
#if defined(__wasm_simd128__)
            const v128_t v = wasm_v128_load(src);
            wasm_v128_store(dst, v);
            const std::uint32_t stops = static_cast<std::uint32_t>(wasm_i8x16_bitmask(
                wasm_v128_or(wasm_i8x16_eq(v, wasm_i8x16_splat('"')), wasm_i8x16_eq(v, wasm_i8x16_splat('\\')))));
#else
            const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src));
            _mm_storeu_si128(reinterpret_cast<__m128i*>(dst), v);
            const std::uint32_t stops = static_cast<std::uint32_t>(_mm_movemask_epi8(
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')))));
#endif
            if (stops != 0) {
                const int at = std::countr_zero(stops);
                if (src[at] == '"') return dst + at;
                return strings_->parse_string(src + at, dst + at);  // a backslash: escapes from here on
            }
            src += 16;
            dst += 16;
        }
    }

    error_code set_capacity(std::size_t capacity) noexcept override
    {
        if (capacity > simdjson::SIMDJSON_MAXSIZE_BYTES) return simdjson::CAPACITY;
        // One entry per byte at most, the three written after the last token, rounded as simdjson does.
        const std::size_t entries = (capacity + 63) / 64 * 64 + 2 + 7;
        structural_indexes.reset(new (std::nothrow) std::uint32_t[entries]);
        if (!structural_indexes) {
            _capacity = 0;
            return simdjson::MEMALLOC;
        }
        structural_indexes[0] = 0;
        n_structural_indexes = 0;
        _capacity = capacity;
        return strings_ ? simdjson::SUCCESS : chosen_.create_dom_parser_implementation(0, 1, strings_);
    }

    error_code set_max_depth(std::size_t depth) noexcept override
    {
        _max_depth = depth;
        return simdjson::SUCCESS;
    }

    // The DOM API (not used by the loader): the chosen implementation's parser, whole.
    error_code parse(const std::uint8_t* buf, std::size_t len, simdjson::dom::document& doc) noexcept override
    {
        if (!dom_ || dom_->capacity() < len || dom_->max_depth() != _max_depth) {
            if (const error_code e = chosen_.create_dom_parser_implementation(_capacity, _max_depth, dom_)) return e;
        }
        return dom_->parse(buf, len, doc);
    }
    error_code stage2(simdjson::dom::document&) noexcept override { return simdjson::UNSUPPORTED_ARCHITECTURE; }
    error_code stage2_next(simdjson::dom::document&) noexcept override { return simdjson::UNSUPPORTED_ARCHITECTURE; }

private:
    const simdjson::implementation& chosen_;
    std::unique_ptr<simdjson::internal::dom_parser_implementation> strings_;  // for parse_string
    std::unique_ptr<simdjson::internal::dom_parser_implementation> dom_;      // for parse
};

// simdjson's implementation record for it: the chosen one's, with SimdIndexer as the parser.
class SimdImplementation final : public simdjson::implementation {
public:
    explicit SimdImplementation(const simdjson::implementation& chosen)
        : simdjson::implementation("qd_simd128", "stage 1: 128-bit SIMD (QuoteDesk); stage 2: " + chosen.name(),
                                   chosen.required_instruction_sets()),
          chosen_(chosen)
    {}
    error_code create_dom_parser_implementation(
        std::size_t capacity, std::size_t maxDepth,
        std::unique_ptr<simdjson::internal::dom_parser_implementation>& dst) const noexcept override
    {
        dst.reset(new (std::nothrow) SimdIndexer(chosen_));
        if (!dst) return simdjson::MEMALLOC;
        return dst->allocate(capacity, maxDepth);
    }
    error_code minify(const std::uint8_t* buf, std::size_t len, std::uint8_t* dst,
                      std::size_t& dstLen) const noexcept override
    {
        return chosen_.minify(buf, len, dst, dstLen);
    }
    bool validate_utf8(const char* buf, std::size_t len) const noexcept override
    {
        return chosen_.validate_utf8(buf, len);
    }

private:
    const simdjson::implementation& chosen_;
};

const simdjson::implementation& SimdjsonsOwn()
{
    // The implementation simdjson picks (not its "detect on first use" stand-in, which installs the
    // one it detects when first called, over any choice made before).
    static const simdjson::implementation& own = *simdjson::get_available_implementations().detect_best_supported();
    return own;
}

}  // namespace

void ChooseStage1(Stage1 which)
{
    g_chosen = true;
    const simdjson::implementation& own = SimdjsonsOwn();
    static const SimdImplementation simd(own);
    const bool portable = own.name() == "fallback";
    simdjson::get_active_implementation() =
        which == Stage1::Simd128 || (which == Stage1::Auto && portable) ? &simd : &own;
}

#else

void ChooseStage1(Stage1) { g_chosen = true; }

#endif

void ChooseStage1Once()
{
    if (!g_chosen) ChooseStage1(Stage1::Auto);
}

// json_structure.h
bool IsJsonNumber(std::string_view t)
{
    std::size_t i = 0;
    const std::size_t n = t.size();
    const auto digits = [&] {
        const std::size_t from = i;
        while (i < n && t[i] >= '0' && t[i] <= '9') ++i;
        return i > from;
    };
    if (i < n && t[i] == '-') ++i;
    if (i < n && t[i] == '0') ++i;
    else if (!digits()) return false;
    bool plain = true;  // no fraction, no exponent
    if (i < n && t[i] == '.') {
        ++i;
        plain = false;
        if (!digits()) return false;
    }
    if (i < n && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        plain = false;
        if (i < n && (t[i] == '+' || t[i] == '-')) ++i;
        if (!digits()) return false;
    }
    if (i != n) return false;
    if ((plain && n <= 19) || (!plain && n <= 24 && t.find_first_of("eE") == std::string_view::npos)) return true;
    const std::string copy(t);  // rare: long or with an exponent, check that it is finite
    return std::isfinite(std::strtod(copy.c_str(), nullptr));
}

}  // namespace qd
