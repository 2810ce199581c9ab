// Pango's line breaking takes time quadratic in the length of a run it cannot break (a
// 50,000-character "word" took 39 s), so the PDF writer puts a zero-width space (U+200B) after
// every kMaxUnbrokenRun characters of such a run: a 200,000-character word then lays out in
// linear time. No real word is that long, and the break is invisible.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace auditsim::reports::pdf {

inline constexpr size_t kMaxUnbrokenRun = 64;

// The text with a U+200B after every kMaxUnbrokenRun characters that have no space, tab, line
// break or hyphen between them; never inside a character, before a combining mark or around a
// zero-width joiner.
std::string with_break_opportunities(std::string_view s);

// Pango's layout time also grows faster than the text within one layout, so long text is laid
// out in pieces of about kLayoutPiece bytes: `s` cut after a line break where there is one in
// the second half of a piece, else after a space or U+200B, else between two characters.
inline constexpr size_t kLayoutPiece = 2048;
std::vector<std::string_view> layout_pieces(std::string_view s, size_t piece = kLayoutPiece);

}  // namespace auditsim::reports::pdf
