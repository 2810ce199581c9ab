#include "ui/app/app.hpp"
#include "ui/app/top_bar_layout.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <utility>

#include <imgui.h>

#include "sim/install_paths.hpp"
#include "sim/lrs/credentials.hpp"
#include "sim/recording.hpp"
#include "ui/controllers/room_layout.hpp"
#include "ui/app/fonts.hpp"
#include "ui/app/keys.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

const char* screen_name(Screen s) {
  switch (s) {
    case Screen::Library: return "Library";
    case Screen::NewSession: return "New session";
    case Screen::Play: return "Play";
    case Screen::Debrief: return "Debrief";
    case Screen::Audit: return "Audit";
    case Screen::Results: return "Results";
    case Screen::Author: return "Author";
    case Screen::Settings: return "Settings";
  }
  return "";
}

namespace {

std::vector<std::string> default_folders(const Settings& s) {
  std::vector<std::string> out{shipped_scenarios_folder(), data_folder(s) + "/scenarios"};
  out.insert(out.end(), s.library_folders.begin(), s.library_folders.end());
  return out;
}

}  // namespace

App::App(const AppConfig& config)
    : settings_path_(config.settings_path.empty() ? default_settings_path() : config.settings_path),
      library_({}),
      lrs_(std::make_unique<LrsDelivery>(config.lrs_transport, config.lrs_probe)) {
  std::string warning;
  settings_ = load_settings(settings_path_, &warning);
  if (!warning.empty())
    show_error("Settings not fully read", warning, "Check the values on the Settings screen and save.");
  if (config.clock) {
    clock_ = config.clock;
  } else {
    own_clock_ = std::make_unique<SteadyClock>();
    clock_ = own_clock_.get();
  }
  library_.set_folders(config.scenario_folders.empty() ? default_folders(settings_)
                                                       : config.scenario_folders);
  db_path_ = config.db_path.empty() ? default_database_path(settings_) : config.db_path;
  if (config.no_database) {
    db_error_ = "recording is switched off";
  } else try {
    db_ = std::make_unique<store::Store>(store::Store::open(db_path_));
    // With an LRS set up, play queues its xAPI statements with each decision.
    if (lrs::configured(settings_)) {
      db_->enable_outbox(lrs::outbox_settings(settings_));
      lrs_->start(db_path_, settings_, settings_path_);
    }
    results_.refresh(*db_);
    find_resume_offer();
  } catch (const std::exception& e) {
    db_error_ = e.what();
    show_error("Results cannot be recorded", std::string("The results database ") + db_path_ +
                   " could not be opened: " + e.what(),
               "Choose another data folder on the Settings screen, or start the program with "
               "--db PATH. You can still play, but nothing will be recorded.");
  }
  if (config.load_library_now) library_.load_all_now();
  else library_.rescan_async();
}

App::~App() {
  if (play_) play_->save_state();
  // A check typed but not yet saved (its field still had the keyboard) is saved on the way out.
  if (audit_) audit_->checks().save_unsaved();
}

ScoringConfig App::scoring() const {
  ScoringConfig c;
  c.scale = settings_.scale;
  c.late_priority_drop = settings_.late_priority_drop;
  return c;
}

float App::effective_font_scale() const {
  if (presenter) return room_body_px(room_display_height_) / kBodyPx;
  return settings_.font_scale;
}

bool App::key_pressed(int scancode) const {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput || scancode < 0 || scancode >= IM_ARRAYSIZE(io.KeysDown)) return false;
  return ImGui::IsKeyPressed(scancode, false);
}

void App::show_error(std::string title, std::string cause, std::string action) {
  errors_.push_back({std::move(title), std::move(cause), std::move(action)});
}

void App::save_settings_now() {
  std::string err;
  if (!save_settings(settings_, settings_path_, &err))
    show_error("Settings not saved", err, "Check that the folder is writable.");
}

std::string App::save_lrs_settings() {
  if (std::string problem = save_lrs_form(lrs_form_, settings_, settings_path_); !problem.empty())
    return problem;
  lrs_->stop();
  if (!db_) return {};
  if (lrs::configured(settings_)) {
    db_->enable_outbox(lrs::outbox_settings(settings_));
    lrs_->start(db_path_, settings_, settings_path_);
  } else {
    db_->disable_outbox();
  }
  return {};
}

