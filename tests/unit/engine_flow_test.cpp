// Format 1.1 flow in the engine: conditional `next`, evidence released by a choice, injects for
// one audience, injects timed since a node or after a number of decisions; across undo, pause,
// coarse and fine ticks, and saving and restoring. Time is always a ManualClock moved by hand.
#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine_fixture.hpp"
#include "sim/engine.hpp"
#include "sim/state.hpp"

using namespace auditsim;
using namespace auditsim::testing;

namespace {

// arrears --ask (sets tipped)-----> visit --go-in--> [tipped] gone | [trust >= 60] talks | quiet
//         --police (trust +10, releases note)-^
//         --wait----------------------------^
// `file` is shown at arrears; `note` is released by `police`; `cctv` comes with an inject.
ScenarioPtr make_flow_scenario() {
  ScenarioBuilder b;
  b.boolean("tipped", false);
  b.number("trust", 50);
  b.evidence("file");
  b.evidence("note");
  b.evidence("cctv");
  b.node("arrears");
  b.node("visit", 120);
  b.ending("gone", Outcome::Poor);
  b.ending("talks", Outcome::Good);
  b.ending("quiet", Outcome::Mixed);
  b.raw().nodes[0].evidence = {0};
  b.set(b.choice("arrears", "ask", "visit", {{Pillar::Protect, -1}}), "tipped", 1);
  Choice& police = b.choice("arrears", "police", "visit", {{Pillar::Pursue, 2}});
  b.add(police, "trust", 10);
  b.releases(police, "note");
  b.choice("arrears", "wait", "visit");
  Choice& go_in = b.choice("visit", "go-in", "quiet", {{Pillar::Protect, 2}});
  b.branch(go_in, "tipped", "gone");
  b.branch(go_in, "trust >= 60", "talks");
  return b.build();
}

std::vector<std::string> history_ids(const Session& s) {
  std::vector<std::string> out;
  for (const HistoryEntry& e : s.history()) {
    std::string what;
    switch (e.kind) {
      case HistoryEntry::Kind::Inject: what = "inject " + s.scenario().injects[e.inject].id; break;
      case HistoryEntry::Kind::Decision:
      case HistoryEntry::Kind::Timeout:
        what = "decision " + s.scenario().nodes[e.node].choices[e.choice].id;
        break;
      case HistoryEntry::Kind::Undo: what = "undo"; break;
      case HistoryEntry::Kind::Pause: what = "pause"; break;
      case HistoryEntry::Kind::Resume: what = "resume"; break;
    }
    out.push_back(what + " @" + std::to_string(e.at_ms) + (e.undone ? " undone" : ""));
  }
  return out;
}

std::vector<std::string> released_ids(const Session& s) {
  std::vector<std::string> out;
  for (const ReleasedEvidence& r : s.released_evidence()) out.push_back(s.scenario().evidence[r.evidence].id);
  return out;
}

std::unique_ptr<Session> round_trip(const Session& s, const Clock& clock) {
  std::string error;
  auto back = Session::from_json(s.scenario_ptr(), clock, s.to_json(), &error);
  INFO(error);
  REQUIRE(back != nullptr);
  return back;
}

}  // namespace

// [SECTION] Conditional next

TEST_CASE("conditional next: the first branch whose condition holds after the choice wins") {
  ManualClock clock;
  Session tipped(make_flow_scenario(), clock);
  REQUIRE(tipped.choose(std::string_view("ask")));
  REQUIRE(tipped.choose(std::string_view("go-in")));
  CHECK(tipped.state().node == node_of(tipped, "gone"));

  Session shared(make_flow_scenario(), clock);
  REQUIRE(shared.choose(std::string_view("police")));
  REQUIRE(shared.choose(std::string_view("go-in")));
  CHECK(shared.state().node == node_of(shared, "talks"));
  CHECK(shared.state().visits[node_of(shared, "talks")] == 1);
  CHECK(shared.state().visits[node_of(shared, "quiet")] == 0);
}

TEST_CASE("conditional next: no condition holding takes the otherwise") {
  ManualClock clock;
  Session s(make_flow_scenario(), clock);
  REQUIRE(s.choose(std::string_view("wait")));
  REQUIRE(s.choose(std::string_view("go-in")));
  CHECK(s.state().node == node_of(s, "quiet"));
  CHECK(s.finished());
}

