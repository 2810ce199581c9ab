// Condition expressions: parsing, precedence, name resolution, errors with offsets, limits.
#include "sim/condition.hpp"
#include "sim/saturating.hpp"

#include <doctest/doctest.h>

#include <map>
#include <string>
#include <vector>

using namespace auditsim;

namespace {

// Variables: trust=0, referred=1, budget=2, count=3. Nodes: start=0, police-visit=1, a.b=2.
const std::map<std::string, int, std::less<>> kVars{
    {"trust", 0}, {"referred", 1}, {"budget", 2}, {"count", 3}};
const std::map<std::string, int, std::less<>> kNodes{
    {"start", 0}, {"police-visit", 1}, {"a.b", 2}};

ConditionNames names() {
  ConditionNames n;
  auto lookup = [](const auto& m) {
    return [&m](std::string_view id) {
      auto it = m.find(id);
      return it == m.end() ? -1 : it->second;
    };
  };
  auto keys = [](const auto& m) {
    return [&m] {
      std::vector<std::string> out;
      for (const auto& [k, v] : m) out.push_back(k);
      return out;
    };
  };
  n.variable = lookup(kVars);
  n.node = lookup(kNodes);
  n.variable_names = keys(kVars);
  n.node_names = keys(kNodes);
  return n;
}

Condition parse_ok(std::string_view text) {
  auto r = parse_condition(text, names());
  INFO("condition: " << text);
  REQUIRE(r.errors.empty());
  REQUIRE(r.condition.has_value());
  return *r.condition;
}

ConditionError parse_error(std::string_view text) {
  auto r = parse_condition(text, names());
  INFO("condition: " << text);
  REQUIRE_FALSE(r.condition.has_value());
  REQUIRE_FALSE(r.errors.empty());
  return r.errors.front();
}

struct State {
  std::vector<int64_t> vars{50, 0, 1000, 3};
  std::vector<uint32_t> visits{1, 0, 0};
  bool eval(const Condition& c) const { return c.eval(ConditionInput{vars, visits}); }
};

bool eval(std::string_view text, const State& st = {}) { return st.eval(parse_ok(text)); }

}  // namespace

TEST_CASE("an empty Condition is always true") {
  Condition c;
  CHECK(c.empty());
  CHECK(State{}.eval(c));
}

TEST_CASE("literals, variables and comparisons") {
  CHECK(eval("true"));
  CHECK_FALSE(eval("false"));
  CHECK(eval("1"));
  CHECK_FALSE(eval("0"));
  CHECK(eval("trust >= 50"));
  CHECK_FALSE(eval("trust > 50"));
  CHECK(eval("trust == 50"));
  CHECK(eval("trust != 49"));
  CHECK(eval("trust < 51"));
  CHECK(eval("trust <= 50"));
  CHECK_FALSE(eval("referred"));
  CHECK(eval("referred == false"));
  CHECK(eval("count"));  // a non-zero number is true
}

TEST_CASE("arithmetic is left-associative with unary minus") {
  CHECK(eval("budget - 5000 < 0"));
  CHECK(eval("10 - 3 - 2 == 5"));  // (10 - 3) - 2, not 10 - (3 - 2)
  CHECK(eval("-count == -3"));
  CHECK(eval("- -count == 3"));
  CHECK(eval("trust + count - 3 == trust"));
}

TEST_CASE("precedence: not binds tighter than and, and tighter than or") {
  State st;
  st.vars = {0, 0, 0, 0};
  // true or (false and false) == true; (true or false) and false would be false.
  CHECK(eval("1 or 0 and 0", st));
  CHECK_FALSE(eval("(1 or 0) and 0", st));
  // not applies to the comparison, which binds tighter than not.
  CHECK(eval("not trust > 5", st));
  CHECK(eval("not 0 and 1", st));   // (not 0) and 1
  CHECK_FALSE(eval("not (0 or 1)", st));
  // Arithmetic binds tighter than comparison.
  CHECK(eval("1 + 1 == 2", st));
}

TEST_CASE("&&, || and ! are accepted spellings") {
  CHECK(eval("trust >= 50 && !referred"));
  CHECK(eval("referred || trust == 50"));
  CHECK_FALSE(eval("!(trust == 50)"));
  CHECK(eval("!referred&&count==3"));
  CHECK(eval("trust != 3"));  // != is not ! followed by =
}

