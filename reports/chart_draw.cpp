// The charts' drawing, shared by the PDF (vector, on its page) and the Word report (PNG images).
#include "reports/chart_draw.hpp"

#include <algorithm>
#include <cmath>

#include "reports/chart_text.hpp"
#include "reports/pillar_colours.hpp"
#include "reports/render_text.hpp"

namespace auditsim::reports::charts {
namespace {

constexpr double kRow = 18;  // a choice's row in the distribution chart

void colour(cairo_t* cr, unsigned rgb, double alpha = 1) {
  cairo_set_source_rgba(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                        (rgb & 0xFF) / 255.0, alpha);
}

}  // namespace

void radar_and_bars(cairo_t* cr, Labels& labels, double left, double top,
                    const std::array<PillarRow, kPillarCount>& pillars) {
  const double cx = left + 105, cy = top + 95, rad = 62;
  auto point = [&](int i, double frac) {
    double a = -M_PI / 2 + i * M_PI / 2;
    return std::pair{cx + std::cos(a) * rad * frac, cy + std::sin(a) * rad * frac};
  };
  cairo_set_line_width(cr, 0.6);
  for (double ring : {0.25, 0.5, 0.75, 1.0}) {
    colour(cr, 0xb1b4b6);
    for (int i = 0; i <= 4; ++i) {
      auto [x, y] = point(i % 4, ring);
      i == 0 ? cairo_move_to(cr, x, y) : cairo_line_to(cr, x, y);
    }
    cairo_stroke(cr);
  }
  for (int i = 0; i < 4; ++i) {
    auto [x, y] = point(i, 1.0);
    cairo_move_to(cr, cx, cy);
    cairo_line_to(cr, x, y);
  }
  cairo_stroke(cr);
  for (int i = 0; i <= 4; ++i) {
    const PillarRow& p = pillars[i % 4];
    double frac = p.assessed ? std::clamp(p.percent / 100.0, 0.0, 1.0) : 0.0;
    auto [x, y] = point(i % 4, frac);
    i == 0 ? cairo_move_to(cr, x, y) : cairo_line_to(cr, x, y);
  }
  colour(cr, 0x1d4f91, 0.25);
  cairo_fill_preserve(cr);
  colour(cr, 0x1d4f91);
  cairo_set_line_width(cr, 1.6);
  cairo_stroke(cr);
  colour(cr, 0x1b1b1b);
  const std::array<std::pair<double, double>, 4> off{{{0, -10}, {6, 0}, {0, 10}, {-6, 0}}};
  const std::array<int, 4> align{1, 0, 1, 2};
  for (int i = 0; i < 4; ++i) {
    auto [x, y] = point(i, 1.0);
    std::string v = pillars[i].assessed ? text::percent(pillars[i].percent) : "n/a";
    labels.label(x + off[i].first, y + off[i].second, std::string(pillar_name(pillars[i].pillar)) + " " + v,
                 8, true, align[i]);
  }
  // Bars to the right of the radar.
  const double bx = left + 290, bw = 140;
  for (int i = 0; i < 4; ++i) {
    const PillarRow& p = pillars[i];
    double y = top + 40 + i * 28;
    colour(cr, 0x1b1b1b);
    labels.label(bx - 8, y + 6, pillar_name(p.pillar), 9, false, 2);
    colour(cr, 0xeeeeee);
    cairo_rectangle(cr, bx, y, bw, 12);
    cairo_fill(cr);
    if (p.assessed) {
      colour(cr, kPillarColours[i]);
      cairo_rectangle(cr, bx, y, bw * std::clamp(p.percent / 100.0, 0.0, 1.0), 12);
      cairo_fill(cr);
    }
    colour(cr, 0x1b1b1b);
    labels.label(bx + bw + 6, y + 6, p.assessed ? text::percent(p.percent) : "n/a", 9, false, 0);
  }
}

void spread(cairo_t* cr, Labels& labels, double left, double top,
            const std::array<ScrutinyReport::PillarSpread, kPillarCount>& sp) {
  const double bx = left + 70, bw = 300;
  cairo_set_line_width(cr, 0.5);
  for (int t = 0; t <= 100; t += 25) {
    double x = bx + bw * t / 100.0;
    colour(cr, 0xb1b4b6);
    cairo_move_to(cr, x, top);
    cairo_line_to(cr, x, top + 4 * 26);
    cairo_stroke(cr);
    colour(cr, 0x505a5f);
    labels.label(x, top + 4 * 26 + 10, std::to_string(t) + "%", 7.5, false, 1);
  }
  for (int i = 0; i < 4; ++i) {
    double y = top + 13 + i * 26;
    colour(cr, 0x1b1b1b);
    labels.label(left, y, pillar_name(sp[i].pillar), 9, false, 0);
    if (sp[i].assessed == 0) {
      labels.label(bx + 4, y, "Not assessed", 8.5, false, 0);
      continue;
    }
    double x0 = bx + bw * sp[i].min / 100.0, x1 = bx + bw * sp[i].max / 100.0;
    double xm = bx + bw * sp[i].mean / 100.0;
    colour(cr, kPillarColours[i], 0.3);
    cairo_rectangle(cr, x0, y - 5, std::max(x1 - x0, 1.5), 10);
    cairo_fill(cr);
    colour(cr, kPillarColours[i]);
    cairo_rectangle(cr, xm - 1.5, y - 7, 3, 14);
    cairo_fill(cr);
    colour(cr, 0x1b1b1b);
    labels.label(bx + bw + 10, y, "mean " + text::percent(sp[i].mean), 8.5, false, 0);
  }
}

double distribution_height(const ChoiceDistribution& d) { return kRow * d.options.size() + 6; }

void distribution(cairo_t* cr, Labels& labels, double left, double top, const ChoiceDistribution& d) {
  const double row = kRow, tx = left + 250, bx = left + 258, bw = 150;
  for (size_t i = 0; i < d.options.size(); ++i) {
    const auto& o = d.options[i];
    double y = top + 9 + i * row;
    colour(cr, 0x1b1b1b);
    labels.fitted(tx, y, text::one_line(o.text), 8, 245);
    double frac = d.sessions > 0 ? double(o.sessions) / d.sessions : 0;
    colour(cr, 0xeeeeee);
    cairo_rectangle(cr, bx, y - 5, bw, 10);
    cairo_fill(cr);
    colour(cr, 0x1d4f91);
    cairo_rectangle(cr, bx, y - 5, bw * frac, 10);
    cairo_fill(cr);
    colour(cr, 0x1b1b1b);
    labels.label(bx + bw + 6, y,
                 text::count_text(o.sessions) + " of " + text::count_text(d.sessions), 8, false, 0);
  }
}

}  // namespace auditsim::reports::charts
