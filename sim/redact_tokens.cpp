// Splitting text into words for the name matcher, with the case and accent folding that lets
// "SIÂN", "Sian" and "siân" compare equal.
#include <cstdint>

#include "sim/redact.hpp"
#include "sim/redact_tokens.hpp"
#include "sim/utf8.hpp"

namespace auditsim::redact {
namespace detail {
namespace {

enum class Cls { Letter, Space, Apostrophe, Hyphen, Ignorable, Punct };

// Decodes one code point at `at` with the codebase's one validator; `len` is set to its length
// (1 for an invalid byte, which comes back as U+FFFD so it counts as punctuation).
char32_t decode(std::string_view s, size_t at, size_t& len) {
  const utf8::Char ch = utf8::decode(s, at);
  if (ch.len == 0) {
    len = 1;
    return 0xFFFD;
  }
  len = ch.len;
  return ch.cp;
}

Cls classify(char32_t cp) {
  if (cp < 0x80) {
    if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'))
      return Cls::Letter;
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D)) return Cls::Space;
    if (cp == '\'' || cp == '`') return Cls::Apostrophe;
    if (cp == '-') return Cls::Hyphen;
    return Cls::Punct;
  }
  if (cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
      cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000)
    return Cls::Space;
  // Soft hyphen, zero-width space and joiners, word joiner, byte order mark, combining marks:
  // invisible inside a word, so "Sm\u00ADith" is still "Smith".
  if (cp == 0xAD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF ||
      (cp >= 0x0300 && cp <= 0x036F))
    return Cls::Ignorable;
  if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0xB4) return Cls::Apostrophe;
  if (cp >= 0x2010 && cp <= 0x2012) return Cls::Hyphen;
  if ((cp >= 0xA1 && cp <= 0xBF && cp != 0xAA && cp != 0xB5 && cp != 0xBA) || cp == 0xD7 ||
      cp == 0xF7 || (cp >= 0x2013 && cp <= 0x2BFF) || (cp >= 0x3001 && cp <= 0x303F) ||
      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
      (cp >= 0xFF1A && cp <= 0xFF20) || cp == 0xFFFD || cp >= 0x1F000 ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return Cls::Punct;
  return Cls::Letter;
}

// Base letters of U+0100..U+017F (Latin Extended-A), one per code point; '*' marks the
// ligatures handled separately.
constexpr std::string_view kExtendedA =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnnoooooo**rrrrrrss"
    "sssssstttttt" "uuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(kExtendedA.size() == 0x80);

bool is_upper(char32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return true;
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x137) return cp % 2 == 0;
  if (cp >= 0x139 && cp <= 0x148) return cp % 2 == 1;
  if (cp >= 0x14A && cp <= 0x177) return cp % 2 == 0;
  if (cp == 0x178) return true;
  if (cp >= 0x179 && cp <= 0x17E) return cp % 2 == 1;
  if (cp >= 0x391 && cp <= 0x3A9) return true;
  if (cp >= 0x400 && cp <= 0x42F) return true;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return cp % 2 == 0;
  return false;
}

bool is_lower(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return true;
  if (cp >= 0xDF && cp <= 0xFF) return cp != 0xF7;
  if (cp >= 0x100 && cp <= 0x17F) return !is_upper(cp);
  if (cp >= 0x3B1 && cp <= 0x3C9) return true;
  if (cp >= 0x430 && cp <= 0x45F) return true;
  if (cp >= 0x1E00 && cp <= 0x1EFF) return cp % 2 == 1;
  return false;
}

// Lower case, Latin accents removed.
void fold_letter(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
    return;
  }
  if (cp >= 0xC0 && cp <= 0xFF) {
    static constexpr std::string_view kLatin1 = "aaaaaa*ceeeeiiii*nooooo*ouuuuy**aaaaaa*ceeeeiiii*nooooo*ouuuuy*y";
    const char base = kLatin1[cp - 0xC0];
    if (base != '*') {
      out += base;
    } else if (cp == 0xC6 || cp == 0xE6) {
      out += "ae";
    } else if (cp == 0xD0 || cp == 0xF0) {
      out += 'd';
    } else if (cp == 0xDE || cp == 0xFE) {
      out += "th";
    } else if (cp == 0xDF) {
      out += "ss";
    } else {
      utf8::append(out, cp);
    }
    return;
  }
  if (cp >= 0x100 && cp <= 0x17F) {
    const char base = kExtendedA[cp - 0x100];
    if (base != '*') out += base;
    else out += (cp == 0x132 || cp == 0x133) ? "ij" : "oe";
    return;
  }
  if (cp >= 0x1E80 && cp <= 0x1E85) {
    out += 'w';  // Welsh ẁ ẃ ẅ
    return;
  }
  if (cp == 0x1EF2 || cp == 0x1EF3) {
    out += 'y';  // Welsh ỳ
    return;
  }
  if (cp >= 0x391 && cp <= 0x3A9) cp += 0x20;
  else if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;
  else if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;
  else if (cp >= 0x1E00 && cp <= 0x1EFF && cp % 2 == 0) cp += 1;
  utf8::append(out, cp);
}

