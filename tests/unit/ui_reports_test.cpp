// Reports and event charts from the desktop program: the report controller on its own, then the
// Debrief and Results screens driven headless (a session clicked through, a Part A report saved;
// an event's charts drawn from the scrutiny model).
#include <doctest/doctest.h>

#include "tests/support/test_files.hpp"
#include "tests/support/ui_app_config.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "tests/unit/report_fixture.hpp"
#include "ui/app/headless.hpp"
#include "ui/controllers/event_overview.hpp"
#include "ui/controllers/report_export.hpp"
#include "ui/controllers/word_template_check.hpp"

namespace fs = std::filesystem;
using namespace auditsim;
using namespace auditsim::ui;

namespace {

using auditsim::test::kTutorial;

std::string slurp(const fs::path& p) { return auditsim::test::file_bytes(p); }

std::string scratch(const std::string& name) {
  return auditsim::test::fresh_scratch_dir("ui-reports-" + name).string();
}

using auditsim::test::app_config_in;

// Draws frames until `done` holds. Background jobs finish on their own thread: before each frame
// the test waits for them, so the frame takes their result. False when it never holds.
template <typename F>
bool frames_until(Headless& h, F done) {
  for (int i = 0; i < 20; ++i) {
    if (done()) return true;
    h.app().debrief_report().wait();
    h.app().results_report().wait();
    h.app().overview().wait();
    h.frame();
  }
  return done();
}

void acknowledge_all(Headless& h) {
  for (int guard = 0; guard < 20 && h.probe().find("Acknowledge"); ++guard) h.click("Acknowledge");
}

// Clicks the first enabled choice until team t's session ends.
void play_to_end(Headless& h, int t, bool last_choice = false) {
  int guard = 0;
  while (!h.app().play()->teams()[t].session->finished() && guard++ < 50) {
    acknowledge_all(h);
    std::vector<ProbeItem> cs;
    for (const auto& it : h.probe().items())
      if (it.kind == "choice" && it.enabled) cs.push_back(it);
    REQUIRE_FALSE(cs.empty());
    REQUIRE(h.click((last_choice ? cs.back() : cs.front()).label));
  }
  acknowledge_all(h);
}

}  // namespace

TEST_CASE("report file names, folders and extensions follow the form") {
  Settings s;
  s.data_folder = "/data/auditsim";
  CHECK(file_slug("Flat 12, Millbrook Court!") == "flat-12-millbrook-court");
  CHECK(file_slug("Ŵyn \xE2\x80\x94 ") == "yn");
  CHECK(file_slug("") == "report");
  ReportRequest r;
  r.kind = ReportKind::Scrutiny;
  r.title = "Members' evening";
  r.format = reports::Format::Xapi;
  r.part = reports::Part::B;
  const std::string p = default_report_path(s, r);
  CHECK(p.ends_with("/members-evening-scrutiny-part-b.json"));
  CHECK(with_format_extension("/x/report.html", reports::Format::Pdf) == "/x/report.pdf");
  CHECK(with_format_extension("/x/report.txt", reports::Format::Pdf) == "/x/report.txt");
  s.council_name = "Preston City Council";
  s.logo_path = "/x/logo.png";
  s.scale.labels[0] = "Full";
  const reports::ReportSettings rs = report_settings(s, reports::Part::A);
  CHECK(rs.council_name == "Preston City Council");
  CHECK(rs.logo_path == "/x/logo.png");
  CHECK(rs.scale.labels[0] == "Full");
  CHECK_FALSE(rs.generated_at.empty());
}

TEST_CASE("each team of a teams run gets its own default report file") {
  Settings s;
  s.data_folder = "/data/auditsim";
  ReportRequest r;
  r.kind = ReportKind::Feedback;
  r.title = "A very long scenario title that runs well past the sixty characters of a slug";
  r.team = "Red table";
  const std::string red = default_report_path(s, r);
  r.team = "Blue table";
  const std::string blue = default_report_path(s, r);
  CHECK(red != blue);
  CHECK(red.ends_with("-red-table-feedback-part-a.html"));
  CHECK(blue.ends_with("-blue-table-feedback-part-a.html"));
}

