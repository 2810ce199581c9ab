// JSON forms of the model's results, shared by the CLI's --json output and the reports.
#pragma once

#include <nlohmann/json.hpp>

#include "sim/analysis.hpp"
#include "sim/diagnostics.hpp"
#include "sim/scoring.hpp"

namespace auditsim {

// {"pursue": n, "prevent": n, "protect": n, "prepare": n}
nlohmann::json score_to_json(const Score4& s);
// {"severity", "code", "file", "line", "col", "message", "hint"}
nlohmann::json diagnostic_to_json(const Diagnostic& d);
// {"choices": [...], "ending": "node-id", "outcome": "good", "score": {...}}
nlohmann::json path_to_json(const Scenario& s, const ScoredPath& p);
// The whole result of a session: pillars, overall, rating, findings, path not taken.
nlohmann::json result_to_json(const Session& session, const Result& r);

}  // namespace auditsim
