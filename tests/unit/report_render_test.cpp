// Renderers on hand-built models: CSV quoting, Markdown escaping, shared wording, PDF pages and
// markings, and text that is not valid UTF-8.
#include <algorithm>

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "reports/render_text.hpp"
#include "tests/unit/report_fixture.hpp"

using namespace auditsim;
using namespace auditsim::reports;

namespace {

FeedbackReport sample(Part part, int decisions = 2) {
  FeedbackReport r;
  r.settings.part = part;
  r.settings.generated_at = "2026-03-20T10:00:00.000Z";
  r.session_id = "0a1b2c3d-0000-4000-8000-000000000001";
  r.scenario_id = "s";
  r.scenario_title = "Flat 12";
  r.mode = "group";
  r.status = "finished";
  r.rating = "Good";
  r.rating_level = 1;
  r.overall_percent = 66.6;
  for (int i = 0; i < kPillarCount; ++i) r.pillars[i] = {kPillars[i], i, 4, i != 3, i * 25.0, 0};
  for (int i = 0; i < decisions; ++i) {
    DecisionRow d;
    d.seq = i + 1;
    d.kind = "decision";
    d.node_id = "n" + std::to_string(i);
    d.node_title = "Decision " + std::to_string(i + 1);
    d.choice_id = "c";
    d.choice_text = "=cmd|' /C calc'!A0";
    d.rationale = "Line one, \"quoted\"\nline two";
    d.feedback = "Some **feedback** text that is long enough to wrap across a line or two of the page.";
    r.decisions.push_back(d);
  }
  return r;
}

// Splits RFC 4180 CSV (after the BOM) into rows of fields.
std::vector<std::vector<std::string>> parse_csv(const std::string& csv) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 3; i < csv.size(); ++i) {
    char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') quoted = true;
    else if (c == ',') rows.back().push_back(field), field.clear();
    else if (c == '\r' && i + 1 < csv.size() && csv[i + 1] == '\n') {
      rows.back().push_back(field), field.clear();
      rows.emplace_back();
      ++i;
    } else field += c;
  }
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

}  // namespace

TEST_CASE("format keys parse both ways") {
  for (Format f : {Format::Html, Format::Pdf, Format::Markdown, Format::Csv, Format::Xapi, Format::Docx})
    CHECK(parse_format(format_key(f)) == f);
  CHECK(parse_format("markdown") == Format::Markdown);
  CHECK(parse_format("word") == Format::Docx);
  CHECK_FALSE(parse_format("odt"));
  CHECK_THROWS_AS(render(OpenActionsReport{}, Format::Xapi), UnsupportedFormat);
}

TEST_CASE("CSV is UTF-8 with a BOM, RFC 4180 quoted, and safe to open in a spreadsheet") {
  const std::string csv = render_csv(sample(Part::B));
  REQUIRE(csv.rfind("\xEF\xBB\xBF", 0) == 0);
  auto rows = parse_csv(csv);
  REQUIRE(rows.size() == 3);
  for (const auto& row : rows) CHECK(row.size() == rows.front().size());
  auto column = [&](const std::string& name) {
    const auto at = std::find(rows[0].begin(), rows[0].end(), name);
    REQUIRE(at != rows[0].end());
    return static_cast<size_t>(at - rows[0].begin());
  };
  CHECK(rows[1][column("rationale")] == "Line one, \"quoted\"\nline two");  // round-trips
  CHECK(rows[1][column("choice_text")] == "'=cmd|' /C calc'!A0");           // no formula
  CHECK(csv.find("\r\n") != std::string::npos);
}

