#include "ui/controllers/report_export.hpp"

#include <spawn.h>
#include <sys/wait.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include "reports/build.hpp"
#include "reports/render.hpp"
#include "sim/atomic_file.hpp"

extern char** environ;

namespace auditsim::ui {

namespace fs = std::filesystem;

const char* format_label(reports::Format f) {
  switch (f) {
    case reports::Format::Html: return "HTML";
    case reports::Format::Pdf: return "PDF";
    case reports::Format::Markdown: return "Markdown";
    case reports::Format::Csv: return "CSV";
    case reports::Format::Xapi: return "xAPI";
    case reports::Format::Docx: return "Word";
  }
  return "HTML";
}

const char* format_extension(reports::Format f) {
  switch (f) {
    case reports::Format::Html: return ".html";
    case reports::Format::Pdf: return ".pdf";
    case reports::Format::Markdown: return ".md";
    case reports::Format::Csv: return ".csv";
    case reports::Format::Xapi: return ".json";
    case reports::Format::Docx: return ".docx";
  }
  return ".html";
}

reports::ReportSettings report_settings(const Settings& s, reports::Part part) {
  reports::ReportSettings r;
  if (!s.council_name.empty()) r.council_name = s.council_name;
  r.logo_path = s.logo_path;
  r.word_template = s.word_template;
  r.scale = s.scale;
  r.opinion = s.opinion;
  r.late_priority_drop = s.late_priority_drop;
  r.part = part;
  r.generated_at = store::now_utc();
  return r;
}

std::string default_report_folder(const Settings& s) {
  const char* home = std::getenv("HOME");
  std::error_code ec;
  if (home && *home && fs::is_directory(fs::path(home) / "Documents", ec))
    return (fs::path(home) / "Documents").string();
  return (fs::path(data_folder(s)) / "reports").string();
}

std::string file_slug(std::string_view title) {
  std::string out;
  for (unsigned char c : title) {
    if (std::isalnum(c) && c < 0x80) out += static_cast<char>(std::tolower(c));
    else if (!out.empty() && out.back() != '-') out += '-';
    if (out.size() >= 60) break;
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "report" : out;
}

std::string default_report_path(const Settings& s, const ReportRequest& r) {
  const char* kind = r.kind == ReportKind::Feedback   ? "feedback"
                     : r.kind == ReportKind::Scrutiny ? "scrutiny"
                                                      : "open-actions";
  std::string name = r.kind == ReportKind::OpenActions ? std::string(kind)
                                                       : file_slug(r.title) + "-" + kind;
  if (!r.team.empty() && r.kind == ReportKind::Feedback)
    name = file_slug(r.title) + "-" + file_slug(r.team) + "-" + kind;
  name += r.part == reports::Part::B ? "-part-b" : "-part-a";
  name += format_extension(r.format);
  return (fs::path(default_report_folder(s)) / name).string();
}

std::string with_format_extension(const std::string& path, reports::Format f) {
  if (path.empty()) return path;
  fs::path p(path);
  const std::string ext = p.extension().string();
  for (reports::Format k : kReportFormats)
    if (ext == format_extension(k)) return p.replace_extension(format_extension(f)).string();
  return path;
}

size_t write_report(store::Store& db, const ReportRequest& r, const reports::ReportSettings& s) {
  std::string bytes;
  switch (r.kind) {
    case ReportKind::Feedback:
      bytes = reports::render(reports::build_feedback(db, r.subject, s), r.format);
      break;
    case ReportKind::Scrutiny: {
      reports::ReportSettings scrutiny = s;
      scrutiny.decision_rows = reports::needs_decision_rows(r.format);
      bytes = reports::render(reports::build_scrutiny(db, {r.subject, "", ""}, scrutiny), r.format);
      break;
    }
    case ReportKind::OpenActions:
      bytes = reports::render(reports::build_open_actions(db, s), r.format);
      break;
  }
  if (r.path.empty()) throw std::runtime_error("No file was named for the report.");
  const fs::path target(r.path);
  std::error_code ec;
  if (!r.replace && fs::exists(fs::symlink_status(target, ec)))
    throw std::runtime_error(r.path + " already exists and was left as it is: choose another "
                             "file name, or say that it may be replaced.");
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  std::string error;
  if (!write_file_atomically(r.path, bytes, reports::report_file_mode(s.part), &error))
    throw std::runtime_error("The report could not be written to " + r.path + ". " + error);
  return bytes.size();
}

reports::RedactionReview review_redaction(store::Store& db, const ReportRequest& r,
                                          const reports::ReportSettings& settings) {
  reports::ReportSettings s = settings;
  s.part = reports::Part::A;
  // As the report will be built: without decision rows, their free text is not published.
  s.decision_rows = reports::needs_decision_rows(r.format);
  switch (r.kind) {
    case ReportKind::Feedback: return reports::build_feedback(db, r.subject, s).review;
    case ReportKind::Scrutiny: return reports::build_scrutiny(db, {r.subject, "", ""}, s).review;
    case ReportKind::OpenActions: return reports::build_open_actions(db, s).review;
  }
  return {};
}

namespace {
std::string review_key(const ReportRequest& r) {
  // A scrutiny report's CSV and xAPI publish the decisions' free text, its documents may not.
  return std::to_string(static_cast<int>(r.kind)) + "/" + r.subject +
         (reports::needs_decision_rows(r.format) ? "/rows" : "");
}
}  // namespace

bool ReportExporter::start_review(const std::string& db_path, const ReportRequest& r,
                                  const reports::ReportSettings& s) {
  if (review_job_.valid()) return false;
  review_error.clear();
  confirmed = false;
  pending_key_ = review_key(r);
  review_job_ = std::async(std::launch::async, [db_path, r, s] {
    auto db = store::Store::open(db_path);
    return review_redaction(db, r, s);
  });
  return true;
}

const reports::RedactionReview* ReportExporter::review_for(const ReportRequest& r) {
  if (review_job_.valid() &&
      review_job_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    try {
      review_ = review_job_.get();
      review_key_ = pending_key_;
    } catch (const std::exception& e) {
      review_.reset();
      review_error = e.what();
    }
  }
  if (!review_ || review_key_ != review_key(r)) return nullptr;
  return &*review_;
}

bool open_containing_folder(const std::string& path) {
  const std::string folder = fs::path(path).parent_path().string();
  if (folder.empty()) return false;
  pid_t pid = 0;
  const char* argv[] = {"xdg-open", folder.c_str(), nullptr};
  if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, const_cast<char* const*>(argv), environ) != 0)
    return false;
  // xdg-open hands the folder to the file manager and exits; a detached thread collects its
  // exit status so no zombie process is left behind.
  std::thread([pid] {
    int status = 0;
    waitpid(pid, &status, 0);
  }).detach();
  return true;
}