TEST_CASE("visited() reads visit counts and accepts node ids with - and .") {
  State st;
  st.visits = {1, 2, 0};
  CHECK(eval("visited(start)", st));
  CHECK(eval("visited( police-visit )", st));
  CHECK_FALSE(eval("visited(a.b)", st));
  CHECK(eval("not visited(a.b) and visited(police-visit)", st));
  const Condition c = parse_ok("visited(a.b) or visited(police-visit) or trust > 0");
  CHECK(c.nodes_visited_read() == std::vector<int>{1, 2});
  CHECK(c.variables_read() == std::vector<int>{0});
}

TEST_CASE("variables_read is sorted and unique, text is kept") {
  const Condition c = parse_ok("count > 1 and trust > 2 or count < 9 and budget");
  CHECK(c.variables_read() == std::vector<int>{0, 2, 3});
  CHECK(c.nodes_visited_read().empty());
  CHECK(c.text() == "count > 1 and trust > 2 or count < 9 and budget");
  CHECK_FALSE(c.empty());
}

TEST_CASE("a variable whose name starts with a keyword is a variable") {
  ConditionNames n = names();
  n.variable = [](std::string_view id) { return id == "android" ? 0 : id == "order" ? 1 : -1; };
  auto r = parse_condition("android and order", n);
  REQUIRE(r.condition);
  std::vector<int64_t> vars{1, 1};
  std::vector<uint32_t> visits;
  CHECK(r.condition->eval(ConditionInput{vars, visits}));
}

TEST_CASE("unknown variable: error at its offset with a did-you-mean hint") {
  const auto e = parse_error("referred and trsut > 4");
  CHECK(e.kind == ConditionError::Kind::UnknownVariable);
  CHECK(e.offset == 13);
  CHECK(e.message.find("trsut") != std::string::npos);
  CHECK(e.hint.find("`trust`") != std::string::npos);
}

TEST_CASE("unknown variable with nothing close suggests declaring it") {
  const auto e = parse_error("zzzzqqq > 1");
  CHECK(e.kind == ConditionError::Kind::UnknownVariable);
  CHECK(e.offset == 0);
  CHECK(e.hint.find("variables:") != std::string::npos);
}

TEST_CASE("a bare node id is pointed to visited()") {
  const auto e = parse_error("police-visit");
  CHECK(e.kind == ConditionError::Kind::UnknownVariable);
  CHECK(e.hint.find("visited(police-visit)") != std::string::npos);
}

TEST_CASE("a name written with a dash is one error suggesting the declared name") {
  auto r = parse_condition("not refer-red and trust > 0", names());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].kind == ConditionError::Kind::UnknownVariable);
  CHECK(r.errors[0].offset == 4);
  CHECK(r.errors[0].message.find("`refer-red`") != std::string::npos);
  CHECK(r.errors[0].message.find("cannot contain `-`") != std::string::npos);
  CHECK(r.errors[0].hint == "did you mean `referred`?");
}

TEST_CASE("a dashed name with nothing close says to write it with `_`") {
  auto r = parse_condition("zebra-crossing", names());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].hint.find("`_` instead of `-`") != std::string::npos);
}

TEST_CASE("a dash before a declared name or a number is still a subtraction") {
  // `budgt - trust`: the second name is declared, so the dash is a minus and only the typo is wrong.
  auto r = parse_condition("budgt-trust > 0", names());
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message == "unknown variable `budgt`");
  auto n = parse_condition("budgt-5 > 0", names());
  REQUIRE(n.errors.size() == 1);
  CHECK(n.errors[0].message == "unknown variable `budgt`");
  CHECK(eval("budget-trust > 0"));
}

TEST_CASE("every unknown name is reported, in text order") {
  auto r = parse_condition("visited(polise-visit) or foo > bar", names());
  REQUIRE(r.errors.size() == 3);
  CHECK(r.errors[0].kind == ConditionError::Kind::UnknownNode);
  CHECK(r.errors[0].offset == 8);
  CHECK(r.errors[0].hint.find("`police-visit`") != std::string::npos);
  CHECK(r.errors[1].offset == 25);
  CHECK(r.errors[2].offset == 31);
}

