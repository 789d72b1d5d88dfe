// The loader's two paths (docs/performance.md): simdjson's fast path and the precise nlohmann reader
// must read every file alike: the same model or both refuse, and the errors of LoadPath::Auto exactly
// the precise reader's. On every fixture and sample of the repository (assets/, tests/bad-input/,
// tests/cli/cases/, tests/huawei/) and on generated workspaces of several sizes and seeds.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/gen/generator.h"
#include "core/io/json_structure.h"
#include "core/io/load.h"
#include "core/io/save.h"
#include "load_paths.h"
#include "support.h"
#include "workspace_fixture.h"

namespace qd {
namespace {

TEST_CASE("load paths: every fixture and sample of the repository reads alike on both paths")
{
    const std::vector<std::string> files =
        test::SourceJsonFiles({"assets", "tests/bad-input", "tests/cli/cases", "tests/huawei"});
    CHECK(files.size() >= 100);
    int loaded = 0;
    for (const std::string& path : files) {
        const std::string name = path.substr(path.rfind('/') + 1);
        if (test::LoadBothPaths(test::ReadSourceFile(path), name).ok) ++loaded;
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
    // A NUL byte anywhere (nothing looks for one: the scan or simdjson refuses it): in a string of a
    // window, before a number, between two elements of a large array, between root members, after the root.
    const std::size_t resources = text.find(R"("resources":)");
    const std::size_t between = text.find("},{", resources) + 1;
    for (const std::size_t at : {text.find("resource_name", text.size() / 2) + 20, text.find(R"("period_num":)") + 13,
                                 between, resources - 1, text.size()}) {
        CAPTURE(at);
        std::string nul = text;
        nul.insert(at, 1, '\0');
        CHECK_FALSE(LoadFiles({{"big.json", nul}}).ok);
        for (const std::size_t piece : {kStreamPieceBytes, std::size_t{4093}})
            CHECK_FALSE(LoadWorkspaceStreamed(test::StringSource(nul), "big.json", piece));
    }
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

TEST_CASE("load paths: the SIMD stage 1 reads every file alike, wherever its tokens fall in the blocks of 64 bytes")
{
    const test::SimdStage1 simd;
    const std::vector<std::string> files =
        test::SourceJsonFiles({"assets", "tests/bad-input", "tests/cli/cases", "tests/huawei"});
    REQUIRE(files.size() >= 100);
    int loaded = 0;
    for (const std::string& path : files) {
        const std::string name = path.substr(path.rfind('/') + 1);
        const std::string text = test::ReadSourceFile(path);
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
    // Nothing to index (the fuzzer's byte order mark alone: the index was never allocated).
    for (const std::string& empty : {std::string(), std::string("\xEF\xBB\xBF"), std::string(" ")}) {
        CAPTURE(empty);
        CHECK_FALSE(LoadWorkspace(empty, "empty.json", LoadPath::Fast).ok);
        CHECK_FALSE(LoadWorkspaceStreamed(test::StringSource(empty), "empty.json"));
    }
    // ... and what it must take: runs of backslashes of every length against the block's end.
    for (int run = 0; run < 70; ++run) {
        const std::string escapes(static_cast<std::size_t>(2 * run), '\\');
        CAPTURE(run);
        CHECK(test::LoadBothPaths(head + "\"" + escapes + "\\\"\",\"y\":[1,-2.5e3,true,null,\"é\"]}").ok);
    }
}

// The SIMD stage 1 validates UTF-8 only over the runs of 64-byte blocks that hold a byte above 0x7F
// (core/io/json_structure.cpp): a run starts and ends anywhere in a character, a bad sequence sits at
// a run's start, middle or end, runs are one block or many, and an ASCII block lies between two runs.
TEST_CASE("load paths: the SIMD stage 1 validates UTF-8 in the runs of blocks that are not ASCII, and nowhere less")
{
    const test::SimdStage1 simd;
    const std::string head = R"({"format":"quotedesk/1","x":")";
    const std::string ascii(130, 'a');  // holds a whole block wherever it starts: the runs around it are apart
    std::string chinese;                // 3-byte characters over several blocks
    for (int i = 0; i < 50; ++i) chinese += "\xE4\xB8\xAD";
    const std::string takes[] = {"\xC3\xA9", chinese, chinese + ascii + "\xC3\xA9" + ascii + chinese,
                                 "\xF0\x9F\x98\x80" + ascii + "\xF0\x9F\x98\x80"};
    const std::string refuses[] = {
        "\xC3" + ascii,                                  // a character cut short by an ASCII block
        chinese + "\xE4\xB8" + ascii,                    // ... at the end of a long run
        chinese + ascii + "\xA9" + ascii,                // a lone continuation byte in a later run
        chinese + ascii + chinese + "\xC0\xAF" + ascii,  // an overlong form in a run after another run
        ascii + chinese + "\xED\xA0\x80" + chinese,      // a surrogate in the middle of a run
        chinese + ascii + "\xF4\x90\x80\x80",            // above U+10FFFF in the last block
    };
    for (int shift = 0; shift < 64; ++shift) {
        const std::string spaces(static_cast<std::size_t>(shift), ' ');
        for (const std::string& good : takes) {
            CAPTURE(shift);
            CAPTURE(good);
            CHECK(test::LoadBothPaths(spaces + head + good + "\"}").ok);
        }
        for (const std::string& bad : refuses) {
            CAPTURE(shift);
            CAPTURE(bad);
            CHECK_FALSE(test::LoadBothPaths(spaces + head + bad + "\"}").ok);
        }
    }
}

// A text that counts the bytes lent, to see that a dropped open reads no further.
class CountingSource final : public TextSource {
public:
    explicit CountingSource(std::string_view text) : inner_(text) {}
    std::size_t size() const override { return inner_.size(); }
    void copy(std::size_t offset, std::size_t n, char* to) const override
    {
        lent += n;
        inner_.copy(offset, n, to);
    }
    mutable std::size_t lent = 0;

private:
    test::StringSource inner_;
};

// Steps `load` with `stepBytes` until done, checking that progress only grows and ends at the file's
// size; the number of steps taken.
std::size_t StepToTheEnd(StreamedLoad& load, std::size_t stepBytes, std::size_t fileBytes)
{
    std::size_t steps = 0;
    LoadProgress last = load.progress();
    CHECK(last.total == fileBytes);
    CHECK(last.done < last.total);
    while (!load.Step(stepBytes)) {
        ++steps;
        const LoadProgress now = load.progress();
        CHECK(now.total == fileBytes);
        CHECK(now.done >= last.done);
        CHECK(now.done < now.total);  // all of it only once finished
        last = now;
        REQUIRE(steps < fileBytes + 10);
    }
    CHECK(load.done());
    CHECK(load.progress().done == fileBytes);
    return steps + 1;
}

TEST_CASE(
    "streamed load: stepped, it gives LoadWorkspaceStreamed's workspace for any step size, and "
    "progress grows to the file's size")
{
    GeneratorOptions o;
    o.resources = 1500;  // ~2 MB: the scan in pieces, resources and orders in several windows each
    const std::string text = GenerateWorkspace(o);
    const std::optional<LoadResult> oneShot = LoadWorkspaceStreamed(test::StringSource(text), "big.json");
    REQUIRE(oneShot);
    const std::string saved = SaveWorkspace(oneShot->workspace);
    std::size_t previousSteps = 0;
    for (const std::size_t stepBytes :
         {std::size_t{1}, std::size_t{4093}, std::size_t{1} << 18, std::size_t{1} << 30}) {
        for (const std::size_t piece : {kStreamPieceBytes, std::size_t{65536}}) {
            CAPTURE(stepBytes);
            CAPTURE(piece);
            test::StringSource source(text);
            StreamedLoad load(source, "big.json", piece);
            CHECK(load.fileName() == "big.json");
            const std::size_t steps = StepToTheEnd(load, stepBytes, text.size());
            if (piece == kStreamPieceBytes) {
                if (previousSteps) CHECK(steps <= previousSteps);  // a larger step: fewer of them
                previousSteps = steps;
            }
            if (stepBytes == 1) CHECK(steps > 10);  // a piece or a window per step: a frame's worth
            std::optional<LoadResult> r = load.Finish();
            REQUIRE(r);
            CHECK(r->ok);
            CHECK(SaveWorkspace(r->workspace) == saved);
            CHECK_FALSE(load.Finish());  // given once
        }
    }
    // A small file (read at once) and one with a byte order mark take the same path.
    const std::string small = R"({"format":"quotedesk/1"})";
    test::StringSource smallSource(small);
    StreamedLoad smallLoad(smallSource, "small.json");
    CHECK(StepToTheEnd(smallLoad, 1, small.size()) <= 3);
    CHECK(smallLoad.Finish());
    const std::string bom = "\xEF\xBB\xBF" + text;
    test::StringSource bomSource(bom);
    StreamedLoad bomLoad(bomSource, "bom.json");
    StepToTheEnd(bomLoad, 1 << 16, bom.size());
    const std::optional<LoadResult> withBom = bomLoad.Finish();
    REQUIRE(withBom);
    CHECK(SaveWorkspace(withBom->workspace) == saved);
}

TEST_CASE(
    "streamed load: dropped midway it reads no further and changes nothing; a file it does not take gives "
    "nullopt stepped as in one go")
{
    GeneratorOptions o;
    o.resources = 1500;
    const std::string text = GenerateWorkspace(o);
    // The caller's open workspace is elsewhere: a load only ever builds its own.
    LoadResult open = LoadFiles({{"open.json", std::string(R"({"format":"quotedesk/1"})")}});
    REQUIRE(open.ok);
    const std::string before = SaveWorkspace(open.workspace);
    for (const std::size_t stop : {std::size_t{1}, std::size_t{3}, std::size_t{12}, std::size_t{30}}) {
        CAPTURE(stop);
        CountingSource source(text);
        std::size_t lentWhenDropped = 0;
        {
            StreamedLoad load(source, "big.json", 65536);
            for (std::size_t i = 0; i < stop && !load.done(); ++i) load.Step(65536);
            CHECK_FALSE(load.done());
            CHECK(load.progress().done < text.size());
            lentWhenDropped = source.lent;
        }  // destroyed: cancelled
        CHECK(source.lent == lentWhenDropped);
        CHECK(source.lent < 2 * text.size());  // the scan reads it once, the windows once more
        CHECK(SaveWorkspace(open.workspace) == before);
    }
    // Bad files: a duplicate key inside a window, broken JSON in the middle, a Huawei response, a NUL byte,
    // a dangling reference (found by the last step, the check across objects). Stepped or not: nullopt.
    const std::size_t second = text.find(R"("resource_id":)", text.find(R"("resource_id":)") + 1);
    const std::string duplicate = text.substr(0, second) + R"("resource_id":"x","resource_id":)" +
                                  text.substr(second + std::string_view(R"("resource_id":)").size());
    const std::size_t middle = text.find("},", text.size() / 2) + 1;
    const std::string broken = text.substr(0, middle) + ",," + text.substr(middle + 1);
    const std::string huawei = R"({"data":[],)" + text.substr(1);
    std::string nul = text;
    nul[nul.find("resource_name", nul.size() / 2) + 20] = '\0';
    const std::size_t product = text.find(R"("product_id":")", text.find(R"("resources":)"));
    REQUIRE(product != std::string::npos);
    const std::string dangling =
        text.substr(0, product) + R"("product_id":"no-such-product-)" + text.substr(product + 14);
    CHECK_FALSE(LoadFiles({{"big.json", dangling}}).ok);
    for (const std::string* bad :
         std::initializer_list<const std::string*>{&duplicate, &broken, &huawei, &nul, &dangling}) {
        CHECK_FALSE(LoadWorkspaceStreamed(test::StringSource(*bad), "big.json"));
        for (const std::size_t stepBytes : {std::size_t{1}, std::size_t{1} << 18}) {
            test::StringSource source(*bad);
            StreamedLoad load(source, "big.json", 65536);
            std::size_t steps = 0;
            while (!load.Step(stepBytes)) REQUIRE(++steps < bad->size());
            CHECK(load.progress().done == bad->size());
            CHECK_FALSE(load.Finish());
        }
    }
    test::StringSource empty("");
    StreamedLoad nothing(empty, "empty.json");
    CHECK(nothing.done());
    CHECK_FALSE(nothing.Finish());
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
