// Shared by the HTML renderers: the template engine set up with the report's escaping, the page
// shell, and the feedback body used on its own and in scrutiny appendices.
#pragma once

#include <kainjow/mustache.hpp>
#include <string>

#include "reports/model.hpp"

namespace auditsim::reports::html {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

// A compiled embedded template whose variables are escaped by text::escape_markup (valid UTF-8, & < > " ').
mustache compile(const char* name);
// Renders with the style partial available; a template error becomes a visible message.
std::string render(mustache& tpl, const data& d);

// The feedback body's data; `h` is the heading level of its sections (2, or 3 in an appendix).
data feedback_data(const FeedbackReport& r, int h);

// The front sheet section that opens a committee paper (a scrutiny report, a feedback report
// sent on its own): the rows of text::front_sheet_rows, with the notice when none is completed.
std::string front_sheet_section(const std::vector<std::pair<std::string, std::string>>& rows,
                                const std::string& notice);

// The whole page: running header with council and marking, title block, the Part A notice.
std::string page(const ReportSettings& s, const std::string& kind, const std::string& title,
                 const std::string& subtitle, const std::string& running, const std::string& body);

// data from a string list.
data string_list(const std::vector<std::string>& items);

// A template list with one entry per row, each filled by `fill(entry, row)`.
template <class Rows, class Fill>
data rows_list(const Rows& rows, Fill&& fill) {
  data l{data::type::list};
  for (const auto& row : rows) {
    data x;
    fill(x, row);
    l.push_back(x);
  }
  return l;
}

// Optional values are set only when present: the template engine takes an empty string as true.
void set_if(data& d, const char* key, const std::string& value);

// A members' recommendation as the feedback report's audit section and the scrutiny report
// show it: number, addressee, text, the findings it answers and the responses to it.
void recommendation_entry(data& x, const MembersRecommendationRow& rec);

}  // namespace auditsim::reports::html
