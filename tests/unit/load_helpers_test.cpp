// The small parsers and helpers the loader is built from, and the editors' JSON schema.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <set>
#include <string>
#include <vector>

#include "sim/load/text.hpp"
#include "sim/sha256.hpp"

#include "tests/unit/load_fixture.hpp"

using namespace auditsim;
using namespace auditsim::load_fixture;

TEST_CASE("helpers: SHA-256 test vectors") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  Sha256 split;  // the same digest fed in uneven pieces
  split.update("abcdbcdecdefdefgefghfghighijhij");
  split.update("kijkljklmklmnlmnomnopnopq");
  const auto digest = split.finish();
  CHECK(digest[0] == 0x24);
  CHECK(digest[31] == 0xc1);
}

TEST_CASE("helpers: diagnostics format and suggestions") {
  Diagnostic d{Severity::Error, "unknown-key", "s.yaml", 3, 5, "`scroe` is not a key.", "did you mean `score`?"};
  CHECK(format_diagnostic(d) ==
        "s.yaml:3:5: error: `scroe` is not a key. [unknown-key]\n  hint: did you mean `score`?");
  d.line = 0;
  d.hint.clear();
  d.severity = Severity::Warning;
  CHECK(format_diagnostic(d) == "s.yaml: warning: `scroe` is not a key. [unknown-key]");
  CHECK_FALSE(has_errors({d}));
  d.severity = Severity::Error;
  CHECK(has_errors({d}));

  const std::vector<std::string> keys{"score", "set", "add", "feedback", "next", "when"};
  CHECK(closest_match("scroe", keys) == "score");
  CHECK(closest_match("Feedbak", keys) == "feedback");
  CHECK(closest_match("nxet", keys) == "next");
  CHECK(closest_match("banana", keys).empty());
  CHECK(closest_match("", keys).empty());
  // A shortened key is suggested by its start when no spelling is close.
  CHECK(closest_match("duration", {"duration_minutes", "summary"}) == "duration_minutes");
  CHECK(closest_match("sum", {"summary"}).empty());
}

TEST_CASE("helpers: durations, integers, ids and UTF-8") {
  using namespace auditsim::load_detail;
  CHECK(parse_duration("90") == 90);
  CHECK(parse_duration("90s") == 90);
  CHECK(parse_duration("5m") == 300);
  CHECK(parse_duration("1h30m") == 5400);
  CHECK(parse_duration("1h 30m 5s") == 5405);
  CHECK_FALSE(parse_duration("30m1h"));
  CHECK_FALSE(parse_duration("5 minutes"));
  CHECK_FALSE(parse_duration("-5"));
  CHECK_FALSE(parse_duration("1.5h"));
  CHECK_FALSE(parse_duration("m"));
  CHECK_FALSE(parse_duration(""));

  int64_t v = 0;
  CHECK(parse_int64("-9223372036854775808", v) == IntParse::Ok);
  CHECK(v == INT64_MIN);
  CHECK(parse_int64("9223372036854775807", v) == IntParse::Ok);
  CHECK(parse_int64("9223372036854775808", v) == IntParse::OutOfRange);
  CHECK(parse_int64("1.0", v) == IntParse::NotInteger);
  CHECK(parse_int64("-", v) == IntParse::NotInteger);

  CHECK(is_valid_id("ending-good_2.v1"));
  CHECK_FALSE(is_valid_id("-leading-dash"));
  CHECK_FALSE(is_valid_id("has space"));
  CHECK_FALSE(is_valid_id(std::string(65, 'a')));
  CHECK(is_valid_variable_name("_tenant_trust2"));
  CHECK_FALSE(is_valid_variable_name("tenant-trust"));

  CHECK_FALSE(find_invalid_utf8("plain ASCII, £ and \xf0\x9f\x98\x80"));
  CHECK(find_invalid_utf8("\xc0\xaf")->col == 1);            // overlong '/'
  CHECK(find_invalid_utf8("ab\xed\xa0\x80")->col == 3);      // a UTF-16 surrogate
  CHECK(find_invalid_utf8("x\n\xf4\x90\x80\x80")->line == 2);  // above U+10FFFF
  CHECK(find_invalid_utf8("\xe2\x82")->col == 1);            // truncated
}

TEST_CASE("helpers: pillar, priority, audience and outcome keys round-trip") {
  for (Pillar p : kPillars) CHECK(parse_pillar(pillar_key(p)) == p);
  CHECK(std::string(pillar_name(Pillar::Prepare)) == "Prepare");
  CHECK_FALSE(parse_pillar("Pursue"));
  for (Priority p : {Priority::High, Priority::Medium, Priority::Low})
    CHECK(parse_priority(priority_key(p)) == p);
  for (Audience a : {Audience::Members, Audience::Staff}) CHECK(parse_audience(audience_key(a)) == a);
  for (Outcome o : {Outcome::Good, Outcome::Mixed, Outcome::Poor})
    CHECK(parse_outcome(outcome_key(o)) == o);
  CHECK(std::string(severity_key(Severity::Note)) == "note");
}

TEST_CASE("the JSON schema for editors matches the format's keys") {
  const auto schema = nlohmann::json::parse(read_file(kScenarios + "/schema/auditsim-1.schema.json"));
  CHECK(schema["$schema"] == "http://json-schema.org/draft-07/schema#");
  CHECK(schema["additionalProperties"] == false);
  std::set<std::string> top;
  for (const auto& [k, v] : schema["properties"].items()) top.insert(k);
  CHECK(top == std::set<std::string>{"format", "id", "title", "version", "author", "theme",
                                     "audience", "duration_minutes", "classification", "summary",
                                     "learning_objectives", "variables", "evidence", "key_actions",
                                     "start", "nodes", "injects", "conditions"});
  std::set<std::string> choice;
  for (const auto& [k, v] : schema["definitions"]["choice"]["properties"].items()) choice.insert(k);
  CHECK(choice == std::set<std::string>{"id", "text", "score", "set", "add", "achieves", "when",
                                        "audience", "feedback", "next", "achieves_late",
                                        "breaches", "releases"});
  std::set<std::string> ending;
  for (const auto& [k, v] : schema["definitions"]["ending"]["properties"].items()) ending.insert(k);
  CHECK(ending == std::set<std::string>{"outcome", "debrief", "requires", "forbids"});
  std::set<std::string> claims;
  for (const auto& [k, v] : schema["definitions"]["ending_claims"]["properties"].items())
    claims.insert(k);
  CHECK(claims == std::set<std::string>{"achieved", "achieved_late", "breached", "conditions"});
  std::set<std::string> inject;
  for (const auto& [k, v] : schema["definitions"]["inject"]["properties"].items()) inject.insert(k);
  CHECK(inject == std::set<std::string>{"id", "title", "from", "text", "after", "on_enter", "when",
                                        "evidence", "since", "after_decisions", "audience"});
  const std::string tutorial = read_file(kScenarios + "/examples/tutorial-supplier-bank-details.yaml");
  CHECK(tutorial.rfind("# yaml-language-server: $schema=../schema/auditsim-1.schema.json\n", 0) == 0);
}
