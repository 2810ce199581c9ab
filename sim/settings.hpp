// The user's settings file, shared by the desktop program and the command line: appearance, the
// exercise rating and assurance opinion scales, the data folder, the council name and logo. JSON in $XDG_CONFIG_HOME/auditsim/settings.json.
#pragma once

#include <string>
#include <vector>

#include "sim/audit/audit.hpp"
#include "sim/scoring.hpp"

namespace auditsim {

// The three colour themes.
enum class Theme { Light, Dark, HighContrast };
const char* theme_key(Theme t);   // "light", "dark", "high-contrast"
const char* theme_name(Theme t);  // "Light", "Dark", "High contrast"

inline constexpr float kMinFontScale = 0.75f;
inline constexpr float kMaxFontScale = 2.5f;

struct Settings {
  float font_scale = 1.0f;  // kMinFontScale..kMaxFontScale
  Theme theme = Theme::Light;
  int window_width = 1280;
  int window_height = 800;
  bool window_maximised = false;
  std::string council_name;
  std::string logo_path;    // the council's logo (PNG, JPEG or SVG) on HTML reports; empty: none
  std::string word_template;  // the council's .docx whose styles Word reports take; empty: default
  std::string data_folder;  // empty: $XDG_DATA_HOME/auditsim
  // Further folders the library shows scenarios from (a council's shared drive), after the
  // shipped folder and the data folder's own scenarios folder.
  std::vector<std::string> library_folders;
  // The exercise rating's labels, definitions and thresholds (sim/scoring.hpp).
  RatingScale scale;
  // The assurance opinion's labels, definitions and rules (sim/audit/audit.hpp).
  audit::OpinionDefinitions opinion;
  // Priority levels a late achievement drops (ScoringConfig::late_priority_drop), 0 to 2.
  int late_priority_drop = 1;
  bool live_scores = true;  // show the running 4P scores during play
  // The council's learning record store (sim/lrs/): its xAPI endpoint ("https://lrs.example.gov.uk/
  // xAPI") and key. Empty endpoint: no statements are queued. The secret is never kept here but
  // in an owner-only file beside this one (sim/lrs/credentials.hpp).
  std::string lrs_endpoint;
  std::string lrs_key;
  // The council's shared results store, "postgresql://auditsim_recorder@db.example.gov.uk/auditsim"
  // (docs/deployment.md). Empty: the results file in the data folder. A password is never kept
  // here: libpq reads it from ~/.pgpass (owner-only) or the council's own authentication.
  std::string results_server;
};

// $XDG_CONFIG_HOME/auditsim/settings.json, else ~/.config/auditsim/settings.json.
std::string default_settings_path();
// $XDG_DATA_HOME/auditsim (else ~/.local/share/auditsim), or the folder the settings name.
std::string data_folder(const Settings& s);
// The results server when one is set, else the results database inside the data folder.
std::string default_database_path(const Settings& s);

// What is wrong with a results_server address, in plain words, or "" when it is usable (empty,
// or a postgresql:// address without a password in it).
std::string results_server_problem(const std::string& url);

// Reads settings; a missing file gives the defaults, a bad one the defaults plus a `warning`
// naming the problem (values that are out of range are clamped, unknown keys ignored).
Settings load_settings(const std::string& path, std::string* warning);
// Writes settings atomically (temporary file then rename). Returns false with `error` set.
bool save_settings(const Settings& s, const std::string& path, std::string* error);

}  // namespace auditsim
