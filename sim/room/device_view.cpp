#include "sim/room/device_view.hpp"

#include <algorithm>

#include "sim/session_text.hpp"
#include "sim/text_render.hpp"

namespace auditsim::room {

bool content_allowed(const Scenario& s, const ViewOptions& o) {
  return s.classification != Classification::PartB || o.allow_part_b;
}

std::string stage_key(const Session& s) {
  return s.current_node().id + "." + std::to_string(s.history().size());
}

Stage stage_of(const Session& s) {
  Stage st;
  st.key = stage_key(s);
  if (s.finished()) return st;
  for (int c : s.available_choices()) st.choices.push_back(s.current_node().choices[c].id);
  return st;
}

namespace {

std::string letter(size_t i) { return std::string(1, static_cast<char>('A' + i % 26)); }

}  // namespace

nlohmann::json device_view(const Session& s, const ViewOptions& o) {
  const Scenario& sc = s.scenario();
  const Node& node = s.current_node();
  const bool content = content_allowed(sc, o);
  nlohmann::json v;
  v["stage"] = stage_key(s);
  v["finished"] = s.finished();
  v["paused"] = s.paused();
  v["content"] = content;
  v["scenario"] = content ? sc.title : "";
  v["title"] = content ? node.title : "";
  v["text"] = content ? render_text(sc, node_text(node, s.audience()), s.state()) : "";
  if (!content)
    v["notice"] = "This scenario is confidential (Part B): read the stage on the room's screen "
                  "and vote by its letter.";
  nlohmann::json evidence = nlohmann::json::array();
  if (content) {
    for (int e : stage_evidence(s)) {
      const Evidence& ev = sc.evidence[static_cast<size_t>(e)];
      evidence.push_back({{"title", ev.title},
                          {"kind", ev.kind},
                          {"text", render_text(sc, ev.text, s.state())}});
    }
  }
  v["evidence"] = evidence;
  nlohmann::json choices = nlohmann::json::array();
  if (!s.finished()) {
    size_t i = 0;
    for (int c : s.available_choices()) {
      const Choice& ch = node.choices[static_cast<size_t>(c)];
      // Only the id and the words: a choice's score and feedback stay on the laptop.
      choices.push_back({{"id", ch.id},
                         {"label", letter(i)},
                         {"text", content ? render_text(sc, ch.text, s.state()) : ""}});
      ++i;
    }
  }
  v["choices"] = choices;
  const auto eff = s.effective_decisions();
  if (o.revealed && content && !eff.empty()) {
    const HistoryEntry& last = s.history()[eff.back()];
    const Choice& ch = sc.nodes[static_cast<size_t>(last.node)].choices[static_cast<size_t>(last.choice)];
    v["revealed"] = {{"choice", ch.text}, {"feedback", ch.feedback}};
  }
  return v;
}

}  // namespace auditsim::room
