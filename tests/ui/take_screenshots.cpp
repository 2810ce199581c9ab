// Renders each screen of the desktop program in a real window (run under xvfb-run) and writes
// docs/screenshots/*.png. The debrief is reached by clicking the best path of the tutorial; the
// event charts show a training evening of four teams recorded beforehand.
// Usage: ui_take_screenshots SCENARIOS_DIR OUT_DIR DB_PATH
#include <cstdio>
#include <string>
#include <vector>

#include "sim/analysis.hpp"
#include "sim/load.hpp"
#include "sim/recording.hpp"
#include "ui/app/desktop.hpp"

namespace {

// Records a training evening: four teams of the cuckooing scenario, each choosing its own way
// (the best path, then the first, last and middle option at every stage).
void record_evening(const std::string& scenarios, const std::string& db_path) {
  using namespace auditsim;
  LoadResult lr = load_and_check(scenarios + "/cuckooing/cuckooing-millbrook-court.yaml");
  if (!lr.ok()) return;
  auto analysis = analyse(*lr.scenario);
  auto db = store::Store::open(db_path);
  SteadyClock clock;
  const char* teams[] = {"Team 1", "Team 2", "Team 3", "Team 4"};
  for (int t = 0; t < 4; ++t) {
    Session session(lr.scenario, clock);
    RecordingSetup setup;
    setup.event_name = "Member training evening";
    setup.event_date = "2026-03-12";
    setup.event_kind = store::EventKind::TrainingEvening;
    setup.facilitator = "Community safety manager";
    setup.mode = store::Mode::Teams;
    setup.team = teams[t];
    setup.participants = {{"Cllr " + std::string(teams[t]) + " chair", store::Role::Member}};
    SessionRecorder rec(db, session, setup);
    size_t step = 0;
    for (int guard = 0; guard < 60 && !session.finished(); ++guard) {
      for (const auto& p : std::vector<PendingInject>(session.pending_injects()))
        session.acknowledge_inject(p.inject);
      const auto avail = session.available_choices();
      if (avail.empty()) break;
      if (t == 0 && analysis.best && step < analysis.best->choices.size())
        session.choose(std::string_view(analysis.best->choices[step++]));
      else
        session.choose(avail[t == 1 ? 0 : t == 2 ? avail.size() - 1 : avail.size() / 2]);
      rec.sync(session);
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s SCENARIOS_DIR OUT_DIR DB_PATH\n", argv[0]);
    return 2;
  }
  const std::string scenarios = argv[1], out = argv[2], db = argv[3];
  const std::string tutorial = scenarios + "/examples/tutorial-supplier-bank-details.yaml";
  auditsim::LoadResult lr = auditsim::load_and_check(tutorial);
  if (!lr.ok()) {
    std::fprintf(stderr, "the tutorial scenario does not load\n");
    return 1;
  }
  // The best path's choice texts, with any inject acknowledged before each choice.
  std::vector<std::string> best_path;
  auto analysis = auditsim::analyse(*lr.scenario);
  if (analysis.best)
    for (const auto& id : analysis.best->choices) {
      auto [n, c] = lr.scenario->find_choice(id);
      best_path.push_back("?Acknowledge");
      best_path.push_back(lr.scenario->nodes[n].choices[c].text);
    }
  std::vector<std::string> to_debrief = best_path;
  to_debrief.push_back("?Acknowledge");
  to_debrief.push_back("Open the debrief");
  std::vector<std::string> part_way(best_path.begin(), best_path.begin() + std::min<size_t>(2, best_path.size()));
  record_evening(scenarios, db);
  struct Shot {
    const char* file;
    std::string open;
    std::vector<std::string> clicks;
    int extra_frames = 0;  // for background work (the event charts) to finish
    bool presenter = false;  // presenter mode with the facilitator's window (presenter-facilitator.png)
  };
  const std::vector<Shot> shots = {
      {"library.png", "", {}},
      {"play.png", tutorial, part_way},
      {"play-group.png", "", {"New session", "Facilitated group", "Start the session"}},
      {"debrief.png", tutorial, to_debrief},
      {"new-session.png", "", {"New session", "Teams"}},
      {"results.png", "", {"Results", "?Flat 12, Millbrook Court"}},
      {"results-event.png", "", {"Results", "Event charts"}, 60},
      {"presenter.png", "", {"New session", "Facilitated group", "Start the session"}, 0, true},
      {"author.png", "", {"Author"}},
      {"settings.png", "", {"Settings"}},
  };
  int status = 0;
  for (const auto& s : shots) {
    auditsim::desktop::DesktopOptions o;
    o.open_scenario = s.open;
    o.frames = 20 + static_cast<int>(s.clicks.size()) * 8 + s.extra_frames;
    o.screenshot = out + "/" + s.file;
    o.db_path = db;
    o.clicks = s.clicks;
    // Shots that do not show the recorded evening get a database of their own: earlier shots
    // leave sessions unfinished, whose resume offer would stand in front of the screen.
    if (!std::string(s.file).starts_with("results")) o.db_path = db + "." + s.file + ".db";
    if (s.presenter) {
      o.presenter = o.facilitator_window = true;
      o.facilitator_screenshot = out + "/presenter-facilitator.png";
    }
    if (auditsim::desktop::run(o) != 0) status = 1;
    std::printf("%s\n", o.screenshot.c_str());
  }
  return status;
}
