// The pieces behind accessible and fast reports, on their own: data-table cells labelled with
// their column headings for narrow screens, long text cut into pieces for layout, the text of a
// PDF string, the catalog and figure update, and the charts' text alternatives.
#include <doctest/doctest.h>

#include "reports/chart_text.hpp"
#include "reports/html_table_labels.hpp"
#include "reports/pdf_update.hpp"
#include "reports/text_breaks.hpp"

using namespace auditsim;
using namespace auditsim::reports;

TEST_CASE("narrow screens: each body cell of a data table carries its column heading") {
  const std::string html =
      "<p>x</p><table class=\"data\"><thead><tr><th>Due</th><th class=\"num\">Sessions &amp; <b>all</b></th></tr></thead>"
      "<tbody><tr><td>1 May</td><td class=\"num\">3</td></tr><tr><td dir=\"auto\">&lt;td&gt;</td><td>4</td><td>extra</td></tr></tbody></table>";
  const std::string out = html::label_table_cells(html);
  CHECK(out.find("<td data-label=\"Due\">1 May</td>") != std::string::npos);
  CHECK(out.find("<td data-label=\"Sessions &amp; all\" class=\"num\">3</td>") != std::string::npos);
  // Escaped text that looks like a tag is text, not a cell.
  CHECK(out.find("<td data-label=\"Due\" dir=\"auto\">&lt;td&gt;</td>") != std::string::npos);
  // A cell beyond the headings has no label; the rest of the page is untouched.
  CHECK(out.find("<td>extra</td>") != std::string::npos);
  CHECK(out.substr(0, 8) == "<p>x</p>");
}

TEST_CASE("narrow screens: a table without a header row, or a layout table, is left alone") {
  const std::string facts = "<table class=\"data facts\"><tr><th scope=\"row\">Team</th><td>A</td></tr></table>";
  CHECK(html::label_table_cells(facts) == facts);
  const std::string layout = "<table class=\"layout\"><thead><tr><th>H</th></tr></thead><tbody><tr><td>x</td></tr></tbody></table>";
  CHECK(html::label_table_cells(layout) == layout);
  const std::string unclosed = "<table class=\"data\"><thead><tr><th>H</th></tr></thead><tbody><tr><td>x";
  CHECK(html::label_table_cells(unclosed) == unclosed);
}

TEST_CASE("long text is laid out in bounded pieces that lose nothing and split no character") {
  std::string text;
  for (int i = 0; i < 3000; ++i) text += "Ŵyn ";  // spaces to break at
  text += std::string(5000, 'a');                  // a run with no break at all
  text += "\nlast line";
  for (size_t piece : {size_t(64), pdf::kLayoutPiece}) {
    CAPTURE(piece);
    const auto pieces = pdf::layout_pieces(text, piece);
    std::string joined;
    for (std::string_view p : pieces) {
      CHECK(p.size() <= piece);
      CHECK(!p.empty());
      // No piece starts inside a UTF-8 character.
      CHECK((static_cast<unsigned char>(p.front()) & 0xC0) != 0x80);
      joined += p;
    }
    CHECK(joined == text);
  }
  CHECK(pdf::layout_pieces("").size() == 1);
  // A piece ends after a space when there is one, so words stay whole.
  const auto words = pdf::layout_pieces("alpha beta gamma", 8);
  CHECK(words.front() == "alpha ");
}

TEST_CASE("PDF text strings: ASCII as it is, anything else as UTF-16 with a byte-order mark") {
  CHECK(pdf::pdf_text_string("en-GB") == "(en-GB)");
  CHECK(pdf::pdf_text_string("a (b)") == "<FEFF00610020002800620029>");
  CHECK(pdf::pdf_text_string("Ŵ") == "<FEFF0174>");
  CHECK(pdf::pdf_text_string("\U0001F600") == "<FEFFD83DDE00>");
}

TEST_CASE("the PDF update adds language and alternative text, or leaves a strange file alone") {
  const std::string not_pdf = "hello";
  CHECK(pdf::add_language_and_alt_text(not_pdf, "en-GB", {}) == not_pdf);
  const std::string pdf =
      "%PDF-1.5\n1 0 obj\n<< /Type /Catalog\n   /Pages 2 0 R\n>>\nendobj\n"
      "3 0 obj\n<< /Type /StructElem\n   /S /Figure\n   /P 4 0 R\n>>\nendobj\n"
      "xref\n0 5\n0000000000 65535 f \ntrailer\n<< /Size 5\n   /Root 1 0 R\n>>\nstartxref\n120\n%%EOF\n";
  const std::string out = pdf::add_language_and_alt_text(pdf, "en-GB", {"A chart: 50%"});
  CHECK(out.substr(0, pdf.size()) == pdf);  // an incremental update only appends
  const std::string update = out.substr(pdf.size());
  CHECK(update.find("1 0 obj\n<< /Lang (en-GB) /ViewerPreferences << /DisplayDocTitle true >> /MarkInfo << /Marked true >> /Type /Catalog") == 0);
  CHECK(update.find("3 0 obj\n<< /Alt (A chart: 50%) /Type /StructElem") != std::string::npos);
  CHECK(update.find("/Prev 120") != std::string::npos);
  // Cross-reference entries are 20 bytes and point at the new objects.
  const size_t xref = update.find("xref\n");
  const std::string first_entry = update.substr(update.find("1 1\n", xref) + 4, 20);
  CHECK(first_entry == std::string(10 - std::to_string(pdf.size()).size(), '0') + std::to_string(pdf.size()) + " 00000 n \n");
  // A count of alternative texts that does not match the figures adds none.
  CHECK(pdf::add_language_and_alt_text(pdf, "en-GB", {}).find("/Alt") == std::string::npos);
}

TEST_CASE("chart text alternatives give the figures in words") {
  std::array<PillarRow, kPillarCount> pillars{};
  for (int i = 0; i < kPillarCount; ++i) pillars[i].pillar = kPillars[i];
  pillars[0] = {Pillar::Pursue, 3, 4, true, 75, 0};
  CHECK(text::radar_alt(pillars) == "4P scores: Pursue 75%, Prevent not assessed, Protect not assessed, Prepare not assessed.");
  ChoiceDistribution d;
  d.node_title = "The letter";
  d.sessions = 1;
  d.options.push_back({"a", "Phone the supplier", {}, 1});
  CHECK(text::distribution_alt(d) == "How the sessions chose at The letter: Phone the supplier, 1 of 1 session.");
  d.options.clear();
  CHECK(text::distribution_alt(d) == "How the sessions chose at The letter: no choices.");
}
