// The Part B marking names the paragraphs of Schedule 12A in every format and carries the public
// interest test; Part A says nothing of paragraphs; CSV rows and xAPI statements carry their
// classification; open actions put the overdue ones first, with how long they are overdue.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "reports/render_text.hpp"
#include "sim/dates.hpp"
#include "tests/unit/report_fixture.hpp"

using namespace auditsim;
using namespace auditsim::testing;
using namespace auditsim::reports;

namespace {

std::string text_of(const std::string& bytes, Format f, const fs::path& dir) {
  return f == Format::Pdf ? collapse_space(pdf_text(bytes, dir).text) : bytes;
}

bool contains(const std::string& haystack, Format f, const std::string& needle) {
  return haystack.find(f == Format::Pdf ? collapse_space(needle) : needle) != std::string::npos;
}

ReportSettings part_b_with(std::vector<int> paragraphs) {
  ReportSettings s = test_settings(Part::B);
  s.exempt_paragraphs = std::move(paragraphs);
  return s;
}

// A database with one session whose open actions fall due around the report's day.
store::Store actions_db(const fs::path& dir) {
  store::Store db = store::Store::open(dir / "results.db");
  const std::string id =
      record_session(db, hostile_scenario(), {"call", "report"}, "Team 1", /*with_people=*/false);
  // record_session adds one due 2026-06-30, one with no date and one done; add the edges of
  // a report dated 2026-03-20.
  for (const auto& [action, due] : std::vector<std::pair<std::string, std::string>>{
           {"Due today", "2026-03-20"},
           {"Due yesterday", "2026-03-19"},
           {"Due a month ago", "2026-02-18"},
           {"Due tomorrow", "2026-03-21"}}) {
    store::ActionItem a;
    a.session_id = id;
    a.finding = "call-back";
    a.action = action;
    a.owner = "Head of Finance";
    a.due_date = due;
    db.add_action(a);
  }
  store::ActionItem done;
  done.session_id = id;
  done.action = "Done long ago";
  done.due_date = "2026-01-01";
  done.status = store::ActionStatus::Done;
  db.add_action(done);
  return db;
}

}  // namespace

TEST_CASE("a Part B report names its Schedule 12A paragraphs and the public interest test in every format") {
  const fs::path dir = report_scratch("marking-paragraphs");
  store::Store db = standard_db(dir);
  const std::string id = db.list_sessions().front().id;
  const FeedbackReport r = build_feedback(db, id, part_b_with({3, 7}));
  const std::string marking = text::exempt_marking({3, 7});
  CHECK(marking.find("paragraphs 3 and 7") != std::string::npos);
  CHECK(marking.find("Schedule 12A") != std::string::npos);
  for (Format f : {Format::Html, Format::Markdown, Format::Pdf}) {
    CAPTURE(std::string(format_key(f)));
    const std::string out = text_of(render(r, f), f, dir);
    CHECK(contains(out, f, marking));
    CHECK(contains(out, f, "public interest in maintaining the exemption outweighs"));
    CHECK_FALSE(contains(out, f, "paragraphs 1, 2 and 7"));
  }
  // Every PDF page's footer names the paragraphs.
  const PdfText pdf = pdf_text(render_pdf(r), dir);
  size_t from = 0;
  for (int page = 1; page <= pdf.pages; ++page) {
    CAPTURE(page);
    const size_t end = std::min(pdf.text.find('\f', from), pdf.text.size());
    CHECK(collapse_space(pdf.text.substr(from, end - from)).find(collapse_space(marking)) != std::string::npos);
    from = end + 1;
  }
  // The document's own title says Part B, as a reader's tab or file list shows it.
  CHECK(render_html(r).find("<title>Part B (exempt): ") != std::string::npos);
}

TEST_CASE("a Part A report says nothing of exemption paragraphs or the public interest test") {
  const fs::path dir = report_scratch("marking-part-a");
  store::Store db = standard_db(dir);
  const FeedbackReport r = build_feedback(db, db.list_sessions().front().id, test_settings(Part::A));
  for (Format f : {Format::Html, Format::Markdown, Format::Pdf, Format::Csv}) {
    CAPTURE(std::string(format_key(f)));
    const std::string out = text_of(render(r, f), f, dir);
    CHECK_FALSE(contains(out, f, "Schedule 12A, paragraph"));
    CHECK_FALSE(contains(out, f, "public interest in maintaining the exemption"));
    CHECK_FALSE(contains(out, f, "Part B (exempt"));
  }
  CHECK(render_html(r).find("<title>Part B") == std::string::npos);
}

TEST_CASE("every CSV row carries its classification, so a row copied out keeps its marking") {
  const fs::path dir = report_scratch("marking-csv");
  store::Store db = standard_db(dir);
  const std::string id = db.list_sessions().front().id;
  for (Part part : {Part::A, Part::B}) {
    CAPTURE(text::part_label(part));
    const ReportSettings s = part == Part::B ? part_b_with({1, 7}) : test_settings(Part::A);
    const std::string csv = render_csv(build_feedback(db, id, s, with_sample_audit()));
    const std::string expected =
        part == Part::B ? "Part B (exempt: Schedule 12A paragraphs 1 and 7)" : "Part A (public)";
    // Each table (decisions, control checks, recommendations) starts with the column, and
    // every data row begins with the classification.
    size_t rows = 0, headers = 0, start = 3;  // after the byte order mark
    while (start < csv.size()) {
      size_t end = csv.find("\r\n", start);
      if (end == std::string::npos) end = csv.size();
      const std::string line = csv.substr(start, end - start);
      // Quoted fields may hold line breaks: only lines that start a record are checked.
      if (line.rfind("classification,", 0) == 0) ++headers;
      else if (line.rfind(expected + ",", 0) == 0 || line.rfind("\"" + expected + "\",", 0) == 0) ++rows;
      start = end + 2;
    }
    CHECK(headers == 3);
    CHECK(rows >= 3);
    CHECK(csv.find(part == Part::B ? "Part A (public)" : "Part B (exempt") == std::string::npos);
  }
}

