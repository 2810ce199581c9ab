// The front sheet's wording, shared by every format so the committee sees the same page in HTML,
// PDF, Word and Markdown.
#include "reports/render_text.hpp"

namespace auditsim::reports::text {

namespace {

std::string or_not_completed(const std::string& s) {
  const std::string line = one_line(s);
  return line.empty() ? kNotYetCompleted : line;
}

std::string listed(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) {
    const std::string line = one_line(i);
    if (!line.empty()) out += (out.empty() ? "" : "; ") + line;
  }
  return out;
}

// The part of the report being read: the front sheet's paragraphs apply to the Part B version.
std::string part_line(const std::optional<FrontSheet>& sheet, const ReportSettings& settings) {
  if (settings.part == Part::A) return "Part A \u2014 public";
  const std::vector<int> ps = sheet ? sheet->schedule_12a_paragraphs : std::vector<int>{};
  if (ps.empty())
    return "Part B \u2014 exempt information under Schedule 12A to the Local Government Act 1972 "
           "(the paragraph is not yet stated on the front sheet)";
  return std::string("Part B \u2014 exempt information under paragraph") + (ps.size() == 1 ? " " : "s ") +
         schedule_12a_list(ps) + " of Schedule 12A to the Local Government Act 1972";
}

}  // namespace

std::vector<std::pair<std::string, std::string>> front_sheet_rows(const std::optional<FrontSheet>& sheet,
                                                                  const ReportSettings& settings) {
  static const FrontSheet blank;
  const FrontSheet& s = sheet ? *sheet : blank;
  const FrontSheetImplications& i = s.implications;
  const bool known = sheet.has_value();
  return {
      {"Committee", or_not_completed(s.committee)},
      {"Date of meeting", s.meeting_date.empty() ? kNotYetCompleted : long_date(s.meeting_date)},
      {"Report author", or_not_completed(s.report_author)},
      {"Contact", or_not_completed(s.contact)},
      {"Wards affected", or_not_completed(listed(s.wards_affected))},
      {"Key decision", known ? (s.key_decision ? "Yes" : "No") : kNotYetCompleted},
      {"Part A or Part B", part_line(sheet, settings)},
      {"Purpose of the report", or_not_completed(s.purpose)},
      {"Recommendations in short", or_not_completed(s.recommendations_summary)},
      {"Financial implications", or_not_completed(i.financial)},
      {"Legal implications", or_not_completed(i.legal)},
      {"Equality implications", or_not_completed(i.equality)},
      {"Risk implications", or_not_completed(i.risk)},
      {"Data protection implications", or_not_completed(i.data_protection)},
      {"Climate implications", or_not_completed(i.climate)},
      {"Background papers", known && s.background_papers.empty() ? "None"
                                                                   : or_not_completed(listed(s.background_papers))},
  };
}

std::vector<std::pair<std::string, std::string>> front_sheet_rows(const ScrutinyReport& r) {
  return front_sheet_rows(r.front_sheet, r.settings);
}

std::vector<std::pair<std::string, std::string>> front_sheet_rows(const FeedbackReport& r) {
  return front_sheet_rows(r.front_sheet, r.settings);
}

std::string front_sheet_notice(const ScrutinyReport& r) { return front_sheet_notice(r.front_sheet); }

std::string front_sheet_notice(const FeedbackReport& r) { return front_sheet_notice(r.front_sheet); }

std::string front_sheet_notice(const std::optional<FrontSheet>& sheet) {
  if (sheet) return {};
  return "The front sheet has not yet been completed for this report: democratic services "
         "complete it before the agenda is published.";
}

}  // namespace auditsim::reports::text
