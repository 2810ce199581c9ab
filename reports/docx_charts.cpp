#include "reports/docx_charts.hpp"

#include <pango/pangocairo.h>

#include <cmath>
#include <functional>

#include "reports/chart_draw.hpp"
#include "reports/chart_text.hpp"

namespace auditsim::reports::docx {
namespace {

// 200 pixels to the inch: sharp on paper, a few tens of kilobytes an image.
constexpr double kScale = 200.0 / 72.0;
// Room on the left for the radar's right-aligned "Prepare 100%", which the PDF lets run into
// its page margin.
constexpr double kInset = 28;

// Labels drawn with pango straight onto the image, in the PDF's font.
struct ImageLabels : charts::Labels {
  explicit ImageLabels(cairo_t* cr) : cr(cr) {}
  PangoLayout* layout(std::string_view text, double size, bool bold) {
    PangoLayout* lay = pango_cairo_create_layout(cr);
    PangoFontDescription* fd = pango_font_description_from_string("DejaVu Sans");
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    if (bold) pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(lay, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(lay, text.data(), static_cast<int>(text.size()));
    return lay;
  }
  void show(PangoLayout* lay, double x, double y) {
    int w = 0, h = 0;
    pango_layout_get_size(lay, &w, &h);
    cairo_move_to(cr, x, y - h / double(PANGO_SCALE) / 2);
    pango_cairo_show_layout(cr, lay);
    g_object_unref(lay);
  }
  void label(double x, double y, std::string_view text, double size, bool bold, int align) override {
    PangoLayout* lay = layout(text, size, bold);
    int w = 0, h = 0;
    pango_layout_get_size(lay, &w, &h);
    const double width = w / double(PANGO_SCALE);
    show(lay, align == 0 ? x : align == 1 ? x - width / 2 : x - width, y);
  }
  void fitted(double x_right, double y, std::string_view text, double size, double width) override {
    PangoLayout* lay = layout(text, size, false);
    pango_layout_set_width(lay, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_END);
    pango_layout_set_alignment(lay, PANGO_ALIGN_RIGHT);
    show(lay, x_right - width, y);
  }
  cairo_t* cr;
};

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// A white picture `height` points tall, the text width plus the inset wide, with `draw` on it.
Picture paint(double height, std::string alt,
              const std::function<void(cairo_t*, charts::Labels&)>& draw) {
  Picture p;
  p.width_pt = charts::kChartWidth + kInset;
  p.height_pt = height;
  p.alt = std::move(alt);
  cairo_surface_t* surface = cairo_image_surface_create(
      CAIRO_FORMAT_RGB24, static_cast<int>(std::ceil(p.width_pt * kScale)),
      static_cast<int>(std::ceil(p.height_pt * kScale)));
  cairo_t* cr = cairo_create(surface);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_scale(cr, kScale, kScale);
  {
    ImageLabels labels(cr);
    draw(cr, labels);
  }
  cairo_destroy(cr);
  cairo_surface_write_to_png_stream(surface, append, &p.png);
  cairo_surface_destroy(surface);
  return p;
}

}  // namespace

Picture radar_picture(const std::array<PillarRow, kPillarCount>& pillars) {
  return paint(charts::kRadarHeight, text::radar_alt(pillars), [&](cairo_t* cr, charts::Labels& l) {
    charts::radar_and_bars(cr, l, kInset, 0, pillars);
  });
}

Picture spread_picture(const std::array<ScrutinyReport::PillarSpread, kPillarCount>& spread) {
  return paint(charts::kSpreadHeight, text::spread_alt(spread), [&](cairo_t* cr, charts::Labels& l) {
    charts::spread(cr, l, kInset, 0, spread);
  });
}

Picture distribution_picture(const ChoiceDistribution& d) {
  return paint(charts::distribution_height(d), text::distribution_alt(d),
               [&](cairo_t* cr, charts::Labels& l) { charts::distribution(cr, l, kInset, 0, d); });
}

}  // namespace auditsim::reports::docx
