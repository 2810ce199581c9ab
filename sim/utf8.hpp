// The one UTF-8 validator of the codebase. The loader refuses files that fail it, the reports
// replace what fails it before Pango, cmark or a browser sees the text, and the terminal output
// uses it to find the characters it must not print raw.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace auditsim::utf8 {

// One decoded character: its code point and how many bytes it took.
struct Char {
  char32_t cp = 0;
  size_t len = 0;  // 0 when the bytes at the position are not valid UTF-8
};

// Decodes the character starting at s[i] (i < s.size()). Invalid (len 0): stray continuation
// bytes, truncated sequences, overlong forms, surrogates (U+D800..U+DFFF), code points above
// U+10FFFF and the bytes C0, C1, F5..FF.
Char decode(std::string_view s, size_t i);

// Byte offset of the first invalid sequence, nullopt when the whole text is valid.
std::optional<size_t> first_invalid(std::string_view s);

inline bool is_valid(std::string_view s) { return !first_invalid(s).has_value(); }

// The text with every invalid sequence replaced by U+FFFD (one per bad byte).
std::string make_valid(std::string_view s);

// Appends the UTF-8 form of a code point (which must be a valid scalar value).
void append(std::string& out, char32_t cp);

// Unicode's bidirectional formatting characters (U+061C, U+200E, U+200F, U+202A..U+202E,
// U+2066..U+2069): they can make text display in an order other than the one it is stored in.
bool is_bidi_control(char32_t cp);

// Byte offset of the first bidirectional formatting character, nullopt when there is none.
std::optional<size_t> find_bidi_control(std::string_view s);

}  // namespace auditsim::utf8
