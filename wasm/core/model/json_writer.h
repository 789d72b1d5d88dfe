// json_writer.h: a small streaming JSON writer for what the core answers (quotes, refund previews,
// summaries). The CLI's `--format json` and the browser test API print the same text because both
// take it from here (docs/cli.md, docs/architecture.md §3).
//
//   JsonWriter w;
//   w.beginObject();
//   w.member("total", total);                  // "total":"279.41"        (Money)
//   w.member("as_of", asOf, zone);             // "as_of":"2025-01-14T10:00:00+08:00"
//   w.member("payment_time", o.payment_time, zone);  // an absent optional is null
//   w.member("count", 3); w.member("ok", true); w.member("name", r.resource_name);
//   w.key("items"); w.beginArray(); ... w.endArray();
//   w.endObject();
//   std::string text = w.take();
//
// Compact output (no spaces), keys in the order written, strings escaped per RFC 8259 (UTF-8 passes
// through unchanged). Commas are placed automatically. Misuse (a key outside an object, unbalanced
// ends) is a programming error, caught by the tests that print every answer.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/model/calendar.h"
#include "core/model/money.h"

namespace qd {

// Appends s as a JSON string literal (with quotes) to out.
void AppendJsonString(std::string& out, std::string_view s);
// Append the text of a value without a temporary std::string (the workspace writer appends tens of
// millions of them: docs/performance.md "Saving"), byte for byte what the named function gives:
void AppendMoney(std::string& out, Money m);                // Money::str(): "279.41", "-3.00"
void AppendIso(std::string& out, Instant t, ZoneOffset z);  // FormatIso(t, z): "2024-04-15T15:58:07+08:00"
void AppendInteger(std::string& out, int64_t v);            // std::to_string(v)

class JsonWriter {
public:
    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(std::string_view k);  // the next value belongs to this key
    void string(std::string_view s);
    void integer(int64_t v);
    void boolean(bool b);
    void null();
    void money(Money m);                    // 2-decimal string, "279.41"
    void instant(Instant t, ZoneOffset z);  // ISO 8601 with the zone's offset
    void raw(std::string_view json);        // an already-serialised JSON value
    // A number with `decimals` digits after the point (-1: the shortest text that reads back the same);
    // NaN and infinities, which JSON cannot hold, are null. For measurements (milliseconds, ratios);
    // money is Money, never a double.
    void number(double v, int decimals = -1);

    // "key":value in one call, the value written as by the function of its type; an absent optional is
    // null (the format's "null = unknown / none").
    void member(std::string_view k, std::string_view v) { key(k), string(v); }
    void member(std::string_view k, const char* v) { key(k), string(v); }  // not bool
    void member(std::string_view k, const std::string& v) { key(k), string(v); }
    void member(std::string_view k, bool v) { key(k), boolean(v); }
    template <class T, std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
    void member(std::string_view k, T v)
    {
        key(k);
        integer(static_cast<int64_t>(v));
    }
    void member(std::string_view k, Money v) { key(k), money(v); }
    void member(std::string_view k, Instant t, ZoneOffset z) { key(k), instant(t, z); }
    void member(std::string_view k, const std::optional<Instant>& t, ZoneOffset z) { key(k), instantOrNull(t, z); }
    void member(std::string_view k, double v, int decimals) { key(k), number(v, decimals); }
    template <class T>
    void member(std::string_view k, const std::optional<T>& v)
    {
        if (v) return member(k, *v);
        key(k);
        null();
    }

    // An optional value: the value, or null when absent (the format's "null = unknown / none").
    void stringOrNull(const std::optional<std::string>& s) { s ? string(*s) : null(); }
    void integerOrNull(std::optional<int64_t> v) { v ? integer(*v) : null(); }
    void moneyOrNull(const std::optional<Money>& m) { m ? money(*m) : null(); }
    void instantOrNull(const std::optional<Instant>& t, ZoneOffset z) { t ? instant(*t, z) : null(); }

    const std::string& text() const { return out_; }
    std::string take() { return std::move(out_); }

private:
    void beforeValue();
    std::string out_;
    std::vector<bool> first_;  // per open container: no member written yet
    bool afterKey_ = false;
};

// {"error":"message"}: the test API's answer to malformed arguments (docs/architecture.md §3).
std::string ErrorJson(std::string_view message);

}  // namespace qd
