// Screen controllers and pure helpers of the desktop program, tested without drawing anything.
#include <doctest/doctest.h>

#include "tests/support/test_files.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "sim/load.hpp"
#include "sim/store/store.hpp"
#include "ui/controllers/debrief.hpp"
#include "ui/controllers/forms.hpp"
#include "ui/controllers/library.hpp"
#include "ui/controllers/map_layout.hpp"
#include "ui/controllers/play.hpp"
#include "ui/controllers/results.hpp"
#include "sim/settings.hpp"
#include "ui/app/frame_pacing.hpp"
#include "ui/app/top_bar_layout.hpp"
#include "ui/app/window_fit.hpp"
#include "ui/widgets/markdown.hpp"

namespace fs = std::filesystem;
using namespace auditsim;
using namespace auditsim::ui;

namespace {
using auditsim::test::kTutorial;

std::string scratch(const std::string& name) {
  return auditsim::test::fresh_scratch_dir("ui-controllers-" + name).string();
}
}  // namespace

TEST_CASE("settings round-trip and out-of-range values are clamped with a warning") {
  const std::string dir = scratch("settings");
  Settings s;
  s.font_scale = 2.0f;
  s.theme = Theme::HighContrast;
  s.council_name = "Cyngor Sir Ynys Môn — ŵ ŷ";
  s.window_width = 1600;
  s.late_priority_drop = 0;
  s.library_folders = {"/srv/council/scenarios"};
  std::string err;
  REQUIRE(save_settings(s, dir + "/settings.json", &err));
  std::string warn;
  Settings back = load_settings(dir + "/settings.json", &warn);
  CHECK(warn.empty());
  CHECK(back.font_scale == doctest::Approx(2.0));
  CHECK(back.theme == Theme::HighContrast);
  CHECK(back.council_name == s.council_name);
  CHECK(back.window_width == 1600);
  CHECK(back.late_priority_drop == 0);
  CHECK(back.library_folders == s.library_folders);
  { std::ofstream(dir + "/bad.json") << R"({"font_scale": 9, "theme": 3, "late_priority_drop": 7, "assurance": {"thresholds": [10, 50, 90]}})"; }
  Settings bad = load_settings(dir + "/bad.json", &warn);
  CHECK(bad.late_priority_drop == 2);
  CHECK(bad.font_scale == doctest::Approx(kMaxFontScale));
  CHECK(bad.scale.thresholds[0] == doctest::Approx(80.0));
  CHECK(warn.find("theme") != std::string::npos);
  { std::ofstream(dir + "/junk.json") << "not json"; }
  Settings junk = load_settings(dir + "/junk.json", &warn);
  CHECK(junk.theme == Theme::Light);
  CHECK(warn.find("not valid JSON") != std::string::npos);
}

TEST_CASE("the new-session form explains what is missing") {
  NewSessionForm f;
  std::vector<std::string> problems;
  f.mode = 2;
  f.event_name = "Evening";
  f.teams = {"Table A", "Table A"};
  CHECK_FALSE(f.build({}, &problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("Table A") != std::string::npos);
  f.teams = {"Table A", "Table B"};
  f.event_date = "12/03/2024";
  CHECK_FALSE(f.build({}, &problems));
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("YYYY-MM-DD") != std::string::npos);
  f.event_date = "2024-03-12";
  f.participants = {{"Cllr Jones", store::Role::Member}, {"", store::Role::Staff}};
  auto setup = f.build({}, &problems);
  REQUIRE(setup);
  CHECK(setup->mode == store::Mode::Teams);
  CHECK(setup->teams.size() == 2);
  CHECK(setup->participants.size() == 1);  // blank names are dropped
  REQUIRE(setup->event);
  CHECK(setup->event->name == "Evening");
}

