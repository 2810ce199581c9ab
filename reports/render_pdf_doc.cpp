// The PDF document writer. Pango lays out and shapes all text (right-to-left and Welsh included,
// with font fallback); cairo draws it as real, selectable text and draws charts as vectors.
#include "reports/render_pdf_doc.hpp"

#include <cairo-pdf.h>
#include <glib.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <unordered_map>

#include "reports/logo.hpp"
#include "reports/pdf_update.hpp"
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

// Text longer than this is laid out afresh each time: only short text repeats.
constexpr size_t kCacheableText = 300;
// The cache is emptied when it reaches this many layouts, which bounds its memory (a few MB).
constexpr size_t kCacheLimit = 4096;

}  // namespace

struct DocShared {
  PangoContext* context = nullptr;  // one for both passes: layouts need no new context each
  std::unordered_map<std::string, LayoutPtr> layouts;
  std::vector<std::string> figure_alts;  // this pass's, in the order the figures were tagged

  ~DocShared() {
    layouts.clear();
    if (context) g_object_unref(context);
  }
};

std::string esc(std::string_view s) { return text::escape_markup(with_break_opportunities(text::clean(s))); }

Doc::Doc(cairo_t* cr, const ReportSettings& settings, std::string running, int total_pages,
         DocShared& shared)
    : cr_(cr), settings_(settings), shared_(shared), running_(std::move(running)), total_(total_pages) {
  shared_.figure_alts.clear();
  // One Document element holds the whole structure. It is never closed at a page break (unlike
  // the tags in open_tags_), and as it always has children, what is drawn directly inside it
  // (running headers, footers, rules) is left out of the structure.
  cairo_tag_begin(cr_, "Document", "");
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
  PangoLayout* lay = pango_layout_new(shared_.context);
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

PangoLayout* Doc::cached(std::string_view text, bool bold, double size, double width, unsigned fit) {
  auto fitted = [&] {
    PangoLayout* lay = layout(bold ? "<b>" + esc(text) + "</b>" : esc(text), size, width);
    if (fit & kOneLine) pango_layout_set_width(lay, -1);
    if (fit & kCellLines) pango_layout_set_height(lay, -30);
    if (fit & (kCellLines | kEllipsise)) pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_END);
    if (fit & kAlignRight) pango_layout_set_alignment(lay, PANGO_ALIGN_RIGHT);
    return lay;
  };
  // Long text rarely repeats: laid out afresh, owned by the caller like any other.
  if (text.size() > kCacheableText) return fitted();
  // Keyed by the text as given, so a repeat costs a lookup, not escaping and markup.
  char params[64];
  std::snprintf(params, sizeof params, "\x1f%d\x1f%.2f\x1f%.2f\x1f%u", bold, size, width, fit);
  std::string key(text);
  key += params;
  auto it = shared_.layouts.find(key);
  if (it == shared_.layouts.end()) {
    if (shared_.layouts.size() >= kCacheLimit) shared_.layouts.clear();
    it = shared_.layouts.emplace(std::move(key), LayoutPtr(fitted())).first;
  }
  // The caller's own reference: emptying the cache never pulls a layout from under it.
  return static_cast<PangoLayout*>(g_object_ref(it->second.get()));
}

void Doc::label(double x, double y, std::string_view text, double size, bool bold, int align) {
  LayoutPtr lay(cached(text, bold, size, kWidth, kOneLine));
  int w = 0, h = 0;
  pango_layout_get_size(lay.get(), &w, &h);
  double dx = align == 0 ? 0 : align == 1 ? -w / double(PANGO_SCALE) / 2 : -w / double(PANGO_SCALE);
  cairo_move_to(cr_, x + dx, y - h / double(PANGO_SCALE) / 2);
  pango_cairo_show_layout(cr_, lay.get());
}

void Doc::open(const char* tag) {
  cairo_tag_begin(cr_, tag, "");
  open_tags_.push_back(tag);
}

