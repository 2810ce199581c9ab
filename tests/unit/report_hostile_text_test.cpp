// Report text and files an attacker controls: formulas hidden behind blanks in CSV, script and
// local-file links in scenario Markdown, remote loads in HTML, invalid UTF-8 in stored text, a
// logo that is a pipe or an endless device, and a single "word" long enough to stall PDF layout.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <chrono>
#include <string>

#include "reports/logo.hpp"
#include "reports/markdown_links.hpp"
#include "reports/render_text.hpp"
#include "reports/text_breaks.hpp"
#include "sim/utf8.hpp"
#include "tests/unit/report_fixture.hpp"

using namespace auditsim;
using namespace auditsim::testing;

namespace {

reports::FeedbackReport one_report(const fs::path& dir, reports::Part part = reports::Part::A) {
  store::Store db = store::Store::open(dir / "results.db");
  const std::string id = record_session(db, hostile_scenario(), {"call", "report"}, "Table 1");
  return reports::build_feedback(db, id, test_settings(part));
}

template <class F>
double seconds(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

const std::string kBadLinks =
    "[RUNLINK](javascript:alert(1)) [CAPSLINK](JAVASCRIPT:alert(3)) "
    "[ENTITYLINK](&#106;avascript:alert(4)) "
    "[LOCALLINK](file:///etc/passwd) [PAGELINK](data:text/html;base64,PHNjcmlwdD4=) "
    "![PIXEL](data:image/png;base64,iVBORw0KGgo=) [VBLINK](vbscript:msgbox) "
    "[OKLINK](https://www.gov.uk/report-fraud)\n\n[REFLINK][r]\n\n[r]: javascript:alert(6)\n";

}  // namespace

TEST_CASE("CSV formula guard covers a leading space, tab or CR before = + - @") {
  const fs::path dir = report_scratch("csv-blank-formula");
  reports::FeedbackReport r = one_report(dir);
  REQUIRE_FALSE(r.decisions.empty());
  r.decisions[0].rationale = " =HYPERLINK(\"http://evil\")";
  r.decisions[0].dissent = "\t+SUM(A1)";
  r.decisions[0].choice_text = "\r@cmd";
  const std::string csv = reports::render_csv(r);
  CHECK(csv.find("' =HYPERLINK") != std::string::npos);
  CHECK(csv.find("'\t+SUM(A1)") != std::string::npos);
  CHECK(csv.find("'\n@cmd") != std::string::npos);
  CHECK(csv.find(", =HYPERLINK") == std::string::npos);
}

TEST_CASE("unsafe URL schemes are recognised however they are spelt") {
  using reports::text::is_unsafe_url;
  CHECK(is_unsafe_url("javascript:alert(1)"));
  CHECK(is_unsafe_url(" JaVaScRiPt:alert(1)"));
  CHECK(is_unsafe_url("java\tscript:alert(1)"));
  CHECK(is_unsafe_url("file:///etc/passwd"));
  CHECK(is_unsafe_url("data:image/png;base64,AAAA"));
  CHECK(is_unsafe_url("vbscript:x"));
  CHECK_FALSE(is_unsafe_url("https://www.gov.uk/"));
  CHECK_FALSE(is_unsafe_url("mailto:audit@example.gov.uk"));
  CHECK_FALSE(is_unsafe_url("#section"));
}

TEST_CASE("HTML reports drop javascript:, file: and data: links from scenario text") {
  const fs::path dir = report_scratch("html-bad-links");
  reports::FeedbackReport r = one_report(dir);
  r.scenario_summary = kBadLinks;
  const std::string html = reports::render_html(r);
  for (const char* gone : {"javascript:", "JAVASCRIPT:", "file:///etc", "data:text/html",
                           "iVBORw0KGgo", "vbscript"}) {
    INFO(gone);
    CHECK(html.find(gone) == std::string::npos);
  }
  CHECK(html.find("href=\"https://www.gov.uk/report-fraud\"") != std::string::npos);
  // An autolink's text is its address: it stays as words, no longer a link.
  r.scenario_summary = "<javascript:alert(5)>";
  CHECK(reports::render_html(r).find("href=\"javascript") == std::string::npos);
  for (const char* kept : {"RUNLINK", "CAPSLINK", "ENTITYLINK", "LOCALLINK", "PAGELINK", "PIXEL",
                           "REFLINK"}) {
    INFO(kept);  // the link's words stay, as text
    CHECK(html.find(kept) != std::string::npos);
  }
}

TEST_CASE("Markdown reports drop javascript:, file: and data: links from scenario text") {
  const fs::path dir = report_scratch("md-bad-links");
  reports::FeedbackReport r = one_report(dir);
  r.scenario_summary = kBadLinks;
  const std::string md = reports::render_markdown(r);
  INFO(md.substr(0, 1500));
  for (const char* gone : {"javascript:", "JAVASCRIPT:", "&#106;avascript", "file:///etc",
                           "data:text/html", "iVBORw0KGgo", "vbscript"}) {
    INFO(gone);
    CHECK(md.find(gone) == std::string::npos);
  }
  CHECK(md.find("https://www.gov.uk/report-fraud") != std::string::npos);
  for (const char* kept : {"RUNLINK", "CAPSLINK", "LOCALLINK", "PAGELINK", "PIXEL", "REFLINK"}) {
    INFO(kept);
    CHECK(md.find(kept) != std::string::npos);
  }
}

TEST_CASE("HTML reports carry a Content-Security-Policy that loads nothing remote") {
  const fs::path dir = report_scratch("html-csp");
  const std::string html = reports::render_html(one_report(dir));
  const size_t at = html.find("http-equiv=\"Content-Security-Policy\"");
  REQUIRE(at != std::string::npos);
  CHECK(at < html.find("<style>"));
  const std::string policy = html.substr(at, html.find('>', at) - at);
  CHECK(policy.find("default-src 'none'") != std::string::npos);
  CHECK(policy.find("img-src data:") != std::string::npos);
  CHECK(policy.find("http") == policy.find("http-equiv"));  // no remote source allowed
}

TEST_CASE("report text cleaner replaces surrogates, overlong forms and values above U+10FFFF") {
  const std::string bad = std::string("a\xED\xA0\x80") + "b\xC0\xAF" + "c\xF4\x90\x80\x80" + "d";
  const std::string c = reports::text::clean(bad);
  CHECK(utf8::is_valid(c));
  CHECK(c.find("\xED\xA0\x80") == std::string::npos);
  CHECK(c.find("\xF4\x90") == std::string::npos);
  CHECK(c.front() == 'a');
  CHECK(c.back() == 'd');
  const fs::path dir = report_scratch("pdf-bad-utf8");
  reports::FeedbackReport r = one_report(dir);
  r.decisions[0].rationale = "Rationale " + bad + " END-OF-RATIONALE";
  const PdfText pdf = pdf_text(reports::render_pdf(r), dir);
  CHECK(pdf.text.find("END-OF-RATIONALE") != std::string::npos);
}

TEST_CASE("PDF of a 200,000-character word is laid out in linear time, every character kept") {
  const fs::path dir = report_scratch("pdf-long-word");
  reports::FeedbackReport r = one_report(dir);
  std::string word;
  for (int i = 0; i < 20'000; ++i) word += "abcdefghij";
  r.scenario_summary = "START " + word + " END";
  std::string pdf;
  const double took = seconds([&] { pdf = reports::render_pdf(r); });
  // Quadratic layout took minutes for this; linear takes well under a second. The bound is
  // generous for slow, shared machines.
  CHECK(took < 30.0);
  const PdfText text = pdf_text(pdf, dir);
  const std::string flat = collapse_space(text.text);
  CHECK(flat.find("START" + word.substr(0, 1000)) != std::string::npos);
  CHECK(flat.find(word.substr(word.size() - 1000) + "END") != std::string::npos);
  // Each page's running header and footer cut into the word once; nothing else is lost.
  size_t pieces = 0;
  for (size_t at = flat.find("abcdefghij"); at != std::string::npos; at = flat.find("abcdefghij", at + 10))
    ++pieces;
  CHECK(pieces + static_cast<size_t>(text.pages) >= 20'000u);
}

TEST_CASE("break opportunities go only into long unbroken runs, never inside a character") {
  using reports::pdf::kMaxUnbrokenRun;
  CHECK(reports::pdf::with_break_opportunities("short words stay as they are") ==
        "short words stay as they are");
  const std::string emoji_run = [] {
    std::string s;
    for (int i = 0; i < 100; ++i) s += "\xF0\x9F\x98\x80";
    return s;
  }();
  const std::string broken = reports::pdf::with_break_opportunities(emoji_run);
  CHECK(utf8::is_valid(broken));
  CHECK(broken.size() == emoji_run.size() + 3);  // one U+200B after 64 characters
  CHECK(broken.find("\xE2\x80\x8B") == kMaxUnbrokenRun * 4);
}

TEST_CASE("a logo that is a FIFO, a device or a folder is refused without reading it") {
  const fs::path dir = report_scratch("logo-special");
  const fs::path fifo = dir / "logo.png";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  std::string problem;
  double took = seconds([&] { CHECK_FALSE(reports::read_logo(fifo.string(), &problem)); });
  CHECK(took < 2.0);
  CHECK(problem.find("named pipe") != std::string::npos);
  took = seconds([&] { CHECK_FALSE(reports::read_logo("/dev/zero", &problem)); });
  CHECK(took < 2.0);
  CHECK(problem.find("device") != std::string::npos);
  CHECK_FALSE(reports::read_logo(dir.string(), &problem));
  CHECK(problem.find("folder") != std::string::npos);
}

TEST_CASE("a logo larger than its cap is refused and never read whole") {
  const fs::path dir = report_scratch("logo-large");
  {
    std::ofstream out(dir / "big.png", std::ios::binary);
    out << "\x89PNG" << std::string(reports::kMaxLogoBytes, 'x');
  }
  std::string problem;
  CHECK_FALSE(reports::read_logo((dir / "big.png").string(), &problem));
  CHECK(problem.find("2 MB") != std::string::npos);
  CHECK(reports::read_logo(std::string(AUDITSIM_SCENARIOS_DIR) + "/../assets/kingsmere-logo.png"));
}

TEST_CASE("HTML and PDF reports with a FIFO as logo render at once, without a logo") {
  const fs::path dir = report_scratch("logo-fifo-render");
  REQUIRE(::mkfifo((dir / "logo.png").c_str(), 0600) == 0);
  reports::FeedbackReport r = one_report(dir);
  r.settings.logo_path = (dir / "logo.png").string();
  std::string html, pdf;
  const double took = seconds([&] {
    html = reports::render_html(r);
    pdf = reports::render_pdf(r);
  });
  CHECK(took < 10.0);
  CHECK(html.find("<img src=") == std::string::npos);
  CHECK(pdf.rfind("%PDF", 0) == 0);
}
