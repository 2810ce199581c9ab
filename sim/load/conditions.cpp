// Named conditions (format 1.1): `conditions: { name: expression }` declared once and used by
// name in any condition, in conditional text and in other named conditions. Each is parsed the
// first time something names it, so the order of declaration does not matter; the parser then
// inlines its program, so evaluation never looks a name up.
#include <algorithm>
#include <array>

#include "sim/load/build.hpp"
#include "sim/load/text.hpp"

namespace auditsim::load_detail {

namespace {

constexpr int kMaxNamedDepth = 32;  // named conditions used inside one another

// Words the condition language gives a meaning of its own.
constexpr std::array<std::string_view, 6> kKeywords{"true", "false", "and", "or", "not", "visited"};

void resolve(BuildContext& c, NamedConditionEntry& e) {
  if (e.state != NamedConditionEntry::State::Pending) return;
  NamedCondition& nc = c.s.conditions[static_cast<size_t>(e.index)];
  if (c.named_depth >= kMaxNamedDepth) {
    c.r.error("condition-syntax", e.key_node,
              "Named condition `" + nc.id + "` is used inside more than " +
                  std::to_string(kMaxNamedDepth) + " other named conditions.",
              "write some of them out in full, or keep a variable that records the situation");
    e.state = NamedConditionEntry::State::Failed;
    return;
  }
  e.state = NamedConditionEntry::State::Parsing;
  ++c.named_depth;
  std::optional<Condition> parsed = build_condition(c, e.value_node);
  --c.named_depth;
  if (parsed) {
    nc.condition = std::move(*parsed);
    e.state = NamedConditionEntry::State::Done;
  } else {
    e.state = NamedConditionEntry::State::Failed;
  }
}

}  // namespace

ConditionNames BuildContext::condition_names() {
  ConditionNames names;
  names.variable = [this](std::string_view id) { return find(variables, id); };
  names.node = [this](std::string_view id) { return find(nodes, id); };
  names.variable_names = [this] { return BuildContext::names(variables); };
  names.node_names = [this] { return BuildContext::names(nodes); };
  if (named.empty()) return names;
  names.condition = [this](std::string_view id) {
    NamedConditionRef ref;
    auto it = named.find(id);
    if (it == named.end()) return ref;
    NamedConditionEntry& e = it->second;
    ref.declared = true;
    e.used = true;
    if (e.state == NamedConditionEntry::State::Parsing) {
      ref.cycle = true;
      return ref;
    }
    resolve(*this, e);
    // The entries of Scenario::conditions were all created before any was parsed, so this
    // pointer stays valid; the parser copies the program at once anyway.
    if (e.state == NamedConditionEntry::State::Done)
      ref.condition = &s.conditions[static_cast<size_t>(e.index)].condition;
    return ref;
  };
  names.named_condition_names = [this] {
    std::vector<std::string> out;
    for (const NamedCondition& nc : s.conditions) out.push_back(nc.id);
    return out;
  };
  return names;
}

void collect_conditions(BuildContext& c, int key_node, int node) {
  Reader& r = c.r;
  // Refused in an auditsim/1 file, but still read: one error, not one per use of each name.
  c.needs_format_1_1(key_node, "`conditions`");
  const YNode& n = r.at(node);
  if (n.kind == YNode::Kind::Null) return;
  if (!r.expect_kind(node, YNode::Kind::Map, "`conditions` should be a map of name: condition",
                     "for example `conditions: { licence_refused: visited(refusal) and evidence_kept }`"))
    return;
  c.s.conditions.reserve(n.items.size() / 2);
  for (size_t i = 0; i + 1 < n.items.size(); i += 2) {
    const int k = n.items[i];
    auto name = r.scalar_node(k, "condition name");
    if (!name) continue;
    if (!is_valid_variable_name(*name)) {
      r.error("bad-id", k, "`" + *name + "` is not a valid condition name.",
              "use letters, digits and _, not starting with a digit (other conditions read it)");
      continue;
    }
    if (std::find(kKeywords.begin(), kKeywords.end(), *name) != kKeywords.end()) {
      r.error("condition-name-clash", k,
              "`" + *name + "` is a word of the condition language and cannot name a condition.",
              "choose another name");
      continue;
    }
    if (c.find(c.variables, *name) >= 0) {
      r.error("condition-name-clash", k,
              "`" + *name + "` is already the name of a variable.",
              "a name in a condition must mean one thing: rename the condition");
      continue;
    }
    if (c.named.count(*name)) continue;  // already reported as a duplicate key
    NamedConditionEntry e;
    e.key_node = k;
    e.value_node = n.items[i + 1];
    e.index = static_cast<int>(c.s.conditions.size());
    c.s.conditions.push_back(NamedCondition{*name, Condition{}, r.pos(k)});
    c.named.emplace(*name, e);
  }
}

void finish_conditions(BuildContext& c) {
  for (const NamedCondition& nc : c.s.conditions) {
    NamedConditionEntry& e = c.named.find(nc.id)->second;
    resolve(c, e);
    if (!e.used)
      c.r.warning("unused-condition", e.key_node,
                  "Named condition `" + nc.id + "` is not used anywhere.",
                  "use it in a `when`, in conditional text or in another named condition, or "
                  "remove it");
  }
}

}  // namespace auditsim::load_detail
