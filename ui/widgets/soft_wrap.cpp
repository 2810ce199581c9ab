#include "ui/widgets/soft_wrap.hpp"

namespace auditsim::ui {

std::string strip_soft_breaks(std::string_view shown, size_t* cursor) {
  std::string out;
  out.reserve(shown.size());
  const size_t at = cursor ? *cursor : 0;
  size_t moved = 0;
  for (size_t i = 0; i < shown.size(); ++i) {
    if (shown[i] == '\n' && i > 0 && shown[i - 1] == ' ') {
      if (i < at) ++moved;
      continue;
    }
    out += shown[i];
  }
  if (cursor) *cursor = at - std::min(at, moved);
  return out;
}

std::string soft_wrap(std::string_view text, float width, const TextMeasure& measure, size_t* cursor) {
  size_t at = cursor ? *cursor : 0;
  const std::string plain = strip_soft_breaks(text, cursor ? &at : nullptr);
  std::string out;
  out.reserve(plain.size() + plain.size() / 16);
  size_t added_before_cursor = 0;
  size_t line = 0;  // where the current line starts in `plain`
  size_t i = 0;
  while (i < plain.size()) {
    if (plain[i] == '\n') {  // a break the user typed
      out += '\n';
      line = ++i;
      continue;
    }
    // The next word and the spaces after it.
    size_t end = i;
    while (end < plain.size() && plain[end] != ' ' && plain[end] != '\n') ++end;
    size_t after = end;
    while (after < plain.size() && plain[after] == ' ') ++after;
    // Breaking before the word is possible when the line has something before it, which then
    // ends in a space.
    if (i > line && measure(std::string_view(plain).substr(line, end - line)) > width) {
      out += '\n';
      if (i <= at) ++added_before_cursor;
      line = i;
    }
    out.append(plain, i, after - i);
    i = after;
  }
  if (cursor) *cursor = at + added_before_cursor;
  return out;
}

}  // namespace auditsim::ui
