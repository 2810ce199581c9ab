// Builders for nodes, choices, endings, injects and conditions: the parts that refer to each
// other by id and so need every node id collected first.
#include "sim/load/build.hpp"

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
  if (n.kind != YNode::Kind::Map) {
    r.error("wrong-type", node, "`score` should be a map of pillar: points, not " +
                                    std::string(r.kind_name(node)) + ".",
            "for example `score: { protect: 3, pursue: 1 }`");
    return;
  }
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
  if (n.kind != YNode::Kind::Map) {
    r.error("wrong-type", node, "`" + std::string(key) + "` should be a map of variable: value, not " +
                                    std::string(r.kind_name(node)) + ".");
    return;
  }
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

void read_ending(BuildContext& c, int node, Node& out) {
  Reader& r = c.r;
  Fields f = r.fields(node, "an ending", {"outcome", "debrief"});
  Ending e;
  if (f.ok()) {
    if (auto o = r.label(f, "outcome", Need::Required, "ending")) {
      if (auto parsed = parse_outcome(*o)) e.outcome = *parsed;
      else r.error("bad-value", r.where(f, "outcome"), "`" + *o + "` is not an outcome.",
                   "use good, mixed or poor");
    }
    e.debrief = c.markdown(f, "debrief", Need::Required, "ending").value_or("");
  }
  out.ending = std::move(e);
}

void read_choice(BuildContext& c, int item, Node& node) {
  Reader& r = c.r;
  Fields f = r.fields(item, "a choice", {"id", "text", "score", "set", "add", "achieves", "when",
                                         "audience", "feedback", "next"});
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
  if (f.has("when")) {
    if (auto cond = build_condition(c, f.value("when"))) ch.when = std::move(*cond);
  }
  if (auto a = r.label(f, "audience", Need::Optional, "choice")) {
    if (auto parsed = parse_audience(*a)) ch.audience = parsed;
    else r.error("bad-value", r.where(f, "audience"), "`" + *a + "` is not an audience.",
                 "use members or staff, or leave it out to offer the choice to both");
  }
  if (auto next = r.label(f, "next", Need::Required, "choice")) {
    ch.next = c.find(c.nodes, *next);
    if (ch.next < 0)
      r.error("undefined-node", r.where(f, "next"), "No node has the id `" + *next + "`.",
              did_you_mean(*next, BuildContext::names(c.nodes)));
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
  if (n.kind != YNode::Kind::Map) {
    r.error("wrong-type", node, "`nodes` should be a map of node id: node, not " +
                                    std::string(r.kind_name(node)) + ".");
    return;
  }
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
    if (!c.nodes.emplace(*id, static_cast<int>(c.s.nodes.size())).second) continue;  // duplicate-key
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

void build_injects(BuildContext& c, int node) {
  Reader& r = c.r;
  const YNode& n = r.at(node);
  if (n.kind == YNode::Kind::Null) return;
  if (n.kind != YNode::Kind::Seq) {
    r.error("wrong-type", node, "`injects` should be a list, not " + std::string(r.kind_name(node)) + ".");
    return;
  }
  IdIndex ids;
  for (int item : n.items) {
    Fields f = r.fields(item, "an inject", {"id", "title", "from", "text", "after", "on_enter", "when", "evidence"});
    if (!f.ok()) continue;
    Inject in;
    in.pos = r.pos(item);
    auto id = r.id(f, "id", Need::Required, "inject");
    in.title = r.text(f, "title", Need::Required, "inject").value_or("");
    in.from = r.label(f, "from", Need::Optional, "inject").value_or("");
    read_audience_text(c, f, "text", Need::Required, "inject", in.text, in.audience_text);
    in.evidence = resolve_ids(c, f, "evidence", c.evidence, "undefined-evidence", "evidence document");
    const int triggers = int(f.has("after")) + int(f.has("on_enter")) + int(f.has("when"));
    if (triggers == 0)
      r.error("missing-field", item, "This inject has no trigger.",
              "add one of `after:` (a time), `on_enter:` (a node id) or `when:` (a condition)");
    else if (triggers > 1)
      r.error("bad-value", item, "This inject has more than one trigger.",
              "keep exactly one of `after`, `on_enter` and `when`");
    if (f.has("after")) {
      in.trigger = Inject::Trigger::After;
      in.after_seconds = r.duration(f, "after", 0, kMaxTimerSeconds).value_or(0);
    } else if (auto target = r.label(f, "on_enter", Need::Optional, "inject")) {
      in.trigger = Inject::Trigger::OnEnter;
      in.node = c.find(c.nodes, *target);
      if (in.node < 0)
        r.error("undefined-node", r.where(f, "on_enter"), "No node has the id `" + *target + "`.",
                did_you_mean(*target, BuildContext::names(c.nodes)));
    } else if (f.has("when")) {
      in.trigger = Inject::Trigger::When;
      if (auto cond = build_condition(c, f.value("when"))) in.when = std::move(*cond);
    }
    if (!id) continue;
    if (!ids.emplace(*id, 0).second) {
      r.error("duplicate-id", r.where(f, "id"), "Two injects have the id `" + *id + "`.",
              "ids must be unique; rename one of them");
      continue;
    }
    in.id = *id;
    c.s.injects.push_back(std::move(in));
  }
}

}  // namespace auditsim::load_detail
