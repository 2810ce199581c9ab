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
  // Named conditions are already parsed; one written after loading is inlined like any other.
  names.condition = [&s](std::string_view id) {
    NamedConditionRef ref;
    const int i = s.find_condition(id);
    if (i < 0) return ref;
    ref.declared = true;
    ref.condition = &s.conditions[static_cast<size_t>(i)].condition;
    return ref;
  };
  names.named_condition_names = [&s] {
    std::vector<std::string> out;
    for (const NamedCondition& nc : s.conditions) out.push_back(nc.id);
    return out;
  };
  return names;
}

ConditionParseResult parse_condition_for(const Scenario& s, std::string_view text) {
  return parse_condition(text, condition_names(s));
}

}  // namespace auditsim
