// The name matcher: every form people type a name in is found and replaced, whole words only,
// and the "looks like a name" list catches the names nobody put on a list.
#include <doctest/doctest.h>

#include <algorithm>

#include "sim/redact.hpp"

using namespace auditsim::redact;

namespace {

const NameMatcher& smith() {
  static const NameMatcher m({{"Cllr Alice Smith", "P1"}, {"Siân Ŵyn-Hughes", "P2"}});
  return m;
}

std::string r(const std::string& text) { return smith().replace(text); }

bool listed(const std::vector<std::string>& phrases, const std::string& p) {
  return std::find(phrases.begin(), phrases.end(), p) != phrases.end();
}

}  // namespace

TEST_CASE("the full name is replaced in any case, with or without the recorded title") {
  CHECK(r("Cllr Alice Smith disagreed") == "P1 disagreed");
  CHECK(r("Alice Smith disagreed") == "P1 disagreed");
  CHECK(r("CLLR ALICE SMITH disagreed") == "P1 disagreed");
  CHECK(r("cllr alice smith") == "P1");
  CHECK(r("Councillor Alice Smith") == "P1");
}

TEST_CASE("a title and the surname, the surname alone and initial forms are replaced") {
  CHECK(r("Cllr Smith disagreed") == "P1 disagreed");
  CHECK(r("Cllr. Smith disagreed") == "P1 disagreed");
  CHECK(r("seconded by Smith.") == "seconded by P1.");
  CHECK(r("A. Smith agreed") == "P1 agreed");
  CHECK(r("A Smith agreed") == "P1 agreed");
  CHECK(r("A.Smith agreed") == "P1 agreed");
  CHECK(r("Dr A. Smith") == "P1");
  CHECK(r("Mr Smith, Mrs Smith, Ms Smith, Miss Smith and Dr Smith") == "P1, P1, P1, P1 and P1");
  CHECK(r("Dr Alice said so") == "P1 said so");
}

TEST_CASE("any run of whitespace between the parts of a name is matched") {
  CHECK(r("Alice  Smith") == "P1");
  CHECK(r("Alice\tSmith") == "P1");
  CHECK(r("Alice\nSmith") == "P1");
  CHECK(r("Alice\xC2\xA0Smith") == "P1");      // U+00A0 no-break space
  CHECK(r("Cllr\xE2\x80\xAF" "Alice\xC2\xA0\xC2\xA0Smith") == "P1");  // U+202F narrow no-break
  CHECK(r("A.\xC2\xA0Smith") == "P1");
}

TEST_CASE("the possessive is replaced and keeps its 's") {
  CHECK(r("Smith's view") == "P1's view");
  CHECK(r("Smith\xE2\x80\x99s view") == "P1\xE2\x80\x99s view");  // curly apostrophe
  CHECK(r("Alice Smith's view") == "P1's view");
  CHECK(r("SMITH'S VIEW") == "P1'S VIEW");
}

TEST_CASE("names are whole words: Smithers, Blacksmith and Jones-Smith are not Smith") {
  CHECK(r("Ann Smithers and the blacksmith") == "Ann Smithers and the blacksmith");
  CHECK(r("Jones-Smith") == "Jones-Smith");
  CHECK(r("smith2") == "smith2");
  CHECK(r("Smith-ish") == "Smith-ish");
  CHECK(r("a smith") == "a P1");  // the surname as an ordinary word is still redacted
}

TEST_CASE("Welsh and accented names match with and without their accents") {
  CHECK(r("Siân Ŵyn-Hughes") == "P2");
  CHECK(r("SIÂN ŴYN-HUGHES") == "P2");
  CHECK(r("Sian Wyn-Hughes") == "P2");
  CHECK(r("S. Ŵyn-Hughes") == "P2");
  CHECK(r("Ŵyn-Hughes’s") == "P2’s");
  CHECK(r("Wyn Hughes") == "P2");
  // Decomposed accents (a combining circumflex) and a soft hyphen inside the name.
  CHECK(r("Sia\xCC\x82n Wyn-Hu\xC2\xADghes") == "P2");
  CHECK(fold("ŴŶÂÊÎÔÛẄỲ ÆØßŒ") == "wyaeiouwy aeossoe");
}

TEST_CASE("the longest form wins and spans are reported against the original text") {
  NameMatcher m({{"Alice Smith", "P1"}, {"Bob Smith", "P3"}});
  std::vector<Span> spans;
  const std::string text = "Bob Smith and Alice Smith met Smith";
  CHECK(m.replace(text, &spans) == "P3 and P1 met P1");
  REQUIRE(spans.size() == 3);
  CHECK(text.substr(spans[0].begin, spans[0].end - spans[0].begin) == "Bob Smith");
  CHECK(spans[0].person == 1);
  CHECK(text.substr(spans[1].begin, spans[1].end - spans[1].begin) == "Alice Smith");
  CHECK(text.substr(spans[2].begin, spans[2].end - spans[2].begin) == "Smith");
}

