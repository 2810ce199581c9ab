// Fuzzes the condition parser and evaluator: any input must parse or give errors inside the
// text, never crash, and a parsed condition must evaluate on any state.
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "sim/condition.hpp"

using namespace auditsim;

namespace {

const std::vector<std::string> kVariables{"trust", "referred", "budget", "count_2"};
const std::vector<std::string> kNodes{"start", "police-visit", "a.b", "n_1"};

int find(const std::vector<std::string>& names, std::string_view id) {
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == id) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ConditionNames names;
  names.variable = [](std::string_view id) { return find(kVariables, id); };
  names.node = [](std::string_view id) { return find(kNodes, id); };
  names.variable_names = [] { return kVariables; };
  names.node_names = [] { return kNodes; };

  const ConditionParseResult r = parse_condition(text, names);
  if (r.condition.has_value() == !r.errors.empty()) std::abort();  // exactly one of the two
  for (const auto& e : r.errors) {
    if (e.offset > size || e.message.empty()) std::abort();
  }
  if (!r.condition) return 0;
  for (int v : r.condition->variables_read()) {
    if (v < 0 || static_cast<size_t>(v) >= kVariables.size()) std::abort();
  }
  const int64_t extremes[] = {0, 1, -1, std::numeric_limits<int64_t>::max(),
                              std::numeric_limits<int64_t>::min()};
  for (int64_t x : extremes) {
    std::vector<int64_t> vars(kVariables.size(), x);
    std::vector<uint32_t> visits(kNodes.size(), static_cast<uint32_t>(x & 1));
    (void)r.condition->eval(ConditionInput{vars, visits});
  }
  // Shorter inputs than the names promise must be tolerated too.
  std::vector<int64_t> none;
  std::vector<uint32_t> no_visits;
  (void)r.condition->eval(ConditionInput{none, no_visits});
  return 0;
}
