// The immutable scenario model: what the loader builds from YAML and everything else reads.
// Plain data with indices instead of pointers, so a Scenario can be copied, hashed and shared
// across threads without care. Nothing here knows about YAML, SQLite or the UI.
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/condition.hpp"
#include "sim/text_template.hpp"

namespace auditsim {

// The four pillars of the UK serious and organised crime strategy, in their conventional order.
enum class Pillar { Pursue = 0, Prevent = 1, Protect = 2, Prepare = 3 };
inline constexpr int kPillarCount = 4;
inline constexpr std::array<Pillar, kPillarCount> kPillars{Pillar::Pursue, Pillar::Prevent,
                                                            Pillar::Protect, Pillar::Prepare};

// Lower-case key used in YAML and JSON ("pursue").
const char* pillar_key(Pillar p);
// Display name ("Pursue").
const char* pillar_name(Pillar p);
// Parses a lower-case key; nullopt when unknown.
std::optional<Pillar> parse_pillar(std::string_view key);

// A 4P vector: one integer per pillar, negatives allowed.
struct Score4 {
  std::array<int64_t, kPillarCount> v{};
  int64_t& operator[](Pillar p) { return v[static_cast<int>(p)]; }
  int64_t operator[](Pillar p) const { return v[static_cast<int>(p)]; }
  int64_t total() const { return v[0] + v[1] + v[2] + v[3]; }
  Score4& operator+=(const Score4& o) {
    for (int i = 0; i < kPillarCount; ++i) v[i] += o.v[i];
    return *this;
  }
  Score4& operator-=(const Score4& o) {
    for (int i = 0; i < kPillarCount; ++i) v[i] -= o.v[i];
    return *this;
  }
  friend Score4 operator+(Score4 a, const Score4& b) { return a += b; }
  friend Score4 operator-(Score4 a, const Score4& b) { return a -= b; }
  bool operator==(const Score4&) const = default;
};

// 1-based line and column of a YAML node in its file; 0 when unknown.
struct SourcePos {
  int line = 0;
  int col = 0;
};

enum class Priority { High = 0, Medium = 1, Low = 2 };
const char* priority_key(Priority p);  // "high"
std::optional<Priority> parse_priority(std::string_view key);

enum class Audience { Members = 0, Staff = 1 };
const char* audience_key(Audience a);  // "members"
std::optional<Audience> parse_audience(std::string_view key);

// Format 1.1 text written for one audience, indexed by Audience; unset where the default applies.
template <class T>
using PerAudience = std::array<std::optional<T>, 2>;

enum class Classification { PartA, PartB };
enum class Outcome { Good, Mixed, Poor };
const char* outcome_key(Outcome o);  // "good"
std::optional<Outcome> parse_outcome(std::string_view key);

// A scenario variable. Values are integers; booleans are stored as 0/1 and only compared with
// true/false or used as truth values.
struct Variable {
  std::string id;
  enum class Kind { Number, Boolean } kind = Kind::Number;
  int64_t initial = 0;
  SourcePos pos;
};

// One evidence document: inline Markdown, or a file inside the scenario's folder (read at load
// time, so `text` always holds the content).
struct Evidence {
  std::string id;
  std::string title;
  std::string kind;  // free label shown as a badge: "email", "log", "extract", ...
  std::string text;  // Markdown
  std::string file;  // relative path as written, empty when inline
  SourcePos pos;
};

// A control or opportunity an auditor looks for; a missed one becomes a finding.
// Format 1.1: the question a desktop audit asks about the real council's own arrangements for
// this key action, and who usually answers it. The group records the council's actual position
// against it after the story (sim/audit): the story shows what can go wrong, the control check
// asks whether it could happen here.
struct ControlQuestion {
  std::string question;  // "For every new supplier over £25,000, do we check ...?"
  std::string owner;     // the role usually responsible ("Head of Procurement")
  std::string risk;      // optional: what happens where the control is missing (the finding's effect)
  SourcePos pos;
};

struct KeyAction {
  std::string id;
  Pillar pillar = Pillar::Protect;
  Priority priority = Priority::Medium;
  std::string text;               // what good practice looks like
  std::string management_action;  // the improvement action implied when it is missed
  std::optional<ControlQuestion> control;  // format 1.1
  SourcePos pos;
};

struct LearningObjective {
  std::string id;
  Pillar pillar = Pillar::Protect;
  std::string text;
  std::vector<int> key_actions;  // indices into Scenario::key_actions; met when all achieved
  SourcePos pos;
};

// `set` replaces a variable's value; `add` adds to it.
struct Assignment {
  int variable = -1;  // index into Scenario::variables
  enum class Op { Set, Add } op = Op::Set;
  int64_t value = 0;
  SourcePos pos;
};

// One branch of a conditional `next` (format 1.1): taken when its condition holds in the state
// after the choice's own `set` and `add`, unless an earlier branch's condition holds.
struct NextBranch {
  Condition when;
  int node = -1;  // index into Scenario::nodes
  SourcePos pos;
};

struct Choice {
  std::string id;  // unique within the scenario
  std::string text;
  Score4 score;
  std::vector<Assignment> effects;
  std::vector<int> achieves;  // indices into Scenario::key_actions
  std::vector<int> achieves_late;  // 1.1: achieved, but late (a finding one priority lower)
  std::vector<int> breaches;       // 1.1: breached (a finding whatever happens later)
  std::string feedback;       // Markdown, shown after the choice
  int next = -1;              // index into Scenario::nodes; with `branches`, the `otherwise`
  std::vector<NextBranch> branches;  // conditional `next`, tried in order before `next`
  std::vector<int> releases;  // indices into Scenario::evidence handed over by this choice
  std::optional<Audience> audience;  // only offered to this audience when set
  Condition when;             // always true when empty
  SourcePos pos;

