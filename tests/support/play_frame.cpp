// The frame benchmark: headless CPU time per frame of the play screen on a 9-choice node with
// the facilitator panel open (group mode, so votes, rationale and prompts are all drawn).
#include <time.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include <unistd.h>

#include "sim/load.hpp"
#include "sim/store/raw_connection.hpp"
#include "sim/store/store.hpp"
#include "tests/support/play_frame.hpp"
#include "ui/app/desktop.hpp"
#include "ui/app/headless.hpp"

namespace auditsim::desktop {

namespace {

std::string nine_choice_scenario() {
  std::string y =
      "format: auditsim/1\nid: bench-nine-choices\ntitle: Nine choices\ntheme: procurement-fraud\n"
      "duration_minutes: 10\nsummary: A stage with nine options.\nstart: decide\nnodes:\n"
      "  decide:\n    title: The supplier asks to change its bank details\n"
      "    time_limit: 5m\n"
      "    discuss: [\"Who should verify the request?\", \"What does the contract say?\"]\n"
      "    text: |\n"
      "      An email from **Brightwater Supplies** asks the council to pay future invoices into a\n"
      "      new account. The request arrives on a Friday afternoon, *marked urgent*, from an\n"
      "      address that differs from the one on file by one letter.\n\n"
      "      - The finance officer has a payment run on Monday.\n"
      "      - The contract manager is on leave.\n"
      "    choices:\n";
  for (int i = 1; i <= 9; ++i) {
    y += "      - id: option-" + std::to_string(i) + "\n        text: \"Option " + std::to_string(i) +
         ": call the supplier on the number held on file and confirm the change in writing\"\n"
         "        score: { protect: " + std::to_string(i % 4) + ", prevent: 1 }\n"
         "        feedback: Calling the number on file checks who is asking.\n        next: end\n";
  }
  y += "  end:\n    title: The end\n    text: Done.\n    ending: { outcome: good, debrief: Done. }\n";
  return y;
}

double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

}  // namespace

double bench_play_frame_ms(int frames) {
  LoadResult lr = load_scenario_text(nine_choice_scenario(), "bench-nine-choices.yaml");
  if (!lr.scenario) return -1;
  ui::AppConfig cfg;
  cfg.no_database = true;
  cfg.scenario_folders = {"/nonexistent"};
  cfg.load_library_now = true;
  cfg.settings_path = (std::filesystem::temp_directory_path() / "auditsim-bench-settings.json").string();
  ui::Headless h(cfg);
  ui::SessionSetup setup;
  setup.mode = store::Mode::Group;
  h.app().start_play(lr.scenario, setup, /*record=*/false);
  h.app().facilitator_open = true;
  for (int i = 0; i < 5; ++i) h.frame();  // warm up: Markdown cache, window layout
  // The frames measured must be the ones described: nine choices and the facilitator's votes.
  int choices = 0;
  bool votes = false;
  for (const ui::ProbeItem& it : h.probe().items()) {
    choices += it.kind == "choice";
    votes = votes || it.full_id.starts_with("+##vote-");
  }
  if (choices != 9 || !votes) return -1;
  std::vector<double> ms;
  ms.reserve(std::max(1, frames));
  for (int i = 0; i < std::max(1, frames); ++i) {
    const double t0 = cpu_ms();
    h.frame();
    ms.push_back(cpu_ms() - t0);
  }
  std::nth_element(ms.begin(), ms.begin() + static_cast<long>(ms.size() / 2), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace auditsim::desktop

namespace auditsim::desktop {

ResultsFrameFigures bench_results_frames(int sessions, int frames) {
  ResultsFrameFigures fig;
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("auditsim-bench-results-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  LoadResult lr = load_scenario_text(nine_choice_scenario(), "bench-nine-choices.yaml");
  if (!lr.scenario) return fig;
  {
    auto db = store::Store::open((dir / "results.db").string());
    // Building the data is not what is measured: no fsync per session.
    store::raw_connection(db).exec("PRAGMA synchronous = OFF");
    const store::Snapshot snap = store::snapshot_of(*lr.scenario);
    std::vector<std::string> events;
    for (int e = 0; e < std::max(1, sessions / 30); ++e) {
      store::Event ev;
      ev.name = "Evening " + std::to_string(e + 1);
      events.push_back(db.create_event(ev));
    }
    for (int i = 0; i < sessions; ++i) {
      store::SessionStart st;
      st.mode = store::Mode::Group;
      st.event_id = events[static_cast<size_t>(i) % events.size()];
      st.participant_ids = {db.create_participant("Cllr Member " + std::to_string(i), store::Role::Member)};
      // Finished, as an evening's results are; active ones would bring up the offer to resume.
      db.set_status(db.start_session(snap, st), store::Status::Finished);
    }
  }
  ui::AppConfig cfg;
  cfg.db_path = (dir / "results.db").string();
  cfg.scenario_folders = {"/nonexistent"};
  cfg.load_library_now = true;
  cfg.settings_path = (dir / "settings.json").string();
  ui::Headless h(cfg);
  h.frame();
  double t0 = cpu_ms();
  if (!h.click("Results") || h.app().screen() != ui::Screen::Results) return fig;
  fig.open_ms = cpu_ms() - t0;  // reading the list and the first frames drawing it
  auto median_frame = [&] {
    std::vector<double> ms;
    for (int i = 0; i < std::max(1, frames); ++i) {
      const double f0 = cpu_ms();
      h.frame();
      ms.push_back(cpu_ms() - f0);
    }
    std::nth_element(ms.begin(), ms.begin() + static_cast<long>(ms.size() / 2), ms.end());
    return ms[ms.size() / 2];
  };
  fig.frame_ms = median_frame();
  t0 = cpu_ms();
  h.app().results().filter.text = "member 99";
  h.frame();
  fig.filter_ms = cpu_ms() - t0;
  fig.shown_after_filter = h.app().results().shown_count();
  fig.sessions_listed = h.app().results().sessions().size();
  fs::remove_all(dir);
  return fig;
}

}  // namespace auditsim::desktop
