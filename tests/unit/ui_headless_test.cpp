// The desktop program driven headless (ImGui with no renderer): a complete solo session and a
// group session with votes are clicked through by label, then the results database is checked.
#include <doctest/doctest.h>

#include "tests/support/test_files.hpp"
#include "tests/support/ui_app_config.hpp"

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "sim/store/store.hpp"
#include "tests/support/play_frame.hpp"
#include "ui/app/desktop.hpp"
#include "ui/app/headless.hpp"
#include "ui/app/keys.hpp"

namespace fs = std::filesystem;
using namespace auditsim;
using namespace auditsim::ui;

namespace {

using auditsim::test::kTutorial;

std::string scratch(const std::string& name) {
  return auditsim::test::fresh_scratch_dir("ui-headless-" + name).string();
}

// A tall display so long stages fit without scrolling.
const ImVec2 kDisplay{1280, 2400};

using auditsim::test::app_config_in;

// The choice buttons drawn in the last frame, in order.
std::vector<ProbeItem> choices(const Probe& p) {
  std::vector<ProbeItem> out;
  for (const auto& it : p.items())
    if (it.kind == "choice" && it.enabled) out.push_back(it);
  return out;
}

// Acknowledges every inject notice on screen (they must be acknowledged to be cleared).
void acknowledge_all(Headless& h) {
  for (int guard = 0; guard < 20 && h.probe().find("Acknowledge"); ++guard) h.click("Acknowledge");
}

}  // namespace

TEST_CASE("a solo session clicked through to the debrief is fully recorded") {
  const std::string dir = scratch("solo");
  std::vector<std::string> clicked;
  {
    Headless h(app_config_in(dir), kDisplay);
    h.frame();
    REQUIRE(h.app().open_scenario(kTutorial));
    h.frame();
    CHECK(h.app().screen() == Screen::Play);
    int guard = 0;
    while (!h.app().play()->teams()[0].session->finished() && guard++ < 50) {
      acknowledge_all(h);
      auto cs = choices(h.probe());
      REQUIRE_FALSE(cs.empty());
      clicked.push_back(cs.front().label);
      REQUIRE(h.click(cs.front().label));
    }
    REQUIRE(h.app().play()->teams()[0].session->finished());
    acknowledge_all(h);
    REQUIRE(h.click("Open the debrief"));
    CHECK(h.app().screen() == Screen::Debrief);
    CHECK(h.probe().saw_text("Exercise rating"));
    CHECK(h.probe().saw_text("Findings"));
    CHECK(h.probe().saw_text("Decision by decision"));
  }
  auto db = store::Store::open(dir + "/results.db");
  auto sessions = db.list_sessions();
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].status == store::Status::Finished);
  CHECK(sessions[0].mode == store::Mode::Solo);
  auto rec = db.load_session(sessions[0].id);
  REQUIRE(rec);
  REQUIRE(rec->decisions.size() == clicked.size());
  // Each recorded choice is the one whose button was clicked.
  LoadResult lr = load_scenario_file(kTutorial);
  REQUIRE(lr.scenario);
  for (size_t i = 0; i < clicked.size(); ++i) {
    auto [n, c] = lr.scenario->find_choice(rec->decisions[i].choice_id);
    REQUIRE(n >= 0);
    CHECK(lr.scenario->nodes[n].choices[c].text == clicked[i]);
  }
}

