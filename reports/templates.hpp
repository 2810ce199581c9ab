// The report templates (reports/templates/*), embedded in the program at build time.
#pragma once

#include <string_view>

namespace auditsim::reports {

// The template file of that name ("feedback.mustache", "style.css"); empty when there is none.
std::string_view report_template(std::string_view name);

}  // namespace auditsim::reports
