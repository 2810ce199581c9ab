#include "cli/terminal_play.hpp"

#include <algorithm>
#include <iomanip>
#include <istream>
#include <ostream>
#include <string>

#include "reports/render_text.hpp"
#include "sim/scoring.hpp"
#include "sim/session_text.hpp"
#include "cli/scenario_io.hpp"
#include "cli/terminal_text.hpp"

namespace auditsim::cli {
namespace {

namespace text = reports::text;

void rule(std::ostream& out) { out << std::string(72, '-') << "\n"; }

// Everything one terminal session keeps between prompts.
class Terminal {
 public:
  Terminal(Session& session, std::ostream& out, const PlayHooks& hooks)
      : s_(session), out_(out), hooks_(hooks) {
    numbers_.update(session);
  }

  // Runs the engine's timers; returns true when a time-out moved the session to another stage.
  bool tick() {
    const size_t before = s_.history().size();
    s_.tick();
    if (s_.history().size() != before && hooks_.changed) hooks_.changed(s_);
    return announce_timeouts(before);
  }

  // Shows what arrived since the last prompt: injects, then (once per stage) that time is up.
  // Returns true when anything was shown.
  bool show_arrivals() {
    bool any = show_injects();
    any = say_time_is_up() || any;
    numbers_.update(s_);
    return any;
  }

  void show_node() {
    const Scenario& sc = s_.scenario();
    const Node& node = s_.current_node();
    numbers_.update(s_);
    out_ << "\n";
    rule(out_);
    out_ << node.title << "\n";
    rule(out_);
    out_ << text::markdown_to_terminal(stage_text(s_)) << "\n";
    bool header = false;
    for (int e : node.evidence) {
      if (!header) out_ << "\nEvidence at this stage (type e<number> to read, e for every document):\n";
      header = true;
      const Evidence& ev = sc.evidence[e];
      out_ << "  e" << numbers_.number_of(e) << ". " << ev.title
           << (ev.kind.empty() ? "" : " [" + ev.kind + "]") << "\n";
    }
    for (const std::string& prompt : stage_prompts(s_)) out_ << "  Discuss: " << prompt << "\n";
    if (node.time_limit_seconds > 0)
      out_ << "  Time limit: " << text::duration(node.time_limit_seconds * 1000) << "\n";
  }

  // `e` lists every document released so far; `eN` shows one.
  void show_evidence(const std::string& line) {
    const Scenario& sc = s_.scenario();
    numbers_.update(s_);
    std::vector<int> released = released_evidence(s_);
    std::sort(released.begin(), released.end(),
              [&](int a, int b) { return numbers_.number_of(a) < numbers_.number_of(b); });
    if (line == "e") {
      out_ << "\nDocuments so far:\n";
      for (int e : released)
        out_ << "  e" << numbers_.number_of(e) << ". " << sc.evidence[e].title << "\n";
      if (released.empty()) out_ << "  (none yet)\n";
      return;
    }
    const size_t k = std::strtoul(line.c_str() + 1, nullptr, 10);
    const int e = numbers_.evidence_numbered(k);
    if (e < 0) {
      out_ << "No document numbered " << line.substr(1) << " (type e to list them).\n";
      return;
    }
    if (std::find(released.begin(), released.end(), e) == released.end()) {
      out_ << "Document e" << k << " is no longer in play: the decision that released it was undone.\n";
      return;
    }
    const Evidence& ev = sc.evidence[e];
    out_ << "\n== " << ev.title << " ==\n" << text::markdown_to_terminal(evidence_text(s_, e)) << "\n";
  }

  void show_choices(const std::vector<int>& available) {
    out_ << "\nWhat do you do?\n";
    for (size_t i = 0; i < available.size(); ++i) {
      const Choice& c = s_.current_node().choices[available[i]];
      // Without --audience both roles play: say which options are whose.
      const std::string who = s_.audience() ? "" : audience_label(c);
      // One line per choice: a line break inside a choice's text must not look like another one.
      out_ << "  " << i + 1 << ". " << (who.empty() ? "" : "[" + who + "] ") << text::one_line(c.text)
           << "\n";
    }
    prompt(available.size());
  }

  void prompt(size_t choices) {
    out_ << "Choose 1-" << choices << " (u to undo, q to quit): " << std::flush;
  }

  // How long the wait for a line may last before a timer falls due: the next timed inject or
  // the end of this stage's time limit; -1 when nothing is timed.
  int wait_ms() const {
    int64_t wait = -1;
    auto consider = [&wait](int64_t ms) {
      ms = std::max<int64_t>(ms, 0);
      if (wait < 0 || ms < wait) wait = ms;
    };
    const Scenario& sc = s_.scenario();
    for (size_t i = 0; i < sc.injects.size(); ++i)
      if (sc.injects[i].trigger == Inject::Trigger::After && !s_.inject_fired(static_cast<int>(i)))
        consider(sc.injects[i].after_seconds * 1000 - s_.elapsed_ms());
    if (auto left = s_.time_left_ms(); left && !time_up_said_here()) consider(*left);
    // A little past the moment, so the engine sees the timer as due; a day at most per wait.
    return wait < 0 ? -1 : static_cast<int>(std::min<int64_t>(wait + 20, 86'400'000));
  }