void Doc::close(const char* tag) {
  // Tags close innermost first; a mismatch is a bug in this file, so it only closes what is open.
  if (open_tags_.empty() || std::string_view(open_tags_.back()) != tag) return;
  cairo_tag_end(cr_, tag);
  open_tags_.pop_back();
}

void Doc::close_list() {
  if (!in_list_) return;
  in_list_ = false;
  close("L");
}

void Doc::figure(std::string alt) {
  close_list();
  shared_.figure_alts.push_back(std::move(alt));
  open("Figure");
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
    cairo_rectangle(cr_, 0, 0, cairo_image_surface_get_width(logo_), cairo_image_surface_get_height(logo_));
    cairo_fill(cr_);
    cairo_restore(cr_);
    council_x += w + 8;
  }
  colour(cr_, kNavy);
  cairo_move_to(cr_, council_x, 32);
  LayoutPtr council(cached(settings_.council_name, true, 11,
                           kWidth * 0.55 - (council_x - kLeft), kEllipsise));
  pango_cairo_show_layout(cr_, council.get());
  colour(cr_, kGrey);
  cairo_move_to(cr_, kLeft + kWidth * 0.55, 34);
  LayoutPtr run(cached(running_, false, 8.5, kWidth * 0.45, kEllipsise | kAlignRight));
  pango_cairo_show_layout(cr_, run.get());
  colour(cr_, kNavy);
  cairo_set_line_width(cr_, 2);
  cairo_move_to(cr_, kLeft, 52);
  cairo_line_to(cr_, kLeft + kWidth, 52);
  cairo_stroke(cr_);
  const bool exempt = settings_.part == Part::B;
  colour(cr_, exempt ? kRed : kNavy);
  // The header carries the marking's first words; the footer names the paragraphs too.
  label(kLeft + (exempt ? kWidth / 2 : 0), 64,
        exempt ? std::string(text::kExemptMarking) : text::part_marking(settings_), 8, true,
        exempt ? 1 : 0);
  // Footer: the marking again on exempt pages, with its paragraphs, on a line of its own above
  // the page number (together they are wider than the page).
  if (exempt) {
    colour(cr_, kRed);
    label(kLeft, kPageH - 46, text::exempt_marking(settings_.exempt_paragraphs), 7, true);
  }
  colour(cr_, kGrey);
  std::string number = "Page " + std::to_string(page_) + (total_ > 0 ? " of " + std::to_string(total_) : "");
  label(kLeft + kWidth, kPageH - 34, number, 8, false, 2);
  colour(cr_, kInk);
}

void Doc::new_page() {
  // Close what is open, so the next page's header and footer are not part of it, and open the
  // same structure again after them: a paragraph across a page break becomes two paragraphs, a
  // table two tables (each with its header row), which is how a reader meets them anyway.
  const std::vector<const char*> reopen = open_tags_;
  for (auto it = reopen.rbegin(); it != reopen.rend(); ++it) cairo_tag_end(cr_, *it);
  open_tags_.clear();
  cairo_show_page(cr_);
  begin_page();
  for (const char* tag : reopen) open(tag);
}

void Doc::finish() {
  close_list();
  while (!open_tags_.empty()) close(open_tags_.back());
  cairo_tag_end(cr_, "Document");
  cairo_show_page(cr_);
}

void Doc::ensure(double height) {
  if (y_ + height > kPageH - kBottom && y_ > kTop + 1) new_page();
}

void Doc::flow(PangoLayout* lay, double x, const char* tag) {
  PangoLayoutIter* it = pango_layout_get_iter(lay);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(it, nullptr, &logical);
    double h = logical.height / double(PANGO_SCALE);
    ensure(h);
    if (tag) {
      open(tag);
      tag = nullptr;
    }
    double baseline = (pango_layout_iter_get_baseline(it) - logical.y) / double(PANGO_SCALE);
    cairo_move_to(cr_, x + logical.x / double(PANGO_SCALE), y_ + baseline);
    pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
    y_ += h;
  } while (pango_layout_iter_next_line(it));
  pango_layout_iter_free(it);
}