TEST_CASE("the play controller records decisions before reporting them taken, and resumes") {
  const std::string dir = scratch("play");
  LoadResult lr = load_and_check(kTutorial);
  REQUIRE(lr.ok());
  ManualClock clock;
  auto db = store::Store::open(dir + "/results.db");
  SessionSetup setup;
  setup.mode = store::Mode::Group;
  setup.pseudonyms_only = true;
  setup.participants = {{"Real Name", store::Role::Member}};
  std::string id;
  {
    PlayController pc(lr.scenario, clock, &db, setup);
    Team& t = pc.team(0);
    id = t.session_id;
    const int first = t.session->available_choices().at(0);
    t.draft.votes[t.session->current_node().choices[first].id] = 4;
    std::string err;
    REQUIRE(pc.choose(0, first, &err));
    CHECK(pc.team(0).draft.votes.empty());  // the draft is cleared for the next stage
    CHECK_FALSE(pc.undo(0, "  ", &err));      // a reason is required
    CHECK(err.find("reason") != std::string::npos);
    CHECK_FALSE(pc.choose(0, 999, &err));
    pc.save_state();
  }
  auto rec = db.load_session(id);
  REQUIRE(rec);
  REQUIRE(rec->decisions.size() == 1);
  CHECK(rec->decisions[0].votes_json.find("4") != std::string::npos);
  REQUIRE(rec->participants.size() == 1);
  CHECK(rec->participants[0].display_name == "Participant 1");  // pseudonyms only
  std::string err;
  auto resumed = PlayController::resume(db, id, clock, {}, &err);
  INFO(err);
  REQUIRE(resumed);
  CHECK(resumed->team(0).session->effective_decisions().size() == 1);
  CHECK_FALSE(PlayController::resume(db, "no-such-session", clock, {}, &err));
  CHECK_FALSE(err.empty());
}

TEST_CASE("an undo from an ending makes the recorded session active again") {
  const std::string dir = scratch("undo-ending");
  LoadResult lr = load_and_check(kTutorial);
  REQUIRE(lr.ok());
  ManualClock clock;
  auto db = store::Store::open(dir + "/results.db");
  PlayController pc(lr.scenario, clock, &db, SessionSetup{});
  std::string err;
  for (int guard = 0; guard < 30 && !pc.team(0).session->finished(); ++guard) {
    for (const auto& p : std::vector<PendingInject>(pc.team(0).session->pending_injects()))
      pc.acknowledge(0, p.inject);
    REQUIRE(pc.choose(0, pc.team(0).session->available_choices().at(0), &err));
  }
  REQUIRE(pc.team(0).session->finished());
  const std::string id = pc.team(0).session_id;
  CHECK(db.load_session(id)->summary.status == store::Status::Finished);
  const bool undone = pc.undo(0, "The table changed its mind", &err);
  INFO(err);
  REQUIRE(undone);
  auto rec = db.load_session(id);
  CHECK(rec->summary.status == store::Status::Active);
  CHECK(rec->decisions.back().kind == store::DecisionKind::Undo);
  // Deciding again finishes it again.
  REQUIRE(pc.choose(0, pc.team(0).session->available_choices().at(0), &err));
  CHECK(db.load_session(id)->summary.status == store::Status::Finished);
}

TEST_CASE("the scenario map puts every node in a column after its parents") {
  LoadResult lr = load_and_check(kTutorial);
  REQUIRE(lr.scenario);
  const Scenario& s = *lr.scenario;
  MapLayout m = layout_scenario(s);
  REQUIRE(m.nodes.size() == s.nodes.size());
  CHECK(m.nodes[s.start].layer == 0);
  for (const auto& e : m.edges) CHECK(m.nodes[e.to].layer > m.nodes[e.from].layer);
  // No two nodes share a place.
  for (size_t a = 0; a < m.nodes.size(); ++a)
    for (size_t b = a + 1; b < m.nodes.size(); ++b)
      CHECK_FALSE((m.nodes[a].layer == m.nodes[b].layer && m.nodes[a].slot == m.nodes[b].slot));
  CHECK(m.layers > 1);
}

