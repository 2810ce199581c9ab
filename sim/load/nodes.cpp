// Builders for nodes, choices, endings, injects and conditions: the parts that refer to each
// other by id and so need every node id collected first.
#include "sim/load/build.hpp"

#include <algorithm>

#include "sim/load/text.hpp"

namespace auditsim::load_detail {

namespace {

constexpr int64_t kMaxTimerSeconds = 24 * 3600;

// The condition parser words its messages as fragments; every loader message is a sentence.
std::string as_sentence(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  if (!s.empty() && s.back() != '.' && s.back() != '?') s += '.';
  return s;
}

ConditionNames condition_names(BuildContext& c) { return c.condition_names(); }

void read_score(BuildContext& c, int node, Score4& score) {
  Reader& r = c.r;
  const YNode& n = r.at(node);
  if (n.kind == YNode::Kind::Null) return;
  if (!r.expect_kind(node, YNode::Kind::Map, "`score` should be a map of pillar: points",
                     "for example `score: { protect: 3, pursue: 1 }`"))
    return;
  for (size_t i = 0; i + 1 < n.items.size(); i += 2) {
    auto pillar = r.pillar_node(n.items[i], "score");
    if (!pillar) continue;
    if (auto v = r.integer_node(n.items[i + 1], pillar_key(*pillar), -100, 100)) score[*pillar] = *v;
  }
}

// `set` and `add` maps: variable -> value, checked against the variable's kind.
void read_assignments(BuildContext& c, int node, Assignment::Op op, std::vector<Assignment>& out) {
  Reader& r = c.r;
  const char* key = op == Assignment::Op::Set ? "set" : "add";
  const YNode& n = r.at(node);
  if (n.kind == YNode::Kind::Null) return;
  if (!r.expect_kind(node, YNode::Kind::Map,
                     "`" + std::string(key) + "` should be a map of variable: value"))
    return;
  for (size_t i = 0; i + 1 < n.items.size(); i += 2) {
    const int k = n.items[i], v = n.items[i + 1];
    auto name = r.scalar_node(k, key);
    if (!name) continue;
    const int var = c.find(c.variables, *name);
    if (var < 0) {
      r.error("undefined-variable", k, "No variable is called `" + *name + "`.",
              did_you_mean(*name, BuildContext::names(c.variables)).empty()
                  ? "declare it under `variables:` first"
                  : did_you_mean(*name, BuildContext::names(c.variables)));
      continue;
    }
    const Variable& decl = c.s.variables[static_cast<size_t>(var)];
    const YNode& val = r.at(v);
    const bool is_bool_word = val.kind == YNode::Kind::Scalar && val.plain &&
                              (val.value == "true" || val.value == "false");
    Assignment a;
    a.variable = var;
    a.op = op;
    a.pos = r.pos(k);
    if (decl.kind == Variable::Kind::Boolean) {
      if (op == Assignment::Op::Add) {
        r.error("type-mismatch", k, "`" + *name + "` is true/false and cannot be added to.",
                "use `set: { " + *name + ": true }`");
        continue;
      }
      if (!is_bool_word && val.kind == YNode::Kind::Scalar && val.plain &&
          parse_int64(val.value, a.value) == IntParse::Ok) {
        r.error("type-mismatch", v, "`" + *name + "` is true/false but is set to a number.",
                "set it to true or false");
        continue;
      }
      auto b = r.boolean_node(v, *name);
      if (!b) continue;
      a.value = *b ? 1 : 0;
    } else {
      if (is_bool_word) {
        r.error("type-mismatch", v, "`" + *name + "` is a number but is " +
                                        (op == Assignment::Op::Set ? "set to " : "given ") + val.value + ".",
                "use a whole number, or declare the variable as true/false");
        continue;
      }
      auto num = r.integer_node(v, *name, -kMaxVariableMagnitude, kMaxVariableMagnitude);
      if (!num) continue;
      a.value = *num;
    }
    out.push_back(a);
  }
}

// `requires:` or `forbids:` under an ending (1.1): key actions by status, and conditions.
void read_claims(BuildContext& c, const Fields& ending, std::string_view key, bool required,
                 Ending& e) {
  Reader& r = c.r;
  if (!ending.has(key)) return;
  if (!c.needs_format_1_1(ending.key(key), "`" + std::string(key) + "` under `ending`")) return;
  Fields f = r.fields(ending.value(key), "`" + std::string(key) + "`",
                      {"achieved", "achieved_late", "breached", "conditions"});
  if (!f.ok()) return;
  const std::pair<const char*, PathClaim::Kind> lists[] = {
      {"achieved", PathClaim::Kind::Achieved},
      {"achieved_late", PathClaim::Kind::AchievedLate},
      {"breached", PathClaim::Kind::Breached}};
  for (const auto& [name, kind] : lists) {
    const auto items = f.has(name) ? r.list(f, name) : std::nullopt;
    if (!items) continue;
    for (int item : *items) {
      auto id = r.scalar_node(item, name);
      if (!id) continue;
      const int k = c.find(c.key_actions, *id);
      if (k < 0) {
        r.error("undefined-key-action", item, "No key action has the id `" + *id + "`.",
                did_you_mean(*id, BuildContext::names(c.key_actions)));
        continue;
      }
      e.claims.push_back(PathClaim{kind, required, k, {}, r.pos(item)});
    }
  }
  const auto conditions = f.has("conditions") ? r.list(f, "conditions") : std::nullopt;
  if (!conditions) return;
  for (int item : *conditions) {
    if (auto cond = build_condition(c, item)) {
      e.claims.push_back(PathClaim{PathClaim::Kind::Condition, required, -1, std::move(*cond),
                                   r.pos(item)});
    }
  }
}

void read_ending(BuildContext& c, int node, Node& out) {
  Reader& r = c.r;
  Fields f = r.fields(node, "an ending", {"outcome", "debrief", "requires", "forbids"});
  Ending e;
  if (f.ok()) {
    if (auto o = r.label(f, "outcome", Need::Required, "ending")) {
      if (auto parsed = parse_outcome(*o)) e.outcome = *parsed;
      else r.error("bad-value", r.where(f, "outcome"), "`" + *o + "` is not an outcome.",
                   "use good, mixed or poor");
    }
    e.debrief = c.markdown(f, "debrief", Need::Required, "ending").value_or("");
    read_claims(c, f, "requires", true, e);
    read_claims(c, f, "forbids", false, e);
  }
  out.ending = std::move(e);
}

// `achieves_late` and `breaches` (1.1). Listing one key action under two of `achieves`,
// `achieves_late` and `breaches` on the same choice says two contradictory things about it.
void read_key_action_effects(BuildContext& c, const Fields& f, Choice& ch) {
  Reader& r = c.r;
  if (f.has("achieves_late") && c.needs_format_1_1(f.key("achieves_late"), "`achieves_late`"))
    ch.achieves_late = resolve_ids(c, f, "achieves_late", c.key_actions, "undefined-key-action",
                                   "key action");
  if (f.has("breaches") && c.needs_format_1_1(f.key("breaches"), "`breaches`"))
    ch.breaches = resolve_ids(c, f, "breaches", c.key_actions, "undefined-key-action", "key action");
  const auto listed = [](const std::vector<int>& v, int k) {
    return std::find(v.begin(), v.end(), k) != v.end();
  };
  const auto conflict = [&](const std::vector<int>& a, const std::vector<int>& b,
                            const char* key_a, const char* key_b, const char* key) {
    for (int k : b) {
      if (!listed(a, k)) continue;
      r.warning("key-action-conflict", r.where(f, key),
                "Choice `" + ch.id + "` lists key action `" + c.s.key_actions[k].id +
                    "` under both `" + key_a + "` and `" + key_b + "`.",
                std::string("keep it under one of them: a choice either achieves a key action ") +
                    "(on time or late) or breaches it");
    }
  };
  conflict(ch.achieves, ch.achieves_late, "achieves", "achieves_late", "achieves_late");
  conflict(ch.achieves, ch.breaches, "achieves", "breaches", "breaches");
  conflict(ch.achieves_late, ch.breaches, "achieves_late", "breaches", "breaches");
}

// A node id a choice leads to, reported as undefined (with a suggestion) when there is none.
int node_ref(BuildContext& c, int at, const std::string& id) {
  const int n = c.find(c.nodes, id);
  if (n < 0)
    c.r.error("undefined-node", at, "No node has the id `" + id + "`.",
              c.undefined_node_hint(id));
  return n;
}

// `next:` as a list (format 1.1): `{ when: condition, node: id }` entries tried in order, then
// one `{ otherwise: id }` that is taken when none holds. The `otherwise` is required, so a
// session can never be left with nowhere to go.
void read_conditional_next(BuildContext& c, int list, Choice& ch) {
  Reader& r = c.r;
  bool otherwise_seen = false;
  for (int item : r.at(list).items) {
    Fields f = r.fields(item, "an entry of a conditional `next`", {"when", "node", "otherwise"});
    if (!f.ok()) continue;
    if (otherwise_seen) {
      r.error("next-after-otherwise", item,
              "This entry of `next` comes after `otherwise`, so it can never be taken.",
              "`otherwise` is tried last: move it to the end of the list");
      continue;
    }
    if (f.has("otherwise")) {
      otherwise_seen = true;
      if (f.has("when") || f.has("node"))
        r.error("bad-value", item, "An `otherwise` entry has a `when` or a `node` as well.",
                "write `- otherwise: node-id` on its own, after the `when` entries");
      if (auto id = r.label(f, "otherwise", Need::Required, "conditional next"))
        ch.next = node_ref(c, r.where(f, "otherwise"), *id);
      continue;
    }
    NextBranch b;
    b.pos = r.pos(item);
    if (!f.has("when")) r.missing(f, "when", "entry of `next`");
    else if (auto cond = build_condition(c, f.value("when"))) b.when = std::move(*cond);
    if (auto id = r.label(f, "node", Need::Required, "entry of `next`"))
      b.node = node_ref(c, r.where(f, "node"), *id);
    ch.branches.push_back(std::move(b));
  }
  if (!otherwise_seen)
    r.error("next-needs-otherwise", list,
            "This conditional `next` has no `otherwise`: when no condition holds the session "
            "would have nowhere to go.",
            "end the list with `- otherwise: node-id`");
}

void read_choice(BuildContext& c, int item, Node& node) {
  Reader& r = c.r;
  Fields f = r.fields(item, "a choice", {"id", "text", "score", "set", "add", "achieves", "when",
                                         "audience", "feedback", "next", "releases",
                                         "achieves_late", "breaches"});
  if (!f.ok()) return;
  Choice ch;
  ch.pos = r.pos(item);
  if (auto id = r.id(f, "id", Need::Required, "choice")) {
    auto [it, inserted] = c.choice_lines.emplace(*id, ch.pos.line);
    if (!inserted)
      r.error("duplicate-id", r.where(f, "id"), "Two choices have the id `" + *id + "`.",
              "choice ids are unique across the whole scenario; the first is on line " +
                  std::to_string(it->second));
    ch.id = *id;
  }
  ch.text = r.text(f, "text", Need::Required, "choice").value_or("");
  ch.feedback = c.markdown(f, "feedback", Need::Required, "choice").value_or("");
  if (f.has("score")) read_score(c, f.value("score"), ch.score);
  if (f.has("set")) read_assignments(c, f.value("set"), Assignment::Op::Set, ch.effects);
  if (f.has("add")) read_assignments(c, f.value("add"), Assignment::Op::Add, ch.effects);
  ch.achieves = resolve_ids(c, f, "achieves", c.key_actions, "undefined-key-action", "key action");
  read_key_action_effects(c, f, ch);
  if (f.has("when")) {
    if (auto cond = build_condition(c, f.value("when"))) ch.when = std::move(*cond);
  }
  if (auto a = r.label(f, "audience", Need::Optional, "choice")) {
    if (auto parsed = parse_audience(*a)) ch.audience = parsed;
    else r.error("bad-value", r.where(f, "audience"), "`" + *a + "` is not an audience.",
                 "use members or staff, or leave it out to offer the choice to both");
  }
  if (f.has("releases") && c.needs_format_1_1(f.key("releases"), "`releases` on a choice"))
    ch.releases = resolve_ids(c, f, "releases", c.evidence, "undefined-evidence", "evidence document");
  if (f.has("next") && r.at(f.value("next")).kind == YNode::Kind::Seq) {
    if (c.needs_format_1_1(f.value("next"), "A list under `next` (a conditional next)"))
      read_conditional_next(c, f.value("next"), ch);
  } else if (auto next = r.label(f, "next", Need::Required, "choice")) {
    ch.next = node_ref(c, r.where(f, "next"), *next);
  }
  node.choices.push_back(std::move(ch));
}

void read_node(BuildContext& c, int body, Node& node) {
  Reader& r = c.r;
  Fields f = r.fields(body, "a node", {"title", "text", "evidence", "discuss", "time_limit",
                                       "on_timeout", "choices", "ending"});
  if (!f.ok()) return;
  node.title = r.text(f, "title", Need::Required, "node").value_or("");
  read_audience_text(c, f, "text", Need::Required, "node", node.text, node.audience_text);
  node.evidence = resolve_ids(c, f, "evidence", c.evidence, "undefined-evidence", "evidence document");
  read_audience_prompts(c, f, node.discuss, node.audience_discuss);
  node.time_limit_seconds = r.duration(f, "time_limit", 1, kMaxTimerSeconds).value_or(0);

  const bool has_choices = f.has("choices"), has_ending = f.has("ending");
  if (has_choices && has_ending)
    r.error("ending-with-choices", r.where(f, "ending"),
            "Node `" + node.id + "` has both `ending` and `choices`.",
            "an ending closes the scenario: remove its choices, or remove `ending`");
  if (has_ending) read_ending(c, f.value("ending"), node);
  std::optional<std::vector<int>> items;
  if (has_choices) items = r.list(f, "choices");
  if (items)
    for (int item : *items) read_choice(c, item, node);
  // A `choices` value of the wrong type was reported already; only a real absence is a dead end.
  if (!has_ending && (!has_choices || (items && items->empty())))
    r.error("dead-end", has_choices ? r.where(f, "choices") : body,
            "Node `" + node.id + "` has no choices and is not an ending.",
            "add `choices:` to move on, or `ending:` to finish here");

  if (auto t = r.label(f, "on_timeout", Need::Optional, "node")) {
    if (!f.has("time_limit"))
      r.error("missing-field", r.where(f, "on_timeout"),
              "`on_timeout` is set but node `" + node.id + "` has no `time_limit`.",
              "add `time_limit:` (for example 5m) or remove `on_timeout`");
    for (size_t i = 0; i < node.choices.size(); ++i)
      if (node.choices[i].id == *t) node.on_timeout = static_cast<int>(i);
    if (node.on_timeout < 0) {
      std::vector<std::string> ids;
      for (const auto& ch : node.choices) ids.push_back(ch.id);
      r.error("undefined-choice", r.where(f, "on_timeout"),
              "Node `" + node.id + "` has no choice `" + *t + "`.",
              did_you_mean(*t, ids).empty() ? "name one of this node's own choices" : did_you_mean(*t, ids));
    }
  }
}

}  // namespace

std::optional<Condition> build_condition(BuildContext& c, int node) {
  Reader& r = c.r;
  const YNode& n = r.at(node);
  if (n.kind != YNode::Kind::Scalar) {
    if (n.kind == YNode::Kind::Null)
      r.error("condition-syntax", node, "The condition is empty.",
              "write an expression such as `trust >= 40`, or remove `when`");
    else
      r.error("wrong-type", node, "A condition should be text, not " + std::string(r.kind_name(node)) + ".");
    return std::nullopt;
  }
  const ConditionParseResult parsed = parse_condition(n.value, condition_names(c));
  for (const ConditionError& e : parsed.errors) {
    r.error_at(condition_error_code(e.kind), r.pos_in_scalar(node, e.offset), as_sentence(e.message), e.hint);
  }
  if (!parsed.errors.empty()) return std::nullopt;
  return parsed.condition;
}

void collect_nodes(BuildContext& c, int node) {
  Reader& r = c.r;
  const YNode& n = r.at(node);
  if (!r.expect_kind(node, YNode::Kind::Map, "`nodes` should be a map of node id: node")) return;
  c.nodes.reserve(n.items.size() / 2);
  for (size_t i = 0; i + 1 < n.items.size(); i += 2) {
    const int k = n.items[i];
    auto id = r.scalar_node(k, "node id");
    if (!id) continue;
    // A badly spelt id is still registered, so `next` and `start` pointing at it do not add a
    // second, misleading "undefined" error; the bad-id error keeps the scenario from loading.
    if (!is_valid_id(*id))
      r.error("bad-id", k, "`" + *id + "` is not a valid node id.",
              "ids use letters, digits, '-', '_' and '.', start with a letter or digit and are "
              "at most 64 characters");
    if (!c.nodes.emplace(*id, static_cast<int>(c.s.nodes.size())).second) {  // duplicate-key
      c.repeated_nodes.emplace_back(*id, r.pos(k).line);
      continue;
    }
    Node nd;
    nd.id = *id;
    nd.pos = r.pos(k);
    c.s.nodes.push_back(std::move(nd));
    c.node_bodies.push_back(n.items[i + 1]);
  }
  if (c.s.nodes.empty()) r.error("missing-field", node, "`nodes` is empty.", "add at least a start node and an ending");
}

void build_nodes(BuildContext& c) {
  for (size_t i = 0; i < c.s.nodes.size(); ++i) read_node(c, c.node_bodies[i], c.s.nodes[i]);
}

namespace {

// The most decisions an `after_decisions` can wait for: far beyond any real scenario's length.
constexpr int64_t kMaxDecisionCount = 10'000;

// `audience:` on an inject (format 1.1): the inject fires only in sessions of that audience.
void read_inject_audience(BuildContext& c, const Fields& f, Inject& in) {
  Reader& r = c.r;
  if (!f.has("audience") || !c.needs_format_1_1(f.key("audience"), "`audience` on an inject"))
    return;
  if (auto a = r.label(f, "audience", Need::Optional, "inject")) {
    if (auto parsed = parse_audience(*a)) in.audience = parsed;
    else r.error("bad-value", r.where(f, "audience"), "`" + *a + "` is not an audience.",
                 "use members or staff, or leave it out so the inject reaches both");
  }
}

// `since:` on an inject (format 1.1): `after` counts from the session's arrival at this node.
void read_inject_since(BuildContext& c, const Fields& f, Inject& in) {
  Reader& r = c.r;
  if (!c.needs_format_1_1(f.key("since"), "`since` on an inject")) return;
  if (!f.has("after")) {
    r.error("missing-field", r.where(f, "since"), "`since` is set but this inject has no `after`.",
            "add `after:` (for example 90s): the time counted from arriving at the node");
    return;
  }
  if (auto target = r.label(f, "since", Need::Optional, "inject")) {
    in.since = c.find(c.nodes, *target);
    if (in.since < 0)
      r.error("undefined-node", r.where(f, "since"), "No node has the id `" + *target + "`.",
              did_you_mean(*target, BuildContext::names(c.nodes)));
  }
}

}  // namespace

void build_injects(BuildContext& c, int node) {
  Reader& r = c.r;
  const YNode& n = r.at(node);
  if (n.kind == YNode::Kind::Null) return;
  if (!r.expect_kind(node, YNode::Kind::Seq, "`injects` should be a list")) return;
  IdIndex ids;
  for (int item : n.items) {
    Fields f = r.fields(item, "an inject", {"id", "title", "from", "text", "after", "on_enter", "when",
                                            "evidence", "since", "after_decisions", "audience"});
    if (!f.ok()) continue;
    Inject in;
    in.pos = r.pos(item);
    auto id = r.id(f, "id", Need::Required, "inject");
    in.title = r.text(f, "title", Need::Required, "inject").value_or("");
    in.from = r.label(f, "from", Need::Optional, "inject").value_or("");
    read_audience_text(c, f, "text", Need::Required, "inject", in.text, in.audience_text);
    in.evidence = resolve_ids(c, f, "evidence", c.evidence, "undefined-evidence", "evidence document");
    read_inject_audience(c, f, in);
    const int triggers = int(f.has("after")) + int(f.has("on_enter")) + int(f.has("when")) +
                         int(f.has("after_decisions"));
    if (triggers == 0)
      r.error("missing-field", item, "This inject has no trigger.",
              "add one of `after:` (a time), `on_enter:` (a node id) or `when:` (a condition)");
    else if (triggers > 1)
      r.error("bad-value", item, "This inject has more than one trigger.",
              c.s.format_minor >= 1 ? "keep exactly one of `after`, `on_enter`, `when` and `after_decisions`"
                                    : "keep exactly one of `after`, `on_enter` and `when`");
    if (f.has("since")) read_inject_since(c, f, in);
    if (f.has("after")) {
      in.trigger = Inject::Trigger::After;
      in.after_seconds = r.duration(f, "after", 0, kMaxTimerSeconds).value_or(0);
    } else if (f.has("after_decisions")) {
      in.trigger = Inject::Trigger::AfterDecisions;
      if (c.needs_format_1_1(f.key("after_decisions"), "`after_decisions` on an inject"))
        in.after_decisions =
            r.integer(f, "after_decisions", Need::Required, "inject", 1, kMaxDecisionCount).value_or(0);
    } else if (auto target = r.label(f, "on_enter", Need::Optional, "inject")) {
      in.trigger = Inject::Trigger::OnEnter;
      in.node = c.find(c.nodes, *target);
      if (in.node < 0)
        r.error("undefined-node", r.where(f, "on_enter"), "No node has the id `" + *target + "`.",
                c.undefined_node_hint(*target));
    } else if (f.has("when")) {
      in.trigger = Inject::Trigger::When;
      if (auto cond = build_condition(c, f.value("when"))) in.when = std::move(*cond);
    }
    if (!id) continue;
    if (auto [it, inserted] = ids.emplace(*id, static_cast<int>(c.s.injects.size())); !inserted) {
      r.error("duplicate-id", r.where(f, "id"), "Two injects have the id `" + *id + "`.",
              "ids must be unique: the first is on line " +
                  std::to_string(c.s.injects[static_cast<size_t>(it->second)].pos.line) +
                  "; rename one of them");
      continue;
    }
    in.id = *id;
    c.s.injects.push_back(std::move(in));
  }
}

}  // namespace auditsim::load_detail