struct Char {
  char32_t cp;
  Cls cls;
  size_t begin, end;
};

}  // namespace

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Char> chars;
  chars.reserve(text.size());
  for (size_t at = 0; at < text.size();) {
    size_t len = 1;
    char32_t cp = decode(text, at, len);
    chars.push_back({cp, classify(cp), at, at + len});
    at += len;
  }
  std::vector<Token> out;
  auto letter_at = [&](size_t i) {
    while (i < chars.size() && chars[i].cls == Cls::Ignorable) ++i;
    return i < chars.size() && chars[i].cls == Cls::Letter;
  };
  for (size_t i = 0; i < chars.size();) {
    const Char& c = chars[i];
    if (c.cls == Cls::Letter) {
      Token t;
      t.kind = Token::Word;
      t.begin = c.begin;
      t.upper_first = is_upper(c.cp);
      t.all_upper = true;
      bool any_cased = false;
      size_t last_apostrophe = std::string::npos, folded_at_apostrophe = 0, j = i;
      for (; j < chars.size(); ++j) {
        const Char& d = chars[j];
        if (d.cls == Cls::Letter) {
          fold_letter(t.folded, d.cp);
          ++t.letters;
          if (is_lower(d.cp)) t.all_upper = false;
          any_cased |= is_upper(d.cp) || is_lower(d.cp);
        } else if (d.cls == Cls::Ignorable) {
          continue;
        } else if ((d.cls == Cls::Apostrophe || d.cls == Cls::Hyphen) && letter_at(j + 1)) {
          if (d.cls == Cls::Apostrophe) {
            last_apostrophe = j;
            folded_at_apostrophe = t.folded.size();
          }
          t.folded += d.cls == Cls::Apostrophe ? '\'' : '-';
        } else {
          break;
        }
        t.end = d.end;
      }
      if (!any_cased) t.all_upper = false;
      // "Smith's": the word is "smith", then the possessive.
      if (last_apostrophe != std::string::npos && t.folded.size() == folded_at_apostrophe + 2 &&
          t.folded.back() == 's' && folded_at_apostrophe > 0) {
        const size_t s_begin = chars[last_apostrophe].end;
        Token apostrophe{Token::Punct, "'", chars[last_apostrophe].begin, s_begin};
        Token s{Token::Word, "s", s_begin, t.end, 1};
        t.folded.resize(folded_at_apostrophe);
        t.end = chars[last_apostrophe].begin;
        t.letters -= 1;
        out.push_back(std::move(t));
        out.push_back(std::move(apostrophe));
        out.push_back(std::move(s));
      } else {
        out.push_back(std::move(t));
      }
      i = j;
    } else if (c.cls == Cls::Space) {
      Token t{Token::Space, " ", c.begin, c.end};
      for (; i < chars.size() && chars[i].cls == Cls::Space; ++i) {
        t.end = chars[i].end;
        t.newline |= chars[i].cp == '\n' || chars[i].cp == '\r' || chars[i].cp == 0x2028 ||
                     chars[i].cp == 0x2029 || chars[i].cp == 0x85;
      }
      out.push_back(std::move(t));
    } else if (c.cls == Cls::Ignorable) {
      ++i;  // outside a word it separates nothing
    } else {
      Token t{Token::Punct, "", c.begin, c.end};
      if (c.cls == Cls::Apostrophe) t.folded = "'";
      else if (c.cls == Cls::Hyphen) t.folded = "-";
      else t.folded.assign(text.substr(c.begin, c.end - c.begin));
      out.push_back(std::move(t));
      ++i;
    }
  }
  return out;
}

}  // namespace detail

std::string fold(std::string_view text) {
  std::string out;
  for (const detail::Token& t : detail::tokenize(text)) out += t.folded;
  return out;
}

}  // namespace auditsim::redact
