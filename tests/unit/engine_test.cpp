// The session engine: choices, conditions, audiences, timers, pause, injects, undo and group
// input (saving, restoring and teams are in engine_json_test.cpp). Time is always a ManualClock
// moved by hand.
#include <doctest/doctest.h>

#include <algorithm>

#include "engine_fixture.hpp"
#include "sim/engine.hpp"

using namespace auditsim;
using namespace auditsim::testing;

TEST_CASE("a session starts at the start node with its on_enter inject pending") {
  ManualClock clock;
  Session s(make_scenario(), clock);
  CHECK(s.state().node == node_of(s, "start"));
  CHECK(s.state().visits[node_of(s, "start")] == 1);
  CHECK_FALSE(s.finished());
  CHECK(s.score() == Score4{});
  REQUIRE(s.pending_injects().size() == 1);
  CHECK(s.pending_injects()[0].inject == inject_of(s, "arrival"));
  CHECK(s.inject_fired(inject_of(s, "arrival")));
  CHECK_FALSE(s.inject_fired(inject_of(s, "press")));
  CHECK_FALSE(s.inject_fired(99));
  REQUIRE(s.history().size() == 1);
  CHECK(s.history()[0].kind == HistoryEntry::Kind::Inject);
  CHECK(s.time_left_ms() == 60'000);
}

TEST_CASE("choosing applies score, effects and moves to the next node") {
  ManualClock clock;
  clock.set_ms(5'000'000);  // the clock's origin does not matter
  Session s(make_scenario(), clock);
  clock.advance_ms(12'345);
  GroupInput g;
  g.votes = {{"refer", 5}, {"wait", 2}};
  g.rationale = "Signs fit cuckooing";
  g.dissent = "Two members wanted to wait for more complaints";
  REQUIRE(s.choose(std::string_view("refer"), g));
  CHECK(s.state().node == node_of(s, "police"));
  CHECK(s.state().variables[1] == 1);
  CHECK(s.score()[Pillar::Protect] == 3);
  CHECK(s.score()[Pillar::Pursue] == 1);
  const auto eff = s.effective_decisions();
  REQUIRE(eff.size() == 1);
  const HistoryEntry& d = s.history()[eff[0]];
  CHECK(d.kind == HistoryEntry::Kind::Decision);
  CHECK(d.node == node_of(s, "start"));
  CHECK(d.choice == 0);
  CHECK(d.at_ms == 12'345);
  CHECK(d.time_taken_ms == 12'345);
  CHECK(d.delta[Pillar::Protect] == 3);
  CHECK(d.group.votes.at("refer") == 5);
  CHECK(d.group.votes.at("wait") == 2);
  CHECK(d.group.rationale == "Signs fit cuckooing");
  CHECK(d.group.dissent == "Two members wanted to wait for more complaints");
  CHECK(s.time_left_ms() == std::nullopt);  // police is untimed
}

TEST_CASE("unavailable, unknown and out-of-range choices are refused without change") {
  ManualClock clock;
  Session s(make_scenario(), clock);
  REQUIRE(s.choose(0));
  const auto before = s.history().size();
  CHECK(s.available_choices() == std::vector<int>{0});  // `late` needs trust < 30
  CHECK_FALSE(s.choose(1));
  CHECK_FALSE(s.choose(std::string_view("late")));
  CHECK_FALSE(s.choose(std::string_view("no-such-choice")));
  CHECK_FALSE(s.choose(std::string_view("wait")));  // exists, but not at this node
  CHECK_FALSE(s.choose(-1));
  CHECK_FALSE(s.choose(7));
  CHECK(s.history().size() == before);
  CHECK(s.state().node == node_of(s, "police"));
  REQUIRE(s.choose(0));
  CHECK(s.finished());
  CHECK(s.available_choices().empty());
  CHECK_FALSE(s.choose(0));
  CHECK(s.time_left_ms() == std::nullopt);
}

TEST_CASE("audience filters audience-specific choices") {
  ManualClock clock;
  auto sc = make_scenario();
  CHECK(Session(sc, clock, Audience::Members).available_choices() == std::vector<int>{0, 1});
  CHECK(Session(sc, clock, Audience::Staff).available_choices() == std::vector<int>{0, 1, 2});
  CHECK(Session(sc, clock).available_choices() == std::vector<int>{0, 1, 2});
  Session members(sc, clock, Audience::Members);
  CHECK_FALSE(members.choose(std::string_view("staff-only")));
  Session staff(sc, clock, Audience::Staff);
  CHECK(staff.choose(std::string_view("staff-only")));
}

TEST_CASE("node timer counts active time, stops while paused, and times out") {
  ManualClock clock;
  Session s(make_scenario(), clock);
  clock.advance_ms(30'000);
  CHECK(s.time_left_ms() == 30'000);
  s.pause();
  CHECK(s.paused());
  clock.advance_ms(100'000);
  s.tick();
  CHECK(s.elapsed_ms() == 30'000);
  CHECK(s.time_left_ms() == 30'000);
  CHECK_FALSE(s.choose(0));  // refused while paused
  s.resume();
  clock.advance_ms(29'999);
  s.tick();
  CHECK(s.state().node == node_of(s, "start"));
  CHECK(s.time_left_ms() == 1);
  clock.advance_ms(5'001);  // 5 s past the limit: the timeout happened at exactly 60 s
  s.tick();
  CHECK(s.state().node == node_of(s, "escalation"));
  const auto eff = s.effective_decisions();
  REQUIRE(eff.size() == 1);
  const HistoryEntry& t = s.history()[eff[0]];
  CHECK(t.kind == HistoryEntry::Kind::Timeout);
  CHECK(t.choice == 1);
  CHECK(t.at_ms == 60'000);
  CHECK(t.time_taken_ms == 60'000);
  CHECK(s.score()[Pillar::Protect] == -2);
  // The new node's timer started when the timeout happened, not when tick() noticed it.
  CHECK(s.time_left_ms() == 25'000);
  CHECK(count_kind(s, HistoryEntry::Kind::Pause) == 1);
  CHECK(count_kind(s, HistoryEntry::Kind::Resume) == 1);
}

TEST_CASE("a time-out records the votes and rationale entered at its own stage") {
  ManualClock clock;
  Session s(make_scenario(), clock);
  GroupInput room;
  room.votes = {{"refer", 3}, {"wait", 1}};
  room.rationale = "Still waiting for the police";
  room.dissent = "One member wanted to refer at once";
  clock.advance_ms(61'000);
  s.tick(room);
  REQUIRE(s.state().node == node_of(s, "escalation"));
  const HistoryEntry& t = s.history()[s.effective_decisions().at(0)];
  CHECK(t.kind == HistoryEntry::Kind::Timeout);
  CHECK(t.node == node_of(s, "start"));
  CHECK(t.group.votes == room.votes);
  CHECK(t.group.rationale == room.rationale);
  CHECK(t.group.dissent == room.dissent);
}

TEST_CASE("a timed node without on_timeout only runs down to zero") {
  ManualClock clock;
  Session s(make_scenario(), clock);
  REQUIRE(s.choose(std::string_view("wait")));
  clock.advance_ms(45'000);
  s.tick();
  CHECK(s.state().node == node_of(s, "escalation"));
  CHECK(s.time_left_ms() == 0);
  CHECK(s.choose(std::string_view("give-up")));
}

TEST_CASE("timed injects fire by active time, once, in order with decisions") {
  ManualClock clock;
  Session s(make_scenario(), clock);
  const int press = inject_of(s, "press");
  clock.advance_ms(10'000);
  REQUIRE(s.choose(std::string_view("refer")));  // untimed node next: no timeout interferes
  s.pause();
  clock.advance_ms(500'000);  // paused time does not count
  s.tick();
  CHECK_FALSE(s.inject_fired(press));
  s.resume();
  clock.advance_ms(109'999);
  s.tick();
  CHECK_FALSE(s.inject_fired(press));
  clock.advance_ms(50'000);
  s.tick();
  CHECK(s.inject_fired(press));
  const auto& last = s.history().back();
  CHECK(last.kind == HistoryEntry::Kind::Inject);
  CHECK(last.inject == press);
  CHECK(last.at_ms == 120'000);  // when it fell due, however late the tick
  s.tick();
  CHECK(count_kind(s, HistoryEntry::Kind::Inject) == 3);  // arrival, mash, press: each once
}

TEST_CASE("a decision made after a timed inject fell due records the inject first") {
  ManualClock clock;
  Session s(make_scenario(), clock);
  REQUIRE(s.choose(std::string_view("refer")));
  clock.advance_ms(200'000);  // nobody ticked
  REQUIRE(s.choose(std::string_view("close")));
  const auto& h = s.history();
  REQUIRE(h.size() >= 2);
  CHECK(h[h.size() - 2].kind == HistoryEntry::Kind::Inject);
  CHECK(h[h.size() - 2].inject == inject_of(s, "press"));
  CHECK(h.back().kind == HistoryEntry::Kind::Decision);
}

TEST_CASE("an inject due at zero seconds fires at construction") {
  ScenarioBuilder b;
  b.node("a");
  b.ending("end", Outcome::Good);
  b.choice("a", "go", "end");
  b.inject_after("briefing", 0);
  ManualClock clock;
  Session s(b.build(), clock);
  CHECK(s.inject_fired(0));
  CHECK(s.pending_injects().size() == 1);
}

TEST_CASE("on_enter and when injects fire on arrival and when their condition becomes true") {
  ManualClock clock;
  Session s(make_scenario(), clock);
  const int email = inject_of(s, "email");
  const int second = inject_of(s, "second");
  const int mash = inject_of(s, "mash");
  CHECK_FALSE(s.inject_fired(email));
  clock.advance_ms(1'000);
  REQUIRE(s.choose(std::string_view("wait")));  // trust 50 -> 20, arrive at escalation
  CHECK(s.inject_fired(second));
  CHECK(s.inject_fired(email));
  CHECK_FALSE(s.inject_fired(mash));
  std::vector<int> pending;
  for (const auto& p : s.pending_injects()) pending.push_back(p.inject);
  CHECK(pending == std::vector<int>{inject_of(s, "arrival"), second, email});
  for (const auto& p : s.pending_injects()) CHECK(p.fired_at_ms == (p.inject == 0 ? 0 : 1'000));
  s.acknowledge_inject(second);
  CHECK(s.pending_injects().size() == 2);
  s.acknowledge_inject(second);  // acknowledging twice is harmless
  CHECK(s.pending_injects().size() == 2);
  CHECK(s.inject_fired(second));  // acknowledged injects stay fired
}

TEST_CASE("a when inject true from the start fires at construction") {
  ScenarioBuilder b;
  b.number("budget", 10);
  b.node("a");
  b.ending("end", Outcome::Good);
  b.choice("a", "go", "end");
  b.inject_when("rich", "budget > 5");
  ManualClock clock;
  Session s(b.build(), clock);
  CHECK(s.inject_fired(0));
}

TEST_CASE("undo reverts the last decision in effect and is itself recorded") {
  ManualClock clock;
  Session s(make_scenario(), clock);
  CHECK_FALSE(s.undo("nothing to undo"));
  clock.advance_ms(2'000);
  REQUIRE(s.choose(std::string_view("refer")));
  CHECK(s.inject_fired(inject_of(s, "mash")));
  clock.advance_ms(3'000);
  REQUIRE(s.undo("Table 2 misheard the option"));
  CHECK(s.state() == initial_state(s.scenario()));
  CHECK(s.score() == Score4{});
  CHECK(s.effective_decisions().empty());
  const HistoryEntry& u = s.history().back();
  CHECK(u.kind == HistoryEntry::Kind::Undo);
  CHECK(u.group.rationale == "Table 2 misheard the option");
  CHECK(u.node == node_of(s, "start"));
  CHECK(u.delta[Pillar::Protect] == 3);
  CHECK(u.at_ms == 5'000);
  const auto decided = std::find_if(s.history().begin(), s.history().end(), [](const auto& e) {
    return e.kind == HistoryEntry::Kind::Decision;
  });
  REQUIRE(decided != s.history().end());
  CHECK(decided->undone);
  CHECK_FALSE(s.inject_fired(inject_of(s, "mash")));  // the undone decision fired it
  CHECK(s.time_left_ms() == 60'000);                  // the room gets the full time back

  REQUIRE(s.choose(std::string_view("wait")));
  REQUIRE(s.choose(std::string_view("review")));
  CHECK(s.finished());
  REQUIRE(s.undo("review again"));
  CHECK(s.state().node == node_of(s, "escalation"));
  CHECK(s.state().variables[0] == 20);
  CHECK(s.score()[Pillar::Protect] == -2);
  CHECK(s.score()[Pillar::Prepare] == 0);
  CHECK(s.effective_decisions().size() == 1);
  CHECK(count_kind(s, HistoryEntry::Kind::Undo) == 2);
  CHECK(count_kind(s, HistoryEntry::Kind::Decision) == 3);  // nothing erased
}

namespace {

size_t firings(const Session& s, int inject) {
  return static_cast<size_t>(std::count_if(s.history().begin(), s.history().end(), [&](const auto& e) {
    return e.kind == HistoryEntry::Kind::Inject && e.inject == inject;
  }));
}

}  // namespace

TEST_CASE("undoing a choice un-fires the injects it fired, so they fire again when reached again") {
  ManualClock clock;
  Session s(make_scenario(), clock);
  const int mash = inject_of(s, "mash");
  REQUIRE(s.choose(std::string_view("refer")));
  REQUIRE(s.inject_fired(mash));
  REQUIRE(s.undo("misheard"));
  CHECK_FALSE(s.inject_fired(mash));
  CHECK(std::none_of(s.pending_injects().begin(), s.pending_injects().end(),
                     [&](const PendingInject& p) { return p.inject == mash; }));
  clock.advance_ms(1'000);
  REQUIRE(s.choose(std::string_view("refer")));
  CHECK(s.inject_fired(mash));
  REQUIRE(firings(s, mash) == 2);  // the history keeps both firings
  CHECK(s.pending_injects().back().inject == mash);
  CHECK(s.pending_injects().back().fired_at_ms == 1'000);
}

TEST_CASE("undo leaves fired the injects that came before the undone decision") {
  ManualClock clock;
  Session s(make_scenario(), clock);
  const int arrival = inject_of(s, "arrival"), press = inject_of(s, "press");
  clock.advance_ms(10'000);
  REQUIRE(s.choose(std::string_view("wait")));  // on to escalation, with its 30 s limit
  clock.advance_ms(20'000);
  s.tick();
  REQUIRE(s.choose(std::string_view("give-up")));
  REQUIRE(s.undo("reconsider"));
  CHECK(s.inject_fired(arrival));                       // fired on arrival at the start
  CHECK(s.inject_fired(inject_of(s, "second")));        // fired by `wait`, still in effect
  CHECK_FALSE(s.inject_fired(press));                   // not yet due (120 s)
  REQUIRE(s.undo("start again"));
  CHECK(s.inject_fired(arrival));
  CHECK_FALSE(s.inject_fired(inject_of(s, "second")));  // `wait` fired it
  CHECK_FALSE(s.inject_fired(inject_of(s, "email")));   // trust < 30 came from `wait`
}

TEST_CASE("a timed inject is not taken back by undoing a decision made after it") {
  ManualClock clock;
  Session s(make_scenario(), clock);
  const int press = inject_of(s, "press");
  clock.advance_ms(50'000);
  REQUIRE(s.choose(std::string_view("refer")));
  clock.advance_ms(80'000);
  s.tick();
  REQUIRE(s.inject_fired(press));
  REQUIRE(s.undo("back"));
  CHECK(s.inject_fired(press));
  CHECK(firings(s, press) == 1);
}

TEST_CASE("a session restored from JSON after an undo fires the un-fired inject again") {
  ManualClock clock;
  auto sc = make_scenario();
  Session s(sc, clock);
  const int mash = inject_of(s, "mash");
  REQUIRE(s.choose(std::string_view("refer")));
  REQUIRE(s.undo("misheard"));
  std::string error;
  auto restored = Session::from_json(sc, clock, s.to_json(), &error);
  REQUIRE(restored);
  CHECK_FALSE(restored->inject_fired(mash));
  REQUIRE(restored->choose(std::string_view("refer")));
  CHECK(restored->inject_fired(mash));
  CHECK(firings(*restored, mash) == 2);
}

TEST_CASE("a coarse tick gives the same history as a fine one") {
  auto sc = make_scenario();
  ManualClock fine_clock, coarse_clock;
  Session fine(sc, fine_clock), coarse(sc, coarse_clock);
  for (int i = 0; i < 200; ++i) {
    fine_clock.advance_ms(1'000);
    fine.tick();
  }
  coarse_clock.advance_ms(200'000);
  coarse.tick();
  REQUIRE(fine.history().size() == coarse.history().size());
  for (size_t i = 0; i < fine.history().size(); ++i) {
    CHECK(fine.history()[i].kind == coarse.history()[i].kind);
    CHECK(fine.history()[i].at_ms == coarse.history()[i].at_ms);
  }
  CHECK(fine.state() == coarse.state());
}

TEST_CASE("the facilitator adds and takes away time, resets and runs out a stage's countdown") {
  ManualClock clock;
  Session s(make_scenario(), clock);
  clock.advance_ms(20'000);
  REQUIRE(s.time_left_ms() == 40'000);
  CHECK(s.add_stage_time(60'000));
  CHECK(s.time_left_ms() == 100'000);
  CHECK(s.add_stage_time(-60'000));
  CHECK(s.time_left_ms() == 40'000);
  // Taking away more than is left stops at the floor: it never runs the clock out by itself.
  CHECK(s.add_stage_time(-60'000));
  CHECK(s.time_left_ms() == Session::kMinTimeLeftAfterCutMs);
  CHECK_FALSE(s.add_stage_time(-60'000));  // nothing more to take
  clock.advance_ms(5'000);
  s.tick();
  CHECK(s.state().node == node_of(s, "start"));
  // Reset: the full minute from now, whatever had passed.
  CHECK(s.reset_stage_time());
  CHECK(s.time_left_ms() == 60'000);
  clock.advance_ms(59'999);
  s.tick();
  CHECK(s.state().node == node_of(s, "start"));
  // Run out: the time-out happens at once, recorded as a time-out at this moment.
  CHECK(s.run_out_stage_time());
  CHECK(s.time_left_ms() == 0);
  s.tick();
  CHECK(s.state().node == node_of(s, "escalation"));
  const HistoryEntry& t = s.history()[s.effective_decisions().back()];
  CHECK(t.kind == HistoryEntry::Kind::Timeout);
  CHECK(t.at_ms == 20'000 + 5'000 + 59'999);
  // The next stage starts with its own limit, unchanged.
  CHECK(s.stage_time_added_ms() == 0);
  CHECK(s.time_left_ms() == 30'000);
}

TEST_CASE("an untimed stage, an ending and a paused countdown take the facilitator's changes as they should") {
  ManualClock clock;
  Session s(make_scenario(), clock);
  s.pause();
  CHECK(s.add_stage_time(60'000));  // paused: the time left still changes, and stays put
  clock.advance_ms(500'000);
  CHECK(s.time_left_ms() == 120'000);
  s.resume();
  REQUIRE(s.choose(std::string_view("refer")));  // police: untimed
  CHECK_FALSE(s.add_stage_time(60'000));
  CHECK_FALSE(s.reset_stage_time());
  CHECK_FALSE(s.run_out_stage_time());
  CHECK(s.time_left_ms() == std::nullopt);
  // An undo back to the timed stage gives it its own full time, without the added minute.
  REQUIRE(s.undo("wrong button"));
  CHECK(s.time_left_ms() == 60'000);
  CHECK(s.stage_time_added_ms() == 0);
}