TEST_CASE("saving a report over an existing file waits for the user to say replace") {
  const fs::path dir = testing::report_scratch("ui-export-replace");
  std::string session;
  {
    store::Store db = testing::standard_db(dir);
    session = db.list_sessions().at(0).id;
  }
  ReportRequest r;
  r.subject = session;
  r.path = (dir / "feedback.html").string();
  { std::ofstream(r.path) << "last week's report"; }
  ReportExporter ex;
  REQUIRE(ex.start((dir / "results.db").string(), r, {}));
  CHECK_FALSE(ex.busy());  // nothing is written yet
  REQUIRE(ex.awaiting_replace());
  CHECK(*ex.awaiting_replace() == r.path);
  ex.cancel_replace();
  CHECK_FALSE(ex.awaiting_replace());
  CHECK(slurp(r.path) == "last week's report");
  // Written directly, the file is refused too.
  store::Store db = store::Store::open(dir / "results.db");
  CHECK_THROWS_WITH_AS(write_report(db, r, {}), doctest::Contains("already exists"), std::runtime_error);
  CHECK(slurp(r.path) == "last week's report");
  // Once the user says replace, it is written.
  REQUIRE(ex.start((dir / "results.db").string(), r, {}));
  ex.confirm_replace();
  ex.wait();
  auto o = ex.poll();
  REQUIRE(o);
  INFO(o->message);
  CHECK(o->ok);
  CHECK(slurp(r.path).find("<html") != std::string::npos);
}

TEST_CASE("reports written by the controller keep names out of Part A in every text format") {
  const fs::path dir = testing::report_scratch("ui-export");
  std::string session;
  {
    store::Store db = testing::standard_db(dir);
    session = db.list_sessions().at(0).id;
  }
  Settings settings;
  for (reports::Format f : kReportFormats) {
    for (ReportKind kind : {ReportKind::Feedback, ReportKind::Scrutiny}) {
      ReportExporter ex;
      ReportRequest r;
      r.kind = kind;
      r.subject = kind == ReportKind::Feedback ? session : "Members' evening <script> {{event}} — Noson";
      r.format = f;
      r.path = (dir / (std::string("out-") + (kind == ReportKind::Feedback ? "f" : "s") + format_extension(f))).string();
      REQUIRE(ex.start((dir / "results.db").string(), r, report_settings(settings, reports::Part::A)));
      ex.wait();
      auto o = ex.poll();
      REQUIRE(o);
      INFO(o->message);
      REQUIRE(o->ok);
      CHECK(o->message == "Saved to " + r.path);
      const std::string bytes = slurp(r.path);
      CHECK(bytes.size() == o->bytes);
      CHECK(bytes.size() > 100);
      CHECK_FALSE(fs::exists(r.path + ".partial"));
      if (f == reports::Format::Pdf) {
        CHECK(bytes.starts_with("%PDF"));
        continue;  // PDF text is compressed; the reports' own tests extract and check it
      }
      if (f == reports::Format::Docx) {
        CHECK(bytes.starts_with("PK\x03\x04"));
        continue;  // so is Word's: report_safety_test reads it back
      }
      for (const auto& name : testing::secret_names()) CHECK(bytes.find(name) == std::string::npos);
      CHECK(bytes.find("SECRET-NOTE-7731") == std::string::npos);
    }
  }
}

TEST_CASE("a report that cannot be built or written says why and leaves nothing behind") {
  const fs::path dir = testing::report_scratch("ui-export-fail");
  { store::Store db = testing::standard_db(dir); }
  ReportExporter ex;
  ReportRequest r;
  r.subject = "no-such-session";
  r.path = (dir / "missing.html").string();
  REQUIRE(ex.start((dir / "results.db").string(), r, {}));
  CHECK_FALSE(ex.start((dir / "results.db").string(), r, {}));  // one at a time
  ex.wait();
  auto o = ex.poll();
  REQUIRE(o);
  CHECK_FALSE(o->ok);
  CHECK_FALSE(o->message.empty());
  CHECK_FALSE(fs::exists(r.path));
  // A folder that cannot be created.
  { std::ofstream(dir / "a-file") << "x"; }
  r.kind = ReportKind::OpenActions;
  r.path = (dir / "a-file" / "inside" / "actions.html").string();
  REQUIRE(ex.start((dir / "results.db").string(), r, {}));
  ex.wait();
  o = ex.poll();
  REQUIRE(o);
  CHECK_FALSE(o->ok);
  CHECK(o->message.find("could not be written") != std::string::npos);
}

