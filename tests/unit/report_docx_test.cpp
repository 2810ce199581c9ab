// Word reports read back as Word and LibreOffice read them: the package's parts (libzip), each
// part well-formed XML (libxml2), headings in heading styles, real tables with a repeating header
// row, the marking in the header and footer of every page, the logo, charts with alternative
// text, a council's template's styles taken over; hostile templates refused with their code;
// and two conversions to PDF by LibreOffice, checked for text, marking and page count.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>

#include "reports/docx_template.hpp"
#include "reports/docx_zip.hpp"
#include "reports/render_text.hpp"
#include "tests/support/docx_read.hpp"
#include "tests/unit/report_fixture.hpp"

using namespace auditsim;
using namespace auditsim::testing;
using reports::Format;
using reports::Part;

namespace {

const fs::path kDocxData = fs::path(AUDITSIM_TEST_DATA) / "docx";

struct Built {
  std::string bytes;
  std::map<std::string, std::string> parts;
};

Built feedback_docx(store::Store& db, reports::ReportSettings settings) {
  const std::string id = db.list_sessions().front().id;
  Built b;
  b.bytes = reports::render(reports::build_feedback(db, id, settings, with_sample_audit()), Format::Docx);
  b.parts = docx_parts(b.bytes);
  return b;
}

Built scrutiny_docx(store::Store& db, reports::ReportSettings settings) {
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  Built b;
  b.bytes = reports::render(reports::build_scrutiny(db, sel, settings, with_sample_audit()), Format::Docx);
  b.parts = docx_parts(b.bytes);
  return b;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// The template code a refusal carries, or "" when the template is accepted.
std::string refusal_code(const std::string& path) {
  try {
    reports::load_word_template(path);
    return "";
  } catch (const reports::WordTemplateError& e) {
    CHECK_MESSAGE(std::string(e.what()).find("[" + e.code + "]") != std::string::npos, e.what());
    return e.code;
  }
}

// LibreOffice's PDF of a .docx, with a fresh profile so runs never share (or wait for) one.
PdfText libreoffice_pdf(const std::string& docx, const fs::path& dir, const std::string& name) {
  const fs::path in = dir / (name + ".docx");
  std::ofstream(in, std::ios::binary | std::ios::trunc) << docx;
  const fs::path profile = dir / ("lo-profile-" + name);
  const test::ProcessResult r = test::run_process(
      {"/usr/bin/soffice", "-env:UserInstallation=file://" + profile.string(), "--headless",
       "--norestore", "--convert-to", "pdf", "--outdir", dir.string(), in.string()});
  REQUIRE_MESSAGE(r.exit_code == 0, r.err);
  const fs::path pdf = dir / (name + ".pdf");
  REQUIRE_MESSAGE(fs::exists(pdf), "LibreOffice wrote no PDF: " << r.out << r.err);
  return pdf_text(read(pdf), dir);
}

// The text of each page: pdftotext ends every page with a form feed.
std::vector<std::string> pages_of(const PdfText& pdf) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t end = pdf.text.find('\f'); end != std::string::npos; end = pdf.text.find('\f', start)) {
    out.push_back(pdf.text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("a Word feedback report is a valid package whose every part is well-formed XML") {
  fs::path dir = report_scratch("docx-package");
  store::Store db = standard_db(dir);
  const Built b = feedback_docx(db, test_settings(Part::A));
  for (const char* part : {"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                           "word/_rels/document.xml.rels", "word/styles.xml", "word/numbering.xml",
                           "word/settings.xml", "word/fontTable.xml", "word/theme/theme1.xml",
                           "word/header1.xml", "word/footer1.xml", "docProps/core.xml", "docProps/app.xml"}) {
    CAPTURE(part);
    REQUIRE(b.parts.count(part) == 1);
    CHECK(XmlPart(b.parts.at(part)).ok());
  }
  // Every part the package holds has a content type, by override or by extension.
  XmlPart types(b.parts.at("[Content_Types].xml"));
  for (const auto& [name, bytes] : b.parts) {
    if (name == "[Content_Types].xml") continue;
    const std::string ext = name.substr(name.rfind('.') + 1);
    CHECK_MESSAGE(types.count("//ct:Override[@PartName='/" + name + "'] | //ct:Default[@Extension='" + ext + "']") >= 1,
                  name);
  }
  // Every relationship of the document points at a part that is there.
  XmlPart rels(b.parts.at("word/_rels/document.xml.rels"));
  for (const std::string& target : rels.all("//rel:Relationship/@Target"))
    CHECK_MESSAGE(b.parts.count("word/" + target) == 1, target);
  XmlPart core(b.parts.at("docProps/core.xml"));
  CHECK(core.first("//dc:creator") == test_settings(Part::A).council_name);
  CHECK(core.first("//dc:title").find("Audit feedback report") != std::string::npos);
  CHECK(core.first("//dc:language") == "en-GB");
  CHECK(XmlPart(b.parts.at("word/styles.xml")).first("//w:docDefaults//w:lang/@w:val") == "en-GB");
}

TEST_CASE("a Word report's sections are in heading styles and its tables are real tables") {
  fs::path dir = report_scratch("docx-structure");
  store::Store db = standard_db(dir);
  const Built b = feedback_docx(db, test_settings(Part::A));
  XmlPart doc(b.parts.at("word/document.xml"));
  const std::vector<std::string> h1 = doc.all("//w:p[w:pPr/w:pStyle/@w:val='Heading1']");
  for (const char* section : {"Scope, objectives and limitations", "Control checks", "Findings by priority",
                              "Members' recommendations", "Action plan", "Learning points from the exercise"})
    CHECK_MESSAGE(std::find(h1.begin(), h1.end(), section) != h1.end(), section);
  CHECK(doc.count("//w:p[w:pPr/w:pStyle/@w:val='Heading2']") >= 4);
  CHECK(doc.first("//w:p[w:pPr/w:pStyle/@w:val='Title']").find("Cyngor Ynys Môn <script>") != std::string::npos);
  // The heading styles carry outline levels, which the navigation pane and a table of contents use.
  XmlPart styles(b.parts.at("word/styles.xml"));
  for (int level = 0; level < 3; ++level)
    CHECK(styles.first("//w:style[@w:styleId='Heading" + std::to_string(level + 1) + "']/w:pPr/w:outlineLvl/@w:val") ==
          std::to_string(level));
  // Real tables: the control checks table has its header row marked to repeat on each page.
  CHECK(doc.count("//w:tbl") >= 8);
  const std::string header = "//w:tbl[w:tr[1]/w:trPr/w:tblHeader]";
  CHECK(doc.count(header) >= 4);
  CHECK(doc.count(header + "[w:tr[1]/w:tc[1]//w:t='Key action']") >= 1);
  // Rows never split across pages; bullets are a real list in the List Bullet style.
  CHECK(doc.count("//w:tr[not(w:trPr/w:cantSplit)]") == 0);
  CHECK(doc.count("//w:p[w:pPr/w:pStyle/@w:val='ListBullet']") >= 1);
  CHECK(styles.first("//w:style[@w:styleId='ListBullet']//w:numId/@w:val") == "7301");
  CHECK(XmlPart(b.parts.at("word/numbering.xml")).count("//w:num[@w:numId='7301']") == 1);
}

TEST_CASE("the Part A or Part B marking is in the header and the footer of every page") {
  fs::path dir = report_scratch("docx-marking");
  store::Store db = standard_db(dir);
  for (Part part : {Part::A, Part::B}) {
    CAPTURE(reports::text::part_label(part));
    const Built b = feedback_docx(db, test_settings(part));
    XmlPart doc(b.parts.at("word/document.xml"));
    // One section, whose default header and footer every page takes (no different first page).
    CHECK(doc.count("//w:sectPr") == 1);
    CHECK(doc.count("//w:sectPr/w:headerReference[@w:type='default']") == 1);
    CHECK(doc.count("//w:sectPr/w:footerReference[@w:type='default']") == 1);
    CHECK(doc.count("//w:sectPr/w:titlePg") == 0);
    const std::string marking = reports::text::part_marking(test_settings(part));
    const std::string style = part == Part::B ? "MarkingExempt" : "MarkingPublic";
    for (const char* p : {"word/header1.xml", "word/footer1.xml"})
      CHECK(XmlPart(b.parts.at(p)).first("//w:p[w:pPr/w:pStyle/@w:val='" + style + "']") == marking);
    XmlPart footer(b.parts.at("word/footer1.xml"));
    CHECK(footer.count("//w:fldSimple[@w:instr=' PAGE ']") == 1);
    CHECK(footer.count("//w:fldSimple[@w:instr=' NUMPAGES ']") == 1);
    // The title and the header's report line say which part this is.
    const std::string label = reports::text::part_label(part);
    CHECK(XmlPart(b.parts.at("docProps/core.xml")).first("//dc:title").find(label) != std::string::npos);
    CHECK(XmlPart(b.parts.at("word/header1.xml")).first("//w:p[1]").find(label) != std::string::npos);
    CHECK(doc.first("//w:p[1]").find(label) != std::string::npos);
  }
}

TEST_CASE("the council's logo is in the header and the charts are PNG images with alternative text") {
  fs::path dir = report_scratch("docx-images");
  store::Store db = standard_db(dir);
  auto settings = test_settings(Part::A);
  settings.logo_path = (fs::path(AUDITSIM_SCENARIOS_DIR).parent_path() / "assets" / "kingsmere-logo.png").string();
  const Built b = feedback_docx(db, settings);
  XmlPart header(b.parts.at("word/header1.xml"));
  REQUIRE(b.parts.count("word/_rels/header1.xml.rels") == 1);
  XmlPart header_rels(b.parts.at("word/_rels/header1.xml.rels"));
  const std::string rel = header.first("//a:blip/@r:embed");
  CHECK(header_rels.first("//rel:Relationship[@Id='" + rel + "']/@Target") == "media/logo.png");
  CHECK(b.parts.at("word/media/logo.png") == read(settings.logo_path));
  CHECK(header.first("//wp:docPr/@descr").find("Logo of ") == 0);
  // The 4P chart: a PNG the document embeds, described in words for those who cannot see it.
  XmlPart doc(b.parts.at("word/document.xml"));
  const std::vector<std::string> alts = doc.all("//wp:docPr/@descr");
  REQUIRE(alts.size() == 1);
  CHECK(alts.front().find("4P scores: Pursue") == 0);
  const std::string& png = b.parts.at("word/media/chart1.png");
  CHECK(png.rfind("\x89PNG\r\n", 0) == 0);
  // Drawing ids are unique across the document and its header.
  CHECK(doc.first("//wp:docPr/@id") != header.first("//wp:docPr/@id"));
  // With no logo set, the header has no image and no relationships part.
  CHECK(feedback_docx(db, test_settings(Part::A)).parts.count("word/_rels/header1.xml.rels") == 0);
  // A scrutiny report: the spread chart and one distribution chart per decision, each described.
  const Built s = scrutiny_docx(db, test_settings(Part::A));
  const std::vector<std::string> scrutiny_alts = XmlPart(s.parts.at("word/document.xml")).all("//wp:docPr/@descr");
  REQUIRE(scrutiny_alts.size() >= 2);
  CHECK(scrutiny_alts.front().find("4P distribution across sessions") == 0);
  auto starting = [&](const std::string& words) {
    return std::count_if(scrutiny_alts.begin(), scrutiny_alts.end(),
                         [&](const std::string& alt) { return alt.rfind(words, 0) == 0; });
  };
  CHECK(starting("How the sessions chose at") >= 2);
  CHECK(starting("4P scores: Pursue") == 3);  // one radar in each session's appendix
  CHECK(starting("4P distribution across sessions") == 1);
}

TEST_CASE("a council's template gives the report its styles, and what it lacks comes from the default") {
  fs::path dir = report_scratch("docx-template");
  // The council's template: the default with Heading 1 in the council's magenta, a style of its
  // own, and no List Bullet style and no list numbering at all.
  auto parts = docx_parts(reports::default_word_template_docx());
  std::string& styles = parts.at("word/styles.xml");
  const std::string heading = "w:styleId=\"Heading1\"";
  const size_t at = styles.find(heading);
  REQUIRE(at != std::string::npos);
  const size_t colour = styles.find("1D3557", at);
  styles.replace(colour, 6, "C0007A");
  const size_t bullet = styles.find("<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\">");
  REQUIRE(bullet != std::string::npos);
  styles.erase(bullet, styles.find("</w:style>", bullet) + 10 - bullet);
  styles.insert(styles.rfind("</w:styles>"),
                "<w:style w:type=\"paragraph\" w:styleId=\"CouncilCommitteeText\"><w:name w:val=\"Committee Text\"/></w:style>");
  parts.erase("word/numbering.xml");
  std::vector<reports::docx::ZipEntry> entries;
  for (auto& [name, bytes] : parts) entries.push_back({name, bytes});
  const fs::path council = dir / "council-template.docx";
  std::ofstream(council, std::ios::binary) << reports::docx::write_zip(entries);

  store::Store db = standard_db(dir);
  auto settings = test_settings(Part::A);
  settings.word_template = council.string();
  const Built b = feedback_docx(db, settings);
  XmlPart out(b.parts.at("word/styles.xml"));
  CHECK(out.first("//w:style[@w:styleId='Heading1']//w:color/@w:val") == "C0007A");
  CHECK(out.count("//w:style[@w:styleId='CouncilCommitteeText']") == 1);
  // The report's own styles it lacked are added, once each, and the bullet list with them.
  CHECK(out.count("//w:style[@w:styleId='ListBullet']") == 1);
  CHECK(out.count("//w:style[@w:styleId='Heading1']") == 1);
  CHECK(XmlPart(b.parts.at("word/numbering.xml")).count("//w:abstractNum[@w:abstractNumId='7301']") == 1);
  // The default template's report is unchanged by it.
  CHECK(XmlPart(feedback_docx(db, test_settings(Part::A)).parts.at("word/styles.xml"))
            .first("//w:style[@w:styleId='Heading1']//w:color/@w:val") == "1D3557");
}

TEST_CASE("a template that is not a usable Word document is refused with its code") {
  fs::path dir = report_scratch("docx-bad-template");
  CHECK(refusal_code((kDocxData / "not-a-zip.docx").string()) == "docx-template-not-zip");
  CHECK(refusal_code((kDocxData / "zip-without-styles.docx").string()) == "docx-template-no-styles");
  CHECK(refusal_code((kDocxData / "styles-not-well-formed.docx").string()) == "docx-template-bad-xml");
  CHECK(refusal_code((kDocxData / "styles-wrong-root.docx").string()) == "docx-template-bad-xml");
  CHECK(refusal_code((kDocxData / "styles-with-entity-expansion.docx").string()) == "docx-template-bad-xml");
  CHECK(refusal_code((kDocxData / "numbering-not-well-formed.docx").string()) == "docx-template-bad-xml");
  CHECK(refusal_code((kDocxData / "styles-over-4mb-uncompressed.docx").string()) == "docx-template-too-large");
  CHECK(refusal_code((dir / "no-such-template.docx").string()) == "docx-template-missing");
  CHECK(refusal_code(dir.string()) == "docx-template-unreadable");  // a folder
  // A file over 20 MB is refused before it is read.
  const fs::path huge = dir / "huge.docx";
  { std::ofstream(huge, std::ios::binary) << "PK"; }
  fs::resize_file(huge, reports::kMaxTemplateBytes + 1);
  CHECK(refusal_code(huge.string()) == "docx-template-too-large");
  // A truncated copy of a good template (the download cut short).
  const std::string good = reports::default_word_template_docx();
  const fs::path cut = dir / "cut-short.docx";
  std::ofstream(cut, std::ios::binary) << good.substr(0, good.size() / 2);
  CHECK(refusal_code(cut.string()) == "docx-template-not-zip");
  // The default template written out is itself a usable template.
  const fs::path saved = dir / "saved.docx";
  std::ofstream(saved, std::ios::binary) << good;
  CHECK(refusal_code(saved.string()).empty());
  // The renderer refuses a bad template the same way: a report is never made half-styled.
  store::Store db = standard_db(dir);
  auto settings = test_settings(Part::A);
  settings.word_template = (kDocxData / "not-a-zip.docx").string();
  CHECK_THROWS_AS(feedback_docx(db, settings), reports::WordTemplateError);
}

TEST_CASE("text with XML's special characters and control characters leaves every part valid") {
  reports::FeedbackReport r;
  r.settings.council_name = "Council <&> \"quoted\" 'apos' \x01\x02\x1b[31m";
  r.settings.generated_at = "2026-03-20T10:00:00.000Z";
  r.scenario_title = "A & B <c> ]]> \x0b\x0c\x7f \xef\xbf\xbe\xef\xbf\xbf \xff\xfe bad bytes \xed\xa0\x80";
  r.scenario_summary = "Summary with <script>alert(1)</script> and a \x00 NUL";
  r.event_name = "Tab\there, line\nthere";
  reports::DecisionRow d;
  d.seq = 1;
  d.kind = "decision";
  d.node_title = "Node & <title>";
  d.choice_text = "Choice \x08 with backspace";
  d.rationale = "Rationale ]]> <![CDATA[ x ]]>";
  d.feedback = "**Bold** & <i>raw html</i>\n\n- item one\n- item \x03 two";
  r.decisions.push_back(d);
  const std::string bytes = reports::render(r, Format::Docx);
  const auto parts = docx_parts(bytes);
  REQUIRE(!parts.empty());
  for (const auto& [name, xml] : parts) {
    if (name.find("media/") != std::string::npos) continue;
    CAPTURE(name);
    CHECK(XmlPart(xml).ok());
    for (unsigned char c : xml) CHECK_MESSAGE((c >= 0x20 || c == '\n' || c == '\r' || c == '\t'), int(c));
    CHECK(xml.find("\xef\xbf\xbe") == std::string::npos);  // U+FFFE is not an XML character
  }
  const std::string text = docx_visible(bytes);
  CHECK(text.find("A & B <c> ]]>") != std::string::npos);
  CHECK(text.find("Node & <title>") != std::string::npos);
  CHECK(text.find("Rationale ]]> <![CDATA[ x ]]>") != std::string::npos);
  CHECK(text.find("Tab\there, line\nthere") == std::string::npos);  // one line in the facts table
  CHECK(text.find("ListBullet: item one") != std::string::npos);
  CHECK(text.find("Quote: Summary with") != std::string::npos);
}

TEST_CASE("LibreOffice opens the Word feedback report: its text, marking on every page and page count") {
  fs::path dir = report_scratch("docx-libreoffice-feedback");
  store::Store db = standard_db(dir);
  const Built b = feedback_docx(db, test_settings(Part::B));
  const PdfText pdf = libreoffice_pdf(b.bytes, dir, "feedback");
  CHECK(pdf.pages >= 3);
  CHECK(pdf.pages <= 12);
  const std::string text = collapse_space(pdf.text);
  for (const char* words : {"Audit feedback report", "Control checks", "Members' recommendations",
                            "Action plan", "Decision log", "Siân Ŵyn-Hughes", "SECRET-NOTE-7731"})
    CHECK_MESSAGE(text.find(collapse_space(words)) != std::string::npos, words);
  const std::vector<std::string> pages = pages_of(pdf);
  CHECK(pages.size() == static_cast<size_t>(pdf.pages));
  for (size_t i = 0; i < pages.size(); ++i) {
    CAPTURE(i + 1);
    const std::string page = collapse_space(pages[i]);
    const std::string marking = collapse_space(reports::text::part_marking(test_settings(Part::B)));
    CHECK(page.find(marking) != std::string::npos);
    CHECK(page.find(marking) != page.rfind(marking));
    CHECK(page.find(collapse_space("Page " + std::to_string(i + 1) + " of " + std::to_string(pdf.pages))) != std::string::npos);
  }
}

TEST_CASE("LibreOffice opens the Word scrutiny report in Part A with no name in it") {
  fs::path dir = report_scratch("docx-libreoffice-scrutiny");
  store::Store db = standard_db(dir, /*include_exempt=*/true);
  const Built b = scrutiny_docx(db, test_settings(Part::A));
  const PdfText pdf = libreoffice_pdf(b.bytes, dir, "scrutiny");
  CHECK(pdf.pages >= 4);
  const std::string text = collapse_space(pdf.text);
  for (const char* words : {"Scrutiny report", "Front sheet", "1. Chair's foreword", "6. Recommendations", "10. Glossary",
                            "Appendix A"})
    CHECK_MESSAGE(text.find(collapse_space(words)) != std::string::npos, words);
  for (const char* secret : {"Siân Ŵyn-Hughes", "SECRET-NOTE-7731", "O'Brien"})
    CHECK_MESSAGE(text.find(collapse_space(secret)) == std::string::npos, secret);
  for (const std::string& page : pages_of(pdf))
    CHECK(collapse_space(page).find(collapse_space(reports::text::part_marking(test_settings(Part::A)))) != std::string::npos);
}
