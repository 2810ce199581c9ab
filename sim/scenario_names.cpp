#include "sim/scenario_names.hpp"

namespace auditsim {

ConditionNames condition_names(const Scenario& s) {
  ConditionNames names;
  names.variable = [&s](std::string_view id) { return s.find_variable(id); };
  names.node = [&s](std::string_view id) { return s.find_node(id); };
  names.variable_names = [&s] {
    std::vector<std::string> out;
    out.reserve(s.variables.size());
    for (const Variable& v : s.variables) out.push_back(v.id);
    return out;
  };
  names.node_names = [&s] {
    std::vector<std::string> out;
    out.reserve(s.nodes.size());
    for (const Node& n : s.nodes) out.push_back(n.id);
    return out;
  };
  return names;
}

ConditionParseResult parse_condition_for(const Scenario& s, std::string_view text) {
  return parse_condition(text, condition_names(s));
}

}  // namespace auditsim
