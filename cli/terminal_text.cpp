#include "cli/terminal_text.hpp"

#include <algorithm>

namespace auditsim::cli {

std::string plain_text(const std::string& markdown) {
  std::string out;
  out.reserve(markdown.size());
  bool line_start = true;
  for (size_t i = 0; i < markdown.size(); ++i) {
    if (markdown.compare(i, 2, "**") == 0) {
      ++i;
      continue;
    }
    if (line_start && markdown[i] == '#') {
      while (i < markdown.size() && markdown[i] == '#') ++i;
      if (i < markdown.size() && markdown[i] == ' ') continue;
      --i;
    }
    out += markdown[i];
    line_start = markdown[i] == '\n';
  }
  return out;
}

std::string duration_words(int64_t seconds) {
  const int64_t m = seconds / 60, s = seconds % 60;
  if (m == 0) return std::to_string(s) + " s";
  return std::to_string(m) + " min" + (s ? " " + std::to_string(s) + " s" : "");
}

std::vector<int> released_evidence(const Session& session) {
  const Scenario& s = session.scenario();
  std::vector<int> out;
  auto add = [&](int e) {
    if (std::find(out.begin(), out.end(), e) == out.end()) out.push_back(e);
  };
  // The path in order: each effective decision's stage, then the current stage.
  for (size_t h : session.effective_decisions())
    for (int e : s.nodes[session.history()[h].node].evidence) add(e);
  for (int e : session.current_node().evidence) add(e);
  for (size_t i = 0; i < s.injects.size(); ++i)
    if (session.inject_fired(static_cast<int>(i)))
      for (int e : s.injects[i].evidence) add(e);
  return out;
}

std::string audience_label(const Choice& c) {
  if (!c.audience) return "";
  return *c.audience == Audience::Members ? "councillors" : "officers";
}

}  // namespace auditsim::cli