TEST_CASE("shared wording") {
  using namespace reports::text;
  CHECK(long_date("2026-03-12") == "12 March 2026");
  CHECK(long_date("next Tuesday") == "next Tuesday");
  CHECK(date_time("2026-03-12T19:04:05.123Z") == "12 March 2026, 19:04 UTC");
  CHECK(duration(65'000) == "1 min 05 s");
  CHECK(duration(4'400) == "4 s");
  CHECK(percent(66.6) == "67%");
  CHECK(signed_number(-2) == "\u22122");
  CHECK(appendix_label(0) == "Appendix A");
  CHECK(appendix_label(26) == "Appendix AA");
  CHECK(clean("a\xff" "b\r\nc\x01") == "a\uFFFDb\nc");
  CHECK(one_line(" two\n  lines ") == "two lines");
  CHECK(markdown_to_html("<script>x</script> **b**").find("<script>") == std::string::npos);
  CHECK(markdown_to_plain("- one\n- **two**") == "\u2022 one\n\u2022 two");
}

TEST_CASE("terminal Markdown: emphasis, strong and code keep plain-text marks") {
  CHECK(text::markdown_to_terminal("An *urgent* and **signed** `form`.") ==
        "An _urgent_ and *signed* `form`.");
}

TEST_CASE("terminal Markdown: a link is followed by its address, an unsafe one by nothing") {
  CHECK(text::markdown_to_terminal("See [the guide](https://example.org/g).") ==
        "See the guide <https://example.org/g>.");
  CHECK(text::markdown_to_terminal("<https://example.org>") == "https://example.org");
  CHECK(text::markdown_to_terminal("[click](javascript:alert(1))") == "click");
}

TEST_CASE("terminal Markdown: lists are numbered and nested, blocks separated by blank lines") {
  CHECK(text::markdown_to_terminal("First.\n\n3. three\n4. four\n   - inner\n     line") ==
        "First.\n\n3. three\n4. four\n   \u2022 inner line");
  CHECK(text::markdown_to_terminal("- a\n\n- b") == "\u2022 a\n\n\u2022 b");  // a loose list
}

TEST_CASE("terminal Markdown: headings are underlined, quotes marked, code indented") {
  CHECK(text::markdown_to_terminal("# Title\n\n## Part") == "Title\n=====\n\nPart\n----");
  CHECK(text::markdown_to_terminal("> said\n> so") == "> said so");
  CHECK(text::markdown_to_terminal("```\nx = 1\ny = 2\n```") == "    x = 1\n    y = 2");
}

TEST_CASE("terminal Markdown: a pipe table becomes aligned columns, anything else stays text") {
  // Columns as wide as their widest cell (counted in characters), aligned as the table says.
  CHECK(text::markdown_to_terminal("| Name | Sum |\n|:--|--:|\n| Caf\u00e9 | 10 |\n| B | 2000 |") ==
        "Name   Sum\n----  ----\nCaf\u00e9    10\nB     2000");
  CHECK(text::markdown_to_terminal("| a | b |\n|:-:|---|\n| wide cell | x |") ==
        "    a      b\n---------  -\nwide cell  x");
  // GitHub's tables need no outer pipes; a cell keeps its formatting and an escaped pipe.
  CHECK(text::markdown_to_terminal("Field | Value\n--- | ---\nBank | **changed** \\| twice\n\nAfter.") ==
        "Field  Value\n-----  -----------------\nBank   *changed* | twice\n\nAfter.");
  // A row short of cells is filled out; text after the table is its own paragraph.
  CHECK(text::markdown_to_terminal("| a | b |\n|---|---|\n| 1 |") == "a  b\n-  -\n1");
  // Without the separator row it is not a table: the lines join as one paragraph.
  CHECK(text::markdown_to_terminal("| a | b |\n| c | d |") == "| a | b | | c | d |");
}

TEST_CASE("the bare style reports use is unchanged by the terminal style") {
  CHECK(text::markdown_to_plain("# T\n\nSee *this* [link](https://x.org).\n\n1. a\n2. b") ==
        "T\nSee this link.\n\u2022 a\n\u2022 b");
  // Reports lay tables out as running text, as they always have.
  CHECK(text::markdown_to_plain("| a | b |\n|---|---|\n| 1 | 2 |") == "| a | b | |---|---| | 1 | 2 |");
}

TEST_CASE("text that is not valid UTF-8 renders in every format without failing") {
  FeedbackReport r = sample(Part::A);
  r.scenario_title = "Bad \xC3\x28 bytes \xF0\x28\x8C\x28";
  r.decisions[0].rationale = "\xFF\xFE control \x07 chars";
  for (Format f : {Format::Html, Format::Pdf, Format::Markdown, Format::Csv, Format::Xapi, Format::Docx}) {
    std::string out = render(r, f);
    CHECK_FALSE(out.empty());
  }
  CHECK_NOTHROW(nlohmann::json::parse(render_xapi(r)));
}

TEST_CASE("every page of a Part B PDF carries the exempt marking and its page number") {
  auto dir = testing::report_scratch("pdf-pages");
  FeedbackReport r = sample(Part::B, 40);
  testing::PdfText t = testing::pdf_text(render_pdf(r), dir);
  REQUIRE(t.pages >= 3);
  size_t start = 0;
  for (int page = 1; page <= t.pages; ++page) {
    size_t end = t.text.find('\f', start);
    std::string text = testing::collapse_space(t.text.substr(start, end - start));
    CHECK_MESSAGE(text.find("EXEMPTINFORMATION—notforpublication:LocalGovernmentAct1972,Schedule12A") !=
                      std::string::npos, "page " << page);
    CHECK(text.find("Page" + std::to_string(page) + "of" + std::to_string(t.pages)) != std::string::npos);
    start = end + 1;
  }
}

TEST_CASE("Part A outputs say exempt information is in Part B — Part B outputs are marked") {
  for (Format f : {Format::Html, Format::Markdown}) {
    CHECK(render(sample(Part::A), f).find("is in Part B of this report") != std::string::npos);
    CHECK(render(sample(Part::B), f).find("EXEMPT INFORMATION") != std::string::npos);
    CHECK(render(sample(Part::A), f).find("EXEMPT INFORMATION") == std::string::npos);
  }
  // The HTML marking is in the running header and footer, which print on every page.
  const std::string html = render_html(sample(Part::B));
  CHECK(html.find("<thead>") < html.find("EXEMPT INFORMATION"));
  CHECK(html.find("<tfoot>") < html.rfind("EXEMPT INFORMATION"));
}

TEST_CASE("the council's PNG logo heads every PDF page — an unreadable logo is left out") {
  FeedbackReport r = sample(Part::A);
  CHECK(render_pdf(r).find("/Subtype /Image") == std::string::npos);  // charts are vectors
  r.settings.logo_path = std::string(AUDITSIM_SCENARIOS_DIR) + "/../assets/kingsmere-logo.png";
  CHECK(render_pdf(r).find("/Subtype /Image") != std::string::npos);
  r.settings.logo_path = std::string(AUDITSIM_TEST_DATA) + "/no-such-logo.png";
  std::string pdf;
  CHECK_NOTHROW(pdf = render_pdf(r));
  CHECK(pdf.find("/Subtype /Image") == std::string::npos);
}

TEST_CASE("an unfinished team's report says in progress in every format, never the lowest rating") {
  using namespace auditsim::testing;
  const std::filesystem::path dir = report_scratch("unfinished-table");
  store::Store db = standard_db(dir);
  // One decision of two: the team is still playing when the report is made.
  const std::string id = record_session(db, hostile_scenario(), {"call"}, "Table 5");
  const ReportSettings settings = test_settings(Part::B);
  FeedbackReport r = build_feedback(db, id, settings);
  CHECK(r.rating == "In progress");
  CHECK(r.rating_level == kUnratedLevel);
  const std::string lowest = settings.scale.labels.back();
  // (CSV carries one row per decision and no rating.)
  for (Format f : {Format::Html, Format::Markdown, Format::Pdf}) {
    CAPTURE(std::string(format_key(f)));
    std::string out = render(r, f);
    if (f == Format::Pdf) out = collapse_space(pdf_text(out, dir).text);
    const std::string sentence = "No exercise rating yet: the session is in progress";
    CHECK(out.find(f == Format::Pdf ? collapse_space(sentence) : sentence) != std::string::npos);
    CHECK(out.find("Exercise rating: " + lowest) == std::string::npos);
  }
  // xAPI: attempted and answered, but neither completed nor passed/failed.
  const std::string xapi = render(r, Format::Xapi);
  CHECK(xapi.find("/verbs/completed") == std::string::npos);
  CHECK(xapi.find("/verbs/failed") == std::string::npos);

  // The evening's scrutiny report counts it apart and takes nothing it has not reached as missed.
  ScrutinyReport s = build_scrutiny(db, {"Members' evening <script> {{event}} — Noson", "", ""},
                                    settings);
  CHECK(s.ratings["In progress"] == 1);
  int counted = 0;
  for (const auto& [label, n] : s.ratings) counted += n;
  CHECK(counted == 4);
  for (const MissedKeyAction& m : s.most_missed) CHECK(m.played == 3);
}

TEST_CASE("a breach and a late achievement are reported as such, apart from what was missed") {
  using namespace auditsim::testing;
  const std::filesystem::path dir = report_scratch("breach-and-late");
  store::Store db = standard_db(dir);
  const LoadResult loaded =
      load_scenario_file(std::string(AUDITSIM_TEST_DATA) + "/good/ending-claims-proved.yaml");
  REQUIRE(loaded.scenario != nullptr);
  const std::string id =
      record_session(db, loaded.scenario, {"log-noise", "mention-police", "refer-late"}, "Table 6");
  const FeedbackReport r = build_feedback(db, id, test_settings(Part::B));
  REQUIRE(r.findings.size() == 2);
  CHECK(r.findings[0].kind == FindingKind::AchievedLate);  // high, one lower: medium
  CHECK(r.findings[0].priority == Priority::Medium);
  // A council that counts a late achievement as a miss gets it at the key action's own priority.
  reports::ReportSettings strict = test_settings(Part::B);
  strict.late_priority_drop = 0;
  const FeedbackReport r0 = build_feedback(db, id, strict);
  REQUIRE(r0.findings.size() == 2);
  CHECK(r0.findings[0].kind == FindingKind::AchievedLate);
  CHECK(r0.findings[0].priority == Priority::High);
  CHECK(r.findings[1].kind == FindingKind::Breached);
  const std::string late = "Achieved late: An adult safeguarding referral was made";
  const std::string breached = "Breached: What the police shared was not repeated";
  const std::string summary = "2 findings (0 missed, 1 breached, 1 achieved late)";
  for (Format f : {Format::Html, Format::Markdown, Format::Pdf}) {
    CAPTURE(std::string(format_key(f)));
    std::string out = render(r, f);
    if (f == Format::Pdf) out = collapse_space(pdf_text(out, dir).text);
    CHECK(out.find(f == Format::Pdf ? collapse_space(late) : late) != std::string::npos);
    CHECK(out.find(f == Format::Pdf ? collapse_space(breached) : breached) != std::string::npos);
    if (f == Format::Html) CHECK(out.find(summary) != std::string::npos);  // only HTML sums up
  }

  // The evening's scrutiny report counts the breach among the findings for that key action.
  const ScrutinyReport s = build_scrutiny(
      db, {"Members' evening <script> {{event}} — Noson", "", ""}, test_settings(Part::A));
  bool counted = false;
  for (const MissedKeyAction& m : s.most_missed) {
    if (m.finding.key_action_id != "keep-intelligence-safe") continue;
    counted = true;
    CHECK(m.breached == 1);
    CHECK(text::finding_count(m) == "1 of 1 (1 breached)");
  }
  CHECK(counted);
}

TEST_CASE("the decision log names the documents a choice handed over") {
  using namespace auditsim::testing;
  const std::filesystem::path dir = report_scratch("released-evidence");
  store::Store db = store::Store::open(dir / "results.db");
  const LoadResult loaded = load_scenario_file(std::string(AUDITSIM_TEST_DATA) + "/good/format-1.1-flow.yaml");
  REQUIRE(loaded.ok());
  const std::string id = record_session(db, loaded.scenario, {"tell-police", "go-in"}, "Table 1");
  const std::string other = record_session(db, loaded.scenario, {"ask-tenant", "go-in"}, "Table 2");
  for (Part part : {Part::A, Part::B}) {
    const FeedbackReport r = build_feedback(db, id, test_settings(part));
    REQUIRE(r.decisions.size() == 2);
    CHECK(r.decisions[0].released_evidence == std::vector<std::string>{"Housing officer's visit note"});
    CHECK(r.decisions[1].released_evidence.empty());
    for (Format f : {Format::Html, Format::Markdown}) {
      CAPTURE(std::string(format_key(f)));
      const std::string out = render(r, f);
      CHECK(out.find("Evidence released") != std::string::npos);
      CHECK(out.find(f == Format::Html ? "Housing officer&#39;s visit note" : "Housing officer's visit note") !=
            std::string::npos);
    }
    const FeedbackReport none = build_feedback(db, other, test_settings(part));
    CHECK(render(none, Format::Html).find("Evidence released") == std::string::npos);
  }
}
