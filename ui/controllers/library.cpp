#include "ui/controllers/library.hpp"

#include <algorithm>
#include <cctype>

namespace fs = std::filesystem;

namespace auditsim::ui {

namespace {

LibraryEntry load_entry(const std::string& path, bool shipped) {
  LibraryEntry e;
  e.path = path;
  e.shipped = shipped;
  std::error_code ec;
  e.mtime = fs::last_write_time(path, ec);
  e.result = load_and_check(path);
  for (const auto& d : e.result.diagnostics) {
    if (d.severity == Severity::Error) ++e.errors;
    else if (d.severity == Severity::Warning) ++e.warnings;
  }
  return e;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

std::string LibraryEntry::display_title() const {
  if (result.scenario && !result.scenario->title.empty()) return result.scenario->title;
  return fs::path(path).filename().string();
}

LibraryController::LibraryController(std::vector<std::string> folders)
    : folders_(std::move(folders)) {}

LibraryController::~LibraryController() {
  if (pending_.valid()) pending_.wait();
}

std::vector<LibraryEntry> LibraryController::scan(std::vector<LibraryEntry> known) const {
  std::vector<LibraryEntry> out;
  for (size_t f = 0; f < folders_.size(); ++f) {
    std::error_code ec;
    if (!fs::is_directory(folders_[f], ec)) continue;
    for (const std::string& path : find_scenario_files(folders_[f])) {
      auto it = std::find_if(known.begin(), known.end(),
                             [&](const LibraryEntry& e) { return e.path == path; });
      const auto mtime = fs::last_write_time(path, ec);
      // Unchanged files keep their earlier result: re-checking every file each second would
      // waste the machine a facilitator is presenting from.
      if (it != known.end() && !ec && it->mtime == mtime) out.push_back(std::move(*it));
      else out.push_back(load_entry(path, f == 0));
    }
  }
  // Files opened directly (outside every folder) stay listed while they exist; files of a folder
  // no longer scanned (one the user removed) go with it.
  for (auto& e : known) {
    if (!e.opened_directly) continue;
    bool inside = std::any_of(out.begin(), out.end(),
                              [&](const LibraryEntry& o) { return o.path == e.path; });
    std::error_code ec;
    if (inside || e.path.empty() || !fs::exists(e.path, ec)) continue;
    const auto mtime = fs::last_write_time(e.path, ec);
    bool in_folder = std::any_of(folders_.begin(), folders_.end(), [&](const std::string& f) {
      return e.path.rfind(f, 0) == 0;
    });
    if (in_folder) continue;
    LibraryEntry kept = !ec && mtime == e.mtime ? std::move(e) : load_entry(e.path, e.shipped);
    kept.opened_directly = true;
    out.push_back(std::move(kept));
  }
  return out;
}

void LibraryController::load_all_now() { entries_ = scan(std::move(entries_)); }

void LibraryController::rescan_async() {
  if (pending_.valid()) return;
  pending_ = std::async(std::launch::async, [this, known = entries_]() mutable {
    return scan(std::move(known));
  });
}

void LibraryController::wait() {
  if (pending_.valid()) pending_.wait();
}

bool LibraryController::poll() {
  if (!pending_.valid() ||
      pending_.wait_for(std::chrono::seconds(0)) != std::future_status::ready)
    return false;
  auto fresh = pending_.get();
  bool changed = fresh.size() != entries_.size();
  for (size_t i = 0; !changed && i < fresh.size(); ++i)
    changed = fresh[i].path != entries_[i].path || fresh[i].mtime != entries_[i].mtime;
  if (changed) entries_ = std::move(fresh);
  return changed;
}

std::vector<int> LibraryController::filtered(const std::string& filter) const {
  std::vector<int> out;
  const std::string f = lower(filter);
  for (size_t i = 0; i < entries_.size(); ++i) {
    const auto& e = entries_[i];
    std::string hay = lower(e.display_title() + " " + e.path);
    if (e.result.scenario)
      hay += " " + lower(e.result.scenario->theme + " " + e.result.scenario->id + " " +
                         e.result.scenario->summary);
    if (f.empty() || hay.find(f) != std::string::npos) out.push_back(static_cast<int>(i));
  }
  return out;
}

int LibraryController::find(const std::string& path) const {
  for (size_t i = 0; i < entries_.size(); ++i)
    if (entries_[i].path == path) return static_cast<int>(i);
  return -1;
}

int LibraryController::load_file(const std::string& path) {
  LibraryEntry e = load_entry(path, false);
  e.opened_directly = true;
  int i = find(path);
  if (i >= 0) {
    entries_[i] = std::move(e);
    return i;
  }
  entries_.push_back(std::move(e));
  return static_cast<int>(entries_.size()) - 1;
}

}  // namespace auditsim::ui