std::string App::add_library_folder(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (path.empty()) return "Type the folder's path first.";
  const fs::path abs = fs::absolute(path, ec).lexically_normal();
  if (ec || !fs::is_directory(abs, ec)) return "There is no folder at " + path + ".";
  std::string folder = abs.string();
  while (folder.size() > 1 && folder.back() == '/') folder.pop_back();  // "a/b/" and "a/b" alike
  for (const std::string& f : library_.folders())
    if (fs::equivalent(f, folder, ec)) return "The library already shows " + folder + ".";
  settings_.library_folders.push_back(folder);
  save_settings_now();
  library_.set_folders(default_folders(settings_));
  library_.rescan_async();
  return {};
}

void App::remove_library_folder(size_t index) {
  if (index >= settings_.library_folders.size()) return;
  settings_.library_folders.erase(settings_.library_folders.begin() + static_cast<long>(index));
  save_settings_now();
  library_.set_folders(default_folders(settings_));
  library_.rescan_async();
}

bool App::open_scenario(const std::string& path, const SessionSetup& setup) {
  std::string abs = path;
  std::error_code ec;
  if (auto p = std::filesystem::absolute(path, ec); !ec) abs = p.lexically_normal().string();
  int i = library_.find(abs);
  if (i < 0) i = library_.find(path);
  if (i < 0) i = library_.load_file(abs);
  library_.selected = i;
  const LibraryEntry& e = library_.entries()[i];
  if (!e.result.ok()) {
    std::string first;
    for (const auto& d : e.result.diagnostics)
      if (d.severity == Severity::Error) {
        first = format_diagnostic(d);
        break;
      }
    show_error("This scenario cannot be played", first.empty() ? "It could not be loaded." : first,
               "Fix the errors listed in the library (auditsim validate shows them too), then "
               "open it again.");
    screen_ = Screen::Library;
    return false;
  }
  return start_play(e.result.scenario, setup);
}

bool App::start_play(ScenarioPtr scenario, const SessionSetup& setup, bool record) {
  const std::string title = scenario ? scenario->title : std::string();
  if (ask_before_switching(title, [this, scenario, setup, record] {
        return start_play_now(scenario, setup, record);
      }))
    return false;
  return start_play_now(std::move(scenario), setup, record);
}

bool App::start_play_now(ScenarioPtr scenario, const SessionSetup& setup, bool record) {
  try {
    play_ = std::make_unique<PlayController>(std::move(scenario), *clock_,
                                             record ? db_.get() : nullptr, setup,
                                             scoring());
  } catch (const std::exception& e) {
    show_error("The session could not start", e.what(),
               "Check the details on the New session screen and the results database.");
    return false;
  }
  room_offer_.reset();  // an offer was for the session this one replaces
  place_room_file();
  debrief_.reset();
  screen_ = Screen::Play;
  return true;
}

bool App::resume(const std::string& session_id) {
  if (play_ && std::any_of(play_->teams().begin(), play_->teams().end(),
                           [&](const Team& t) { return t.session_id == session_id; })) {
    screen_ = Screen::Play;  // it is the one being played: nothing to switch
    return true;
  }
  if (ask_before_switching("a recorded session", [this, session_id] { return resume_now(session_id); }))
    return false;
  return resume_now(session_id);
}

bool App::resume_now(const std::string& session_id) {
  if (!db_) return false;
  std::string err;
  auto pc = PlayController::resume(*db_, session_id, *clock_, scoring(), &err);
  if (!pc) {
    show_error("The session cannot be resumed", err, "Open its debrief instead, or start again.");
    return false;
  }
  play_ = std::move(pc);
  place_room_file();
  find_room_offer();
  debrief_.reset();
  screen_ = Screen::Play;
  return true;
}

void App::abandon_play() {
  if (!play_) return;
  play_->abandon();
  if (std::string err = play_->take_error(); !err.empty()) {
    // Not recorded as closed: keep playing rather than lose sight of it.
    show_error("The session was not closed", err, "Check the results database, then try again.");
    return;
  }
  play_.reset();
  debrief_.reset();
  screen_ = Screen::Library;
  if (db_) results_.refresh(*db_);
}

