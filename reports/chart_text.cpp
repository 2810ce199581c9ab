#include "reports/chart_text.hpp"

#include "reports/render_text.hpp"

namespace auditsim::reports::text {

std::string radar_alt(const std::array<PillarRow, kPillarCount>& pillars) {
  std::string s = "4P scores: ";
  for (size_t i = 0; i < pillars.size(); ++i) {
    const PillarRow& p = pillars[i];
    s += (i ? ", " : "") + std::string(pillar_name(p.pillar)) + " " +
         (p.assessed ? percent(p.percent) : "not assessed");
  }
  return s + ".";
}

std::string spread_alt(const std::array<ScrutinyReport::PillarSpread, kPillarCount>& spread) {
  std::string s = "4P distribution across sessions: ";
  for (size_t i = 0; i < spread.size(); ++i) {
    const auto& p = spread[i];
    s += (i ? "; " : "") + std::string(pillar_name(p.pillar)) + " ";
    s += p.assessed ? "mean " + percent(p.mean) + ", lowest " + percent(p.min) + ", highest " +
                          percent(p.max) + " (" + std::to_string(p.assessed) +
                          (p.assessed == 1 ? " session)" : " sessions)")
                    : "not assessed";
  }
  return s + ".";
}

std::string distribution_alt(const ChoiceDistribution& d) {
  std::string s = "How the sessions chose at " + one_line(d.node_title.empty() ? d.node_id : d.node_title) + ": ";
  if (d.options.empty()) return s + "no choices.";
  for (size_t i = 0; i < d.options.size(); ++i)
    s += (i ? "; " : "") + one_line(d.options[i].text) + ", " + count_text(d.options[i].sessions) +
         " of " + count_text(d.sessions) + (d.sessions == 1 ? " session" : " sessions");
  return s + ".";
}

}  // namespace auditsim::reports::text
