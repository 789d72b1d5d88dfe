// Text and TextArena (text.h): every way of making a text keeps its characters, NUL-terminated, for
// as long as any copy lives; the arena packs small texts together and gives long ones their own block.
#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

#include "core/model/text.h"

using namespace qd;

TEST_CASE("Text: empty, own block, comparisons and conversions")
{
    const Text empty;
    CHECK(empty.empty());
    CHECK(empty.size() == 0);
    CHECK(std::string(empty.c_str()).empty());
    CHECK(empty == "");
    CHECK(Text("") == empty);

    const Text t("资源 ecs-1");
    CHECK(t.size() == std::string("资源 ecs-1").size());
    CHECK(t == "资源 ecs-1");
    CHECK(t == std::string("资源 ecs-1"));
    CHECK(t == std::string_view("资源 ecs-1"));
    CHECK(t == Text("资源 ecs-1"));
    CHECK_FALSE(t == "资源 ecs-2");
    CHECK(t.c_str()[t.size()] == '\0');
    CHECK(t.str() == "资源 ecs-1");
    CHECK(std::string("[") + t == "[资源 ecs-1");
    CHECK(t + "]" == "资源 ecs-1]");
    std::ostringstream os;
    os << t;
    CHECK(os.str() == "资源 ecs-1");
}

TEST_CASE("Text: a copy outlives the text and the arena it came from")
{
    Text kept;
    {
        TextArena arena;
        Text a = arena.add("869effb6-d7db-40de-9eb3-b641338f9486");
        kept = a;
    }
    CHECK(kept == "869effb6-d7db-40de-9eb3-b641338f9486");
    CHECK(kept.c_str()[kept.size()] == '\0');
}

TEST_CASE("TextArena: many texts, two halves, long texts and empty ones")
{
    TextArena arena;
    std::vector<Text> texts;
    std::vector<std::string> expected;
    for (int i = 0; i < 5000; ++i) {  // 5000 × ~40 bytes: several blocks
        std::string s = "resource-" + std::to_string(i) + "-abcdefghijklmnopqrstuvwxyz";
        texts.push_back(arena.add(s));
        expected.push_back(std::move(s));
    }
    for (std::size_t i = 0; i < texts.size(); ++i) {
        CHECK(texts[i] == expected[i]);
        CHECK(texts[i].c_str()[texts[i].size()] == '\0');
    }
    CHECK(texts[0].c_str() + texts[0].size() + 1 == texts[1].c_str());  // packed after each other's NUL

    CHECK(arena.add("16 extra days (2025-04-16 to 2025-05-01)", ": 191.40 ÷ 30 × 16") ==
          "16 extra days (2025-04-16 to 2025-05-01): 191.40 ÷ 30 × 16");
    CHECK(arena.add("", "").empty());
    CHECK(arena.add("a", "") == "a");
    CHECK(arena.add("", "b") == "b");

    const std::string longText(10000, 'x');  // over a quarter block: its own block
    const Text before = arena.add("before");
    const Text big = arena.add(longText, "y");
    const Text after = arena.add("after");
    CHECK(big.size() == 10001);
    CHECK(big.view().substr(0, 10000) == longText);
    CHECK(big.c_str()[10000] == 'y');
    CHECK(big.c_str()[10001] == '\0');
    CHECK(before.c_str() + before.size() + 1 == after.c_str());  // the current block kept its room
    CHECK(before == "before");
}
