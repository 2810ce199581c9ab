// Phrases that look like a person's name, for the author to check before a public report is
// saved. It lists too much rather than too little: a person missing from the redaction lists is
// a leak, an organisation listed by mistake costs a glance.
#include <set>

#include "sim/redact.hpp"
#include "sim/redact_tokens.hpp"

namespace auditsim::redact {

using detail::Token;

namespace {

bool capitalised(const Token& t) {
  return t.kind == Token::Word && t.upper_first && !t.all_upper && t.letters >= 2;
}

// Capitalised words that name organisations, documents and places in council business rather
// than people: a run of capitalised words is broken at them.
bool not_a_name(const std::string& folded) {
  static const std::set<std::string> words{
      "council",    "borough",     "county",     "district", "police",     "department",
      "team",       "service",     "services",   "standards", "health",    "committee",
      "board",      "act",         "part",       "schedule", "table",      "participant",
      "facilitator", "trading",    "environmental", "licensing", "authority", "officer",
      "unit",       "office",      "centre",     "street",   "road",       "lane",
      "january",    "february",    "march",      "april",    "may",        "june",
      "july",       "august",      "september",  "october",  "november",   "december",
      "monday",     "tuesday",     "wednesday",  "thursday", "friday",     "saturday",
      "sunday",     "hmrc",        "nhs",        "uk"};
  return words.count(folded) > 0;
}

// Ordinary words that start sentences with a capital letter.
bool opener(const std::string& folded) {
  static const std::set<std::string> words{
      "the",  "a",    "an",   "this", "that", "these", "those", "we",    "our",  "they",
      "it",   "its",  "in",   "on",   "at",   "for",   "if",    "when",  "after", "before",
      "then", "so",   "but",  "and",  "no",   "yes",   "please", "all",  "some", "as",
      "i",    "he",   "she",  "his",  "her",  "their", "there", "with", "by",   "from",
      "to",   "of",   "not",  "one",  "two",  "three", "each",  "every", "any",  "agreed",
      "asked", "said", "called", "told", "met",  "spoke"};
  return words.count(folded) > 0;
}

bool is_title_word(const Token& t) {
  static const std::set<std::string> titles{"cllr", "councillor", "mr", "mrs", "ms",  "miss",
                                            "mx",   "dr",         "prof", "sir", "dame", "rev",
                                            "lord", "lady",       "cynghorydd"};
  return t.kind == Token::Word && titles.count(t.folded) > 0;
}

bool single_space(const Token& t) { return t.kind == Token::Space && !t.newline; }

// Whether token `i` starts a sentence: nothing but spaces before it on its line, or after
// sentence punctuation.
bool sentence_start(const std::vector<Token>& t, size_t i) {
  while (i > 0) {
    const Token& p = t[--i];
    if (p.kind == Token::Space) {
      if (p.newline) return true;
      continue;
    }
    if (p.kind == Token::Word) return false;
    static const std::set<std::string> ends{".", "!", "?", ":", ";", "\"", "(", "-", "*", "#",
                                            "\xE2\x80\x9C", "\xE2\x80\x94", "\xE2\x80\xA2"};
    return ends.count(p.folded) > 0;
  }
  return true;
}

// The word after `k` when only one space (or ". ") separates them; 0 otherwise.
size_t next_word(const std::vector<Token>& t, size_t k, bool allow_stop) {
  size_t j = k + 1;
  bool stop = false;
  if (allow_stop && j < t.size() && t[j].kind == Token::Punct && t[j].folded == ".") {
    ++j;
    stop = true;
  }
  if (j < t.size() && single_space(t[j])) ++j;
  else if (!stop) return 0;  // "A.Smith" needs no space; "Jane\nJones" are two lines
  return j < t.size() && t[j].kind == Token::Word ? j : 0;
}

}  // namespace

std::vector<std::string> name_like_phrases(std::string_view text) {
  const std::vector<Token> t = detail::tokenize(text);
  std::vector<std::string> out;
  std::set<std::string> seen;
  auto emit = [&](size_t from, size_t to) {  // tokens [from, to]
    std::string phrase(text.substr(t[from].begin, t[to].end - t[from].begin));
    if (seen.insert(phrase).second) out.push_back(std::move(phrase));
  };
  // The last of the capitalised words that follow token `k` one space apart.
  auto extend = [&](size_t k) {
    for (size_t j; (j = next_word(t, k, false)) != 0 && capitalised(t[j]) && !not_a_name(t[j].folded);)
      k = j;
    return k;
  };
  for (size_t i = 0; i < t.size(); ++i) {
    if (t[i].kind != Token::Word) continue;
    // "Cllr Jones", "MRS JONES": a title and a word with a capital.
    if (is_title_word(t[i]) && t[i].upper_first) {
      size_t j = next_word(t, i, true);
      if (j != 0 && t[j].upper_first && !not_a_name(t[j].folded)) {
        size_t end = j;
        for (size_t k; (k = next_word(t, end, false)) != 0 && t[k].upper_first && !not_a_name(t[k].folded);)
          end = k;
        emit(i, end);
        i = end;
        continue;
      }
    }
    // "J. Jones", "J Jones".
    if (t[i].letters == 1 && t[i].upper_first && t[i].folded != "i" && t[i].folded != "a") {
      size_t j = next_word(t, i, true);
      if (j != 0 && capitalised(t[j]) && !not_a_name(t[j].folded)) {
        size_t end = extend(j);
        emit(i, end);
        i = end;
        continue;
      }
    }
    // "Jane Jones", "Ieuan ap Rhys" is missed but "Ieuan Rhys" is not.
    if (capitalised(t[i]) && !not_a_name(t[i].folded)) {
      size_t start = i;
      if (sentence_start(t, i) && opener(t[i].folded)) {
        size_t j = next_word(t, i, false);
        if (j == 0 || !capitalised(t[j]) || not_a_name(t[j].folded)) continue;
        start = j;
      }
      size_t end = extend(start);
      if (end != start) {
        emit(start, end);
        i = end;
      }
    }
  }
  return out;
}

}  // namespace auditsim::redact
