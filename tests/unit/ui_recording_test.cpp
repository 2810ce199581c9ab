// Each decision recorded where it belongs: time-outs keep their stage's votes, a failed write
// leaves the screen and the store agreeing, and a teams run comes back whole after a restart.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "sim/load.hpp"
#include "sim/store/raw_connection.hpp"
#include "sim/store/store.hpp"
#include "tests/support/test_files.hpp"
#include "ui/controllers/play.hpp"

using namespace auditsim;
using namespace auditsim::ui;
using auditsim::test::kTutorial;

namespace {

std::string scratch(const std::string& name) {
  return auditsim::test::fresh_scratch_dir("ui-recording-" + name).string();
}

ScenarioPtr tutorial() {
  LoadResult lr = load_and_check(kTutorial);
  REQUIRE(lr.ok());
  return lr.scenario;
}

int choice_index(const Session& s, const std::string& id) {
  const auto& choices = s.current_node().choices;
  for (size_t i = 0; i < choices.size(); ++i)
    if (choices[i].id == id) return static_cast<int>(i);
  return -1;
}

// Takes the first available choice until one step before an ending.
void play_to_last_stage(PlayController& pc, int t) {
  std::string err;
  for (int guard = 0; guard < 30; ++guard) {
    Session& s = *pc.team(t).session;
    const int c = s.available_choices().at(0);
    const int next = s.current_node().choices[c].next;
    if (s.scenario().nodes[next].is_ending()) return;
    REQUIRE(pc.choose(t, c, &err));
  }
  FAIL("no ending reached");
}

}  // namespace

TEST_CASE("a time-out in group play keeps the stage's votes and the next stage starts clean") {
  const std::string dir = scratch("timeout");
  ManualClock clock;
  auto db = store::Store::open(dir + "/results.db");
  SessionSetup setup;
  setup.mode = store::Mode::Group;
  PlayController pc(tutorial(), clock, &db, setup);
  REQUIRE(pc.team(0).session->current_node().id == "email-arrives");
  DecisionDraft& draft = pc.draft(0);
  draft.votes["call-known-number"] = 3;
  draft.votes["reply-to-email"] = 2;
  draft.rationale = "Split: half wanted to phone";
  draft.dissent = "Two wanted to reply";

  clock.advance_ms(5 * 60 * 1000 + 1);  // the stage's five minutes run out
  pc.tick();
  CHECK(pc.take_error().empty());
  REQUIRE(pc.team(0).session->current_node().id == "letter-arrives");
  // The panel starts clean on the new stage.
  CHECK(pc.draft(0).votes.empty());
  CHECK(pc.draft(0).rationale.empty());
  CHECK(pc.draft(0).dissent.empty());

  std::string err;
  REQUIRE(pc.choose(0, choice_index(*pc.team(0).session, "accept-letter"), &err));
  auto rec = db.load_session(pc.team(0).session_id);
  REQUIRE(rec);
  REQUIRE(rec->decisions.size() == 2);
  const store::DecisionRecord& timeout = rec->decisions[0];
  CHECK(timeout.kind == store::DecisionKind::Timeout);
  CHECK(timeout.node_id == "email-arrives");
  CHECK(timeout.choice_id == "leave-for-team-leader");  // nobody decided: the email waits
  CHECK(nlohmann::json::parse(timeout.votes_json) ==
        nlohmann::json{{"call-known-number", 3}, {"reply-to-email", 2}});
  CHECK(timeout.rationale == "Split: half wanted to phone");
  CHECK(timeout.dissent == "Two wanted to reply");
  const store::DecisionRecord& next = rec->decisions[1];
  CHECK(next.node_id == "letter-arrives");
  CHECK(next.votes_json.empty());
  CHECK(next.rationale.empty());
  CHECK(next.dissent.empty());
}

TEST_CASE("a failed status write after a decision keeps neither, and a retry stores it once") {
  const std::string dir = scratch("failed-write");
  ManualClock clock;
  auto db = store::Store::open(dir + "/results.db");
  PlayController pc(tutorial(), clock, &db, SessionSetup{});
  play_to_last_stage(pc, 0);
  const std::string id = pc.team(0).session_id;
  const size_t stored = db.load_session(id)->decisions.size();
  const size_t shown = pc.team(0).session->effective_decisions().size();
  REQUIRE(stored == shown);

  // The decision row itself would be written; marking the session finished then fails.
  auditsim::store::raw_connection(db).exec(
      "CREATE TRIGGER refuse_status BEFORE UPDATE OF status ON sessions "
      "BEGIN SELECT RAISE(ABORT, 'the disk refused the write'); END");
  const int last = pc.team(0).session->available_choices().at(0);
  std::string err;
  CHECK_FALSE(pc.choose(0, last, &err));
  CHECK(err.find("not be recorded") != std::string::npos);
  // The screen and the store agree: the decision is in neither.
  CHECK_FALSE(pc.team(0).session->finished());
  CHECK(pc.team(0).session->effective_decisions().size() == shown);
  auto rec = db.load_session(id);
  CHECK(rec->decisions.size() == stored);
  CHECK(rec->summary.status == store::Status::Active);
  CHECK_FALSE(pc.recording_ok());

  auditsim::store::raw_connection(db).exec("DROP TRIGGER refuse_status");
  REQUIRE(pc.choose(0, last, &err));
  rec = db.load_session(id);
  CHECK(rec->decisions.size() == stored + 1);  // once, not twice
  CHECK(rec->summary.status == store::Status::Finished);
  CHECK(pc.team(0).session->finished());
  CHECK(pc.recording_ok());
}