TEST_CASE("a long scenario's map fits its area, every box inside and wide enough to read") {
  // The largest shipped scenarios: 24-30 stages in 17-18 layers.
  for (const char* file : {"/cuckooing/cuckooing-millbrook-court.yaml",
                           "/licensing/licensing-late-night-premises.yaml",
                           "/procurement-fraud/procurement-fraud-highways-contract.yaml",
                           "/taxi-licensing/taxi-licensing-castle-cars.yaml"}) {
    LoadResult lr = load_scenario_file(std::string(AUDITSIM_SCENARIOS_DIR) + file);
    REQUIRE(lr.scenario);
    INFO(file);
    const MapLayout m = layout_scenario(*lr.scenario);
    CHECK(m.layers >= 10);
    const float w = 760, h = 560, line = 14;  // the author screen's map at 1280 x 800
    const MapGeometry g = fit_map(m, w, h, line, MapView{});
    CHECK(g.vertical);  // long and narrow: layers run down the screen
    CHECK(g.node_w >= line * 7);   // room for a title of a dozen characters or more
    CHECK(g.node_h >= line * 1.2f);
    for (const MapRect& r : g.boxes) {
      CHECK(r.x0 >= 0);
      CHECK(r.y0 >= 0);
      CHECK(r.x1 <= w);
      CHECK(r.y1 <= h);
    }
    // No two boxes overlap.
    for (size_t a = 0; a < g.boxes.size(); ++a)
      for (size_t b = a + 1; b < g.boxes.size(); ++b) {
        const MapRect &p = g.boxes[a], &q = g.boxes[b];
        CHECK_FALSE((p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1));
      }
  }
  // A short scenario in a wide area runs left to right.
  LoadResult lr = load_and_check(kTutorial);
  REQUIRE(lr.scenario);
  CHECK_FALSE(fit_map(layout_scenario(*lr.scenario), 1200, 300, 14, MapView{}).vertical);
}

TEST_CASE("zooming keeps the point under the pointer and panning keeps the map in view") {
  LoadResult lr = load_and_check(kTutorial);
  REQUIRE(lr.scenario);
  const MapLayout m = layout_scenario(*lr.scenario);
  MapView v;
  const MapGeometry before = fit_map(m, 800, 500, 14, v);
  const MapRect& r0 = before.boxes[lr.scenario->start];
  zoom_map(v, 2.0f, r0.cx(), r0.cy(), 800, 500);
  CHECK(v.zoom == doctest::Approx(2.0f));
  const MapGeometry after = fit_map(m, 800, 500, 14, v);
  const MapRect& r1 = after.boxes[lr.scenario->start];
  CHECK(r1.cx() == doctest::Approx(r0.cx()));
  CHECK(r1.cy() == doctest::Approx(r0.cy()));
  CHECK(r1.x1 - r1.x0 == doctest::Approx((r0.x1 - r0.x0) * 2));
  pan_map(v, -100000, -100000, 800, 500);
  CHECK(v.pan_x >= -(800 * 2.0f) + 800 * 0.2f - 0.01f);  // a fifth of the area still shows the map
  zoom_map(v, 0.01f, 0, 0, 800, 500);  // fully out: back to the fitted map
  CHECK(v.zoom == doctest::Approx(kMinMapZoom));
  CHECK(v.pan_x == 0);
  CHECK(v.pan_y == 0);
}

TEST_CASE("Markdown is parsed into headings, styled spans and list items") {
  auto blocks = parse_markdown("# Title\n\nSome **bold** and *italic* text.\n\n- one\n- two\n\n1. first\n");
  REQUIRE(blocks.size() == 5);
  CHECK(blocks[0].kind == MdBlock::Kind::Heading);
  CHECK(blocks[0].heading_level == 1);
  CHECK(blocks[1].plain() == "Some bold and italic text.");
  bool saw_bold = false, saw_italic = false;
  for (const auto& sp : blocks[1].spans) {
    saw_bold |= sp.bold && sp.text == "bold";
    saw_italic |= sp.italic && sp.text == "italic";
  }
  CHECK(saw_bold);
  CHECK(saw_italic);
  CHECK(blocks[2].bullet == "\xE2\x80\xA2");
  CHECK(blocks[2].indent == 1);
  CHECK(blocks[4].bullet == "1.");
  CHECK(parse_markdown("").empty());
}

