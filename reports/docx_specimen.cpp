// The default Word template as a document a council can open, restyle and save as its own: one
// example of every style the reports use, each saying what it is for.
#include "reports/docx_doc.hpp"
#include "reports/docx_template.hpp"

namespace auditsim::reports {

std::string default_word_template_docx() {
  ReportSettings settings;
  settings.council_name = "Your council";
  docx::Doc doc(settings);
  doc.title_block("Report kind (Subtitle style)", "Report title (Title style)",
                  "Event and date (Subtitle style)");
  doc.heading(1, "Heading 1: a section of the report");
  doc.paragraph("Normal: the text of the report. Change the styles in this document (Home, "
                "Styles, right-click a style, Modify) and save it as a Word document; then choose "
                "it as the Word template in Settings, or give it to auditsim report --template. "
                "The reports take its styles, list numbering, theme and fonts; their text, header "
                "and footer are written afresh for each report.");
  doc.bold_paragraph("Statement: the exercise rating and the assurance opinion in a sentence.");
  doc.heading(2, "Heading 2: a part of a section");
  doc.bullet("List Bullet: a conclusion or an objective.");
  doc.bullet("A second item of the same list.");
  doc.numbered("1.", "Numbered Item: a members' recommendation, with the number it was given.");
  doc.paragraph("Indented: the responses to a recommendation.", true);
  doc.heading(3, "Heading 3: a finding or a decision point");
  doc.notice("Notice: a note the reader must not miss, such as the Part A notice.");
  doc.markdown("Quote: feedback and debriefs written by the scenario's author.");
  doc.heading(4, "Heading 4: a decision in an appendix");
  doc.table({{"Table Heading", 2}, {"Report Table style", 3}},
            {{"Table Text", "Every table uses the Report Table style; its header row repeats on "
                            "each page."}});
  return doc.package(default_word_template(), "Header style: the report's line",
                     "Desktop Audit Simulator Word template");
}

}  // namespace auditsim::reports
