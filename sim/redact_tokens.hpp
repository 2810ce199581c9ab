// Internal to sim/redact*.cpp: text split into words, spaces and punctuation, each word folded
// for comparison and mapped back to its bytes in the original text.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace auditsim::redact::detail {

struct Token {
  enum Kind { Word, Space, Punct } kind = Punct;
  std::string folded;  // Word: folded letters; Punct: the character folded ("'" for ’); Space: " "
  size_t begin = 0, end = 0;  // bytes of the original text
  size_t letters = 0;         // Word: code points
  bool upper_first = false;   // Word: starts with a capital letter
  bool all_upper = false;     // Word: every letter is a capital
  bool newline = false;       // Space: holds a line break
};

// Splits UTF-8 text (invalid bytes count as punctuation). A word is a run of letters and digits,
// with an apostrophe or hyphen inside it ("O'Brien", "Ŵyn-Hughes"); a trailing possessive "'s"
// is split off as punctuation and a word "s", so "Smith's" holds the word "smith".
std::vector<Token> tokenize(std::string_view text);

}  // namespace auditsim::redact::detail