TEST_CASE("a pipe table in Markdown is parsed into rows of cells with the header in bold") {
  auto blocks = parse_markdown("Before.\n\n| field | value |\n| :-- | --: |\n| Bank | *never* changed |\n"
                               "| Sort code | 20-xx-xx |\n\nAfter.");
  REQUIRE(blocks.size() == 3);
  const MdBlock& t = blocks[1];
  CHECK(t.kind == MdBlock::Kind::Table);
  REQUIRE(t.rows.size() == 3);
  REQUIRE(t.rows[0].size() == 2);
  CHECK(t.rows[0][0].plain() == "field");
  CHECK(t.rows[0][0].spans.at(0).bold);
  CHECK(t.rows[1][1].plain() == "never changed");
  CHECK(t.rows[1][1].spans.at(0).italic);
  CHECK_FALSE(t.rows[1][0].spans.at(0).bold);
  CHECK(t.align == std::vector<char>{'l', 'r'});
  CHECK(t.plain() == "field | value\nBank | never changed\nSort code | 20-xx-xx");
  CHECK(blocks[2].plain() == "After.");
  // Not a table without its separator row: one paragraph, as CommonMark reads it.
  auto plain = parse_markdown("| a | b |\n| c | d |");
  REQUIRE(plain.size() == 1);
  CHECK(plain[0].kind == MdBlock::Kind::Paragraph);
  // The shipped evidence that relies on a table reads as one.
  bool found = false;
  std::ifstream in(std::string(AUDITSIM_SCENARIOS_DIR) + "/examples/evidence/supplier-master-record.md");
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const MdBlock& b : parse_markdown(doc))
    if (b.kind == MdBlock::Kind::Table) found = b.rows.size() > 10 && b.rows[0].size() == 2;
  CHECK(found);
}

TEST_CASE("the library lists scenarios with their diagnostics and filters them") {
  const std::string dir = scratch("library");
  fs::copy(fs::path(kTutorial).parent_path(), dir, fs::copy_options::recursive);
  { std::ofstream(dir + "/broken.yaml") << "format: auditsim/1\nid: broken\n"; }
  LibraryController lib({dir});
  lib.load_all_now();
  REQUIRE(lib.entries().size() == 2);
  const int bad = lib.find(dir + "/broken.yaml");
  REQUIRE(bad >= 0);
  CHECK(lib.entries()[bad].errors > 0);
  CHECK_FALSE(lib.entries()[bad].result.ok());
  CHECK(lib.filtered("procurement").size() == 1);
  CHECK(lib.filtered("").size() == 2);
  // A background rescan picks up a removed file.
  fs::remove(dir + "/broken.yaml");
  lib.rescan_async();
  lib.wait();
  CHECK(lib.poll());
  CHECK(lib.entries().size() == 1);
}

TEST_CASE("the desktop idles between events but draws at once after input, and scripted runs never wait") {
  // Just after input: draw at once while ImGui settles.
  for (int f = 0; f < kSettleFrames; ++f) CHECK(idle_wait_ms(f, false, false) == 0);
  // Then wait for the next event, briefly enough for workers' results and countdowns.
  CHECK(idle_wait_ms(kSettleFrames, false, false) == kIdleWaitMs);
  CHECK(idle_wait_ms(kSettleFrames + 100, true, false) == kIdleWaitPlayingMs);
  CHECK(kIdleWaitPlayingMs <= 100);
  CHECK(kIdleWaitMs <= 250);
  CHECK(idle_wait_ms(1000, true, true) == 0);
}