ReportExporter::~ReportExporter() { wait(); }

void ReportExporter::wait() {
  if (job_.valid()) job_.wait();
  if (review_job_.valid()) review_job_.wait();
}

reports::Format ReportExporter::chosen_format() const {
  const int n = static_cast<int>(std::size(kReportFormats));
  return kReportFormats[format >= 0 && format < n ? format : 0];
}

ReportRequest ReportExporter::request_for(const Settings& s, ReportKind kind, std::string subject,
                                          std::string title, std::string team) const {
  ReportRequest r;
  r.kind = kind;
  r.subject = std::move(subject);
  r.title = std::move(title);
  r.team = std::move(team);
  r.format = chosen_format();
  r.part = chosen_part();
  r.path = path.empty() ? default_report_path(s, r) : path;
  return r;
}

void ReportExporter::confirm_replace() {
  if (!pending_) return;
  Pending p = std::move(*pending_);
  pending_.reset();
  p.request.replace = true;
  start(p.db_path, std::move(p.request), p.settings);
}

bool ReportExporter::start(const std::string& db_path, ReportRequest r,
                           const reports::ReportSettings& s) {
  if (job_.valid()) return false;
  std::error_code ec;
  if (!r.replace && fs::exists(fs::symlink_status(r.path, ec))) {
    pending_ = Pending{db_path, std::move(r), s};
    return true;
  }
  pending_.reset();
  job_ = std::async(std::launch::async, [db_path, r = std::move(r), s]() -> Outcome {
    Outcome o;
    o.path = r.path;
    try {
      // A separate connection: the main thread's connection stays the main thread's.
      auto db = store::Store::open(db_path);
      o.bytes = write_report(db, r, s);
      o.ok = true;
      o.message = "Saved to " + r.path;
    } catch (const std::exception& e) {
      o.message = e.what();
    }
    return o;
  });
  return true;
}

std::optional<ReportExporter::Outcome> ReportExporter::poll() {
  if (!job_.valid() || job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    return std::nullopt;
  last_ = job_.get();
  return last_;
}

}  // namespace auditsim::ui
