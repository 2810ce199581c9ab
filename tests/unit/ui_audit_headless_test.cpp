// A desktop audit driven through the real desktop program, headless: a desktop-audit session set
// up on the New session screen and played to its ending, the council's controls checked with
// the mouse and the keyboard, a recommendation added and a response recorded; then the results
// database is checked, and the audit opened again from Results.
#include <doctest/doctest.h>

#include "tests/support/test_files.hpp"
#include "tests/support/ui_app_config.hpp"

#include <string>

#include "sim/load.hpp"
#include "sim/recording.hpp"
#include "sim/store/raw_connection.hpp"
#include "sim/store/store.hpp"
#include "ui/app/headless.hpp"
#include "ui/app/keys.hpp"

using namespace auditsim;
using namespace auditsim::ui;

namespace {

const std::string kAuditFolder = std::string(AUDITSIM_TEST_DATA) + "/audit";
const std::string kAuditScenario = kAuditFolder + "/three-controls-one-without-question.yaml";
const ImVec2 kTall{1280, 2400};

AppConfig config_in(const std::string& dir) {
  AppConfig c = test::app_config_in(dir);
  c.scenario_folders = {kAuditFolder};
  return c;
}

std::string scratch(const std::string& name) {
  return test::fresh_scratch_dir("ui-audit-headless-" + name).string();
}

// A finished desktop-audit session recorded without the desktop program.
std::string record_session(const std::string& db_path) {
  LoadResult lr = load_and_check(kAuditScenario);
  REQUIRE(lr.ok());
  auto db = store::Store::open(db_path);
  ManualClock clock;
  Session session(lr.scenario, clock);
  RecordingSetup setup;
  setup.event_name = "Audit committee desktop audit";
  setup.event_kind = store::EventKind::DesktopAudit;
  setup.facilitator = "Jane Auditor";
  setup.mode = store::Mode::Group;
  SessionRecorder recorder(db, session, setup);
  REQUIRE(session.choose(std::string_view("change-it")));
  REQUIRE(session.choose(std::string_view("keep-quiet")));
  recorder.sync(session);
  return recorder.session_id();
}

}  // namespace

