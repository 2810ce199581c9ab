// The PDF document writer. Pango lays out and shapes all text (right-to-left and Welsh included,
// with font fallback); cairo draws it as real, selectable text and draws charts as vectors.
#include "reports/render_pdf_doc.hpp"

#include <cairo-pdf.h>
#include <glib.h>

#include <algorithm>
#include <memory>

#include "reports/logo.hpp"
#include "reports/render_text.hpp"
#include "reports/text_breaks.hpp"

namespace auditsim::reports::pdf {
namespace {

constexpr double kPageW = 595.276, kPageH = 841.890;  // A4 in points
constexpr double kLeft = 56, kRight = 56, kTop = 92, kBottom = 64;
constexpr double kWidth = kPageW - kLeft - kRight;
constexpr const char* kFont = "DejaVu Sans";

void colour(cairo_t* cr, unsigned rgb) {
  cairo_set_source_rgb(cr, ((rgb >> 16) & 0xFF) / 255.0, ((rgb >> 8) & 0xFF) / 255.0,
                       (rgb & 0xFF) / 255.0);
}
constexpr unsigned kInk = 0x1b1b1b, kNavy = 0x1d3557, kGrey = 0x505a5f, kRed = 0x9b0b1d,
                   kRule = 0xb1b4b6, kShade = 0xf3f2f1;

struct LayoutFree {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutFree>;

// PNG bytes already in memory, handed to cairo piece by piece.
struct PngSource {
  const std::string& bytes;
  size_t at;
};
cairo_status_t read_png(void* closure, unsigned char* data, unsigned int length) {
  auto* src = static_cast<PngSource*>(closure);
  if (src->bytes.size() - src->at < length) return CAIRO_STATUS_READ_ERROR;
  std::copy_n(src->bytes.data() + src->at, length, data);
  src->at += length;
  return CAIRO_STATUS_SUCCESS;
}

}  // namespace

std::string esc(std::string_view s) { return text::escape_markup(with_break_opportunities(text::clean(s))); }

Doc::Doc(cairo_t* cr, const ReportSettings& settings, std::string running, int total_pages)
    : cr_(cr), settings_(settings), running_(std::move(running)), total_(total_pages) {
  // PNG only: cairo reads it without another library. An unusable file just means no logo.
  std::optional<Logo> logo = read_logo(settings_.logo_path);
  if (logo && logo->mime == "image/png") {
    PngSource src{logo->bytes, 0};
    logo_ = cairo_image_surface_create_from_png_stream(read_png, &src);
    if (cairo_surface_status(logo_) != CAIRO_STATUS_SUCCESS ||
        cairo_image_surface_get_height(logo_) <= 0) {
      cairo_surface_destroy(logo_);
      logo_ = nullptr;
    }
  }
  begin_page();
}

Doc::~Doc() {
  if (logo_) cairo_surface_destroy(logo_);
}

PangoLayout* Doc::layout(std::string_view markup, double size, double width) {
  PangoLayout* lay = pango_cairo_create_layout(cr_);
  PangoFontDescription* fd = pango_font_description_from_string(kFont);
  pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
  pango_layout_set_font_description(lay, fd);
  pango_font_description_free(fd);
  pango_layout_set_width(lay, static_cast<int>(width * PANGO_SCALE));
  pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_spacing(lay, static_cast<int>(size * 0.25 * PANGO_SCALE));
  std::string m(markup);
  pango_layout_set_markup(lay, m.c_str(), static_cast<int>(m.size()));
  return lay;
}

void Doc::label(double x, double y, std::string_view text, double size, bool bold, int align) {
  LayoutPtr lay(layout(bold ? "<b>" + esc(text) + "</b>" : esc(text), size, kWidth));
  pango_layout_set_width(lay.get(), -1);
  int w = 0, h = 0;
  pango_layout_get_size(lay.get(), &w, &h);
  double dx = align == 0 ? 0 : align == 1 ? -w / double(PANGO_SCALE) / 2 : -w / double(PANGO_SCALE);
  cairo_move_to(cr_, x + dx, y - h / double(PANGO_SCALE) / 2);
  pango_cairo_show_layout(cr_, lay.get());
}

void Doc::begin_page() {
  ++page_;
  y_ = kTop;
  double council_x = kLeft;
  if (logo_) {
    // Scaled to the header's height, drawn as an image in the PDF (no resampling by us).
    const double h = 22.0, scale = h / cairo_image_surface_get_height(logo_);
    const double w = cairo_image_surface_get_width(logo_) * scale;
    cairo_save(cr_);
    cairo_translate(cr_, kLeft, 26);
    cairo_scale(cr_, scale, scale);
    cairo_set_source_surface(cr_, logo_, 0, 0);
    cairo_paint(cr_);
    cairo_restore(cr_);
    council_x += w + 8;
  }
  colour(cr_, kNavy);
  LayoutPtr council(
      layout("<b>" + esc(settings_.council_name) + "</b>", 11, kWidth * 0.55 - (council_x - kLeft)));
  pango_layout_set_ellipsize(council.get(), PANGO_ELLIPSIZE_END);
  cairo_move_to(cr_, council_x, 32);
  pango_cairo_show_layout(cr_, council.get());
  colour(cr_, kGrey);
  LayoutPtr run(layout(esc(running_), 8.5, kWidth * 0.45));
  pango_layout_set_alignment(run.get(), PANGO_ALIGN_RIGHT);
  pango_layout_set_ellipsize(run.get(), PANGO_ELLIPSIZE_END);
  cairo_move_to(cr_, kLeft + kWidth * 0.55, 34);
  pango_cairo_show_layout(cr_, run.get());
  colour(cr_, kNavy);
  cairo_set_line_width(cr_, 2);
  cairo_move_to(cr_, kLeft, 52);
  cairo_line_to(cr_, kLeft + kWidth, 52);
  cairo_stroke(cr_);
  const bool exempt = settings_.part == Part::B;
  colour(cr_, exempt ? kRed : kNavy);
  label(kLeft + (exempt ? kWidth / 2 : 0), 64, text::part_marking(settings_.part), 8, true,
        exempt ? 1 : 0);
  // Footer: the marking again on exempt pages, and the page number.
  if (exempt) {
    colour(cr_, kRed);
    label(kLeft, kPageH - 34, text::kExemptMarking, 7, true);
  }
  colour(cr_, kGrey);
  std::string number = "Page " + std::to_string(page_) + (total_ > 0 ? " of " + std::to_string(total_) : "");
  label(kLeft + kWidth, kPageH - 34, number, 8, false, 2);
  colour(cr_, kInk);
}

void Doc::new_page() {
  cairo_show_page(cr_);
  begin_page();
}

void Doc::finish() { cairo_show_page(cr_); }

void Doc::ensure(double height) {
  if (y_ + height > kPageH - kBottom && y_ > kTop + 1) new_page();
}

void Doc::flow(PangoLayout* lay, double x) {
  PangoLayoutIter* it = pango_layout_get_iter(lay);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    double h = logical.height / double(PANGO_SCALE);
    ensure(h);
    double baseline = (pango_layout_iter_get_baseline(it) - logical.y) / double(PANGO_SCALE);
    cairo_move_to(cr_, x + logical.x / double(PANGO_SCALE), y_ + baseline);
    pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
    y_ += h;
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
}

void Doc::title_block(const std::string& kind, const std::string& title, const std::string& subtitle) {
  y_ += 10;
  colour(cr_, kGrey);
  LayoutPtr k(layout(esc(kind), 9.5, kWidth));
  flow(k.get(), kLeft);
  y_ += 4;
  colour(cr_, kNavy);
  LayoutPtr t(layout(esc(title), 20, kWidth));
  flow(t.get(), kLeft);
  colour(cr_, kGrey);
  y_ += 4;
  if (!subtitle.empty()) {
    LayoutPtr s(layout(esc(subtitle), 10, kWidth));
    flow(s.get(), kLeft);
  }
  if (!settings_.generated_at.empty()) {
    LayoutPtr g(layout(esc("Generated " + text::date_time(settings_.generated_at)), 9, kWidth));
    flow(g.get(), kLeft);
  }
  colour(cr_, kInk);
  y_ += 10;
  if (settings_.part == Part::A) notice(text::kPartANotice);
}

void Doc::heading(int level, std::string_view text) {
  const double size = level <= 1 ? 15 : level == 2 ? 12.5 : 10.5;
  LayoutPtr lay(layout("<b>" + esc(text) + "</b>", size, kWidth));
  int w = 0, h = 0;
  pango_layout_get_size(lay.get(), &w, &h);
  y_ += level <= 1 ? 14 : 9;
  ensure(h / double(PANGO_SCALE) + 48);  // keep a heading with what follows it
  colour(cr_, level <= 2 ? kNavy : kInk);
  flow(lay.get(), kLeft);
  if (level <= 1) {
    colour(cr_, kRule);
    cairo_set_line_width(cr_, 0.8);
    cairo_move_to(cr_, kLeft, y_ + 2);
    cairo_line_to(cr_, kLeft + kWidth, y_ + 2);
    cairo_stroke(cr_);
    y_ += 6;
  }
  colour(cr_, kInk);
  y_ += 4;
}

void Doc::paragraph(std::string_view text, double indent) {
  LayoutPtr lay(layout(esc(text), 10, kWidth - indent));
  flow(lay.get(), kLeft + indent);
  y_ += 5;
}

void Doc::bold_paragraph(std::string_view text) {
  LayoutPtr lay(layout("<b>" + esc(text) + "</b>", 10.5, kWidth));
  flow(lay.get(), kLeft);
  y_ += 5;
}

void Doc::bullet(std::string_view text, std::string_view marker) {
  LayoutPtr lay(layout(esc(text), 10, kWidth - 16));
  ensure(14);
  label(kLeft + 2, y_ + 7, marker, 10);
  flow(lay.get(), kLeft + 16);
  y_ += 3;
}

void Doc::markdown(std::string_view md) {
  LayoutPtr lay(layout(esc(text::markdown_to_plain(md)), 9.5, kWidth - 14));
  int w = 0, h = 0;
  pango_layout_get_size(lay.get(), &w, &h);
  double top = y_;
  int start_page = page_;
  colour(cr_, 0x333333);
  flow(lay.get(), kLeft + 12);
  colour(cr_, kRule);
  cairo_set_line_width(cr_, 2);
  // The rule marks the quoted text on the page where it ends.
  cairo_move_to(cr_, kLeft + 2, page_ == start_page ? top : kTop);
  cairo_line_to(cr_, kLeft + 2, y_);
  cairo_stroke(cr_);
  colour(cr_, kInk);
  y_ += 6;
}

void Doc::notice(std::string_view text) {
  LayoutPtr lay(layout(esc(text), 9.5, kWidth - 24));
  int w = 0, h = 0;
  pango_layout_get_size(lay.get(), &w, &h);
  double height = h / double(PANGO_SCALE) + 14;
  ensure(height);
  colour(cr_, kShade);
  cairo_rectangle(cr_, kLeft, y_, kWidth, height);
  cairo_fill(cr_);
  colour(cr_, kGrey);
  cairo_rectangle(cr_, kLeft, y_, 4, height);
  cairo_fill(cr_);
  colour(cr_, kInk);
  y_ += 7;
  flow(lay.get(), kLeft + 14);
  y_ += 13;
}

void Doc::facts(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::vector<std::vector<std::string>> cells;
  for (const auto& [k, v] : rows) cells.push_back({k, v});
  table({{"", 0.28}, {"", 0.72}}, cells);
}

void Doc::table(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows) {
  double total_share = 0;
  for (const Column& c : columns) total_share += c.share;
  std::vector<double> widths;
  for (const Column& c : columns) widths.push_back(kWidth * c.share / total_share);
  const bool has_header = std::any_of(columns.begin(), columns.end(),
                                      [](const Column& c) { return !c.heading.empty(); });
  auto draw_row = [&](const std::vector<std::string>& cells, bool header) {
    std::vector<LayoutPtr> lays;
    double height = 0;
    for (size_t i = 0; i < widths.size(); ++i) {
      std::string cell = i < cells.size() ? cells[i] : "";
      bool bold = header || (!has_header && i == 0);
      LayoutPtr lay(layout(bold ? "<b>" + esc(cell) + "</b>" : esc(cell), 9, widths[i] - 8));
      // A very long cell is cut short rather than running off the page.
      pango_layout_set_height(lay.get(), -30);
      pango_layout_set_ellipsize(lay.get(), PANGO_ELLIPSIZE_END);
      int w = 0, h = 0;
      pango_layout_get_size(lay.get(), &w, &h);
      height = std::max(height, h / double(PANGO_SCALE));
      lays.push_back(std::move(lay));
    }
    height += 8;
    if (header) {
      colour(cr_, kShade);
      cairo_rectangle(cr_, kLeft, y_, kWidth, height);
      cairo_fill(cr_);
    }
    colour(cr_, kInk);
    double x = kLeft;
    for (size_t i = 0; i < lays.size(); ++i) {
      cairo_move_to(cr_, x + 4, y_ + 4);
      pango_cairo_show_layout(cr_, lays[i].get());
      x += widths[i];
    }
    colour(cr_, header ? kRule : 0xd8d8d8);
    cairo_set_line_width(cr_, header ? 1.2 : 0.6);
    cairo_move_to(cr_, kLeft, y_ + height);
    cairo_line_to(cr_, kLeft + kWidth, y_ + height);
    cairo_stroke(cr_);
    colour(cr_, kInk);
    return height;
  };
  auto measure = [&](const std::vector<std::string>& cells) {
    double height = 0;
    for (size_t i = 0; i < widths.size(); ++i) {
      LayoutPtr lay(layout(esc(i < cells.size() ? cells[i] : ""), 9, widths[i] - 8));
      pango_layout_set_height(lay.get(), -30);
      int w = 0, h = 0;
      pango_layout_get_size(lay.get(), &w, &h);
      height = std::max(height, h / double(PANGO_SCALE));
    }
    return height + 8;
  };
  std::vector<std::string> header_cells;
  for (const Column& c : columns) header_cells.push_back(c.heading);
  if (has_header) {
    ensure(measure(header_cells) + (rows.empty() ? 0 : measure(rows.front())));
    y_ += draw_row(header_cells, true);
  }
  for (const auto& row : rows) {
    double h = measure(row);
    if (y_ + h > kPageH - kBottom) {
      new_page();
      if (has_header) y_ += draw_row(header_cells, true);  // repeat the header on the new page
    }
    y_ += draw_row(row, false);
  }
  y_ += 8;
}

std::string render_document(const ReportSettings& settings, const std::string& running,
                             const std::string& title, const std::function<void(Doc&)>& content) {
  auto write = [](void* closure, const unsigned char* data, unsigned int length) {
    if (closure) static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  };
  auto pass = [&](std::string* out, int total) {
    cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(write, out, kPageW, kPageH);
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, text::one_line(title).c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR,
                                   text::one_line(settings.council_name).c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Desktop Audit Simulator");
    const std::string& g = settings.generated_at;
    if (g.size() >= 19 && g[10] == 'T')
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                     (g.substr(0, 19) + "Z").c_str());
    cairo_t* cr = cairo_create(surface);
    int pages = 0;
    {
      Doc doc(cr, settings, running, total);
      content(doc);
      doc.finish();
      pages = doc.pages();
    }
    cairo_destroy(cr);
    cairo_surface_finish(surface);
    cairo_surface_destroy(surface);
    return pages;
  };
  const int total = pass(nullptr, 0);
  std::string out;
  pass(&out, total);
  return out;
}

}  // namespace auditsim::reports::pdf
