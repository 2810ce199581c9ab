// A completion certificate for solo e-learning: who completed which scenario, when, and how it
// went, as a one-page PDF drawn by the reports' cairo + pango writer. It names the learner, so it
// is written only when the learner asks for it, and never as part of a public report.
#pragma once

#include <string>

#include "reports/model.hpp"

namespace auditsim::reports {

struct CompletionCertificate {
  std::string learner;         // the name or pseudonym the learner gave
  std::string scenario_title;
  std::string scenario_version;
  std::string completed_at;    // ISO 8601 UTC, as the store records it
  std::string outcome;         // "good", "mixed" or "poor"
  std::string rating;          // the exercise rating reached ("Good")
  int key_actions_achieved = 0;
  int key_actions = 0;
  std::string session_id;      // so the certificate can be checked against the record
  ReportSettings settings;     // council name and logo
};

// The certificate as PDF bytes. Empty learner or title are printed as "(not given)".
std::string render_certificate_pdf(const CompletionCertificate& c);

}  // namespace auditsim::reports