TEST_CASE("the event overview builds the scrutiny model off the frame and lists each team") {
  const fs::path dir = testing::report_scratch("ui-overview");
  { store::Store db = testing::standard_db(dir); }
  EventOverview ov;
  reports::ReportSettings s;
  CHECK(ov.request((dir / "results.db").string(), "Members' evening <script> {{event}} — Noson", s));
  CHECK_FALSE(ov.request((dir / "results.db").string(), "Members' evening <script> {{event}} — Noson", s));
  ov.wait();
  REQUIRE(ov.poll());
  REQUIRE(ov.report());
  CHECK(ov.report()->sessions == 3);
  REQUIRE(ov.teams().size() == 3);
  CHECK(ov.teams()[0].name == "Table 1 — Bwrdd 1");
  CHECK(ov.teams()[0].percent[static_cast<int>(Pillar::Protect)] >
        ov.teams()[2].percent[static_cast<int>(Pillar::Protect)]);
  CHECK_FALSE(ov.report()->most_missed.empty());
  // Part B is another build; an unknown event is an error in words, not a crash.
  s.part = reports::Part::B;
  CHECK(ov.request((dir / "results.db").string(), "no such event", s));
  ov.wait();
  REQUIRE(ov.poll());
  CHECK(ov.report() == nullptr);
  CHECK_FALSE(ov.error().empty());
}

TEST_CASE("a group session clicked through to the debrief saves a Part A HTML report without names") {
  const std::string dir = scratch("debrief");
  Headless h(app_config_in(dir), {1280, 2400});
  LoadResult lr = load_scenario_file(kTutorial);
  REQUIRE(lr.ok());
  SessionSetup setup;
  setup.mode = store::Mode::Group;
  store::Event ev;
  ev.name = "Audit committee desktop audit";
  setup.event = ev;
  setup.participants = {{"Cllr Ann Jones", store::Role::Member}, {"Gwyn Ŵyn-Price", store::Role::Staff}};
  REQUIRE(h.app().start_play(lr.scenario, setup));
  h.frame();
  play_to_end(h, 0);
  REQUIRE(h.click("Open the debrief"));
  REQUIRE(h.app().screen() == Screen::Debrief);
  // Part A and HTML are the defaults; the file goes where it is typed.
  const std::string out = dir + "/reports/feedback.html";
  REQUIRE(h.type_into("##report-path##debrief", out));
  // A Part A report is saved only after the author has checked the names in it.
  CHECK_FALSE(h.click("Save report##debrief"));
  REQUIRE(h.click("Check names before saving##debrief"));
  REQUIRE(frames_until(h, [&] { return !h.app().debrief_report().reviewing(); }));
  h.frame();
  CHECK(h.probe().saw_text("No names were found to replace."));
  REQUIRE(h.click("I have checked the names##debrief-confirm"));
  h.frame();
  REQUIRE(h.click("Save report##debrief"));
  REQUIRE(frames_until(h, [&] { return !h.app().debrief_report().busy(); }));
  h.frame();
  REQUIRE(h.app().debrief_report().last());
  INFO(h.app().debrief_report().last()->message);
  REQUIRE(h.app().debrief_report().last()->ok);
  CHECK(h.probe().saw_text("Saved to " + out));
  CHECK(h.probe().find("Open folder##debrief") != nullptr);
  REQUIRE(fs::exists(out));
  const std::string html = slurp(out);
  CHECK(html.find("<html") != std::string::npos);
  CHECK(html.find(lr.scenario->title) != std::string::npos);
  CHECK(html.find("Cllr Ann Jones") == std::string::npos);
  CHECK(html.find("Gwyn") == std::string::npos);
}

