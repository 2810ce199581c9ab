#include "reports/text_breaks.hpp"

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

}  // namespace auditsim::reports::pdf
