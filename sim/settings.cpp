#include "sim/settings.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "sim/atomic_file.hpp"
#include "sim/key_table.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace auditsim {

namespace {
constexpr KeyTable<Theme, 3> kThemeKeys{{"light", "dark", "high-contrast"}};
constexpr KeyTable<Theme, 3> kThemeNames{{"Light", "Dark", "High contrast"}};
}  // namespace

const char* theme_key(Theme t) { return kThemeKeys(t); }

const char* theme_name(Theme t) { return kThemeNames(t); }

namespace {

std::string env_or_home(const char* var, const char* home_suffix) {
  const char* v = std::getenv(var);
  if (v && *v) return v;
  const char* home = std::getenv("HOME");
  return std::string(home && *home ? home : ".") + home_suffix;
}

// Reads one value when present and of the right type; a wrong type is reported, not thrown.
template <typename T>
void read(const json& j, const char* key, T& out, std::string& problems) {
  auto it = j.find(key);
  if (it == j.end()) return;
  try {
    out = it->get<T>();
  } catch (const json::exception&) {
    problems += std::string(problems.empty() ? "" : ", ") + key;
  }
}

void add_problem(std::string& problems, const char* what) {
  problems += std::string(problems.empty() ? "" : ", ") + what;
}

// A rating cap is a whole level: 2.5 or "Good" is refused rather than rounded or guessed at.
void read_level(const json& j, const char* key, int& out, std::string& problems) {
  auto it = j.find(key);
  if (it == j.end()) return;
  if (it->is_number_integer()) out = it->get<int>();
  else add_problem(problems, key);
}

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

std::string folded(const std::string& s) {
  std::string out;
  for (unsigned char c : s)
    if (!std::isspace(c)) out += static_cast<char>(std::tolower(c));
  return out;
}

// An opinion a report prints must be one of four distinct, defined levels: a blank label or
// definition takes the default, two labels that read the same restore the default labels, and
// the rules are kept inside the scale.
void clamp_opinion_definitions(audit::OpinionDefinitions& o, std::string& problems) {
  const audit::OpinionDefinitions defaults;
  for (size_t i = 0; i < o.labels.size(); ++i) {
    if (blank(o.labels[i])) o.labels[i] = defaults.labels[i];
    if (blank(o.definitions[i])) o.definitions[i] = defaults.definitions[i];
  }
  for (size_t i = 0; i < o.labels.size(); ++i)
    for (size_t k = i + 1; k < o.labels.size(); ++k)
      if (folded(o.labels[i]) == folded(o.labels[k])) {
        o.labels = defaults.labels;
        add_problem(problems, "opinion labels (two are the same)");
        i = k = o.labels.size();
      }
  o.cap_level_for_high = std::clamp(o.cap_level_for_high, 0, 3);
  o.high_findings_for_lowest = std::clamp(o.high_findings_for_lowest, 1, 99);
}

// The exercise rating must never read as an assurance opinion: the labels it had before the two
// were told apart become the new defaults, and labels that match an opinion label (or each
// other) restore the defaults. Thresholds must fall from the first level to the third;
// otherwise the rating would be ambiguous.
void clamp_rating_scale(RatingScale& r, const audit::OpinionDefinitions& opinion,
                        std::string& problems) {
  const RatingScale defaults;
  if (r.labels == kFormerRatingLabels) r.labels = defaults.labels;
  bool clash = false;
  for (size_t i = 0; i < r.labels.size(); ++i) {
    if (blank(r.labels[i])) r.labels[i] = defaults.labels[i];
    if (blank(r.definitions[i])) r.definitions[i] = defaults.definitions[i];
  }
  for (size_t i = 0; i < r.labels.size(); ++i) {
    for (size_t k = i + 1; k < r.labels.size(); ++k)
      clash = clash || folded(r.labels[i]) == folded(r.labels[k]);
    for (const std::string& o : opinion.labels) clash = clash || folded(r.labels[i]) == folded(o);
  }
  if (clash) {
    r.labels = defaults.labels;
    add_problem(problems, "rating labels (each must differ from the others and from the "
                          "assurance opinion's)");
  }
  // A cap names a level, 0 (off) to 3; any other number is refused rather than guessed at.
  auto check_cap = [&](int& cap, int fallback, const char* key) {
    if (cap >= 0 && cap <= 3) return;
    cap = fallback;
    add_problem(problems, key);
  };
  check_cap(r.cap_level_for_missed_high, defaults.cap_level_for_missed_high,
            "rating.cap_level_for_missed_high (0 to 3)");
  check_cap(r.cap_level_for_mixed_ending, defaults.cap_level_for_mixed_ending,
            "rating.cap_level_for_mixed_ending (0 to 3)");
  check_cap(r.cap_level_for_poor_ending, defaults.cap_level_for_poor_ending,
            "rating.cap_level_for_poor_ending (0 to 3)");
  auto& t = r.thresholds;
  for (double& v : t) v = std::clamp(v, 0.0, 100.0);
  if (!(t[0] >= t[1] && t[1] >= t[2])) {
    t = defaults.thresholds;
    add_problem(problems, "rating thresholds");
  }
}

}  // namespace

std::string default_settings_path() {
  return env_or_home("XDG_CONFIG_HOME", "/.config") + "/auditsim/settings.json";
}

std::string data_folder(const Settings& s) {
  if (!s.data_folder.empty()) return s.data_folder;
  return env_or_home("XDG_DATA_HOME", "/.local/share") + "/auditsim";
}

std::string default_database_path(const Settings& s) {
  if (!s.results_server.empty()) return s.results_server;
  return data_folder(s) + "/results.db";
}

