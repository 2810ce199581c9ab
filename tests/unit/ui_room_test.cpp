// The room view (presenter mode) driven headless: every choice of every stage of every shipped
// scenario on screen at once at 1280x720 and 1920x1080, the type size for the back of a room, the
// facilitator panel kept off the projector on one display, and the facilitator's keys.
#include <doctest/doctest.h>

#include "tests/support/test_files.hpp"
#include "tests/support/ui_app_config.hpp"

#include <algorithm>
#include <filesystem>

#include "sim/load.hpp"
#include "ui/app/fonts.hpp"
#include "ui/app/headless.hpp"
#include "ui/app/keys.hpp"
#include "ui/controllers/room_layout.hpp"

namespace fs = std::filesystem;
using namespace auditsim;
using namespace auditsim::ui;

namespace {

using auditsim::test::app_config_in;
using auditsim::test::kTutorial;

std::string scratch(const std::string& name) {
  return auditsim::test::fresh_scratch_dir("ui-room-" + name).string();
}

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(AUDITSIM_SCENARIOS_DIR)) {
    const std::string p = e.path().string();
    if (e.path().extension() == ".yaml" && !p.ends_with(".tests.yaml")) out.push_back(p);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<ProbeItem> choices(const Probe& p) {
  std::vector<ProbeItem> out;
  for (const auto& it : p.items())
    if (it.kind == "choice") out.push_back(it);
  return out;
}

bool has_prefix(const Probe& p, std::string_view prefix) {
  for (const auto& it : p.items())
    if (std::string_view(it.full_id).starts_with(prefix)) return true;
  return false;
}

// Starts (or switches to) a rehearsal of `scenario` in group mode, as the room plays it.
void rehearse(Headless& h, ScenarioPtr scenario) {
  SessionSetup setup;
  setup.mode = store::Mode::Group;
  if (!h.app().start_play(std::move(scenario), setup, /*record=*/false)) h.app().confirm_switch();
  REQUIRE(h.app().screen() == Screen::Play);
}

// Walks every stage of every shipped scenario in presenter mode at one display size. Each stage
// is rehearsed from its own start with every choice's condition lifted, so the stage shows all
// the choices it can ever offer: the worst case for the layout.
void every_choice_on_screen(ImVec2 display) {
  const std::string dir = scratch(std::to_string(static_cast<int>(display.y)));
  Headless h(app_config_in(dir), display);
  h.app().presenter = true;
  h.app().fonts_dirty = true;
  h.frame();
  h.frame();
  const float body = room_body_px(display.y);
  CHECK(h.app().effective_font_scale() * kBodyPx == doctest::Approx(body));
  // Everything inside the screen's own margin (the screen child ends above the bottom edge).
  const float bottom = display.y - body * 0.6f + 1;
  size_t stages = 0;
  float smallest_scale = 1;
  std::string smallest_at;
  for (const std::string& file : shipped_scenarios()) {
    LoadResult lr = load_scenario_file(file);
    if (!lr.ok()) continue;  // the library and validator tests report scenarios that do not load
    for (size_t n = 0; n < lr.scenario->nodes.size(); ++n) {
      const Node& node = lr.scenario->nodes[n];
      if (node.is_ending() || node.choices.empty()) continue;
      auto copy = std::make_shared<Scenario>(*lr.scenario);
      copy->start = static_cast<int>(n);
      for (Choice& c : copy->nodes[n].choices) c.when = {};
      rehearse(h, copy);
      h.frame();
      h.frame();
      ++stages;
      CAPTURE(file);
      CAPTURE(node.id);
      const auto shown = choices(h.probe());
      CHECK(shown.size() == node.choices.size());
      for (const ProbeItem& c : shown) {
        CAPTURE(c.label);
        CHECK(c.min.x >= 0);
        CHECK(c.min.y >= 0);
        CHECK(c.max.x <= display.x);
        CHECK(c.max.y <= bottom);
        // A choice's button is at least a line of its own text high: not shrunk out of sight.
        CHECK(c.max.y - c.min.y >= body * kMinChoiceScale);
      }
      if (!shown.empty()) {
        const float scale = (shown[0].max.y - shown[0].min.y) / (body * 2.6f);
        if (scale < smallest_scale) {
          smallest_scale = scale;
          smallest_at = file + " " + node.id;
        }
      }
      // The facilitator's controls are not projected.
      CHECK_FALSE(has_prefix(h.probe(), "+##vote-"));
      CHECK(h.probe().find("Pause") == nullptr);
    }
  }
  CHECK(stages > 50);
  MESSAGE(stages << " stages at " << display.x << "x" << display.y << ", body " << body << " px");
}

}  // namespace

