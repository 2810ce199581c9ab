#include "cli/play_driver.hpp"

#include "sim/autoplay.hpp"

#include <algorithm>
#include <iostream>
#include <sstream>

#include "sim/analysis.hpp"
#include "sim/to_json.hpp"
#include "sim/scoring.hpp"
#include "cli/cli.hpp"
#include "cli/store_access.hpp"
#include "cli/terminal_play.hpp"
#include "cli/terminal_text.hpp"
#include "reports/render_text.hpp"

namespace auditsim::cli {
namespace {

std::vector<std::string> split_ids(const std::string& text) {
  std::vector<std::string> ids;
  std::stringstream ss(text);
  std::string id;
  while (std::getline(ss, id, ',')) {
    if (!id.empty()) ids.push_back(id);
  }
  return ids;
}

// Applies one step of scripted play and records it. Scripted play has nobody to read injects,
// so they are acknowledged as they arrive.
class ScriptedStep {
 public:
  ScriptedStep(Session& session, SessionRecorder* recorder) : s_(session), rec_(recorder) {}

  bool choose(int choice_index) {
    if (!s_.choose(choice_index)) return false;
    settle();
    return true;
  }
  void settle() {
    while (!s_.pending_injects().empty()) {
      int inject = s_.pending_injects().front().inject;
      s_.acknowledge_inject(inject);
      if (rec_) rec_->acknowledge(s_, inject);
    }
    numbers_.update(s_);
    if (rec_) rec_->sync(s_);
  }
  const EvidenceNumbers& numbers() const { return numbers_; }

