// Shared by the report tests: a results database holding sessions of the hostile-text fixture
// scenario, played and recorded exactly as the program records them, plus helpers that make the
// models deterministic for golden files and extract text from PDFs.
#pragma once

#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "reports/build.hpp"
#include "reports/render.hpp"
#include "sim/load.hpp"
#include "sim/recording.hpp"
#include "tests/support/run_process.hpp"

namespace auditsim::testing {

namespace fs = std::filesystem;

// The hostile-text scenario; with `part_b` its classification is changed to part-b.
inline ScenarioPtr hostile_scenario(bool part_b = false) {
  const std::string path = std::string(AUDITSIM_TEST_DATA) + "/reports/hostile-text.yaml";
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (part_b) {
    text.replace(text.find("classification: part-a"), 22, "classification: part-b");
    text.replace(text.find("id: hostile-text"), 16, "id: hostile-exempt");
  }
  LoadResult r = load_scenario_text(text, path);
  return r.scenario;
}

// People whose names must never reach a Part A report.
inline const std::vector<std::string>& secret_names() {
  static const std::vector<std::string> names{"Cllr Siân Ŵyn-Hughes", "ليلى حسن", "דוד כהן",
                                              "Cllr O'Brien \"Bob\" <b>Big</b>"};
  return names;
}
// A Part B note that must never reach a Part A report.
inline const std::string kSecretNote = "SECRET-NOTE-7731: informant at {{address}} <script>x</script>";

// A scratch folder for one test: AUDITSIM_TEST_TMP/reports/<name>-<pid>.
inline fs::path report_scratch(const std::string& name) {
  fs::path dir = fs::path(AUDITSIM_TEST_TMP) / "reports" / (name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Plays `choices` on a fresh session of `scenario` and records it with notes, an override and
// actions whose text mentions the participants by name.
inline std::string record_session(store::Store& db, const ScenarioPtr& scenario,
                                  const std::vector<std::string>& choices, const std::string& team,
                                  bool with_people = true) {
  ManualClock clock;
  clock.set_ms(1000);
  Session session(scenario, clock);
  RecordingSetup setup;
  setup.event_name = "Members' evening <script> {{event}} — Noson";
  setup.event_date = "2026-03-12";
  setup.event_kind = store::EventKind::TrainingEvening;
  setup.facilitator = "Chief EHO";
  setup.mode = store::Mode::Teams;
  setup.team = team;
  if (with_people)
    for (size_t i = 0; i < secret_names().size(); ++i)
      setup.participants.push_back({secret_names()[i], i % 2 ? store::Role::Staff : store::Role::Member});
  SessionRecorder recorder(db, session, setup);
  const std::string& who = secret_names().front();
  for (const std::string& c : choices) {
    clock.advance_ms(65'000);
    GroupInput g;
    g.votes[c] = 4;
    g.rationale = who + " said: \"check it\" <script>alert(1)</script>\nsecond line ŵ";
    g.dissent = "ליאור disagreed {{dissent}}";
    session.choose(std::string_view(c), g);
    recorder.sync(session);
  }
  const std::string id = recorder.session_id();
  store::Note public_note;
  public_note.kind = "control";
  public_note.node_id = "letter";
  public_note.text = "Public note about procedure 7 — nodyn cyhoeddus <script>n</script> {{n}}";
  db.record_note(id, public_note);
  store::Note secret;
  secret.kind = "observation";
  secret.text = kSecretNote;
  secret.part_b = true;
  db.record_note(id, secret);
  store::ScoreOverride o;
  o.pillar = "pursue";
  o.delta = 1;
  o.reason = "Facilitator judgement: " + who + " made the call";
  o.by = "Chief EHO";
  db.record_override(id, o);
  store::ActionItem a;
  a.session_id = id;
  a.finding = "call-back";
  a.action = "Introduce call-backs =HYPERLINK(\"x\") \"now\", ŵ";
  a.owner = "Head of Finance";
  a.due_date = "2026-06-30";
  a.priority = "high";
  db.add_action(a);
  a.action = "Brief members, led by " + who;
  a.owner = who;
  a.due_date = "";
  a.priority = "low";
  a.status = store::ActionStatus::InProgress;
  db.add_action(a);
  a.action = "Already done";
  a.status = store::ActionStatus::Done;
  db.add_action(a);
  return id;
}

// A database with three teams at one event: best, mixed and poor play.
inline store::Store standard_db(const fs::path& dir, bool include_exempt = false) {
  store::Store db = store::Store::open(dir / "results.db");
  ScenarioPtr s = hostile_scenario();
  record_session(db, s, {"call", "report"}, "Table 1 — Bwrdd 1");
  record_session(db, s, {"accept", "report"}, "Table 2 <i>");
  record_session(db, s, {"accept", "ignore"}, "طاولة 3");
  if (include_exempt) record_session(db, hostile_scenario(true), {"call", "report"}, "Table 4");
  return db;
}

inline reports::ReportSettings test_settings(reports::Part part) {
  reports::ReportSettings s;
  s.council_name = "Cyngor Sir Ynys Môn <Isle of Anglesey> {{council}}";
  s.generated_at = "2026-03-20T10:00:00.000Z";
  s.part = part;
  return s;
}

// Pseudonyms ("Participant 3F2A9C") are random: golden files show them as "Participant ######".
inline void mask_pseudonyms(std::string& text) {
  const std::string tag = "Participant ";
  for (size_t at = text.find(tag); at != std::string::npos; at = text.find(tag, at + 1)) {
    size_t i = at + tag.size();
    size_t n = 0;
    while (i + n < text.size() && n < 6 && std::isxdigit(static_cast<unsigned char>(text[i + n]))) ++n;
    if (n == 6) text.replace(i, 6, "######");
  }
}

// Replaces everything that differs from run to run (ids, timestamps, pseudonyms) by fixed values.
inline void normalise(reports::FeedbackReport& r, int index) {
  char uuid[40];
  std::snprintf(uuid, sizeof uuid, "00000000-0000-4000-8000-%012d", index + 1);
  r.session_id = uuid;
  r.started_at = "2026-03-12T19:0" + std::to_string(index) + ":00.000Z";
  if (!r.finished_at.empty()) r.finished_at = "2026-03-12T19:3" + std::to_string(index) + ":00.000Z";
  for (size_t i = 0; i < r.decisions.size(); ++i) {
    r.decisions[i].recorded_at = "2026-03-12T19:1" + std::to_string(i) + ":00.000Z";
    mask_pseudonyms(r.decisions[i].rationale);
  }
  for (auto& p : r.people) mask_pseudonyms(p.name), mask_pseudonyms(p.pseudonym);
  for (auto& p : r.participants) mask_pseudonyms(p);
  for (auto& n : r.notes) mask_pseudonyms(n.text);
  for (auto& o : r.overrides) mask_pseudonyms(o.reason);
  for (size_t i = 0; i < r.actions.size(); ++i) {
    r.actions[i].id = "action-" + std::to_string(index) + "-" + std::to_string(i);
    r.actions[i].session_id = uuid;
    mask_pseudonyms(r.actions[i].action);
    mask_pseudonyms(r.actions[i].owner);
  }
}

inline void normalise(reports::ScrutinyReport& r) {
  for (size_t i = 0; i < r.appendix.size(); ++i) normalise(r.appendix[i], static_cast<int>(i));
  r.date_from = r.date_to = "2026-03-12";
}

inline void normalise(reports::OpenActionsReport& r) {
  for (size_t i = 0; i < r.actions.size(); ++i) {
    r.actions[i].id = "action-" + std::to_string(i);
    r.actions[i].session_id = "session-" + std::to_string(i);
    mask_pseudonyms(r.actions[i].action);
    mask_pseudonyms(r.actions[i].owner);
  }
}

// Text and page count of a PDF through poppler's pdftotext and pdfinfo.
struct PdfText {
  std::string text;
  int pages = 0;
};
inline PdfText pdf_text(const std::string& pdf_bytes, const fs::path& dir) {
  const fs::path file = dir / "report.pdf";
  {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << pdf_bytes;
  }
  PdfText t;
  t.text = test::run_process({"/usr/bin/pdftotext", "-enc", "UTF-8", file.string(), "-"}).out;
  std::string info = test::run_process({"/usr/bin/pdfinfo", file.string()}).out;
  if (auto at = info.find("Pages:"); at != std::string::npos) t.pages = std::stoi(info.substr(at + 6));
  return t;
}

inline std::string collapse_space(const std::string& s) {
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\f') out += c;
  return out;
}

}  // namespace auditsim::testing
