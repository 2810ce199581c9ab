// YAML syntax errors: the character they point at, and the hint that names the mistake authors
// really make (quoting, indentation, curly quotes).
#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "tests/unit/load_fixture.hpp"

using namespace auditsim;
using namespace auditsim::load_fixture;

TEST_CASE("YAML errors point at the character, counting columns in characters") {
  auto syntax_at = [](const std::string& text) {
    const auto r = load_scenario_text(text, "t.yaml");
    INFO(all_diagnostics(r));
    const Diagnostic* d = find_code(r, "yaml-syntax");
    REQUIRE(d);
    CHECK_FALSE(r.ok());
    return std::pair{d->line, d->col};
  };
  // A control character is not allowed anywhere in YAML text.
  CHECK(syntax_at("format: auditsim/1\nid: t\ntitle: A\x01" "B\n") == std::pair{3, 9});
  // The é is two bytes but one column; a byte order mark is not a column at all.
  CHECK(syntax_at("title: \"caf\xc3\xa9\" : x\n") == std::pair{1, 15});
  CHECK(syntax_at("\xef\xbb\xbftitle: \"caf\xc3\xa9\" : x\n") == std::pair{1, 15});
  CHECK(syntax_at("a: &x 1\nb: *y\n") == std::pair{2, 4});  // an alias with no anchor
}

TEST_CASE("text with an unquoted colon gets a hint to quote it") {
  std::string text = scenario_with_choice_lines("", "");
  const std::string anchor = "    text: A\n";
  text.insert(text.find(anchor) + anchor.size(), "    discuss:\n      - Which is it: a crime?\n");
  const auto r = load_scenario_text(text, "t.yaml");
  const Diagnostic* d = find_code(r, "wrong-type");
  REQUIRE(d);
  CHECK(d->line == 13);
  CHECK(d->hint.find("quoted") != std::string::npos);
}

TEST_CASE("YAML syntax errors name the mistake authors really make") {
  auto hint_of = [](const std::string& name) {
    LoadResult r = load_scenario_file(std::string(AUDITSIM_TEST_DATA) + "/bad/" + name + ".yaml");
    REQUIRE(!r.diagnostics.empty());
    return r.diagnostics.front().hint;
  };
  CHECK(hint_of("yaml-syntax-tab-indent").find("tab") != std::string::npos);
  CHECK(hint_of("yaml-syntax-unquoted-colon-in-text").find("must be quoted") != std::string::npos);
  // The error surfaces at the end of the file; the hint points back at line 7.
  CHECK(hint_of("yaml-syntax-curly-closing-quote").find("line 7") != std::string::npos);
  CHECK(hint_of("yaml-syntax-text-starts-with-bracket").find("[") != std::string::npos);
}

TEST_CASE("a key indented one space too far gets the indentation hint, not the quoting one") {
  const Diagnostic d = sole_diagnostic("yaml-syntax-indented-one-space-too-far", "yaml-syntax", 12, 10);
  CHECK(d.hint.find("line 12 is indented 5 spaces, one space too far") != std::string::npos);
  CHECK(d.hint.find("(4 spaces)") != std::string::npos);
  CHECK(d.hint.find("quoted") == std::string::npos);
}

TEST_CASE("a key indented one space short is lined up with the keys just above it") {
  const Diagnostic d = sole_diagnostic("yaml-syntax-bad-indentation", "yaml-syntax", 12, 4);
  CHECK(d.hint.find("line 12 is indented 3 spaces, one space short") != std::string::npos);
  CHECK(d.hint.find("(4 spaces)") != std::string::npos);
}

TEST_CASE("text inside a `|` block keeps its own indentation without an indentation hint") {
  // The block's deeper lines are text, not keys; the real mistake is the unquoted colon below.
  const std::string text =
      "format: auditsim/1\nsummary: |\n  A block:\n     deeper: as text\n"
      "title: Note: this\n";
  const LoadResult r = load_scenario_text(text, "block.yaml");
  REQUIRE_FALSE(r.diagnostics.empty());
  CHECK(r.diagnostics.front().line == 5);
  CHECK(r.diagnostics.front().hint.find("must be quoted") != std::string::npos);
}

TEST_CASE("curly quotes around a value get a hint naming them") {
  const Diagnostic d = sole_diagnostic("yaml-syntax-curly-quotes-around-value", "yaml-syntax", 7, 15);
  CHECK(d.hint.find("line 7 puts the text in curly quotes (\u201c \u201d)") != std::string::npos);
  CHECK(d.hint.find("straight double quotes") != std::string::npos);
}
