#include "ui/widgets/widgets.hpp"

#include <cfloat>
#include <cmath>
#include <algorithm>

#include <imgui_stdlib.h>

#include "ui/widgets/wide_chars.hpp"

#include "ui/widgets/probe.hpp"
#include "ui/widgets/style.hpp"

namespace auditsim::ui {

namespace {

// Inside a card (begin_card .. end_card) text wraps and wide fields end at the card's padding,
// clear of its border.
bool g_in_card = false;

void record(const char* label, const char* kind, bool enabled = true) {
  if (Probe* p = active_probe()) p->record(label, kind, enabled);
}

void record_text(const char* t) {
  if (Probe* p = active_probe()) p->record_text(t);
}

// ImGui 1.86 has no BeginDisabled for all widgets' return values, so disabled buttons are drawn
// with reduced alpha and their click is ignored here.
struct DisabledScope {
  bool on;
  explicit DisabledScope(bool disabled) : on(disabled) {
    if (on) ImGui::BeginDisabled();
  }
  ~DisabledScope() {
    if (on) ImGui::EndDisabled();
  }
};

}  // namespace

bool button(const char* label, ImVec2 size, bool enabled) {
  bool pressed;
  {
    DisabledScope d(!enabled);
    pressed = ImGui::Button(label, size);
  }
  record(label, "button", enabled);
  return pressed && enabled;
}

bool primary_button(const char* label, ImVec2 size, bool enabled) {
  const Palette& pal = palette();
  ImVec4 hover = pal.accent;
  hover.x = std::min(1.0f, hover.x * 1.15f + 0.05f);
  hover.y = std::min(1.0f, hover.y * 1.15f + 0.05f);
  hover.z = std::min(1.0f, hover.z * 1.15f + 0.05f);
  ImGui::PushStyleColor(ImGuiCol_Button, pal.accent);
  ImGui::PushStyleColor(ImGuiCol_ButtonHovered, hover);
  ImGui::PushStyleColor(ImGuiCol_ButtonActive, pal.accent);
  ImGui::PushStyleColor(ImGuiCol_Text, pal.accent_text);
  bool pressed = button(label, size, enabled);
  ImGui::PopStyleColor(4);
  return pressed;
}

namespace {

// A choice's text box and height at font size `fs` in `width`.
struct ChoiceGeometry {
  float pad, badge_w, text_w;
  ImVec2 text_size;
  float height;
};

ChoiceGeometry choice_geometry(const char* label, bool numbered, float width, float fs) {
  ChoiceGeometry g;
  g.pad = fs * 0.8f;
  g.badge_w = numbered ? fs * 2.0f : 0.0f;
  g.text_w = std::max(fs * 4, width - 2 * g.pad - g.badge_w - (numbered ? g.pad * 0.6f : 0));
  ImFont* f = ImGui::GetFont();
  g.text_size = f->CalcTextSizeA(fs, FLT_MAX, g.text_w, label);
  g.text_size.x = std::floor(g.text_size.x + 0.95f);
  g.height = std::max(fs * 2.6f, g.text_size.y + 2 * g.pad);
  return g;
}

}  // namespace

float choice_button_height(const char* text, bool numbered, float width, float font_size) {
  return choice_geometry(text, numbered, width, font_size).height;
}

bool choice_button(const char* id, int number, const char* label, float width, bool enabled,
                   bool highlighted) {
  const Palette& pal = palette();
  const ImGuiStyle& st = ImGui::GetStyle();
  const float fs = ImGui::GetFontSize();
  const ChoiceGeometry g = choice_geometry(label, number > 0, width, fs);
  const float pad = g.pad, badge_w = g.badge_w, text_w = g.text_w, h = g.height;
  const ImVec2 ts = g.text_size;
  ImGui::PushID(id);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  bool pressed = ImGui::InvisibleButton("##choice", ImVec2(width, h));
  const bool hovered = ImGui::IsItemHovered();
  const bool active = ImGui::IsItemActive();
  ImGui::PopID();
  record(label, "choice", enabled);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p1(p0.x + width, p0.y + h);
  ImVec4 bg = highlighted ? pal.surface_alt : pal.surface;
  if (enabled && (hovered || active)) bg = pal.surface_alt;
  const float alpha = enabled ? 1.0f : 0.45f;
  dl->AddRectFilled(p0, p1, to_u32(bg, alpha), st.FrameRounding * 1.5f);
  ImVec4 border = (enabled && hovered) || highlighted ? pal.accent : pal.border;
  dl->AddRect(p0, p1, to_u32(border, alpha), st.FrameRounding * 1.5f, 0,
              (enabled && hovered) || highlighted ? 2.0f : 1.0f);
  float x = p0.x + pad;
  if (number > 0) {
    const ImVec2 c(x + badge_w * 0.5f, p0.y + h * 0.5f);
    dl->AddCircleFilled(c, badge_w * 0.48f, to_u32(pal.accent, alpha), 24);
    char num[12];
    snprintf(num, sizeof num, "%d", number);
    ImFont* bold = fonts().bold ? fonts().bold : ImGui::GetFont();
    const ImVec2 ns = bold->CalcTextSizeA(fs, FLT_MAX, 0, num);
    dl->AddText(bold, fs, ImVec2(c.x - ns.x * 0.5f, c.y - ns.y * 0.5f),
                to_u32(pal.accent_text, alpha), num);
    x += badge_w + pad * 0.6f;
  }
  dl->AddText(ImGui::GetFont(), fs, ImVec2(x, p0.y + (h - ts.y) * 0.5f), to_u32(pal.text, alpha),
              label, nullptr, text_w);
  return pressed && enabled;
}

bool wrapped_button(const char* label, float width) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float fs = ImGui::GetFontSize();
  const std::string_view shown = visible_label(label);
  const ImVec2 pad(fs * 0.55f, fs * 0.35f);
  ImFont* f = ImGui::GetFont();
  const float text_w = std::max(fs * 3, width - 2 * pad.x);
  const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, text_w, shown.data(), shown.data() + shown.size());
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const ImVec2 size(width, ts.y + 2 * pad.y);
  const bool pressed = ImGui::InvisibleButton(label, size);
  const bool hovered = ImGui::IsItemHovered(), held = ImGui::IsItemActive();
  record(label, "button");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p1(p0.x + size.x, p0.y + size.y);
  dl->AddRectFilled(p0, p1, ImGui::GetColorU32(held ? ImGuiCol_ButtonActive : hovered ? ImGuiCol_ButtonHovered : ImGuiCol_Button),
                    st.FrameRounding);
  if (st.FrameBorderSize > 0) dl->AddRect(p0, p1, ImGui::GetColorU32(ImGuiCol_Border), st.FrameRounding);
  dl->AddText(f, fs, ImVec2(p0.x + pad.x, p0.y + pad.y), ImGui::GetColorU32(ImGuiCol_Text), shown.data(),
              shown.data() + shown.size(), text_w);
  return pressed;
}

