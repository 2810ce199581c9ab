#include "reports/text_breaks.hpp"

#include <algorithm>

#include "sim/utf8.hpp"

namespace auditsim::reports::pdf {

namespace {

// Characters that belong to the one before them: a break inserted before one would split what
// the reader sees as a single letter or emoji.
bool joins_previous(char32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) ||
         (cp >= 0x1DC0 && cp <= 0x1DFF) || (cp >= 0x20D0 && cp <= 0x20FF) ||
         (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) || cp == 0x200D ||
         (cp >= 0x1F3FB && cp <= 0x1F3FF) || (cp >= 0xE0100 && cp <= 0xE01EF);
}

}  // namespace

std::string with_break_opportunities(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / kMaxUnbrokenRun * 3);
  size_t run = 0;  // characters since the last place a line could break
  bool previous_joiner = false;
  for (size_t i = 0; i < s.size();) {
    const utf8::Char ch = utf8::decode(s, i);
    const size_t len = ch.len ? ch.len : 1;
    const char32_t cp = ch.len ? ch.cp : 0xFFFD;
    if (cp == ' ' || cp == '\n' || cp == '\t' || cp == 0x200B || cp == '-') {
      run = 0;
    } else if (run >= kMaxUnbrokenRun && !joins_previous(cp) && !previous_joiner) {
      out += "\u200B";
      run = 0;
    }
    out.append(s.substr(i, len));
    ++run;
    previous_joiner = cp == 0x200D;
    i += len;
  }
  return out;
}

std::vector<std::string_view> layout_pieces(std::string_view s, size_t piece) {
  std::vector<std::string_view> out;
  constexpr std::string_view kZwsp = "\u200B";
  while (s.size() > piece) {
    const std::string_view window = s.substr(0, piece);
    size_t end = 0;  // the length of this piece
    if (size_t nl = window.rfind('\n'); nl != std::string_view::npos && nl >= piece / 2) end = nl + 1;
    if (end == 0) {
      const size_t space = window.rfind(' ');
      const size_t zwsp = window.rfind(kZwsp);
      if (space != std::string_view::npos) end = space + 1;
      if (zwsp != std::string_view::npos) end = std::max(end, zwsp + kZwsp.size());
    }
    if (end == 0) {
      // No break at all: between two characters, never inside one.
      end = piece;
      while (end > 1 && (static_cast<unsigned char>(s[end]) & 0xC0) == 0x80) --end;
    }
    out.push_back(s.substr(0, end));
    s.remove_prefix(end);
  }
  if (!s.empty() || out.empty()) out.push_back(s);
  return out;
}

}  // namespace auditsim::reports::pdf
