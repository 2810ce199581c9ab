// After a crash or a restart, as a person sees it: the unfinished session is offered for resume
// (a teams run whole), the play screen says when nothing is being recorded, an unfinished team
// shows "In progress", a session can be closed unfinished, and dates are picked, not typed.
#include <doctest/doctest.h>

#include "tests/support/test_files.hpp"
#include "tests/support/ui_app_config.hpp"
#include "sim/store/raw_connection.hpp"

#include "sim/load.hpp"
#include "sim/store/store.hpp"
#include "ui/app/headless.hpp"

using namespace auditsim;
using namespace auditsim::ui;
using auditsim::test::kTutorial;

namespace {

const ImVec2 kDisplay{1280, 2400};

std::string scratch(const std::string& name) {
  return auditsim::test::fresh_scratch_dir("ui-recovery-" + name).string();
}

using auditsim::test::app_config_in;

ScenarioPtr tutorial() {
  LoadResult lr = load_scenario_file(kTutorial);
  REQUIRE(lr.ok());
  return lr.scenario;
}

SessionSetup teams_setup() {
  SessionSetup setup;
  setup.mode = store::Mode::Teams;
  setup.teams = {"Red", "Blue"};
  store::Event ev;
  ev.name = "Member training evening";
  setup.event = ev;
  return setup;
}

void acknowledge_all(Headless& h) {
  for (int guard = 0; guard < 20 && h.probe().find("Acknowledge"); ++guard) h.click("Acknowledge");
}

std::vector<ProbeItem> choices(const Probe& p) {
  std::vector<ProbeItem> out;
  for (const auto& it : p.items())
    if (it.kind == "choice" && it.enabled) out.push_back(it);
  return out;
}

}  // namespace

TEST_CASE("on start an unfinished teams run is offered for resume and comes back whole") {
  const std::string dir = scratch("offer");
  std::string red, blue;
  {
    Headless h(app_config_in(dir), kDisplay);
    h.frame();
    CHECK_FALSE(h.app().resume_offer());  // nothing unfinished yet
    REQUIRE(h.app().start_play(tutorial(), teams_setup()));
    h.frame();
    acknowledge_all(h);
    REQUIRE(h.click(choices(h.probe()).front().label));
    red = h.app().play()->team(0).session_id;
    blue = h.app().play()->team(1).session_id;
  }  // the program closes (or crashes: every decision was already committed)
  Headless h(app_config_in(dir), kDisplay);
  h.frame();
  h.frame();
  REQUIRE(h.app().resume_offer());
  CHECK(h.probe().saw_text("was not finished"));
  CHECK(h.probe().saw_text("across 2 teams (Red, Blue)"));
  REQUIRE(h.click("Resume it##offer"));
  CHECK(h.app().screen() == Screen::Play);
  PlayController* pc = h.app().play();
  REQUIRE(pc);
  REQUIRE(pc->teams().size() == 2);
  CHECK(pc->team(0).session_id == red);
  CHECK(pc->team(1).session_id == blue);
  CHECK(pc->team(0).session->effective_decisions().size() == 1);
  CHECK(h.probe().find_prefix("Red"));  // each team has its tab again
  CHECK(h.probe().find_prefix("Blue"));
  CHECK_FALSE(h.app().resume_offer());
}

TEST_CASE("an unfinished session offered at start can be closed unfinished instead") {
  const std::string dir = scratch("offer-abandon");
  std::string id;
  {
    Headless h(app_config_in(dir), kDisplay);
    REQUIRE(h.app().start_play(tutorial(), SessionSetup{}));
    id = h.app().play()->team(0).session_id;
  }
  Headless h(app_config_in(dir), kDisplay);
  h.frame();
  h.frame();
  REQUIRE(h.click("Close it unfinished##offer"));
  CHECK_FALSE(h.app().resume_offer());
  CHECK(h.app().screen() == Screen::Library);
  CHECK(h.app().db()->load_session(id)->summary.status == store::Status::Abandoned);
}

TEST_CASE("closing a session unfinished from the play screen records it abandoned") {
  const std::string dir = scratch("close-unfinished");
  Headless h(app_config_in(dir), kDisplay);
  REQUIRE(h.app().start_play(tutorial(), SessionSetup{}));
  h.frame();
  const std::string id = h.app().play()->team(0).session_id;
  REQUIRE(h.click("Close the session unfinished"));
  CHECK(h.app().screen() == Screen::Library);
  CHECK_FALSE(h.app().play());
  CHECK(h.app().db()->load_session(id)->summary.status == store::Status::Abandoned);
}

