// The desktop program's state and its per-frame drawing, independent of SDL and OpenGL: the
// shell (desktop.cpp) and the headless harness (headless.cpp) both drive an App.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/engine.hpp"
#include "sim/store/store.hpp"
#include "ui/controllers/certificate.hpp"
#include "ui/controllers/debrief.hpp"
#include "ui/controllers/desktop_audit.hpp"
#include "ui/controllers/event_overview.hpp"
#include "ui/controllers/forms.hpp"
#include "ui/controllers/library.hpp"
#include "ui/controllers/lrs_delivery.hpp"
#include "ui/controllers/play.hpp"
#include "ui/controllers/report_export.hpp"
#include "ui/controllers/results.hpp"
#include "sim/settings.hpp"

namespace auditsim::ui {

enum class Screen { Library, NewSession, Play, Debrief, Audit, Results, Author, Settings };
const char* screen_name(Screen s);

// Where the App finds its files; tests point everything at a scratch folder.
struct AppConfig {
  std::string settings_path;  // empty: default_settings_path()
  std::string db_path;        // empty: from the settings
  std::vector<std::string> scenario_folders;  // empty: shipped + user folder
  const Clock* clock = nullptr;               // null: the wall clock
  bool load_library_now = false;  // load synchronously (tests, scripted runs)
  bool no_database = false;       // play without recording (benchmarks)
  // How statements reach the LRS and how "Test connection" asks it; empty: libcurl. Tests give
  // an LRS in memory.
  LrsDelivery::TransportFor lrs_transport;
  LrsDelivery::ProbeFor lrs_probe;
};

// One clear message: what went wrong, why, and what to do.
struct ErrorDialog {
  std::string title, cause, action;
};

class App {
 public:
  explicit App(const AppConfig& config);
  ~App();

  // Draws one frame of the whole program (between ImGui::NewFrame and ImGui::Render).
  void frame();
  // Draws one frame of the facilitator's window (presenter mode with a second display), in that
  // window's own ImGui context.
  void frame_facilitator();

  // Starts a solo session on the library entry for `path` (loading the file if needed) and shows
  // the play screen. False (and an error dialog) when the scenario has errors.
  bool open_scenario(const std::string& path, const SessionSetup& setup = SessionSetup{});
  // Starts play with the given setup on a loaded scenario; `record` false plays without
  // writing to the results store (rehearsing from the middle of a scenario).
  bool start_play(ScenarioPtr scenario, const SessionSetup& setup, bool record = true);
  // Continues a recorded session (a team of a teams run brings back the whole run).
  bool resume(const std::string& session_id);
  // While a session is unfinished, open_scenario, start_play and resume do not start another at
  // once: they return false and ask first (session_switch.cpp). The answer either closes the
  // current one unfinished (recorded as abandoned, still resumable) and starts the new one, or
  // keeps playing the current one.
  bool switch_pending() const { return pending_switch_.has_value(); }
  void confirm_switch();
  void cancel_switch();
  // Closes the session being played without finishing it, because the user said so: it is
  // recorded as abandoned (it can still be resumed) and the Library is shown.
  void abandon_play();

  // A session left unfinished (the program closed or crashed while it was played), offered for
  // resume when the program starts. Empty when there is none or the user has answered.
  struct ResumeOffer {
    std::string session_id;        // the most recently started unfinished session
    std::vector<std::string> ids;  // it and, for a teams run, every other team of the run
    std::string title;             // scenario title
    std::string detail;            // "Started ..., 3 decisions recorded", the teams
  };
  const std::optional<ResumeOffer>& resume_offer() const { return resume_offer_; }
  // The user's answer: resume it, leave it for later, or close it unfinished (abandoned).
  void accept_resume_offer();
  void decline_resume_offer() { resume_offer_.reset(); }
  void abandon_resume_offer();

  // The councillors' devices a resumed session had in its room when the program stopped
  // (host/room_file.hpp), offered so the same devices come back with the same room code and
  // cookies, at their table's stage. Empty when there was none, or once answered.
  const std::optional<host::RoomFile>& room_offer() const { return room_offer_; }
  // Lets them back in: the room opens on its old address, port and code. `options` may name
  // another address (the tests' loopback). False, with an error dialog, when it cannot listen
  // there (the laptop is on another network): joining can then be turned on with a new code.
  bool accept_room_offer(host::HostOptions options = {});
  // A new room code instead: the interrupted room's file goes; devices join again.
  void decline_room_offer();
  // Shows the debrief of the teams just played, or of recorded sessions.
  void open_debrief_from_play();
  void open_debrief(const std::vector<std::string>& session_ids);
  // Opens the desktop audit of a recorded session (its control checks first) and shows it; a
  // session's audit can be opened again at any time. False (and an error dialog) when it
  // cannot be read.
  bool open_audit(const std::string& session_id);
  void show_error(std::string title, std::string cause, std::string action);
  void go(Screen s) { screen_ = s; }
  // Saves settings (window size included); errors go to the dialog.
  void save_settings_now();
  // Adds a folder the library shows scenarios from, saved in the settings. Returns why it was
  // refused in plain words (not a folder, already listed), or empty when added.
  std::string add_library_folder(const std::string& path);
  // Removes one of the folders added (index into settings().library_folders).
  void remove_library_folder(size_t index);
  // Saves the Settings screen's LRS section (lrs_form()): queuing on or off for the results
  // database, and delivery restarted with the new credentials. "" when saved, else why not.
  std::string save_lrs_settings();

