// The front sheet: its file format (every problem with file:line:col, a stable code and a fix;
// hostile files refused), the store (saved per event, erased names rewritten), the command line
// and the scrutiny report in every format, Part A keeping members' names out.
#include <doctest/doctest.h>

#include <fstream>

#include "reports/render_text.hpp"
#include "sim/front_sheet.hpp"
#include "sim/store/store.hpp"
#include "tests/support/docx_read.hpp"
#include "tests/unit/report_fixture.hpp"

using namespace auditsim;
using namespace auditsim::testing;

namespace {

const std::string kData = std::string(AUDITSIM_TEST_DATA) + "/front-sheet/";
const std::string kExample = std::string(AUDITSIM_TEST_DATA) + "/../../docs/front-sheet-example.yaml";

FrontSheetResult load(const std::string& name) { return load_front_sheet_file(kData + name); }

// The first error's code, and that it names a place and a fix.
std::string first_error(const FrontSheetResult& r) {
  for (const Diagnostic& d : r.diagnostics)
    if (d.severity == Severity::Error) {
      CAPTURE(format_diagnostic(d));
      CHECK(!d.message.empty());
      CHECK(!d.hint.empty());
      return d.code;
    }
  return "";
}

FrontSheet example() {
  FrontSheetResult r = load_front_sheet_file(kExample);
  for (const Diagnostic& d : r.diagnostics) MESSAGE(format_diagnostic(d));
  REQUIRE(r.ok());
  return r.sheet;
}

}  // namespace

TEST_CASE("front sheet: the shipped example loads with every field filled in") {
  const FrontSheet s = example();
  CHECK(s.committee == "Overview and Scrutiny Committee");
  CHECK(s.meeting_date == "2027-01-14");
  CHECK(s.wards_affected == std::vector<std::string>{"All wards"});
  CHECK_FALSE(s.key_decision);
  CHECK_FALSE(s.part_b);
  CHECK(s.background_papers.size() == 2);
  CHECK(s.chairs_foreword.find("\n\nI thank") != std::string::npos);
  CHECK(!s.implications.equality.empty());
  CHECK(!s.cmt_response.empty());
  CHECK(!s.cabinet_response.empty());
}

TEST_CASE("front sheet: written out as YAML it reads back the same, odd text included") {
  FrontSheet s = example();
  s.part_b = true;
  s.key_decision = true;
  s.schedule_12a_paragraphs = {1, 7};
  s.purpose = "Quotes \" and ' and: colons, # hashes, {braces} and [brackets]";
  s.chairs_foreword = "  leading spaces\nand a trailing one \n\ttab";
  s.cmt_response = "Line one\nline two\n\nline four";
  const std::string yaml = front_sheet_to_yaml(s);
  FrontSheetResult back = parse_front_sheet(yaml, "shown.yaml");
  for (const Diagnostic& d : back.diagnostics) MESSAGE(format_diagnostic(d));
  REQUIRE(back.ok());
  CHECK(back.sheet == s);
  // A blank sheet is a complete template to fill in: every key is there.
  const std::string blank = front_sheet_to_yaml(FrontSheet{});
  for (const std::string& key : front_sheet_keys()) CHECK(blank.find(key + ":") != std::string::npos);
  CHECK(parse_front_sheet(blank, "blank.yaml").ok());
}

TEST_CASE("front sheet: an unknown key is refused at its line and column, with the key meant") {
  FrontSheetResult r = load("unknown-key.yaml");
  CHECK_FALSE(r.ok());
  CHECK(first_error(r) == kFsUnknownKey);
  const Diagnostic& d = r.diagnostics.front();
  CHECK(d.line == 3);
  CHECK(d.col == 1);
  CHECK(format_diagnostic(d).find("unknown-key.yaml:3:1: error:") != std::string::npos);
}

TEST_CASE("front sheet: wrong types, bad dates, bad paragraphs and a wrong format have their codes") {
  CHECK(first_error(load("wrong-type.yaml")) == kFsWrongType);
  CHECK(first_error(load("bad-date.yaml")) == kFsBadDate);
  CHECK(first_error(load("bad-paragraph.yaml")) == kFsBadParagraph);
  CHECK(first_error(load("part-b-without-paragraph.yaml")) == kFsBadParagraph);
  CHECK(first_error(load("part-a-with-paragraph.yaml")) == kFsBadParagraph);
  CHECK(first_error(load("wrong-format.yaml")) == kFsBadFormat);
  CHECK(first_error(load("duplicate-key.yaml")) == kFsDuplicateKey);
  CHECK(first_error(parse_front_sheet("", "empty.yaml")) == kFsBadFormat);
  CHECK(first_error(parse_front_sheet("format: auditsim-front-sheet/1\nkey_decision: maybe\n", "k.yaml")) ==
        kFsWrongType);
  CHECK(first_error(parse_front_sheet("format: auditsim-front-sheet/1\npart: C\n", "p.yaml")) == kFsBadValue);
  const FrontSheetResult date = load("bad-date.yaml");
  CHECK(date.diagnostics.front().line == 2);
  CHECK(date.diagnostics.front().col == 15);
}

