#include "ui/screens/report_form.hpp"

#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/file_field.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

// Part A: the names the report will replace and the phrases that still look like names, for
// the author to confirm. True once confirmed for this very report.
bool draw_names_check(App& app, ReportExporter& ex, const ReportRequest& req,
                      const reports::ReportSettings& settings, const std::string& sfx) {
  const reports::RedactionReview* review = ex.review_for(req);
  if (ex.reviewing()) {
    spinner();
    ImGui::SameLine();
    muted_text("Checking the names in the report\xE2\x80\xA6");
    return false;
  }
  if (!review) {
    if (!ex.review_error.empty()) coloured_text(palette().bad, ("Names not checked: " + ex.review_error).c_str());
    if (button(("Check names before saving" + sfx).c_str()))
      ex.start_review(app.db_path(), req, settings);
    return false;
  }
  muted_text(review->redacted.empty() ? "No names were found to replace."
                                      : "These names will be replaced:");
  for (const auto& item : review->redacted)
    ImGui::BulletText("%s \xE2\x86\x92 %s (%d)", item.found.c_str(), item.replaced_by.c_str(), item.times);
  if (!review->look_like_names.empty()) {
    coloured_text(palette().bad, "These look like names and will be published as they are:");
    for (const std::string& n : review->look_like_names) ImGui::BulletText("%s", n.c_str());
    muted_text("Add anyone missed with: auditsim event redact EVENT --add NAME");
  }
  checkbox(("I have checked the names" + sfx + "-confirm").c_str(), &ex.confirmed);
  return ex.confirmed;
}

}  // namespace

void draw_report_form(App& app, ReportExporter& ex, ReportKind kind, const std::string& subject,
                      const std::string& title, const char* id, bool enabled, const char* why_not,
                      const std::string& team) {
  const float fs = ImGui::GetFontSize();
  const std::string sfx = std::string("##") + id;
  ImGui::PushID(id);
  // Radio buttons flow onto the next line when the panel is narrow.
  const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
  bool first = true;
  auto flow = [&](const char* label) {
    const float w = ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x +
                    ImGui::CalcTextSize(label, nullptr, true).x;
    if (!first && ImGui::GetItemRectMax().x + fs * 0.9f + w <= right) ImGui::SameLine(0, fs * 0.9f);
    first = false;
  };
  for (int i = 0; i < static_cast<int>(std::size(kReportFormats)); ++i) {
    const reports::Format f = kReportFormats[i];
    // Open actions are a list for people to follow up; they have no xAPI form.
    if (kind == ReportKind::OpenActions && !reports::supports_open_actions(f)) {
      if (ex.format == i) ex.format = 0;
      continue;
    }
    const std::string label = format_label(f) + sfx + "-fmt";
    flow(label.c_str());
    if (radio(label.c_str(), ex.format == i)) {
      ex.format = i;
      ex.path = with_format_extension(ex.path, f);
    }
  }
  first = true;
  for (int i = 0; i < 2; ++i) {
    const std::string label = (i == 0 ? "Part A (public)" : "Part B (exempt: names and notes)") + sfx + "-part";
    flow(label.c_str());
    if (radio(label.c_str(), ex.part == i)) ex.part = i;
  }
  if (kind == ReportKind::Scrutiny)
    checkbox(("One appendix per session, even above 100 sessions" + sfx + "-appendix").c_str(),
             &ex.per_session_appendix);
  if (kind == ReportKind::Scrutiny && !ex.per_session_appendix)
    checkbox(("One row per session in the appendix, even above 1,000 sessions" + sfx + "-table").c_str(),
             &ex.session_table);
  const ReportRequest req = ex.request_for(app.settings(), kind, subject, title, team);
  reports::ReportSettings settings = report_settings(app.settings(), req.part);
  settings.per_session_appendix = kind == ReportKind::Scrutiny && ex.per_session_appendix;
  settings.session_table = kind == ReportKind::Scrutiny && ex.session_table;
  const std::string hint = ex.path.empty() ? req.path : std::string();
  FileRequest save;
  save.kind = FileRequest::Kind::Save;
  save.title = "Save the report";
  if (ex.path.empty()) save.current = req.path;
  file_field(desktop_file_dialog(), ("##report-path" + sfx).c_str(), &ex.path, hint.c_str(), save);
  muted_text("Leave the file empty to save under the name shown.");
  if (const std::string* existing = ex.awaiting_replace()) {
    // No save writes over a file without asking.
    coloured_text(palette().warn, (*existing + " already exists.").c_str());
    if (primary_button(("Replace it" + sfx).c_str())) ex.confirm_replace();
    ImGui::SameLine();
    if (button(("Keep it" + sfx).c_str())) ex.cancel_replace();
  } else if (ex.busy()) {
    spinner();
    ImGui::SameLine();
    muted_text("Writing the report\xE2\x80\xA6");
  } else {
    bool can = enabled && app.db() != nullptr;
    if (can && req.part == reports::Part::A) can = draw_names_check(app, ex, req, settings, sfx);
    if (primary_button(("Save report" + sfx).c_str(), ImVec2(0, 0), can))
      ex.start(app.db_path(), req, settings);
    if (!can && why_not) {
      ImGui::SameLine();
      muted_text(why_not);
    }
  }
  if (const auto& o = ex.last(); o && !ex.busy() && !ex.awaiting_replace()) {
    if (o->ok) {
      coloured_text(palette().ok, o->message.c_str());
      if (button(("Open folder" + sfx).c_str()) && !open_containing_folder(o->path))
        app.show_error("The folder could not be opened", "No file manager could be started.",
                       "The report is at " + o->path + ".");
      ImGui::SameLine();
      if (button(("Copy path" + sfx).c_str())) ImGui::SetClipboardText(o->path.c_str());
    } else {
      coloured_text(palette().bad, ("Not saved: " + o->message).c_str());
    }
  }
  ImGui::PopID();
}

}  // namespace auditsim::ui