TEST_CASE("keys 1-9 choose, and an undo needs a reason that is recorded") {
  const std::string dir = scratch("keys");
  Headless h(app_config_in(dir), kDisplay);
  REQUIRE(h.app().open_scenario(kTutorial));
  h.frame();
  acknowledge_all(h);
  const auto before = choices(h.probe());
  REQUIRE(before.size() >= 2);
  h.press(keys::kDigit1 + 1);  // the second choice
  const auto& s = *h.app().play()->teams()[0].session;
  REQUIRE(s.effective_decisions().size() == 1);
  // Undo without a reason is refused with a dialog.
  REQUIRE(h.click("Undo"));
  CHECK(s.effective_decisions().size() == 1);
  REQUIRE(h.click("OK##error"));
  REQUIRE(h.type_into("##undo-reason", "Misheard the table"));
  REQUIRE(h.click("Undo"));
  CHECK(s.effective_decisions().empty());
  auto db = store::Store::open(dir + "/results.db");
  auto rec = db.load_session(db.list_sessions().at(0).id);
  REQUIRE(rec);
  REQUIRE(rec->decisions.size() == 2);
  LoadResult lr = load_scenario_file(kTutorial);
  const Node& start = lr.scenario->nodes[lr.scenario->start];
  CHECK(rec->decisions[0].choice_id == start.choices[s.available_choices().at(1)].id);
  CHECK(rec->decisions[1].kind == store::DecisionKind::Undo);
  CHECK(rec->decisions[1].rationale == "Misheard the table");
}

TEST_CASE("a group session records the vote split and the rationale with each decision") {
  const std::string dir = scratch("group");
  Headless h(app_config_in(dir), kDisplay);
  LoadResult lr = load_scenario_file(kTutorial);
  REQUIRE(lr.ok());
  SessionSetup setup;
  setup.mode = store::Mode::Group;
  store::Event ev;
  ev.name = "Member training evening";
  ev.date = "2024-03-12";
  setup.event = ev;
  setup.participants = {{"Cllr Ann Jones", store::Role::Member}, {"Gwyn Ŵyn", store::Role::Staff}};
  REQUIRE(h.app().start_play(lr.scenario, setup));
  h.frame();
  acknowledge_all(h);
  const Node& start = lr.scenario->nodes[lr.scenario->start];
  const std::string first = start.choices[0].id, second = start.choices[1].id;
  REQUIRE(h.click("+##vote-" + first));
  REQUIRE(h.click("+##vote-" + first));
  REQUIRE(h.click("+##vote-" + second));
  REQUIRE(h.type_into("##rationale", "Verify by phone first"));
  REQUIRE(h.type_into("##dissent", "Cllr Jones would pay on time"));
  REQUIRE(h.click(start.choices[0].text));
  // The debrief reads the vote by the choices' words, with the rationale and the dissent.
  h.app().open_debrief_from_play();
  h.frame();
  CHECK(h.probe().saw_text(start.choices[0].text + ": 2 of 3"));
  CHECK(h.probe().saw_text(start.choices[1].text + ": 1 of 3"));
  CHECK(h.probe().saw_text("Rationale: Verify by phone first"));
  CHECK(h.probe().saw_text("Dissent: Cllr Jones would pay on time"));
  auto db = store::Store::open(dir + "/results.db");
  auto sessions = db.list_sessions();
  REQUIRE(sessions.size() == 1);
  CHECK(sessions[0].mode == store::Mode::Group);
  CHECK(sessions[0].event_name == "Member training evening");
  auto rec = db.load_session(sessions[0].id);
  REQUIRE(rec);
  REQUIRE(rec->decisions.size() == 1);
  CHECK(rec->decisions[0].choice_id == first);
  auto votes = nlohmann::json::parse(rec->decisions[0].votes_json);
  CHECK(votes[first] == 2);
  CHECK(votes[second] == 1);
  CHECK(rec->decisions[0].rationale == "Verify by phone first");
  CHECK(rec->participants.size() == 2);
}