TEST_CASE("a teams run comes back whole after a restart: every team, its tab, its clock") {
  const std::string dir = scratch("teams-resume");
  ManualClock clock;
  auto db = store::Store::open(dir + "/results.db");
  SessionSetup setup;
  setup.mode = store::Mode::Teams;
  setup.teams = {"Red", "Green", "Blue"};
  store::Event ev;
  ev.name = "Member training evening";
  ev.date = "2026-03-12";
  setup.event = ev;
  std::vector<std::string> ids, nodes;
  std::vector<int64_t> time_left;
  {
    PlayController pc(tutorial(), clock, &db, setup);
    REQUIRE_FALSE(pc.run().empty());
    std::string err;
    REQUIRE(pc.choose(0, choice_index(*pc.team(0).session, "call-known-number"), &err));
    REQUIRE(pc.choose(1, choice_index(*pc.team(1).session, "reply-to-email"), &err));
    clock.advance_ms(90'000);  // the room talks; Blue's five-minute timer runs down
    pc.set_active(2);
    pc.save_state();  // what the program does when it closes
    for (const auto& t : pc.teams()) {
      ids.push_back(t.session_id);
      nodes.push_back(t.session->current_node().id);
      time_left.push_back(t.session->time_left_ms().value_or(-1));
    }
  }
  clock.advance_ms(3'600'000);  // the program was closed for an hour

  std::string err;
  auto pc = PlayController::resume(db, ids[1], clock, {}, &err);
  INFO(err);
  REQUIRE(pc);
  REQUIRE(pc->teams().size() == 3);
  CHECK(pc->mode() == store::Mode::Teams);
  CHECK(pc->active() == 1);  // the tab of the session asked for
  const char* names[] = {"Red", "Green", "Blue"};
  for (size_t i = 0; i < 3; ++i) {
    CAPTURE(i);
    CHECK(pc->team(i).name == names[i]);
    CHECK(pc->team(i).session_id == ids[i]);
    CHECK(pc->team(i).session->current_node().id == nodes[i]);
    CHECK(pc->team(i).session->time_left_ms().value_or(-1) == time_left[i]);
  }
  CHECK(pc->team(2).session->time_left_ms() == 5 * 60 * 1000 - 90'000);
  // Each team goes on recording into its own session.
  REQUIRE(pc->choose(2, choice_index(*pc->team(2).session, "update-details"), &err));
  CHECK(db.load_session(ids[2])->decisions.size() == 1);
  CHECK(db.load_session(ids[0])->decisions.size() == 1);
}

TEST_CASE("teams mode takes an event name") {
  const std::string dir = scratch("teams-event");
  ManualClock clock;
  auto db = store::Store::open(dir + "/results.db");
  SessionSetup setup;
  setup.mode = store::Mode::Teams;
  setup.teams = {"Red", "Green"};
  CHECK_THROWS_AS(PlayController(tutorial(), clock, &db, setup), store::StoreError);
  CHECK(db.list_sessions().empty());
}

TEST_CASE("closing a session without finishing records it abandoned, and it can be resumed") {
  const std::string dir = scratch("abandon");
  ManualClock clock;
  auto db = store::Store::open(dir + "/results.db");
  std::string id;
  {
    PlayController pc(tutorial(), clock, &db, SessionSetup{});
    std::string err;
    REQUIRE(pc.choose(0, 0, &err));
    id = pc.team(0).session_id;
    pc.abandon();
    CHECK(pc.take_error().empty());
  }
  CHECK(db.load_session(id)->summary.status == store::Status::Abandoned);
  std::string err;
  auto pc = PlayController::resume(db, id, clock, {}, &err);
  REQUIRE(pc);
  CHECK(pc->team(0).session->effective_decisions().size() == 1);
  CHECK(db.load_session(id)->summary.status == store::Status::Active);
}
