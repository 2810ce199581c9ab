// The report form shared by the Debrief and Results screens: format, Part A or Part B, the file
// to write, Save (on a worker thread, with a progress indicator) and the outcome with "Open
// folder".
#pragma once

#include <string>

#include "ui/controllers/report_export.hpp"

namespace auditsim::ui {

class App;

// Draws the form for a report of `kind` on `subject` (session or event id; `title` names the
// default file). `id` keeps the form's widgets distinct; `enabled` false greys out Save with
// `why_not` shown beside it.
void draw_report_form(App& app, ReportExporter& ex, ReportKind kind, const std::string& subject,
                      const std::string& title, const char* id, bool enabled = true,
                      const char* why_not = nullptr, const std::string& team = {});

}  // namespace auditsim::ui