void Doc::text_block(std::string_view text, double size, double x, double width, bool bold,
                     const char* tag) {
  const std::string broken = with_break_opportunities(text::clean(text));
  bool first = true;
  for (std::string_view piece : layout_pieces(broken)) {
    if (piece.size() > 1 && piece.back() == '\n') piece.remove_suffix(1);  // the break is the piece's end
    const std::string markup = text::escape_markup(piece);
    LayoutPtr lay(layout(bold ? "<b>" + markup + "</b>" : markup, size, width));
    flow(lay.get(), x, first ? tag : nullptr);
    first = false;
  }
  close(tag);
}

void Doc::title_block(const std::string& kind, const std::string& title, const std::string& subtitle,
                      bool part_a_notice) {
  close_list();
  y_ += 10;
  colour(cr_, kGrey);
  text_block(kind, 9.5, kLeft, kWidth, false, "P");
  y_ += 4;
  colour(cr_, kNavy);
  text_block(title, 20, kLeft, kWidth, false, "H1");
  colour(cr_, kGrey);
  y_ += 4;
  if (!subtitle.empty()) text_block(subtitle, 10, kLeft, kWidth, false, "P");
  if (!settings_.generated_at.empty())
    text_block("Generated " + text::date_time(settings_.generated_at), 9, kLeft, kWidth, false, "P");
  colour(cr_, kInk);
  y_ += 10;
  if (settings_.part == Part::A && part_a_notice) notice(text::kPartANotice);
  if (settings_.part == Part::B) notice(text::kPublicInterestTest);
}

void Doc::heading(int level, std::string_view text) {
  close_list();
  level = std::clamp(level, 1, 3);
  static constexpr const char* kTags[] = {"H2", "H3", "H4"};
  const double size = level <= 1 ? 15 : level == 2 ? 12.5 : 10.5;
  LayoutPtr lay(layout("<b>" + esc(text) + "</b>", size, kWidth));
  int w = 0, h = 0;
  pango_layout_get_size(lay.get(), &w, &h);
  y_ += level <= 1 ? 14 : 9;
  ensure(h / double(PANGO_SCALE) + 48);  // keep a heading with what follows it
  // A bookmark to this heading, under the last heading one level up.
  char where[64];
  std::snprintf(where, sizeof where, "page=%d pos=[%.1f %.1f]", page_, kLeft, y_);
  const int parent = level == 1 ? CAIRO_PDF_OUTLINE_ROOT : outline_parent_[level - 2];
  cairo_surface_t* target = cairo_get_target(cr_);
  if (cairo_surface_get_type(target) == CAIRO_SURFACE_TYPE_PDF)  // not on the counting pass
    outline_parent_[level - 1] = cairo_pdf_surface_add_outline(
        target, parent, text::one_line(text).c_str(), where, cairo_pdf_outline_flags_t(0));
  colour(cr_, level <= 2 ? kNavy : kInk);
  flow(lay.get(), kLeft, kTags[level - 1]);
  close(kTags[level - 1]);
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
  close_list();
  text_block(text, 10, kLeft + indent, kWidth - indent, false, "P");
  y_ += 5;
}

void Doc::bold_paragraph(std::string_view text) {
  close_list();
  text_block(text, 10.5, kLeft, kWidth, true, "P");
  y_ += 5;
}

void Doc::bullet(std::string_view text, std::string_view marker) {
  if (!in_list_) {
    open("L");
    in_list_ = true;
  }
  ensure(14);
  open("LI");
  open("Lbl");
  label(kLeft + 2, y_ + 7, marker, 10);
  close("Lbl");
  text_block(text, 10, kLeft + 16, kWidth - 16, false, "LBody");
  close("LI");
  y_ += 3;
}

void Doc::markdown(std::string_view md) {
  close_list();
  double top = y_;
  int start_page = page_;
  colour(cr_, 0x333333);
  text_block(text::markdown_to_plain(md), 9.5, kLeft + 12, kWidth - 14, false, "P");
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
  close_list();
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
  flow(lay.get(), kLeft + 14, "P");
  close("P");
  y_ += 13;
}

