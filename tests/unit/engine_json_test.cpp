// Saving and restoring sessions as JSON, and several teams playing side by side.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "engine_fixture.hpp"
#include "sim/engine.hpp"

using namespace auditsim;
using namespace auditsim::testing;
using nlohmann::json;

namespace {

// A session part-way through: a decision with group input, an undo, a pause, injects both
// pending and acknowledged, and 20 s spent at the current timed node.
std::unique_ptr<Session> mid_session(const ScenarioPtr& sc, ManualClock& clock) {
  auto s = std::make_unique<Session>(sc, clock, Audience::Members);
  clock.advance_ms(4'000);
  GroupInput g{{{"refer", 3}, {"wait", 4}}, "Not enough evidence yet", "Table wanted to refer"};
  REQUIRE(s->choose(std::string_view("refer"), g));
  REQUIRE(s->undo("facilitator: vote miscounted"));
  clock.advance_ms(1'000);
  REQUIRE(s->choose(std::string_view("wait"), g));
  s->acknowledge_inject(inject_of(*s, "arrival"));
  clock.advance_ms(20'000);
  s->pause();
  clock.advance_ms(7'000);
  s->resume();
  s->tick();
  return s;
}

void check_same(const Session& a, const Session& b) {
  CHECK(a.state() == b.state());
  CHECK(a.score() == b.score());
  CHECK(a.paused() == b.paused());
  CHECK(a.audience() == b.audience());
  CHECK(a.elapsed_ms() == b.elapsed_ms());
  CHECK(a.node_elapsed_ms() == b.node_elapsed_ms());
  CHECK(a.time_left_ms() == b.time_left_ms());
  REQUIRE(a.history().size() == b.history().size());
  for (size_t i = 0; i < a.history().size(); ++i) {
    const HistoryEntry& x = a.history()[i];
    const HistoryEntry& y = b.history()[i];
    CHECK(x.kind == y.kind);
    CHECK(x.at_ms == y.at_ms);
    CHECK(x.node == y.node);
    CHECK(x.choice == y.choice);
    CHECK(x.inject == y.inject);
    CHECK(x.time_taken_ms == y.time_taken_ms);
    CHECK(x.delta == y.delta);
    CHECK(x.group.votes == y.group.votes);
    CHECK(x.group.rationale == y.group.rationale);
    CHECK(x.group.dissent == y.group.dissent);
    CHECK(x.undone == y.undone);
  }
  REQUIRE(a.pending_injects().size() == b.pending_injects().size());
  for (size_t i = 0; i < a.pending_injects().size(); ++i) {
    CHECK(a.pending_injects()[i].inject == b.pending_injects()[i].inject);
    CHECK(a.pending_injects()[i].fired_at_ms == b.pending_injects()[i].fired_at_ms);
  }
  for (size_t i = 0; i < a.scenario().injects.size(); ++i) {
    CHECK(a.inject_fired(static_cast<int>(i)) == b.inject_fired(static_cast<int>(i)));
  }
}

}  // namespace

TEST_CASE("a session saved mid-way resumes at the same node, variables, history and timers") {
  auto sc = make_scenario();
  ManualClock clock;
  auto original = mid_session(sc, clock);
  const std::string saved = original->to_json();

  ManualClock later;
  later.set_ms(987'654'321);  // another laptop, another day
  std::string error = "unchanged";
  auto restored = Session::from_json(sc, later, saved, &error);
  REQUIRE_MESSAGE(restored, error);
  CHECK(error.empty());
  check_same(*original, *restored);
  CHECK(restored->state().node == node_of(*restored, "escalation"));
  CHECK(restored->time_left_ms() == 10'000);
  CHECK(restored->to_json() == saved);

  // Both carry on identically: the press inject at 120 s of active time, then a decision.
  clock.advance_ms(100'000);
  later.advance_ms(100'000);
  original->tick();
  restored->tick();
  CHECK(restored->inject_fired(inject_of(*restored, "press")));
  REQUIRE(original->choose(std::string_view("give-up")));
  REQUIRE(restored->choose(std::string_view("give-up")));
  check_same(*original, *restored);
  CHECK(restored->finished());
}

TEST_CASE("a paused session is restored paused, with its timer stopped") {
  auto sc = make_scenario();
  ManualClock clock;
  Session s(sc, clock);
  clock.advance_ms(15'000);
  s.pause();
  clock.advance_ms(99'000);
  ManualClock other;
  std::string error;
  auto r = Session::from_json(sc, other, s.to_json(), &error);
  REQUIRE_MESSAGE(r, error);
  CHECK(r->paused());
  other.advance_ms(50'000);
  CHECK(r->time_left_ms() == 45'000);
  CHECK_FALSE(r->choose(0));
  r->resume();
  other.advance_ms(45'000);
  r->tick();
  CHECK(r->state().node == node_of(*r, "escalation"));  // the on_timeout choice at 60 s
}

TEST_CASE("restoring against a changed scenario is refused") {
  auto sc = make_scenario();
  ManualClock clock;
  auto s = mid_session(sc, clock);
  Scenario changed = *sc;
  changed.source_sha256 = "ffff";
  std::string error;
  auto r = Session::from_json(std::make_shared<const Scenario>(changed), clock, s->to_json(), &error);
  CHECK(r == nullptr);
  CHECK(error.find("changed") != std::string::npos);

  Scenario other = *sc;
  other.id = "another-scenario";
  error.clear();
  CHECK(Session::from_json(std::make_shared<const Scenario>(other), clock, s->to_json(), &error) ==
        nullptr);
  CHECK_FALSE(error.empty());
  CHECK(Session::from_json(nullptr, clock, s->to_json(), &error) == nullptr);
}

TEST_CASE("malformed or tampered saved sessions are refused without throwing") {
  auto sc = make_scenario();
  ManualClock clock;
  const json good = json::parse(mid_session(sc, clock)->to_json());

  std::vector<std::string> bad = {"", "{", "null", "[]", "42", "\"text\"", "{}",
                                  std::string("\0\xff\xfe", 3)};
  const auto mutate = [&](auto f) {
    json j = good;
    f(j);
    bad.push_back(j.dump());
  };
  mutate([](json& j) { j["format"] = "auditsim-session/99"; });
  mutate([](json& j) { j.erase("history"); });
  mutate([](json& j) { j["history"] = json::object(); });
  mutate([](json& j) { j["history"][1]["kind"] = "teleport"; });
  mutate([](json& j) { j["history"][1]["at_ms"] = -5; });
  mutate([](json& j) { j["history"][1]["at_ms"] = 1.5; });
  mutate([](json& j) { j["history"][1]["choice"] = "no-such-choice"; });
  mutate([](json& j) { j["history"][1]["node"] = 7; });
  mutate([](json& j) { j["history"][1]["votes"] = json::array({1, 2}); });
  mutate([](json& j) { j["history"][1]["undone"] = false; });  // the undone decision back in effect
  mutate([](json& j) { j["state"]["variables"]["trust"] = 99; });
  mutate([](json& j) { j["state"]["variables"]["no_such_var"] = 1; });
  mutate([](json& j) { j["state"]["node"] = "good"; });
  mutate([](json& j) { j["state"]["visits"]["start"] = 5'000'000'000LL; });
  mutate([](json& j) { j["score"]["protect"] = 100; });
  mutate([](json& j) { j["audience"] = "aliens"; });
  mutate([](json& j) { j["fired"] = json::array({"no-such-inject"}); });
  mutate([](json& j) { j["fired"] = json::array(); });  // pending injects that never fired
  mutate([](json& j) { j["active_ms"] = 18'446'744'073'709'551'615ULL; });
  mutate([](json& j) { j["node_entered_at_ms"] = j["active_ms"].get<int64_t>() + 1; });
  mutate([](json& j) { j["paused"] = "yes"; });
  mutate([](json& j) { j["stage_time_added_ms"] = "a minute"; });
  mutate([](json& j) { j["stage_time_added_ms"] = 9'000'000'000'000'000'000LL; });
  mutate([](json& j) { j["stage_time_added_ms"] = -9'000'000'000'000'000'000LL; });

  for (const std::string& text : bad) {
    CAPTURE(text);
    std::string error;
    std::unique_ptr<Session> r;
    CHECK_NOTHROW(r = Session::from_json(sc, clock, text, &error));
    CHECK(r == nullptr);
    CHECK_FALSE(error.empty());
  }
}

TEST_CASE("a countdown the facilitator changed resumes with the same time left") {
  auto sc = make_scenario();
  ManualClock clock;
  auto s = mid_session(sc, clock);  // at escalation, 30 s, 20 s spent
  REQUIRE(s->add_stage_time(60'000));
  const auto left = s->time_left_ms();
  REQUIRE(left);
  std::string error;
  auto r = Session::from_json(sc, clock, s->to_json(), &error);
  REQUIRE_MESSAGE(r, error);
  CHECK(r->time_left_ms() == left);
  CHECK(r->stage_time_added_ms() == 60'000);
  // A state saved before countdowns could change has none: the stage's own limit.
  json old = json::parse(s->to_json());
  old.erase("stage_time_added_ms");
  r = Session::from_json(sc, clock, old.dump(), &error);
  REQUIRE_MESSAGE(r, error);
  CHECK(r->stage_time_added_ms() == 0);
}

TEST_CASE("a saved session edited by hand is refused: a field twice, text after it, bad UTF-8, deep nesting") {
  auto sc = make_scenario();
  ManualClock clock;
  const std::string good = mid_session(sc, clock)->to_json();
  std::string error;
  REQUIRE_MESSAGE(Session::from_json(sc, clock, good, &error), error);

  // Each written as our own save writes it, then edited as text: the parser sees it as stored.
  const auto replace = [&](const std::string& from, const std::string& to) {
    const size_t at = good.find(from);
    REQUIRE(at != std::string::npos);
    std::string edited = good;
    edited.replace(at, from.size(), to);
    return edited;
  };
  std::vector<std::pair<std::string, std::string>> bad = {
      // The second "paused" would win in some readers and the first in others: neither is used.
      {"field twice", replace("\"paused\":false", "\"paused\":false,\"paused\":true")},
      {"score field twice", replace("\"score\":{", "\"score\":{\"pursue\":0,")},
      {"votes twice", replace("\"votes\":{}", "\"votes\":{\"a\":1,\"a\":2}")},
      {"text after the value", good + " {}"},
      {"a second value", good + good},
      {"bad UTF-8 in a string", replace("\"rationale\":\"", "\"rationale\":\"\xc3\x28")},
      {"a surrogate half", replace("\"rationale\":\"", "\"rationale\":\"\\ud800")},
      {"a comment", replace("{", "{/* edited */")},
      {"a trailing comma", replace("\"paused\":false", "\"paused\":false,")},
      {"integer written as a fraction", replace("\"active_ms\":", "\"active_ms\":1.0e3,\"x\":")},
      {"above 64 bits", replace("\"active_ms\":", "\"active_ms\":99999999999999999999,\"x\":")},
      {"NaN", replace("\"active_ms\":", "\"active_ms\":NaN,\"x\":")},
      {"nested 100,000 deep", std::string(100'000, '[') + std::string(100'000, ']')},
      {"an object nested 100,000 deep", [] {
         std::string t;
         for (int i = 0; i < 100'000; ++i) t += "{\"a\":";
         return t + "1" + std::string(100'000, '}');
       }()},
  };
  for (const auto& [what, text] : bad) {
    CAPTURE(what);
    std::unique_ptr<Session> r;
    error.clear();
    CHECK_NOTHROW(r = Session::from_json(sc, clock, text, &error));
    CHECK(r == nullptr);
    CHECK_FALSE(error.empty());
  }
  // What is not an edit still restores: whitespace, and keys in another order.
  json reordered = json::parse(good);
  std::string spaced = "\n  " + reordered.dump(2) + "\n";
  CHECK(Session::from_json(sc, clock, spaced, &error) != nullptr);
  // Text in a rationale, however odd, is kept exactly: escapes, a NUL, every plane.
  reordered["history"][0]["rationale"] = std::string("quote \" slash \\ tab \t nul \0 end \xf0\x9f\x98\x80", 38);
  auto r = Session::from_json(sc, clock, reordered.dump(), &error);
  REQUIRE_MESSAGE(r, error);
  CHECK(r->history()[0].group.rationale == reordered["history"][0]["rationale"].get<std::string>());
}