 private:
  // Says which choice a timer took (with its feedback) among the history entries from `from` on.
  bool announce_timeouts(size_t from) {
    bool any = false;
    const auto& history = s_.history();
    for (size_t i = from; i < history.size(); ++i) {
      const HistoryEntry& e = history[i];
      if (e.kind != HistoryEntry::Kind::Timeout) continue;
      const Choice& c = s_.scenario().nodes[e.node].choices[e.choice];
      out_ << "\n\nTime ran out: \"" << text::one_line(c.text) << "\" was taken ("
           << text::score_text(c.score) << ").\n"
           << text::markdown_to_terminal(feedback_text(s_, i)) << "\n";
      any = true;
    }
    return any;
  }

 public:
  // The documents the last decision handed over (`releases`), as injects announce theirs.
  void show_choice_releases() {
    const auto eff = s_.effective_decisions();
    if (eff.empty()) return;
    const HistoryEntry& last = s_.history()[eff.back()];
    numbers_.update(s_);
    for (const ReleasedEvidence& r : s_.released_evidence()) {
      if (r.source != ReleasedEvidence::Source::Choice || r.node != last.node ||
          r.choice != last.choice)
        continue;
      out_ << "    new evidence: e" << numbers_.number_of(r.evidence) << ". "
           << s_.scenario().evidence[r.evidence].title << " (type e"
           << numbers_.number_of(r.evidence) << " to read it)\n";
    }
  }

 private:
  bool show_injects() {
    // Copy: acknowledging changes the pending list.
    const std::vector<PendingInject> pending = s_.pending_injects();
    for (const PendingInject& p : pending) {
      const Inject& inj = s_.scenario().injects[p.inject];
      numbers_.update(s_);
      out_ << "\n\n>>> " << inj.title;
      if (!inj.from.empty()) out_ << " (from " << inj.from << ")";
      // With both roles playing, an inject aimed at one of them says so.
      if (inj.audience && !s_.audience())
        out_ << (*inj.audience == Audience::Members ? " [councillors]" : " [officers]");
      out_ << "\n" << text::markdown_to_terminal(inject_text(s_, p.inject)) << "\n";
      for (int e : inj.evidence)
        out_ << "    new evidence: e" << numbers_.number_of(e) << ". "
             << s_.scenario().evidence[e].title << " (type e" << numbers_.number_of(e)
             << " to read it)\n";
      s_.acknowledge_inject(p.inject);
      if (hooks_.acknowledged) hooks_.acknowledged(s_, p.inject);
    }
    return !pending.empty();
  }

  // The moment the current stage was entered identifies it, even when a stage is played again
  // after an undo.
  int64_t stage_entered_ms() const { return s_.elapsed_ms() - s_.node_elapsed_ms(); }
  bool time_up_said_here() const { return time_up_said_ == stage_entered_ms(); }

  // A time limit with no `on_timeout` (or one not available now) decides nothing: say once that
  // the time is up and leave the decision to the room.
  bool say_time_is_up() {
    const auto left = s_.time_left_ms();
    if (!left || *left > 0 || time_up_said_here() || s_.finished()) return false;
    time_up_said_ = stage_entered_ms();
    out_ << "\n\nTime is up for this stage (" << text::duration(s_.current_node().time_limit_seconds * 1000)
         << "). Make your decision now.\n";
    return true;
  }

