// SVG charts. Every label is escaped and every figure drawn as a vector, so the charts print
// sharply and carry no script. Colours are paired with text labels, never relied on alone, and
// each chart's accessible name gives its figures in words (chart_text.hpp), the same as the
// PDF's alternative text.
#include "reports/render_svg.hpp"

#include "reports/chart_text.hpp"
#include "reports/pillar_colours.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "reports/render_text.hpp"

namespace auditsim::reports::svg {
namespace {

constexpr const char* kInk = "#1b1b1b";
constexpr const char* kGrid = "#b1b4b6";
constexpr const char* kAccent = "#1d4f91";

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string open_svg(double w, double h, const std::string& label) {
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + num(w) + " " + num(h) +
         "\" width=\"" + num(w) + "\" height=\"" + num(h) + "\" role=\"img\" aria-label=\"" +
         text::escape_markup(label) + "\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"12\">";
}

std::string label(double x, double y, const std::string& s, const char* anchor = "start",
                  const char* extra = "") {
  return "<text x=\"" + num(x) + "\" y=\"" + num(y) + "\" text-anchor=\"" + anchor + "\" fill=\"" +
         kInk + "\"" + extra + ">" + text::escape_markup(s) + "</text>";
}

}  // namespace

std::string radar(const std::array<PillarRow, kPillarCount>& pillars) {
  const double cx = 200, cy = 135, rad = 95;  // room either side for "Prevent 100%"
  // Pursue at the top, then clockwise: Prevent, Protect, Prepare.
  auto point = [&](int i, double frac) {
    double a = -M_PI / 2 + i * M_PI / 2;
    return std::pair{cx + std::cos(a) * rad * frac, cy + std::sin(a) * rad * frac};
  };
  std::string s = open_svg(400, 270, "4P radar chart. " + text::radar_alt(pillars));
  for (double ring : {0.25, 0.5, 0.75, 1.0}) {
    std::string pts;
    for (int i = 0; i < 4; ++i) {
      auto [x, y] = point(i, ring);
      pts += num(x) + "," + num(y) + " ";
    }
    s += "<polygon points=\"" + pts + "\" fill=\"none\" stroke=\"" + kGrid + "\" stroke-width=\"" +
         (ring == 1.0 ? "1.2" : "0.6") + "\"/>";
  }
  std::string poly;
  for (int i = 0; i < 4; ++i) {
    auto [x, y] = point(i, 1.0);
    s += "<line x1=\"" + num(cx) + "\" y1=\"" + num(cy) + "\" x2=\"" + num(x) + "\" y2=\"" +
         num(y) + "\" stroke=\"" + kGrid + "\" stroke-width=\"0.6\"/>";
    double frac = pillars[i].assessed ? std::clamp(pillars[i].percent / 100.0, 0.0, 1.0) : 0.0;
    auto [px, py] = point(i, frac);
    poly += num(px) + "," + num(py) + " ";
  }
  s += "<polygon points=\"" + poly + "\" fill=\"" + kAccent + "\" fill-opacity=\"0.25\" stroke=\"" +
       kAccent + "\" stroke-width=\"2\"/>";
  const std::array<std::pair<double, double>, 4> offs{{{0, -12}, {8, 4}, {0, 22}, {-8, 4}}};
  const std::array<const char*, 4> anchors{"middle", "start", "middle", "end"};
  for (int i = 0; i < 4; ++i) {
    auto [x, y] = point(i, 1.0);
    std::string v = pillars[i].assessed ? text::percent(pillars[i].percent) : "n/a";
    s += label(x + offs[i].first, y + offs[i].second,
               std::string(pillar_name(pillars[i].pillar)) + " " + v, anchors[i],
               " font-weight=\"bold\"");
  }
  return s + "</svg>";
}

std::string pillar_bars(const std::array<PillarRow, kPillarCount>& pillars) {
  const double w = 340, bar_x = 70, bar_w = 210, row_h = 30;
  std::string s = open_svg(w, row_h * 4 + 10, text::radar_alt(pillars));
  for (int i = 0; i < 4; ++i) {
    const PillarRow& p = pillars[i];
    double y = 8 + i * row_h;
    s += label(0, y + 15, pillar_name(p.pillar));
    s += "<rect x=\"" + num(bar_x) + "\" y=\"" + num(y + 2) + "\" width=\"" + num(bar_w) +
         "\" height=\"16\" fill=\"#eeeeee\"/>";
    if (p.assessed) {
      double bw = bar_w * std::clamp(p.percent / 100.0, 0.0, 1.0);
      s += "<rect x=\"" + num(bar_x) + "\" y=\"" + num(y + 2) + "\" width=\"" + num(bw) +
           "\" height=\"16\" fill=\"" + pillar_hex(i) + "\"/>";
    }
    s += label(bar_x + bar_w + 8, y + 15, p.assessed ? text::percent(p.percent) : "n/a");
  }
  return s + "</svg>";
}

std::string distribution(const ChoiceDistribution& d) {
  const double w = 620, text_w = 330, bar_x = 340, bar_w = 220, row_h = 24;
  std::string s = open_svg(w, row_h * d.options.size() + 6, text::distribution_alt(d));
  for (size_t i = 0; i < d.options.size(); ++i) {
    const auto& o = d.options[i];
    double y = 4 + i * row_h;
    std::string t = text::one_line(o.text);
    // Long choice texts are shortened in the chart; the table beside it gives them in full.
    if (t.size() > 52) {
      size_t cut = 49;
      while (cut > 0 && (static_cast<unsigned char>(t[cut]) & 0xC0) == 0x80) --cut;
      t = t.substr(0, cut) + "\u2026";
    }
    s += label(text_w, y + 14, t, "end");
    double frac = d.sessions > 0 ? static_cast<double>(o.sessions) / d.sessions : 0.0;
    s += "<rect x=\"" + num(bar_x) + "\" y=\"" + num(y + 2) + "\" width=\"" + num(bar_w) +
         "\" height=\"15\" fill=\"#eeeeee\"/><rect x=\"" + num(bar_x) + "\" y=\"" + num(y + 2) +
         "\" width=\"" + num(bar_w * frac) + "\" height=\"15\" fill=\"" + kAccent + "\"/>";
    s += label(bar_x + bar_w + 8, y + 14,
               text::count_text(o.sessions) + " of " + text::count_text(d.sessions));
  }
  return s + "</svg>";
}

std::string spread(const std::array<ScrutinyReport::PillarSpread, kPillarCount>& sp) {
  const double w = 480, bar_x = 80, bar_w = 320, row_h = 32;
  std::string s = open_svg(w, row_h * 4 + 26, text::spread_alt(sp));
  for (int t = 0; t <= 100; t += 25) {
    double x = bar_x + bar_w * t / 100.0;
    s += "<line x1=\"" + num(x) + "\" y1=\"4\" x2=\"" + num(x) + "\" y2=\"" + num(row_h * 4 + 4) +
         "\" stroke=\"" + kGrid + "\" stroke-width=\"0.5\"/>";
    s += label(x, row_h * 4 + 20, std::to_string(t) + "%", "middle", " font-size=\"10\"");
  }
  for (int i = 0; i < 4; ++i) {
    double y = 4 + i * row_h + row_h / 2;
    s += label(0, y + 4, pillar_name(sp[i].pillar));
    if (sp[i].assessed == 0) {
      s += label(bar_x + 4, y + 4, "Not assessed", "start", " font-style=\"italic\"");
      continue;
    }
    double x0 = bar_x + bar_w * sp[i].min / 100.0, x1 = bar_x + bar_w * sp[i].max / 100.0;
    double xm = bar_x + bar_w * sp[i].mean / 100.0;
    s += "<rect x=\"" + num(x0) + "\" y=\"" + num(y - 6) + "\" width=\"" + num(std::max(x1 - x0, 1.5)) +
         "\" height=\"12\" fill=\"" + pillar_hex(i) + "\" fill-opacity=\"0.3\"/>";
    s += "<rect x=\"" + num(xm - 2) + "\" y=\"" + num(y - 9) + "\" width=\"4\" height=\"18\" fill=\"" +
         pillar_hex(i) + "\"/>";
    s += label(bar_x + bar_w + 10, y + 4, "mean " + text::percent(sp[i].mean), "start", " font-size=\"11\"");
  }
  return s + "</svg>";
}

}  // namespace auditsim::reports::svg
