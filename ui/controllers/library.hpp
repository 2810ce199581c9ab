// The scenario library: every scenario file in the shipped and user folders, loaded and checked
// off the UI thread, reloaded when a file changes on disk.
#pragma once

#include <filesystem>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "sim/load.hpp"
#include "ui/controllers/forms.hpp"

namespace auditsim::ui {

// One scenario file and what loading it gave.
struct LibraryEntry {
  std::string path;
  bool shipped = false;  // from the shipped folder rather than the user's
  bool opened_directly = false;  // opened by path (--open, the author screen), not found in a folder
  LoadResult result;     // result.scenario is null when errors stopped the load
  std::filesystem::file_time_type mtime{};
  int errors = 0;
  int warnings = 0;
  // Title for lists: the scenario's title, else the file name.
  std::string display_title() const;
};

class LibraryController {
 public:
  // `folders[0]` is the shipped folder; later folders are the user's.
  explicit LibraryController(std::vector<std::string> folders);
  ~LibraryController();

  // Replaces the folders scanned (the user's folder follows the data-folder setting).
  void set_folders(std::vector<std::string> folders) { folders_ = std::move(folders); }
  const std::vector<std::string>& folders() const { return folders_; }
  // The Library screen's own state: a folder typed to add, the search, the selected entry
  // (an index into entries(), -1 for none), and "Play solo" waiting for the learner's name (or
  // a pseudonym) for this scenario file.
  std::string folder_input;
  std::string filter;
  int selected = -1;
  std::optional<std::string> solo_prompt;
  SoloForm solo_form;
  // Loads every file now, on the calling thread (start-up in tests and scripted runs).
  void load_all_now();
  // Starts a background rescan when none is running: changed and new files are loaded and
  // checked, removed ones dropped. Cheap to call every second.
  void rescan_async();
  // Takes the result of a finished background rescan; true when the entries changed.
  bool poll();
  bool busy() const { return pending_.valid(); }
  // Waits for a running background rescan to finish (tests); poll() then takes its result.
  void wait();

  const std::vector<LibraryEntry>& entries() const { return entries_; }
  // Indices of entries whose title, theme, id or summary contains `filter` (case-insensitive).
  std::vector<int> filtered(const std::string& filter) const;
  // The entry for a path, or -1.
  int find(const std::string& path) const;
  // Loads one file (e.g. --open PATH outside the library) and adds or replaces its entry.
  int load_file(const std::string& path);

 private:
  std::vector<LibraryEntry> scan(std::vector<LibraryEntry> known) const;

  std::vector<std::string> folders_;
  std::vector<LibraryEntry> entries_;
  std::future<std::vector<LibraryEntry>> pending_;
};

}  // namespace auditsim::ui
