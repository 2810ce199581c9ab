// Resolving condition names against a loaded scenario, for conditions written after loading
// (a path test's expectations, a facilitator's query). The loader resolves its own conditions
// from its id tables while it builds; this is the same resolution over the finished Scenario.
#pragma once

#include "sim/condition.hpp"
#include "sim/model.hpp"

namespace auditsim {

// Names in a condition resolved against `s`: its variables, nodes and named conditions. The scenario must outlive the returned functions.
ConditionNames condition_names(const Scenario& s);

// Parses `text` against `s`'s names.
ConditionParseResult parse_condition_for(const Scenario& s, std::string_view text);

}  // namespace auditsim
