// The printed pack: the facilitator's guide names every stage and key action; the handouts print
// no feedback, debrief, score or key action of any stage; the room's audience decides the text
// and choices; a Part B scenario is marked on every page.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "reports/pack.hpp"
#include "reports/render_text.hpp"
#include "sim/load.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/test_files.hpp"
#include "tests/unit/report_fixture.hpp"

namespace fs = std::filesystem;
using namespace auditsim;
using namespace auditsim::reports;

namespace {

const std::string kAnswers = std::string(AUDITSIM_TEST_DATA) + "/pack/answers-in-feedback-only.yaml";

ScenarioPtr load(const std::string& path) {
  LoadResult r = load_and_check(path);
  REQUIRE_MESSAGE(r.ok(), path);
  return r.scenario;
}

ScenarioPtr load_text(const std::string& yaml) {
  LoadResult r = load_scenario_text(yaml, kAnswers);
  REQUIRE(r.ok());
  return r.scenario;
}

ReportSettings fixed_settings() {
  ReportSettings s;
  s.generated_at = "2027-01-14T18:00:00Z";
  return s;
}

// Text unique to the answers in the test scenario: none may reach a table's sheet.
const std::vector<std::string> kAnswerMarkers{
    "FEEDBACK-ONLY-F1", "FEEDBACK-ONLY-F2", "FEEDBACK-ONLY-F3", "FEEDBACK-ONLY-F4",
    "FEEDBACK-ONLY-F5", "FEEDBACK-ONLY-F6", "DEBRIEF-ONLY-D1",  "DEBRIEF-ONLY-D2",
    "KEYACTION-TEXT-Q7", "KEYACTION-TEXT-R2", "DISCUSS-PROMPT-P1", "Protect +3", "Pursue +2",
    "Does the finance system stop", "Achieves", "MGMT-ACTION-A1", "MGMT-ACTION-A2"};

// The text of a PDF as a reader sees it, whitespace dropped (lines wrap anywhere).
std::string pdf_visible(const std::string& pdf, const std::string& name) {
  const fs::path dir = test::fresh_scratch_dir("pack-" + name);
  return testing::collapse_space(testing::pdf_text(pdf, dir).text);
}

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

size_t count(const std::string& hay, const std::string& needle) {
  size_t n = 0;
  for (size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + needle.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("the facilitator guide names every stage and every key action of each shipped scenario") {
  for (const std::string& file : find_scenario_files(AUDITSIM_SCENARIOS_DIR)) {
    const ScenarioPtr s = load(file);
    PackOptions o;
    o.contents = PackContents::Guide;
    const Pack p = build_pack(*s, o, fixed_settings());
    REQUIRE(p.guide);
    const std::string md = render_pack_markdown(p);
    for (const Node& n : s->nodes)
      CHECK_MESSAGE(has(md, n.id), file << ": stage " << n.id << " is not in the guide");
    for (const KeyAction& k : s->key_actions) {
      CHECK_MESSAGE(has(md, text::one_line(k.text).substr(0, 40)), file << ": " << k.id);
      if (k.control)
        CHECK_MESSAGE(has(md, text::one_line(k.control->question).substr(0, 40)), file << ": " << k.id);
    }
  }
}

TEST_CASE("the guide's PDF holds the stages, choices' scores, feedback, injects and how to score") {
  const ScenarioPtr s = load(kAnswers);
  const Pack p = build_pack(*s, {}, fixed_settings());
  const std::string seen = pdf_visible(render_pack_pdf(p), "guide");
  for (const char* expected :
       {"Facilitatorguide", "Stage1:Theinvoicearrivesagain", "Stage2:Whatnext", "Stoppedintime",
        "FEEDBACK-ONLY-F1", "DEBRIEF-ONLY-D1", "KEYACTION-TEXT-Q7", "Doesthefinancesystemstop",
        "DISCUSS-PROMPT-P1", "Protect+3", "Inject1:Thesupplierphones", "2minutesafterthestart",
        "Howtoscore", "ChoiceCistaken", "MGMT-ACTION-A1", "[ifchecked:PATH-PASSAGE-T1"})
    CHECK_MESSAGE(has(seen, expected), expected);
}

TEST_CASE("handouts print no feedback, debrief, score or key action of any stage") {
  const ScenarioPtr s = load(kAnswers);
  PackOptions o;
  o.contents = PackContents::Handouts;
  const Pack p = build_pack(*s, o, fixed_settings());
  REQUIRE_FALSE(p.guide);
  REQUIRE(p.handouts);
  const std::string md = render_pack_markdown(p);
  const std::string pdf = pdf_visible(render_pack_pdf(p), "handouts");
  for (const std::string& marker : kAnswerMarkers) {
    CHECK_MESSAGE(!has(md, marker), "Markdown handouts print " << marker);
    CHECK_MESSAGE(!has(pdf, testing::collapse_space(marker)), "PDF handouts print " << marker);
  }
  // What the tables do need is there: the stages, their choices, the documents and injects.
  for (const char* expected : {"Stage1:Theinvoicearrivesagain", "Searchtheledgerforinvoice88",
                               "Document1:Invoice88fromÅlesundSupplies", "Roadsalt", "£12,400",
                               "Invoice88waspaidon3March", "INJECT-TEXT-I1", "ENDING-TEXT-E1",
                               "[whereitapplies:PATH-PASSAGE-T1"})
    CHECK_MESSAGE(has(pdf, expected), expected);
  CHECK_FALSE(has(pdf, "Facilitatorguide"));
}

TEST_CASE("the room's audience decides the stage text and the choices, with the same letters on both") {
  const ScenarioPtr s = load(kAnswers);
  auto pack_for = [&](std::optional<Audience> a) {
    PackOptions o;
    o.audience = a;
    return build_pack(*s, o, fixed_settings());
  };
  const std::string members = render_pack_markdown(pack_for(Audience::Members));
  CHECK(has(members, "MEMBERS-STAGE-TEXT-M1"));
  CHECK_FALSE(has(members, "STAFF-STAGE-TEXT-S1"));
  CHECK(has(members, "MEMBER-CHOICE-C1"));
  CHECK_FALSE(has(members, "STAFF-CHOICE-C2"));
  const std::string staff = render_pack_markdown(pack_for(Audience::Staff));
  CHECK(has(staff, "STAFF-STAGE-TEXT-S1"));
  CHECK_FALSE(has(staff, "MEMBERS-STAGE-TEXT-M1"));
  CHECK(has(staff, "STAFF-CHOICE-C2"));
  CHECK_FALSE(has(staff, "MEMBER-CHOICE-C1"));
  // A mixed room: every audience's choices, each saying who it is for.
  const Pack mixed = pack_for(std::nullopt);
  const HandoutStage& first = mixed.handouts->stages.front();
  REQUIRE(first.choices.size() == 3);
  CHECK(first.choices[1].offered == "Members only");
  // The guide and the handout call each choice by the same letter.
  const GuideStage& guided = mixed.guide->stages.front();
  for (size_t i = 0; i < first.choices.size(); ++i) {
    CHECK(guided.choices[i].shown.letter == first.choices[i].letter);
    CHECK(guided.choices[i].shown.text == first.choices[i].text);
  }
  // For officers only the member's choice is gone and "Pay it" moves up to B.
  const Pack staff_pack = pack_for(Audience::Staff);
  REQUIRE(staff_pack.handouts->stages.front().choices.size() == 2);
  CHECK(staff_pack.handouts->stages.front().choices[1].letter == "B");
  CHECK(staff_pack.guide->stages.front().timeout.find("Choice B") != std::string::npos);
}

TEST_CASE("a Part B scenario is marked exempt on every page of the guide and of the handouts") {
  std::string yaml = test::file_bytes(kAnswers);
  yaml.replace(yaml.find("summary:"), 0, "classification: part-b\n");
  const ScenarioPtr s = load_text(yaml);
  PackOptions o;
  o.teams = {"Red", "Blue"};
  const Pack p = build_pack(*s, o, fixed_settings());
  CHECK(p.exempt);
  const fs::path dir = test::fresh_scratch_dir("pack-part-b");
  const testing::PdfText t = testing::pdf_text(render_pack_pdf(p), dir);
  REQUIRE(t.pages > 4);
  // pdftotext separates pages with a form feed.
  size_t pages_marked = 0, from = 0;
  for (int page = 0; page < t.pages; ++page) {
    const size_t end = std::min(t.text.find('\f', from), t.text.size());
    const std::string one = testing::collapse_space(t.text.substr(from, end - from));
    if (has(one, testing::collapse_space(text::kExemptMarking))) ++pages_marked;
    else MESSAGE("page " << page + 1 << " is not marked: " << one.substr(0, 120));
    from = end + 1;
  }
  CHECK(pages_marked == static_cast<size_t>(t.pages));
  CHECK(has(render_pack_markdown(p), text::kExemptMarking));
  // A Part A scenario says Part A and nothing about exemption.
  const Pack a = build_pack(*load(kAnswers), o, fixed_settings());
  const std::string seen = pdf_visible(render_pack_pdf(a), "part-a");
  CHECK(has(seen, "PartA"));
  CHECK_FALSE(has(seen, "EXEMPT"));
}

TEST_CASE("one set of handouts per team, headed with its name — without teams one set to copy") {
  const ScenarioPtr s = load(kAnswers);
  PackOptions o;
  o.contents = PackContents::Handouts;
  o.teams = {"Red", "Blue", "Green"};
  const std::string md = render_pack_markdown(build_pack(*s, o, fixed_settings()));
  CHECK(count(md, "# Handouts for Red") == 1);
  CHECK(count(md, "# Handouts for Green") == 1);
  CHECK(count(md, "Searchtheledger") == 0);  // (a sanity check of the counter's input)
  CHECK(count(md, "Search the ledger for invoice 88") == 3);
  o.teams.clear();
  const std::string one = render_pack_markdown(build_pack(*s, o, fixed_settings()));
  CHECK(count(one, "Search the ledger for invoice 88") == 1);
  CHECK(count(one, "# Handouts:") == 1);
}

TEST_CASE("conditional text is printed with its condition in the guide, as an alternative on handouts") {
  const ScenarioPtr s = load(kAnswers);
  const std::string& written = s->nodes[s->find_node("what-next")].text;
  CHECK(text_with_alternatives(*s, written, true) ==
        "The payment run closes today.[if checked:  PATH-PASSAGE-T1 The ledger shows the first payment.]\n");
  CHECK(text_with_alternatives(*s, written, false).find("[where it applies:  PATH-PASSAGE-T1") !=
        std::string::npos);
  // A text without blocks reads as written.
  CHECK(text_with_alternatives(*s, "Plain text.", true) == "Plain text.");
}

TEST_CASE("auditsim pack writes a PDF, refuses docx for now, an existing file and a bad team list") {
  const fs::path dir = test::fresh_scratch_dir("pack-cli");
  const std::string out = (dir / "pack.pdf").string();
  const std::vector<std::string> env{"XDG_CONFIG_HOME=" + dir.string()};
  auto run = [&](std::vector<std::string> args) {
    args.insert(args.begin(), AUDITSIM_BINARY);
    return test::run_process(args, "", env);
  };
  test::ProcessResult r = run({"pack", kAnswers, "--teams", "2", "-o", out});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  CHECK(test::file_bytes(out).rfind("%PDF-", 0) == 0);
  r = run({"pack", kAnswers, "-o", out});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "already exists"));
  r = run({"pack", kAnswers, "--format", "docx", "-o", (dir / "pack.docx").string()});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "not available yet"));
  CHECK_FALSE(fs::exists(dir / "pack.docx"));
  r = run({"pack", kAnswers, "--teams", "0", "-o", (dir / "none.pdf").string()});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "between 1 and"));
  r = run({"pack", kAnswers, "--teams", "Red, ,Blue", "-o", (dir / "none.pdf").string()});
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, "a team name is empty"));
  CHECK_FALSE(fs::exists(dir / "none.pdf"));
  r = run({"pack", kAnswers, "--format", "md", "--audience", "members", "--contents", "handouts"});
  REQUIRE(r.exit_code == 0);
  CHECK(has(r.out, "MEMBERS-STAGE-TEXT-M1"));
  CHECK_FALSE(has(r.out, "FEEDBACK-ONLY"));
  r = run({"pack", std::string(AUDITSIM_TEST_DATA) + "/pack/no-such-file.yaml", "-o",
           (dir / "missing.pdf").string()});
  CHECK(r.exit_code != 0);
  CHECK_FALSE(fs::exists(dir / "missing.pdf"));
}
