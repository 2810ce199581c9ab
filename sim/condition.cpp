// Condition expressions: a recursive-descent parser that resolves names as it goes and compiles
// the expression into a short postfix program. Evaluation is a loop over that program with a
// fixed-size stack, so the analysis can evaluate millions of conditions without allocating.
#include "sim/condition.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "sim/diagnostics.hpp"
#include "sim/saturating.hpp"

namespace auditsim {

namespace {

constexpr size_t kMaxLength = 2000;  // characters in one condition
constexpr int kMaxDepth = 64;        // nested parentheses, `not` and unary minus
constexpr int kMaxStack = 256;       // values pending at once while evaluating
constexpr size_t kMaxErrors = 20;    // unknown names reported per condition
constexpr size_t kMaxOps = 4096;     // operations once named conditions are inlined

enum class OpCode : uint8_t {
  Const, Var, Visited, Neg, Not, Add, Sub, Eq, Ne, Lt, Le, Gt, Ge, And, Or
};

struct Op {
  OpCode code;
  int64_t arg;  // Const: the value; Var / Visited: the index
};

bool is_ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool is_node_id_char(char c) { return is_ident_char(c) || c == '-' || c == '.'; }


}  // namespace

struct ConditionExpr {
  std::vector<Op> code;
};

// The parser works directly on the text (no token list), because node ids inside visited()
// follow different lexical rules from the rest of the expression.
struct ConditionParser {
  std::string_view text;
  const ConditionNames& names;
  size_t pos = 0;
  int depth = 0;
  int stack = 0;
  int max_stack = 0;
  bool syntax_failed = false;
  std::vector<Op> code;
  std::vector<int> vars;
  std::vector<int> nodes;
  std::vector<ConditionError> errors;

  ConditionParser(std::string_view t, const ConditionNames& n) : text(t), names(n) {}

  // --- output -----------------------------------------------------------------------------
  // Appends a named condition's whole program: it leaves one value, like a variable.
  void inline_condition(const Condition& named, size_t at) {
    const auto& ops = named.root_->code;
    if (code.size() + ops.size() > kMaxOps) {
      fail(ConditionError::Kind::TooComplex, at,
           "the condition, with the named conditions it uses, is too large to evaluate",
           "use fewer named conditions inside one another, or keep a variable that records the "
           "situation");
      return;
    }
    code.insert(code.end(), ops.begin(), ops.end());
    max_stack = std::max(max_stack, stack + named.max_stack_);
    ++stack;
    vars.insert(vars.end(), named.vars_read_.begin(), named.vars_read_.end());
    nodes.insert(nodes.end(), named.nodes_read_.begin(), named.nodes_read_.end());
  }

  void emit(OpCode c, int64_t arg = 0) {
    code.push_back(Op{c, arg});
    switch (c) {
      case OpCode::Const:
      case OpCode::Var:
      case OpCode::Visited:
        ++stack;
        break;
      case OpCode::Neg:
      case OpCode::Not:
        break;
      default:
        --stack;  // binary operators pop two and push one
        break;
    }
    max_stack = std::max(max_stack, stack);
  }

  // --- errors -----------------------------------------------------------------------------
  void fail(ConditionError::Kind kind, size_t at, std::string message, std::string hint = {}) {
    if (syntax_failed) return;
    syntax_failed = true;
    errors.push_back(ConditionError{kind, at, std::move(message), std::move(hint)});
  }
  void name_error(ConditionError::Kind kind, size_t at, std::string message, std::string hint) {
    if (errors.size() < kMaxErrors) {
      errors.push_back(ConditionError{kind, at, std::move(message), std::move(hint)});
    }
  }
  bool ok() const { return !syntax_failed; }

