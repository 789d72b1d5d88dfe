// The loader's two paths (docs/performance.md): simdjson's fast path and the precise nlohmann reader
// must read every file alike: the same model or both refuse, and the errors of LoadPath::Auto exactly
// the precise reader's. On every fixture and sample of the repository (assets/, tests/bad-input/,
// tests/cli/cases/, tests/huawei/) and on generated workspaces of several sizes and seeds.
#include <doctest/doctest.h>

#include <dirent.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/gen/generator.h"
#include "core/io/json_structure.h"
#include "core/io/load.h"
#include "core/io/save.h"
#include "load_paths.h"
#include "workspace_fixture.h"

namespace qd {
namespace {

// Every *.json under dir (relative to the source tree), recursively, sorted.
void JsonFilesUnder(const std::string& dir, std::vector<std::string>& out)
{
    DIR* d = opendir(dir.c_str());
    if (!d) return;
    while (const dirent* entry = readdir(d)) {
        const std::string name = entry->d_name;
        if (name == "." || name == "..") continue;
        const std::string path = dir + "/" + name;
        if (DIR* sub = opendir(path.c_str())) {
            closedir(sub);
            JsonFilesUnder(path, out);
        } else if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) {
            out.push_back(path);
        }
    }
    closedir(d);
    std::sort(out.begin(), out.end());
}

std::string ReadText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

TEST_CASE("load paths: every fixture and sample of the repository reads alike on both paths")
{
    std::vector<std::string> files;
    for (const char* dir : {"assets", "tests/bad-input", "tests/cli/cases", "tests/huawei"})
        JsonFilesUnder(std::string(QD_SOURCE_DIR) + "/" + dir, files);
    CHECK(files.size() >= 100);
    int loaded = 0;
    for (const std::string& path : files) {
        const std::string name = path.substr(path.rfind('/') + 1);
        if (test::LoadBothPaths(ReadText(path), name).ok) ++loaded;
    }
    CHECK(loaded >= 2);  // the sample and the CLI cases' workspace, not only refusals
}

TEST_CASE("load paths: generated workspaces of several sizes read alike, and the fast path takes them")
{
    for (const int64_t resources : {0, 1, 20, 300, 3000}) {
        for (const uint64_t seed : {1u, 7u}) {
            GeneratorOptions o;
            o.resources = resources;
            o.seed = seed;
            const std::string text = GenerateWorkspace(o);
            INFO("resources " << resources << ", seed " << seed);
            CHECK(test::LoadBothPaths(text, "gen.json").ok);
            CHECK(LoadWorkspace(text, "gen.json", LoadPath::Fast).ok);
        }
    }
}

// Replaces every occurrence of `what` in text.
std::string ReplaceAll(std::string text, std::string_view what, std::string_view with)
{
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + with.size()))
        text.replace(at, what.size(), with);
    return text;
}

TEST_CASE("load paths: a file over 256 KiB is read in windows of whole elements, whatever its strings hold")
{
    GeneratorOptions o;
    o.resources = 1500;  // ~2 MB: resources and orders each more than one window
    const std::string text = GenerateWorkspace(o);
    REQUIRE(text.size() > (std::size_t{3} << 19));
    // Strings full of what a scan for element boundaries could take for structure: brackets, quotes
    // and backslashes escaped, "},{" inside names, and unknown members with nested arrays of objects.
    const std::string tricky = ReplaceAll(text, R"("resource_name":")", R"("resource_name":"\\\"},{[\\\\\"]} ],[{ \\)");
    const std::string nested =
        ReplaceAll(text, R"("order_id":)", R"("x_unknown":[{"a":[{},{"b":"},{\""}]},[]],"order_id":)");
    const std::string pretty = nlohmann::json::parse(text).dump(2);  // indented: whitespace everywhere
    for (const std::string* t : {&text, &tricky, &nested, &pretty}) {
        const LoadResult r = test::LoadBothPaths(*t, "big.json");
        CHECK_MESSAGE(r.ok, (r.errors.empty() ? "" : r.errors.front().str()));
        CHECK(LoadWorkspace(*t, "big.json", LoadPath::Fast).ok);
    }
    // Broken inside a window, between windows, after the root: refused by both.
    const std::size_t middle = text.find("},", text.size() / 2) + 1;
    CHECK_FALSE(test::LoadBothPaths(text.substr(0, middle) + ",," + text.substr(middle + 1), "big.json").ok);
    CHECK_FALSE(test::LoadBothPaths(text.substr(0, middle) + text.substr(middle + 1), "big.json").ok);
    CHECK_FALSE(test::LoadBothPaths(text.substr(0, text.size() / 2), "big.json").ok);
    CHECK_FALSE(test::LoadBothPaths(text + "{}", "big.json").ok);
    CHECK_FALSE(
        test::LoadBothPaths(ReplaceAll(text, R"("resource_name":")", "\"resource_name\":\"\x01"), "big.json").ok);
    CHECK_FALSE(
        test::LoadBothPaths(ReplaceAll(text, R"("resource_name":")", "\"resource_name\":\"\xC3"), "big.json").ok);
}

