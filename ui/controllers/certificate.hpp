// Solo e-learning's completion certificate: offered at the debrief of a finished solo session
// recorded with the learner's name or pseudonym, written as a PDF where the learner says.
// No ImGui here; screens/certificate.cpp draws the offer.
#pragma once

#include <string>

#include "reports/certificate.hpp"
#include "sim/scoring.hpp"
#include "sim/settings.hpp"
#include "sim/store/store.hpp"

namespace auditsim::ui {

struct CertificateOffer {
  bool available = false;
  bool solo = false;    // a recorded solo session: the debrief says why when it is not available
  std::string why_not;  // in plain words, when not available
  reports::CompletionCertificate certificate;
  std::string default_path;  // "<Documents>/<scenario>-certificate-<learner>.pdf"
};

// The debrief's certificate form: for which session, where to save it, what happened. The offer
// is read from the store once per session shown, not every frame.
struct CertificateForm {
  std::string session, path, message;
  bool saved = false;
  CertificateOffer offer;
};

// What the store holds for `session_id` decides the offer: a solo session, finished, with a
// participant. `result` is the session's score (outcome, exercise rating, findings).
CertificateOffer certificate_offer(store::Store* db, const std::string& session_id,
                                   const Scenario& scenario, const Result& result,
                                   const Settings& settings);

// Writes the certificate to `path` (owner-only, never through a symbolic link, atomically).
// False with `error` in plain words.
bool write_certificate(const CertificateOffer& offer, const std::string& path, std::string* error);

}  // namespace auditsim::ui
