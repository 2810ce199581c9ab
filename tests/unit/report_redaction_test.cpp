// Part A redaction end to end: every form of a participant's, the facilitator's and a listed
// person's name typed into a session is kept out of every Part A format, the author's review
// lists what was replaced and what else looks like a name, and Part B keeps the text as typed.
#include <doctest/doctest.h>

#include <algorithm>

#include "tests/unit/report_fixture.hpp"

using namespace auditsim;
using namespace auditsim::testing;
using reports::Format;
using reports::Part;

namespace {

// The forms the matcher must catch, as people type them in rationale, notes and actions.
const std::string kForms =
    "Cllr Smith disagreed. Alice Smith agreed. CLLR ALICE SMITH abstained. A. Smith noted it, "
    "seconded by Smith; Alice  Smith and Alice\xC2\xA0Smith and Alice\xE2\x80\xAF" "Smith; "
    "Smith's view and Smith\xE2\x80\x99s view. Dr Hardcastle chaired; FAY HARDCASTLE summed up; "
    "F. Hardcastle\xE2\x80\x99s notes. Mr Okafor called; OLU OKAFOR's letter; Olu\tOkafor. "
    "Bob Jones too.";
// Fragments that must not appear in Part A (PDF text loses its spaces, so single words).
const std::vector<std::string> kLeaks{"Smith", "SMITH", "Hardcastle", "HARDCASTLE", "Okafor",
                                      "OKAFOR", "Jones"};

std::string record_forms_session(store::Store& db) {
  ScenarioPtr scenario = hostile_scenario();
  ManualClock clock;
  clock.set_ms(1000);
  Session session(scenario, clock);
  RecordingSetup setup;
  setup.event_name = "Forms evening";
  setup.event_date = "2026-03-12";
  setup.event_kind = store::EventKind::TrainingEvening;
  setup.facilitator = "Dr Fay Hardcastle";
  setup.mode = store::Mode::Group;
  setup.team = "Smith's table";
  setup.participants = {{"Cllr Alice Smith", store::Role::Member}, {"Bob Jones", store::Role::Staff}};
  SessionRecorder recorder(db, session, setup);
  for (const std::string c : {"call", "report"}) {
    clock.advance_ms(30'000);
    GroupInput g;
    g.votes[c] = 2;
    g.rationale = kForms + " We met Gwen Pritchard.";
    g.dissent = kForms;
    session.choose(std::string_view(c), g);
    recorder.sync(session);
  }
  const std::string id = recorder.session_id();
  store::Note note;
  note.text = kForms;
  db.record_note(id, note);
  store::ScoreOverride o;
  o.pillar = "protect";
  o.delta = 1;
  o.reason = kForms;
  o.by = "Dr Fay Hardcastle";
  db.record_override(id, o);
  store::ActionItem a;
  a.session_id = id;
  a.action = kForms;
  a.owner = "Olu Okafor";
  db.add_action(a);
  db.add_redaction("Forms evening", "Olu Okafor");
  return id;
}

std::string visible(const std::string& bytes, Format f, const fs::path& dir) {
  return f == Format::Pdf ? pdf_text(bytes, dir).text : bytes;
}

}  // namespace

TEST_CASE("every form of every name is kept out of Part A in every format") {
  fs::path dir = report_scratch("redaction-forms");
  store::Store db = store::Store::open(dir / "results.db");
  const std::string id = record_forms_session(db);
  const auto a = test_settings(Part::A);
  reports::ScrutinySelection sel;
  sel.event = "Forms evening";
  for (Format f : {Format::Html, Format::Pdf, Format::Markdown, Format::Csv, Format::Xapi}) {
    const std::string feedback = visible(reports::render(reports::build_feedback(db, id, a), f), f, dir);
    const std::string scrutiny = visible(reports::render(reports::build_scrutiny(db, sel, a), f), f, dir);
    std::string actions;
    if (reports::supports_open_actions(f))
      actions = visible(reports::render(reports::build_open_actions(db, a), f), f, dir);
    for (const std::string& leak : kLeaks) {
      CHECK_MESSAGE(feedback.find(leak) == std::string::npos, reports::format_key(f) << " feedback has " << leak);
      CHECK_MESSAGE(scrutiny.find(leak) == std::string::npos, reports::format_key(f) << " scrutiny has " << leak);
      CHECK_MESSAGE(actions.find(leak) == std::string::npos, reports::format_key(f) << " actions have " << leak);
    }
  }
  // The text around the names survives.
  const reports::FeedbackReport r = reports::build_feedback(db, id, a);
  REQUIRE(!r.decisions.empty());
  CHECK(r.decisions[0].rationale.find(" disagreed. ") != std::string::npos);
  CHECK(r.decisions[0].rationale.find("the facilitator chaired") != std::string::npos);
  CHECK(r.decisions[0].rationale.find("[name withheld] called") != std::string::npos);
  CHECK(r.team.find("Smith") == std::string::npos);
}

TEST_CASE("the Part A review lists what was redacted and what else looks like a name") {
  fs::path dir = report_scratch("redaction-review");
  store::Store db = store::Store::open(dir / "results.db");
  const std::string id = record_forms_session(db);
  const reports::FeedbackReport r = reports::build_feedback(db, id, test_settings(Part::A));
  auto redacted = [&](const std::string& found, const std::string& by) {
    return std::any_of(r.review.redacted.begin(), r.review.redacted.end(), [&](const auto& i) {
      return i.found == found && (by.empty() || i.replaced_by == by) && i.times > 0;
    });
  };
  CHECK(redacted("Cllr Smith", ""));
  CHECK(redacted("A. Smith", ""));
  CHECK(redacted("FAY HARDCASTLE", "the facilitator"));
  CHECK(redacted("OLU OKAFOR", "[name withheld]"));
  const auto& names = r.review.look_like_names;
  CHECK(std::find(names.begin(), names.end(), "Gwen Pritchard") != names.end());
  // Part B is not filtered and has nothing to review.
  const reports::FeedbackReport b = reports::build_feedback(db, id, test_settings(Part::B));
  CHECK(b.review.redacted.empty());
  CHECK(b.decisions[0].rationale.rfind("Cllr Smith disagreed.", 0) == 0);
}
