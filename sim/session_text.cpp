#include "sim/session_text.hpp"

#include <algorithm>

namespace auditsim {

namespace {

bool takes_choice(const HistoryEntry& e) {
  return e.kind == HistoryEntry::Kind::Decision || e.kind == HistoryEntry::Kind::Timeout;
}

}  // namespace

std::string stage_text(const Session& session) {
  return render_text(session.scenario(), node_text(session.current_node(), session.audience()),
                     session.state());
}

std::vector<std::string> stage_prompts(const Session& session) {
  return render_prompts(session.scenario(),
                        node_discuss(session.current_node(), session.audience()), session.state());
}

std::string inject_text(const Session& session, int inject) {
  const Scenario& s = session.scenario();
  if (inject < 0 || static_cast<size_t>(inject) >= s.injects.size()) return {};
  return render_text(s, inject_text(s.injects[inject], session.audience()), session.state());
}

std::string evidence_text(const Session& session, int evidence) {
  const Scenario& s = session.scenario();
  if (evidence < 0 || static_cast<size_t>(evidence) >= s.evidence.size()) return {};
  return render_text(s, s.evidence[evidence].text, session.state());
}

std::vector<PlayState> states_after(const Session& session) {
  const Scenario& s = session.scenario();
  const auto& history = session.history();
  std::vector<PlayState> out;
  out.reserve(history.size());
  // The states in effect, one per decision still standing: an undo returns to the one before.
  std::vector<PlayState> path{initial_state(s)};
  for (const HistoryEntry& e : history) {
    if (takes_choice(e)) {
      path.push_back(apply_choice(s, path.back(), e.choice));
    } else if (e.kind == HistoryEntry::Kind::Undo && path.size() > 1) {
      path.pop_back();
    }
    out.push_back(path.back());
  }
  return out;
}

std::string feedback_text(const Session& session, size_t index) {
  const Scenario& s = session.scenario();
  const auto& history = session.history();
  if (index >= history.size() || !takes_choice(history[index])) return {};
  const HistoryEntry& e = history[index];
  if (e.node < 0 || static_cast<size_t>(e.node) >= s.nodes.size()) return {};
  const Node& n = s.nodes[e.node];
  if (e.choice < 0 || static_cast<size_t>(e.choice) >= n.choices.size()) return {};
  const std::string& raw = n.choices[e.choice].feedback;
  if (s.text_templates.empty()) return raw;
  // The last decision still in effect left the session in the state it is in now.
  const auto effective = session.effective_decisions();
  if (!effective.empty() && effective.back() == index) return render_text(s, raw, session.state());
  return render_text(s, raw, states_after(session)[index]);
}

std::string debrief_text(const Session& session) {
  if (!session.finished()) return {};
  const Node& end = session.current_node();
  return render_text(session.scenario(), end.ending->debrief, session.state());
}

std::vector<int> stage_evidence(const Session& s) {
  std::vector<int> out = s.current_node().evidence;
  const auto eff = s.effective_decisions();
  if (eff.empty()) return out;
  const HistoryEntry& last = s.history()[eff.back()];
  for (const ReleasedEvidence& r : s.released_evidence()) {
    if (r.source != ReleasedEvidence::Source::Choice || r.node != last.node ||
        r.choice != last.choice)
      continue;
    if (std::find(out.begin(), out.end(), r.evidence) == out.end()) out.push_back(r.evidence);
  }
  return out;
}

}  // namespace auditsim