TEST_CASE("a desktop audit runs end to end in the desktop program and the store holds it") {
  const std::string dir = scratch("end-to-end");
  {
    Headless h(config_in(dir), kTall);
    h.frame();
    // Set up a facilitated desktop audit on the New session screen.
    REQUIRE(h.click("New session"));
    const int entry = h.app().library().find(kAuditScenario);
    REQUIRE(entry >= 0);
    h.app().library().selected = entry;
    REQUIRE(h.click("Facilitated group"));
    REQUIRE(h.type_into("Event name", "Audit committee desktop audit"));
    h.app().new_session().event_kind = 1;  // the Kind list: desktop audit
    REQUIRE(h.type_into("Facilitator", "Jane Auditor"));
    REQUIRE(h.click("Start the session"));
    REQUIRE(h.app().screen() == Screen::Play);

    // Play to the ending.
    REQUIRE(h.click("Change the details as asked"));
    REQUIRE(h.click("Deal with it within the team"));
    REQUIRE(h.app().play()->all_finished());
    CHECK(h.probe().find("Check the council's controls##play"));
    REQUIRE(h.click("Open the debrief"));
    CHECK(h.probe().saw_text("Next step: check the council's own controls"));
    REQUIRE(h.click("Check the council's controls"));
    REQUIRE(h.app().screen() == Screen::Audit);
    CHECK(h.probe().saw_text("0 of 3 key actions checked"));

    // The first control with the mouse: status, then the evidence seen.
    REQUIRE(h.click("2  Partly in place##status-verify-bank-change"));
    REQUIRE(h.type_into("##evidence-verify-bank-change", "Procedure note 7 asks for a call-back; two of five changes had none"));
    h.frame();  // the row's state is drawn above its fields: it shows the save a frame later
    CHECK(h.probe().saw_text("\xE2\x9C\x93 Saved"));
    // The second with the keyboard: Escape leaves the fields, Down goes to it, 3 is "Not in place".
    h.press(keys::kEscape);
    h.press(keys::kDown);
    h.press(keys::kDigit1 + 2);
    CHECK(h.probe().saw_text("2 of 3 key actions checked"));

    // The members' recommendation, suggested from the finding it answers.
    REQUIRE(h.click("Recommendations##audit-page"));
    REQUIRE(h.click("##link-verify-bank-change"));
    REQUIRE(h.click("Add the recommendation##rec"));
    auto db = store::Store::open(dir + "/results.db");
    const std::string session = h.app().audit()->workspace().session_id();
    auto recs = audit::current_recommendations(db.load_audit(session));
    REQUIRE(recs.size() == 1);
    CHECK(recs[0].text == "Make call-back verification mandatory for every change of bank details.");

    // The management team's response, recorded later: agreed, so it joins the action plan.
    REQUIRE(h.click("Record a response##respond-" + recs[0].id));
    REQUIRE(h.type_into("##response-text", "Agreed: the call-back goes into the payments system by June."));
    REQUIRE(h.click("Record the response##response"));
    CHECK(h.probe().saw_text("Added to the action plan"));
    REQUIRE(h.click("Action plan##audit-page"));
    CHECK(h.probe().saw_text("Make call-back verification mandatory for every change of bank details."));
  }
  auto db = store::Store::open(dir + "/results.db");
  const auto sessions = db.list_sessions();
  REQUIRE(sessions.size() == 1);
  const audit::AuditRecord rec = db.load_audit(sessions[0].id);
  const auto checks = audit::current_checks(rec);
  REQUIRE(checks.size() == 2);
  CHECK(checks[0].key_action == "verify-bank-change");
  CHECK(checks[0].status == audit::ControlStatus::Partly);
  CHECK(checks[0].evidence == "Procedure note 7 asks for a call-back; two of five changes had none");
  CHECK(checks[0].changed_by == "Jane Auditor");
  CHECK(checks[1].key_action == "report-fraud");
  CHECK(checks[1].status == audit::ControlStatus::NotInPlace);
  CHECK(rec.checks.size() == 3);  // the first control's status and its evidence: two versions
  REQUIRE(rec.responses.size() == 1);
  CHECK(rec.responses[0].response == audit::ResponseKind::Agreed);
  CHECK(rec.responses[0].by == "Corporate Management Team");
  const auto actions = db.list_actions(sessions[0].id);
  REQUIRE(actions.size() == 1);
  CHECK(actions[0].recommendation == rec.recommendations.at(0).id);
  CHECK(actions[0].owner == "Head of Finance (Accounts Payable)");
}

TEST_CASE("a recorded session's audit opens again from Results, as it was left") {
  const std::string dir = scratch("reopen");
  const std::string id = record_session(dir + "/results.db");
  {
    Headless h(config_in(dir), kTall);
    REQUIRE(h.app().open_audit(id));
    h.frame();
    REQUIRE(h.click("4  Not known##status-train-staff"));
  }
  Headless h(config_in(dir), kTall);
  h.frame();
  REQUIRE(h.click("Results"));
  REQUIRE(h.click("A change of bank details##s" + id));
  REQUIRE(h.click("Open the desktop audit"));
  REQUIRE(h.app().screen() == Screen::Audit);
  CHECK(h.probe().saw_text("1 of 3 key actions checked"));
  CHECK(h.probe().saw_text("by Jane Auditor"));
}