  // --- state the screens read and change
  Screen screen() const { return screen_; }
  Settings& settings() { return settings_; }
  ScoringConfig scoring() const;
  LibraryController& library() { return library_; }
  store::Store* db() { return db_.get(); }
  const std::string& db_error() const { return db_error_; }
  const std::string& db_path() const { return db_path_; }
  PlayController* play() { return play_.get(); }
  DebriefModel* debrief() { return debrief_.get(); }
  DesktopAudit* audit() { return audit_.get(); }
  NewSessionForm& new_session() { return new_session_; }
  ResultsController& results() { return results_; }
  AuthorState& author() { return author_; }
  // The report forms of the Debrief and Results screens, and the Results screen's event charts.
  ReportExporter& debrief_report() { return debrief_report_; }
  ReportExporter& results_report() { return results_report_; }
  EventOverview& overview() { return overview_; }
  // Background delivery to the council's learning record store, and the Settings form for it.
  LrsDelivery& lrs() { return *lrs_; }
  LrsForm& lrs_form() { return lrs_form_; }
  const std::string& settings_path() const { return settings_path_; }
  const Clock& clock() const { return *clock_; }
  bool presenter = false;        // F11: full screen, large type, scores hidden from the room
  bool facilitator_open = true;  // the facilitator side panel
  bool facilitator_window = false;  // the shell shows the facilitator's controls in a second window
  // The scale fonts are built at: the setting, or in presenter mode the room's size for the
  // display's height (room_layout.hpp), which frame() follows when the display changes.
  float effective_font_scale() const;
  // In presenter mode, the scale of the facilitator's window (the setting); 0 otherwise.
  float desk_font_scale() const { return presenter ? settings_.font_scale : 0.0f; }
  bool fonts_dirty = false;      // font scale or presenter mode changed: the shell rebuilds fonts
  bool theme_dirty = true;       // theme changed: the shell reapplies colours
  bool quit_requested = false;
  // Keyboard state, tested by scancode (SDL scancodes in both shells).
  bool key_pressed(int scancode) const;

 private:
  void find_resume_offer();
  void draw_resume_offer();
  // After a resume: the room the play's sessions had, if its file is there (ui/app/room_offer.cpp).
  void find_room_offer();
  void draw_room_offer();
  // Where the play's devices' room is written down (beside the results file; for a server,
  // beside the settings, keyed by the event).
  void place_room_file();
  void draw_top_bar();
  void draw_error_dialog();
  void handle_global_keys();
  void poll_background_jobs();

  Settings settings_;
  std::string settings_path_;
  std::unique_ptr<SteadyClock> own_clock_;
  const Clock* clock_ = nullptr;
  std::string db_path_;
  std::unique_ptr<store::Store> db_;
  std::string db_error_;
  LibraryController library_;
  std::unique_ptr<PlayController> play_;
  std::unique_ptr<DebriefModel> debrief_;
  std::unique_ptr<DesktopAudit> audit_;
  NewSessionForm new_session_;
  ResultsController results_;
  AuthorState author_;
  ReportExporter debrief_report_;
  ReportExporter results_report_;
  EventOverview overview_;
  Screen screen_ = Screen::Library;
  std::vector<ErrorDialog> errors_;
  std::optional<ResumeOffer> resume_offer_;
  std::optional<host::RoomFile> room_offer_;
  struct PendingSwitch {
    std::string what;                 // "Flat 12, Millbrook Court", or "a recorded session"
    std::function<bool()> start;      // starts it, as the call that asked would have
  };
  std::optional<PendingSwitch> pending_switch_;
  bool start_play_now(ScenarioPtr scenario, const SessionSetup& setup, bool record);
  bool resume_now(const std::string& session_id);
  // True when starting `what` must wait for the user's answer (a session is unfinished).
  bool ask_before_switching(std::string what, std::function<bool()> start);
  void draw_switch_prompt();
  double last_rescan_ = -10;
  float room_display_height_ = 1080;  // the display height presenter-mode fonts are built for
  bool keyboard_nav_suspended_ = false;  // by the control-check rows, which take the arrow keys
  LrsForm lrs_form_;
  // Last: stopped (its thread joined) before the database and everything else go.
  std::unique_ptr<LrsDelivery> lrs_;
};

}  // namespace auditsim::ui