  // The finished condition; only called when parsing succeeded.
  Condition build() {
    auto unique_sorted = [](std::vector<int>& v) {
      std::sort(v.begin(), v.end());
      v.erase(std::unique(v.begin(), v.end()), v.end());
    };
    unique_sorted(vars);
    unique_sorted(nodes);
    Condition c;
    auto expr = std::make_shared<ConditionExpr>();
    expr->code = std::move(code);
    c.root_ = std::move(expr);
    c.text_ = std::string(text);
    c.vars_read_ = std::move(vars);
    c.nodes_read_ = std::move(nodes);
    c.max_stack_ = max_stack;
    return c;
  }

  // --- lexing helpers ---------------------------------------------------------------------
  void skip_space() {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
  }
  bool at_end() {
    skip_space();
    return pos >= text.size();
  }
  char peek(size_t ahead = 0) const {
    return pos + ahead < text.size() ? text[pos + ahead] : '\0';
  }
  // The identifier starting at the current position (after spaces), without consuming it.
  std::string_view peek_word() {
    skip_space();
    size_t end = pos;
    if (end < text.size() && is_ident_start(text[end])) {
      while (end < text.size() && is_ident_char(text[end])) ++end;
    }
    return text.substr(pos, end - pos);
  }
  bool accept_word(std::string_view w) {
    if (peek_word() != w) return false;
    pos += w.size();
    return true;
  }
  bool accept(std::string_view sym) {
    skip_space();
    if (text.substr(pos, sym.size()) != sym) return false;
    pos += sym.size();
    return true;
  }
  bool next_is_paren() {
    skip_space();
    return peek() == '(';
  }
  std::string describe_here() {
    skip_space();
    if (pos >= text.size()) return "the end of the condition";
    size_t end = pos + 1;
    if (is_ident_char(text[pos])) {
      while (end < text.size() && is_ident_char(text[end])) ++end;
    } else {
      // Keep a multi-byte UTF-8 character whole so the message stays valid text.
      while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    }
    return "`" + std::string(text.substr(pos, end - pos)) + "`";
  }

  // --- grammar ----------------------------------------------------------------------------
  bool enter(size_t at) {
    if (++depth > kMaxDepth) {
      fail(ConditionError::Kind::TooComplex, at,
           "the condition is nested more than " + std::to_string(kMaxDepth) + " levels deep",
           "split it into simpler conditions");
      return false;
    }
    return true;
  }

  void parse_or() {
    parse_and();
    while (ok()) {
      if (!accept("||") && !accept_word("or")) break;
      parse_and();
      emit(OpCode::Or);
    }
  }

  void parse_and() {
    parse_not();
    while (ok()) {
      if (!accept("&&") && !accept_word("and")) break;
      parse_not();
      emit(OpCode::And);
    }
  }

  void parse_not() {
    if (!ok()) return;
    skip_space();
    const size_t at = pos;
    const bool bang = peek() == '!' && peek(1) != '=';
    if (bang || peek_word() == "not") {
      pos += bang ? 1 : 3;
      if (!enter(at)) return;
      parse_not();
      --depth;
      emit(OpCode::Not);
      return;
    }
    parse_compare();
  }

  // Returns the comparison operator at the current position, consuming it.
  std::optional<OpCode> accept_comparison() {
    if (accept("==")) return OpCode::Eq;
    if (accept("!=")) return OpCode::Ne;
    if (accept("<=")) return OpCode::Le;
    if (accept(">=")) return OpCode::Ge;
    if (accept("<")) return OpCode::Lt;
    if (accept(">")) return OpCode::Gt;
    return std::nullopt;
  }

  void parse_compare() {
    parse_sum();
    if (!ok()) return;
    skip_space();
    if (peek() == '=' && peek(1) != '=') {
      fail(ConditionError::Kind::Syntax, pos, "`=` is not a comparison",
           "write `==` to compare two values");
      return;
    }
    auto op = accept_comparison();
    if (!op) return;
    parse_sum();
    if (!ok()) return;
    emit(*op);
    skip_space();
    const size_t at = pos;
    if (accept_comparison()) {
      fail(ConditionError::Kind::Syntax, at, "comparisons cannot be chained",
           "join two comparisons with `and`, for example `a < b and b < c`");
    }
  }