TEST_CASE(
    "load paths: a file lent a piece at a time (the browser's open) reads as LoadFiles reads it, or is left to it")
{
    GeneratorOptions o;
    o.resources = 1500;  // ~2 MB: read in windows
    const std::string text = GenerateWorkspace(o);
    const LoadResult whole = LoadFiles({{"big.json", text}});
    REQUIRE(whole.ok);
    const std::string saved = SaveWorkspace(whole.workspace);
    for (const std::size_t piece : {kStreamPieceBytes, std::size_t{65536}, std::size_t{4093}, std::size_t{1}}) {
        CAPTURE(piece);
        const std::optional<LoadResult> streamed = LoadWorkspaceStreamed(test::StringSource(text), "big.json", piece);
        REQUIRE(streamed);
        CHECK(SaveWorkspace(streamed->workspace) == saved);
    }
    const std::string bom = "\xEF\xBB\xBF" + text;  // a UTF-8 byte order mark, skipped as LoadFiles skips it
    const std::optional<LoadResult> withBom = LoadWorkspaceStreamed(test::StringSource(bom), "big.json");
    REQUIRE(withBom);
    CHECK(SaveWorkspace(withBom->workspace) == saved);

    // What LoadFiles reads as something else or refuses is not taken: LoadFiles then says why.
    REQUIRE(text.substr(0, 1) == "{");
    const std::string huawei = R"({"data":[],)" + text.substr(1);  // DetectInputKind: a Huawei response
    CHECK(DetectInputKind(huawei) == InputKind::HuaweiResources);
    CHECK_FALSE(LoadWorkspaceStreamed(test::StringSource(huawei), "big.json"));
    std::string nul = text;
    nul[nul.find("resource_name", nul.size() / 2) + 20] = '\0';
    CHECK_FALSE(LoadFiles({{"big.json", nul}}).ok);
    CHECK_FALSE(LoadWorkspaceStreamed(test::StringSource(nul), "big.json"));
    const std::size_t second = text.find(R"("resource_id":)", text.find(R"("resource_id":)") + 1);
    const std::string duplicate = text.substr(0, second) + R"("resource_id":"x","resource_id":)" +
                                  text.substr(second + std::string_view(R"("resource_id":)").size());
    CHECK_FALSE(LoadFiles({{"big.json", duplicate}}).ok);
    CHECK_FALSE(LoadWorkspaceStreamed(test::StringSource(duplicate), "big.json"));
    for (const std::string_view small : {R"({"format":"quotedesk/1"})", R"({"data":[]})", "", "  ", "{\"format\":1}"}) {
        CAPTURE(small);
        const LoadResult files = LoadFiles({{"small.json", std::string(small)}});
        const std::optional<LoadResult> streamed = LoadWorkspaceStreamed(test::StringSource(small), "small.json");
        CHECK(streamed.has_value() == (files.ok && DetectInputKind(small) == InputKind::Workspace));
    }
}

// The browser's stage 1 (core/io/json_structure.h: 64 bytes at a time with 128-bit SIMD) chosen
// natively too, where simdjson would use its own kernel; restored at the end.
struct SimdStage1 {
    SimdStage1() { ChooseStage1(Stage1::Simd128); }
    ~SimdStage1() { ChooseStage1(Stage1::Auto); }
};

