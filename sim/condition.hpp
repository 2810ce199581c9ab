// Availability conditions: a small expression language over scenario variables and visits.
//
//   referred_to_mash and tenant_trust >= 40
//   not visited(police-visit) or (budget - 5000 > 0)
//
// Grammar (lowest to highest precedence):
//   or-expr   := and-expr ("or" and-expr)*
//   and-expr  := not-expr ("and" not-expr)*
//   not-expr  := "not" not-expr | compare
//   compare   := sum (("==" | "!=" | "<" | "<=" | ">" | ">=") sum)?
//   sum       := unary (("+" | "-") unary)*
//   unary     := "-" unary | primary
//   primary   := INTEGER | "true" | "false" | IDENT | "visited" "(" NODE-ID ")" | "(" or-expr ")"
// `&&`, `||` and `!` are accepted as spellings of and, or, not. Identifiers name variables or
// named conditions ([A-Za-z_][A-Za-z0-9_]*); node ids inside visited() may also contain '-' and
// '.'. A named condition is inlined where it is used, so what it reads is read by the condition.
// A boolean is 1 or 0; a number used as a truth value is true when non-zero.
// Names are resolved when the condition is parsed, so evaluation never looks anything up.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace auditsim {

// What a condition reads at evaluation time.
struct ConditionInput {
  std::span<const int64_t> variables;  // current value of every scenario variable
  std::span<const uint32_t> visits;    // visit count of every scenario node
};

struct ConditionExpr;  // the parsed tree, private to condition.cpp

// A parsed, name-resolved condition. Empty means "always true".
class Condition {
 public:
  Condition() = default;
  bool empty() const { return !root_; }
  // The text as written by the author.
  const std::string& text() const { return text_; }
  // Truth value for the given state; an empty condition is true.
  bool eval(const ConditionInput& in) const;
  // Indices of the variables and nodes the condition reads (sorted, unique).
  const std::vector<int>& variables_read() const { return vars_read_; }
  const std::vector<int>& nodes_visited_read() const { return nodes_read_; }

 private:
  friend struct ConditionParser;
  std::shared_ptr<const ConditionExpr> root_;
  std::string text_;
  int max_stack_ = 0;  // values pending at once while evaluating, for inlining elsewhere
  std::vector<int> vars_read_;
  std::vector<int> nodes_read_;
};

// What a name in a condition refers to when it is a named condition (format 1.1 `conditions:`).
struct NamedConditionRef {
  bool declared = false;                 // the name is a named condition
  const Condition* condition = nullptr;  // its parsed form; null when it cannot be used
  bool cycle = false;                    // using it here would make it depend on itself
};

// How names in a condition are resolved: return an index, or -1 when the name is unknown.
struct ConditionNames {
  std::function<int(std::string_view)> variable;
  std::function<int(std::string_view)> node;
  // Named conditions; may be empty. A declared name whose condition is null (it has errors of
  // its own, reported where it is declared) reads as false without a second error.
  std::function<NamedConditionRef(std::string_view)> condition;
  // Candidate names for "did you mean" hints.
  std::function<std::vector<std::string>()> variable_names;
  std::function<std::vector<std::string>()> node_names;
  std::function<std::vector<std::string>()> named_condition_names;  // may be empty
};

// A problem found while parsing; `offset` is a 0-based byte offset into the text.
struct ConditionError {
  enum class Kind { Syntax, UnknownVariable, UnknownNode, TooComplex, NamedCycle } kind = Kind::Syntax;
  size_t offset = 0;
  std::string message;
  std::string hint;  // "did you mean `tenant_trust`?" or a fix in plain words; may be empty
};

struct ConditionParseResult {
  std::optional<Condition> condition;  // set when there are no errors
  std::vector<ConditionError> errors;
};

// The stable diagnostic code for a kind of condition error ("undefined-variable", ...).
const char* condition_error_code(ConditionError::Kind kind);

// Parses and resolves a condition. Never throws for bad input; bounded in depth and length.
ConditionParseResult parse_condition(std::string_view text, const ConditionNames& names);

}  // namespace auditsim
