// Solo e-learning: "Play solo" asks for the learner's name or a pseudonym, the session records it
// and its completion, and the debrief offers a completion certificate as a PDF naming the learner.
#include <doctest/doctest.h>

#include "tests/support/run_process.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/ui_app_config.hpp"

#include <sys/stat.h>

#include <filesystem>

#include "reports/certificate.hpp"
#include "sim/store/store.hpp"
#include "ui/app/headless.hpp"

namespace fs = std::filesystem;
using namespace auditsim;
using namespace auditsim::ui;

namespace {

using auditsim::test::app_config_in;
using auditsim::test::file_bytes;

// What a reader of the PDF at `path` sees, whitespace dropped.
std::string pdf_words(const std::string& path) {
  std::string out;
  for (char c : auditsim::test::run_process({"/usr/bin/pdftotext", "-enc", "UTF-8", path, "-"}).out)
    if (c != ' ' && c != '\n' && c != '\f') out += c;
  return out;
}

std::string scratch(const std::string& name) {
  return auditsim::test::fresh_scratch_dir("ui-certificate-" + name).string();
}

// Selects a scenario in the library (the tutorial unless told) and presses Play solo.
void play_solo(Headless& h, const std::string& search = "Tutorial") {
  h.app().library().filter = search;
  h.frame();
  h.frame();
  REQUIRE(h.app().library().selected >= 0);
  REQUIRE(h.click("Play solo"));
  REQUIRE(h.app().library().solo_prompt.has_value());
  for (int i = 0; i < 3; ++i) h.frame();  // the dialog settles where it is drawn
  CHECK(h.probe().saw_text("Your name, or a pseudonym"));
}

// Plays the first choice at every stage to the end and opens the debrief.
void play_to_debrief(Headless& h) {
  for (int guard = 0; guard < 50 && !h.app().play()->teams()[0].session->finished(); ++guard) {
    for (int a = 0; a < 20 && h.probe().find("Acknowledge"); ++a) h.click("Acknowledge");
    const ProbeItem* first = nullptr;
    for (const auto& it : h.probe().items())
      if (it.kind == "choice" && it.enabled) {
        first = &it;
        break;
      }
    REQUIRE(first);
    const std::string label = first->label;
    REQUIRE(h.click(label));
  }
  for (int a = 0; a < 20 && h.probe().find("Acknowledge"); ++a) h.click("Acknowledge");
  REQUIRE(h.click("Open the debrief"));
  REQUIRE(h.app().screen() == Screen::Debrief);
}

}  // namespace

TEST_CASE("playing solo records the learner's pseudonym and the debrief saves a certificate naming them") {
  const std::string dir = scratch("named");
  Headless h(app_config_in(dir), {1280, 4000});
  play_solo(h);
  REQUIRE(h.type_into("##solo-name", "Learner 7 <b>&amp;</b>"));
  REQUIRE(h.click("I am an officer"));
  REQUIRE(h.click("Start##solo"));
  REQUIRE(h.app().screen() == Screen::Play);
  const std::string id = h.app().play()->team(0).session_id;
  {
    auto db = store::Store::open(dir + "/results.db");
    auto rec = db.load_session(id);
    REQUIRE(rec->participants.size() == 1);
    CHECK(rec->participants[0].display_name == "Learner 7 <b>&amp;</b>");
    CHECK(rec->participants[0].role == store::Role::Staff);
    CHECK(rec->audience == "staff");
  }
  play_to_debrief(h);
  CHECK(h.probe().saw_text("Certificate of completion"));
  const std::string out = dir + "/certificate.pdf";
  h.app().debrief()->certificate().path = out;
  REQUIRE(h.click("Save certificate"));
  CHECK(h.probe().saw_text("Saved " + out));
  const std::string pdf = file_bytes(out);
  CHECK(pdf.starts_with("%PDF"));
  struct stat st {};
  REQUIRE(::stat(out.c_str(), &st) == 0);
  CHECK((st.st_mode & 077) == 0);  // it names the learner: the owner's alone
  // Marked as the reports of a public scenario are.
  CHECK(pdf_words(out).find("PartA\u2014public") != std::string::npos);
  CHECK(pdf_words(out).find("EXEMPT") == std::string::npos);
  // Completion is recorded: the session is finished, with its time.
  auto db = store::Store::open(dir + "/results.db");
  auto rec = db.load_session(id);
  CHECK(rec->summary.status == store::Status::Finished);
  CHECK_FALSE(rec->summary.finished_at.empty());
}

TEST_CASE("played without a name, or cancelled, there is no certificate and the debrief says why") {
  const std::string dir = scratch("unnamed");
  Headless h(app_config_in(dir), {1280, 4000});
  play_solo(h);
  REQUIRE(h.click("Cancel##solo"));
  CHECK_FALSE(h.app().library().solo_prompt.has_value());
  CHECK(h.app().screen() == Screen::Library);
  play_solo(h);
  REQUIRE(h.type_into("##solo-name", "   "));  // blank: unnamed
  REQUIRE(h.click("Start##solo"));
  REQUIRE(h.app().screen() == Screen::Play);
  play_to_debrief(h);
  CHECK(h.probe().saw_text("No name or pseudonym was given"));
  CHECK(h.probe().find("Save certificate") == nullptr);
}

TEST_CASE("a certificate renders whatever the name, and says so when a detail is missing") {
  reports::CompletionCertificate c;
  c.learner = "Cllr \xC3\x81ine O'Brien-\xC5\xB4yn <script>";
  c.scenario_title = "Flat 12 & the \"boy called J\"";
  c.completed_at = "2026-03-12T20:15:00.000Z";
  c.outcome = "good";
  c.key_actions = 5;
  c.key_actions_achieved = 4;
  CHECK(reports::render_certificate_pdf(c).starts_with("%PDF"));
  c.learner = std::string("bad \xFF bytes\x07", 12);
  c.scenario_title.clear();
  c.completed_at.clear();
  CHECK(reports::render_certificate_pdf(c).starts_with("%PDF"));
}

TEST_CASE("the certificate of a Part B scenario carries the exempt marking, as its reports do") {
  const std::string dir = scratch("part-b");
  Headless h(app_config_in(dir), {1280, 4000});
  play_solo(h, "Exchequer");
  REQUIRE(h.type_into("##solo-name", "Learner 9"));
  REQUIRE(h.click("Start##solo"));
  REQUIRE(h.app().screen() == Screen::Play);
  REQUIRE(h.app().play()->scenario().classification == Classification::PartB);
  play_to_debrief(h);
  const std::string out = dir + "/certificate.pdf";
  h.app().debrief()->certificate().path = out;
  REQUIRE(h.click("Save certificate"));
  const std::string words = pdf_words(out);
  CHECK(words.find("EXEMPTINFORMATION") != std::string::npos);
  CHECK(words.find("Schedule12A") != std::string::npos);
  CHECK(words.find("PartA\u2014public") == std::string::npos);
}