TEST_CASE("front sheet: hostile files are refused, never crash: binary, deep, alias bomb, huge, a folder") {
  CHECK(first_error(load("binary.yaml")) == kFsUnreadable);
  CHECK(first_error(load("deep-nesting.yaml")) == kFsSyntax);
  CHECK(first_error(load("alias-bomb.yaml")) != "");
  CHECK_FALSE(load("alias-bomb.yaml").ok());
  CHECK(first_error(parse_front_sheet(std::string(kMaxFrontSheetBytes + 1, 'x'), "huge.yaml")) == kFsUnreadable);
  const std::string long_text = "format: auditsim-front-sheet/1\npurpose: " + std::string(kMaxFrontSheetText + 1, 'a') + "\n";
  CHECK(first_error(parse_front_sheet(long_text, "long.yaml")) == kFsTooLong);
  CHECK(first_error(load_front_sheet_file(kData)) == kFsUnreadable);
  CHECK(first_error(load_front_sheet_file(kData + "no-such-file.yaml")) == kFsUnreadable);
  CHECK(load("binary.yaml").sheet.empty());  // nothing half-read is handed on
}

TEST_CASE("front sheet: saved per event, replaced whole, refused when invalid, rewritten by erasure") {
  fs::path dir = report_scratch("front-sheet-store");
  store::Store db = standard_db(dir);
  const std::string event = db.list_sessions().front().event_name;
  CHECK_FALSE(db.load_front_sheet(event).has_value());
  CHECK_THROWS_AS(db.load_front_sheet("No such event"), store::StoreError);
  FrontSheet s = example();
  s.chairs_foreword = "With thanks to " + secret_names()[2] + ".";
  db.save_front_sheet(event, s);
  REQUIRE(db.load_front_sheet(event).has_value());
  CHECK(*db.load_front_sheet(event) == s);
  FrontSheet bad = s;
  bad.schedule_12a_paragraphs = {9};
  CHECK_THROWS_AS(db.save_front_sheet(event, bad), store::StoreError);
  CHECK(*db.load_front_sheet(event) == s);  // the refused save changed nothing
  s.committee = "Cabinet";
  db.save_front_sheet(event, s);
  CHECK(db.load_front_sheet(event)->committee == "Cabinet");

  db.erase_participant(secret_names()[2]);
  const std::string foreword = db.load_front_sheet(event)->chairs_foreword;
  CHECK(foreword.find(secret_names()[2]) == std::string::npos);
  CHECK(foreword.find("Participant ") != std::string::npos);
}

TEST_CASE("front sheet: in every format of the scrutiny report, before section 1") {
  fs::path dir = report_scratch("front-sheet-formats");
  store::Store db = standard_db(dir);
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  db.save_front_sheet(sel.event, example());
  for (reports::Part part : {reports::Part::A, reports::Part::B}) {
    const reports::ScrutinyReport r = reports::build_scrutiny(db, sel, test_settings(part));
    REQUIRE(r.front_sheet.has_value());
    for (reports::Format f : {reports::Format::Html, reports::Format::Markdown, reports::Format::Pdf,
                              reports::Format::Docx}) {
      CAPTURE(std::string(reports::format_key(f)));
      std::string text = reports::render(r, f);
      if (f == reports::Format::Pdf) text = pdf_text(text, dir).text;
      if (f == reports::Format::Docx) text = docx_visible(text);
      // Lines wrap where the layout puts them: compare without the spaces and breaks.
      text = collapse_space(text);
      auto has = [&](const std::string& s) { return text.find(collapse_space(s)) != std::string::npos; };
      const size_t sheet = text.find("Frontsheet");
      REQUIRE(sheet != std::string::npos);
      CHECK(has("Overview and Scrutiny Committee"));
      CHECK(has("14 January 2027"));
      CHECK(has("Priya Shah, Democratic Services Officer"));
      CHECK(has("risk register (CR07)"));
      CHECK(has("Scrutiny work programme 2026/27"));
      CHECK_FALSE(has("Not yet completed"));
      CHECK(sheet < text.find("Recommendationsinshort"));
    }
  }
}

