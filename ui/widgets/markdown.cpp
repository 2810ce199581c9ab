// Drawing parsed Markdown. ImGui cannot wrap text that mixes fonts, so each block is laid out
// word by word here and drawn with the window's draw list, then its space is reserved.
#include "ui/widgets/markdown.hpp"

#include <algorithm>
#include <cfloat>
#include <memory>
#include <unordered_map>

#include <imgui.h>
#include <imgui_internal.h>

#include "ui/widgets/probe.hpp"
#include "ui/widgets/style.hpp"

namespace auditsim::ui {

namespace {

using DocPtr = std::shared_ptr<const std::vector<MdBlock>>;

const std::vector<MdBlock>& cached(const std::string& text) {
  static std::unordered_map<std::string, DocPtr> cache;
  auto it = cache.find(text);
  if (it != cache.end()) return *it->second;
  // Scenario texts are few; the bound only protects against a pathological author session.
  if (cache.size() > 512) cache.clear();
  auto doc = std::make_shared<const std::vector<MdBlock>>(parse_markdown(text));
  return *cache.emplace(text, doc).first->second;
}

ImFont* font_for(const MdBlock& b, const MdSpan& s) {
  Fonts& f = fonts();
  ImFont* chosen = nullptr;
  if (b.kind == MdBlock::Kind::Heading) chosen = b.heading_level <= 1 ? f.h1 : b.heading_level == 2 ? f.h2 : f.bold;
  else if (s.code) chosen = f.mono;
  else if (s.bold && s.italic) chosen = f.bold_italic;
  else if (s.bold) chosen = f.bold;
  else if (s.italic) chosen = f.italic;
  return chosen ? chosen : ImGui::GetFont();
}

// Lays out and (with `draw`) draws one block's spans inside [x0, x0 + width]; returns the height
// used.
float draw_spans(const MdBlock& b, ImVec2 origin, float width, ImU32 colour, bool draw = true) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float x = origin.x, y = origin.y, line_h = 0;
  const float right = origin.x + width;
  for (const MdSpan& s : b.spans) {
    ImFont* f = font_for(b, s);
    const float size = f->FontSize;
    line_h = std::max(line_h, size * 1.25f);
    if (s.line_break) {
      x = origin.x;
      y += line_h;
      continue;
    }
    const char* p = s.text.data();
    const char* end = p + s.text.size();
    while (p < end) {
      // A word is its letters plus the spaces after it; a line never starts with a space.
      const char* w = p;
      while (w < end && *w != ' ' && *w != '\n') ++w;
      while (w < end && (*w == ' ' || *w == '\n')) ++w;
      const char* word_end = w;
      const char* trimmed = word_end;
      while (trimmed > p && (trimmed[-1] == ' ' || trimmed[-1] == '\n')) --trimmed;
      const float word_w = f->CalcTextSizeA(size, FLT_MAX, 0, p, trimmed).x;
      if (x + word_w > right && x > origin.x) {
        x = origin.x;
        y += line_h;
        if (*p == ' ') { p = word_end; continue; }
      }
      if (s.code && draw) {
        const float adv = f->CalcTextSizeA(size, FLT_MAX, 0, p, word_end).x;
        dl->AddRectFilled(ImVec2(x - 1, y), ImVec2(x + adv + 1, y + size * 1.15f),
                          to_u32(palette().surface_alt));
      }
      if (draw) dl->AddText(f, size, ImVec2(x, y), colour, p, word_end);
      x += f->CalcTextSizeA(size, FLT_MAX, 0, p, word_end).x;
      p = word_end;
    }
  }
  return (y - origin.y) + line_h;
}

// The width of a block's spans on one line (the widest line when it has hard breaks).
float spans_width(const MdBlock& b) {
  float line = 0, widest = 0;
  for (const MdSpan& s : b.spans) {
    if (s.line_break) {
      widest = std::max(widest, line);
      line = 0;
      continue;
    }
    ImFont* f = font_for(b, s);
    line += f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, s.text.data(), s.text.data() + s.text.size()).x;
  }
  return std::max(widest, line);
}

