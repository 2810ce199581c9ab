// The PDF reports' charts, matching the HTML ones: drawn as vectors on the page by
// reports/chart_draw.cpp (which the Word report's images share), each tagged as a figure with
// its alternative text.
#include "reports/chart_draw.hpp"
#include "reports/chart_text.hpp"
#include "reports/render_pdf_doc.hpp"

namespace auditsim::reports::pdf {
namespace {
constexpr double kLeft = 56;  // the page's left margin, as in render_pdf_doc.cpp
}  // namespace

// The charts' text, laid out by this document (its fonts, its cache of repeated labels).
struct Doc::ChartLabels : charts::Labels {
  explicit ChartLabels(Doc& doc) : doc(doc) {}
  void label(double x, double y, std::string_view text, double size, bool bold, int align) override {
    doc.label(x, y, text, size, bold, align);
  }
  void fitted(double x_right, double y, std::string_view text, double size, double width) override {
    PangoLayout* lay = doc.cached(text, false, size, width, kEllipsise | kAlignRight);
    int w = 0, h = 0;
    pango_layout_get_size(lay, &w, &h);
    cairo_move_to(doc.cr_, x_right - width, y - h / double(PANGO_SCALE) / 2);
    pango_cairo_show_layout(doc.cr_, lay);
    g_object_unref(lay);
  }
  Doc& doc;
};

void Doc::radar_and_bars(const std::array<PillarRow, kPillarCount>& pillars) {
  ensure(charts::kRadarHeight);
  figure(text::radar_alt(pillars));
  ChartLabels labels(*this);
  charts::radar_and_bars(cr_, labels, kLeft, y_, pillars);
  close("Figure");
  y_ += charts::kRadarHeight;
}

void Doc::spread_chart(const std::array<ScrutinyReport::PillarSpread, kPillarCount>& sp) {
  ensure(charts::kSpreadHeight);
  figure(text::spread_alt(sp));
  ChartLabels labels(*this);
  charts::spread(cr_, labels, kLeft, y_, sp);
  close("Figure");
  y_ += charts::kSpreadHeight;
}

void Doc::distribution_chart(const ChoiceDistribution& d) {
  const double height = charts::distribution_height(d);
  ensure(height);
  figure(text::distribution_alt(d));
  ChartLabels labels(*this);
  charts::distribution(cr_, labels, kLeft, y_, d);
  close("Figure");
  y_ += height + 4;
}

}  // namespace auditsim::reports::pdf