 private:
  Session& s_;
  SessionRecorder* rec_;
  EvidenceNumbers numbers_;
};

// Every inject the history shows firing, in order (one fired again after an undo appears twice).
nlohmann::json injects_fired(const Session& session) {
  const Scenario& s = session.scenario();
  nlohmann::json out = nlohmann::json::array();
  for (const HistoryEntry& e : session.history()) {
    if (e.kind != HistoryEntry::Kind::Inject || e.inject < 0) continue;
    const Inject& in = s.injects[e.inject];
    out.push_back({{"id", in.id}, {"title", in.title}, {"at_ms", e.at_ms},
                   {"node", e.node >= 0 ? s.nodes[e.node].id : ""}});
  }
  return out;
}

// The documents released so far, by the number terminal play shows them with.
nlohmann::json evidence_released(const Session& session, const EvidenceNumbers& numbers) {
  const Scenario& s = session.scenario();
  std::vector<int> released = released_evidence(session);
  std::sort(released.begin(), released.end(),
            [&](int a, int b) { return numbers.number_of(a) < numbers.number_of(b); });
  nlohmann::json out = nlohmann::json::array();
  for (int e : released)
    out.push_back({{"number", numbers.number_of(e)}, {"id", s.evidence[e].id},
                   {"title", s.evidence[e].title}});
  return out;
}

// What an author checks injects by without playing by hand: each inject with the stage it
// fired at, and each document with its number.
void print_injects_and_evidence(const Session& session, const EvidenceNumbers& numbers) {
  const nlohmann::json injects = injects_fired(session), evidence = evidence_released(session, numbers);
  std::cout << "\nInjects fired\n";
  if (injects.empty()) std::cout << "  (none)\n";
  for (const auto& in : injects)
    std::cout << "  " << reports::text::duration(in["at_ms"].get<int64_t>()) << " at `"
              << in["node"].get<std::string>() << "`: " << in["id"].get<std::string>() << " \u2014 "
              << reports::text::one_line(in["title"].get<std::string>()) << "\n";
  std::cout << "\nEvidence released\n";
  if (evidence.empty()) std::cout << "  (none)\n";
  for (const auto& ev : evidence)
    std::cout << "  e" << ev["number"].get<int>() << ". " << ev["id"].get<std::string>() << " \u2014 "
              << reports::text::one_line(ev["title"].get<std::string>()) << "\n";
}

int find_available(const Session& session, const std::string& id) {
  for (int c : session.available_choices())
    if (session.current_node().choices[c].id == id) return c;
  return -1;
}

bool play_ids(Session& session, ScriptedStep& step, const std::vector<std::string>& ids) {
  for (const std::string& id : ids) {
    session.tick();
    if (session.finished()) {
      std::cerr << "auditsim: the scenario ended before `" << id << "`\n";
      return false;
    }
    int c = find_available(session, id);
    if (c < 0 || !step.choose(c)) {
      std::cerr << "auditsim: `" << id << "` is not available at node `"
                << session.current_node().id << "`; available:";
      for (int a : session.available_choices())
        std::cerr << " " << session.current_node().choices[a].id;
      std::cerr << "\n";
      return false;
    }
  }
  return true;
}

bool play_auto(Session& session, ScriptedStep& step, const std::string& mode) {
  if (mode.rfind("random:", 0) == 0) {
    play_random(session, std::strtoull(mode.c_str() + 7, nullptr, 10),
                [&step](int c) { return step.choose(c); });
    return true;
  }
  const bool at_start = session.effective_decisions().empty();
  if (mode == "best" && !at_start) {
    Continuations cont(session.scenario(), session.audience());
    play_best_from_here(session, cont, [&step](int c) { return step.choose(c); });
    return true;
  }
  if (mode == "best" || mode == "worst") {
    if (!at_start) {
      std::cerr << "auditsim: --auto worst only works from the start of a scenario\n";
      return false;
    }
    AnalysisOptions ao;
    ao.audience = session.audience();
    ao.max_paths_listed = 0;
    Analysis a = analyse(session.scenario(), ao);
    const auto& path = mode == "best" ? a.best : a.worst;
    return path && play_ids(session, step, path->choices);
  }
  std::cerr << "auditsim: --auto must be best, worst or random:SEED, not `" << mode << "`\n";
  return false;
}

}  // namespace

int drive_session(Session& session, SessionRecorder* recorder, const DriveOptions& opts) {
  ScriptedStep step(session, recorder);
  bool completed = true;
  try {
    // Interactive play shows the injects that fired at the start; scripted play has nobody to
    // show them to, so they are acknowledged (and listed at the end).
    if (is_scripted(opts)) step.settle();
    if (!opts.choose.empty()) {
      completed = play_ids(session, step, split_ids(opts.choose));
    } else if (!opts.autoplay.empty()) {
      completed = play_auto(session, step, opts.autoplay);
    } else {
      PlayHooks hooks;
      if (recorder) {
        hooks.changed = [recorder](const Session& s) { recorder->sync(s); };
        hooks.acknowledged = [recorder](const Session& s, int inject) {
          recorder->acknowledge(s, inject);
        };
      }
      FdLineInput stdin_lines(0);
      completed = play_interactive(session, stdin_lines, std::cout, hooks);
    }
  } catch (const store::StoreError& e) {
    // Nothing after the failed write was shown as recorded: say so and stop.
    print_store_error(e);
    std::cerr << "auditsim: the last decision was NOT recorded; the session stopped there.\n";
    return kExitUsage;
  }

  if (opts.json) {
    nlohmann::json j = result_to_json(session, score_session(session));
    if (recorder) j["session_id"] = recorder->session_id();
    j["injects_fired"] = injects_fired(session);
    // The engine's list (release order, where each came from) with the number terminal play
    // gives each document.
    for (auto& ev : j["evidence_released"]) {
      const int e = session.scenario().find_evidence(ev["evidence"].get<std::string>());
      ev["number"] = step.numbers().number_of(e);
    }
    std::cout << j.dump(2) << "\n";
  } else {
    if (is_scripted(opts) && session.finished()) {
      const Node& end = session.current_node();
      std::cout << session.scenario().title << "\nEnded at: " << end.title << " ("
                << outcome_key(end.ending->outcome) << ")\n";
    }
    if (is_scripted(opts)) print_injects_and_evidence(session, step.numbers());
    print_result(session, std::cout);
    if (recorder) {
      std::cout << "\nRecorded as session " << recorder->session_id();
      if (!session.finished())
        std::cout << " (unfinished: `auditsim resume " << recorder->session_id().substr(0, 8)
                  << "` carries on)";
      std::cout << "\n";
    }
  }
  if (is_scripted(opts) && !completed) return kExitProblems;
  return kExitOk;
}

}  // namespace auditsim::cli