  void parse_sum() {
    parse_unary();
    while (ok()) {
      skip_space();
      OpCode op;
      if (peek() == '+') {
        op = OpCode::Add;
      } else if (peek() == '-') {
        op = OpCode::Sub;
      } else {
        break;
      }
      ++pos;
      parse_unary();
      emit(op);
    }
  }

  void parse_unary() {
    if (!ok()) return;
    skip_space();
    if (peek() == '-') {
      const size_t at = pos++;
      if (!enter(at)) return;
      parse_unary();
      --depth;
      emit(OpCode::Neg);
      return;
    }
    parse_primary();
  }

  void parse_number() {
    const size_t start = pos;
    uint64_t value = 0;
    bool overflow = false;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
      const uint64_t digit = static_cast<uint64_t>(text[pos] - '0');
      if (value > (static_cast<uint64_t>(INT64_MAX) - digit) / 10) overflow = true;
      if (!overflow) value = value * 10 + digit;
      ++pos;
    }
    if (overflow) {
      fail(ConditionError::Kind::Syntax, start, "the number is too large",
           "whole numbers in conditions must be below 9223372036854775807");
      return;
    }
    if (pos < text.size() && (is_ident_start(text[pos]) || text[pos] == '.')) {
      fail(ConditionError::Kind::Syntax, pos, "unexpected " + describe_here() + " after a number",
           text[pos] == '.' ? "numbers are whole numbers: decimals are not allowed"
                            : "put a space or an operator between a number and a name");
      return;
    }
    emit(OpCode::Const, static_cast<int64_t>(value));
  }

  void parse_visited() {
    if (!accept("(")) {
      fail(ConditionError::Kind::Syntax, pos, "expected `(` after `visited`",
           "write visited(node-id)");
      return;
    }
    skip_space();
    const size_t id_start = pos;
    while (pos < text.size() && is_node_id_char(text[pos])) ++pos;
    const std::string_view id = text.substr(id_start, pos - id_start);
    if (id.empty()) {
      fail(ConditionError::Kind::Syntax, id_start, "expected a node id inside visited()",
           "write visited(node-id)");
      return;
    }
    if (!accept(")")) {
      fail(ConditionError::Kind::Syntax, pos,
           "expected `)` after the node id, found " + describe_here(), "write visited(node-id)");
      return;
    }
    const int index = names.node ? names.node(id) : -1;
    if (index < 0) {
      std::string hint;
      if (names.node_names) {
        const std::string guess = closest_match(id, names.node_names());
        if (!guess.empty()) hint = "did you mean `" + guess + "`?";
      }
      if (hint.empty()) hint = "visited() takes the id of a node under `nodes:`";
      name_error(ConditionError::Kind::UnknownNode, id_start,
                 "unknown node `" + std::string(id) + "` in visited()", std::move(hint));
    } else {
      nodes.push_back(index);
    }
    emit(OpCode::Visited, index);
  }

  // Whether the unknown `word` at `at`, running on to `end` through `-` (and `.`), is one name
  // written with a dash: the word after a dash starts with a letter and is not itself a
  // variable, so the text cannot be a subtraction of two names.
  bool reads_as_dashed_name(std::string_view word, size_t at, size_t end) const {
    if (!names.variable || end <= at + word.size()) return false;
    size_t i = at + word.size();
    if (text[i] != '-' || i + 1 >= end || !is_ident_start(text[i + 1])) return false;
    size_t j = i + 1;
    while (j < end && is_ident_char(text[j])) ++j;
    return names.variable(text.substr(i + 1, j - i - 1)) < 0;
  }

