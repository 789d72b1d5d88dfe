// CharacterSet and AddUtf8Characters (core/model/character_set.h), and the characters the streamed
// fast path collects from a file (LoadResult::characters, core/io/json_structure.h TextCharacters):
// the set is exactly the file's characters above U+007F, or absent when it could be short.
#include <doctest/doctest.h>

#include <simdjson.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "core/gen/generator.h"
#include "core/io/json_structure.h"
#include "core/io/load.h"
#include "core/model/character_set.h"
#include "load_paths.h"

using namespace qd;

namespace {

// UTF-8 of one code point (any value up to U+10FFFF, surrogates too: the tests need bad text).
std::string Encode(char32_t c)
{
    std::string s;
    if (c < 0x80) {
        s += static_cast<char>(c);
    } else if (c < 0x800) {
        s += static_cast<char>(0xC0 | (c >> 6));
        s += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        s += static_cast<char>(0xE0 | (c >> 12));
        s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        s += static_cast<char>(0xF0 | (c >> 18));
        s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        s += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (c & 0x3F));
    }
    return s;
}

std::vector<char32_t> Members(const CharacterSet& set)
{
    std::vector<char32_t> out;
    set.forEach([&](char32_t c) { out.push_back(c); });
    return out;
}

}  // namespace

TEST_CASE("CharacterSet: characters above U+007F, each once, in ascending order")
{
    CharacterSet set;
    CHECK(set.empty());
    for (char32_t c : {U'\0', U'a', U'\x7f', char32_t{0xD800}, char32_t{0xDFFF}, char32_t{0x110000}}) set.add(c);
    CHECK(set.empty());  // ASCII (every font has it), surrogates and what is beyond Unicode are not characters here
    for (char32_t c :
         {U'中', U'\x80', char32_t{0x10FFFF}, U'中', char32_t{0x20000}, char32_t{0xFFFF}, char32_t{0x20000}})
        set.add(c);
    CHECK(set.size() == 5);
    CHECK(Members(set) == std::vector<char32_t>{0x80, U'中', 0xFFFF, 0x20000, 0x10FFFF});
    CHECK(set.contains(U'中'));
    CHECK(set.contains(char32_t{0x20000}));
    CHECK_FALSE(set.contains(U'国'));
    CHECK_FALSE(set.contains(char32_t{0x20001}));
    CHECK_FALSE(set.contains(U'a'));

    CharacterSet same, other;
    for (char32_t c : {char32_t{0x10FFFF}, char32_t{0x20000}, char32_t{0xFFFF}, U'中', U'\x80'}) same.add(c);
    CHECK(same == set);
    other.add(char32_t{0x20000});
    CHECK_FALSE(other == set);
    CharacterSet beyondOnly;
    beyondOnly.add(char32_t{0x20000});
    CHECK(beyondOnly == other);  // one has its plane-0 table, the other none: both hold no such character
    CHECK(CharacterSet{} == CharacterSet{});
}

TEST_CASE("AddUtf8Characters: every length of sequence at its bounds, and what RFC 3629 refuses")
{
    // The first and last code point of each length, and around the surrogates.
    for (char32_t c : {char32_t{0x80}, char32_t{0x7FF}, char32_t{0x800}, char32_t{0xD7FF}, char32_t{0xE000},
                       char32_t{0xFFFF}, char32_t{0x10000}, char32_t{0x10FFFF}}) {
        CAPTURE(static_cast<uint32_t>(c));
        CharacterSet set;
        CHECK(AddUtf8Characters("ab" + Encode(c) + "cd", set));
        CHECK(Members(set) == std::vector<char32_t>{c});
    }
    const std::vector<std::string> refused = {
        "\x80",              // a continuation byte first
        "\xC0\x80",          // overlong NUL
        "\xC1\xBF",          // overlong U+007F
        "\xE0\x80\x80",      // overlong (3 bytes for U+0000)
        "\xE0\x9F\xBF",      // overlong U+07FF
        "\xED\xA0\x80",      // U+D800, a surrogate
        "\xED\xBF\xBF",      // U+DFFF
        "\xF0\x8F\xBF\xBF",  // overlong U+FFFF
        "\xF4\x90\x80\x80",  // U+110000, beyond Unicode
        "\xF5\x80\x80\x80",  // a byte UTF-8 never has
        "\xFF",
        "\xC3",  // cut short at the end
        "\xE4\xB8",
        "\xF0\x9F\x98",
        "\xC3(",  // cut short by an ASCII byte
        "\xE4\xB8z",
    };
    for (const std::string& bad : refused) {
        CAPTURE(bad);
        CharacterSet set;
        CHECK_FALSE(AddUtf8Characters(bad, set));
        CHECK_FALSE(AddUtf8Characters("0123456789" + bad, set));         // after a run read 8 bytes at a time
        CHECK_FALSE(AddUtf8Characters("中" + bad + "0123456789", set));  // before one
    }
    // ASCII around a character at every place in the 8-byte words.
    for (std::size_t before = 0; before < 20; ++before) {
        for (std::size_t after = 0; after < 20; after += 3) {
            CharacterSet set;
            CHECK(AddUtf8Characters(std::string(before, 'x') + "资" + std::string(after, 'y'), set));
            CHECK(Members(set) == std::vector<char32_t>{U'资'});
        }
    }
    CharacterSet none;
    CHECK(AddUtf8Characters("", none));
    CHECK(AddUtf8Characters("plain ASCII text, longer than one word", none));
    CHECK(none.empty());
}

