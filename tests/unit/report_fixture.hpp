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
#include "reports/build_internal.hpp"
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

// A desktop audit of the first team's session, as the store would hold it: two versions of the
// call-back check (not known, then partly in place), the report check not known with the group's
// own cause, an auditor's opinion with its reason, three recommendations (one withdrawn) and
// responses from two bodies. Names of people are typed where roles belong, so Part A must
// replace them; the scope is a final version 2. The second team: one check in place and one
// recommendation, so recommendations from two sessions are numbered on through a scrutiny report.
inline audit::AuditRecord sample_audit(int table) {
  const std::string& who = secret_names().front();
  audit::AuditRecord a;
  if (table == 1) {
    audit::ControlCheck c;
    c.seq = 1;
    c.key_action = "call-back";
    c.status = audit::ControlStatus::NotKnown;
    c.changed_by = "Chief Internal Auditor";
    a.checks.push_back(c);
    c.seq = 2;
    c.status = audit::ControlStatus::Partly;
    c.evidence = "Call-backs made for changes over £5,000 only <script>e</script> {{ev}} — dim ond";
    c.evidence_ref = "Exchequer procedure note 4, \"section 2\"";
    c.owner = who;  // a person typed as the owner
    c.due_date = "2026-06-30";
    c.changed_by = who;
    a.checks.push_back(c);
    audit::ControlCheck r;
    r.seq = 3;
    r.key_action = "report";
    r.status = audit::ControlStatus::NotKnown;
    r.owner = "Corporate Fraud Manager";
    r.cause = "Nobody present owns the fraud-reporting route <b>yet</b>";
    r.changed_by = "Chief Internal Auditor";
    a.checks.push_back(r);
    audit::Recommendation rec;
    rec.id = "rec-1";
    rec.version = 1;
    rec.number = 1;
    rec.to = audit::Addressee::CabinetMember;
    rec.addressee = "Cabinet Member for Resources";
    rec.text = "That every change of bank details is called back, as " + who + " proposed <i>now</i>";
    rec.findings = {"call-back"};
    a.recommendations.push_back(rec);
    rec.id = "rec-2";
    rec.number = 2;
    rec.to = audit::Addressee::CommunitySafetyPartnership;
    rec.addressee = "";
    rec.text = "That the Community Safety Partnership be requested to share fraud alerts {{monthly}}";
    rec.findings = {"report", "no-such-key-action"};
    a.recommendations.push_back(rec);
    rec.id = "rec-3";
    rec.number = 3;
    rec.to = audit::Addressee::Police;
    rec.text = "WITHDRAWN-RECOMMENDATION-TEXT";
    rec.findings = {};
    rec.withdrawn = true;
    a.recommendations.push_back(rec);
    audit::Response resp;
    resp.id = "resp-1";
    resp.recommendation = "rec-1";
    resp.seq = 1;
    resp.by = "Corporate Management Team";
    resp.response = audit::ResponseKind::Agreed;
    resp.text = "Agreed; the Head of Finance & Exchequer will lead <b>it</b>";
    resp.date = "2026-04-14";
    a.responses.push_back(resp);
    resp.id = "resp-2";
    resp.seq = 2;
    resp.by = "Cabinet";
    resp.response = audit::ResponseKind::Partly;
    resp.text = "Partly agreed: over £1,000 only, as " + who + " advised";
    resp.date = "2026-05-20";
    a.responses.push_back(resp);
    a.opinions.push_back({1, "Reasonable", "A weekly review of new payees, seen by " + who +
                                               ", partly makes up for the gap", "Chief Internal Auditor", ""});
    audit::AuditScope scope;
    scope.seq = 1;
    scope.stage = audit::ReportStage::Final;
    scope.report_version = 2;
    a.scope.push_back(scope);
  } else if (table == 2) {
    audit::ControlCheck c;
    c.seq = 1;
    c.key_action = "call-back";
    c.status = audit::ControlStatus::InPlace;
    c.evidence = "Seen in the payments system";
    c.owner = "Exchequer Manager";
    a.checks.push_back(c);
    audit::Recommendation rec;
    rec.id = "rec-t2";
    rec.version = 1;
    rec.number = 1;
    rec.to = audit::Addressee::Police;
    rec.addressee = "Lancashire Constabulary";
    rec.text = "That the police be encouraged to brief members on payment fraud";
    a.recommendations.push_back(rec);
  }
  return a;
}

// Gives the sessions of standard_db their audit in memory, by team (the store's audit tables
// are filled by their own code), and the first team an action past its due date.
inline reports::AmendRecord with_sample_audit() {
  return [](store::SessionRecord& rec) {
    const std::string& team = rec.summary.team;
    const int table = team.rfind("Table 1", 0) == 0 ? 1 : team.rfind("Table 2", 0) == 0 ? 2 : 0;
    rec.audit = sample_audit(table);
    if (table == 1) {
      store::ActionItem late;
      late.id = "late-action";
      late.session_id = rec.summary.id;
      late.finding = "call-back";
      late.action = "Write the call-back procedure";
      late.owner = "Exchequer Manager";
      late.due_date = "2026-02-27";
      late.priority = "high";
      rec.actions.push_back(late);
      audit::ActionUpdate u;
      u.seq = 1;
      u.action = "late-action";
      u.status = "in-progress";
      u.note = "Draft with the Head of Finance & Exchequer";
      u.review = "Six-month monitoring, 2026-03-18";
      rec.audit.action_updates.push_back(u);
    }
    if (team == "Table 4") rec.audit = sample_audit(1);  // the exempt scenario's: Part B only
  };
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

// The pseudonyms Part A put in the audit section's free text, masked.
inline void mask_pseudonyms(reports::AuditSection& a) {
  auto responses = [](std::vector<reports::ResponseRow>& rs) {
    for (auto& resp : rs) mask_pseudonyms(resp.by), mask_pseudonyms(resp.text);
  };
  for (auto& c : a.checks) mask_pseudonyms(c.owner), mask_pseudonyms(c.changed_by), mask_pseudonyms(c.evidence);
  for (auto& f : a.findings) {
    for (std::string* t : {&f.condition, &f.criteria, &f.cause, &f.effect, &f.owner}) mask_pseudonyms(*t);
    responses(f.responses);
  }
  for (auto& rec : a.recommendations) mask_pseudonyms(rec.text), responses(rec.responses);
  mask_pseudonyms(a.set_reason);
  mask_pseudonyms(a.set_by);
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
  mask_pseudonyms(r.audit);
  for (size_t i = 0; i < r.actions.size(); ++i) {
    r.actions[i].id = "action-" + std::to_string(index) + "-" + std::to_string(i);
    r.actions[i].session_id = uuid;
    mask_pseudonyms(r.actions[i].action);
    mask_pseudonyms(r.actions[i].owner);
    mask_pseudonyms(r.actions[i].progress);
  }
}

inline void normalise(reports::ScrutinyReport& r) {
  for (size_t i = 0; i < r.appendix.size(); ++i) normalise(r.appendix[i], static_cast<int>(i));
  for (auto& rec : r.recommendations) {
    mask_pseudonyms(rec.text);
    for (auto& resp : rec.responses) mask_pseudonyms(resp.by), mask_pseudonyms(resp.text);
  }
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