  void parse_variable(std::string_view word, size_t at) {
    const int index = names.variable ? names.variable(word) : -1;
    if (index >= 0) {
      vars.push_back(index);
      emit(OpCode::Var, index);
      return;
    }
    if (names.condition) {
      const NamedConditionRef named = names.condition(word);
      if (named.cycle) {
        name_error(ConditionError::Kind::NamedCycle, at,
                   "the named condition `" + std::string(word) + "` depends on itself here",
                   "named conditions may use other named conditions, but not in a loop");
        emit(OpCode::Const, 0);
        return;
      }
      if (named.declared) {
        if (named.condition && !named.condition->empty()) inline_condition(*named.condition, at);
        else emit(OpCode::Const, 0);  // its own errors are reported where it is declared
        return;
      }
    }
    // A node id written bare ("police-visit") lexes as a subtraction of names; point the author
    // to visited() when the longer spelling is a node.
    size_t end = at;
    while (end < text.size() && is_node_id_char(text[end])) ++end;
    const std::string_view as_node = text.substr(at, end - at);
    std::string hint;
    if (names.node && names.node(as_node) >= 0) {
      hint = "`" + std::string(as_node) + "` is a node: write visited(" + std::string(as_node) +
             ") to test whether the session has been there";
    } else if (reads_as_dashed_name(word, at, end)) {
      // "lender-tipped" is one name with a dash, not `lender` minus `tipped`: one message for
      // the whole word, suggesting the declared name, instead of one per half.
      const std::string dashed(text.substr(at, end - at));
      std::string underscored = dashed;
      std::replace(underscored.begin(), underscored.end(), '-', '_');
      std::string guess;
      if (names.variable(underscored) >= 0) guess = underscored;
      else if (names.variable_names) guess = closest_match(underscored, names.variable_names());
      pos = end;
      name_error(ConditionError::Kind::UnknownVariable, at,
                 "`" + dashed + "` is not a variable name: names cannot contain `-`",
                 guess.empty() ? "write it with `_` instead of `-`, as it is declared under "
                                 "`variables:`"
                               : "did you mean `" + guess + "`?");
      emit(OpCode::Var, -1);
      return;
    } else if (names.variable_names) {
      std::vector<std::string> candidates = names.variable_names();
      if (names.named_condition_names) {
        for (std::string& n : names.named_condition_names()) candidates.push_back(std::move(n));
      }
      const std::string guess = closest_match(word, candidates);
      if (!guess.empty()) hint = "did you mean `" + guess + "`?";
    }
    if (hint.empty()) hint = "declare it under `variables:` at the top of the scenario";
    name_error(ConditionError::Kind::UnknownVariable, at,
               "unknown variable `" + std::string(word) + "`", std::move(hint));
    emit(OpCode::Var, -1);
  }

  void parse_primary() {
    skip_space();
    const size_t at = pos;
    if (pos >= text.size()) {
      fail(ConditionError::Kind::Syntax, at, "the condition ends where a value was expected",
           "complete the expression, for example `budget > 0`");
      return;
    }
    const char c = text[pos];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      parse_number();
      return;
    }
    if (c == '(') {
      ++pos;
      if (!enter(at)) return;
      parse_or();
      --depth;
      if (!ok()) return;
      if (!accept(")")) {
        fail(ConditionError::Kind::Syntax, pos, "expected `)`, found " + describe_here(),
             "every `(` needs a matching `)`");
      }
      return;
    }
    if (is_ident_start(c)) {
      const std::string_view word = peek_word();
      pos += word.size();
      if (word == "true" || word == "false") {
        emit(OpCode::Const, word == "true" ? 1 : 0);
      } else if (word == "and" || word == "or" || word == "not") {
        fail(ConditionError::Kind::Syntax, at, "`" + std::string(word) + "` needs a value before it",
             "a value or a name was expected here");
      } else if (word == "visited" && (next_is_paren() || !(names.variable &&
                                                            names.variable(word) >= 0))) {
        parse_visited();
      } else {
        parse_variable(word, at);
      }
      return;
    }
    std::string hint = "a number, a variable name, true, false, visited(...) or `(` was expected";
    if (c == '&' || c == '|') hint = "write `and` / `&&` or `or` / `||`";
    if (c == '=') hint = "a value is missing before the comparison";
    if (c == '"' || c == '\'') hint = "conditions compare numbers and booleans, not text";
    fail(ConditionError::Kind::Syntax, at, "unexpected " + describe_here(), std::move(hint));
  }
};