TEST_CASE("front sheet: absent, every format says it is not yet completed instead of empty headings") {
  fs::path dir = report_scratch("front-sheet-absent");
  store::Store db = standard_db(dir);
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  const reports::ScrutinyReport r = reports::build_scrutiny(db, sel, test_settings(reports::Part::A));
  CHECK_FALSE(r.front_sheet.has_value());
  for (reports::Format f : {reports::Format::Html, reports::Format::Markdown, reports::Format::Pdf,
                            reports::Format::Docx}) {
    CAPTURE(std::string(reports::format_key(f)));
    std::string text = reports::render(r, f);
    if (f == reports::Format::Pdf) text = pdf_text(text, dir).text;
    if (f == reports::Format::Docx) text = docx_visible(text);
    CHECK(text.find("The front sheet has not yet been completed") != std::string::npos);
    CHECK(text.find("Not yet completed") != std::string::npos);
  }
}

TEST_CASE("front sheet: Part A keeps members' names out, officers' roles in — Part B shows them") {
  fs::path dir = report_scratch("front-sheet-part-a");
  store::Store db = standard_db(dir);
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  FrontSheetResult given = load("members-names.yaml");
  REQUIRE(given.ok());
  reports::ReportSettings a = test_settings(reports::Part::A);
  a.front_sheet = given.sheet;
  const reports::ScrutinyReport r = reports::build_scrutiny(db, sel, a);
  REQUIRE(r.front_sheet.has_value());
  CHECK_FALSE(r.settings.front_sheet.has_value());  // only the filtered copy travels on
  for (const std::string& name : {secret_names()[0], secret_names()[1]}) {
    CAPTURE(name);
    CHECK(r.front_sheet->report_author.find(name) == std::string::npos);
    CHECK(r.front_sheet->chairs_foreword.find(name) == std::string::npos);
    for (reports::Format f : {reports::Format::Html, reports::Format::Markdown}) {
      const std::string text = reports::render(r, f);
      CHECK(text.find(name) == std::string::npos);
    }
  }
  CHECK(r.front_sheet->report_author.find("Chair of the committee") != std::string::npos);
  CHECK(r.front_sheet->contact.find("Chief EHO") != std::string::npos);  // an officer's role stays

  reports::ReportSettings b = test_settings(reports::Part::B);
  b.front_sheet = given.sheet;
  const reports::ScrutinyReport rb = reports::build_scrutiny(db, sel, b);
  CHECK(rb.front_sheet->report_author.find(secret_names()[0]) != std::string::npos);
  const std::vector<std::pair<std::string, std::string>> rows = reports::text::front_sheet_rows(rb);
  bool part_line = false;
  for (const auto& [label, value] : rows)
    if (label == "Part A or Part B") part_line = value.find("Part B") == 0;
  CHECK(part_line);
}

TEST_CASE("front sheet: the command line saves, shows and uses it — a bad file saves nothing") {
  fs::path dir = report_scratch("front-sheet-cli");
  { store::Store db = standard_db(dir); }
  const std::string dbf = (dir / "results.db").string();
  store::Store db = store::Store::open(dbf);
  const std::string event = db.list_sessions().front().event_name;
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {AUDITSIM_BINARY, "--db", dbf});
    return test::run_process(args);
  };
  auto bad = run({"event", "front-sheet", event, "--set", kData + "bad-date.yaml"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("bad-date.yaml:2:15: error:") != std::string::npos);
  CHECK(bad.err.find("FS003") != std::string::npos);
  CHECK_FALSE(db.load_front_sheet(event).has_value());

  auto set = run({"event", "front-sheet", "--event", event, "--set", kExample});
  CHECK(set.exit_code == 0);
  auto shown = run({"event", "front-sheet", event, "--show"});
  CHECK(shown.exit_code == 0);
  FrontSheetResult back = parse_front_sheet(shown.out, "shown.yaml");
  REQUIRE(back.ok());
  CHECK(back.sheet == example());

  auto md = run({"report", "--event", event, "--format", "md", "--front-sheet", kData + "members-names.yaml"});
  CHECK(md.exit_code == 0);
  CHECK(md.out.find("Chair of the committee") != std::string::npos);
  CHECK(md.out.find(secret_names()[0]) == std::string::npos);
  auto saved = run({"report", "--event", event, "--format", "md"});
  CHECK(saved.out.find("Democratic Services Officer") != std::string::npos);
  auto refused = run({"report", "--event", event, "--front-sheet", kData + "unknown-key.yaml"});
  CHECK(refused.exit_code == 1);
  CHECK(refused.err.find("FS001") != std::string::npos);
}