bool card_button(const char* id, float width, float height, bool selected) {
  const Palette& pal = palette();
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  bool pressed = ImGui::InvisibleButton(id, ImVec2(width, height));
  const bool hovered = ImGui::IsItemHovered();
  record(id, "card");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 p1(p0.x + width, p0.y + height);
  const float r = ImGui::GetStyle().FrameRounding * 1.5f;
  dl->AddRectFilled(p0, p1, to_u32(hovered || selected ? pal.surface_alt : pal.surface), r);
  dl->AddRect(p0, p1, to_u32(selected ? pal.accent : pal.border), r, 0, selected ? 2.0f : 1.0f);
  if (selected) dl->AddRectFilled(p0, ImVec2(p0.x + 5, p1.y), to_u32(pal.accent), r,
                                  ImDrawFlags_RoundCornersLeft);
  return pressed;
}

bool checkbox(const char* label, bool* value) {
  bool changed = ImGui::Checkbox(label, value);
  record(label, "checkbox");
  return changed;
}

bool radio(const char* label, bool active) {
  bool pressed = ImGui::RadioButton(label, active);
  record(label, "radio");
  return pressed;
}

bool selectable(const char* label, bool selected, ImVec2 size) {
  bool pressed = ImGui::Selectable(label, selected, 0, size);
  record(label, "selectable");
  return pressed;
}

