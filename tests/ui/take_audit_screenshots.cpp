// Renders the desktop audit's screens in a real window (run under xvfb-run) and writes
// docs/images/desktop-audit-*.png for the guide (docs/desktop-audit.md), each in normal and in
// large text. A desktop audit of the tutorial is recorded first: its story played on the worst
// path, every key action's control checked, two recommendations, a response and the actions.
// Usage: ui_take_audit_screenshots SCENARIO OUT_DIR DB_PATH
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "sim/analysis.hpp"
#include "sim/audit/plan.hpp"
#include "sim/load.hpp"
#include "sim/recording.hpp"
#include "ui/app/desktop.hpp"

namespace {

using namespace auditsim;

// What the group found for a key action, by its place in the scenario's list (the tutorial's
// key actions are about a change of bank details; another scenario gets the same shapes).
struct Found {
  audit::ControlStatus status;
  const char* evidence;
  const char* ref;
  const char* due;
};
const Found kFound[] = {
    {audit::ControlStatus::Partly,
     "Procedure note 7 asks for a call-back, but two of the last five changes on the supplier file "
     "show none.", "Procedure note 7 (2017); supplier file sample", "2026-06-30"},
    {audit::ControlStatus::NotInPlace,
     "The anti-fraud response plan names no one to report to Action Fraud or the bank.",
     "Anti-fraud and corruption strategy 2021, section 6", "2026-05-31"},
    {audit::ControlStatus::InPlace, "Accounts Payable staff trained in January; attendance list seen.",
     "Training record, January 2026", ""},
    {audit::ControlStatus::NotKnown, "Nobody present knew whether alerts are shared.", "", "2026-04-30"},
    {audit::ControlStatus::InPlace, "Fraud losses are reported to the committee each quarter.",
     "Audit committee minutes, 2025-11-20", ""},
};

// Records the tutorial played by a group, on its worst path, with the audit that followed.
std::string record_audit(const std::string& scenario, const std::string& db_path) {
  LoadResult lr = load_and_check(scenario);
  if (!lr.ok()) return "";
  auto analysis = analyse(*lr.scenario);
  auto db = store::Store::open(db_path);
  SteadyClock clock;
  Session session(lr.scenario, clock);
  RecordingSetup setup;
  setup.event_name = "Audit committee desktop audit";
  setup.event_date = "2026-03-12";
  setup.event_kind = store::EventKind::DesktopAudit;
  setup.facilitator = "Chief Internal Auditor";
  setup.mode = store::Mode::Group;
  setup.participants = {{"Cllr Ann Jones", store::Role::Member}, {"Head of Finance", store::Role::Staff}};
  SessionRecorder rec(db, session, setup);
  for (int guard = 0; guard < 60 && !session.finished(); ++guard) {
    for (const auto& p : std::vector<PendingInject>(session.pending_injects())) session.acknowledge_inject(p.inject);
    const auto avail = session.available_choices();
    if (avail.empty()) break;
    session.choose(avail.back());
  }
  rec.sync(session);
  const std::string id = rec.session_id();
  const Scenario& s = *lr.scenario;
  for (size_t i = 0; i < s.key_actions.size(); ++i) {
    const Found& f = kFound[i % std::size(kFound)];
    audit::ControlCheck c;
    c.key_action = s.key_actions[i].id;
    c.status = f.status;
    c.evidence = f.evidence;
    c.evidence_ref = f.ref;
    c.owner = s.key_actions[i].control ? s.key_actions[i].control->owner : "Head of Finance";
    c.due_date = f.due;
    c.changed_by = "Chief Internal Auditor";
    db.record_control_check(id, c);
  }
  audit::Recommendation r1;
  r1.to = audit::Addressee::ManagementTeam;
  r1.text = "That the Corporate Management Team make a call-back to a number already held "
            "mandatory for every change of supplier bank details, recorded on the supplier file.";
  r1.findings = {s.key_actions.at(0).id};
  r1.changed_by = "Cllr Ann Jones";
  db.record_recommendation(id, r1);
  audit::Recommendation r2;
  r2.to = audit::Addressee::Cabinet;
  r2.addressee = "Cabinet Member for Resources";
  r2.text = "That Cabinet be recommended to adopt a revised anti-fraud response plan naming who "
            "reports an attempted fraud, to whom, and within one working day.";
  if (s.key_actions.size() > 1) r2.findings = {s.key_actions[1].id};
  r2.changed_by = "Cllr Ann Jones";
  db.record_recommendation(id, r2);
  audit::Response resp;
  resp.recommendation = r1.id;
  resp.by = "Corporate Management Team";
  resp.response = audit::ResponseKind::Agreed;
  resp.text = "Agreed. The call-back will be built into the payments system by June.";
  resp.date = "2026-04-02";
  db.record_response(resp);
  if (auto a = audit::action_for_response(&s, id, db.load_audit(id), db.list_actions(id), resp))
    db.add_action(*a);
  return id;
}

// The width and height in a PNG's header (0, 0 when it cannot be read).
std::pair<unsigned, unsigned> png_size(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char h[24] = {};
  if (!in.read(reinterpret_cast<char*>(h), sizeof h)) return {0, 0};
  auto be = [&](int i) { return unsigned(h[i]) << 24 | unsigned(h[i + 1]) << 16 | unsigned(h[i + 2]) << 8 | h[i + 3]; };
  return {be(16), be(20)};
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s SCENARIO OUT_DIR DB_PATH\n", argv[0]);
    return 2;
  }
  const std::string scenario = argv[1], out = argv[2], db = argv[3];
  const std::string id = record_audit(scenario, db);
  if (id.empty()) {
    std::fprintf(stderr, "the scenario does not load: %s\n", scenario.c_str());
    return 1;
  }
  const LoadResult lr = load_and_check(scenario);
  const std::string row = lr.scenario->title + "##s" + id;
  const std::vector<std::string> to_audit = {"Results", row, "Open the desktop audit"};
  struct Shot {
    std::string file;
    std::vector<std::string> clicks;
  };
  std::vector<Shot> shots = {{"desktop-audit-debrief", {"Results", row, "Open the debrief"}}};
  const std::pair<const char*, const char*> pages[] = {
      {"desktop-audit-checks", nullptr},
      {"desktop-audit-recommendations", "Recommendations##audit-page"},
      {"desktop-audit-action-plan", "Action plan##audit-page"},
      {"desktop-audit-opinion", "Opinion and report##audit-page"}};
  for (const auto& [file, page] : pages) {
    std::vector<std::string> clicks = to_audit;
    if (page) clicks.push_back(page);
    if (std::string(file) == "desktop-audit-action-plan") clicks.push_back("Monitoring review##plan");
    shots.push_back({file, clicks});
    clicks.push_back("Large text for the room (F11)##audit-large");
    shots.push_back({std::string(file) + "-large", clicks});
  }
  int status = 0;
  for (const auto& s : shots) {
    auditsim::desktop::DesktopOptions o;
    o.frames = 24 + static_cast<int>(s.clicks.size()) * 8;
    o.screenshot = out + "/" + s.file + ".png";
    o.db_path = db;
    o.clicks = s.clicks;
    // Under Xvfb a window opened just after a full-screen one sometimes gets the server's
    // default size instead: such a shot is taken again.
    for (int attempt = 0; attempt < 3; ++attempt) {
      if (auditsim::desktop::run(o) != 0) status = 1;
      if (png_size(o.screenshot) == std::pair<unsigned, unsigned>{1280, 800}) break;
    }
    std::printf("%s\n", o.screenshot.c_str());
  }
  return status;
}
