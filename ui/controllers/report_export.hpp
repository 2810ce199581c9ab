// Writing reports from the desktop program: what a report covers, where it goes by default, and
// the build + render + write done on a worker thread with its own database connection, so the
// frame never waits for a report. No ImGui here; screens/report_form.cpp draws the form.
#pragma once

#include <future>
#include <optional>
#include <string>
#include <string_view>

#include "reports/model.hpp"
#include "reports/render.hpp"
#include "sim/store/store.hpp"
#include "sim/settings.hpp"

namespace auditsim::ui {

// What a report covers.
enum class ReportKind { Feedback, Scrutiny, OpenActions };

// The formats offered, in the order the form lists them.
inline constexpr reports::Format kReportFormats[] = {reports::Format::Html, reports::Format::Pdf,
                                                     reports::Format::Docx, reports::Format::Markdown,
                                                     reports::Format::Csv, reports::Format::Xapi};
// "HTML", "PDF", "Word", "Markdown", "CSV", "xAPI".
const char* format_label(reports::Format f);
// The file extension with its dot (".html", ".json" for xAPI statements).
const char* format_extension(reports::Format f);

// One report to write.
struct ReportRequest {
  ReportKind kind = ReportKind::Feedback;
  std::string subject;  // session id (feedback) or event id (scrutiny); unused for open actions
  std::string title;    // scenario title or event name: names the default file
  std::string team;    // teams: the team's name, so each team's report has its own file
  reports::Format format = reports::Format::Html;
  reports::Part part = reports::Part::A;
  std::string path;  // the file to write
  bool replace = false;  // write over an existing file (the user said so); else refuse
};

// The report settings the program's settings give: council name, logo, Word template, the
// exercise rating and assurance opinion scales.
reports::ReportSettings report_settings(const Settings& s, reports::Part part);

// Where reports go unless the user types a path: ~/Documents when it exists, else the data
// folder's "reports" folder.
std::string default_report_folder(const Settings& s);
// A file-name-safe form of a title: lower case ASCII letters, digits and hyphens.
std::string file_slug(std::string_view title);
// The default file for a request: "<folder>/<slug>-feedback-part-a.html" and so on; a team of
// a teams run adds its name: "<folder>/<slug>-<table>-feedback-part-a.html".
std::string default_report_path(const Settings& s, const ReportRequest& r);
// `path` with its extension replaced by the format's (when it has one of the report extensions).
std::string with_format_extension(const std::string& path, reports::Format f);

// Builds, renders and writes one report: the worker's job, callable directly in tests. The file
// is written beside the target then renamed, so a failure never leaves half a report. Returns the
// bytes written; throws store::StoreError, reports::UnsupportedFormat or std::runtime_error with
// a plain-words message. An existing file is never written over unless `r.replace` is set.
size_t write_report(store::Store& db, const ReportRequest& r, const reports::ReportSettings& s);

// What a Part A report would replace and what else in it looks like a name, for the author to
// confirm before saving: the report's model is built (nothing is written).
reports::RedactionReview review_redaction(store::Store& db, const ReportRequest& r,
                                          const reports::ReportSettings& s);

// Opens the folder holding `path` in the desktop's file manager (xdg-open, not waited for).
// False when it could not be started.
bool open_containing_folder(const std::string& path);

// The report form of one screen and its background job.
class ReportExporter {
 public:
  ~ReportExporter();

  int format = 0;         // index into kReportFormats
  int part = 0;           // 0 Part A (public), 1 Part B (exempt)
  std::string path;       // typed by the user; empty: the default path
  // Scrutiny reports above 100 sessions: one appendix per session instead of the compact table.
  bool per_session_appendix = false;
  bool session_table = false;
  reports::Format chosen_format() const;
  reports::Part chosen_part() const { return part == 1 ? reports::Part::B : reports::Part::A; }

  // Starts writing `r` from the database at `db_path`; false when a report is already being
  // written. The request's format, part and path are the caller's (see request_for()). When the
  // file exists and `r.replace` is not set, nothing starts: the request waits for the user to
  // say whether to replace the file (awaiting_replace(), then confirm_replace() or
  // cancel_replace()).
  bool start(const std::string& db_path, ReportRequest r, const reports::ReportSettings& s);
  // The file that already exists, while the form asks whether to replace it; null otherwise.
  const std::string* awaiting_replace() const { return pending_ ? &pending_->request.path : nullptr; }
  void confirm_replace();
  void cancel_replace() { pending_.reset(); }
  // The request the form describes for `kind` and `subject`, with the path typed or the default.
  ReportRequest request_for(const Settings& s, ReportKind kind, std::string subject,
                            std::string title, std::string team = {}) const;
  bool busy() const { return job_.valid(); }

  // How the last report went.
  struct Outcome {
    bool ok = false;
    std::string path;
    std::string message;  // "Saved to …" or what went wrong and what to do
    size_t bytes = 0;
  };
  // When a job has finished: its outcome, once (also kept as last()).
  std::optional<Outcome> poll();
  const std::optional<Outcome>& last() const { return last_; }
  // Waits for a running job (tests and shutdown).
  void wait();

  // The names check of a Part A report, built on a worker like the report itself. A Part A
  // report is saved only once the author has seen the check for that very report and confirmed.
  bool start_review(const std::string& db_path, const ReportRequest& r,
                    const reports::ReportSettings& s);
  bool reviewing() const { return review_job_.valid(); }
  // The finished check for `r` (same kind and subject), or null; polls the worker.
  const reports::RedactionReview* review_for(const ReportRequest& r);
  std::string review_error;  // why the check could not be made
  bool confirmed = false;    // the author ticked "I have checked the names"

 private:
  struct Pending {
    std::string db_path;
    ReportRequest request;
    reports::ReportSettings settings;
  };
  std::optional<Pending> pending_;
  std::future<Outcome> job_;
  std::optional<Outcome> last_;
  std::future<reports::RedactionReview> review_job_;
  std::string review_key_, pending_key_;
  std::optional<reports::RedactionReview> review_;
};

}  // namespace auditsim::ui