TEST_CASE("a check still being typed when the program closes is saved, not lost") {
  const std::string dir = scratch("close-while-typing");
  const std::string id = record_session(dir + "/results.db");
  {
    Headless h(config_in(dir), kTall);
    REQUIRE(h.app().open_audit(id));
    h.frame();
    REQUIRE(h.click("1  In place##status-report-fraud"));
    // Typed into the evidence field, which still has the keyboard when the program closes.
    REQUIRE(h.click("##evidence-report-fraud"));
    ImGui::GetIO().AddInputCharactersUTF8("Fraud response plan 2025, section 4");
    h.frame();
    h.frame();
    CHECK(h.probe().saw_text("Not saved"));
  }
  auto db = store::Store::open(dir + "/results.db");
  const auto checks = audit::current_checks(db.load_audit(id));
  REQUIRE(checks.size() == 1);
  CHECK(checks[0].evidence == "Fraud response plan 2025, section 4");
}

TEST_CASE("a check the store refuses opens a dialog that says why, and Try again saves it") {
  const std::string dir = scratch("refused");
  const std::string id = record_session(dir + "/results.db");
  Headless h(config_in(dir), kTall);
  REQUIRE(h.app().open_audit(id));
  h.frame();
  store::raw_connection(*h.app().db()).exec(
      "CREATE TRIGGER refuse_checks BEFORE INSERT ON control_checks "
      "BEGIN SELECT RAISE(ABORT, 'the disk refused the write'); END");
  REQUIRE(h.click("3  Not in place##status-report-fraud"));
  h.frame();
  CHECK(h.probe().saw_text("the disk refused the write"));
  REQUIRE(h.click("OK##error"));
  CHECK(h.probe().saw_text("Not saved"));
  store::raw_connection(*h.app().db()).exec("DROP TRIGGER refuse_checks");
  REQUIRE(h.click("Try again##retry-report-fraud"));
  h.frame();
  CHECK(h.probe().saw_text("\xE2\x9C\x93 Saved"));
  const auto checks = audit::current_checks(h.app().db()->load_audit(id));
  REQUIRE(checks.size() == 1);
  CHECK(checks[0].status == audit::ControlStatus::NotInPlace);
}

TEST_CASE("with keyboard navigation on, the rows take the arrows and Tab still moves between fields") {
  const std::string dir = scratch("keyboard-nav");
  const std::string id = record_session(dir + "/results.db");
  Headless h(config_in(dir), kTall);
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // as the desktop shell has it
  REQUIRE(h.app().open_audit(id));
  h.frame();
  REQUIRE(h.type_into("##evidence-verify-bank-change", "Seen the procedure note"));
  CHECK(ImGui::GetIO().WantTextInput);  // Tab went on to the next field
  h.press(keys::kEscape);
  h.frame();  // ImGui says where the keyboard is a frame later
  CHECK_FALSE(ImGui::GetIO().WantTextInput);
  h.press(keys::kDown);
  CHECK(h.app().audit()->checks().selected() == 1);
  h.press(keys::kRight);  // a row not yet checked starts at "In place"
  const auto checks = audit::current_checks(h.app().db()->load_audit(id));
  REQUIRE(checks.size() == 2);
  CHECK(checks[0].evidence == "Seen the procedure note");
  CHECK(checks[1].key_action == "report-fraud");
  CHECK(checks[1].status == audit::ControlStatus::InPlace);
  // Elsewhere the keyboard navigates as before.
  REQUIRE(h.click("Results"));
  h.frame();
  CHECK((ImGui::GetIO().ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard) != 0);
}

TEST_CASE("in large text for the room, the control checks fit a 1280x800 projector's width") {
  const std::string dir = scratch("large-text");
  const std::string id = record_session(dir + "/results.db");
  const ImVec2 projector{1280, 800};
  Headless h(config_in(dir), projector);
  REQUIRE(h.app().open_audit(id));
  h.frame();
  REQUIRE(h.click("Large text for the room (F11)##audit-large"));
  CHECK(h.app().presenter);
  h.frame();
  for (const char* status : {"1  In place##status-verify-bank-change", "4  Not known##status-verify-bank-change"}) {
    const ProbeItem* item = h.probe().find(status);
    REQUIRE_MESSAGE(item != nullptr, status);
    CHECK_MESSAGE(item->max.x <= projector.x, status);
  }
  CHECK(h.probe().find("Normal text (F11)##audit-large"));
}