namespace {

// A report's text in one format, PDF and Word read back as their readers see them, the spaces and
// breaks taken out (lines wrap where the layout puts them).
template <class Report>
std::string visible_text(const Report& r, reports::Format f, const fs::path& dir) {
  std::string text = reports::render(r, f);
  if (f == reports::Format::Pdf) text = pdf_text(text, dir).text;
  if (f == reports::Format::Docx) text = docx_visible(text);
  return collapse_space(text);
}

const std::vector<reports::Format> kPaperFormats{reports::Format::Html, reports::Format::Markdown,
                                                 reports::Format::Pdf, reports::Format::Docx};

}  // namespace

TEST_CASE("front sheet: a session's feedback report opens with its event's, in every format and part") {
  fs::path dir = report_scratch("front-sheet-feedback");
  store::Store db = standard_db(dir);
  const store::SessionSummary session = db.list_sessions().front();
  db.save_front_sheet(session.event_name, example());
  for (reports::Part part : {reports::Part::A, reports::Part::B}) {
    const reports::FeedbackReport r = reports::build_feedback(db, session.id, test_settings(part));
    REQUIRE(r.front_sheet.has_value());
    CHECK_FALSE(r.settings.front_sheet.has_value());  // only the filtered copy travels on
    for (reports::Format f : kPaperFormats) {
      CAPTURE(std::string(reports::format_key(f)));
      const std::string text = visible_text(r, f, dir);
      const size_t sheet = text.find("Frontsheet");
      REQUIRE(sheet != std::string::npos);
      CHECK(text.find(collapse_space("Overview and Scrutiny Committee")) != std::string::npos);
      CHECK(text.find(collapse_space("Priya Shah, Democratic Services Officer")) != std::string::npos);
      CHECK(text.find(collapse_space("Scrutiny work programme 2026/27")) != std::string::npos);
      CHECK(text.find("Notyetcompleted") == std::string::npos);
      // Before the session's facts and the body, never after them.
      CHECK(sheet < text.find(collapse_space("Scope, objectives and limitations")));
    }
  }
}

TEST_CASE("front sheet: a feedback report with none says so in every format — CSV and xAPI carry none") {
  fs::path dir = report_scratch("front-sheet-feedback-absent");
  store::Store db = standard_db(dir);
  const reports::FeedbackReport r =
      reports::build_feedback(db, db.list_sessions().front().id, test_settings(reports::Part::A));
  CHECK_FALSE(r.front_sheet.has_value());
  for (reports::Format f : kPaperFormats) {
    CAPTURE(std::string(reports::format_key(f)));
    const std::string text = visible_text(r, f, dir);
    CHECK(text.find(collapse_space("The front sheet has not yet been completed")) != std::string::npos);
  }
  for (reports::Format f : {reports::Format::Csv, reports::Format::Xapi})
    CHECK(reports::render(r, f).find("front sheet") == std::string::npos);
}

TEST_CASE("front sheet: the feedback report's Part B marking names the sheet's paragraphs unless others are chosen") {
  fs::path dir = report_scratch("front-sheet-feedback-marking");
  store::Store db = standard_db(dir);
  const store::SessionSummary session = db.list_sessions().front();
  FrontSheet sheet = example();
  sheet.part_b = true;
  sheet.schedule_12a_paragraphs = {3};
  db.save_front_sheet(session.event_name, sheet);

  const reports::FeedbackReport b = reports::build_feedback(db, session.id, test_settings(reports::Part::B));
  CHECK(b.settings.exempt_paragraphs == std::vector<int>{3});
  for (reports::Format f : kPaperFormats) {
    CAPTURE(std::string(reports::format_key(f)));
    const std::string text = visible_text(b, f, dir);
    CHECK(text.find(collapse_space(reports::text::exempt_marking({3}))) != std::string::npos);
    CHECK(text.find(collapse_space(reports::text::exempt_marking({1, 2, 7}))) == std::string::npos);
    CHECK(text.find(collapse_space("under paragraph 3 of Schedule 12A")) != std::string::npos);
  }

  reports::ReportSettings chosen = test_settings(reports::Part::B);
  chosen.exempt_paragraphs = {1, 7};
  chosen.exempt_paragraphs_chosen = true;
  const reports::FeedbackReport c = reports::build_feedback(db, session.id, chosen);
  CHECK(c.settings.exempt_paragraphs == std::vector<int>{1, 7});

  // Part A names no paragraph: the public version is not exempt.
  const reports::FeedbackReport a = reports::build_feedback(db, session.id, test_settings(reports::Part::A));
  const std::string md = reports::render(a, reports::Format::Markdown);
  CHECK(md.find("Part A \u2014 public") != std::string::npos);
  CHECK(md.find("under paragraph 3") == std::string::npos);
}

