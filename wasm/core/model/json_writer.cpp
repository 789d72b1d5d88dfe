#include "core/model/json_writer.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace qd {

void AppendJsonString(std::string& out, std::string_view s)
{
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (char ch : s) {
        unsigned char c = static_cast<unsigned char>(ch);
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
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
    out_ += std::to_string(v);
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
void JsonWriter::money(Money m) { string(m.str()); }
void JsonWriter::instant(Instant t, ZoneOffset z) { string(FormatIso(t, z)); }
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
