// Vector charts for the PDF reports, matching the HTML ones: the 4P radar with per-pillar bars,
// the spread of scores across sessions, and how sessions chose at each decision.
#include <algorithm>
#include <cmath>

#include "reports/chart_text.hpp"
#include "reports/pillar_colours.hpp"
#include "reports/render_pdf_doc.hpp"
#include "reports/render_text.hpp"

namespace auditsim::reports::pdf {
namespace {

constexpr double kLeft = 56, kWidth = 595.276 - 112;

void colour(cairo_t* cr, unsigned rgb, double alpha = 1) {
  cairo_set_source_rgba(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                        (rgb & 0xFF) / 255.0, alpha);
}

}  // namespace

void Doc::radar_and_bars(const std::array<PillarRow, kPillarCount>& pillars) {
  const double height = 190;
  ensure(height);
  figure(text::radar_alt(pillars));
  const double cx = kLeft + 105, cy = y_ + 95, rad = 62;
  auto point = [&](int i, double frac) {
    double a = -M_PI / 2 + i * M_PI / 2;
    return std::pair{cx + std::cos(a) * rad * frac, cy + std::sin(a) * rad * frac};
  };
  cairo_set_line_width(cr_, 0.6);
  for (double ring : {0.25, 0.5, 0.75, 1.0}) {
    colour(cr_, 0xb1b4b6);
    for (int i = 0; i <= 4; ++i) {
      auto [x, y] = point(i % 4, ring);
      i == 0 ? cairo_move_to(cr_, x, y) : cairo_line_to(cr_, x, y);
    }
    cairo_stroke(cr_);
  }
  for (int i = 0; i < 4; ++i) {
    auto [x, y] = point(i, 1.0);
    cairo_move_to(cr_, cx, cy);
    cairo_line_to(cr_, x, y);
  }
  cairo_stroke(cr_);
  for (int i = 0; i <= 4; ++i) {
    const PillarRow& p = pillars[i % 4];
    double frac = p.assessed ? std::clamp(p.percent / 100.0, 0.0, 1.0) : 0.0;
    auto [x, y] = point(i % 4, frac);
    i == 0 ? cairo_move_to(cr_, x, y) : cairo_line_to(cr_, x, y);
  }
  colour(cr_, 0x1d4f91, 0.25);
  cairo_fill_preserve(cr_);
  colour(cr_, 0x1d4f91);
  cairo_set_line_width(cr_, 1.6);
  cairo_stroke(cr_);
  colour(cr_, 0x1b1b1b);
  const std::array<std::pair<double, double>, 4> off{{{0, -10}, {6, 0}, {0, 10}, {-6, 0}}};
  const std::array<int, 4> align{1, 0, 1, 2};
  for (int i = 0; i < 4; ++i) {
    auto [x, y] = point(i, 1.0);
    std::string v = pillars[i].assessed ? text::percent(pillars[i].percent) : "n/a";
    label(x + off[i].first, y + off[i].second, std::string(pillar_name(pillars[i].pillar)) + " " + v,
          8, true, align[i]);
  }
  // Bars to the right of the radar.
  const double bx = kLeft + 290, bw = 140;
  for (int i = 0; i < 4; ++i) {
    const PillarRow& p = pillars[i];
    double y = y_ + 40 + i * 28;
    colour(cr_, 0x1b1b1b);
    label(bx - 8, y + 6, pillar_name(p.pillar), 9, false, 2);
    colour(cr_, 0xeeeeee);
    cairo_rectangle(cr_, bx, y, bw, 12);
    cairo_fill(cr_);
    if (p.assessed) {
      colour(cr_, kPillarColours[i]);
      cairo_rectangle(cr_, bx, y, bw * std::clamp(p.percent / 100.0, 0.0, 1.0), 12);
      cairo_fill(cr_);
    }
    colour(cr_, 0x1b1b1b);
    label(bx + bw + 6, y + 6, p.assessed ? text::percent(p.percent) : "n/a", 9);
  }
  close("Figure");
  y_ += height;
}

void Doc::spread_chart(const std::array<ScrutinyReport::PillarSpread, kPillarCount>& sp) {
  const double height = 4 * 26 + 30, bx = kLeft + 70, bw = 300;
  ensure(height);
  figure(text::spread_alt(sp));
  cairo_set_line_width(cr_, 0.5);
  for (int t = 0; t <= 100; t += 25) {
    double x = bx + bw * t / 100.0;
    colour(cr_, 0xb1b4b6);
    cairo_move_to(cr_, x, y_);
    cairo_line_to(cr_, x, y_ + 4 * 26);
    cairo_stroke(cr_);
    colour(cr_, 0x505a5f);
    label(x, y_ + 4 * 26 + 10, std::to_string(t) + "%", 7.5, false, 1);
  }
  for (int i = 0; i < 4; ++i) {
    double y = y_ + 13 + i * 26;
    colour(cr_, 0x1b1b1b);
    label(kLeft, y, pillar_name(sp[i].pillar), 9);
    if (sp[i].assessed == 0) {
      label(bx + 4, y, "Not assessed", 8.5);
      continue;
    }
    double x0 = bx + bw * sp[i].min / 100.0, x1 = bx + bw * sp[i].max / 100.0;
    double xm = bx + bw * sp[i].mean / 100.0;
    colour(cr_, kPillarColours[i], 0.3);
    cairo_rectangle(cr_, x0, y - 5, std::max(x1 - x0, 1.5), 10);
    cairo_fill(cr_);
    colour(cr_, kPillarColours[i]);
    cairo_rectangle(cr_, xm - 1.5, y - 7, 3, 14);
    cairo_fill(cr_);
    colour(cr_, 0x1b1b1b);
    label(bx + bw + 10, y, "mean " + text::percent(sp[i].mean), 8.5);
  }
  close("Figure");
  y_ += height;
}

void Doc::distribution_chart(const ChoiceDistribution& d) {
  const double row = 18, tx = kLeft + 250, bx = kLeft + 258, bw = 150;
  const double height = row * d.options.size() + 6;
  ensure(height);
  figure(text::distribution_alt(d));
  for (size_t i = 0; i < d.options.size(); ++i) {
    const auto& o = d.options[i];
    double y = y_ + 9 + i * row;
    PangoLayout* lay = cached(text::one_line(o.text), false, 8, 245, kEllipsise | kAlignRight);
    int w = 0, h = 0;
    pango_layout_get_size(lay, &w, &h);
    colour(cr_, 0x1b1b1b);
    cairo_move_to(cr_, tx - 245, y - h / double(PANGO_SCALE) / 2);
    pango_cairo_show_layout(cr_, lay);
    g_object_unref(lay);
    double frac = d.sessions > 0 ? double(o.sessions) / d.sessions : 0;
    colour(cr_, 0xeeeeee);
    cairo_rectangle(cr_, bx, y - 5, bw, 10);
    cairo_fill(cr_);
    colour(cr_, 0x1d4f91);
    cairo_rectangle(cr_, bx, y - 5, bw * frac, 10);
    cairo_fill(cr_);
    colour(cr_, 0x1b1b1b);
    label(bx + bw + 6, y, std::to_string(o.sessions) + " of " + std::to_string(d.sessions), 8);
  }
  close("Figure");
  y_ += height + 4;
}

}  // namespace auditsim::reports::pdf
