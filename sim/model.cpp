// Key/name conversions for the model's enums and id lookups on a loaded Scenario.
#include "sim/model.hpp"

#include "sim/key_table.hpp"

namespace auditsim {

namespace {

constexpr KeyTable<Pillar, kPillarCount> kPillarKeys{{"pursue", "prevent", "protect", "prepare"}};
constexpr KeyTable<Pillar, kPillarCount> kPillarNames{{"Pursue", "Prevent", "Protect", "Prepare"}};
constexpr KeyTable<Priority, 3> kPriorities{{"high", "medium", "low"}};
constexpr KeyTable<Audience, 2> kAudiences{{"members", "staff"}};
constexpr KeyTable<Outcome, 3> kOutcomes{{"good", "mixed", "poor"}};

}  // namespace

const char* pillar_key(Pillar p) { return kPillarKeys(p); }
const char* pillar_name(Pillar p) { return kPillarNames(p); }
std::optional<Pillar> parse_pillar(std::string_view key) { return kPillarKeys.parse(key); }
const char* priority_key(Priority p) { return kPriorities(p); }
std::optional<Priority> parse_priority(std::string_view key) { return kPriorities.parse(key); }
const char* audience_key(Audience a) { return kAudiences(a); }
std::optional<Audience> parse_audience(std::string_view key) { return kAudiences.parse(key); }
const char* outcome_key(Outcome o) { return kOutcomes(o); }
std::optional<Outcome> parse_outcome(std::string_view key) { return kOutcomes.parse(key); }

namespace {

// Linear scans: the loader resolves every reference through its own hash maps, so these are only
// for occasional lookups by callers (a CLI argument, a stored choice id), never in inner loops.
template <class T>
int find_by_id(const std::vector<T>& items, std::string_view id) {
  for (size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<int>(i);
  return -1;
}

}  // namespace

int Scenario::find_node(std::string_view id) const { return find_by_id(nodes, id); }
int Scenario::find_variable(std::string_view id) const { return find_by_id(variables, id); }
int Scenario::find_evidence(std::string_view id) const { return find_by_id(evidence, id); }
int Scenario::find_key_action(std::string_view id) const { return find_by_id(key_actions, id); }
int Scenario::find_condition(std::string_view id) const { return find_by_id(conditions, id); }

std::pair<int, int> Scenario::find_choice(std::string_view id) const {
  for (size_t n = 0; n < nodes.size(); ++n) {
    const auto& cs = nodes[n].choices;
    for (size_t c = 0; c < cs.size(); ++c)
      if (cs[c].id == id) return {static_cast<int>(n), static_cast<int>(c)};
  }
  return {-1, -1};
}

}  // namespace auditsim
