// Key/name conversions for the model's enums and id lookups on a loaded Scenario.
#include "sim/model.hpp"

namespace auditsim {

const char* pillar_key(Pillar p) {
  switch (p) {
    case Pillar::Pursue: return "pursue";
    case Pillar::Prevent: return "prevent";
    case Pillar::Protect: return "protect";
    case Pillar::Prepare: return "prepare";
  }
  return "protect";
}

const char* pillar_name(Pillar p) {
  switch (p) {
    case Pillar::Pursue: return "Pursue";
    case Pillar::Prevent: return "Prevent";
    case Pillar::Protect: return "Protect";
    case Pillar::Prepare: return "Prepare";
  }
  return "Protect";
}

std::optional<Pillar> parse_pillar(std::string_view key) {
  for (Pillar p : kPillars)
    if (key == pillar_key(p)) return p;
  return std::nullopt;
}

const char* priority_key(Priority p) {
  switch (p) {
    case Priority::High: return "high";
    case Priority::Medium: return "medium";
    case Priority::Low: return "low";
  }
  return "medium";
}

std::optional<Priority> parse_priority(std::string_view key) {
  for (Priority p : {Priority::High, Priority::Medium, Priority::Low})
    if (key == priority_key(p)) return p;
  return std::nullopt;
}

const char* audience_key(Audience a) {
  return a == Audience::Members ? "members" : "staff";
}

std::optional<Audience> parse_audience(std::string_view key) {
  if (key == "members") return Audience::Members;
  if (key == "staff") return Audience::Staff;
  return std::nullopt;
}

const char* outcome_key(Outcome o) {
  switch (o) {
    case Outcome::Good: return "good";
    case Outcome::Mixed: return "mixed";
    case Outcome::Poor: return "poor";
  }
  return "mixed";
}

std::optional<Outcome> parse_outcome(std::string_view key) {
  for (Outcome o : {Outcome::Good, Outcome::Mixed, Outcome::Poor})
    if (key == outcome_key(o)) return o;
  return std::nullopt;
}

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

std::pair<int, int> Scenario::find_choice(std::string_view id) const {
  for (size_t n = 0; n < nodes.size(); ++n) {
    const auto& cs = nodes[n].choices;
    for (size_t c = 0; c < cs.size(); ++c)
      if (cs[c].id == id) return {static_cast<int>(n), static_cast<int>(c)};
  }
  return {-1, -1};
}

}  // namespace auditsim