TEST_CASE("conditional next reads the choice's own effects, and visited() before the visit") {
  ScenarioBuilder b;
  b.number("trust", 50);
  b.node("start");
  b.ending("low", Outcome::Poor);
  b.ending("seen", Outcome::Mixed);
  b.ending("other", Outcome::Good);
  Choice& c = b.choice("start", "anger", "other");
  b.add(c, "trust", -30);
  b.branch(c, "visited(seen)", "seen");  // never true: `seen` is only visited by this move
  b.branch(c, "trust < 30", "low");
  ManualClock clock;
  Session s(b.build(), clock);
  REQUIRE(s.choose(0));
  CHECK(s.state().node == s.scenario().find_node("low"));
  // The pure transition agrees with the engine, and names the branch taken.
  const Scenario& sc = s.scenario();
  PlayState st = initial_state(sc);
  st.variables[0] = 20;
  int branch = -2;
  CHECK(next_node(sc.nodes[0].choices[0], ConditionInput{st.variables, st.visits}, &branch) ==
        sc.find_node("low"));
  CHECK(branch == 1);
  st.variables[0] = 80;
  CHECK(next_node(sc.nodes[0].choices[0], ConditionInput{st.variables, st.visits}, &branch) ==
        sc.find_node("other"));
  CHECK(branch == -1);
}

TEST_CASE("conditional next: undo returns to the choice and the other branch can be taken") {
  ManualClock clock;
  Session s(make_flow_scenario(), clock);
  REQUIRE(s.choose(std::string_view("ask")));
  REQUIRE(s.undo("wrong button"));
  REQUIRE(s.choose(std::string_view("police")));
  REQUIRE(s.choose(std::string_view("go-in")));
  CHECK(s.state().node == node_of(s, "talks"));
  auto back = round_trip(s, clock);
  CHECK(back->state() == s.state());
}

// [SECTION] Released evidence

