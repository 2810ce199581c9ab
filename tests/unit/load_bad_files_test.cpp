// Every malformed file in tests/data/bad is its own test case asserting its diagnostic code,
// line and (for format 1.1) column, and no file there goes untested.
#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>

#include "tests/unit/load_fixture.hpp"

using namespace auditsim;
using namespace auditsim::load_fixture;

namespace {

std::set<std::string>& covered_bad_files() {
  static std::set<std::string> names;
  return names;
}

void expect_bad_file(const std::string& name, const std::string& code, int line, int col = 0) {
  const std::string path = kData + "/bad/" + name + ".yaml";
  REQUIRE(fs::exists(path));
  const LoadResult r = load_scenario_file(path);
  INFO(all_diagnostics(r));
  const Diagnostic* d = find_code(r, code);
  REQUIRE(d != nullptr);
  CHECK(d->line == line);
  if (col > 0) CHECK(d->col == col);
  else if (line > 0) CHECK(d->col > 0);
  CHECK(d->file == path);
  CHECK_FALSE(d->message.empty());
  if (d->severity == Severity::Error) {
    CHECK_FALSE(r.ok());
    CHECK(r.scenario == nullptr);
  }
}

}  // namespace

// Each malformed file is its own test case, so CTest lists it by name.
#define BAD_FILE(name, code, line)                                                       \
  static const bool DOCTEST_ANONYMOUS(bad_file_registered_) =                            \
      covered_bad_files().insert(name).second;                                           \
  TEST_CASE("bad file: " name) { expect_bad_file(name, code, line); }

BAD_FILE("alias-bomb-billion-laughs", "alias-bomb", 9)
BAD_FILE("alias-self-reference", "alias-bomb", 8)
BAD_FILE("bad-format-version", "bad-format-version", 1)
BAD_FILE("bad-id-choice-with-space", "bad-id", 13)
BAD_FILE("bad-id-node-with-slash", "bad-id", 17)
BAD_FILE("bad-value-duration-minutes-zero", "bad-value", 5)
BAD_FILE("bad-value-inject-two-triggers", "bad-value", 22)
BAD_FILE("bad-value-inject-after-decisions-zero", "bad-value", 36)
BAD_FILE("bad-value-inject-audience", "bad-value", 37)
BAD_FILE("bad-value-integer-overflow", "bad-value", 8)
BAD_FILE("bad-value-score-out-of-range", "bad-value", 16)
BAD_FILE("bad-value-time-limit-unit", "bad-value", 12)
BAD_FILE("bad-value-time-limit-zero", "bad-value", 12)
BAD_FILE("bad-value-unknown-pillar", "bad-value", 9)
BAD_FILE("condition-syntax-in-conditional-next", "condition-syntax", 24)
BAD_FILE("condition-syntax-missing-operand", "condition-syntax", 18)
BAD_FILE("dead-end-node-without-choices", "dead-end", 18)
BAD_FILE("duplicate-id-choice-in-two-nodes", "duplicate-id", 21)
BAD_FILE("duplicate-id-evidence", "duplicate-id", 9)
BAD_FILE("duplicate-key-in-choice", "duplicate-key", 16)
BAD_FILE("duplicate-key-top-level", "duplicate-key", 7)
BAD_FILE("empty-file", "wrong-type", 0)
BAD_FILE("empty-text-feedback", "empty-text", 15)
BAD_FILE("ending-with-choices", "ending-with-choices", 20)
BAD_FILE("evidence-file-missing", "evidence-file-missing", 10)
BAD_FILE("evidence-outside-folder-absolute", "evidence-outside-folder", 10)
BAD_FILE("evidence-outside-folder-dotdot", "evidence-outside-folder", 10)
BAD_FILE("invalid-utf8-latin1-pound-sign", "invalid-utf8", 6)
BAD_FILE("missing-field-choice-next", "missing-field", 13)
BAD_FILE("missing-field-conditional-next-when", "missing-field", 24)
BAD_FILE("missing-field-inject-since-without-after", "missing-field", 37)
BAD_FILE("missing-field-inject-trigger", "missing-field", 22)
BAD_FILE("missing-field-on-timeout-without-time-limit", "missing-field", 12)
BAD_FILE("missing-field-title", "missing-field", 1)
BAD_FILE("needs-format-1.1-conditional-next", "needs-format-1.1", 24)
BAD_FILE("needs-format-1.1-inject-audience", "needs-format-1.1", 37)
BAD_FILE("next-after-otherwise", "next-after-otherwise", 25)
BAD_FILE("next-needs-otherwise", "next-needs-otherwise", 24)
BAD_FILE("too-deep-flow-brackets", "too-deep", 2)
BAD_FILE("type-mismatch-add-to-boolean", "type-mismatch", 18)
BAD_FILE("type-mismatch-set-number-to-true", "type-mismatch", 18)
BAD_FILE("undefined-choice-on-timeout", "undefined-choice", 13)
BAD_FILE("undefined-evidence-on-node", "undefined-evidence", 12)
BAD_FILE("undefined-evidence-in-releases", "undefined-evidence", 23)
BAD_FILE("undefined-key-action-in-achieves", "undefined-key-action", 16)
BAD_FILE("undefined-node-in-conditional-next", "undefined-node", 25)
BAD_FILE("undefined-node-inject-since", "undefined-node", 37)
BAD_FILE("undefined-node-in-visited", "undefined-node", 16)
BAD_FILE("undefined-node-next", "undefined-node", 16)
BAD_FILE("undefined-node-start", "undefined-node", 7)
BAD_FILE("undefined-variable-in-condition", "undefined-variable", 18)
BAD_FILE("undefined-variable-in-set", "undefined-variable", 18)
BAD_FILE("unknown-key-top-level", "unknown-key", 7)
BAD_FILE("unknown-key-typo-in-choice", "unknown-key", 16)
BAD_FILE("wrong-type-evidence-not-list", "wrong-type", 14)
BAD_FILE("wrong-type-score-is-decimal", "wrong-type", 16)
BAD_FILE("wrong-type-title-is-list", "wrong-type", 3)
BAD_FILE("wrong-type-variable-quoted-boolean", "wrong-type", 8)
BAD_FILE("wrong-type-variable-yes", "wrong-type", 8)
BAD_FILE("yaml-syntax-bad-indentation", "yaml-syntax", 12)
BAD_FILE("yaml-syntax-indented-one-space-too-far", "yaml-syntax", 12)
BAD_FILE("yaml-syntax-curly-quotes-around-value", "yaml-syntax", 7)
BAD_FILE("condition-variable-name-with-dash", "undefined-variable", 18)
BAD_FILE("duplicate-key-node-copied-not-renamed", "duplicate-key", 25)
BAD_FILE("bad-value-variable-out-of-range-used-later", "bad-value", 8)
BAD_FILE("duplicate-id-key-action", "duplicate-id", 9)
BAD_FILE("yaml-syntax-two-documents", "yaml-syntax", 21)
BAD_FILE("yaml-syntax-unclosed-bracket", "yaml-syntax", 17)
BAD_FILE("yaml-syntax-tab-indent", "yaml-syntax", 11)
BAD_FILE("yaml-syntax-unquoted-colon-in-text", "yaml-syntax", 12)
BAD_FILE("yaml-syntax-curly-closing-quote", "yaml-syntax", 23)
BAD_FILE("yaml-syntax-text-starts-with-bracket", "yaml-syntax", 12)
BAD_FILE("yaml-tag-binary", "unsupported-yaml", 4)
BAD_FILE("yaml-tag-local", "unsupported-yaml", 7)
BAD_FILE("yaml-tag-directive", "unsupported-yaml", 1)