TEST_CASE("teams play side by side and the debrief compares them") {
  const std::string dir = scratch("teams");
  Headless h(app_config_in(dir), kDisplay);
  LoadResult lr = load_scenario_file(kTutorial);
  REQUIRE(lr.ok());
  SessionSetup setup;
  setup.mode = store::Mode::Teams;
  setup.teams = {"Table A", "Table B"};
  store::Event ev;
  ev.name = "Evening";
  setup.event = ev;
  REQUIRE(h.app().start_play(lr.scenario, setup));
  h.frame();
  for (int t = 0; t < 2; ++t) {
    const ProbeItem* tab = h.probe().find_prefix(t == 0 ? "Table A" : "Table B");
    REQUIRE(tab);
    REQUIRE(h.click(tab->full_id));
    int guard = 0;
    while (!h.app().play()->teams()[t].session->finished() && guard++ < 50) {
      acknowledge_all(h);
      auto cs = choices(h.probe());
      REQUIRE_FALSE(cs.empty());
      REQUIRE(h.click((t == 0 ? cs.front() : cs.back()).label));
    }
  }
  acknowledge_all(h);
  REQUIRE(h.click("Open the debrief"));
  CHECK(h.probe().saw_text("Teams side by side"));
  auto db = store::Store::open(dir + "/results.db");
  auto sessions = db.list_sessions();
  REQUIRE(sessions.size() == 2);
  for (const auto& s : sessions) CHECK(s.status == store::Status::Finished);
}

TEST_CASE("a scenario with errors is refused with a dialog, not played") {
  const std::string dir = scratch("bad");
  fs::path bad = fs::path(dir) / "broken.yaml";
  { std::ofstream(bad) << "format: auditsim/1\nid: broken\n"; }
  Headless h(app_config_in(dir), kDisplay);
  CHECK_FALSE(h.app().open_scenario(bad.string()));
  h.frame();
  CHECK(h.app().screen() == Screen::Library);
  CHECK(h.probe().find("OK##error") != nullptr);
}

TEST_CASE("every screen draws a balanced frame") {
  const std::string dir = scratch("screens");
  Headless h(app_config_in(dir), kDisplay);
  h.frame();
  for (const char* tab : {"New session", "Results", "Author", "Settings", "Library"}) {
    REQUIRE(h.click(tab));
    CHECK(h.probe().saw_text(tab == std::string("New session") ? "Set up a session" : tab == std::string("Library") ? "Scenario library" : tab));
  }
}

TEST_CASE("the frame benchmark returns a time") {
  const double ms = auditsim::desktop::bench_play_frame_ms(20);
  CHECK(ms > 0);
  CHECK(ms < 1000);
}

TEST_CASE("at the largest text size on a 1280x720 laptop every navigation tab stays on screen") {
  const std::string dir = scratch("large-text");
  const ImVec2 laptop{1280, 720};
  Headless h(app_config_in(dir), laptop);
  h.app().settings().font_scale = kMaxFontScale;
  h.app().fonts_dirty = true;
  h.frame();
  h.frame();
  for (const char* tab : {"Library", "New session", "Results", "Author", "Settings"}) {
    const ProbeItem* item = h.probe().find(tab);
    REQUIRE_MESSAGE(item != nullptr, tab);
    CHECK_MESSAGE(item->max.x <= laptop.x, tab);
    CHECK_MESSAGE(item->max.y <= laptop.y, tab);
  }
  // And Settings can be reached to turn the text size down again.
  REQUIRE(h.click("Settings"));
  CHECK(h.app().screen() == Screen::Settings);
}

