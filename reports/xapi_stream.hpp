// xAPI statements for a scrutiny selection written as they are produced: one session's model is
// built, its statements written and the model dropped before the next, so memory stays flat
// however many sessions there are (an LRS export of 10,000 sessions runs in a few tens of MB).
// The bytes are exactly those of render_xapi(build_scrutiny(...)).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "reports/build.hpp"
#include "reports/model.hpp"

namespace auditsim::reports {

struct XapiStreamResult {
  size_t sessions = 0;                 // sessions whose statements were written
  std::vector<std::string> left_out;   // "id: why" for sessions that could not be rebuilt
};

// Writes the JSON array of statements through `write`, piece by piece, oldest session first.
// Throws store::StoreError (NotFound) when the selection holds no sessions, before writing
// anything; a store error part-way is thrown as it comes (the caller discards what it wrote).
XapiStreamResult stream_scrutiny_xapi(store::Store& db, const ScrutinySelection& selection,
                                      const ReportSettings& settings,
                                      const std::function<void(std::string_view)>& write);

// One session's statements appended to the array `statements` (render_xapi.cpp).
void append_xapi_statements(nlohmann::json& statements, const FeedbackReport& r);

}  // namespace auditsim::reports
