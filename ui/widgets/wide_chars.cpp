#include "ui/widgets/wide_chars.hpp"

#include <imgui.h>

#include <algorithm>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "sim/utf8.hpp"

namespace auditsim::ui {
namespace {

constexpr char32_t kFirstSlot = 0xE000, kLastSlot = 0xF8FF;

bool needs_slot(char32_t cp) { return cp > 0xFFFF || (cp >= kFirstSlot && cp <= kLastSlot); }

// One table for the whole program: the main window, the facilitator's window and the clipboard
// must all agree on what a slot stands for.
struct SlotTable {
  std::mutex lock;
  std::unordered_map<char32_t, char32_t> slot_of;
  std::vector<char32_t> char_of;  // index: slot - kFirstSlot

  char32_t slot(char32_t cp) {
    const std::lock_guard<std::mutex> g(lock);
    if (auto it = slot_of.find(cp); it != slot_of.end()) return it->second;
    if (char_of.size() > kLastSlot - kFirstSlot) return 0xFFFD;  // 6,400 distinct: none left
    const char32_t s = kFirstSlot + static_cast<char32_t>(char_of.size());
    char_of.push_back(cp);
    slot_of.emplace(cp, s);
    return s;
  }
  char32_t original(char32_t s) {
    const std::lock_guard<std::mutex> g(lock);
    const size_t i = s - kFirstSlot;
    return i < char_of.size() ? char_of[i] : s;
  }
};

SlotTable& table() {
  static SlotTable t;
  return t;
}

// Only a lead byte of U+E000 and above (EE..F4) can start a character that needs translating.
bool may_need_translation(std::string_view s) {
  for (char c : s)
    if (static_cast<unsigned char>(c) >= 0xEE) return true;
  return false;
}

template <class Map>
std::string translate(std::string_view s, Map map) {
  if (!may_need_translation(s)) return std::string(s);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const utf8::Char ch = utf8::decode(s, i);
    if (ch.len == 0) {
      out += s[i++];
      continue;
    }
    if (const char32_t to = map(ch.cp); to != ch.cp) utf8::append(out, to);
    else out.append(s.substr(i, ch.len));
    i += ch.len;
  }
  return out;
}

}  // namespace

std::string to_imgui_text(std::string_view utf8) {
  return translate(utf8, [](char32_t cp) { return needs_slot(cp) ? table().slot(cp) : cp; });
}

std::string from_imgui_text(std::string_view utf8) {
  return translate(utf8, [](char32_t cp) {
    return cp >= kFirstSlot && cp <= kLastSlot ? table().original(cp) : cp;
  });
}

namespace {

using SetClipboard = void (*)(void*, const char*);
using GetClipboard = const char* (*)(void*);
SetClipboard g_set_clipboard = nullptr;
GetClipboard g_get_clipboard = nullptr;

void set_clipboard(void* user, const char* text) {
  if (g_set_clipboard) g_set_clipboard(user, from_imgui_text(text ? text : "").c_str());
}

const char* get_clipboard(void* user) {
  static std::string pasted;  // ImGui copies it at once
  const char* text = g_get_clipboard ? g_get_clipboard(user) : nullptr;
  pasted = to_imgui_text(text ? text : "");
  return pasted.c_str();
}

}  // namespace

void translate_clipboard(ImGuiIO& io) {
  if (io.SetClipboardTextFn != set_clipboard) {
    g_set_clipboard = io.SetClipboardTextFn;
    io.SetClipboardTextFn = set_clipboard;
  }
  if (io.GetClipboardTextFn != get_clipboard) {
    g_get_clipboard = io.GetClipboardTextFn;
    io.GetClipboardTextFn = get_clipboard;
  }
}

namespace {
std::string g_held;  // typed text waiting for the active field (the UI thread only)
}  // namespace

void translate_typed_text(char* text) {
  const std::string shown = to_imgui_text(text);
  if (shown == text) return;
  g_held += shown;
  text[0] = '\0';
}

int insert_held_text(ImGuiInputTextCallbackData* data) {
  if (g_held.empty() || data->EventFlag != ImGuiInputTextFlags_CallbackAlways) return 0;
  if (data->HasSelection()) {
    const int from = std::min(data->SelectionStart, data->SelectionEnd);
    const int to = std::max(data->SelectionStart, data->SelectionEnd);
    data->DeleteChars(from, to - from);
    data->CursorPos = from;
  }
  data->InsertChars(data->CursorPos, g_held.data(), g_held.data() + g_held.size());
  data->SelectionStart = data->SelectionEnd = data->CursorPos;
  g_held.clear();
  return 0;
}

void drop_held_text() { g_held.clear(); }

}  // namespace auditsim::ui