TEST_CASE("middle names, initials and first name with surname") {
  NameMatcher m(std::vector<Person>{{"Mary Ann Jones", "P"}});
  CHECK(m.replace("Mary Ann Jones") == "P");
  CHECK(m.replace("Mary Jones") == "P");
  CHECK(m.replace("M. A. Jones") == "P");
  CHECK(m.replace("M.A. Jones") == "P");
  CHECK(m.replace("M Jones") == "P");
  CHECK(m.replace("Jones") == "P");
  CHECK(m.replace("Mary said") == "Mary said");  // a first name alone is not enough
}

TEST_CASE("names in other scripts, a one-word name and names that cannot be matched") {
  NameMatcher m({{"ليلى حسن", "P1"}, {"דוד כהן", "P2"}, {"Prince", "P3"}, {"A", "P4"}, {"  ", "P5"}});
  CHECK(m.replace("قالت ليلى حسن") == "قالت P1");
  CHECK(m.replace("כהן אמר") == "P2 אמר");
  CHECK(m.replace("Prince agreed; PRINCE'S view") == "P3 agreed; P3'S view");
  CHECK(m.replace("A lone A stays") == "A lone A stays");
}

TEST_CASE("a one-letter surname is only matched within the longer forms") {
  NameMatcher m(std::vector<Person>{{"Jo B", "P"}});
  CHECK(m.replace("Jo B agreed, option B") == "P agreed, option B");
}

TEST_CASE("an empty matcher and hostile bytes change nothing and do not crash") {
  NameMatcher none;
  CHECK(none.empty());
  CHECK(none.replace("Alice Smith") == "Alice Smith");
  const std::string bad = "\xFF\xFE Smith \xC3 \xE2\x80 Smith\xF0\x9F\x98\x80";
  CHECK(r(bad) == "\xFF\xFE P1 \xC3 \xE2\x80 P1\xF0\x9F\x98\x80");
  CHECK(r("") == "");
}

TEST_CASE("phrases that look like names are listed for the author") {
  const auto p = name_like_phrases(
      "The team met Jane Jones. Cllr Brown asked. J. Patel and R Singh agreed; MRS OKAFOR too. "
      "Kingsmere Borough Council and Trading Standards were told. We called Ieuan Rhys.");
  CHECK(listed(p, "Jane Jones"));
  CHECK(listed(p, "Cllr Brown"));
  CHECK(listed(p, "J. Patel"));
  CHECK(listed(p, "R Singh"));
  CHECK(listed(p, "MRS OKAFOR"));
  CHECK(listed(p, "Ieuan Rhys"));
  CHECK_FALSE(listed(p, "The team"));
  CHECK_FALSE(listed(p, "Trading Standards"));
  CHECK_FALSE(listed(p, "Borough Council"));
  for (const std::string& s : p) CHECK(s.find("Kingsmere Borough") == std::string::npos);
}

TEST_CASE("redacted text and ordinary sentences list nothing") {
  CHECK(name_like_phrases("Participant 5EC30B disagreed. It was agreed to refer.").empty());
  CHECK(name_like_phrases("The Council agreed. I think so. A referral was made.").empty());
  CHECK(name_like_phrases("").empty());
}

TEST_CASE("people marked keep protect their own names from another person's shorter form") {
  NameMatcher m({{"Ann Smith", "P1"}, {"Bob Smith", "", true}});
  std::vector<Span> spans;
  CHECK(m.replace("Bob Smith and Ann Smith; Smith left", &spans) ==
        "Bob Smith and P1; P1 left");
  CHECK(spans.size() == 2);  // the kept name is not reported as redacted
}

TEST_CASE("a person recorded by role is replaced in full, never by the role's last word") {
  const NameMatcher m({{"Community Safety Manager", "the facilitator"}, {"Cllr Alice Smith", "P1"}});
  CHECK(m.replace("Community Safety Manager led the evening") == "the facilitator led the evening");
  CHECK(m.replace("community safety manager") == "the facilitator");
  CHECK(m.replace("Owner: Exchequer Manager") == "Owner: Exchequer Manager");
  CHECK(m.replace("the Manager agreed") == "the Manager agreed");
  CHECK(m.replace("Cllr Smith and the Exchequer Manager") == "P1 and the Exchequer Manager");
  // A surname that is also a role word is still a surname.
  const NameMatcher head(std::vector<Person>{{"Jo Head", "P2"}});
  CHECK(head.replace("Cllr Head agreed") == "P2 agreed");
}