TEST_CASE("every xAPI statement carries the report's classification") {
  const fs::path dir = report_scratch("marking-xapi");
  store::Store db = standard_db(dir);
  const std::string id = db.list_sessions().front().id;
  for (Part part : {Part::A, Part::B}) {
    CAPTURE(text::part_label(part));
    const ReportSettings s = part == Part::B ? part_b_with({2, 7}) : test_settings(Part::A);
    const nlohmann::json statements = nlohmann::json::parse(render_xapi(build_feedback(db, id, s)));
    REQUIRE(statements.is_array());
    REQUIRE_FALSE(statements.empty());
    const std::string key = s.xapi_base + "/extensions/classification";
    for (const nlohmann::json& st : statements) {
      REQUIRE(st["context"]["extensions"].contains(key));
      const nlohmann::json& c = st["context"]["extensions"][key];
      CHECK(c["part"] == (part == Part::B ? "B" : "A"));
      if (part == Part::B) CHECK(c["schedule12a"] == nlohmann::json::array({2, 7}));
      else CHECK_FALSE(c.contains("schedule12a"));
    }
  }
}

TEST_CASE("Schedule 12A paragraphs: written as a list, each 1 to 7, none twice") {
  using text::check_exempt_paragraphs;
  using text::parse_exempt_paragraphs;
  CHECK(parse_exempt_paragraphs("1,2,7") == std::vector<int>{1, 2, 7});
  CHECK(parse_exempt_paragraphs("1, 2 and 7") == std::vector<int>{1, 2, 7});
  CHECK(parse_exempt_paragraphs("3") == std::vector<int>{3});
  CHECK_FALSE(parse_exempt_paragraphs(""));
  CHECK_FALSE(parse_exempt_paragraphs("one"));
  CHECK_FALSE(parse_exempt_paragraphs("1;2"));
  CHECK_FALSE(parse_exempt_paragraphs("999"));
  CHECK(check_exempt_paragraphs({1, 2, 7}).empty());
  CHECK(check_exempt_paragraphs({0}).find("1 to 7") != std::string::npos);
  CHECK(check_exempt_paragraphs({8}).find("1 to 7") != std::string::npos);
  CHECK(check_exempt_paragraphs({2, 2}).find("twice") != std::string::npos);
  CHECK_FALSE(check_exempt_paragraphs({}).empty());
  CHECK(text::paragraph_list({3}) == "paragraph 3");
  CHECK(text::paragraph_list({1, 2, 7}) == "paragraphs 1, 2 and 7");
  CHECK(std::string(text::schedule12a_description(7)).find("prevention, investigation or prosecution of crime") !=
        std::string::npos);
  CHECK(std::string(text::schedule12a_description(8)).empty());
}

TEST_CASE("open actions: overdue first and flagged with how long — due today is not overdue") {
  const fs::path dir = report_scratch("marking-open-actions");
  store::Store db = actions_db(dir);
  ReportSettings s = test_settings(Part::B);  // generated 2026-03-20
  const OpenActionsReport r = build_open_actions(db, s);
  CHECK(r.as_at == "2026-03-20");
  REQUIRE(r.actions.size() == 6);  // the done ones are not open
  CHECK(r.actions[0].action == "Due a month ago");
  CHECK(r.actions[0].overdue);
  CHECK(r.actions[0].days_overdue == 30);
  CHECK(r.actions[1].action == "Due yesterday");
  CHECK(r.actions[1].days_overdue == 1);
  CHECK(r.actions[2].action == "Due today");
  CHECK_FALSE(r.actions[2].overdue);
  CHECK(r.actions[3].action == "Due tomorrow");
  CHECK(r.actions[4].due_date == "2026-06-30");
  CHECK(r.actions[5].due_date.empty());  // no date: last
  CHECK(r.overdue == 2);
  CHECK(text::action_status(r.actions[0]) == "Open (overdue by 30 days)");
  CHECK(text::action_status(r.actions[1]) == "Open (overdue by 1 day)");
  CHECK(text::action_status(r.actions[2]) == "Open");
  for (Format f : {Format::Html, Format::Markdown, Format::Pdf, Format::Csv}) {
    CAPTURE(std::string(format_key(f)));
    const std::string out = text_of(render(r, f), f, dir);
    if (f != Format::Csv) {
      CHECK(contains(out, f, "2 of them are overdue at 20 March 2026"));
      CHECK(contains(out, f, "Open (overdue by 30 days)"));
      // Listed in that order in the document too.
      const std::string needle = f == Format::Pdf ? collapse_space("Due a month ago") : "Due a month ago";
      CHECK(out.find(needle) < out.find(f == Format::Pdf ? collapse_space("Due yesterday") : "Due yesterday"));
    } else {
      CHECK(out.find(",30,") != std::string::npos);  // days_overdue column
    }
  }
  // A day later, what was due today is overdue by one day.
  s.today = "2026-03-21";
  const OpenActionsReport later = build_open_actions(db, s);
  CHECK(later.overdue == 3);
  CHECK(later.actions[2].action == "Due today");
  CHECK(later.actions[2].days_overdue == 1);
  // A date that is not a real day is never overdue and sorts with the undated.
  CHECK(days_between("2026-02-30", "2026-03-01") == 0);
  CHECK(days_between("2024-02-28", "2024-03-01") == 2);  // a leap year
  CHECK(days_between("2026-03-20", "2026-03-19") == -1);
}
