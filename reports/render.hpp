// Rendering report models. Every renderer lays out a model it is given and decides nothing about
// what is public: the model is already filtered for Part A or Part B (reports/build.hpp).
// Renderers never throw for content; any text, however odd, comes out escaped for its format.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/types.h>

#include "reports/model.hpp"

namespace auditsim::reports {

// The output formats.
enum class Format { Html, Pdf, Markdown, Csv, Xapi, Docx };

// "html" | "pdf" | "md" | "csv" | "xapi" | "docx".
const char* format_key(Format f);
// Parses a format key ("markdown" is accepted for "md"); nullopt when unknown.
std::optional<Format> parse_format(std::string_view key);

// Thrown only for a combination that has no meaning (an open-actions list as xAPI statements).
struct UnsupportedFormat : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

// Whether a report kind can be rendered in a format (every report except open actions as xAPI).
bool supports_open_actions(Format f);

// Whether a scrutiny report in this format is made of its sessions' decision rows (CSV and
// xAPI): a caller building a report for any other format may set ReportSettings::decision_rows
// to false. CSV or xAPI of a scrutiny report built so throws UnsupportedFormat.
bool needs_decision_rows(Format f);
// Throws UnsupportedFormat when `r` was built without its decision rows (the CSV and xAPI
// renderers call it).
void require_decision_rows(const ScrutinyReport& r, Format f);

// Renders a report; the result is the file's bytes (PDF and DOCX are binary, CSV starts with a
// BOM). DOCX throws WordTemplateError (reports/docx_template.hpp) when the settings name a Word
// template that cannot be used.
std::string render(const FeedbackReport& r, Format f);
std::string render(const ScrutinyReport& r, Format f);
std::string render(const OpenActionsReport& r, Format f);  // UnsupportedFormat for xAPI

// One function per format, for callers that know what they want.
std::string render_html(const FeedbackReport& r);
std::string render_html(const ScrutinyReport& r);
std::string render_html(const OpenActionsReport& r);
std::string render_pdf(const FeedbackReport& r);
std::string render_pdf(const ScrutinyReport& r);
std::string render_pdf(const OpenActionsReport& r);
// Word, in the styles of settings.word_template (the default template when empty).
std::string render_docx(const FeedbackReport& r);
std::string render_docx(const ScrutinyReport& r);
std::string render_docx(const OpenActionsReport& r);
std::string render_markdown(const FeedbackReport& r);
std::string render_markdown(const ScrutinyReport& r);
std::string render_markdown(const OpenActionsReport& r);
std::string render_csv(const FeedbackReport& r);
std::string render_csv(const ScrutinyReport& r);  // UnsupportedFormat without decision rows
std::string render_csv(const OpenActionsReport& r);
// xAPI 1.0.3 statements as a JSON array.
std::string render_xapi(const FeedbackReport& r);
std::string render_xapi(const ScrutinyReport& r);  // UnsupportedFormat without decision rows

// The mode a report file is created with: owner-only (0600) for Part B, which holds names, notes
// and exempt content; 0644 for a public Part A report.
mode_t report_file_mode(Part p);

}  // namespace auditsim::reports