// The field edits a copy in which characters beyond U+FFFF stand for private-use ones (see
// wide_chars.hpp); what it gives back is translated home, so `value` holds what was typed.
bool input_text(const char* label, std::string* value, const char* hint) {
  std::string shown = to_imgui_text(*value);
  const ImGuiInputTextFlags flags = ImGuiInputTextFlags_CallbackAlways;
  bool changed = hint ? ImGui::InputTextWithHint(label, hint, &shown, flags, insert_held_text)
                      : ImGui::InputText(label, &shown, flags, insert_held_text);
  if (changed) *value = from_imgui_text(shown);
  record(label, "input");
  return changed;
}

bool input_secret(const char* label, std::string* value, const char* hint) {
  // ImGui's password flag masks the text and refuses to copy or cut it.
  const ImGuiInputTextFlags flags = ImGuiInputTextFlags_Password;
  bool changed = hint ? ImGui::InputTextWithHint(label, hint, value, flags)
                      : ImGui::InputText(label, value, flags);
  record(label, "input");
  return changed;
}

bool input_multiline(const char* label, std::string* value, float height) {
  std::string shown = to_imgui_text(*value);
  // As wide as the window allows, or inside a card as wide as the card's padding allows.
  const float width = g_in_card ? ImGui::CalcItemWidth() : -FLT_MIN;
  bool changed = ImGui::InputTextMultiline(label, &shown, ImVec2(width, height),
                                           ImGuiInputTextFlags_CallbackAlways, insert_held_text);
  if (changed) *value = from_imgui_text(shown);
  record(label, "input");
  return changed;
}

namespace {

// `text` broken into lines no wider than `width` at the current font, at spaces (each break
// replaces a space, so the length and every cursor position stay as they were). A word longer
// than a line runs on.
std::string soft_wrapped(std::string text, float width) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  ImFont* font = ImGui::GetFont();
  const float scale = ImGui::GetFontSize() / font->FontSize;
  char* p = text.data();
  char* const end = p + text.size();
  while (p < end) {
    char* at = const_cast<char*>(font->CalcWordWrapPositionA(scale, p, end, width));
    if (at >= end) break;
    if (at <= p) at = p + 1;
    if (*at == ' ') {
      *at = '\n';
      p = at + 1;
    } else if (at[-1] == ' ') {
      at[-1] = '\n';
      p = at;
    } else {
      p = at;
    }
  }
  return text;
}

struct WrapWidth {
  float width;
};

// While the field is typed in: the held-back wide characters first, then the text wrapped again.
int wrap_as_typed(ImGuiInputTextCallbackData* data) {
  insert_held_text(data);
  const float width = static_cast<const WrapWidth*>(data->UserData)->width;
  const std::string now(data->Buf, static_cast<size_t>(data->BufTextLen));
  const std::string wrapped = soft_wrapped(now, width);
  if (wrapped != now) {
    std::copy(wrapped.begin(), wrapped.end(), data->Buf);
    data->BufDirty = true;
  }
  return 0;
}

}  // namespace