void Doc::facts(const std::vector<std::pair<std::string, std::string>>& rows) {
  std::vector<std::vector<std::string>> cells;
  for (const auto& [k, v] : rows) cells.push_back({k, v});
  table({{"", 0.28}, {"", 0.72}}, cells);
}

std::vector<double> Doc::column_widths(const std::vector<Column>& columns,
                                       const std::vector<std::vector<std::string>>& rows) {
  // A narrow column of counts or percentages took only its share, so a heading broke as
  // "Sessio-ns" and a count as "100,00" over "0". The rows sampled bound the cost of a table of
  // a thousand sessions; a longer word further down still wraps, as before.
  constexpr size_t kRowsMeasured = 100;
  constexpr double kPadding = 8;
  auto longest_word = [&](std::string_view text, bool bold) {
    double widest = 0;
    size_t start = 0;
    while (start < text.size()) {
      // Pango may break after a space or a hyphen, so those end a word here too.
      size_t end = text.find_first_of(" -/\n", start);
      end = end == std::string_view::npos ? text.size() : end + (text[end] == ' ' ? 0 : 1);
      if (end > start) {
        LayoutPtr lay(cached(text.substr(start, end - start), bold, 9, 0, kOneLine));
        int w = 0, h = 0;
        pango_layout_get_size(lay.get(), &w, &h);
        widest = std::max(widest, w / double(PANGO_SCALE));
      }
      start = end + 1;
    }
    return widest + kPadding + 1;
  };
  const bool has_header = std::any_of(columns.begin(), columns.end(),
                                      [](const Column& c) { return !c.heading.empty(); });
  std::vector<double> need(columns.size(), 0);
  for (size_t i = 0; i < columns.size(); ++i) {
    need[i] = longest_word(columns[i].heading, true);
    for (size_t r = 0; r < rows.size() && r < kRowsMeasured; ++r)
      if (i < rows[r].size())
        need[i] = std::max(need[i], longest_word(rows[r][i], !has_header && i == 0));
  }
  std::vector<bool> widened(columns.size(), false);
  std::vector<double> widths(columns.size());
  double total_need = 0;
  for (double n : need) total_need += n;
  // Columns whose share is narrower than their longest word get that word's width; the rest share
  // what is left by their shares. When the words alone are wider than the page, shares as given.
  const bool fits = total_need <= kWidth;
  for (bool changed = true; changed;) {
    changed = false;
    double left = kWidth, shares = 0;
    for (size_t i = 0; i < columns.size(); ++i)
      if (widened[i]) left -= need[i];
      else shares += columns[i].share;
    for (size_t i = 0; i < columns.size(); ++i) {
      if (widened[i]) {
        widths[i] = need[i];
        continue;
      }
      widths[i] = shares > 0 ? left * columns[i].share / shares : 0;
      if (fits && widths[i] < need[i]) widened[i] = changed = true;
    }
  }
  return widths;
}

