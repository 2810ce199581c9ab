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

TEST_CASE("front sheet: Part A keeps members' names out, officers' roles in; Part B shows them") {
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

TEST_CASE("front sheet: the command line saves, shows and uses it; a bad file saves nothing") {
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
