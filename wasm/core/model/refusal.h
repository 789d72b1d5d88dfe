// refusal.h: why an operation was not done. Every rule that says "no" says it with a Refusal:
// a stable snake_case code (scripts and tests match on it; the CLI exits 3), the subject it is
// about (a resource or order id; "" when it is about the whole request), and a message a person
// can read (English; the UI translates by code).
//
//   Refusal{"pending_order", "vol-1", "resource vol-1 has pending order CS24...; pay or cancel it first"}
#pragma once

#include <string>
#include <vector>

#include "core/model/json_writer.h"

namespace qd {

struct Refusal {
    std::string code;     // stable, e.g. "delisted_product", "pending_order", "too_many_orders"
    std::string subject;  // the resource_id / order_id it is about; "" = the whole request
    std::string message;  // what is wrong and, where there is one, what to do

    friend bool operator==(const Refusal&, const Refusal&) = default;
};

using Refusals = std::vector<Refusal>;

// {"code":...,"subject":...,"message":...}
inline void WriteRefusal(JsonWriter& w, const Refusal& r)
{
    w.beginObject();
    w.member("code", r.code);
    w.member("subject", r.subject);
    w.member("message", r.message);
    w.endObject();
}

// "key":[refusal...] inside an object being written.
inline void WriteRefusals(JsonWriter& w, std::string_view key, const Refusals& refusals)
{
    w.key(key);
    w.beginArray();
    for (const Refusal& r : refusals) WriteRefusal(w, r);
    w.endArray();
}

// Opens the JSON object of an operation's result with its "as_of". When the operation was refused,
// writes its "refusals", closes the object and returns false: the caller writes nothing more.
//   if (!BeginResult(w, result.as_of, zone, result.refusals)) return;
inline bool BeginResult(JsonWriter& w, Instant asOf, ZoneOffset zone, const Refusals& refusals)
{
    w.beginObject();
    w.member("as_of", asOf, zone);
    if (refusals.empty()) return true;
    WriteRefusals(w, "refusals", refusals);
    w.endObject();
    return false;
}

}  // namespace qd
