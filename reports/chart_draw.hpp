// The report charts drawn on any cairo surface: the PDF's page (vector) and the Word report's PNG
// images, so both show the same 4P radar with per-pillar bars, the spread of scores across
// sessions, and how sessions chose at each decision. Coordinates are points; `left` and `top`
// place the chart's top-left corner, and every chart fits within kChartWidth.
#pragma once

#include <cairo.h>

#include <array>
#include <string_view>

#include "reports/model.hpp"

namespace auditsim::reports::charts {

// How a chart writes text: the PDF writer's laid-out labels, or a plain painter for images.
class Labels {
 public:
  virtual ~Labels() = default;
  // One line centred vertically on y: align 0 starts at x, 1 is centred on x, 2 ends at x.
  virtual void label(double x, double y, std::string_view text, double size, bool bold,
                     int align) = 0;
  // One line ending at x_right, cut short with an ellipsis when wider than `width`.
  virtual void fitted(double x_right, double y, std::string_view text, double size,
                      double width) = 0;
};

inline constexpr double kChartWidth = 595.276 - 112;  // an A4 page's text width in the PDF
inline constexpr double kRadarHeight = 190;
inline constexpr double kSpreadHeight = 4 * 26 + 30;
double distribution_height(const ChoiceDistribution& d);

void radar_and_bars(cairo_t* cr, Labels& labels, double left, double top,
                    const std::array<PillarRow, kPillarCount>& pillars);
void spread(cairo_t* cr, Labels& labels, double left, double top,
            const std::array<ScrutinyReport::PillarSpread, kPillarCount>& sp);
void distribution(cairo_t* cr, Labels& labels, double left, double top, const ChoiceDistribution& d);

}  // namespace auditsim::reports::charts