// Format 1.1 text and named conditions: the column is asserted too, because these diagnostics
// point inside a condition or a text, often inside a `|` block.
#define BAD_FILE_AT(name, code, line, col)                                               \
  static const bool DOCTEST_ANONYMOUS(bad_file_registered_) =                            \
      covered_bad_files().insert(name).second;                                           \
  TEST_CASE("bad file: " name) { expect_bad_file(name, code, line, col); }

BAD_FILE_AT("needs-format-1.1-breaches-in-auditsim-1", "needs-format-1.1", 20, 9)
BAD_FILE_AT("undefined-key-action-in-ending-requires", "undefined-key-action", 29, 20)
BAD_FILE_AT("condition-cycle-named-conditions", "condition-cycle", 11, 31)
BAD_FILE_AT("condition-name-clash-with-variable", "condition-name-clash", 10, 3)
BAD_FILE_AT("condition-syntax-in-conditional-text", "condition-syntax", 15, 20)
BAD_FILE_AT("conditional-text-in-1.0-file", "conditional-text-in-1.0", 15, 7)
BAD_FILE_AT("needs-format-1.1-conditions", "needs-format-1.1", 9, 1)
BAD_FILE_AT("needs-format-1.1-text-per-audience", "needs-format-1.1", 14, 7)
BAD_FILE_AT("text-block-unbalanced-end-without-if", "text-block-unbalanced", 15, 22)
BAD_FILE_AT("text-block-unclosed", "text-block-unclosed", 15, 7)
BAD_FILE_AT("text-marker-unknown-word", "text-marker", 15, 12)
BAD_FILE_AT("text-too-complex-nine-deep", "text-too-complex", 13, 140)
BAD_FILE_AT("undefined-variable-in-conditional-text", "undefined-variable", 15, 28)
BAD_FILE_AT("unused-condition", "unused-condition", 11, 3)

TEST_CASE("every file in tests/data/bad has its own test case") {
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(kData + "/bad")) {
    if (e.path().extension() != ".yaml") continue;
    ++files;
    INFO(e.path().filename().string());
    CHECK(covered_bad_files().count(e.path().stem().string()) == 1);
  }
  CHECK(files == covered_bad_files().size());
  CHECK(files >= 30);
}

TEST_CASE("suggestions: unknown keys, node ids and variables get a did-you-mean hint") {
  CHECK(find_code(load_scenario_file(kData + "/bad/unknown-key-typo-in-choice.yaml"), "unknown-key")
            ->hint == "did you mean `feedback`?");
  CHECK(find_code(load_scenario_file(kData + "/bad/undefined-node-start.yaml"), "undefined-node")
            ->hint == "did you mean `first`?");
  CHECK(find_code(load_scenario_file(kData + "/bad/undefined-variable-in-set.yaml"),
                  "undefined-variable")->hint == "did you mean `trust`?");
  CHECK(find_code(load_scenario_file(kData + "/bad/bad-value-unknown-pillar.yaml"), "bad-value")
            ->hint == "did you mean `protect`?");
}
