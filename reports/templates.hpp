// The report templates (reports/templates/*) and the default Word template's parts
// (assets/docx-template/*), embedded in the program at build time.
#pragma once

#include <string_view>

namespace auditsim::reports {

// The template file of that name ("feedback.mustache", "style.css"); empty when there is none.
std::string_view report_template(std::string_view name);

// The default Word template's part of that name ("styles.xml", "theme1.xml"); empty when there
// is none.
std::string_view word_template_part(std::string_view name);

}  // namespace auditsim::reports