TEST_CASE("the first window is shrunk and centred to fit a small display's usable area") {
  using auditsim::desktop::Rect;
  using auditsim::desktop::fit_window;
  // A 1280x800 request on a 1280x720 laptop whose panel takes the top 32 pixels.
  const Rect r = fit_window(1280, 800, Rect{0, 32, 1280, 688});
  CHECK(r.w == 1280);
  CHECK(r.h == 688);
  CHECK(r.x == 0);
  CHECK(r.y == 32);
  // A small remembered window on a big screen keeps its size and is centred.
  const Rect big = fit_window(900, 600, Rect{0, 0, 1920, 1080});
  CHECK(big.w == 900);
  CHECK(big.h == 600);
  CHECK(big.x == 510);
  CHECK(big.y == 240);
  // A remembered window smaller than the minimum grows to it when the display allows.
  const Rect tiny = fit_window(100, 100, Rect{0, 0, 1920, 1080});
  CHECK(tiny.w == auditsim::desktop::kMinWindowWidth);
  CHECK(tiny.h == auditsim::desktop::kMinWindowHeight);
  // An unknown usable area leaves the request alone.
  const Rect unknown = fit_window(1280, 800, Rect{});
  CHECK(unknown.w == 1280);
  CHECK(unknown.h == 800);
}

TEST_CASE("the top bar drops the title, then wraps the tabs, rather than run off the edge") {
  using auditsim::ui::layout_top_bar;
  const std::vector<float> tabs{100, 100, 100, 100};
  const auto roomy = layout_top_bar(50, 300, tabs, 1000);
  CHECK(roomy.show_title);
  CHECK(roomy.rows == 1);
  const auto no_title = layout_top_bar(50, 300, tabs, 600);
  CHECK_FALSE(no_title.show_title);
  CHECK(no_title.rows == 1);
  const auto wrapped = layout_top_bar(50, 300, tabs, 300);
  CHECK_FALSE(wrapped.show_title);
  CHECK(wrapped.rows == 2);
  CHECK(wrapped.row_of_tab == std::vector<int>{0, 0, 1, 1});
  // A tab wider than the bar still gets a row of its own, never an empty row.
  const auto huge = layout_top_bar(50, 300, std::vector<float>{500, 100}, 300);
  CHECK(huge.row_of_tab == std::vector<int>{0, 1});
  CHECK(huge.rows == 2);
}

TEST_CASE("the results filter matches event, scenario, participant and team, ignoring case, within dates") {
  store::SessionSummary s;
  s.event_name = "Members' training evening";
  s.scenario_id = "cuckooing-millbrook-court";
  s.scenario_title = "Flat 12, Millbrook Court";
  s.team = "Table 3";
  s.started_at = "2026-03-12T19:04:00Z";
  s.participant_names = {"Cllr Amy Bell", "O'Neill, Pat"};
  auto f = [](std::string text, std::string from = "", std::string to = "") {
    return ResultsFilter{std::move(text), std::move(from), std::move(to)};
  };
  CHECK(session_matches(s, f("")));
  CHECK(session_matches(s, f("TRAINING")));
  CHECK(session_matches(s, f("millbrook")));
  CHECK(session_matches(s, f("cuckooing-")));
  CHECK(session_matches(s, f("amy bell")));
  CHECK(session_matches(s, f("o'neill")));
  CHECK(session_matches(s, f("table 3")));
  CHECK_FALSE(session_matches(s, f("licensing")));
  CHECK_FALSE(session_matches(s, f("Cllr Smith")));
  // Dates bound the day the session started, both ends inclusive.
  CHECK(session_matches(s, f("", "2026-03-12", "2026-03-12")));
  CHECK(session_matches(s, f("", "2026-03-01")));
  CHECK(session_matches(s, f("", "", "2026-03-31")));
  CHECK_FALSE(session_matches(s, f("", "2026-03-13")));
  CHECK_FALSE(session_matches(s, f("", "", "2026-03-11")));
  CHECK_FALSE(session_matches(s, f("amy", "2026-04-01")));  // text and dates must both hold
}

