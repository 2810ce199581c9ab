// The completion certificate at the debrief of a solo session: where to save the PDF, and why it
// is not offered when it is not (not recorded, not finished, played without a name).
#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/controllers/certificate.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/file_field.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

void draw_certificate(App& app, CertificateForm& ui, const std::string& session_id,
                      const Scenario& scenario, const Result& result) {
  if (ui.session != session_id) {
    ui = CertificateForm{};
    ui.session = session_id;
    ui.offer = certificate_offer(app.db(), session_id, scenario, result, app.settings());
    ui.path = ui.offer.default_path;
  }
  const CertificateOffer& offer = ui.offer;
  if (!offer.solo) return;  // group play and teams have no certificate
  heading("Certificate of completion", 3);
  if (!offer.available) {
    muted_text(offer.why_not.c_str());
    return;
  }
  text_wrapped(("For " + offer.certificate.learner + ", as a PDF:").c_str());
  FileRequest save;
  save.kind = FileRequest::Kind::Save;
  save.title = "Save the certificate";
  save.filters = {{"PDF documents", {"*.pdf"}}};
  file_field(desktop_file_dialog(), "##certificate-path", &ui.path, nullptr, save,
             std::max(ImGui::GetFontSize() * 8,
                      ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 16));
  ImGui::SameLine();
  if (primary_button("Save certificate")) {
    std::string err;
    ui.saved = write_certificate(offer, ui.path, &err);
    ui.message = ui.saved ? "Saved " + ui.path : err;
  }
  if (!ui.message.empty()) coloured_text(ui.saved ? palette().ok : palette().bad, ui.message.c_str());
}

}  // namespace auditsim::ui
