#include "tests/bench/store_measures.hpp"
#include "sim/store/raw_connection.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "sim/sha256.hpp"
#include "sim/store/store.hpp"

namespace auditsim::store {

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

Snapshot bench_snapshot() {
  Snapshot s;
  s.scenario_id = "bench";
  s.title = "Benchmark scenario";
  s.classification = "part-a";
  // A typical scenario's size, with the key actions a desktop audit checks. Its key is its
  // real sha256: an import refuses a snapshot whose text does not match.
  s.source_text = "key_actions:\n";
  for (int k = 0; k < 8; ++k) s.source_text += "  - id: key-action-" + std::to_string(k) + "\n";
  s.source_text += "# " + std::string(20000, 's') + "\n";
  s.sha256 = sha256_hex(s.source_text);
  return s;
}

DecisionRecord bench_decision(int i) {
  DecisionRecord d;
  d.node_id = "node-" + std::to_string(i % 12);
  d.choice_id = "choice-" + std::to_string(i % 3);
  d.time_taken_ms = 30000 + i;
  d.votes_json = R"({"choice-0":3,"choice-1":2,"choice-2":0})";
  d.offered = {"choice-0", "choice-1", "choice-2"};
  d.rationale = "The group agreed the pattern fits cuckooing and wanted an early referral.";
  d.delta = {1, 0, 2, -1};
  d.state_after = R"({"node":"node-3","variables":[50,1,0]})";
  return d;
}

std::string fresh(const fs::path& dir, const char* name) {
  fs::create_directories(dir);
  fs::path p = dir / name;
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(p.string() + suffix);
  return p.string();
}

int64_t checkpointed_size(Store& st) {
  auditsim::store::raw_connection(st).exec("PRAGMA wal_checkpoint(TRUNCATE)");
  return static_cast<int64_t>(fs::file_size(st.path()));
}

}  // namespace

LatencyFigures measure_record_latency(const fs::path& dir, int decisions) {
  Store st = Store::open(fresh(dir, "latency.db"));
  const std::string state(2000, 'j');  // about the size of a mid-session engine state
  SessionStart start;
  start.mode = Mode::Group;
  std::string session = st.start_session(bench_snapshot(), start);
  int64_t size_before = checkpointed_size(st);
  std::vector<double> ms;
  ms.reserve(static_cast<size_t>(decisions));
  for (int i = 0; i < decisions; ++i) {
    if (i > 0 && i % 20 == 0) session = st.start_session(bench_snapshot(), start);
    DecisionRecord d = bench_decision(i);
    auto t0 = Clock::now();
    st.record_decision(session, d, state);
    ms.push_back(ms_since(t0));
  }
  LatencyFigures f;
  f.decisions = decisions;
  std::sort(ms.begin(), ms.end());
  if (!ms.empty()) {
    f.median_ms = ms[ms.size() / 2];
    f.p99_ms = ms[std::min(ms.size() - 1, ms.size() * 99 / 100)];
    f.max_ms = ms.back();
  }
  int64_t size_after = checkpointed_size(st);
  if (decisions > 0) {
    f.bytes_per_1000_decisions =
        static_cast<double>(size_after - size_before) * 1000.0 / decisions;
  }
  return f;
}

// A desktop audit: a check of every key action, two recommendations each with a response.
void record_bench_audit(Store& st, const std::string& id) {
  for (int k = 0; k < 8; ++k) {
    audit::ControlCheck c;
    c.key_action = "key-action-" + std::to_string(k);
    c.status = k % 2 ? audit::ControlStatus::Partly : audit::ControlStatus::InPlace;
    c.evidence = "Procedure note seen; two of five changes had no call-back recorded";
    c.owner = "Head of Finance";
    st.record_control_check(id, c);
  }
  for (int r = 0; r < 2; ++r) {
    audit::Recommendation rec;
    rec.text = "That Cabinet be recommended to require a call-back for every change";
    rec.findings = {"key-action-1"};
    st.record_recommendation(id, rec);
    audit::Response resp;
    resp.recommendation = rec.id;
    resp.by = "Corporate Management Team";
    resp.text = "Agreed";
    st.record_response(resp);
  }
}

ImportFigures measure_import(const fs::path& dir, int sessions) {
  ImportFigures f;
  f.sessions = sessions;
  std::string source = fresh(dir, "import-source.db");
  {
    Store src = Store::open(source);
    SessionStart start;
    start.mode = Mode::Teams;
    start.state_json = std::string(2000, 'j');
    // Built in batches: the benchmark measures the import, not building its input.
    for (int done = 0; done < sessions;) {
      src.batch([&] {
        for (int k = 0; k < 500 && done < sessions; ++k, ++done) {
          start.team = "Table " + std::to_string(done);
          std::string id = src.start_session(bench_snapshot(), start);
          for (int i = 0; i < 5; ++i) {
            DecisionRecord d = bench_decision(i);
            src.record_decision(id, d, start.state_json);
          }
          Note n;
          n.text = "Asked whether the housing team had seen this before.";
          src.record_note(id, n);
          ActionItem a;
          a.session_id = id;
          a.action = "Brief housing officers on the signs of cuckooing";
          src.add_action(a);
          if (done % 10 == 0) record_bench_audit(src, id);
        }
      });
    }
    f.source_bytes = checkpointed_size(src);
  }
  Store dst = Store::open(fresh(dir, "import-target.db"));
  auto t0 = Clock::now();
  dst.import_from(source);
  f.import_seconds = ms_since(t0) / 1000.0;
  t0 = Clock::now();
  dst.import_from(source);
  f.reimport_seconds = ms_since(t0) / 1000.0;
  return f;
}

}  // namespace auditsim::store