void App::find_resume_offer() {
  resume_offer_.reset();
  if (!db_) return;
  try {
    store::SessionFilter f;
    f.status = store::Status::Active;
    const auto active = db_->list_sessions(f);
    if (active.empty()) return;
    const store::SessionSummary& last = active.back();  // listed oldest first
    ResumeOffer o;
    o.session_id = last.id;
    o.title = last.scenario_title;
    std::vector<store::SessionSummary> teams{last};
    if (!last.run.empty()) {
      store::SessionFilter run;
      run.run = last.run;
      teams = db_->list_sessions(run);
    }
    int64_t decisions = 0;
    std::string names;
    for (const auto& t : teams) {
      o.ids.push_back(t.id);
      decisions += t.decisions;
      if (!t.team.empty()) names += (names.empty() ? "" : ", ") + t.team;
    }
    // started_at is "YYYY-MM-DDTHH:MM:SS.mmmZ"; shown as "YYYY-MM-DD at HH:MM UTC".
    const std::string& at = last.started_at;
    const std::string when = at.size() >= 16 && at[10] == 'T'
                                 ? at.substr(0, 10) + " at " + at.substr(11, 5) + " UTC"
                                 : at;
    o.detail = "Started " + when +
               (last.event_name.empty() ? "" : " for " + last.event_name) + "; " +
               std::to_string(decisions) + (decisions == 1 ? " decision" : " decisions") +
               " recorded" + (teams.size() > 1 ? " across " + std::to_string(teams.size()) +
                                                     " teams (" + names + ")"
                                                : std::string()) +
               ".";
    resume_offer_ = std::move(o);
  } catch (const std::exception&) {
    // The Results screen lists unfinished sessions too; an offer is a convenience.
  }
}

void App::accept_resume_offer() {
  if (!resume_offer_) return;
  const std::string id = resume_offer_->session_id;
  resume_offer_.reset();
  resume(id);
}

void App::abandon_resume_offer() {
  if (!resume_offer_ || !db_) return;
  try {
    db_->batch([&] {
      for (const auto& id : resume_offer_->ids) SessionRecorder(*db_, id, 0).abandon();
    });
  } catch (const std::exception& e) {
    show_error("The session was not closed", e.what(), "Check the results database.");
    return;
  }
  resume_offer_.reset();
  results_.refresh(*db_);
}

void App::draw_resume_offer() {
  if (!resume_offer_ || !errors_.empty()) return;
  const char* id = "An unfinished session##resume-offer";
  if (begin_dialog(id)) {
    text_wrapped(("\"" + resume_offer_->title + "\" was not finished.").c_str());
    muted_text(resume_offer_->detail.c_str());
    gap(0.4f);
    text_wrapped("Resume it where it stopped, with its decisions, timers and teams?");
    gap(0.6f);
    const float fs = ImGui::GetFontSize();
    // Each answer closes the popup; the offer is gone once answered.
    if (primary_button("Resume it##offer", ImVec2(fs * 8, 0))) {
      ImGui::CloseCurrentPopup();
      accept_resume_offer();
    }
    ImGui::SameLine();
    if (button("Not now##offer", ImVec2(fs * 6, 0))) {
      ImGui::CloseCurrentPopup();
      decline_resume_offer();
    }
    ImGui::SameLine();
    if (button("Close it unfinished##offer")) {
      ImGui::CloseCurrentPopup();
      abandon_resume_offer();
    }
    ImGui::EndPopup();
  }
}

void App::open_debrief_from_play() {
  if (!play_) return;
  debrief_ = std::make_unique<DebriefModel>(*play_, db_.get(), scoring());
  screen_ = Screen::Debrief;
  if (db_) results_.refresh(*db_);
}

void App::open_debrief(const std::vector<std::string>& ids) {
  if (!db_) return;
  auto d = std::make_unique<DebriefModel>(*db_, ids, *clock_, scoring());
  if (!d->ok()) {
    show_error("The debrief cannot be shown", d->error(), "Check the database with auditsim check-db.");
    return;
  }
  debrief_ = std::move(d);
  screen_ = Screen::Debrief;
}

bool App::open_audit(const std::string& session_id) {
  if (!db_) {
    show_error("The audit cannot be opened", "There is no results database: " + db_error_,
               "Choose another data folder on the Settings screen, or start the program with --db PATH.");
    return false;
  }
  std::string err;
  // The same session's audit already open keeps its page and whatever is being typed.
  if (audit_ && audit_->workspace().session_id() == session_id) {
    screen_ = Screen::Audit;
    return true;
  }
  auto a = DesktopAudit::open(*db_, session_id, settings_.opinion, today_iso_date(), &err);
  if (!a) {
    show_error("The audit cannot be opened", err, "Check the database with auditsim check-db.");
    return false;
  }
  audit_ = std::move(a);
  screen_ = Screen::Audit;
  return true;
}

void App::handle_global_keys() {
  if (key_pressed(keys::kF11)) {
    presenter = !presenter;
    fonts_dirty = true;
    if (play_) play_->ui().room_panel = play_->ui().room_keys_open = false;  // the room view starts clean
  }
  // The room's type follows the display (a projector at another resolution, full screen taking
  // effect a frame late).
  const float h = ImGui::GetIO().DisplaySize.y;
  if (presenter && h > 0 && std::abs(h - room_display_height_) > 0.5f) {
    room_display_height_ = h;
    fonts_dirty = true;
  }
}

