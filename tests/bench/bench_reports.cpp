// Report benchmarks: the HTML and PDF feedback report for one session, and a scrutiny report
// over 2,000 and 10,000 recorded sessions of a 15-decision scenario (HTML, PDF, and xAPI with
// the command line's peak memory), and the PDF of a report holding one 50,000- or
// 200,000-character word. Prints figures; never asserts.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <random>

#include "reports/build.hpp"
#include "reports/render.hpp"
#include "sim/load.hpp"
#include "sim/recording.hpp"
#include "tests/support/synthetic.hpp"
#include "tests/bench/bench.hpp"

namespace auditsim::bench {
namespace {

namespace fs = std::filesystem;

// Plays `count` sessions with random available choices and records them, all in one
// transaction so building the database takes seconds, not minutes.
int64_t fill(store::Store& db, const ScenarioPtr& scenario, int count, const std::string& event) {
  std::mt19937_64 rng(42);
  int64_t decisions = 0;
  db.batch([&] {
    for (int i = 0; i < count; ++i) {
      ManualClock clock;
      Session session(scenario, clock);
      RecordingSetup setup;
      setup.event_name = event;
      setup.event_date = "2026-03-12";
      setup.mode = store::Mode::Teams;
      setup.team = "Table " + std::to_string(i % 40 + 1);
      setup.participants.push_back({"Member " + std::to_string(i), store::Role::Member});
      SessionRecorder recorder(db, session, setup);
      while (!session.finished()) {
        std::vector<int> options = session.available_choices();
        if (options.empty()) break;
        clock.advance_ms(30'000);
        GroupInput g;
        g.rationale = "Reasoned choice";
        // Mostly the choice that goes on to the next node in order, so sessions run the length
        // of the scenario (15 decisions) as the target assumes; sometimes a random one.
        int pick = options[rng() % options.size()];
        if (rng() % 40 != 0)
          for (int o : options)
            if (session.current_node().choices[o].next < session.current_node().choices[pick].next)
              pick = o;
        session.choose(pick, g);
        recorder.sync(session);
        ++decisions;
      }
    }
  });
  return decisions;
}

// Runs `auditsim` with `args` (no shell, its own scratch settings folder) and returns its peak
// resident memory in MB, or -1 when it could not run or failed.
double peak_memory_mb(const std::vector<std::string>& args, const fs::path& scratch) {
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    std::vector<char*> argv;
    std::string binary = AUDITSIM_BINARY;
    argv.push_back(binary.data());
    std::vector<std::string> copy = args;
    for (std::string& a : copy) argv.push_back(a.data());
    argv.push_back(nullptr);
    ::setenv("XDG_CONFIG_HOME", scratch.c_str(), 1);
    ::setenv("XDG_DATA_HOME", scratch.c_str(), 1);
    ::execv(binary.c_str(), argv.data());
    ::_exit(127);
  }
  int status = 0;
  struct rusage usage {};
  if (::wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return -1;
  return usage.ru_maxrss / 1024.0;  // kilobytes on Linux
}

// The scrutiny report for one event of `sessions` sessions: PDF time (what a committee clerk
// waits for: build + render), and xAPI through the command line, timed with its peak memory.
void scrutiny_at_scale(store::Store& db, const fs::path& db_file, const fs::path& dir,
                       const std::string& event, int sessions, const reports::ReportSettings& settings,
                       double pdf_target_ms) {
  const std::string n = sessions == 2'000 ? "2,000" : "10,000";
  reports::ScrutinySelection sel;
  sel.event = event;
  auto t0 = BenchClock::now();
  reports::ScrutinyReport r = reports::build_scrutiny(db, sel, settings);
  std::string pdf = reports::render_pdf(r);
  report("scrutiny report over " + n + " sessions: build + PDF", elapsed_ms(t0), "ms",
         "<= " + std::to_string(static_cast<int>(pdf_target_ms)) + " ms");
  report("scrutiny PDF size over " + n + " sessions", pdf.size() / 1e6, "MB");
  const fs::path out = dir / ("xapi-" + std::to_string(sessions) + ".json");
  fs::remove(out);
  t0 = BenchClock::now();
  double peak = peak_memory_mb({"--db", db_file.string(), "report", "--event", event, "--format", "xapi",
                                "--generated-at", "2026-03-20T10:00:00Z", "-o", out.string()},
                               dir);
  double ms = elapsed_ms(t0);
  if (peak < 0) {
    std::printf("  auditsim report --format xapi over %s sessions failed\n", n.c_str());
    return;
  }
  report("xAPI over " + n + " sessions (auditsim report, whole run)", ms, "ms");
  report("xAPI over " + n + " sessions: peak memory of auditsim report", peak, "MB",
         sessions == 10'000 ? "<= 64 MB" : "");
  std::error_code ec;
  report("xAPI size over " + n + " sessions", fs::file_size(out, ec) / 1e6, "MB");
}

}  // namespace

void bench_reports() {
  section("reports");
  const fs::path dir = fs::temp_directory_path() / ("auditsim-bench-reports-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  LoadResult loaded = load_scenario_text(make_synthetic_scenario_yaml(15, 7), "synthetic.yaml");
  if (!loaded.scenario) {
    std::printf("  synthetic scenario did not load; skipped\n");
    return;
  }
  reports::ReportSettings settings;
  settings.generated_at = "2026-03-20T10:00:00Z";
  {
    store::Store db = store::Store::open(dir / "one.db");
    fill(db, loaded.scenario, 1, "One session");
    const std::string id = db.list_sessions().front().id;
    auto html = time_runs(20, [&] { reports::render_html(reports::build_feedback(db, id, settings)); });
    report("HTML feedback report, one session (build + render, median)", quantile(html, 0.5), "ms", "<= 50 ms");
    auto pdf = time_runs(10, [&] { reports::render_pdf(reports::build_feedback(db, id, settings)); });
    report("PDF feedback report, one session (build + render, median)", quantile(pdf, 0.5), "ms", "<= 500 ms");
    // One unbreakable "word" in the scenario's summary: PDF layout must stay linear in its length.
    const reports::FeedbackReport base = reports::build_feedback(db, id, settings);
    for (size_t length : {50'000u, 200'000u}) {
      reports::FeedbackReport long_word = base;
      long_word.scenario_summary.assign(length, 'a');
      auto t0 = BenchClock::now();
      reports::render_pdf(long_word);
      report("PDF feedback report with a " + std::to_string(length) + "-character word", elapsed_ms(t0),
             "ms", "<= 1000 ms");
    }
  }
  {
    store::Store db = store::Store::open(dir / "many.db");
    auto t0 = BenchClock::now();
    int64_t decisions = fill(db, loaded.scenario, 10'000, "Scale evening");
    report("recording 10,000 sessions in one transaction (setup)", elapsed_ms(t0), "ms");
    report("decisions per session (average)", decisions / 10'000.0, "");
    // The store's share of the scrutiny build: every record, read in bulk.
    std::vector<std::string> ids;
    for (const store::SessionSummary& s : db.list_sessions()) ids.push_back(s.id);
    t0 = BenchClock::now();
    size_t read = 0;
    db.load_sessions(ids, [&](const store::SessionRecord& rec) { read += rec.decisions.size(); });
    report("reading 10,000 sessions in bulk (load_sessions)", elapsed_ms(t0), "ms");
    if (read != static_cast<size_t>(decisions)) std::printf("  (read %zu decisions of %lld)\n", read, static_cast<long long>(decisions));
    reports::ScrutinySelection sel;
    sel.event = "Scale evening";
    t0 = BenchClock::now();
    reports::ScrutinyReport r = reports::build_scrutiny(db, sel, settings);
    double build = elapsed_ms(t0);
    report("scrutiny report over 10,000 sessions: build model", build, "ms");
    t0 = BenchClock::now();
    std::string html = reports::render_html(r);
    double render = elapsed_ms(t0);
    report("scrutiny report over 10,000 sessions: render HTML", render, "ms");
    report("scrutiny report over 10,000 sessions: build + HTML", build + render, "ms", "<= 2000 ms");
    t0 = BenchClock::now();
    std::string md = reports::render_markdown(r);
    report("scrutiny report over 10,000 sessions: render Markdown", elapsed_ms(t0), "ms");
    report("scrutiny HTML size", html.size() / 1e6, "MB");
    t0 = BenchClock::now();
    fill(db, loaded.scenario, 2'000, "Two thousand");
    report("recording 2,000 more sessions for a second event (setup)", elapsed_ms(t0), "ms");
    scrutiny_at_scale(db, dir / "many.db", dir, "Two thousand", 2'000, settings, 2000);
    scrutiny_at_scale(db, dir / "many.db", dir, "Scale evening", 10'000, settings, 5000);
  }
  fs::remove_all(dir);
}

}  // namespace auditsim::bench