  Session& s_;
  std::ostream& out_;
  const PlayHooks& hooks_;
  EvidenceNumbers numbers_;
  int64_t time_up_said_ = -1;
};

}  // namespace

bool play_interactive(Session& session, LineInput& in, std::ostream& out, const PlayHooks& hooks) {
  const Scenario& s = session.scenario();
  out << s.title << "\n" << text::markdown_to_terminal(s.summary) << "\n";
  Terminal t(session, out, hooks);
  bool show = true;
  for (;;) {
    if (t.tick()) show = true;
    if (session.finished()) break;
    if (show) t.show_node();
    show = false;
    // Injects that fired at the start or on arrival at this stage come after its text.
    t.show_arrivals();
    if (session.finished()) break;
    std::vector<int> available = session.available_choices();
    t.show_choices(available);
    std::string line;
    LineInput::Read got;
    bool moved = false;
    // Wait for the player, waking whenever a timer falls due to show what it brought.
    while ((got = in.read(line, t.wait_ms())) == LineInput::Read::Timeout) {
      if (t.tick()) {
        moved = true;
        break;
      }
      if (t.show_arrivals()) t.prompt(available.size());
    }
    if (moved) {
      show = true;
      continue;
    }
    if (got == LineInput::Read::End) {
      out << "\n";
      return false;
    }
    // Time passed while the player typed: a timeout may have decided for them.
    if (t.tick()) {
      // The answer was typed for a stage the timer has already decided: applying it to the next
      // stage would record a choice nobody saw.
      show = true;
      if (line != "q") continue;
    }
    if (line == "q") return false;
    if (line == "u") {
      std::string reason;
      out << "Reason for undoing: " << std::flush;
      if (in.read(reason, -1) != LineInput::Read::Line) reason.clear();
      if (!session.undo(reason.empty() ? "undone in the terminal" : reason)) {
        out << "Nothing to undo.\n";
      } else {
        if (hooks.changed) hooks.changed(session);
        show = true;
      }
      continue;
    }
    if (!line.empty() && line[0] == 'e') {
      t.show_evidence(line);
      continue;
    }
    size_t n = std::strtoul(line.c_str(), nullptr, 10);
    if (n < 1 || n > available.size()) {
      out << "Please type a number from 1 to " << available.size() << ".\n";
      continue;
    }
    const Choice& c = session.current_node().choices[available[n - 1]];
    if (!session.choose(available[n - 1])) {
      out << "That choice is no longer available (time may have run out).\n";
      show = true;
      continue;
    }
    if (hooks.changed) hooks.changed(session);
    out << "\nYou chose: " << text::one_line(c.text) << " (" << text::score_text(c.score) << ")\n\n"
        << text::markdown_to_terminal(feedback_text(session, session.effective_decisions().back()))
        << "\n";
    t.show_choice_releases();
    show = true;
  }
  // Injects that fired on arrival at the ending are part of its story.
  t.show_arrivals();
  const Node& end = session.current_node();
  out << "\n";
  rule(out);
  out << end.title << "\n";
  rule(out);
  out << text::markdown_to_terminal(stage_text(session)) << "\n\nOutcome: "
      << outcome_key(end.ending->outcome) << "\n\nDebrief\n"
      << text::markdown_to_terminal(debrief_text(session)) << "\n";
  return true;
}

bool play_interactive(Session& session, std::istream& in, std::ostream& out,
                      const PlayHooks& hooks) {
  StreamLineInput lines(in);
  return play_interactive(session, lines, out, hooks);
}

void print_result(const Session& session, std::ostream& out) {
  const Scenario& s = session.scenario();
  Result r = score_session(session);
  const bool done = session.finished();
  out << (done ? "\n4P result\n"
               : "\nResult so far (the session is unfinished: stages not yet reached count as "
                 "not done)\n");
  for (const PillarResult& p : r.pillars) {
    out << "  " << std::left << std::setw(8) << pillar_name(p.pillar) << std::right
        << std::setw(4) << p.raw << " / " << std::setw(3) << p.max << "  ";
    if (p.assessed) out << std::fixed << std::setprecision(0) << p.percent << " %\n";
    else out << "not assessed\n";
  }
  out << "  Overall  " << std::fixed << std::setprecision(0) << r.overall_percent << " %\n";
  // The story's score, said for what it is: how the team played, not an assurance opinion on
  // the council's controls (that comes only from a desktop audit's control checks).
  out << "\nExercise rating: " << r.rating;
  if (r.capped_by_high_finding || r.capped_by_ending) out << " (capped: " << cap_reason(r) << ")";
  out << "\n";
  if (done && r.rating_level >= 0 && r.rating_level < 4)
    out << "  " << RatingScale{}.definitions[static_cast<size_t>(r.rating_level)]
        << " It rates the exercise, not the council's controls.\n";
  if (!r.findings.empty()) {
    out << (done ? "\nLearning points: what was missed, breached or done late\n"
                 : "\nKey actions not yet achieved\n");
    for (const Finding& f : r.findings) {
      const KeyAction& ka = s.key_actions[f.key_action];
      // Each finding says what happened: missed, breached, or achieved late.
      const bool say = done || f.kind != FindingKind::Missed;
      const std::string kind = say ? std::string(finding_kind_label(f.kind)) + ": " : "";
      out << "  [" << priority_key(f.priority) << "] " << kind << ka.text << "\n      Action: "
          << ka.management_action << "\n";
    }
  }
  bool header = false;
  for (const PathNotTaken& p : r.paths_not_taken) {
    if (!p.best_alternative) continue;
    if (!header) out << "\nThe path not taken\n";
    header = true;
    const Node& node = s.nodes[p.node];
    out << "  At \"" << node.title << "\" you chose \"" << reports::text::one_line(node.choices[p.chosen].text)
        << "\".\n    Better: \"" << reports::text::one_line(node.choices[*p.best_alternative].text) << "\" ("
        << reports::text::score_text(p.alternative_score) << ").\n    "
        << reports::text::missed_sentence(p.missed, "You") << " from that stage on.\n";
  }
}

}  // namespace auditsim::cli
