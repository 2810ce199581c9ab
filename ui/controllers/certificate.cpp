#include "ui/controllers/certificate.hpp"

#include <algorithm>
#include <filesystem>

#include "sim/atomic_file.hpp"
#include "ui/controllers/report_export.hpp"

namespace auditsim::ui {

CertificateOffer certificate_offer(store::Store* db, const std::string& session_id,
                                   const Scenario& scenario, const Result& result,
                                   const Settings& settings) {
  CertificateOffer o;
  if (!db || session_id.empty()) {
    o.why_not = "This session was not recorded, so there is no completion to certify.";
    return o;
  }
  std::optional<store::SessionRecord> rec;
  try {
    rec = db->load_session(session_id);
  } catch (const std::exception& e) {
    o.why_not = std::string("The session's record could not be read: ") + e.what();
    return o;
  }
  if (!rec) {
    o.why_not = "The session is not in the results database.";
    return o;
  }
  if (rec->summary.mode != store::Mode::Solo) {
    o.why_not = "Certificates are for e-learning played alone.";
    return o;
  }
  o.solo = true;
  if (rec->summary.status != store::Status::Finished) {
    o.why_not = "The certificate is offered once the scenario is finished.";
    return o;
  }
  const store::Participant* learner = nullptr;
  for (const auto& p : rec->participants)
    if (!p.erased) learner = &p;
  if (!learner) {
    o.why_not = "No name or pseudonym was given when this session started, so there is no one to "
                "name on a certificate.";
    return o;
  }
  reports::CompletionCertificate& c = o.certificate;
  c.learner = learner->display_name;
  c.scenario_title = scenario.title;
  c.scenario_version = scenario.version;
  c.completed_at = rec->summary.finished_at;
  if (result.outcome)
    c.outcome = *result.outcome == Outcome::Good ? "good" : *result.outcome == Outcome::Poor ? "poor" : "mixed";
  c.rating = result.rating;
  c.key_actions = static_cast<int>(scenario.key_actions.size());
  int not_done = 0;
  for (const Finding& f : result.findings)
    if (f.kind != FindingKind::AchievedLate) ++not_done;
  c.key_actions_achieved = std::max(0, c.key_actions - not_done);
  c.session_id = session_id;
  // Marked as the reports are: Part A, or Part B on every page for an exempt scenario.
  c.settings = report_settings(settings, scenario.classification == Classification::PartB
                                             ? reports::Part::B
                                             : reports::Part::A);
  o.default_path = default_report_folder(settings) + "/" + file_slug(scenario.title) + "-certificate-" +
                   file_slug(c.learner) + ".pdf";
  o.available = true;
  return o;
}

bool write_certificate(const CertificateOffer& offer, const std::string& path, std::string* error) {
  if (!offer.available) {
    if (error) *error = offer.why_not;
    return false;
  }
  if (path.empty()) {
    if (error) *error = "Type where the certificate should be saved.";
    return false;
  }
  std::string pdf;
  try {
    pdf = reports::render_certificate_pdf(offer.certificate);
  } catch (const std::exception& e) {
    if (error) *error = std::string("The certificate could not be drawn: ") + e.what();
    return false;
  }
  // The default folder may not exist yet (a data folder's "reports").
  std::error_code ec;
  const std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  // It names the learner: readable by its owner only, as a Part B report is.
  return write_file_atomically(path, pdf, kOwnerOnly, error);
}

}  // namespace auditsim::ui