  // Calls `f(node)` for every node the choice can lead to: each branch's, then the default.
  template <class F>
  void for_each_target(F&& f) const {
    for (const NextBranch& b : branches) f(b.node);
    f(next);
  }
};

// One thing an ending's debrief takes for granted about every path that reaches it (1.1
// `requires` / `forbids`); the checker proves it over the whole state space.
struct PathClaim {
  // Achieved: on time or late. AchievedLate: late and never on time. Breached: by any choice.
  enum class Kind { Achieved, AchievedLate, Breached, Condition } kind = Kind::Achieved;
  bool required = true;  // false: the ending forbids it
  int key_action = -1;   // index into Scenario::key_actions; unused for Condition
  Condition condition;   // Kind::Condition only
  SourcePos pos;
};

struct Ending {
  Outcome outcome = Outcome::Mixed;
  std::string debrief;  // Markdown
  std::vector<PathClaim> claims;  // what must (and must not) hold on every path reaching it
};

struct Node {
  std::string id;
  std::string title;
  std::string text;                  // Markdown; with text per audience, the default one
  PerAudience<std::string> audience_text;  // format 1.1: text for one audience
  std::vector<int> evidence;         // indices into Scenario::evidence
  std::vector<std::string> discuss;  // facilitator prompts; with prompts per audience, the default
  PerAudience<std::vector<std::string>> audience_discuss;  // format 1.1
  int64_t time_limit_seconds = 0;    // 0 = untimed
  int on_timeout = -1;               // index into this node's choices taken when time runs out
  std::vector<Choice> choices;
  std::optional<Ending> ending;
  SourcePos pos;
  bool is_ending() const { return ending.has_value(); }
};

// Something that arrives during play: a press call, an email, a second victim.
struct Inject {
  std::string id;
  std::string title;
  std::string from;  // who it comes from ("Chronicle reporter")
  std::string text;  // Markdown; with text per audience, the default one
  PerAudience<std::string> audience_text;  // format 1.1: text for one audience
  enum class Trigger { After, OnEnter, When, AfterDecisions } trigger = Trigger::After;
  int64_t after_seconds = 0;  // Trigger::After: active time since the session started, or
                              // since arriving at `since` when that is set
  int since = -1;             // Trigger::After (1.1): the node the time counts from; -1 = start
  int node = -1;              // Trigger::OnEnter
  Condition when;             // Trigger::When: fires the first time it becomes true
  int64_t after_decisions = 0;  // Trigger::AfterDecisions (1.1): fires as this many decisions
                                // are in effect
  std::optional<Audience> audience;  // 1.1: fires only in sessions of this audience (or none)
  std::vector<int> evidence;  // evidence released with the inject
  SourcePos pos;
};

// A condition declared once under `conditions:` (format 1.1) and used by name; every condition
// that names it holds a copy of its parsed form, so evaluation never looks it up.
struct NamedCondition {
  std::string id;
  Condition condition;
  SourcePos pos;
};

struct Scenario {
  std::string format;  // "auditsim/1" or "auditsim/1.1"
  int format_minor = 0;  // 0 for auditsim/1, 1 for auditsim/1.1 (which adds keys, removes none)
  std::string id;
  std::string title;
  std::string version;
  std::string author;
  std::string theme;
  std::vector<Audience> audience;
  int64_t duration_minutes = 0;
  Classification classification = Classification::PartA;
  std::string summary;
  std::vector<LearningObjective> learning_objectives;
  std::vector<Variable> variables;
  std::vector<Evidence> evidence;
  std::vector<KeyAction> key_actions;
  int start = -1;  // index into nodes
  std::vector<Node> nodes;
  std::vector<Inject> injects;
  std::vector<NamedCondition> conditions;  // format 1.1, in the order declared
  // Format 1.1: every Markdown text that holds conditional blocks, parsed once at load time and
  // keyed by the text as written (sim/text_render.hpp renders through it).
  std::map<std::string, TextTemplate, std::less<>> text_templates;

  // Where it came from, so reports can be rebuilt from exactly what was played.
  std::string source_path;
  std::string source_text;    // the YAML as read
  std::string source_sha256;  // hex of source_text

  int find_node(std::string_view id) const;      // -1 when absent
  int find_variable(std::string_view id) const;  // -1 when absent
  int find_evidence(std::string_view id) const;
  int find_key_action(std::string_view id) const;
  int find_condition(std::string_view id) const;  // index into conditions, -1 when absent
  // Locates a choice by its scenario-unique id; {-1,-1} when absent.
  std::pair<int, int> find_choice(std::string_view id) const;
};

using ScenarioPtr = std::shared_ptr<const Scenario>;

}  // namespace auditsim