TEST_CASE("front sheet: a given one wins over the event's, and Part A keeps members' names out of it") {
  fs::path dir = report_scratch("front-sheet-feedback-given");
  store::Store db = standard_db(dir);
  const store::SessionSummary session = db.list_sessions().front();
  db.save_front_sheet(session.event_name, example());
  FrontSheetResult given = load("members-names.yaml");
  REQUIRE(given.ok());
  reports::ReportSettings a = test_settings(reports::Part::A);
  a.front_sheet = given.sheet;
  const reports::FeedbackReport r = reports::build_feedback(db, session.id, a);
  REQUIRE(r.front_sheet.has_value());
  CHECK(r.front_sheet->report_author.find("Chair of the committee") != std::string::npos);
  CHECK(r.front_sheet->contact.find("Chief EHO") != std::string::npos);  // an officer's role stays
  for (const std::string& name : {secret_names()[0], secret_names()[1]}) {
    CAPTURE(name);
    CHECK(r.front_sheet->report_author.find(name) == std::string::npos);
    for (reports::Format f : {reports::Format::Html, reports::Format::Markdown})
      CHECK(reports::render(r, f).find(name) == std::string::npos);
  }
  reports::ReportSettings b = test_settings(reports::Part::B);
  b.front_sheet = given.sheet;
  CHECK(reports::build_feedback(db, session.id, b).front_sheet->report_author.find(secret_names()[0]) !=
        std::string::npos);
}

TEST_CASE("front sheet: a scrutiny report's per-session appendices carry none of their own") {
  fs::path dir = report_scratch("front-sheet-appendix");
  store::Store db = standard_db(dir);
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  db.save_front_sheet(sel.event, example());
  reports::ReportSettings s = test_settings(reports::Part::B);
  s.per_session_appendix = true;
  const reports::ScrutinyReport r = reports::build_scrutiny(db, sel, s);
  REQUIRE(r.appendix.size() == 3);
  for (const reports::FeedbackReport& f : r.appendix) {
    CHECK_FALSE(f.front_sheet.has_value());
    CHECK_FALSE(f.settings.front_sheet.has_value());
  }
  const std::string md = reports::render(r, reports::Format::Markdown);
  const size_t first = md.find("## Front sheet");
  REQUIRE(first != std::string::npos);
  CHECK(md.find("Front sheet\n", first + 5) == std::string::npos);
}

TEST_CASE("front sheet: the command line gives one to a session's report, and refuses it for open actions") {
  fs::path dir = report_scratch("front-sheet-cli-session");
  { store::Store db = standard_db(dir); }
  const std::string dbf = (dir / "results.db").string();
  store::Store db = store::Store::open(dbf);
  const std::string session = db.list_sessions().front().id;
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {AUDITSIM_BINARY, "--db", dbf});
    return test::run_process(args);
  };
  auto md = run({"report", "--session", session, "--format", "md", "--front-sheet", kExample});
  CHECK(md.exit_code == 0);
  CHECK(md.out.find("Priya Shah, Democratic Services Officer") != std::string::npos);
  auto none = run({"report", "--session", session, "--format", "md"});
  CHECK(none.exit_code == 0);
  CHECK(none.out.find("The front sheet has not yet been completed") != std::string::npos);
  auto bad = run({"report", "--session", session, "--format", "md", "--front-sheet", kData + "bad-date.yaml"});
  CHECK(bad.exit_code == 1);
  CHECK(bad.err.find("FS003") != std::string::npos);
  CHECK(bad.out.empty());
  auto actions = run({"report", "--actions", "--format", "md", "--front-sheet", kExample});
  CHECK(actions.exit_code == 2);
  CHECK(actions.err.find("--session") != std::string::npos);
}