TEST_CASE("starting another session while one is unfinished asks first, and either answer is kept") {
  const std::string dir = scratch("switch");
  std::string first_id;
  {
    Headless h(app_config_in(dir), kDisplay);
    h.frame();
    REQUIRE(h.app().open_scenario(kTutorial));
    h.frame();
    acknowledge_all(h);
    REQUIRE_FALSE(choices(h.probe()).empty());
    REQUIRE(h.click(choices(h.probe()).front().full_id));
    first_id = h.app().play()->team(0).session_id;
    REQUIRE_FALSE(first_id.empty());

    // Asking to start again does not start it: a dialog asks, and "Keep playing" keeps it.
    CHECK_FALSE(h.app().open_scenario(kTutorial));
    h.frame();
    h.frame();  // a new popup is placed and sized over its first frames
    CHECK(h.app().switch_pending());
    REQUIRE(h.click("Keep playing it##switch"));
    CHECK_FALSE(h.app().switch_pending());
    CHECK(h.app().screen() == Screen::Play);
    CHECK(h.app().play()->team(0).session_id == first_id);

    // Resuming the session being played is not a switch.
    CHECK(h.app().resume(first_id));
    CHECK_FALSE(h.app().switch_pending());

    // "Close it and start" records the first as abandoned and starts a new one.
    CHECK_FALSE(h.app().open_scenario(kTutorial));
    h.frame();
    h.frame();
    REQUIRE(h.click("Close it and start##switch"));
    REQUIRE(h.app().play() != nullptr);
    CHECK(h.app().screen() == Screen::Play);
    CHECK(h.app().play()->team(0).session_id != first_id);
  }
  auto db = store::Store::open(dir + "/results.db");
  auto rec = db.load_session(first_id);
  REQUIRE(rec);
  CHECK(rec->summary.status == store::Status::Abandoned);
  CHECK(rec->decisions.size() == 1);  // nothing decided was lost
}

TEST_CASE("a library search never leaves a hidden scenario selected") {
  const std::string dir = scratch("library-search");
  Headless h(app_config_in(dir), kDisplay);
  h.frame();
  auto& lib = h.app().library();
  REQUIRE(lib.entries().size() > 2);
  h.app().library().filter = "Millbrook";
  h.frame();
  REQUIRE(h.app().library().selected >= 0);
  CHECK(lib.entries()[h.app().library().selected].display_title().find("Millbrook") != std::string::npos);
  // A search matching nothing selects nothing, so there is nothing to play.
  h.app().library().filter = "no scenario is called this";
  h.frame();
  CHECK(h.app().library().selected == -1);
  CHECK(h.probe().find("Play solo") == nullptr);
  // A search that hides the selection moves it to the first scenario shown.
  h.app().library().filter = "";
  h.frame();
  h.app().library().filter = "Northgate";
  h.frame();
  REQUIRE(h.app().library().selected >= 0);
  CHECK(lib.entries()[h.app().library().selected].display_title().find("Northgate") != std::string::npos);
}

TEST_CASE("the library can add a folder of scenarios, remembers it, refuses a non-folder, and removes it") {
  const std::string dir = scratch("library-folder");
  const fs::path extra = fs::path(dir) / "shared-drive";
  fs::create_directories(extra);
  fs::copy_file(kTutorial, extra / "our-own-scenario.yaml");
  ui::AppConfig cfg;
  cfg.settings_path = dir + "/settings.json";
  cfg.db_path = dir + "/results.db";
  cfg.load_library_now = true;  // shipped + data folders, as a user has them
  {
    Headless h(cfg, kDisplay);
    h.frame();
    CHECK_FALSE(h.app().add_library_folder(dir + "/no-such-folder").empty());
    CHECK(h.app().add_library_folder(extra.string()).empty());
    CHECK_FALSE(h.app().add_library_folder(extra.string() + "/").empty());  // already listed
    h.app().library().wait();  // a scan already running finishes; the next one sees the folder
    h.app().library().poll();
    h.app().library().load_all_now();
    CHECK(h.app().library().find((extra / "our-own-scenario.yaml").string()) >= 0);
  }
  {
    Headless h(cfg, kDisplay);  // a new start reads the folder back from the settings
    h.frame();
    REQUIRE(h.app().settings().library_folders.size() == 1);
    CHECK(h.app().library().find((extra / "our-own-scenario.yaml").string()) >= 0);
    h.app().remove_library_folder(0);
    h.app().library().wait();
    h.app().library().poll();
    h.app().library().load_all_now();
    CHECK(h.app().library().find((extra / "our-own-scenario.yaml").string()) < 0);
    CHECK(h.app().settings().library_folders.empty());
  }
}
