// The Results screen's charts for a whole event, drawn from the scrutiny report model the event
// overview builds on a worker thread: the 4P by team, the spread across sessions, exercise
// ratings and outcomes, and the most-missed key actions.
#include <algorithm>
#include <cstdio>

#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/screens/results_parts.hpp"
#include "ui/widgets/charts.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

void draw_counts(const reports::ScrutinyReport& r, const RatingScale& scale, float width) {
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  const float half = (width - fs) * 0.5f;
  // Ratings in the order of the council's scale, highest first, then any other label found.
  std::vector<std::pair<std::string, int>> ratings;
  std::vector<ImVec4> rating_colours;
  const ImVec4 level_colour[] = {pal.ok, pal.accent, pal.warn, pal.bad};
  for (size_t i = 0; i < scale.labels.size(); ++i) {
    auto it = r.ratings.find(scale.labels[i]);
    ratings.emplace_back(scale.labels[i], it == r.ratings.end() ? 0 : it->second);
    rating_colours.push_back(level_colour[i]);
  }
  for (const auto& [label, n] : r.ratings)
    if (std::find(scale.labels.begin(), scale.labels.end(), label) == scale.labels.end()) {
      ratings.emplace_back(label, n);
      rating_colours.push_back(pal.muted);
    }
  std::vector<std::pair<std::string, int>> outcomes;
  const std::pair<const char*, const char*> names[] = {{"good", "Good"}, {"mixed", "Mixed"}, {"poor", "Poor"}};
  for (const auto& [key, label] : names) {
    auto it = r.outcomes.find(key);
    outcomes.emplace_back(label, it == r.outcomes.end() ? 0 : it->second);
  }
  outcomes.emplace_back("Unfinished", r.sessions - r.finished_sessions);
  ImGui::BeginGroup();
  heading("Exercise ratings", 3);
  count_bars(ratings, rating_colours, half);
  ImGui::EndGroup();
  ImGui::SameLine(0, fs);
  ImGui::BeginGroup();
  heading("Outcomes", 3);
  count_bars(outcomes, {pal.ok, pal.warn, pal.bad, pal.muted}, half);
  ImGui::EndGroup();
}

void draw_missed(const reports::ScrutinyReport& r) {
  heading("Most-missed key actions", 3);
  if (r.most_missed.empty()) {
    coloured_text(palette().ok, "Every session achieved every key action.");
    return;
  }
  const size_t shown = std::min<size_t>(r.most_missed.size(), 8);
  for (size_t i = 0; i < shown; ++i) {
    const reports::MissedKeyAction& m = r.most_missed[i];
    const Priority p = m.finding.priority;
    const ImVec4 c = p == Priority::High ? palette().bad : p == Priority::Medium ? palette().warn : palette().muted;
    char count[64];
    std::snprintf(count, sizeof count, "missed by %d of %d", m.missed, m.played);
    const float bar_w = ImGui::GetFontSize() * 8.5f;
    fraction_bar(m.played > 0 ? static_cast<float>(m.missed) / static_cast<float>(m.played) : 0.0f,
                 count, c, bar_w);
    ImGui::SameLine(0, ImGui::GetFontSize() * 0.6f);
    text_wrapped(m.finding.text.c_str());
    ImGui::Dummy(ImVec2(1, ImGui::GetFontSize() * 0.2f));
  }
  if (r.most_missed.size() > shown)
    muted_text(("and " + std::to_string(r.most_missed.size() - shown) + " more in the scrutiny report").c_str());
}

}  // namespace

void draw_event_overview(App& app) {
  ResultsController& rc = app.results();
  EventOverview& ov = app.overview();
  const float fs = ImGui::GetFontSize();
  ov.request(app.db_path(), rc.overview_event,
             report_settings(app.settings(), app.results_report().chosen_part()));
  if (button("\xE2\x86\x90 Back to sessions")) {
    rc.overview_event.clear();
    return;
  }
  gap(0.3f);
  const reports::ScrutinyReport* r = ov.report();
  if (!r) {
    if (!ov.error().empty()) {
      coloured_text(palette().bad, ov.error().c_str());
    } else {
      spinner();
      ImGui::SameLine();
      muted_text("Reading the event's results\xE2\x80\xA6");
    }
    return;
  }
  ImGui::BeginChild("##event-charts", ImVec2(0, 0), false);
  const float w = ImGui::GetContentRegionAvail().x - fs * 0.5f;
  heading(r->title.c_str(), 2);
  char line[200];
  std::snprintf(line, sizeof line, "%d session%s (%d finished)  \xC2\xB7  %d participant%s: %d member%s, %d staff",
                r->sessions, r->sessions == 1 ? "" : "s", r->finished_sessions, r->participants,
                r->participants == 1 ? "" : "s", r->members, r->members == 1 ? "" : "s", r->staff);
  muted_text(line);
  if (r->settings.part == reports::Part::A) muted_text("Part A: no names are shown.");
  gap(0.4f);
  heading("4P by team", 3);
  std::vector<RadarSeries> series;
  for (const TeamScores& t : ov.teams()) {
    RadarSeries s;
    s.name = t.name;
    for (int p = 0; p < kPillarCount; ++p) {
      s.percent[p] = static_cast<float>(t.percent[p]);
      s.assessed[p] = t.assessed[p];
    }
    series.push_back(std::move(s));
  }
  const float radar = std::min(fs * 18, w * 0.42f);
  ImGui::BeginGroup();
  radar_chart(series, radar);
  series_legend(series, radar);
  ImGui::EndGroup();
  ImGui::SameLine(0, fs);
  ImGui::BeginGroup();
  grouped_pillar_bars(series, w - radar - fs);
  ImGui::EndGroup();
  gap(0.6f);
  heading("4P distribution across sessions", 3);
  muted_text("Each dot is a session; the bar spans lowest to highest; the tick marks the mean.");
  spread_chart(r->spread, w);
  gap(0.6f);
  draw_counts(*r, app.settings().scale, w);
  gap(0.6f);
  draw_missed(*r);
  gap(1.0f);
  ImGui::EndChild();
}

}  // namespace auditsim::ui
