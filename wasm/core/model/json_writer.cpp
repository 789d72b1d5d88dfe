#include "core/model/json_writer.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace qd {

namespace {

// What a JSON string may not hold as it is: '"', '\\' and the control characters (RFC 8259 §7).
constexpr bool NeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }

// Whether any of the 8 bytes at p NeedsEscape, a word at a time: a byte below 0x20, or equal to '"'
// or '\\' (a zero byte of x ^ that byte repeated); the classic "has less than" bit trick, exact.
bool AnyNeedsEscape(const char* p)
{
    uint64_t x = 0;
    std::memcpy(&x, p, 8);
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
    const auto below = [&](uint64_t v, uint64_t n) { return (v - kOnes * n) & ~v & kHighs; };
    return (below(x, 0x20) | below(x ^ (kOnes * '"'), 1) | below(x ^ (kOnes * '\\'), 1)) != 0;
}

char* Put2(char* at, int v)
{
    at[0] = static_cast<char>('0' + v / 10 % 10);
    at[1] = static_cast<char>('0' + v % 10);
    return at + 2;
}

}  // namespace

void AppendJsonString(std::string& out, std::string_view s)
{
    static const char* hex = "0123456789abcdef";
    // Runs of characters that need no escape (nearly all of a workspace's text) are appended whole:
    // saving 100,000 resources appends ~10 million strings (docs/performance.md "Saving").
    out += '"';
    std::size_t from = 0;
    std::size_t i = 0;
    for (;;) {
        // Eight bytes at a time while none needs an escape (the usual case: ids, names, codes).
        while (i + 8 <= s.size() && !AnyNeedsEscape(s.data() + i)) i += 8;
        while (i < s.size() && !NeedsEscape(static_cast<unsigned char>(s[i]))) ++i;
        if (i >= s.size()) break;
        const unsigned char c = static_cast<unsigned char>(s[i++]);
        out.append(s.data() + from, i - 1 - from);
        from = i;
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
        }
    }
    out.append(s.data() + from, s.size() - from);
    out += '"';
}

void AppendMoney(std::string& out, Money m)
{
    const int64_t fen = m.fen();
    // The magnitude of INT64_MIN fits in uint64_t.
    const uint64_t mag = fen < 0 ? uint64_t{0} - static_cast<uint64_t>(fen) : static_cast<uint64_t>(fen);
    char buf[32];
    char* end = buf + sizeof buf;
    char* at = end;
    const unsigned cents = static_cast<unsigned>(mag % 100);
    *--at = static_cast<char>('0' + cents % 10);
    *--at = static_cast<char>('0' + cents / 10);
    *--at = '.';
    uint64_t yuan = mag / 100;
    do {
        *--at = static_cast<char>('0' + yuan % 10);
        yuan /= 10;
    } while (yuan > 0);
    if (fen < 0) *--at = '-';
    out.append(at, static_cast<std::size_t>(end - at));
}

void AppendIso(std::string& out, Instant t, ZoneOffset z)
{
    const LocalDate d = LocalDateOf(t, z);
    const LocalTime c = LocalTimeOf(t, z);
    char buf[32];
    char* at = buf;
    at = Put2(at, d.year() / 100);
    at = Put2(at, d.year() % 100);
    *at++ = '-';
    at = Put2(at, d.month());
    *at++ = '-';
    at = Put2(at, d.day());
    *at++ = 'T';
    at = Put2(at, c.hour());
    *at++ = ':';
    at = Put2(at, c.minute());
    *at++ = ':';
    at = Put2(at, c.second());
    const int zone = z.seconds() < 0 ? -z.seconds() : z.seconds();
    *at++ = z.seconds() < 0 ? '-' : '+';
    at = Put2(at, zone / 3600);
    *at++ = ':';
    at = Put2(at, zone / 60 % 60);
    out.append(buf, static_cast<std::size_t>(at - buf));
}

void AppendInteger(std::string& out, int64_t v)
{
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out.append(buf, static_cast<std::size_t>(r.ptr - buf));
}

void JsonWriter::beforeValue()
{
    if (afterKey_) {
        afterKey_ = false;
        return;
    }
    if (!first_.empty()) {
        if (!first_.back()) out_ += ',';
        first_.back() = false;
    }
}

void JsonWriter::beginObject()
{
    beforeValue();
    out_ += '{';
    first_.push_back(true);
}
void JsonWriter::endObject()
{
    out_ += '}';
    first_.pop_back();
}
void JsonWriter::beginArray()
{
    beforeValue();
    out_ += '[';
    first_.push_back(true);
}
void JsonWriter::endArray()
{
    out_ += ']';
    first_.pop_back();
}

void JsonWriter::key(std::string_view k)
{
    beforeValue();
    AppendJsonString(out_, k);
    out_ += ':';
    afterKey_ = true;
}

void JsonWriter::string(std::string_view s)
{
    beforeValue();
    AppendJsonString(out_, s);
}
void JsonWriter::integer(int64_t v)
{
    beforeValue();
    AppendInteger(out_, v);
}
void JsonWriter::boolean(bool b)
{
    beforeValue();
    out_ += b ? "true" : "false";
}
void JsonWriter::null()
{
    beforeValue();
    out_ += "null";
}
void JsonWriter::number(double v, int decimals)
{
    if (!std::isfinite(v)) return null();
    beforeValue();
    char buf[64];
    if (decimals >= 0) std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    else {
        std::snprintf(buf, sizeof buf, "%.15g", v);
        if (std::strtod(buf, nullptr) != v) std::snprintf(buf, sizeof buf, "%.17g", v);
    }
    out_ += buf;
}
void JsonWriter::money(Money m)
{
    beforeValue();
    out_ += '"';
    AppendMoney(out_, m);
    out_ += '"';
}
void JsonWriter::instant(Instant t, ZoneOffset z)
{
    beforeValue();
    out_ += '"';
    AppendIso(out_, t, z);
    out_ += '"';
}
void JsonWriter::raw(std::string_view json)
{
    beforeValue();
    out_ += json;
}

std::string ErrorJson(std::string_view message)
{
    JsonWriter w;
    w.beginObject();
    w.key("error");
    w.string(message);
    w.endObject();
    return w.take();
}

}  // namespace qd
