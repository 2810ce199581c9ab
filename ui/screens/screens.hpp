// One function per screen, each drawing from the App's state into the current ImGui window.
#pragma once

#include <string>

#include "sim/model.hpp"
#include "sim/scoring.hpp"

namespace auditsim::ui {

class App;
class DesktopAudit;
struct CertificateForm;

void draw_library(App& app);
void draw_new_session(App& app);
void draw_play(App& app);
void draw_debrief(App& app);
// The desktop audit of one session: its pages (control checks, recommendations and responses,
// the action plan, the opinion and the report's scope) under one heading.
void draw_audit(App& app);
void draw_control_checks(App& app, DesktopAudit& audit);
void draw_recommendations(App& app, DesktopAudit& audit);
void draw_action_plan(App& app, DesktopAudit& audit);
void draw_audit_opinion(App& app, DesktopAudit& audit);
void draw_results(App& app);
void draw_author(App& app);
void draw_settings(App& app);
// Its learning record store section (screens/settings_lrs.cpp).
void draw_lrs_settings(App& app);
// The facilitator's second window in presenter mode: where the room is, the live scores (hidden
// from the room) and the facilitator panel.
void draw_facilitator_window(App& app);
// "Play solo" asks for the learner's name or a pseudonym first (screens/solo_prompt.cpp).
void draw_solo_prompt(App& app);
// The completion certificate offered at a solo session's debrief (screens/certificate.cpp).
void draw_certificate(App& app, CertificateForm& form, const std::string& session_id,
                      const Scenario& scenario, const Result& result);

}  // namespace auditsim::ui
