#include "ui/controllers/pack_export.hpp"

#include <chrono>
#include <filesystem>

#include "reports/render.hpp"
#include "sim/atomic_file.hpp"
#include "sim/store/store.hpp"
#include "ui/controllers/report_export.hpp"

namespace auditsim::ui {

PackExporter::~PackExporter() {
  if (job_.valid()) job_.wait();
}

void PackExporter::open_for(const std::string& p) {
  scenario_path = p;
  path.clear();
  message.clear();
  ok = false;
}

std::string PackExporter::default_path(const Settings& s, const Scenario& sc) const {
  return default_report_folder(s) + "/" + file_slug(sc.title) + "-pack" + (markdown ? ".md" : ".pdf");
}

reports::PackOptions PackExporter::options() const {
  reports::PackOptions o;
  if (audience == 1) o.audience = Audience::Members;
  if (audience == 2) o.audience = Audience::Staff;
  for (int i = 1; i <= std::clamp(teams, 0, kMaxTeams); ++i) o.teams.push_back("Team " + std::to_string(i));
  o.contents = contents == 1 ? reports::PackContents::Guide
               : contents == 2 ? reports::PackContents::Handouts
                               : reports::PackContents::Both;
  return o;
}

std::string write_pack(const Scenario& scenario, const reports::PackOptions& options,
                       const Settings& settings, bool markdown, const std::string& path) {
  namespace fs = std::filesystem;
  if (path.empty()) return "Type or choose where the pack should be saved.";
  std::error_code ec;
  if (fs::exists(fs::symlink_status(path, ec)))
    return path + " already exists. Choose another file name, or move the old pack first.";
  reports::ReportSettings rs = report_settings(settings, reports::Part::A);
  rs.generated_at = store::now_utc();
  std::string bytes;
  try {
    const reports::Pack pack = reports::build_pack(scenario, options, rs);
    bytes = markdown ? reports::render_pack_markdown(pack) : reports::render_pack_pdf(pack);
    std::string error;
    if (!write_file_atomically(path, bytes, reports::report_file_mode(pack.settings.part), &error))
      return error;
  } catch (const std::exception& e) {
    return std::string("The pack could not be made: ") + e.what();
  }
  return "";
}

bool PackExporter::start(ScenarioPtr scenario, const Settings& s) {
  if (job_.valid() || !scenario) return false;
  writing_ = path.empty() ? default_path(s, *scenario) : path;
  message.clear();
  const reports::PackOptions o = options();
  const bool md = markdown;
  const std::string target = writing_;
  job_ = std::async(std::launch::async, [scenario, o, s, md, target] {
    return write_pack(*scenario, o, s, md, target);
  });
  return true;
}

bool PackExporter::poll() {
  if (!job_.valid() || job_.wait_for(std::chrono::seconds(0)) != std::future_status::ready) return false;
  const std::string why = job_.get();
  ok = why.empty();
  message = ok ? "Saved " + writing_ : why;
  return true;
}

}  // namespace auditsim::ui