// A table: each column as wide as its widest cell, the widest giving way first when the table
// would not fit, cells wrapped within their column; the header row shaded, rules between rows.
float draw_table(const MdBlock& b, ImVec2 pos, float avail, ImU32 text_col) {
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  const float pad_x = fs * 0.5f, pad_y = fs * 0.3f;
  size_t cols = 0;
  for (const auto& row : b.rows) cols = std::max(cols, row.size());
  if (cols == 0) return 0;
  std::vector<float> natural(cols, fs * 2);
  for (const auto& row : b.rows)
    for (size_t c = 0; c < row.size(); ++c)
      natural[c] = std::max(natural[c], spans_width(row[c]) + 2 * pad_x);
  std::vector<float> w = natural;
  float total = 0;
  for (float x : w) total += x;
  if (total > avail) {
    // The widest columns are capped at the width that makes the table fit.
    float lo = fs * 3, hi = *std::max_element(natural.begin(), natural.end());
    for (int i = 0; i < 30; ++i) {
      const float cap = (lo + hi) * 0.5f;
      float sum = 0;
      for (float x : natural) sum += std::min(x, cap);
      (sum > avail ? hi : lo) = cap;
    }
    for (float& x : w) x = std::min(x, lo);
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  float table_w = 0;
  for (float x : w) table_w += x;
  float y = pos.y;
  for (size_t r = 0; r < b.rows.size(); ++r) {
    const auto& row = b.rows[r];
    float row_h = 0;
    for (size_t c = 0; c < row.size(); ++c)
      row_h = std::max(row_h, draw_spans(row[c], ImVec2(0, 0), w[c] - 2 * pad_x, text_col, false));
    row_h += 2 * pad_y;
    if (r == 0) dl->AddRectFilled(ImVec2(pos.x, y), ImVec2(pos.x + table_w, y + row_h), to_u32(pal.surface_alt));
    else if (r % 2 == 0)
      dl->AddRectFilled(ImVec2(pos.x, y), ImVec2(pos.x + table_w, y + row_h), to_u32(pal.surface_alt, 0.45f));
    float x = pos.x;
    for (size_t c = 0; c < cols; ++c) {
      if (c < row.size()) {
        // Right or centred alignment applies to a cell that fits on one line.
        const float inner = w[c] - 2 * pad_x, used = spans_width(row[c]);
        const char a = c < b.align.size() ? b.align[c] : 0;
        const float shift = used >= inner ? 0 : a == 'r' ? inner - used : a == 'c' ? (inner - used) * 0.5f : 0;
        draw_spans(row[c], ImVec2(x + pad_x + shift, y + pad_y), inner, text_col);
      }
      x += w[c];
    }
    y += row_h;
    dl->AddLine(ImVec2(pos.x, y), ImVec2(pos.x + table_w, y), to_u32(pal.border));
  }
  dl->AddRect(pos, ImVec2(pos.x + table_w, y), to_u32(pal.border));
  return y - pos.y;
}

}  // namespace

void markdown(const std::string& text) {
  const auto& blocks = cached(text);
  const float fs = ImGui::GetFontSize();
  const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
  const ImU32 muted = to_u32(palette().muted);
  Probe* probe = active_probe();
  for (size_t i = 0; i < blocks.size(); ++i) {
    const MdBlock& b = blocks[i];
    const float indent = b.indent * fs * 1.4f;
    ImVec2 pos = ImGui::GetCursorScreenPos();
    float avail = ImGui::GetContentRegionAvail().x;
    // Respect a wrap position pushed by the caller (cards pad their right edge this way).
    const float wrap = ImGui::GetCurrentWindow()->DC.TextWrapPos;
    if (wrap > 0) avail = std::min(avail, wrap - ImGui::GetCursorPosX());
    const float width = std::max(fs * 6, avail - indent);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    float h = 0;
    if (b.kind == MdBlock::Kind::Rule) {
      h = fs * 0.8f;
      dl->AddLine(ImVec2(pos.x, pos.y + h * 0.5f), ImVec2(pos.x + avail, pos.y + h * 0.5f),
                  to_u32(palette().border));
    } else if (b.kind == MdBlock::Kind::Code) {
      ImFont* mono = fonts().mono ? fonts().mono : ImGui::GetFont();
      const std::string& code = b.spans.empty() ? std::string() : b.spans[0].text;
      const ImVec2 ts = mono->CalcTextSizeA(mono->FontSize, FLT_MAX, width, code.c_str());
      const float pad = fs * 0.5f;
      dl->AddRectFilled(ImVec2(pos.x + indent, pos.y),
                        ImVec2(pos.x + indent + width, pos.y + ts.y + 2 * pad),
                        to_u32(palette().surface_alt), 4.0f);
      dl->AddText(mono, mono->FontSize, ImVec2(pos.x + indent + pad, pos.y + pad), text_col,
                  code.c_str(), nullptr, width - 2 * pad);
      h = ts.y + 2 * pad;
    } else if (b.kind == MdBlock::Kind::Table) {
      h = draw_table(b, ImVec2(pos.x + indent, pos.y), width, text_col);
    } else {
      if (!b.bullet.empty()) {
        ImFont* f = ImGui::GetFont();
        const float bw = f->CalcTextSizeA(f->FontSize, FLT_MAX, 0, b.bullet.c_str()).x;
        dl->AddText(f, f->FontSize, ImVec2(pos.x + indent - bw - fs * 0.4f, pos.y),
                    b.bullet.size() > 1 && b.bullet[0] != '\xE2' ? text_col : muted,
                    b.bullet.c_str());
      }
      if (b.quote)
        dl->AddRectFilled(ImVec2(pos.x + indent - fs * 0.7f, pos.y),
                          ImVec2(pos.x + indent - fs * 0.7f + 3, pos.y + fs * 1.3f),
                          to_u32(palette().accent, 0.6f));
      h = draw_spans(b, ImVec2(pos.x + indent, pos.y), width, b.quote ? muted : text_col);
    }
    ImGui::Dummy(ImVec2(avail, h));
    if (probe) probe->record_text(b.plain());
    // Space between blocks; list items sit closer together than paragraphs.
    const bool next_is_item = i + 1 < blocks.size() && !blocks[i + 1].bullet.empty();
    const float after = b.kind == MdBlock::Kind::Heading ? 0.35f
                        : (!b.bullet.empty() && next_is_item) ? 0.15f
                                                              : 0.6f;
    if (i + 1 < blocks.size()) ImGui::Dummy(ImVec2(1, fs * after));
  }
}

}  // namespace auditsim::ui