void App::frame() {
  ImGuiIO& io = ImGui::GetIO();
  handle_global_keys();
  // The control-check rows take the arrows and Enter themselves (Up and Down between rows,
  // Enter to edit); ImGui's keyboard navigation would move between and press widgets as well.
  // Tab still moves between fields: in ImGui 1.86 it works without keyboard navigation.
  const bool rows_take_keys = screen_ == Screen::Audit && audit_ && audit_->page == AuditPage::ControlChecks;
  if (rows_take_keys && (io.ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard)) {
    io.ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;
    keyboard_nav_suspended_ = true;
  } else if (!rows_take_keys && keyboard_nav_suspended_) {
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    keyboard_nav_suspended_ = false;
  }
  // Scenario files are re-checked about once a second so authors see edits straight away.
  if (io.DeltaTime > 0 && ImGui::GetTime() - last_rescan_ > 1.0) {
    last_rescan_ = ImGui::GetTime();
    library_.rescan_async();
  }
  library_.poll();
  if (play_) {
    play_->tick();
    std::string err = play_->take_error();
    if (!err.empty()) show_error("Not recorded", err, "Check the disk and the results database.");
  }
  poll_background_jobs();

  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::Begin("##main", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PopStyleVar(3);
  // The room's view has no navigation: the play and audit screens have their own way back.
  if (!(presenter && (screen_ == Screen::Play || screen_ == Screen::Audit))) draw_top_bar();
  const float pad = ImGui::GetFontSize() * 1.2f;
  // The LRS line sits under every screen but the room's view: the room is not shown the outbox.
  const std::string lrs_line = presenter ? std::string() : lrs_status_line(lrs_->status());
  const float lrs_h = lrs_line.empty() ? 0.0f : ImGui::GetFrameHeightWithSpacing();
  ImGui::SetCursorPos(ImVec2(pad, ImGui::GetCursorPosY() + pad * 0.6f));
  ImGui::BeginChild("##screen", ImVec2(ImGui::GetContentRegionAvail().x - pad,
                                       ImGui::GetContentRegionAvail().y - pad * 0.5f - lrs_h),
                    false, ImGuiWindowFlags_NoBackground);
  switch (screen_) {
    case Screen::Library: draw_library(*this); break;
    case Screen::NewSession: draw_new_session(*this); break;
    case Screen::Play:
      if (play_) draw_play(*this);
      else screen_ = Screen::Library;
      break;
    case Screen::Debrief:
      if (debrief_) draw_debrief(*this);
      else screen_ = Screen::Results;
      break;
    case Screen::Audit:
      if (audit_) draw_audit(*this);
      else screen_ = Screen::Results;
      break;
    case Screen::Results: draw_results(*this); break;
    case Screen::Author: draw_author(*this); break;
    case Screen::Settings: draw_settings(*this); break;
  }
  ImGui::EndChild();
  if (!lrs_line.empty()) {
    ImGui::SetCursorPosX(pad);
    muted_text(lrs_line.c_str());
  }
  draw_error_dialog();
  draw_resume_offer();
  draw_room_offer();
  draw_switch_prompt();
  ImGui::End();
  if (play_ && std::exchange(play_->ui().abandon_requested, false)) abandon_play();
}

void App::poll_background_jobs() {
  if (std::string msg = results_.poll(); !msg.empty()) {
    if (msg.rfind("Error: ", 0) == 0)
      show_error("The operation did not complete", msg.substr(7),
                 "Check the file name and try again; nothing was changed.");
    else
      show_error("Done", msg, "");
    if (db_) results_.refresh(*db_);
    overview_.invalidate();  // imported or erased sessions change the event's figures
  }
  for (ReportExporter* ex : {&debrief_report_, &results_report_, audit_ ? &audit_->report : nullptr})
    if (auto o = ex ? ex->poll() : std::nullopt; o && !o->ok)
      show_error("The report was not written", o->message,
                 "Check the file name and that its folder is writable, then try again.");
  overview_.poll();
}

void App::frame_facilitator() {
  const ImGuiIO& io = ImGui::GetIO();
  const FontsForDesk desk;  // the facilitator's window reads at the desk's size
  if (key_pressed(keys::kF11)) {
    presenter = false;
    fonts_dirty = true;
  }
  ImGui::SetNextWindowPos(ImVec2(0, 0));
  ImGui::SetNextWindowSize(io.DisplaySize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0);
  const float pad = ImGui::GetFontSize();
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
  ImGui::Begin("##facilitator-window", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoSavedSettings);
  ImGui::PopStyleVar(3);
  draw_facilitator_window(*this);
  ImGui::End();
}

void App::draw_top_bar() {
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  const float row_h = fs * 2.6f;
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float w = ImGui::GetWindowWidth();

  const Screen all_tabs[] = {Screen::Library, Screen::NewSession, Screen::Play, Screen::Debrief,
                             Screen::Audit, Screen::Results, Screen::Author, Screen::Settings};
  std::vector<Screen> tabs;
  std::vector<float> tab_w;
  for (Screen s : all_tabs) {
    if (s == Screen::Play && !play_) continue;
    if (s == Screen::Debrief && !debrief_) continue;
    if (s == Screen::Audit && !audit_) continue;
    tabs.push_back(s);
    tab_w.push_back(nav_tab_width(screen_name(s)) + fs * 0.2f);
  }
  const float sq = fs * 0.55f, gx = p0.x + fs * 1.2f;
  const float start_x = gx + 2 * sq + fs * 0.8f;
  std::string title = "Desktop Audit Simulator";
  if (!settings_.council_name.empty()) title += "  \xC2\xB7  " + settings_.council_name;
  const float title_w = ImGui::CalcTextSize(title.c_str()).x + fs * 2.5f;
  const TopBarLayout layout = layout_top_bar(start_x, title_w, tab_w, p0.x + w - fs * 0.6f);
  const float h = fs * 0.4f + row_h * static_cast<float>(layout.rows);

  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(p0, ImVec2(p0.x + w, p0.y + h), to_u32(pal.surface));
  dl->AddLine(ImVec2(p0.x, p0.y + h), ImVec2(p0.x + w, p0.y + h), to_u32(pal.border));
  // The product mark: four pillar-coloured squares, centred on the first row.
  const float gy = p0.y + fs * 0.2f + (row_h - 2 * sq - 2) * 0.5f;
  for (int i = 0; i < 4; ++i)
    dl->AddRectFilled(ImVec2(gx + (i % 2) * (sq + 2), gy + (i / 2) * (sq + 2)),
                      ImVec2(gx + (i % 2) * (sq + 2) + sq, gy + (i / 2) * (sq + 2) + sq),
                      to_u32(pal.pillars[i]), 2.0f);
  float x = start_x;
  if (layout.show_title) {
    ImGui::SetCursorScreenPos(ImVec2(start_x, p0.y + fs * 0.2f + (row_h - fs * 1.15f) * 0.5f));
    if (fonts().bold) ImGui::PushFont(fonts().bold);
    ImGui::TextUnformatted("Desktop Audit Simulator");
    if (fonts().bold) ImGui::PopFont();
    if (!settings_.council_name.empty()) {
      ImGui::SameLine();
      ImGui::PushStyleColor(ImGuiCol_Text, pal.muted);
      ImGui::TextUnformatted(("\xC2\xB7  " + settings_.council_name).c_str());
      ImGui::PopStyleColor();
    }
    x += title_w;
  }
  int row = 0;
  for (size_t i = 0; i < tabs.size(); ++i) {
    if (layout.row_of_tab[i] != row) {
      row = layout.row_of_tab[i];
      x = start_x;
    }
    const float y = p0.y + fs * 0.2f + row_h * static_cast<float>(row) + (row_h - fs * 2.2f) * 0.5f;
    ImGui::SetCursorScreenPos(ImVec2(x, y));
    const Screen s = tabs[i];
    if (nav_tab(screen_name(s), screen_ == s)) {
      screen_ = s;
      if (s == Screen::Results && db_) {
        results_.refresh(*db_);
        overview_.invalidate();  // sessions may have been played since it was built
      }
    }
    x += tab_w[i];
  }
  ImGui::SetCursorScreenPos(ImVec2(p0.x, p0.y + h + 1));
}

void App::draw_error_dialog() {
  if (errors_.empty()) return;
  const ErrorDialog& e = errors_.front();
  const std::string id = e.title + "##error";
  if (begin_dialog(id.c_str())) {
    text_wrapped(e.cause.c_str());
    if (!e.action.empty()) {
      gap(0.4f);
      coloured_text(palette().muted, e.action.c_str());
    }
    gap(0.6f);
    if (primary_button("OK##error", ImVec2(ImGui::GetFontSize() * 6, 0)) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
      ImGui::CloseCurrentPopup();
      errors_.erase(errors_.begin());
    }
    ImGui::EndPopup();
  }
}

}  // namespace auditsim::ui