TEST_CASE("load paths: the SIMD stage 1 reads every file alike, wherever its tokens fall in the blocks of 64 bytes")
{
    const SimdStage1 simd;
    std::vector<std::string> files;
    for (const char* dir : {"assets", "tests/bad-input", "tests/cli/cases", "tests/huawei"})
        JsonFilesUnder(std::string(QD_SOURCE_DIR) + "/" + dir, files);
    REQUIRE(files.size() >= 100);
    int loaded = 0;
    for (const std::string& path : files) {
        const std::string name = path.substr(path.rfind('/') + 1);
        const std::string text = ReadText(path);
        // Leading spaces move every token, escape, string end and UTF-8 sequence to another place in
        // its block: the carries between blocks (in a string, after a backslash, in a number) all run.
        const bool sample = name == "sample-workspace.json";
        for (int shift = 0; shift < 64; shift += sample ? 1 : 21) {
            CAPTURE(name);
            CAPTURE(shift);
            if (test::LoadBothPaths(std::string(static_cast<std::size_t>(shift), ' ') + text, name).ok) ++loaded;
        }
    }
    CHECK(loaded >= 64 + 3);  // the sample at every offset, the CLI cases' workspace at three
    // Generated workspaces, read whole and in windows, with escapes and nesting in their strings.
    GeneratorOptions o;
    o.resources = 1500;
    const std::string text = GenerateWorkspace(o);
    const std::string tricky = ReplaceAll(text, R"("resource_name":")", R"("resource_name":"\\\"},{[\\\\\"]} ],[{ \\)");
    for (const std::string* t : {&text, &tricky}) {
        CHECK(test::LoadBothPaths(*t, "big.json").ok);
        CHECK(LoadWorkspace(*t, "big.json", LoadPath::Fast).ok);
    }
    // What stage 1 refuses (the precise reader then says why): refused by both, at every offset.
    const std::string head = R"({"format":"quotedesk/1","x":)";
    for (const std::string& bad :
         {std::string("\"abc}"), std::string("\"a\x01b\"}"), std::string("\"\xC3\"}"), std::string("\"\xED\xA0\x80\"}"),
          std::string("\"\xC0\xAF\"}"), std::string("\"\\\"}"), std::string("1\x80}"),
          std::string("\"\xF4\x90\x80\x80\"}")}) {
        for (int shift = 0; shift < 64; ++shift) {
            CAPTURE(bad);
            CAPTURE(shift);
            CHECK_FALSE(test::LoadBothPaths(std::string(static_cast<std::size_t>(shift), ' ') + head + bad).ok);
        }
    }
    // ... and what it must take: runs of backslashes of every length against the block's end.
    for (int run = 0; run < 70; ++run) {
        const std::string escapes(static_cast<std::size_t>(2 * run), '\\');
        CAPTURE(run);
        CHECK(test::LoadBothPaths(head + "\"" + escapes + "\\\"\",\"y\":[1,-2.5e3,true,null,\"é\"]}").ok);
    }
}

TEST_CASE("load paths: what the fast path hands over exactly as the precise reader does")
{
    const auto agree = [](std::string_view text) { return test::LoadBothPaths(text).ok; };
    const std::string head = R"({"format":"quotedesk/1",)";
    // Unknown members keep their compact text: escapes, -0, exponents, nesting, unicode, spaces.
    CHECK(agree(head +
                R"( "x" : { "a" : [ 1 , -0 , 1.50 , 1E+2 , -0.0e-0 , true , null , "\u00e9\n\"" ] , "b" : {} } })"));
    CHECK(agree(head + R"("x":123456789012345678901234567890,"y":-9223372036854775809,"z":18446744073709551615})"));
    CHECK(agree("\xEF\xBB\xBF" + head + R"("as_of":"2025-01-14T10:00:00+08:00"})"));  // UTF-8 byte order mark
    CHECK_FALSE(agree(head + "\"\\u0066\\u006frmat\":1}"));  // an escaped key is the same key: duplicate
    // Numbers simdjson leaves unchecked that JSON (and nlohmann) refuse: all refused by both.
    for (const char* number :
         {"01", "1.", ".5", "-", "1e", "+1", "1e400", "-1e400", "0x10", "1.5e", "--1", "Infinity", "NaN"}) {
        INFO(number);
        CHECK_FALSE(agree(head + R"("x":)" + number + "}"));
        CHECK_FALSE(agree(head + R"("account":{"deduction_days_before":)" + number + "}}"));
    }
    CHECK_FALSE(agree(head + R"("x":1} {})"));  // two documents
    CHECK_FALSE(agree(head + R"("x":1} x)"));   // trailing garbage
    CHECK_FALSE(agree(head + R"("x":tru})"));   // a broken literal
    CHECK_FALSE(agree(head + R"("x":nul})"));
    CHECK_FALSE(agree(head + R"("x":{"a":1,"a":2}})"));  // duplicate key inside an unknown member
    CHECK_FALSE(agree(head + R"("x":1,"x":2})"));        // duplicate unknown member
    const auto nested = [&](int arrays) {
        return head + R"("x":)" + std::string(static_cast<std::size_t>(arrays), '[') +
               std::string(static_cast<std::size_t>(arrays), ']') + "}";
    };
    CHECK(agree(nested(63)));        // 64 levels with the root object: the limit
    CHECK_FALSE(agree(nested(64)));  // 65
}

}  // namespace
}  // namespace qd
