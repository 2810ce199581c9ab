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

void rule(std::ostream& out) { out << std::string(72, '-') << "\n"; }

void show_injects(Session& session, std::ostream& out, const PlayHooks& hooks) {
  // Copy: acknowledging changes the pending list.
  std::vector<PendingInject> pending = session.pending_injects();
  for (const PendingInject& p : pending) {
    const Inject& inj = session.scenario().injects[p.inject];
    out << "\n>>> " << inj.title;
    if (!inj.from.empty()) out << " (from " << inj.from << ")";
    out << "\n" << reports::text::markdown_to_plain(inject_text(session, p.inject)) << "\n";
    for (int e : inj.evidence)
      out << "    new evidence: " << session.scenario().evidence[e].title
          << " (type e to list the documents)\n";
    session.acknowledge_inject(p.inject);
    if (hooks.acknowledged) hooks.acknowledged(session, p.inject);
  }
}

void show_node(const Session& session, std::ostream& out) {
  const Scenario& s = session.scenario();
  const Node& node = session.current_node();
  out << "\n";
  rule(out);
  out << node.title << "\n";
  rule(out);
  out << reports::text::markdown_to_plain(stage_text(session)) << "\n";
  // Documents keep their number for the rest of the session; this stage's are listed here.
  const std::vector<int> released = released_evidence(session);
  bool header = false;
  for (size_t i = 0; i < released.size(); ++i) {
    if (std::find(node.evidence.begin(), node.evidence.end(), released[i]) == node.evidence.end())
      continue;
    if (!header) out << "Evidence at this stage (type e<number> to read, e for every document):\n";
    header = true;
    const Evidence& ev = s.evidence[released[i]];
    out << "  e" << i + 1 << ". " << ev.title << (ev.kind.empty() ? "" : " [" + ev.kind + "]")
        << "\n";
  }
  for (const std::string& prompt : stage_prompts(session)) out << "  Discuss: " << prompt << "\n";
  if (node.time_limit_seconds > 0)
    out << "  Time limit: " << reports::text::duration(node.time_limit_seconds * 1000) << "\n";
}

// `e` lists every document released so far; `eN` shows one.
void show_evidence(const Session& session, const std::string& line, std::ostream& out) {
  const Scenario& s = session.scenario();
  const std::vector<int> released = released_evidence(session);
  if (line == "e") {
    out << "\nDocuments so far:\n";
    for (size_t i = 0; i < released.size(); ++i)
      out << "  e" << i + 1 << ". " << s.evidence[released[i]].title << "\n";
    if (released.empty()) out << "  (none yet)\n";
    return;
  }
  size_t k = std::strtoul(line.c_str() + 1, nullptr, 10);
  if (k < 1 || k > released.size()) {
    out << "No document numbered " << line.substr(1) << " (type e to list them).\n";
    return;
  }
  const Evidence& ev = s.evidence[released[k - 1]];
  out << "\n== " << ev.title << " ==\n"
      << reports::text::markdown_to_plain(evidence_text(session, released[k - 1])) << "\n";
}

void show_choices(const Session& session, const std::vector<int>& available, std::ostream& out) {
  out << "\nWhat do you do?\n";
  for (size_t i = 0; i < available.size(); ++i) {
    const Choice& c = session.current_node().choices[available[i]];
    // Without --audience both roles play: say which options are whose.
    const std::string who = session.audience() ? "" : audience_label(c);
    // One line per choice: a line break inside a choice's text must not look like another one.
    out << "  " << i + 1 << ". " << (who.empty() ? "" : "[" + who + "] ")
        << reports::text::one_line(c.text) << "\n";
  }
  out << "Choose 1-" << available.size() << " (u to undo, q to quit): " << std::flush;
}

// Says which choice a timer took (with its feedback) among the history entries from `from` on.
bool announce_timeouts(const Session& session, size_t from, std::ostream& out) {
  bool any = false;
  const auto& history = session.history();
  for (size_t i = from; i < history.size(); ++i) {
    const HistoryEntry& e = history[i];
    if (e.kind != HistoryEntry::Kind::Timeout) continue;
    const Choice& c = session.scenario().nodes[e.node].choices[e.choice];
    out << "\nTime ran out: \"" << reports::text::one_line(c.text) << "\" was taken (" << reports::text::score_text(c.score)
        << ").\n" << reports::text::markdown_to_plain(feedback_text(session, i)) << "\n";
    any = true;
  }
  return any;
}

}  // namespace

bool play_interactive(Session& session, std::istream& in, std::ostream& out,
                      const PlayHooks& hooks) {
  const Scenario& s = session.scenario();
  out << s.title << "\n" << s.summary << "\n";
  bool show = true;
  while (!session.finished()) {
    size_t before_tick = session.history().size();
    session.tick();
    if (session.history().size() != before_tick && hooks.changed) hooks.changed(session);
    // A timer may have moved the session on while a document was being read.
    if (announce_timeouts(session, before_tick, out)) show = true;
    show_injects(session, out, hooks);
    if (session.finished()) break;
    if (show) show_node(session, out);
    show = false;
    std::vector<int> available = session.available_choices();
    show_choices(session, available, out);
    std::string line;
    if (!std::getline(in, line)) {
      out << "\n";
      return false;
    }
    // Time passed while the player read and thought: a timeout may have decided for them.
    size_t before = session.history().size();
    session.tick();
    if (session.history().size() != before && hooks.changed) hooks.changed(session);
    // The answer was typed for a stage the timer has already decided: applying it to the next
    // stage would record a choice nobody saw.
    if (announce_timeouts(session, before, out)) {
      show = true;
      if (line != "q") continue;
    }
    if (line == "q") return false;
    if (line == "u") {
      std::string reason;
      out << "Reason for undoing: " << std::flush;
      std::getline(in, reason);
      if (!session.undo(reason.empty() ? "undone in the terminal" : reason)) {
        out << "Nothing to undo.\n";
      } else {
        if (hooks.changed) hooks.changed(session);
        show = true;
      }
      continue;
    }
    if (!line.empty() && line[0] == 'e') {
      show_evidence(session, line, out);
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
    out << "\nYou chose: " << reports::text::one_line(c.text) << " (" << reports::text::score_text(c.score) << ")\n\n"
        << reports::text::markdown_to_plain(feedback_text(session, session.effective_decisions().back()))
        << "\n";
    show = true;
  }
  const Node& end = session.current_node();
  out << "\n";
  rule(out);
  out << end.title << "\n";
  rule(out);
  out << reports::text::markdown_to_plain(stage_text(session)) << "\n\nOutcome: "
      << outcome_key(end.ending->outcome) << "\n\nDebrief\n"
      << reports::text::markdown_to_plain(debrief_text(session)) << "\n";
  return true;
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
  out << "\nAssurance opinion: " << r.opinion << " assurance";
  if (r.capped_by_high_finding) out << " (capped: a high-priority key action was missed)";
  out << "\n";
  if (!r.findings.empty()) {
    out << (done ? "\nFindings (key actions missed)\n" : "\nKey actions not yet achieved\n");
    for (const Finding& f : r.findings) {
      const KeyAction& ka = s.key_actions[f.key_action];
      out << "  [" << priority_key(f.priority) << "] " << ka.text << "\n      Action: "
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
        << reports::text::score_text(p.alternative_score) << "). From that stage on, the best you could\n"
        << "    then score was " << p.alternative_value << " points in all, against "
        << p.chosen_value << " after your choice.\n";
  }
}

}  // namespace auditsim::cli
