#include "sim/utf8.hpp"

namespace auditsim::utf8 {

Char decode(std::string_view s, size_t i) {
  const auto* b = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char c = b[i];
  if (c < 0x80) return {c, 1};
  size_t len = 0;
  char32_t cp = 0, min = 0;
  if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; min = 0x80; }
  else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; min = 0x800; }
  else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; min = 0x10000; }
  else return {};
  if (i + len > s.size()) return {};
  for (size_t k = 1; k < len; ++k) {
    if ((b[i + k] & 0xC0) != 0x80) return {};
    cp = (cp << 6) | (b[i + k] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
  return {cp, len};
}

std::optional<size_t> first_invalid(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {  // the common case, without a call
      ++i;
      continue;
    }
    const Char ch = decode(s, i);
    if (ch.len == 0) return i;
    i += ch.len;
  }
  return std::nullopt;
}

std::string make_valid(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const Char ch = decode(s, i);
    if (ch.len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(s.substr(i, ch.len));
    i += ch.len;
  }
  return out;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

bool is_bidi_control(char32_t cp) {
  return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069);
}

std::optional<size_t> find_bidi_control(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const Char ch = decode(s, i);
    if (ch.len == 0) {
      ++i;
      continue;
    }
    if (is_bidi_control(ch.cp)) return i;
    i += ch.len;
  }
  return std::nullopt;
}

}  // namespace auditsim::utf8