bool input_wrapped(const char* label, std::string* value, int min_lines) {
  const ImGuiStyle& st = ImGui::GetStyle();
  const float width = g_in_card ? ImGui::CalcItemWidth() : ImGui::GetContentRegionAvail().x;
  // The text area inside the frame, less a little so a line never needs the scroll bar.
  WrapWidth wrap{std::max(ImGui::GetFontSize() * 4, width - st.FramePadding.x * 2 - ImGui::GetFontSize() * 0.6f)};
  std::string shown = soft_wrapped(to_imgui_text(*value), wrap.width);
  const int lines = 1 + static_cast<int>(std::count(shown.begin(), shown.end(), '\n'));
  const float height = ImGui::GetTextLineHeight() * static_cast<float>(std::max(lines, min_lines) + 1) +
                       st.FramePadding.y * 2;
  const bool changed = ImGui::InputTextMultiline(
      label, &shown, ImVec2(width, height),
      ImGuiInputTextFlags_CallbackAlways | ImGuiInputTextFlags_CtrlEnterForNewLine, wrap_as_typed, &wrap);
  if (changed) {
    std::replace(shown.begin(), shown.end(), '\n', ' ');
    *value = from_imgui_text(shown);
  }
  record(label, "input");
  return changed;
}

bool input_int(const char* label, int* value) {
  bool changed = ImGui::InputInt(label, value);
  record(label, "input");
  return changed;
}

bool slider_float(const char* label, float* value, float min, float max, const char* format) {
  bool changed = ImGui::SliderFloat(label, value, min, max, format);
  record(label, "slider");
  return changed;
}

bool combo(const char* label, int* current, std::span<const char* const> items) {
  bool changed = ImGui::Combo(label, current, items.data(), static_cast<int>(items.size()));
  record(label, "combo");
  return changed;
}

float nav_tab_width(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetFontSize() * 1.6f;
}

bool nav_tab(const char* label, bool active) {
  const Palette& pal = palette();
  const float fs = ImGui::GetFontSize();
  const ImVec2 ts = ImGui::CalcTextSize(label, nullptr, true);
  const ImVec2 size(nav_tab_width(label), fs * 2.2f);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  bool pressed = ImGui::InvisibleButton(label, size);
  const bool hovered = ImGui::IsItemHovered();
  record(label, "tab");
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (hovered && !active)
    dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), to_u32(pal.surface_alt),
                      ImGui::GetStyle().FrameRounding);
  ImFont* f = active && fonts().bold ? fonts().bold : ImGui::GetFont();
  dl->AddText(f, fs, ImVec2(p0.x + (size.x - ts.x) * 0.5f, p0.y + (size.y - ts.y) * 0.5f),
              to_u32(active ? pal.text : pal.muted), label,
              label + visible_label(label).size());
  if (active)
    dl->AddRectFilled(ImVec2(p0.x + fs * 0.4f, p0.y + size.y - 3),
                      ImVec2(p0.x + size.x - fs * 0.4f, p0.y + size.y), to_u32(pal.accent));
  return pressed;
}

void heading(const char* t, int level) {
  ImFont* f = level <= 1 ? fonts().h1 : level == 2 ? fonts().h2 : fonts().bold;
  if (f) ImGui::PushFont(f);
  ImGui::TextWrapped("%s", t);
  if (f) ImGui::PopFont();
  record_text(t);
}

void text(const char* t) {
  ImGui::TextUnformatted(t);
  record_text(t);
}

void text_wrapped(const char* t) {
  if (!g_in_card) ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(t);
  if (!g_in_card) ImGui::PopTextWrapPos();
  record_text(t);
}

bool begin_dialog(const char* id) {
  if (!ImGui::IsPopupOpen(id)) ImGui::OpenPopup(id);
  const ImGuiIO& io = ImGui::GetIO();
  ImGui::SetNextWindowPos(ImVec2(io.DisplaySize.x * 0.5f, io.DisplaySize.y * 0.4f),
                          ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(std::min(io.DisplaySize.x * 0.9f, ImGui::GetFontSize() * 34), 0));
  return ImGui::BeginPopupModal(id, nullptr, ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
}

void muted_text(const char* t) { coloured_text(palette().muted, t); }

void coloured_text(const ImVec4& colour, const char* t) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  text_wrapped(t);
  ImGui::PopStyleColor();
}

