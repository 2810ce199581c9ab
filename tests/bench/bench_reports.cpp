// Report benchmarks: the HTML and PDF feedback report for one session, and a scrutiny report
// over 2,000 and 10,000 recorded sessions of a 15-decision scenario (HTML, PDF, DOCX, and xAPI with
// the command line's peak memory), and the PDF of a report holding one 50,000- or
// 200,000-character word. Prints figures; never asserts.
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <vector>

#include "reports/build.hpp"
#include "reports/pack.hpp"
#include "reports/render.hpp"
#include "sim/load.hpp"
#include "sim/recording.hpp"
#include "tests/support/synthetic.hpp"
#include "tests/bench/bench.hpp"
#include "tests/bench/fill.hpp"

namespace auditsim::bench {

// Plays `count` sessions with random available choices and records them, all in one
// transaction so building the database takes seconds, not minutes (tests/bench/fill.hpp).
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

namespace {

namespace fs = std::filesystem;

// What a run of the command line cost: its peak resident memory and its CPU time.
struct ChildCost {
  double peak_mb = -1;  // -1 when it could not run or failed
  double cpu_ms = 0;
};

// The peak resident memory (VmHWM) of process `pid` in kB once it runs `binary`, else 0. The
// kernel's own maximum in wait4's rusage is no use here: it starts from the copy of this large
// benchmark process that fork made before exec.
long peak_kb(pid_t pid, const std::string& binary) {
  std::error_code ec;
  if (fs::read_symlink("/proc/" + std::to_string(pid) + "/exe", ec) != fs::path(binary)) return 0;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  return 0;
}

// Runs `auditsim` with `args` (no shell, its own scratch settings folder), watching its memory.
ChildCost run_auditsim(const std::vector<std::string>& args, const fs::path& scratch) {
  std::string binary = AUDITSIM_BINARY;
  const pid_t pid = ::fork();
  if (pid < 0) return {};
  if (pid == 0) {
    std::vector<char*> argv;
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
  long peak = 0;
  // VmHWM only grows, so the last reading before the process ends is its peak, short of what it
  // added in its last few milliseconds.
  while (::wait4(pid, &status, WNOHANG, &usage) == 0) {
    peak = std::max(peak, peak_kb(pid, binary));
    ::usleep(2000);
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return {};
  auto ms = [](const timeval& t) { return t.tv_sec * 1000.0 + t.tv_usec / 1000.0; };
  return {peak / 1024.0, ms(usage.ru_utime) + ms(usage.ru_stime)};
}

// CPU time this process has used, in milliseconds: on a machine shared with other work the
// wall-clock figures vary with the load, this does not.
double cpu_ms() {
  struct rusage usage {};
  ::getrusage(RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 + usage.ru_stime.tv_sec * 1000.0 +
         usage.ru_stime.tv_usec / 1000.0;
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
  const double cpu0 = cpu_ms();
  reports::ScrutinyReport r = reports::build_scrutiny(db, sel, settings);
  std::string pdf = reports::render_pdf(r);
  report("scrutiny report over " + n + " sessions: build + PDF", elapsed_ms(t0), "ms",
         "<= " + std::to_string(static_cast<int>(pdf_target_ms)) + " ms");
  report("scrutiny report over " + n + " sessions: build + PDF, CPU time", cpu_ms() - cpu0, "ms");
  report("scrutiny PDF size over " + n + " sessions", pdf.size() / 1e6, "MB");
  // The same with one row per session in the appendix (--session-table), which the default
  // above 1,000 sessions replaces by a summary by event and scenario.
  {
    reports::ReportSettings table = settings;
    table.session_table = true;
    auto t1 = BenchClock::now();
    std::string long_pdf = reports::render_pdf(reports::build_scrutiny(db, sel, table));
    report("scrutiny report over " + n + " sessions, one row per session: build + PDF", elapsed_ms(t1), "ms");
    report("scrutiny PDF size over " + n + " sessions, one row per session", long_pdf.size() / 1e6, "MB");
  }
  // Word: the same model rendered again (the build is timed above; a clerk pays it once).
  t0 = BenchClock::now();
  const double docx_cpu0 = cpu_ms();
  std::string docx = reports::render_docx(r);
  report("scrutiny report over " + n + " sessions: render DOCX", elapsed_ms(t0), "ms");
  report("scrutiny report over " + n + " sessions: render DOCX, CPU time", cpu_ms() - docx_cpu0, "ms");
  report("scrutiny DOCX size over " + n + " sessions", docx.size() / 1e6, "MB");
  const fs::path out = dir / ("xapi-" + std::to_string(sessions) + ".json");
  fs::remove(out);
  t0 = BenchClock::now();
  const ChildCost cost = run_auditsim({"--db", db_file.string(), "report", "--event", event, "--format",
                                       "xapi", "--generated-at", "2026-03-20T10:00:00Z", "-o", out.string()},
                                      dir);
  double ms = elapsed_ms(t0);
  if (cost.peak_mb < 0) {
    std::printf("  auditsim report --format xapi over %s sessions failed\n", n.c_str());
    return;
  }
  report("xAPI over " + n + " sessions (auditsim report, whole run)", ms, "ms");
  report("xAPI over " + n + " sessions (auditsim report), CPU time", cost.cpu_ms, "ms");
  report("xAPI over " + n + " sessions: peak memory of auditsim report", cost.peak_mb, "MB",
         sessions == 10'000 ? "<= 64 MB" : "");
  std::error_code ec;
  report("xAPI size over " + n + " sessions", fs::file_size(out, ec) / 1e6, "MB");
}

}  // namespace

// The printed pack of the largest shipped scenario: the guide and five teams' handouts.
void bench_pack() {
  LoadResult loaded =
      load_and_check(std::string(AUDITSIM_SCENARIOS_DIR) + "/cuckooing/cuckooing-millbrook-court.yaml");
  if (!loaded.ok()) {
    std::printf("  the cuckooing scenario did not load; printed pack skipped\n");
    return;
  }
  reports::ReportSettings settings;
  settings.generated_at = "2026-03-20T10:00:00Z";
  reports::PackOptions options;
  options.teams = {"Team 1", "Team 2", "Team 3", "Team 4", "Team 5"};
  std::vector<double> cpu;
  for (int run = 0; run < 3; ++run) {
    const double cpu0 = cpu_ms();
    reports::render_pack_pdf(reports::build_pack(*loaded.scenario, options, settings));
    cpu.push_back(cpu_ms() - cpu0);
  }
  report("Printed pack PDF, cuckooing, guide + 5 teams (build + render, CPU, median)",
         quantile(cpu, 0.5), "ms", "<= 3000 ms");
}

void bench_reports() {
  section("reports");
  bench_pack();
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
    auto docx = time_runs(10, [&] { reports::render_docx(reports::build_feedback(db, id, settings)); });
    report("DOCX feedback report, one session (build + render, median)", quantile(docx, 0.5), "ms");
    // One unbreakable "word" in the scenario's summary: PDF layout must stay linear in its length.
    const reports::FeedbackReport base = reports::build_feedback(db, id, settings);
    std::vector<double> cpu;
    for (size_t length : {50'000u, 200'000u}) {
      reports::FeedbackReport long_word = base;
      long_word.scenario_summary.assign(length, 'a');
      auto t0 = BenchClock::now();
      const double cpu0 = cpu_ms();
      reports::render_pdf(long_word);
      cpu.push_back(cpu_ms() - cpu0);
      report("PDF feedback report with a " + std::to_string(length) + "-character word", elapsed_ms(t0),
             "ms", "<= 1000 ms");
    }
    // Linear time: four times the text takes about four times as long (CPU time, not the load).
    report("  ratio of the two (CPU time; 4.0 is linear)", cpu[1] / std::max(cpu[0], 1e-3), "", "about 4");
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