TEST_CASE("the Results screen draws an event's charts from the scrutiny model") {
  const std::string dir = scratch("event");
  Headless h(app_config_in(dir), {1280, 2400});
  LoadResult lr = load_scenario_file(kTutorial);
  REQUIRE(lr.ok());
  SessionSetup setup;
  setup.mode = store::Mode::Teams;
  setup.teams = {"Table A", "Table B"};
  store::Event ev;
  ev.name = "Member training evening";
  setup.event = ev;
  REQUIRE(h.app().start_play(lr.scenario, setup));
  h.frame();
  for (int t = 0; t < 2; ++t) {
    h.app().play()->set_active(t);
    h.frame();
    play_to_end(h, t, t == 1);
  }
  REQUIRE(h.click("Results"));
  REQUIRE(h.click("Event charts"));
  REQUIRE(frames_until(h, [&] { return h.app().overview().report() != nullptr; }));
  h.frame();
  CHECK(h.probe().saw_text("4P by team"));
  CHECK(h.probe().saw_text("Table A"));
  CHECK(h.probe().saw_text("Table B"));
  CHECK(h.probe().saw_text("4P distribution across sessions"));
  CHECK(h.probe().saw_text("Exercise ratings"));
  CHECK(h.probe().saw_text("Outcomes"));
  CHECK(h.probe().saw_text("Most-missed key actions"));
  // The report form now writes the event's scrutiny report.
  const std::string out = dir + "/scrutiny.md";
  REQUIRE(h.click("Markdown##results-fmt"));
  REQUIRE(h.type_into("##report-path##results", out));
  REQUIRE(h.click("Check names before saving##results"));
  REQUIRE(frames_until(h, [&] { return !h.app().results_report().reviewing(); }));
  h.frame();
  REQUIRE(h.click("I have checked the names##results-confirm"));
  h.frame();
  REQUIRE(h.click("Save report##results"));
  REQUIRE(frames_until(h, [&] { return !h.app().results_report().busy(); }));
  REQUIRE(fs::exists(out));
  CHECK(slurp(out).find("Member training evening") != std::string::npos);
  REQUIRE(h.click("\xE2\x86\x90 Back to sessions"));
  CHECK(h.app().results().overview_event.empty());
}

TEST_CASE("the names check of a Part A report lists what is replaced and what looks like a name") {
  const std::string dir = scratch("names-check");
  store::Store db = testing::standard_db(dir);
  ReportRequest r;
  r.kind = ReportKind::Feedback;
  r.subject = db.list_sessions().front().id;
  reports::RedactionReview review = review_redaction(db, r, testing::test_settings(reports::Part::B));
  bool siân = false;
  for (const auto& item : review.redacted)
    siân |= item.found == "Cllr Siân Ŵyn-Hughes" && item.replaced_by.rfind("Participant ", 0) == 0;
  CHECK(siân);
}

TEST_CASE("the Word template setting is checked when it is named, and a bad one is explained") {
  WordTemplateCheck check;
  CHECK(check.problem_for("").empty());
  const std::string bad = std::string(AUDITSIM_TEST_DATA) + "/docx/not-a-zip.docx";
  CHECK(check.problem_for(bad).find("[docx-template-not-zip]") != std::string::npos);
  CHECK(check.problem_for(bad + ".missing").find("[docx-template-missing]") != std::string::npos);
  CHECK(check.problem_for("").empty());
  // Word is offered among the export formats, and its files end in .docx.
  CHECK(std::find(std::begin(kReportFormats), std::end(kReportFormats), reports::Format::Docx) !=
        std::end(kReportFormats));
  CHECK(std::string(format_label(reports::Format::Docx)) == "Word");
  CHECK(with_format_extension("/tmp/x-feedback-part-b.pdf", reports::Format::Docx) == "/tmp/x-feedback-part-b.docx");
  Settings s;
  s.word_template = bad;
  CHECK(report_settings(s, reports::Part::B).word_template == bad);
}
