// A report's front sheet: the one given, else the one saved for the event, filtered for Part A
// like every other free text. The report author and contact are officers acting in a public
// role, so in Part A only members' names are taken out of them; every other field goes through
// the same filter as the rest of the report.
#include "reports/build_internal.hpp"

namespace auditsim::reports {

namespace {

Redactor members_only_redactor(store::Store& db, const std::vector<std::string>& event_ids,
                               const std::vector<store::Participant>& participants) {
  store::NamesToRedact all = db.names_to_redact(event_ids);
  store::NamesToRedact members;
  for (const store::Participant& p : all.participants)
    if (p.role == store::Role::Member) members.participants.push_back(p);
  for (const store::Participant& p : participants)
    if (p.role == store::Role::Member) members.participants.push_back(p);
  return Redactor(members);
}

}  // namespace

std::optional<FrontSheet> report_front_sheet(store::Store& db, const std::string& event,
                                             const ReportSettings& settings,
                                             const std::vector<std::string>& event_ids,
                                             const std::vector<store::Participant>& participants,
                                             Redactor& redactor) {
  std::optional<FrontSheet> sheet = settings.front_sheet;
  if (!sheet && !event.empty()) sheet = db.load_front_sheet(event);
  if (!sheet || sheet->empty()) return std::nullopt;
  if (settings.part == Part::B) return sheet;
  FrontSheet& s = *sheet;
  Redactor officers = members_only_redactor(db, event_ids, participants);
  s.report_author = officers(s.report_author);
  s.contact = officers(s.contact);
  for (std::string* t : {&s.committee, &s.purpose, &s.recommendations_summary,
                         &s.implications.financial, &s.implications.legal,
                         &s.implications.equality, &s.implications.risk,
                         &s.implications.data_protection, &s.implications.climate,
                         &s.chairs_foreword, &s.cmt_response, &s.cabinet_response})
    *t = redactor(*t);
  for (std::string& w : s.wards_affected) w = redactor(w);
  for (std::string& b : s.background_papers) b = redactor(b);
  return sheet;
}

std::optional<FrontSheet> scrutiny_front_sheet(store::Store& db, const ScrutinySelection& sel,
                                               const ReportSettings& settings,
                                               const std::vector<store::SessionSummary>& sessions,
                                               Redactor& redactor) {
  std::vector<std::string> ids;
  for (const store::SessionSummary& s : sessions)
    if (!s.event_id.empty()) ids.push_back(s.event_id);
  return report_front_sheet(db, sel.event, settings, ids, {}, redactor);
}

void apply_front_sheet(ReportSettings& settings, const std::optional<FrontSheet>& sheet) {
  // The clerk's front sheet says which paragraphs of Schedule 12A make the paper exempt; every
  // page's marking then names the same ones.
  if (sheet && !settings.exempt_paragraphs_chosen && !sheet->schedule_12a_paragraphs.empty())
    settings.exempt_paragraphs = sheet->schedule_12a_paragraphs;
  settings.front_sheet.reset();  // only the filtered copy in the report is shown
}

}  // namespace auditsim::reports