std::string results_server_problem(const std::string& url) {
  if (url.empty()) return "";
  if (url.rfind("postgresql://", 0) != 0)
    return "The address must start with postgresql:// (for example "
           "postgresql://auditsim_recorder@db.example.gov.uk/auditsim).";
  // user:password@host: a password is never kept in the settings file.
  const auto at = url.find('@');
  if (at != std::string::npos && url.substr(0, at).find(':', 13) != std::string::npos)
    return "Take the password out of the address: put it in ~/.pgpass (chmod 600) instead.";
  return "";
}

Settings load_settings(const std::string& path, std::string* warning) {
  Settings s;
  std::ifstream in(path, std::ios::binary);
  if (!in) return s;
  std::stringstream buf;
  buf << in.rdbuf();
  json j = json::parse(buf.str(), nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) {
    if (warning) *warning = "The settings file " + path + " is not valid JSON; defaults are used.";
    return s;
  }
  std::string problems;
  std::string theme = theme_key(s.theme);
  read(j, "font_scale", s.font_scale, problems);
  read(j, "theme", theme, problems);
  read(j, "window_width", s.window_width, problems);
  read(j, "window_height", s.window_height, problems);
  read(j, "window_maximised", s.window_maximised, problems);
  read(j, "council_name", s.council_name, problems);
  read(j, "logo", s.logo_path, problems);
  read(j, "word_template", s.word_template, problems);
  read(j, "lrs_endpoint", s.lrs_endpoint, problems);
  read(j, "lrs_key", s.lrs_key, problems);
  read(j, "results_server", s.results_server, problems);
  if (!results_server_problem(s.results_server).empty()) {
    problems += std::string(problems.empty() ? "" : ", ") + "results_server";
    s.results_server.clear();
  }
  read(j, "data_folder", s.data_folder, problems);
  read(j, "live_scores", s.live_scores, problems);
  read(j, "library_folders", s.library_folders, problems);
  read(j, "late_priority_drop", s.late_priority_drop, problems);
  // The exercise rating was saved as "assurance" before it was told apart from an assurance
  // opinion; such a file is still read, and "rating" wins when a file has both.
  for (const char* key : {"assurance", "rating"})
    if (auto a = j.find(key); a != j.end() && a->is_object()) {
      read(*a, "labels", s.scale.labels, problems);
      read(*a, "definitions", s.scale.definitions, problems);
      read(*a, "thresholds", s.scale.thresholds, problems);
      read_level(*a, "cap_level_for_missed_high", s.scale.cap_level_for_missed_high, problems);
      read_level(*a, "cap_level_for_mixed_ending", s.scale.cap_level_for_mixed_ending, problems);
      read_level(*a, "cap_level_for_poor_ending", s.scale.cap_level_for_poor_ending, problems);
    }
  if (auto o = j.find("opinion"); o != j.end() && o->is_object()) {
    read(*o, "labels", s.opinion.labels, problems);
    read(*o, "definitions", s.opinion.definitions, problems);
    read(*o, "cap_level_for_high", s.opinion.cap_level_for_high, problems);
    read(*o, "high_findings_for_lowest", s.opinion.high_findings_for_lowest, problems);
  }
  clamp_opinion_definitions(s.opinion, problems);
  clamp_rating_scale(s.scale, s.opinion, problems);
  s.theme = kThemeKeys.parse(theme).value_or(Theme::Light);
  s.font_scale = std::clamp(s.font_scale, kMinFontScale, kMaxFontScale);
  s.late_priority_drop = std::clamp(s.late_priority_drop, 0, 2);
  s.window_width = std::clamp(s.window_width, 640, 16384);
  s.window_height = std::clamp(s.window_height, 480, 16384);
  if (!problems.empty() && warning)
    *warning = "Some settings in " + path + " were not understood (" + problems +
               "); their defaults are used.";
  return s;
}

bool save_settings(const Settings& s, const std::string& path, std::string* error) {
  json j = {{"font_scale", s.font_scale},
            {"theme", theme_key(s.theme)},
            {"window_width", s.window_width},
            {"window_height", s.window_height},
            {"window_maximised", s.window_maximised},
            {"council_name", s.council_name},
            {"logo", s.logo_path},
            {"word_template", s.word_template},
            {"lrs_endpoint", s.lrs_endpoint},
            {"lrs_key", s.lrs_key},
            {"results_server", s.results_server},
            {"data_folder", s.data_folder},
            {"live_scores", s.live_scores},
            {"library_folders", s.library_folders},
            {"late_priority_drop", s.late_priority_drop},
            {"rating",
             {{"labels", s.scale.labels},
              {"definitions", s.scale.definitions},
              {"thresholds", s.scale.thresholds},
              {"cap_level_for_missed_high", s.scale.cap_level_for_missed_high},
              {"cap_level_for_mixed_ending", s.scale.cap_level_for_mixed_ending},
              {"cap_level_for_poor_ending", s.scale.cap_level_for_poor_ending}}},
            {"opinion",
             {{"labels", s.opinion.labels},
              {"definitions", s.opinion.definitions},
              {"cap_level_for_high", s.opinion.cap_level_for_high},
              {"high_findings_for_lowest", s.opinion.high_findings_for_lowest}}}};
  std::error_code ec;
  fs::create_directories(fs::path(path).parent_path(), ec);
  // Owner-only: the file names the council and where its results are kept.
  return write_file_atomically(path, j.dump(2) + "\n", kOwnerOnly, error);
}

}  // namespace auditsim
