#include "reports/certificate.hpp"

#include "reports/render_pdf_doc.hpp"
#include "reports/render_text.hpp"

namespace auditsim::reports {

std::string render_certificate_pdf(const CompletionCertificate& c) {
  const std::string learner = text::one_line(c.learner).empty() ? "(not given)" : text::one_line(c.learner);
  const std::string title = text::one_line(c.scenario_title).empty() ? "(not given)" : text::one_line(c.scenario_title);
  const std::string running = "Certificate of completion";
  return pdf::render_document(c.settings, running, "Certificate of completion: " + title, [&](pdf::Doc& d) {
    d.space(60);
    d.heading(1, "Certificate of completion");
    d.space(16);
    d.paragraph("This is to certify that");
    d.space(6);
    d.heading(1, learner);
    d.space(6);
    d.paragraph("completed the desktop exercise");
    d.space(6);
    d.heading(2, title);
    d.space(20);
    std::vector<std::pair<std::string, std::string>> facts;
    facts.emplace_back("Completed", c.completed_at.empty() ? "(not recorded)" : text::long_date(c.completed_at));
    if (!c.outcome.empty()) facts.emplace_back("Outcome", c.outcome);
    if (!c.rating.empty()) facts.emplace_back("Exercise rating", c.rating);
    if (c.key_actions > 0)
      facts.emplace_back("Key actions achieved", std::to_string(c.key_actions_achieved) + " of " +
                                                     std::to_string(c.key_actions));
    if (!c.scenario_version.empty()) facts.emplace_back("Scenario version", c.scenario_version);
    if (!c.session_id.empty()) facts.emplace_back("Record", "session " + c.session_id);
    d.facts(facts);
    d.space(24);
    d.paragraph("Completed as e-learning with the Desktop Audit Simulator, played alone; the record "
                "of every decision is kept in " + c.settings.council_name + "'s results database.");
  });
}

}  // namespace auditsim::reports