TEST_CASE("the play screen says nothing is being recorded for as long as writes fail") {
  const std::string dir = scratch("banner");
  Headless h(app_config_in(dir), kDisplay);
  REQUIRE(h.app().start_play(tutorial(), SessionSetup{}));
  h.frame();
  acknowledge_all(h);
  CHECK_FALSE(h.probe().saw_text("Nothing is being recorded"));
  // The store refuses every write from here on.
  auditsim::store::raw_connection(*h.app().db()).exec(
      "CREATE TRIGGER refuse_state BEFORE UPDATE ON sessions "
      "BEGIN SELECT RAISE(ABORT, 'the disk is full'); END");
  REQUIRE(h.click(choices(h.probe()).front().label));
  // The dialog says the decision was not recorded; the banner stays after it is dismissed.
  for (int guard = 0; guard < 5 && h.probe().find("OK##error"); ++guard) h.click("OK##error");
  h.frame();
  CHECK(h.probe().saw_text("Nothing is being recorded"));
  REQUIRE(h.click("Try again##recording"));
  for (int guard = 0; guard < 5 && h.probe().find("OK##error"); ++guard) h.click("OK##error");
  h.frame();
  CHECK(h.probe().saw_text("Nothing is being recorded"));  // still failing: still shown
  auditsim::store::raw_connection(*h.app().db()).exec("DROP TRIGGER refuse_state");
  REQUIRE(h.click("Try again##recording"));
  h.frame();
  CHECK_FALSE(h.probe().saw_text("Nothing is being recorded"));
}

TEST_CASE("the play screen says nothing is being recorded when the results store cannot open") {
  const std::string dir = scratch("banner-no-db");
  AppConfig c = app_config_in(dir);
  c.db_path = dir;  // a folder, not a database file
  Headless h(c, kDisplay);
  REQUIRE(h.app().start_play(tutorial(), SessionSetup{}));
  for (int guard = 0; guard < 5 && h.probe().find("OK##error"); ++guard) h.click("OK##error");
  h.frame();
  CHECK(h.probe().saw_text("Nothing is being recorded: the results database"));
}

TEST_CASE("an unfinished team shows in progress at the debrief, never a rating") {
  const std::string dir = scratch("in-progress");
  Headless h(app_config_in(dir), kDisplay);
  REQUIRE(h.app().start_play(tutorial(), teams_setup()));
  h.frame();
  int guard = 0;
  while (!h.app().play()->teams()[0].session->finished() && guard++ < 50) {
    acknowledge_all(h);
    REQUIRE(h.click(choices(h.probe()).front().label));
  }
  acknowledge_all(h);
  REQUIRE(h.click("Open the debrief now"));
  REQUIRE(h.app().screen() == Screen::Debrief);
  CHECK(h.probe().saw_text("Teams side by side"));
  CHECK(h.probe().saw_text("In progress"));  // Blue has not finished
  const auto& teams = h.app().debrief()->teams();
  REQUIRE(teams.size() == 2);
  CHECK_FALSE(teams[1].session->finished());
}

TEST_CASE("the event date is picked from a calendar, so it is always a real date") {
  const std::string dir = scratch("date-picker");
  Headless h(app_config_in(dir), kDisplay);
  h.app().go(Screen::NewSession);
  h.frame();
  REQUIRE(h.click("Today##Date"));
  REQUIRE(h.click("12##Date-day"));
  const std::string date = h.app().new_session().event_date;
  CHECK(date.size() == 10);
  CHECK(date.substr(8) == "12");
  // A typed date that is not one is refused by the form.
  NewSessionForm f;
  f.event_name = "Evening";
  f.event_date = "next Friday";
  std::vector<std::string> problems;
  CHECK_FALSE(f.build({}, &problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("is not a date") != std::string::npos);
  // Teams mode takes an event name.
  NewSessionForm teams;
  teams.mode = 2;
  CHECK_FALSE(teams.build({}, &problems));
  CHECK(problems.at(0).find("Teams mode takes an event name") != std::string::npos);
}
