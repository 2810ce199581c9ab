// Part A's name filter: who must not be named, and the log the author confirms before saving.
#include "reports/build_internal.hpp"

namespace auditsim::reports {

Redactor::Redactor(const store::NamesToRedact& names) {
  std::vector<redact::Person> people;
  for (const store::Participant& p : names.participants)
    if (p.display_name != p.pseudonym) people.push_back({p.display_name, p.pseudonym});
  for (const std::string& f : names.facilitators) people.push_back({f, "the facilitator"});
  for (const std::string& o : names.others) people.push_back({o, "[name withheld]"});
  matcher_ = redact::NameMatcher(std::move(people));
}

std::string Redactor::operator()(const std::string& text) {
  if (text.empty()) return text;
  std::vector<redact::Span> spans;
  std::string out = matcher_.replace(text, &spans);
  for (const redact::Span& s : spans) {
    const std::string found = text.substr(s.begin, s.end - s.begin);
    const std::string& by = matcher_.people()[s.person].replacement;
    auto [it, fresh] = index_.try_emplace(found + '\x1f' + by, review_.redacted.size());
    if (fresh) review_.redacted.push_back({found, by, 0});
    ++review_.redacted[it->second].times;
  }
  for (std::string& phrase : redact::name_like_phrases(out))
    if (seen_phrases_.insert(phrase).second) review_.look_like_names.push_back(std::move(phrase));
  return out;
}

void Redactor::absorb(const Redactor& later) {
  for (const RedactionReview::Item& item : later.review_.redacted) {
    auto [it, fresh] = index_.try_emplace(item.found + '\x1f' + item.replaced_by, review_.redacted.size());
    if (fresh) review_.redacted.push_back({item.found, item.replaced_by, 0});
    review_.redacted[it->second].times += item.times;
  }
  for (const std::string& phrase : later.review_.look_like_names)
    if (seen_phrases_.insert(phrase).second) review_.look_like_names.push_back(phrase);
}

Redactor part_a_redactor(store::Store& db, const std::vector<std::string>& event_ids, bool everyone,
                         const std::vector<store::Participant>& participants) {
  store::NamesToRedact names;
  if (everyone || !event_ids.empty()) names = db.names_to_redact(everyone ? std::vector<std::string>{} : event_ids);
  for (const store::Participant& p : participants) names.participants.push_back(p);
  return Redactor(names);
}

}  // namespace auditsim::reports
