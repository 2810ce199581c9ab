// Finding people's names in free text, in the forms people actually type them, so public (Part A)
// reports and erasure can replace them. No UI and no store dependency.
//
// For each person (a display name such as "Cllr Alice Smith") the matcher finds, in any case and
// with accents or without ("SIAN WYN-HUGHES" is "Siân Ŵyn-Hughes"), with any run of whitespace
// between the parts (spaces, tabs, line breaks, U+00A0, U+202F, ...):
//   the whole name ("Alice Smith", "Alice Mary Smith"), first name and surname ("Alice Smith"
//   for "Alice Mary Smith"), initials and surname ("A. Smith", "A Smith", "A.M. Smith"), the
//   surname alone ("seconded by Smith"), each optionally after titles ("Cllr", "Councillor",
//   "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame", "Rev", "Lord", "Lady", with or
//   without a full stop), a title with the first name ("Dr Alice"), and the possessive
//   ("Smith's", "Smith’s": the name is replaced, the "'s" stays).
// Names are matched as whole words: "Smithers", "Blacksmith" and "Jones-Smith" are not "Smith".
// A surname of a single letter is only matched as part of a longer form.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace auditsim::redact {

// Someone whose name must not be published, and what replaces it.
struct Person {
  std::string name;         // display name as recorded ("Cllr Alice Smith")
  std::string replacement;  // "Participant 3F2A9C", "the facilitator", ...
  // Recognised but left as written: erasing "Ann Smith" must not turn "Bob Smith" into
  // "Bob Participant 5EC30B". Where a form of a kept person and of another person are equally
  // long ("Smith" alone), the person listed first wins.
  bool keep = false;
};

// One occurrence of a name in a text: bytes [begin, end) of the text searched.
struct Span {
  size_t begin = 0, end = 0;
  size_t person = 0;  // index into the matcher's people
};

class NameMatcher {
 public:
  NameMatcher() = default;
  // People whose name holds no letters are ignored.
  explicit NameMatcher(std::vector<Person> people);

  bool empty() const { return forms_.empty(); }
  const std::vector<Person>& people() const { return people_; }

  // Every occurrence, left to right, not overlapping; the longest form wins at each place.
  std::vector<Span> find(std::string_view text) const;
  // `text` with every occurrence replaced by that person's replacement. When `found` is given,
  // the spans (offsets into the original `text`) are appended to it.
  std::string replace(std::string_view text, std::vector<Span>* found = nullptr) const;

 private:
  struct Form {
    size_t person;
    std::vector<std::string> words;  // folded words; a word of one letter may be an initial
    std::vector<bool> initial;       // the word is an initial ("a" matches "A" or "A.")
    bool needs_title = false;        // only after a title ("Dr Alice")
  };
  void add_form(Form f);

  std::vector<Person> people_;
  std::vector<Form> forms_;
  // Forms by their first full word (for initials forms: by their surname).
  std::unordered_map<std::string, std::vector<size_t>> by_word_;
};

// Phrases that look like a person's name: a title and a capitalised word ("Cllr Jones"), an
// initial and a capitalised word ("J. Jones"), or two or more capitalised words together that
// are not a sentence's ordinary opening ("met Jane Jones"). For the author to check before a
// public report is saved; it errs on the side of listing. Each phrase once, in order.
std::vector<std::string> name_like_phrases(std::string_view text);

// `text` folded for comparing names: lower case, accents removed from Latin letters, every run
// of whitespace one space, curly apostrophes straight. (Exposed for tests and lookups.)
std::string fold(std::string_view text);
// A name folded, without leading titles and outer punctuation: "Cllr Alice  SMITH" and
// "alice smith" both give "alice smith". For finding a person by name.
std::string fold_name(std::string_view name);

}  // namespace auditsim::redact
