// The facilitator panel's writing: the rationale, dissent and note fields wrap as they are typed
// (what is recorded is one paragraph, as typed), and the notes saved are listed and can be corrected or
// deleted, in the store as on screen.
#include <doctest/doctest.h>

#include "tests/support/test_files.hpp"
#include "tests/support/ui_app_config.hpp"

#include "sim/load.hpp"
#include "sim/store/store.hpp"
#include "ui/app/headless.hpp"

using namespace auditsim;
using namespace auditsim::ui;

namespace {

using auditsim::test::app_config_in;
using auditsim::test::kTutorial;

std::string scratch(const std::string& name) {
  return auditsim::test::fresh_scratch_dir("ui-notes-" + name).string();
}

}  // namespace

TEST_CASE("a long rationale wraps in its field and is recorded as typed") {
  const std::string dir = scratch("rationale");
  {
    Headless h(app_config_in(dir), {1280, 2000});
    LoadResult lr = load_scenario_file(kTutorial);
    REQUIRE(lr.ok());
    SessionSetup setup;
    setup.mode = store::Mode::Group;
    REQUIRE(h.app().start_play(lr.scenario, setup));
    h.frame();
    const std::string why =
        "The table agreed that the email looked real at first sight but that nobody had checked the "
        "sender's address against the supplier record, and that a call to the number on file costs "
        "five minutes against a loss of nearly two hundred thousand pounds.";
    REQUIRE(h.type_into("##rationale", why));
    CHECK(h.app().play()->draft(0).rationale == why);
    const Node& start = lr.scenario->nodes[lr.scenario->start];
    REQUIRE(h.click(start.choices[0].text));
  }
  auto db = store::Store::open(dir + "/results.db");
  auto rec = db.load_session(db.list_sessions().at(0).id);
  REQUIRE(rec);
  REQUIRE(rec->decisions.size() == 1);
  CHECK(rec->decisions[0].rationale.find('\n') == std::string::npos);
  CHECK(rec->decisions[0].rationale.starts_with("The table agreed"));
}

TEST_CASE("saved notes are listed, can be corrected and deleted, and the store follows") {
  const std::string dir = scratch("list");
  Headless h(app_config_in(dir), {1280, 2400});
  LoadResult lr = load_scenario_file(kTutorial);
  REQUIRE(lr.ok());
  SessionSetup setup;
  setup.mode = store::Mode::Group;
  REQUIRE(h.app().start_play(lr.scenario, setup));
  h.frame();
  REQUIRE(h.type_into("##note", "Table 3 did not read the procedure"));
  REQUIRE(h.click("Save note"));
  REQUIRE(h.type_into("##note", "Ask about call-backs"));
  REQUIRE(h.click("Part B (exempt)"));
  REQUIRE(h.click("Save note"));
  CHECK(h.probe().saw_text("2 notes saved"));
  CHECK(h.probe().saw_text("Table 3 did not read the procedure"));
  const std::string session = h.app().play()->team(0).session_id;
  const auto notes = h.app().play()->notes(0);
  REQUIRE(notes.size() == 2);
  CHECK(notes[1].part_b);

  // Correct the first: its text comes back into the field; saving changes it in place.
  REQUIRE(h.click("Edit##note-" + notes[0].id));
  CHECK(h.app().play()->ui().note == "Table 3 did not read the procedure");
  h.app().play()->ui().note += " until prompted";  // as typed at the end of the field
  REQUIRE(h.click("Save the change"));
  CHECK(h.app().play()->ui().note.empty());
  {
    auto db = store::Store::open(dir + "/results.db");
    auto rec = db.load_session(session);
    REQUIRE(rec->notes.size() == 2);
    CHECK(rec->notes[0].text == "Table 3 did not read the procedure until prompted");
  }
  // Delete the second: asked first; keeping it keeps it.
  REQUIRE(h.click("Delete##note-" + notes[1].id));
  CHECK(h.probe().saw_text("Delete this note?"));
  REQUIRE(h.click("Keep it"));
  CHECK(h.app().play()->notes(0).size() == 2);
  REQUIRE(h.click("Delete##note-" + notes[1].id));
  REQUIRE(h.click("Delete it"));
  CHECK(h.app().play()->notes(0).size() == 1);
  CHECK(h.probe().saw_text("1 note saved"));
  auto db = store::Store::open(dir + "/results.db");
  auto rec = db.load_session(session);
  REQUIRE(rec->notes.size() == 1);
  CHECK(rec->notes[0].id == notes[0].id);
}