TEST_CASE("the room view's type is 40 px at 1080 lines and in proportion elsewhere") {
  CHECK(room_body_px(1080) == doctest::Approx(40));
  CHECK(room_body_px(720) == doctest::Approx(26.67).epsilon(0.01));
  CHECK(room_body_px(2160) == doctest::Approx(80));
  CHECK(room_body_px(300) == doctest::Approx(17));  // never below the desktop's own size
  CHECK(room_body_px(0) == doctest::Approx(17));
  CHECK(room_body_px(-5) == doctest::Approx(17));
  CHECK(room_body_px(100000) <= 96);
}

TEST_CASE("the room's choices shrink only as far as they must, in columns no wider than the text") {
  // Choices 100 px high at scale 1 whatever the width: four fit in two rows of two.
  auto fixed = [](size_t, float scale, float) { return 100 * scale; };
  ChoiceGrid g = fit_choices(4, 1800, 300, 10, 1400, 500, fixed);
  CHECK(g.fits);
  CHECK(g.columns == 2);  // 1800 px is wider than a 70-character line: never one column
  CHECK(g.scale == 1.0f);
  CHECK(g.height == doctest::Approx(210));
  // Less room: three columns before any shrinking.
  g = fit_choices(6, 1800, 210, 10, 1400, 500, fixed);
  CHECK(g.fits);
  CHECK(g.columns == 3);
  CHECK(g.scale == 1.0f);
  // Much less: smaller type.
  g = fit_choices(6, 1800, 150, 10, 1400, 500, fixed);
  CHECK(g.fits);
  CHECK(g.scale < 1.0f);
  CHECK(g.height <= 150);
  // Impossible: the smallest, widest layout, said not to fit.
  g = fit_choices(20, 1000, 50, 10, 1400, 500, fixed);
  CHECK_FALSE(g.fits);
  CHECK(g.scale == kMinChoiceScale);
  // A single choice takes one column; none takes nothing.
  CHECK(fit_choices(1, 1800, 300, 10, 1400, 500, fixed).columns == 1);
  CHECK(fit_choices(0, 1800, 300, 10, 1400, 500, fixed).height == 0);
  // Text that wraps: a narrower column makes a choice taller, and rows take their tallest.
  auto wrapping = [](size_t i, float scale, float w) { return (i == 0 ? 4000.0f : 1000.0f) * scale * scale / w * 50; };
  CHECK(grid_height(2, 2, 500, 1, 10, wrapping) == doctest::Approx(400));
  CHECK(grid_height(2, 1, 1000, 1, 10, wrapping) == doctest::Approx(200 + 10 + 50));
}

TEST_CASE("every choice of every shipped stage is on screen in presenter mode at 1280x720") {
  every_choice_on_screen({1280, 720});
}

TEST_CASE("every choice of every shipped stage is on screen in presenter mode at 1920x1080") {
  every_choice_on_screen({1920, 1080});
}

TEST_CASE("on one display presenter mode shows the room only — F opens the panel on purpose, Esc closes it") {
  const std::string dir = scratch("panel");
  Headless h(app_config_in(dir), {1920, 1080});
  LoadResult lr = load_scenario_file(kTutorial);
  REQUIRE(lr.ok());
  SessionSetup setup;
  setup.mode = store::Mode::Group;
  REQUIRE(h.app().start_play(lr.scenario, setup));
  h.frame();
  CHECK(has_prefix(h.probe(), "+##vote-"));  // at the desk: the side panel
  h.press(keys::kF11);
  h.frame();
  CHECK(h.app().presenter);
  CHECK_FALSE(has_prefix(h.probe(), "+##vote-"));
  CHECK(h.probe().find("Pause") == nullptr);
  CHECK_FALSE(has_prefix(h.probe(), "Undo"));
  CHECK_FALSE(has_prefix(h.probe(), "Save note"));
  CHECK(h.probe().find("Show the facilitator panel") == nullptr);
  CHECK_FALSE(h.probe().saw_text("Scores"));
  h.press(keys::kF);
  CHECK(has_prefix(h.probe(), "+##vote-"));
  CHECK(h.probe().find("Pause") != nullptr);
  CHECK(has_prefix(h.probe(), "Undo"));
  CHECK(h.probe().saw_text("The room can see this panel"));
  // The panel's votes still go with the choice the room makes.
  const Node& start = lr.scenario->nodes[lr.scenario->start];
  REQUIRE(h.click("+##vote-" + start.choices[0].id));
  CHECK(h.app().play()->draft(0).votes[start.choices[0].id] == 1);
  h.press(keys::kEscape);
  CHECK_FALSE(has_prefix(h.probe(), "+##vote-"));
  // Leaving and coming back to presenter mode starts with the panel closed.
  h.press(keys::kF);
  h.press(keys::kF11);
  h.press(keys::kF11);
  CHECK_FALSE(has_prefix(h.probe(), "+##vote-"));
}

