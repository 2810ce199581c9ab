// The pillar palette (reports/pillar_colours.hpp) is readable on each background it is drawn on
// and stays distinguishable for readers with colour blindness: WCAG 2.2 contrast, and CIEDE2000
// colour differences after simulating protanopia, deuteranopia and tritanopia (Machado, Oliveira
// and Fernandes 2009, full severity).
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "reports/pillar_colours.hpp"

using auditsim::kPillarCount;
using Palette = std::array<unsigned, kPillarCount>;

namespace {

struct Rgb {
  double r, g, b;  // linear light, 0..1
};

double to_linear(unsigned c8) {
  const double c = c8 / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

Rgb linear(unsigned hex) { return {to_linear(hex >> 16 & 0xFF), to_linear(hex >> 8 & 0xFF), to_linear(hex & 0xFF)}; }

double luminance(const Rgb& c) { return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b; }

double contrast(unsigned a, unsigned b) {
  const double la = luminance(linear(a)), lb = luminance(linear(b));
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

enum class Vision { Normal, Protan, Deutan, Tritan };

Rgb simulate(Rgb c, Vision v) {
  using M = std::array<std::array<double, 3>, 3>;
  static const M protan{{{0.152286, 1.052583, -0.204868}, {0.114503, 0.786281, 0.099216}, {-0.003882, -0.048116, 1.051998}}};
  static const M deutan{{{0.367322, 0.860646, -0.227968}, {0.280085, 0.672501, 0.047413}, {-0.011820, 0.042940, 0.968881}}};
  static const M tritan{{{1.255528, -0.076749, -0.178779}, {-0.078411, 0.930809, 0.147602}, {0.004733, 0.691367, 0.303900}}};
  if (v == Vision::Normal) return c;
  const M& m = v == Vision::Protan ? protan : v == Vision::Deutan ? deutan : tritan;
  auto row = [&](int i) { return std::clamp(m[i][0] * c.r + m[i][1] * c.g + m[i][2] * c.b, 0.0, 1.0); };
  return {row(0), row(1), row(2)};
}

struct Lab {
  double l, a, b;
};

Lab lab(const Rgb& c) {
  auto f = [](double t) { return t > 0.008856 ? std::cbrt(t) : 7.787 * t + 16.0 / 116; };
  const double x = (0.4124 * c.r + 0.3576 * c.g + 0.1805 * c.b) / 0.95047;
  const double y = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
  const double z = (0.0193 * c.r + 0.1192 * c.g + 0.9505 * c.b) / 1.08883;
  return {116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))};
}

double ciede2000(const Lab& p, const Lab& q) {
  const double deg = M_PI / 180;
  const double c1 = std::hypot(p.a, p.b), c2 = std::hypot(q.a, q.b), cb = (c1 + c2) / 2;
  const double g = 0.5 * (1 - std::sqrt(std::pow(cb, 7) / (std::pow(cb, 7) + std::pow(25.0, 7))));
  const double a1 = (1 + g) * p.a, a2 = (1 + g) * q.a;
  const double c1p = std::hypot(a1, p.b), c2p = std::hypot(a2, q.b);
  auto hue = [&](double b, double a) { double h = std::atan2(b, a) / deg; return h < 0 ? h + 360 : h; };
  const double h1 = hue(p.b, a1), h2 = hue(q.b, a2);
  double dh = c1p * c2p == 0 ? 0 : h2 - h1;
  if (dh > 180) dh -= 360;
  if (dh < -180) dh += 360;
  const double dl = q.l - p.l, dc = c2p - c1p;
  const double dhh = 2 * std::sqrt(c1p * c2p) * std::sin(dh / 2 * deg);
  const double lb = (p.l + q.l) / 2, cbp = (c1p + c2p) / 2;
  double hb = h1 + h2;
  if (c1p * c2p != 0) hb = std::abs(h1 - h2) > 180 ? (h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2) : (h1 + h2) / 2;
  const double t = 1 - 0.17 * std::cos((hb - 30) * deg) + 0.24 * std::cos(2 * hb * deg) +
                   0.32 * std::cos((3 * hb + 6) * deg) - 0.20 * std::cos((4 * hb - 63) * deg);
  const double dtheta = 30 * std::exp(-std::pow((hb - 275) / 25, 2));
  const double rc = 2 * std::sqrt(std::pow(cbp, 7) / (std::pow(cbp, 7) + std::pow(25.0, 7)));
  const double sl = 1 + 0.015 * std::pow(lb - 50, 2) / std::sqrt(20 + std::pow(lb - 50, 2));
  const double sc = 1 + 0.045 * cbp, sh = 1 + 0.015 * cbp * t;
  const double rt = -std::sin(2 * dtheta * deg) * rc;
  return std::sqrt(std::pow(dl / sl, 2) + std::pow(dc / sc, 2) + std::pow(dhh / sh, 2) + rt * (dc / sc) * (dhh / sh));
}

// The smallest difference between two pillars' colours as a reader with `v` sees them.
double closest_pair(const Palette& p, Vision v) {
  double least = 1e9;
  for (int i = 0; i < kPillarCount; ++i)
    for (int j = i + 1; j < kPillarCount; ++j)
      least = std::min(least, ciede2000(lab(simulate(linear(p[i]), v)), lab(simulate(linear(p[j]), v))));
  return least;
}

void check_palette(const Palette& p, unsigned background, const char* name) {
  CAPTURE(name);
  for (int i = 0; i < kPillarCount; ++i) {
    CAPTURE(i);
    CHECK(contrast(p[i], background) >= 4.5);
  }
  for (Vision v : {Vision::Normal, Vision::Protan, Vision::Deutan, Vision::Tritan}) {
    CAPTURE(static_cast<int>(v));
    CHECK(closest_pair(p, v) >= 15.0);
  }
}

}  // namespace

TEST_CASE("pillar colours on white: 4.5:1 contrast and apart for every kind of colour vision") {
  check_palette(auditsim::reports::kPillarColours, 0xffffff, "reports and light theme");
  // The bar's empty track and the light theme's alternate surface: 3:1, enough for graphics.
  for (unsigned c : auditsim::reports::kPillarColours) {
    CHECK(contrast(c, 0xeeeeee) >= 3.0);
    CHECK(contrast(c, 0xeaf0f6) >= 3.0);
  }
}

TEST_CASE("pillar colours on the dark and high-contrast themes: readable and apart") {
  check_palette(auditsim::reports::kPillarColoursOnDark, 0x232b37, "dark theme");
  check_palette(auditsim::reports::kPillarColoursOnBlack, 0x000000, "high-contrast theme");
  for (unsigned c : auditsim::reports::kPillarColoursOnBlack) CHECK(contrast(c, 0x000000) >= 7.0);
}

TEST_CASE("the palette check tells a blue from a purple apart only for normal vision") {
  // The palette this replaced: its blue and purple merge for protanopia and deuteranopia.
  const Palette old{0x1d4f91, 0x2a7f62, 0x8a4f0b, 0x6b3fa0};
  CHECK(closest_pair(old, Vision::Normal) >= 15.0);
  CHECK(closest_pair(old, Vision::Protan) < 5.0);
  CHECK(closest_pair(old, Vision::Deutan) < 5.0);
}