TEST_CASE("AddUtf8Characters: valid exactly where simdjson's validator says so; the characters encoded, no more")
{
    std::mt19937 rng(20261207);
    // Random text from pieces likely to form and break UTF-8: ASCII, lead and continuation bytes, whole
    // characters of every length and the edges of the refused ranges.
    const std::vector<std::string> pieces = {
        "a",    " ",    "\x80",       "\xBF",        "\xC2",         "\xDF",          "\xE0",
        "\xED", "\xEF", "\xF0",       "\xF4",        "\xF5",         "\xA0",          "\x9F",
        "\x8F", "\x90", Encode(0xE9), Encode(U'中'), Encode(0xFFFD), Encode(0x1F600), "0123456789abcdef"};
    int valid = 0;
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        const int n = static_cast<int>(rng() % 12);
        for (int i = 0; i < n; ++i) text += pieces[rng() % pieces.size()];
        CharacterSet set;
        const bool ours = AddUtf8Characters(text, set);
        CAPTURE(text);
        CHECK(ours == simdjson::validate_utf8(text.data(), text.size()));
        valid += ours;
    }
    CHECK(valid > 2000);  // both verdicts were met often
    CHECK(valid < 18000);
    // Valid text of random characters: the set is the characters above U+007F that were encoded.
    for (int round = 0; round < 2000; ++round) {
        std::string text;
        CharacterSet expected;
        for (int i = 0; i < 30; ++i) {
            char32_t c = rng() % 4 == 0 ? static_cast<char32_t>(rng() % 0x80) : static_cast<char32_t>(rng() % 0x110000);
            if (c >= 0xD800 && c <= 0xDFFF) c = U'界';
            text += Encode(c);
            expected.add(c);
        }
        CharacterSet set;
        CHECK(AddUtf8Characters(text, set));
        CHECK(set == expected);
    }
}

TEST_CASE("streamed open: the characters of the file, collected by stage 1; absent when they could be short")
{
    GeneratorOptions o;
    o.resources = 1500;
    const std::string text = GenerateWorkspace(o);
    CharacterSet inText;
    REQUIRE(AddUtf8Characters(text, inText));
    REQUIRE(inText.size() > 50);  // the generated names are Chinese
    {
        const test::SimdStage1 simd;
        for (std::size_t piece : {std::size_t{4096}, kStreamPieceBytes}) {
            CAPTURE(piece);
            const std::optional<LoadResult> r = LoadWorkspaceStreamed(test::StringSource(text), "big.json", piece);
            REQUIRE(r.has_value());
            REQUIRE(r->characters.has_value());
            CHECK(*r->characters == inText);
            // ... which holds every character of every name the console shows
            for (const Resource& res : r->workspace.resources) {
                CharacterSet name;
                REQUIRE(AddUtf8Characters(res.resource_name, name));
                name.forEach([&](char32_t c) { CHECK(r->characters->contains(c)); });
            }
        }
        // A name spelled with a \u escape: its character is not in the text's bytes, so no set.
        std::string escaped = text;
        const std::size_t at = escaped.find("\"resource_name\":\"") + 17;
        escaped.insert(at, "\\u9fa0");  // 龠, in no generated name
        const std::optional<LoadResult> e = LoadWorkspaceStreamed(test::StringSource(escaped), "big.json");
        REQUIRE(e.has_value());
        CHECK_FALSE(e->characters.has_value());
        // An escaped backslash before a u is no escape of a character.
        std::string backslash = text;
        backslash.insert(at, "\\\\u9fa0");
        const std::optional<LoadResult> b = LoadWorkspaceStreamed(test::StringSource(backslash), "big.json");
        REQUIRE(b.has_value());
        CHECK(b->characters.has_value());
        // Bad UTF-8 in a name: refused by the fast path, as before (the precise reader says where).
        std::string bad = text;
        bad.insert(at, "\xED\xA0\x80");
        CHECK_FALSE(LoadWorkspaceStreamed(test::StringSource(bad), "big.json").has_value());
    }
    // simdjson's own stage 1 collects nothing: no set rather than an empty one.
    ChooseStage1(Stage1::Simdjson);
    const std::optional<LoadResult> own = LoadWorkspaceStreamed(test::StringSource(text), "big.json");
    ChooseStage1(Stage1::Auto);
    REQUIRE(own.has_value());
    CHECK_FALSE(own->characters.has_value());
    // The other paths give none either.
    CHECK_FALSE(LoadFiles({{"big.json", text}}).characters.has_value());
}