TEST_CASE("? lists the facilitator's keys and Esc or ? closes the list") {
  const std::string dir = scratch("keys");
  Headless h(app_config_in(dir), {1280, 720});
  REQUIRE(h.app().open_scenario(kTutorial));
  h.app().presenter = true;
  h.app().fonts_dirty = true;
  h.frame();
  CHECK_FALSE(h.probe().saw_text("Keys for the facilitator"));
  ImGui::GetIO().KeyShift = true;
  h.press(keys::kSlash);
  ImGui::GetIO().KeyShift = false;
  CHECK(h.probe().saw_text("Keys for the facilitator"));
  CHECK(h.probe().saw_text("Run the clock out now"));
  CHECK(h.probe().saw_text("A minute more, a minute less"));
  h.press(keys::kEscape);
  CHECK_FALSE(h.probe().saw_text("Keys for the facilitator"));
  h.press(keys::kF1);
  CHECK(h.probe().saw_text("Keys for the facilitator"));
  h.press(keys::kF1);
  CHECK_FALSE(h.probe().saw_text("Keys for the facilitator"));
  // A slash without Shift is not a question mark.
  h.press(keys::kSlash);
  CHECK_FALSE(h.probe().saw_text("Keys for the facilitator"));
}

TEST_CASE("the facilitator's keys add and take away a minute, reset, skip, pause and choose") {
  const std::string dir = scratch("countdown");
  ManualClock clock;
  AppConfig cfg = app_config_in(dir);
  cfg.clock = &clock;
  Headless h(cfg, {1920, 1080});
  LoadResult lr = load_scenario_file(kTutorial);
  REQUIRE(lr.ok());
  SessionSetup setup;
  setup.mode = store::Mode::Group;
  REQUIRE(h.app().start_play(lr.scenario, setup));
  h.app().presenter = true;
  h.app().fonts_dirty = true;
  h.frame();
  const Session& s = *h.app().play()->team(0).session;
  REQUIRE(s.current_node().id == "email-arrives");  // five minutes
  CHECK(h.probe().saw_text("countdown 5:00"));
  clock.advance_ms(60'000);
  h.frame();
  CHECK(h.probe().saw_text("countdown 4:00"));
  h.press(keys::kEquals);
  CHECK(s.time_left_ms() == 5 * 60'000);
  CHECK(h.probe().saw_text("One minute added"));
  h.press(keys::kKeypadMinus);
  h.press(keys::kMinus);
  CHECK(s.time_left_ms() == 3 * 60'000);
  h.press(keys::kR);
  CHECK(s.time_left_ms() == 5 * 60'000);
  CHECK(h.probe().saw_text("countdown 5:00"));
  // Pause: the countdown stops and says so; choices cannot be taken.
  h.press(keys::kP);
  CHECK(s.paused());
  CHECK(h.probe().saw_text("PAUSED"));
  clock.advance_ms(30'000);
  h.frame();
  CHECK(s.time_left_ms() == 5 * 60'000);
  h.press(keys::kDigit1);
  CHECK(s.current_node().id == "email-arrives");
  h.press(keys::kP);
  CHECK_FALSE(s.paused());
  // S once only asks; S again runs the clock out and the time-out is taken and recorded.
  h.press(keys::kS);
  CHECK(s.current_node().id == "email-arrives");
  CHECK(h.probe().saw_text("S again runs the clock out"));
  h.press(keys::kS);
  CHECK(s.current_node().id == "letter-arrives");
  {
    auto db = store::Store::open(dir + "/results.db");
    auto rec = db.load_session(h.app().play()->team(0).session_id);
    REQUIRE(rec);
    REQUIRE(rec->decisions.size() == 1);
    CHECK(rec->decisions[0].kind == store::DecisionKind::Timeout);
    CHECK(rec->decisions[0].choice_id == "leave-for-team-leader");
  }
  // A number key records the room's choice.
  const Node& letter = s.current_node();
  const auto avail = s.available_choices();
  REQUIRE_FALSE(avail.empty());
  h.press(keys::kDigit1);
  CHECK(s.current_node().id != letter.id);
}

TEST_CASE("a stage's text pages with Page Down and its documents open in turn with E") {
  const std::string dir = scratch("story");
  Headless h(app_config_in(dir), {1280, 720});
  REQUIRE(h.app().open_scenario(kTutorial));
  h.app().presenter = true;
  h.app().fonts_dirty = true;
  h.frame();
  const Session& s = *h.app().play()->team(0).session;
  REQUIRE(s.current_node().id == "email-arrives");
  h.press(keys::kE);
  const int first = h.app().play()->ui().evidence_open;
  CHECK(first >= 0);
  h.press(keys::kEscape);
  CHECK(h.app().play()->ui().evidence_open == -1);
  h.press(keys::kE);
  CHECK(h.app().play()->ui().evidence_open >= 0);
  CHECK(h.app().play()->ui().evidence_open != first);
  h.press(keys::kEscape);
  // Page Down never takes a choice or breaks the frame.
  h.press(keys::kPageDown);
  h.press(keys::kPageUp);
  CHECK(s.current_node().id == "email-arrives");
}