void Doc::table(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows) {
  close_list();
  const std::vector<double> widths = column_widths(columns, rows);
  const bool has_header = std::any_of(columns.begin(), columns.end(),
                                      [](const Column& c) { return !c.heading.empty(); });
  // Each cell is laid out once, and measured and drawn from that one layout; cells that repeat
  // (a team, a rating, a percentage) come from the shared cache.
  std::vector<LayoutPtr> lays;
  auto lay_out = [&](const std::vector<std::string>& cells, bool header) {
    lays.clear();
    double height = 0;
    for (size_t i = 0; i < widths.size(); ++i) {
      const std::string_view cell = i < cells.size() ? std::string_view(cells[i]) : std::string_view();
      const bool bold = header || (!has_header && i == 0);
      LayoutPtr lay(cached(cell, bold, 9, widths[i] - 8, kCellLines));
      int w = 0, h = 0;
      pango_layout_get_size(lay.get(), &w, &h);
      height = std::max(height, h / double(PANGO_SCALE));
      lays.push_back(std::move(lay));
    }
    return height + 8;
  };
  // A row of the header, or of a table without one whose first column names the row: TH cells.
  auto draw_row = [&](double height, bool header) {
    if (header) {
      colour(cr_, kShade);
      cairo_rectangle(cr_, kLeft, y_, kWidth, height);
      cairo_fill(cr_);
    }
    colour(cr_, kInk);
    open("TR");
    double x = kLeft;
    for (size_t i = 0; i < lays.size(); ++i) {
      const char* cell_tag = header || (!has_header && i == 0) ? "TH" : "TD";
      open(cell_tag);
      cairo_move_to(cr_, x + 4, y_ + 4);
      pango_cairo_show_layout(cr_, lays[i].get());
      close(cell_tag);
      x += widths[i];
    }
    close("TR");
    colour(cr_, header ? kRule : 0xd8d8d8);
    cairo_set_line_width(cr_, header ? 1.2 : 0.6);
    cairo_move_to(cr_, kLeft, y_ + height);
    cairo_line_to(cr_, kLeft + kWidth, y_ + height);
    cairo_stroke(cr_);
    colour(cr_, kInk);
    y_ += height;
  };
  std::vector<std::string> header_cells;
  for (const Column& c : columns) header_cells.push_back(c.heading);
  if (has_header) {
    const double first_row = rows.empty() ? 0 : lay_out(rows.front(), false);
    ensure(lay_out(header_cells, true) + first_row);
  } else if (!rows.empty()) {
    ensure(lay_out(rows.front(), false));
  }
  open("Table");
  if (has_header) draw_row(lay_out(header_cells, true), true);
  for (const auto& row : rows) {
    double h = lay_out(row, false);
    if (y_ + h > kPageH - kBottom) {
      new_page();  // closes this table and opens the next page's part of it
      if (has_header) {
        draw_row(lay_out(header_cells, true), true);  // repeat the header on the new page
        h = lay_out(row, false);
      }
    }
    draw_row(h, false);
  }
  close("Table");
  y_ += 8;
}

std::string render_document(const ReportSettings& settings, const std::string& running,
                             const std::string& title, const std::function<void(Doc&)>& content) {
  auto write = [](void* closure, const unsigned char* data, unsigned int length) {
    if (closure) static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
  };
  DocShared shared;
  {
    // Text is laid out with the PDF surface's font options on both passes, so the counting
    // pass, which draws onto an empty image instead of a PDF, breaks pages exactly where the
    // PDF does, at a fraction of the cost.
    cairo_surface_t* pdf = cairo_pdf_surface_create_for_stream(write, nullptr, kPageW, kPageH);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_surface_get_font_options(pdf, options);
    cairo_surface_destroy(pdf);
    shared.context = pango_font_map_create_context(pango_cairo_font_map_get_default());
    pango_cairo_context_set_font_options(shared.context, options);
    cairo_font_options_destroy(options);
    pango_context_set_language(shared.context, pango_language_from_string("en-gb"));
  }
  auto pass = [&](std::string* out, int total) {
    cairo_surface_t* surface = nullptr;
    if (!out) {
      surface = cairo_image_surface_create(CAIRO_FORMAT_A8, 0, 0);
    } else {
      surface = cairo_pdf_surface_create_for_stream(write, out, kPageW, kPageH);
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE,
                                     text::document_title(settings, title).c_str());
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR,
                                     text::one_line(settings.council_name).c_str());
      cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Desktop Audit Simulator");
      const std::string& g = settings.generated_at;
      if (g.size() >= 19 && g[10] == 'T')
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE,
                                       (g.substr(0, 19) + "Z").c_str());
    }
    cairo_t* cr = cairo_create(surface);
    int pages = 0;
    {
      Doc doc(cr, settings, running, total, shared);
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
  return add_language_and_alt_text(std::move(out), "en-GB", shared.figure_alts);
}

}  // namespace auditsim::reports::pdf