TEST_CASE("the results groups follow the filter and a refresh") {
  const std::string dir = scratch("results-filter");
  auto db = store::Store::open(dir + "/results.db");
  LoadResult lr = load_and_check(kTutorial);
  REQUIRE(lr.ok());
  const store::Snapshot snap = store::snapshot_of(*lr.scenario);
  auto start = [&](const std::string& event, const std::string& person) {
    store::SessionStart st;
    st.mode = store::Mode::Group;
    if (!event.empty()) {
      store::Event e;
      e.name = event;
      st.event_id = db.find_or_create_event(e).id;
    }
    st.participant_ids = {db.create_participant(person, store::Role::Member)};
    return db.start_session(snap, st);
  };
  start("Autumn evening", "Cllr Amy Bell");
  start("Autumn evening", "Cllr Raj Patel");
  start("", "Sam Officer");
  ResultsController rc;
  REQUIRE(rc.refresh(db).empty());
  CHECK(rc.groups().size() == 2);
  CHECK(rc.shown_count() == 3);
  rc.filter.text = "patel";
  REQUIRE(rc.groups().size() == 1);
  CHECK(rc.groups()[0].title == "Autumn evening");
  CHECK(rc.shown_count() == 1);
  CHECK(rc.sessions()[rc.groups()[0].sessions[0]].participant_names ==
        std::vector<std::string>{"Cllr Raj Patel"});
  rc.filter.text = "nobody of that name";
  CHECK(rc.groups().empty());
  // A session recorded after the list was read appears on refresh, filtered like the rest.
  rc.filter.text = "officer";
  CHECK(rc.shown_count() == 1);
  start("", "Another Officer");
  REQUIRE(rc.refresh(db).empty());
  CHECK(rc.shown_count() == 2);
}

TEST_CASE("the play screen shows the stage's documents and those the last choice handed over") {
  LoadResult lr = load_and_check(std::string(AUDITSIM_TEST_DATA) + "/good/format-1.1-flow.yaml");
  REQUIRE(lr.ok());
  const Scenario& s = *lr.scenario;
  ManualClock clock;
  Session session(lr.scenario, clock);
  CHECK(stage_evidence(session) == std::vector<int>{s.find_evidence("rent-account")});
  REQUIRE(session.choose(std::string_view("tell-police")));
  CHECK(stage_evidence(session) == std::vector<int>{s.find_evidence("visit-note")});
  REQUIRE(session.undo("not yet"));
  REQUIRE(session.choose(std::string_view("wait-and-see")));
  CHECK(stage_evidence(session).empty());
}

TEST_CASE("the scenario map draws one edge to each node a conditional next can lead to") {
  LoadResult lr = load_and_check(std::string(AUDITSIM_TEST_DATA) + "/good/format-1.1-flow.yaml");
  REQUIRE(lr.ok());
  const Scenario& s = *lr.scenario;
  const MapLayout m = layout_scenario(s);
  const int visit = s.find_node("visit");
  std::vector<int> to;
  for (const auto& e : m.edges)
    if (e.from == visit) to.push_back(e.to);
  std::sort(to.begin(), to.end());
  std::vector<int> expected{s.find_node("lender-gone"), s.find_node("tenant-talks"), s.find_node("quiet-flat")};
  std::sort(expected.begin(), expected.end());
  CHECK(to == expected);
  for (const auto& e : m.edges) CHECK(m.nodes[e.to].layer > m.nodes[e.from].layer);
}

TEST_CASE("the debrief reads a show of hands by the choices' words, most hands first") {
  Node node;
  node.choices.resize(3);
  node.choices[0].id = "call-back";
  node.choices[0].text = "Call the supplier on the number held on file";
  node.choices[1].id = "pay-new";
  node.choices[1].text = "Pay the new account";
  node.choices[2].id = "ask-manager";
  node.choices[2].text = "Ask the contract manager";
  GroupInput g;
  g.votes = {{"pay-new", 2}, {"call-back", 5}, {"ask-manager", 0}, {"not-on-this-stage", 1}};
  const auto lines = vote_lines(node, g);
  REQUIRE(lines.size() == 3);  // a choice with no hands is left out
  CHECK(lines[0] == "Call the supplier on the number held on file: 5 of 8");
  CHECK(lines[1] == "Pay the new account: 2 of 8");
  CHECK(lines[2] == "not-on-this-stage: 1 of 8");  // an unknown id is shown as it is
  CHECK(vote_lines(node, GroupInput{}).empty());
}