TEST_CASE("syntax errors carry the offset where the problem is") {
  struct Case {
    const char* text;
    size_t offset;
    const char* in_hint;
  };
  const Case cases[] = {
      {"trust >", 7, "complete"},
      {"trust = 5", 6, "=="},
      {"(trust > 5", 10, "matching"},
      {"trust > 5)", 9, "without a matching"},
      {"trust > 5 referred", 10, "and"},
      {"1 < trust < 9", 10, "and"},
      {"trust & referred", 6, "&&"},
      {"visited police-visit", 8, "visited(node-id)"},
      {"visited()", 8, "visited(node-id)"},
      {"visited(start", 13, "visited(node-id)"},
      {"and trust", 0, "value"},
      {"trust > 'x'", 8, "text"},
      {"2.5 > trust", 1, "decimals"},
      {"99999999999999999999 > 1", 0, "below"},
  };
  for (const auto& c : cases) {
    INFO("condition: " << c.text);
    const auto e = parse_error(c.text);
    CHECK(e.kind == ConditionError::Kind::Syntax);
    CHECK(e.offset == c.offset);
    CHECK(e.hint.find(c.in_hint) != std::string::npos);
  }
}

TEST_CASE("empty and blank conditions are errors") {
  CHECK(parse_error("").kind == ConditionError::Kind::Syntax);
  CHECK(parse_error("   ").kind == ConditionError::Kind::Syntax);
}

TEST_CASE("deep nesting is refused as too complex, not a crash") {
  std::string ok(60, '(');
  ok += "1";
  ok += std::string(60, ')');
  CHECK(eval(ok));

  std::string deep(65, '(');
  deep += "1";
  deep += std::string(65, ')');
  auto e = parse_error(deep);
  CHECK(e.kind == ConditionError::Kind::TooComplex);
  CHECK(e.offset == 64);

  std::string nots;
  for (int i = 0; i < 500; ++i) nots += "not ";
  nots += "1";
  CHECK(parse_error(nots).kind == ConditionError::Kind::TooComplex);

  std::string bangs(1000, '!');
  bangs += "1";
  CHECK(parse_error(bangs).kind == ConditionError::Kind::TooComplex);

  std::string minus(100, '-');
  minus += "1";
  CHECK(parse_error(minus).kind == ConditionError::Kind::TooComplex);
}

TEST_CASE("long conditions are refused past 2,000 characters") {
  std::string text = "trust";
  while (text.size() < 1990) text += " + 1";
  CHECK(eval(text + " > 0"));
  std::string too_long = text;
  while (too_long.size() <= 2000) too_long += " + 1";
  const auto e = parse_error(too_long);
  CHECK(e.kind == ConditionError::Kind::TooComplex);
}

TEST_CASE("long flat chains evaluate with a small stack") {
  std::string text = "1";
  for (int i = 0; i < 300; ++i) text += " and 1";
  CHECK(eval(text));
  std::string sum = "0";
  for (int i = 0; i < 300; ++i) sum += " + 1";
  CHECK(eval(sum + " == 300"));
}

TEST_CASE("arithmetic saturates at the int64 range, as effects do, instead of wrapping") {
  State st;
  st.vars = {INT64_MAX, 0, INT64_MIN, 0};
  CHECK(eval("trust + 1 == trust", st));
  CHECK(eval("trust + 1 > 0", st));
  CHECK(eval("budget - 1 == budget", st));
  CHECK(eval("budget - 1 < 0", st));
  CHECK(eval("-budget > 0", st));
  CHECK(eval("-budget == trust", st));
  CHECK(eval("0 - budget == trust", st));
  // The same value an `add` effect would give.
  CHECK(saturating_add(INT64_MAX, 1) == INT64_MAX);
  CHECK(saturating_sub(INT64_MIN, 1) == INT64_MIN);
}

TEST_CASE("evaluation tolerates inputs shorter than the scenario") {
  const Condition c = parse_ok("count == 0 and not visited(a.b)");
  std::vector<int64_t> vars{1};
  std::vector<uint32_t> visits;
  CHECK(c.eval(ConditionInput{vars, visits}));
}

TEST_CASE("names without resolvers are reported as unknown") {
  ConditionNames none;
  auto r = parse_condition("x > 1 and visited(y)", none);
  REQUIRE(r.errors.size() == 2);
  CHECK(r.errors[0].kind == ConditionError::Kind::UnknownVariable);
  CHECK(r.errors[1].kind == ConditionError::Kind::UnknownNode);
}

TEST_CASE("non-ASCII input gives an error, not a crash") {
  const auto e = parse_error("trust > 5 ≥ 3");
  CHECK(e.kind == ConditionError::Kind::Syntax);
  CHECK(e.offset == 10);
  CHECK(e.message.find("≥") != std::string::npos);
}
