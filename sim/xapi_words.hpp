// The xAPI vocabulary the outbox (sim/xapi_queue.cpp) and the xAPI report
// (reports/render_xapi.cpp) share, so a statement queued during play and the same statement in
// a report are written alike.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "sim/model.hpp"

namespace auditsim::xapi {

inline constexpr const char* kVerbs = "http://adlnet.gov/expapi/verbs/";
inline constexpr const char* kLang = "en-GB";

// Percent-encodes all but unreserved characters, for ids inside IRIs.
std::string iri_part(std::string_view s);
// An ISO 8601 duration to the hundredth of a second: "PT65.00S".
std::string iso_duration(int64_t ms);
// An ADL verb with its display word: {"id": ".../verbs/answered", "display": {"en-GB": ...}}.
nlohmann::json verb(const char* id);
// The 4P scores as {"pursue": 1, "prevent": 0, ...}.
nlohmann::json four_p(const Score4& s);

}  // namespace auditsim::xapi