void badge(const char* t, const ImVec4& colour) {
  ImFont* f = fonts().small ? fonts().small : ImGui::GetFont();
  const float fs = f->FontSize;
  const ImVec2 ts = f->CalcTextSizeA(fs, FLT_MAX, 0, t);
  const ImVec2 pad(fs * 0.5f, fs * 0.18f);
  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float line_h = ImGui::GetTextLineHeight();
  const float y = p0.y + std::max(0.0f, (line_h - ts.y - 2 * pad.y) * 0.5f);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->AddRectFilled(ImVec2(p0.x, y), ImVec2(p0.x + ts.x + 2 * pad.x, y + ts.y + 2 * pad.y),
                    to_u32(colour, 0.18f), fs);
  dl->AddRect(ImVec2(p0.x, y), ImVec2(p0.x + ts.x + 2 * pad.x, y + ts.y + 2 * pad.y),
              to_u32(colour, 0.7f), fs);
  dl->AddText(f, fs, ImVec2(p0.x + pad.x, y + pad.y), to_u32(colour), t);
  ImGui::Dummy(ImVec2(ts.x + 2 * pad.x, std::max(line_h, ts.y + 2 * pad.y)));
  record_text(t);
}

namespace {
struct CardState {
  ImVec2 start;
  float width = 0;
  ImVec4 bg, border;
};
CardState g_card;
}  // namespace

void begin_card(const ImVec4& background, const ImVec4& border) {
  const float pad = ImGui::GetFontSize() * 0.9f;
  g_card.start = ImGui::GetCursorScreenPos();
  g_card.width = ImGui::GetContentRegionAvail().x;
  g_card.bg = background;
  g_card.border = border;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSplit(2);
  dl->ChannelsSetCurrent(1);
  ImGui::SetCursorScreenPos(ImVec2(g_card.start.x + pad, g_card.start.y + pad * 0.8f));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + g_card.width - 2 * pad);
  ImGui::PushItemWidth(g_card.width - 2 * pad);
  g_in_card = true;
}

void end_card() {
  g_in_card = false;
  const float pad = ImGui::GetFontSize() * 0.9f;
  ImGui::PopItemWidth();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  const float bottom = ImGui::GetItemRectMax().y + pad * 0.8f;
  ImDrawList* dl = ImGui::GetWindowDrawList();
  dl->ChannelsSetCurrent(0);
  const ImVec2 end(g_card.start.x + g_card.width, bottom);
  const float r = ImGui::GetStyle().ChildRounding;
  dl->AddRectFilled(g_card.start, end, to_u32(g_card.bg), r);
  dl->AddRect(g_card.start, end, to_u32(g_card.border), r, 0, 1.5f);
  dl->ChannelsMerge();
  ImGui::SetCursorScreenPos(ImVec2(g_card.start.x, bottom));
  ImGui::Dummy(ImVec2(g_card.width, 0));
}

void gap(float lines) { ImGui::Dummy(ImVec2(1, ImGui::GetFontSize() * lines)); }

void spinner() {
  const float fs = ImGui::GetFontSize();
  const ImVec2 c(ImGui::GetCursorScreenPos().x + fs * 0.5f, ImGui::GetCursorScreenPos().y + fs * 0.6f);
  const float t = static_cast<float>(ImGui::GetTime()) * 6.0f;
  ImGui::GetWindowDrawList()->PathArcTo(c, fs * 0.45f, t, t + 4.2f, 16);
  ImGui::GetWindowDrawList()->PathStroke(to_u32(palette().accent), 0, 2.5f);
  ImGui::Dummy(ImVec2(fs * 1.2f, fs * 1.2f));
}

}  // namespace auditsim::ui