bool Condition::eval(const ConditionInput& in) const {
  if (!root_) return true;
  std::array<int64_t, kMaxStack> st;
  int sp = 0;
  const size_t nvars = in.variables.size();
  const size_t nvisits = in.visits.size();
  // The parser guarantees the program is well formed and never needs more than kMaxStack slots.
  for (const Op& op : root_->code) {
    switch (op.code) {
      case OpCode::Const:
        st[sp++] = op.arg;
        break;
      case OpCode::Var:
        st[sp++] = static_cast<uint64_t>(op.arg) < nvars ? in.variables[op.arg] : 0;
        break;
      case OpCode::Visited:
        st[sp++] = static_cast<uint64_t>(op.arg) < nvisits && in.visits[op.arg] > 0 ? 1 : 0;
        break;
      case OpCode::Neg:
        st[sp - 1] = saturating_sub(0, st[sp - 1]);
        break;
      case OpCode::Not:
        st[sp - 1] = st[sp - 1] == 0 ? 1 : 0;
        break;
      default: {
        const int64_t b = st[--sp];
        int64_t& a = st[sp - 1];
        switch (op.code) {
          case OpCode::Add: a = saturating_add(a, b); break;
          case OpCode::Sub: a = saturating_sub(a, b); break;
          case OpCode::Eq: a = a == b; break;
          case OpCode::Ne: a = a != b; break;
          case OpCode::Lt: a = a < b; break;
          case OpCode::Le: a = a <= b; break;
          case OpCode::Gt: a = a > b; break;
          case OpCode::Ge: a = a >= b; break;
          case OpCode::And: a = (a != 0) && (b != 0); break;
          case OpCode::Or: a = (a != 0) || (b != 0); break;
          default: break;
        }
      }
    }
  }
  return sp > 0 && st[sp - 1] != 0;
}

const char* condition_error_code(ConditionError::Kind kind) {
  switch (kind) {
    case ConditionError::Kind::UnknownVariable: return "undefined-variable";
    case ConditionError::Kind::UnknownNode: return "undefined-node";
    case ConditionError::Kind::NamedCycle: return "condition-cycle";
    case ConditionError::Kind::Syntax:
    case ConditionError::Kind::TooComplex: break;
  }
  return "condition-syntax";
}

ConditionParseResult parse_condition(std::string_view text, const ConditionNames& names) {
  ConditionParseResult result;
  if (text.size() > kMaxLength) {
    result.errors.push_back(ConditionError{
        ConditionError::Kind::TooComplex, kMaxLength,
        "the condition is longer than " + std::to_string(kMaxLength) + " characters",
        "split it into simpler conditions, or keep a variable that records the situation"});
    return result;
  }
  ConditionParser p(text, names);
  if (p.at_end()) {
    p.fail(ConditionError::Kind::Syntax, 0, "the condition is empty",
           "write an expression such as `budget > 0`, or remove `when`");
  } else {
    p.parse_or();
    if (p.ok() && !p.at_end()) {
      std::string hint = "join conditions with `and` or `or`";
      if (p.peek() == ')') hint = "there is a `)` without a matching `(`";
      if (p.peek() == '=') hint = "write `==` to compare two values";
      if (p.peek() == '&' || p.peek() == '|') hint = "write `and` / `&&` or `or` / `||`";
      p.fail(ConditionError::Kind::Syntax, p.pos, "unexpected " + p.describe_here(),
             std::move(hint));
    }
    if (p.ok() && p.max_stack > kMaxStack) {
      p.fail(ConditionError::Kind::TooComplex, 0, "the condition is too complex to evaluate",
             "split it into simpler conditions");
    }
  }
  // Report problems in the order they appear in the text.
  result.errors = std::move(p.errors);
  std::stable_sort(result.errors.begin(), result.errors.end(),
                   [](const ConditionError& a, const ConditionError& b) {
                     return a.offset < b.offset;
                   });
  if (!result.errors.empty()) return result;
  result.condition = p.build();
  return result;
}

}  // namespace auditsim
