// The name matcher: each person's name is turned into the forms people type (full name,
// initials and surname, surname alone, after a title), compared word by word on folded text.
#include "sim/redact.hpp"

#include <algorithm>
#include <set>

#include "sim/redact_tokens.hpp"

namespace auditsim::redact {

using detail::Token;

namespace {

// Titles, folded. A name recorded with a title ("Cllr Alice Smith") is matched with or without
// it, and any of these may stand before any form of any name.
const std::set<std::string>& titles() {
  static const std::set<std::string> t{"cllr",  "councillor", "mr",   "mrs",      "ms",
                                       "miss",  "mx",         "dr",   "doctor",   "prof",
                                       "professor", "sir",    "dame", "rev",      "revd",
                                       "reverend",  "lord",   "lady", "cynghorydd"};
  return t;
}

// Words that end a job title rather than a person's name, folded. A facilitator or officer may be
// recorded by role ("Community Safety Manager"): such a name is replaced only when written out in
// full, never by its last word alone, so "Exchequer Manager" elsewhere keeps its meaning.
const std::set<std::string>& role_words() {
  // Words that are also surnames (Head, Lead, Clerk, Chair) are left out: a person's surname
  // alone must still be replaced.
  static const std::set<std::string> r{
      "manager",   "officer",     "director",    "coordinator", "co-ordinator", "facilitator",
      "auditor",   "team",        "unit",        "service",     "services",     "adviser",
      "advisor",   "assistant",   "executive",   "secretary",   "treasurer",    "controller",
      "supervisor", "practitioner", "analyst",   "investigator", "partnership", "board",
      "committee", "panel",       "council",     "department",  "chairman",     "chairwoman",
      "deputy"};
  return r;
}

bool is_title(const Token& t) { return t.kind == Token::Word && titles().count(t.folded) > 0; }

// Punctuation that may stand between the words of one name: "A. Smith", "O'Brien \"Bob\"".
bool joins_name(const Token& t) {
  if (t.kind == Token::Space) return true;
  if (t.kind != Token::Punct) return false;
  static const std::set<std::string> ok{".", ",", "\"", "'", "(", ")", "<", ">", "/",
                                        "\xE2\x80\x9C", "\xE2\x80\x9D"};
  return ok.count(t.folded) > 0;
}

// The index of the word after the separator starting at `k`, or 0 when there is none (a word
// after a separator is never token 0).
size_t after_separator(const std::vector<Token>& t, size_t k) {
  const size_t start = k;
  while (k < t.size() && k - start < 4 && t[k].kind != Token::Word && joins_name(t[k])) ++k;
  if (k == start || k >= t.size() || t[k].kind != Token::Word) return 0;
  return k;
}

// The first code point of a word, folded: what its initial looks like ("Æthelred": "ae").
std::string initial_of(const std::string& word) {
  const auto b = static_cast<unsigned char>(word[0]);
  const size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : 4;
  return fold(word.substr(0, std::min(len, word.size())));
}

}  // namespace

NameMatcher::NameMatcher(std::vector<Person> people) : people_(std::move(people)) {
  for (size_t p = 0; p < people_.size(); ++p) {
    // Words of the name with their original spelling (for initials) and folded.
    std::vector<std::string> folded, original;
    std::vector<size_t> letters_of;
    for (const Token& t : detail::tokenize(people_[p].name)) {
      if (t.kind != Token::Word) continue;
      folded.push_back(t.folded);
      original.push_back(people_[p].name.substr(t.begin, t.end - t.begin));
      letters_of.push_back(t.letters);
    }
    while (folded.size() > 1 && titles().count(folded.front())) {
      folded.erase(folded.begin());
      original.erase(original.begin());
      letters_of.erase(letters_of.begin());
    }
    if (folded.empty()) continue;
    size_t letters = 0;
    for (const std::string& w : folded) letters += w.size();
    if (letters < 2) continue;  // a lone letter would match every "A"
    add_form({p, folded, std::vector<bool>(folded.size(), false)});
    if (role_words().count(folded.back())) continue;  // a role, not a person: full form only
    // The surname: the last word of two letters or more.
    size_t s = folded.size();
    while (s > 0 && letters_of[s - 1] < 2) --s;
    if (s == 0) continue;
    const std::string& surname = folded[s - 1];
    const size_t given = s - 1;
    add_form({p, {surname}, {false}});
    const size_t hyphen = surname.find('-');
    if (hyphen != std::string::npos && hyphen > 0 && hyphen + 1 < surname.size()) {
      // "Ŵyn-Hughes" typed as "Wyn Hughes".
      add_form({p, {surname.substr(0, hyphen), surname.substr(hyphen + 1)}, {false, false}});
    }
    if (given == 0) continue;
    if (given > 1 || s != folded.size()) add_form({p, {folded[0], surname}, {false, false}});
    add_form({p, {initial_of(original[0]), surname}, {true, false}});
    if (given > 1) {
      Form all{p, {}, {}};
      for (size_t g = 0; g < given; ++g) {
        all.words.push_back(initial_of(original[g]));
        all.initial.push_back(true);
      }
      all.words.push_back(surname);
      all.initial.push_back(false);
      add_form(std::move(all));
    }
    if (folded[0].size() >= 2) {
      Form first{p, {folded[0]}, {false}};
      first.needs_title = true;
      add_form(std::move(first));
    }
  }
}

void NameMatcher::add_form(Form f) {
  for (const std::string& w : f.words)
    if (w.empty()) return;
  // Indexed by the first word that is not an initial, so a text full of "a" stays cheap.
  size_t key = 0;
  while (key + 1 < f.words.size() && f.initial[key]) ++key;
  by_word_[f.words[key]].push_back(forms_.size());
  forms_.push_back(std::move(f));
}

std::string fold_name(std::string_view name) {
  std::vector<std::string> words;
  for (const Token& t : detail::tokenize(name))
    if (t.kind == Token::Word) words.push_back(t.folded);
  size_t first = 0;
  while (first + 1 < words.size() && titles().count(words[first])) ++first;
  std::string out;
  for (size_t i = first; i < words.size(); ++i) out += (out.empty() ? "" : " ") + words[i];
  return out;
}

std::vector<Span> NameMatcher::find(std::string_view text) const {
  std::vector<Span> out;
  if (forms_.empty()) return out;
  const std::vector<Token> t = detail::tokenize(text);
  // The token after the last word of `form` matched from token `k`, or 0.
  auto match = [&](const Form& form, size_t k) -> size_t {
    for (size_t e = 0; e < form.words.size(); ++e) {
      if (e > 0 && (k = after_separator(t, k)) == 0) return 0;
      if (k >= t.size() || t[k].kind != Token::Word) return 0;
      // An initial is a capital: "a smith" is the article and a surname.
      if (form.initial[e] ? (t[k].letters != 1 || !t[k].upper_first || t[k].folded != form.words[e])
                          : t[k].folded != form.words[e])
        return 0;
      ++k;
    }
    return k;
  };
  // The longest form starting at token `k` (after a title when `titled`): end token and person.
  auto best_at = [&](size_t k, bool titled, size_t& person) -> size_t {
    std::vector<const std::vector<size_t>*> lists;
    if (auto it = by_word_.find(t[k].folded); it != by_word_.end()) lists.push_back(&it->second);
    if (t[k].letters == 1) {
      // Initials: the forms are indexed by the surname that follows them.
      size_t j = after_separator(t, k + 1);
      for (int n = 0; n < 3 && j != 0 && t[j].letters == 1; ++n) j = after_separator(t, j + 1);
      if (j != 0 && t[j].letters > 1)
        if (auto it = by_word_.find(t[j].folded); it != by_word_.end())
          lists.push_back(&it->second);
    }
    size_t best = 0;
    for (const auto* list : lists)
      for (size_t f : *list) {
        const Form& form = forms_[f];
        if (form.needs_title && !titled) continue;
        if (size_t end = match(form, k); end > best) {
          best = end;
          person = form.person;
        }
      }
    return best;
  };
  for (size_t i = 0; i < t.size();) {
    if (t[i].kind != Token::Word) {
      ++i;
      continue;
    }
    size_t person = 0, end = 0;
    if (is_title(t[i])) {
      // "Cllr Dr Smith": titles, then a name.
      size_t k = i;
      do k = after_separator(t, k + 1);
      while (k != 0 && is_title(t[k]));
      if (k != 0) end = best_at(k, true, person);
    }
    if (end == 0) end = best_at(i, false, person);
    if (end == 0) {
      ++i;
      continue;
    }
    out.push_back({t[i].begin, t[end - 1].end, person});
    i = end;
  }
  return out;
}

std::string NameMatcher::replace(std::string_view text, std::vector<Span>* found) const {
  const std::vector<Span> spans = find(text);
  if (spans.empty()) return std::string(text);
  std::string out;
  size_t at = 0;
  for (const Span& s : spans) {
    if (people_[s.person].keep) continue;
    out.append(text.substr(at, s.begin - at));
    out += people_[s.person].replacement;
    at = s.end;
    if (found) found->push_back(s);
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace auditsim::redact
