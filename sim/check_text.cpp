// The conditional-text check walks every reachable play state once. A state is kept as the node,
// every variable and the visited flags of the nodes some condition names (nothing else can change
// what a condition says), so states reached by different paths that no condition can tell apart
// are explored once.
#include "sim/check_text.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "sim/state.hpp"
#include "sim/text_render.hpp"

namespace auditsim {

namespace {

constexpr size_t kMaxStates = 100'000;

struct Seen {
  bool shown_true = false;
  bool shown_false = false;
};

struct TextWalk {
  const Scenario& s;
  std::optional<Audience> audience;
  std::vector<int> flag_nodes;  // nodes whose visited flag is part of a state
  std::set<std::vector<int64_t>> visited;
  std::map<const TextPart*, Seen>& seen;
  bool too_many = false;

  // Records the blocks of a text as it renders in `in`, nested ones only where their branch shows.
  void mark(const std::vector<TextPart>& parts, const ConditionInput& in) {
    for (const TextPart& p : parts) {
      if (!p.is_block) continue;
      const bool holds = p.condition.eval(in);
      Seen& k = seen[&p];
      (holds ? k.shown_true : k.shown_false) = true;
      mark(holds ? p.then_parts : p.else_parts, in);
    }
  }
  void mark_text(const std::string& text, const PlayState& st) {
    auto it = s.text_templates.find(text);
    if (it != s.text_templates.end())
      mark(it->second.parts, ConditionInput{st.variables, st.visits});
  }
  // Without an audience every audience reads the stage in the same states, so each of its texts
  // is checked there; with one, only that audience's.
  void mark_stage(const Node& n, const PlayState& st) {
    if (audience) {
      mark_text(node_text(n, audience), st);
      for (const std::string& p : node_discuss(n, audience)) mark_text(p, st);
      return;
    }
    mark_text(n.text, st);
    for (const std::string& p : n.discuss) mark_text(p, st);
    for (const auto& own : n.audience_text)
      if (own) mark_text(*own, st);
    for (const auto& own : n.audience_discuss)
      if (own)
        for (const std::string& p : *own) mark_text(p, st);
  }

  std::vector<int64_t> key(const PlayState& st) const {
    std::vector<int64_t> k;
    k.reserve(1 + st.variables.size() + flag_nodes.size());
    k.push_back(st.node);
    k.insert(k.end(), st.variables.begin(), st.variables.end());
    for (int n : flag_nodes) k.push_back(st.visits[n] > 0);
    return k;
  }

  // Depth-first over an acyclic scenario; an explicit stack keeps deep scenarios off the call stack.
  void walk(const PlayState& start) {
    std::vector<PlayState> stack{start};
    while (!stack.empty() && !too_many) {
      PlayState st = std::move(stack.back());
      stack.pop_back();
      if (st.node < 0 || static_cast<size_t>(st.node) >= s.nodes.size()) continue;
      if (!visited.insert(key(st)).second) continue;
      if (visited.size() > kMaxStates) {
        too_many = true;
        return;
      }
      const Node& n = s.nodes[st.node];
      mark_stage(n, st);
      if (n.ending) mark_text(n.ending->debrief, st);
      for (size_t c = 0; c < n.choices.size(); ++c) {
        if (!choice_available(s, n.choices[c], st, audience)) continue;
        PlayState next = apply_choice(s, st, static_cast<int>(c));
        mark_text(n.choices[c].feedback, next);  // feedback reads in the state after the choice
        stack.push_back(std::move(next));
      }
    }
  }
};

std::vector<int> nodes_named_by_conditions(const Scenario& s) {
  std::vector<int> out;
  auto add = [&](const Condition& c) {
    out.insert(out.end(), c.nodes_visited_read().begin(), c.nodes_visited_read().end());
  };
  for (const Node& n : s.nodes)
    for (const Choice& c : n.choices) add(c.when);
  for (const auto& [text, t] : s.text_templates)
    for (const TextPart* b : text_blocks(t)) add(b->condition);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

std::vector<Diagnostic> check_conditional_text(const Scenario& s) {
  std::vector<Diagnostic> out;
  if (s.text_templates.empty() || s.start < 0 || static_cast<size_t>(s.start) >= s.nodes.size())
    return out;
  bool audience_specific = false;
  for (const Node& n : s.nodes)
    for (const Choice& c : n.choices) audience_specific |= c.audience.has_value();
  std::vector<std::optional<Audience>> audiences;
  if (audience_specific) audiences.assign(s.audience.begin(), s.audience.end());
  if (audiences.empty()) audiences.emplace_back(std::nullopt);

  std::map<const TextPart*, Seen> seen;
  const std::vector<int> flags = nodes_named_by_conditions(s);
  for (auto a : audiences) {
    TextWalk w{s, a, flags, {}, seen};
    w.walk(initial_state(s));
    if (w.too_many) return {};
  }
  // One warning per block, in file order (a text used twice is one template: its blocks are
  // judged over every place it is shown).
  std::vector<std::pair<const TextPart*, Seen>> blocks(seen.begin(), seen.end());
  std::sort(blocks.begin(), blocks.end(), [](const auto& x, const auto& y) {
    return std::tie(x.first->line, x.first->col) < std::tie(y.first->line, y.first->col);
  });
  for (const auto& [b, k] : blocks) {
    const std::string cond = "`{{if " + b->condition.text() + "}}`";
    if (!k.shown_true) {
      out.push_back({Severity::Warning, "text-block-never-shown", s.source_path, b->line, b->col,
                     "The block " + cond + " is false wherever its text is shown" +
                         std::string(b->has_else ? ": only its {{else}} part is ever read."
                                                 : ", so nobody ever reads it."),
                     "check the condition against the paths that reach this text"});
    } else if (!k.shown_false) {
      out.push_back({Severity::Warning, "text-block-always-shown", s.source_path, b->line, b->col,
                     "The block " + cond + " is true wherever its text is shown" +
                         std::string(b->has_else ? ": its {{else}} part is never read."
                                                 : ", so the condition changes nothing."),
                     b->has_else ? "check the condition, or remove the {{else}} part"
                                 : "check the condition, or write the text without the block"});
    }
  }
  return out;
}

}  // namespace auditsim