TEST_CASE("released evidence lists stages, choices and injects once each, in release order") {
  ScenarioBuilder b;
  b.evidence("file");
  b.evidence("note");
  b.evidence("cctv");
  b.node("start");
  b.node("next");
  b.ending("end", Outcome::Good);
  b.raw().nodes[0].evidence = {0};
  b.raw().nodes[1].evidence = {0, 2};  // `file` again: listed once, from where it came first
  Choice& c = b.choice("start", "share", "next");
  b.releases(c, "note");
  b.choice("next", "close", "end");
  const int call = b.inject_on_enter("call", "next");
  b.raw().injects[call].evidence = {1, 2};
  ManualClock clock;
  Session s(b.build(), clock);
  CHECK(released_ids(s) == std::vector<std::string>{"file"});
  clock.advance_ms(4'000);
  REQUIRE(s.choose(std::string_view("share")));
  const auto released = s.released_evidence();
  CHECK(released_ids(s) == std::vector<std::string>{"file", "note", "cctv"});
  REQUIRE(released.size() == 3);
  CHECK(released[0].source == ReleasedEvidence::Source::Stage);
  CHECK(released[0].node == 0);
  CHECK(released[0].at_ms == 0);
  CHECK(released[1].source == ReleasedEvidence::Source::Choice);
  CHECK(released[1].node == 0);
  CHECK(released[1].choice == 0);
  CHECK(released[1].at_ms == 4'000);
  CHECK(released[2].source == ReleasedEvidence::Source::Stage);  // the stage comes before its inject
  CHECK(released[2].node == 1);
}

TEST_CASE("undo withdraws what the choice released — restore keeps what is released") {
  ManualClock clock;
  Session s(make_flow_scenario(), clock);
  REQUIRE(s.choose(std::string_view("police")));
  CHECK(released_ids(s) == std::vector<std::string>{"file", "note"});
  auto back = round_trip(s, clock);
  CHECK(released_ids(*back) == std::vector<std::string>{"file", "note"});
  REQUIRE(s.undo("not yet"));
  CHECK(released_ids(s) == std::vector<std::string>{"file"});
  REQUIRE(s.choose(std::string_view("wait")));
  CHECK(released_ids(s) == std::vector<std::string>{"file"});
  auto again = round_trip(s, clock);
  CHECK(released_ids(*again) == std::vector<std::string>{"file"});
}

// [SECTION] Injects for one audience

TEST_CASE("an inject for one audience fires only for that audience, or with no audience set") {
  ScenarioBuilder b;
  b.node("start");
  b.ending("end", Outcome::Good);
  b.choice("start", "go", "end");
  const int members = b.inject_after("ward-call", 0);
  b.raw().injects[members].audience = Audience::Members;
  const int staff = b.inject_on_enter("manager", "end");
  b.raw().injects[staff].audience = Audience::Staff;
  const ScenarioPtr sc = b.build();
  ManualClock clock;

  Session for_staff(sc, clock, Audience::Staff);
  CHECK_FALSE(for_staff.inject_fired(members));
  REQUIRE(for_staff.choose(0));
  CHECK(for_staff.inject_fired(staff));

  Session for_members(sc, clock, Audience::Members);
  CHECK(for_members.inject_fired(members));
  REQUIRE(for_members.choose(0));
  CHECK_FALSE(for_members.inject_fired(staff));
  auto back = round_trip(for_members, clock);
  CHECK(back->inject_fired(members));
  CHECK_FALSE(back->inject_fired(staff));

  Session both(sc, clock);
  REQUIRE(both.choose(0));
  CHECK(both.inject_fired(members));
  CHECK(both.inject_fired(staff));
}

// [SECTION] Injects timed since a node

namespace {

// start --go--> visit (untimed) --close--> end; `cars` arrives 90 s after reaching `visit`.
ScenarioPtr make_since_scenario() {
  ScenarioBuilder b;
  b.node("start");
  b.node("visit");
  b.ending("end", Outcome::Good);
  b.choice("start", "go", "visit");
  b.choice("visit", "close", "end");
  b.inject_since("cars", 90, "visit");
  b.inject_after("press", 100);  // counted from the start, to interleave with the `since` one
  return b.build();
}

}  // namespace

TEST_CASE("a since inject falls due the given time after the node is entered, not the start") {
  ManualClock clock;
  Session s(make_since_scenario(), clock);
  const int cars = inject_of(s, "cars");
  clock.advance_ms(200'000);
  s.tick();
  CHECK_FALSE(s.inject_fired(cars));  // not entered yet: the clock has not started
  REQUIRE(s.choose(std::string_view("go")));  // at 200 s
  clock.advance_ms(89'999);
  s.tick();
  CHECK_FALSE(s.inject_fired(cars));
  clock.advance_ms(1);
  s.tick();
  REQUIRE(s.inject_fired(cars));
  CHECK(s.history().back().at_ms == 290'000);
}

TEST_CASE("a since inject is recorded when it fell due, however often tick() is called") {
  ManualClock coarse_clock, fine_clock;
  Session coarse(make_since_scenario(), coarse_clock);
  Session fine(make_since_scenario(), fine_clock);
  for (Session* s : {&coarse, &fine}) {
    ManualClock& clock = s == &coarse ? coarse_clock : fine_clock;
    clock.advance_ms(30'000);
    REQUIRE(s->choose(std::string_view("go")));  // entered at 30 s: due at 120 s, press at 100 s
  }
  coarse_clock.advance_ms(200'000);
  coarse.tick();  // one tick long after both fell due
  for (int i = 0; i < 2000; ++i) {
    fine_clock.advance_ms(100);
    fine.tick();
  }
  CHECK(history_ids(coarse) == history_ids(fine));
  CHECK(history_ids(coarse) == std::vector<std::string>{"decision go @30000", "inject press @100000",
                                                        "inject cars @120000"});
}

TEST_CASE("a since inject does not count paused time, and fires before a later decision") {
  ManualClock clock;
  Session s(make_since_scenario(), clock);
  REQUIRE(s.choose(std::string_view("go")));  // at 0
  clock.advance_ms(60'000);
  s.pause();
  clock.advance_ms(600'000);
  s.tick();
  CHECK_FALSE(s.inject_fired(inject_of(s, "cars")));
  s.resume();
  clock.advance_ms(45'000);  // 105 s of running time: due at 90 s
  REQUIRE(s.choose(std::string_view("close")));
  const auto ids = history_ids(s);
  REQUIRE(ids.size() >= 2);
  CHECK(std::find(ids.begin(), ids.end(), "inject cars @90000") < ids.end() - 1);
  CHECK(ids.back() == "decision close @105000");
}

TEST_CASE("undoing the arrival at the node stops its since clock — arriving again restarts it") {
  ManualClock clock;
  Session s(make_since_scenario(), clock);
  const int cars = inject_of(s, "cars");
  REQUIRE(s.choose(std::string_view("go")));  // at 0
  clock.advance_ms(10'000);
  REQUIRE(s.undo("too soon"));
  clock.advance_ms(200'000);
  s.tick();
  CHECK_FALSE(s.inject_fired(cars));
  REQUIRE(s.choose(std::string_view("go")));  // at 210 s
  clock.advance_ms(89'000);
  s.tick();
  CHECK_FALSE(s.inject_fired(cars));
  clock.advance_ms(1'000);
  s.tick();
  REQUIRE(s.inject_fired(cars));
  CHECK(s.history().back().at_ms == 300'000);
}

TEST_CASE("a restored session keeps a since clock that is running") {
  ManualClock clock;
  Session s(make_since_scenario(), clock);
  clock.advance_ms(5'000);
  REQUIRE(s.choose(std::string_view("go")));  // due at 95 s
  clock.advance_ms(20'000);
  ManualClock later;
  later.set_ms(9'000'000);
  auto back = round_trip(s, later);
  later.advance_ms(69'999);
  back->tick();
  CHECK_FALSE(back->inject_fired(inject_of(*back, "cars")));
  later.advance_ms(1);
  back->tick();
  REQUIRE(back->inject_fired(inject_of(*back, "cars")));
  CHECK(back->history().back().at_ms == 95'000);
}

// [SECTION] Injects after a number of decisions

namespace {

// a --> b --> c --> end, one choice each (plus a timed-out stage at b); `update` after two.
ScenarioPtr make_counted_scenario() {
  ScenarioBuilder b;
  b.node("a");
  b.node("b", 30);
  b.node("c");
  b.ending("end", Outcome::Good);
  b.choice("a", "a1", "b");
  b.choice("b", "b1", "c");
  b.on_timeout("b", "b1");
  b.choice("c", "c1", "end");
  b.inject_after_decisions("update", 2);
  return b.build();
}

}  // namespace

TEST_CASE("an after_decisions inject fires as that decision is taken, a timeout counting") {
  ManualClock clock;
  Session s(make_counted_scenario(), clock);
  const int update = inject_of(s, "update");
  REQUIRE(s.choose(std::string_view("a1")));
  CHECK_FALSE(s.inject_fired(update));
  clock.advance_ms(31'000);
  s.tick();  // b times out at 30 s: the second decision
  REQUIRE(s.inject_fired(update));
  CHECK(history_ids(s) == std::vector<std::string>{"decision a1 @0", "decision b1 @30000",
                                                   "inject update @30000"});
  REQUIRE(s.pending_injects().size() == 1);
}

TEST_CASE("undoing the decision that fired an after_decisions inject withdraws it") {
  ManualClock clock;
  Session s(make_counted_scenario(), clock);
  const int update = inject_of(s, "update");
  REQUIRE(s.choose(std::string_view("a1")));
  REQUIRE(s.choose(std::string_view("b1")));
  REQUIRE(s.inject_fired(update));
  REQUIRE(s.undo("back"));
  CHECK_FALSE(s.inject_fired(update));
  CHECK(s.pending_injects().empty());
  CHECK(history_ids(s)[2] == "inject update @0 undone");
  // Undoing a decision that did not fire it changes nothing about it.
  REQUIRE(s.choose(std::string_view("b1")));
  REQUIRE(s.inject_fired(update));
  REQUIRE(s.choose(std::string_view("c1")));
  REQUIRE(s.undo("back again"));
  CHECK(s.inject_fired(update));
  auto back = round_trip(s, clock);
  CHECK(back->inject_fired(update));
  // After restore the count is the decisions in effect: undoing the second withdraws it there too.
  REQUIRE(back->undo("and again"));
  CHECK_FALSE(back->inject_fired(update));
  REQUIRE(back->choose(std::string_view("b1")));
  CHECK(back->inject_fired(update));
}

TEST_CASE("an after_decisions inject withdrawn by undo survives restore as not fired") {
  ManualClock clock;
  Session s(make_counted_scenario(), clock);
  REQUIRE(s.choose(std::string_view("a1")));
  REQUIRE(s.choose(std::string_view("b1")));
  REQUIRE(s.undo("back"));
  auto back = round_trip(s, clock);
  CHECK_FALSE(back->inject_fired(inject_of(*back, "update")));
  CHECK(back->history().size() == s.history().size());
  REQUIRE(back->choose(std::string_view("b1")));
  CHECK(back->inject_fired(inject_of(*back, "update")));
}
