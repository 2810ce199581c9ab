// Report benchmarks: the HTML and PDF feedback report for one session, and a scrutiny report
// over 10,000 recorded sessions of a 15-decision scenario, and the PDF of a report holding one
// 50,000- or 200,000-character word. Prints figures; never asserts.
#include <cstdio>
#include <filesystem>
#include <random>
#include <unistd.h>

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
  }
  fs::remove_all(dir);
}

}  // namespace auditsim::bench
