// Figures for the shared results store on PostgreSQL (`auditsim-bench server`), on a throwaway
// server this program starts on the loopback address (tests/postgres/pg-server):
//   - the floor: a bare INSERT + COMMIT on the same server, one connection;
//   - 50 processes recording 200 decisions each at once, as the recording role: commit time
//     per decision (p50, p99, max), decisions lost or refused;
//   - a scrutiny report over 100,000 sessions read from the server.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sys/resource.h>
#include <string>
#include <vector>

#include "reports/build.hpp"
#include "reports/render.hpp"
#include "sim/load.hpp"
#include "sim/store/db.hpp"
#include "sim/store/store.hpp"
#include "tests/bench/bench.hpp"
#include "tests/bench/fill.hpp"
#include "tests/support/server_database.hpp"
#include "tests/support/synthetic.hpp"

namespace auditsim::bench {
namespace {

namespace fs = std::filesystem;

constexpr int kPort = 18933;
const std::string kSuper = "postgresql://postgres@127.0.0.1:" + std::to_string(kPort);

bool run_script(const std::string& args) {
  const std::string cmd = std::string(AUDITSIM_SOURCE_DIR) + "/tests/postgres/pg-server " + args;
  return std::system(cmd.c_str()) == 0;
}


// A bare INSERT + COMMIT, one row each, on one connection.
std::vector<double> floor_ms(const std::string& url, int rows) {
  store::Db db = store::Db::open_postgres(url);
  db.exec("CREATE TABLE bare(id BIGSERIAL PRIMARY KEY, a TEXT, b TEXT)");
  const std::string payload(300, 'x');
  std::vector<double> ms;
  for (int i = 0; i < rows; ++i) {
    auto t0 = BenchClock::now();
    db.exec("BEGIN");
    store::Query q = db.query("INSERT INTO bare(a, b) VALUES(?, ?)");
    q->bind_all(payload, payload).run();
    db.exec("COMMIT");
    ms.push_back(elapsed_ms(t0));
  }
  db.exec("DROP TABLE bare");
  return ms;
}

// One recording process: a session and `decisions` decisions, each timed; the times go to
// `out`, one per line, and "refused <why>" for any that failed.
void record_child(const std::string& url, int index, int decisions, const fs::path& out) {
  std::ofstream times(out);
  try {
    store::Store st = store::Store::open(url);
    store::Snapshot snap;
    snap.scenario_id = "load-test";
    snap.title = "Load test";
    snap.classification = "part-a";
    snap.source_text = "format: auditsim/1\nid: load-test\n";
    snap.sha256 = "1111111111111111111111111111111111111111111111111111111111111111";
    store::Event ev;
    ev.name = "Load evening";
    ev.kind = store::EventKind::TrainingEvening;
    store::SessionStart start;
    start.event_id = st.find_or_create_event(ev).id;
    start.mode = store::Mode::Group;
    start.team = "Table " + std::to_string(index);
    start.participant_ids.push_back(
        st.create_participant("Member " + std::to_string(index), store::Role::Member));
    const std::string session = st.start_session(snap, start);
    for (int i = 0; i < decisions; ++i) {
      store::DecisionRecord d;
      d.node_id = "stage-" + std::to_string(i);
      d.choice_id = "refer";
      d.offered = {"refer", "wait"};
      d.votes_json = R"({"refer":4,"wait":1})";
      d.rationale = std::string(200, 'r');
      d.delta = {1, 0, 2, 0};
      d.time_taken_ms = 30000;
      auto t0 = BenchClock::now();
      try {
        st.record_decision(session, d, std::string(1500, 's'));
        times << elapsed_ms(t0) << "\n";
      } catch (const std::exception& e) {
        times << "refused " << e.what() << "\n";
      }
    }
  } catch (const std::exception& e) {
    times << "refused " << e.what() << "\n";
  }
}

void concurrent_recording(const std::string& url, const fs::path& dir) {
  constexpr int kProcesses = 50;
  constexpr int kDecisions = 200;
  { store::Store owner = store::Store::open(url); }  // schema and grants, as IT sets it up
  const std::string recorder = test::as_server_role(url, "auditsim_recorder");
  auto t0 = BenchClock::now();
  std::vector<pid_t> children;
  for (int p = 0; p < kProcesses; ++p) {
    std::fflush(stdout);
    pid_t pid = ::fork();
    if (pid == 0) {
      record_child(recorder, p, kDecisions, dir / ("times-" + std::to_string(p)));
      ::_exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) ::waitpid(pid, nullptr, 0);
  const double wall = elapsed_ms(t0);
  std::vector<double> ms;
  int refused = 0;
  std::string first_refusal;
  for (int p = 0; p < kProcesses; ++p) {
    std::ifstream in(dir / ("times-" + std::to_string(p)));
    for (std::string line; std::getline(in, line);) {
      if (line.rfind("refused", 0) == 0) {
        ++refused;
        if (first_refusal.empty()) first_refusal = line;
      } else {
        ms.push_back(std::atof(line.c_str()));
      }
    }
  }
  store::Db check = store::Db::open_postgres(url);
  const int64_t stored = check.scalar_int("SELECT count(*) FROM decisions").value_or(0);
  report("50 processes x 200 decisions at once: record_decision p50", quantile(ms, 0.5), "ms");
  report("50 processes x 200 decisions at once: record_decision p99", quantile(ms, 0.99), "ms");
  report("50 processes x 200 decisions at once: record_decision max", quantile(ms, 1.0), "ms");
  report("50 processes x 200 decisions at once: wall time", wall / 1000.0, "s");
  report("  decisions stored (of 10,000)", static_cast<double>(stored), "", "10000");
  report("  decisions refused", refused, "", "0");
  if (!first_refusal.empty()) std::printf("  first refusal: %s\n", first_refusal.c_str());
}

// 100,000 sessions: 500 played through the engine and recorded, then each copied 199 times on
// the server with new ids (INSERT ... SELECT), so building the data takes seconds.
void scrutiny_100k(const std::string& url) {
  LoadResult loaded = load_scenario_text(make_synthetic_scenario_yaml(15, 7), "synthetic.yaml");
  if (!loaded.scenario) {
    std::printf("  synthetic scenario did not load; skipped\n");
    return;
  }
  store::Store st = store::Store::open(url);
  auto t0 = BenchClock::now();
  fill(st, loaded.scenario, 500, "County-wide e-learning");
  store::Db db = store::Db::open_postgres(url);
  db.exec("BEGIN");
  db.exec("CREATE TEMP TABLE copies AS SELECT s.uuid AS old, g AS n, "
          "md5(s.uuid || ':' || g)::uuid::text AS new FROM sessions s, generate_series(1, 199) g");
  db.exec("INSERT INTO sessions(uuid, event, snapshot, mode, team, audience, status, started_at, "
          "finished_at, state_json, run, run_position) SELECT c.new, s.event, s.snapshot, s.mode, "
          "s.team, s.audience, s.status, s.started_at, s.finished_at, s.state_json, '', 0 "
          "FROM sessions s JOIN copies c ON c.old = s.uuid");
  db.exec("INSERT INTO session_participants(session, participant) SELECT c.new, sp.participant "
          "FROM session_participants sp JOIN copies c ON c.old = sp.session");
  db.exec("INSERT INTO decisions(session, seq, node, choice, kind, time_taken_ms, votes, rationale, "
          "dissent, pursue, prevent, protect, prepare, state_after, recorded_at) SELECT c.new, "
          "d.seq, d.node, d.choice, d.kind, d.time_taken_ms, d.votes, d.rationale, d.dissent, "
          "d.pursue, d.prevent, d.protect, d.prepare, d.state_after, d.recorded_at "
          "FROM decisions d JOIN copies c ON c.old = d.session");
  db.exec("COMMIT; ANALYZE");
  const int64_t sessions = db.scalar_int("SELECT count(*) FROM sessions").value_or(0);
  report("setting up 100,000 sessions on the server (500 played, copied)", elapsed_ms(t0) / 1000.0,
         "s");
  report("  sessions on the server", static_cast<double>(sessions), "", "100000");
  // The store's share: every record, read in bulk as the report reads it.
  std::vector<std::string> ids;
  for (const store::SessionSummary& s : st.list_sessions()) ids.push_back(s.id);
  t0 = BenchClock::now();
  size_t read = 0;
  st.load_sessions(ids, [&](const store::SessionRecord& rec) { read += rec.decisions.size(); });
  report("reading 100,000 sessions from the server in bulk (load_sessions)", elapsed_ms(t0) / 1000.0,
         "s");
  reports::ReportSettings settings;
  settings.generated_at = "2026-03-20T10:00:00Z";
  reports::ScrutinySelection sel;
  sel.event = "County-wide e-learning";
  // As the command line and the desktop build it: for HTML and PDF without each session's
  // decision rows, which only CSV and xAPI list.
  settings.decision_rows = reports::needs_decision_rows(reports::Format::Pdf);
  t0 = BenchClock::now();
  reports::ScrutinyReport r = reports::build_scrutiny(st, sel, settings);
  const double build = elapsed_ms(t0);
  report("scrutiny report over 100,000 sessions from the server: build", build / 1000.0, "s");
  t0 = BenchClock::now();
  std::string html = reports::render_html(r);
  report("scrutiny report over 100,000 sessions from the server: build + HTML",
         (build + elapsed_ms(t0)) / 1000.0, "s", "<= 10 s");
  t0 = BenchClock::now();
  std::string pdf = reports::render_pdf(r);
  report("scrutiny report over 100,000 sessions from the server: build + PDF",
         (build + elapsed_ms(t0)) / 1000.0, "s", "<= 10 s");
  // The CSV of the same report lists every decision: built with the rows.
  settings.decision_rows = true;
  t0 = BenchClock::now();
  reports::ScrutinyReport rows = reports::build_scrutiny(st, sel, settings);
  std::string csv = reports::render(rows, reports::Format::Csv);
  report("scrutiny report over 100,000 sessions from the server: build + CSV of every decision",
         elapsed_ms(t0) / 1000.0, "s");
}

}  // namespace

void bench_server() {
  section("Shared results store on PostgreSQL 15 (throwaway server on 127.0.0.1, fsync on)");
  const fs::path dir = fs::temp_directory_path() / ("auditsim-bench-server-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string state = (dir / "server.state").string();
  if (!run_script("start " + state + " " + std::to_string(kPort))) {
    std::printf("  the PostgreSQL server could not be started; skipped\n");
    return;
  }
  try {
    const std::string url = test::fresh_server_database(kSuper, "bench_load");
    std::vector<double> bare = floor_ms(url, 2000);
    report("bare INSERT + COMMIT on the same server: median", quantile(bare, 0.5), "ms");
    report("bare INSERT + COMMIT on the same server: p99", quantile(bare, 0.99), "ms");
    concurrent_recording(url, dir);
    scrutiny_100k(test::fresh_server_database(kSuper, "bench_scale"));
  } catch (const std::exception& e) {
    std::printf("  failed: %s\n", e.what());
  }
  run_script("stop " + state);
  fs::remove_all(dir);
}

}  // namespace auditsim::bench
