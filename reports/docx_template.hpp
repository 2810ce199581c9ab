// The Word template the .docx reports take their look from: styles, list numbering, theme and
// fonts. The default ships in assets/docx-template/ (embedded at build time); a council can give
// its own .docx or .dotx instead (Settings, or --template). Whatever style the reports use and a
// council's template lacks is added from the default, so the headings, lists and tables always
// have a style; the report's own text, header and footer are always written by the renderer.
#pragma once

#include <stdexcept>
#include <string>

namespace auditsim::reports {

// A template file is refused above this size, and any one of its parts above kMaxTemplatePart
// once uncompressed (whatever the zip claims), so a hostile file cannot fill memory.
inline constexpr size_t kMaxTemplateBytes = 20 * 1024 * 1024;
inline constexpr size_t kMaxTemplatePart = 4 * 1024 * 1024;

// A template that cannot be used, with a stable code ("docx-template-not-zip") and a message in
// plain words that says what to do.
struct WordTemplateError : std::runtime_error {
  WordTemplateError(std::string code, const std::string& message)
      : std::runtime_error(message + " [" + code + "]"), code(std::move(code)) {}
  std::string code;
};

// The parts a report takes from its template, ready to be written into the report.
struct WordTemplate {
  std::string styles;      // word/styles.xml, with the reports' styles it lacked added
  std::string numbering;   // word/numbering.xml, with the reports' bullet list added
  std::string theme;       // word/theme/theme1.xml
  std::string font_table;  // word/fontTable.xml
  std::string settings;    // word/settings.xml: always the reports' own
};

// The shipped template.
const WordTemplate& default_word_template();
// The template in the .docx at `path`; the default when `path` is empty. Throws
// WordTemplateError when the file is missing, unreadable, too large, not a zip, has no
// word/styles.xml, or holds a part that is not well-formed XML of the right kind.
WordTemplate load_word_template(const std::string& path);
// The same checks, for a settings screen or the command line: empty when the file can be used,
// else the error's message (with its code).
std::string word_template_problem(const std::string& path);

// The shipped template as a .docx a council can open in Word, change and save as its own: a
// specimen document showing every style the reports use (report_docx.cpp).
std::string default_word_template_docx();

}  // namespace auditsim::reports
