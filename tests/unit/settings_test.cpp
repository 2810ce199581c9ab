// The settings file's audit parts: the assurance opinion's definitions and rules are saved and
// loaded like the other settings, and whatever a hand-edited file holds, a report never gets two
// opinions that read the same, a blank one, or rules outside the scale.
#include <doctest/doctest.h>

#include <fstream>
#include <string>

#include "sim/settings.hpp"
#include "tests/support/test_files.hpp"

using namespace auditsim;

namespace {

std::string scratch(const std::string& name) {
  return auditsim::test::fresh_scratch_dir("settings-" + name).string();
}

Settings load_text(const std::string& dir, const std::string& json, std::string& warning) {
  const std::string path = dir + "/settings.json";
  { std::ofstream(path) << json; }
  warning.clear();
  return load_settings(path, &warning);
}

}  // namespace

TEST_CASE("settings: the opinion's labels, definitions and rules round-trip") {
  const std::string dir = scratch("opinion-round-trip");
  Settings s;
  s.opinion.labels = {"Full", "Moderate", "Partial", "None"};
  s.opinion.definitions[1] = "Moderate, as the council's audit charter defines it.";
  s.opinion.cap_level_for_high = 1;
  s.opinion.high_findings_for_lowest = 5;
  std::string err, warn;
  REQUIRE(save_settings(s, dir + "/settings.json", &err));
  const Settings back = load_settings(dir + "/settings.json", &warn);
  CHECK(warn.empty());
  CHECK(back.opinion.labels == s.opinion.labels);
  CHECK(back.opinion.definitions == s.opinion.definitions);
  CHECK(back.opinion.cap_level_for_high == 1);
  CHECK(back.opinion.high_findings_for_lowest == 5);
}

TEST_CASE("settings: a file without opinion settings gets the CIPFA-style defaults") {
  std::string warn;
  const Settings s = load_text(scratch("opinion-absent"), R"({"theme": "dark"})", warn);
  CHECK(warn.empty());
  CHECK(s.opinion.labels == audit::OpinionDefinitions{}.labels);
  CHECK(s.opinion.definitions == audit::OpinionDefinitions{}.definitions);
}

TEST_CASE("settings: opinion rules out of range are clamped on load") {
  std::string warn;
  const Settings s = load_text(
      scratch("opinion-clamped"),
      R"({"opinion": {"cap_level_for_high": 17, "high_findings_for_lowest": -3}})", warn);
  CHECK(s.opinion.cap_level_for_high == 3);
  CHECK(s.opinion.high_findings_for_lowest == 1);
}

TEST_CASE("settings: blank opinion labels and definitions take the defaults, duplicates restore them") {
  const std::string dir = scratch("opinion-hostile");
  std::string warn;
  const Settings blank = load_text(
      dir, R"({"opinion": {"labels": ["Full", "  ", "Partial", "None"],
                           "definitions": ["", "d2", "d3", "d4"]}})", warn);
  CHECK(blank.opinion.labels[0] == "Full");
  CHECK(blank.opinion.labels[1] == "Reasonable");
  CHECK(blank.opinion.definitions[0] == audit::OpinionDefinitions{}.definitions[0]);
  CHECK(blank.opinion.definitions[1] == "d2");
  // Two labels a reader could not tell apart: the default labels, with a warning.
  const Settings dup = load_text(
      dir, R"({"opinion": {"labels": ["Good", "good ", "Poor", "None"]}})", warn);
  CHECK(dup.opinion.labels == audit::OpinionDefinitions{}.labels);
  CHECK(warn.find("opinion labels") != std::string::npos);
}

TEST_CASE("settings: opinion settings of the wrong shape are named in the warning, not thrown") {
  std::string warn;
  const Settings s = load_text(
      scratch("opinion-wrong-type"),
      R"({"opinion": {"labels": ["only", "three", "labels"], "cap_level_for_high": "high"}})",
      warn);
  CHECK(s.opinion.labels == audit::OpinionDefinitions{}.labels);
  CHECK(s.opinion.cap_level_for_high == 2);
  CHECK(warn.find("labels") != std::string::npos);
  CHECK(warn.find("cap_level_for_high") != std::string::npos);
}

TEST_CASE("settings: an older file's assurance scale loads as the exercise rating, old default labels replaced") {
  std::string warn;
  const Settings s = load_text(
      scratch("rating-old-file"),
      R"({"assurance": {"labels": ["Substantial", "Reasonable", "Limited", "No"], "thresholds": [75, 50, 25]}})",
      warn);
  CHECK(warn.empty());
  CHECK(s.scale.labels == RatingScale{}.labels);
  CHECK(s.scale.thresholds[0] == doctest::Approx(75.0));
  CHECK(s.scale.thresholds[2] == doctest::Approx(25.0));
  // A council's own labels from then are kept.
  const Settings own = load_text(
      scratch("rating-old-own-labels"),
      R"({"assurance": {"labels": ["Excellent", "Sound", "Patchy", "Poor"]}})", warn);
  CHECK(own.scale.labels[2] == "Patchy");
}

TEST_CASE("settings: the exercise rating's labels, definitions and thresholds round-trip under their own key") {
  const std::string dir = scratch("rating-round-trip");
  Settings s;
  s.scale.labels = {"Excellent", "Sound", "Patchy", "Poor"};
  s.scale.definitions[0] = "Everything the scenario looks for, on time.";
  s.scale.thresholds = {85, 65, 45};
  std::string err, warn;
  REQUIRE(save_settings(s, dir + "/settings.json", &err));
  CHECK(auditsim::test::file_bytes(dir + "/settings.json").find("\"rating\"") != std::string::npos);
  CHECK(auditsim::test::file_bytes(dir + "/settings.json").find("\"assurance\"") == std::string::npos);
  const Settings back = load_settings(dir + "/settings.json", &warn);
  CHECK(warn.empty());
  CHECK(back.scale.labels == s.scale.labels);
  CHECK(back.scale.definitions == s.scale.definitions);
  CHECK(back.scale.thresholds[0] == doctest::Approx(85.0));
}

TEST_CASE("settings: rating labels that read as an assurance opinion, or as each other, restore the defaults") {
  std::string warn;
  const Settings clash = load_text(
      scratch("rating-clash"), R"({"rating": {"labels": ["Substantial", "Good", "Fair", "Weak"]}})", warn);
  CHECK(clash.scale.labels == RatingScale{}.labels);
  CHECK(warn.find("rating labels") != std::string::npos);
  const Settings twice = load_text(
      scratch("rating-twice"), R"({"rating": {"labels": ["Good", " good", "Fair", "Weak"]}})", warn);
  CHECK(twice.scale.labels == RatingScale{}.labels);
  const Settings order = load_text(
      scratch("rating-thresholds"), R"({"rating": {"thresholds": [10, 50, 90]}})", warn);
  CHECK(order.scale.thresholds == RatingScale{}.thresholds);
  CHECK(warn.find("rating thresholds") != std::string::npos);
}

TEST_CASE("settings: the rating caps round-trip") {
  const std::string dir = scratch("rating-caps-round-trip");
  Settings s;
  s.scale.cap_level_for_missed_high = 1;
  s.scale.cap_level_for_mixed_ending = 2;
  s.scale.cap_level_for_poor_ending = 3;
  std::string err, warn;
  REQUIRE(save_settings(s, dir + "/settings.json", &err));
  const Settings back = load_settings(dir + "/settings.json", &warn);
  CHECK(warn.empty());
  CHECK(back.scale.cap_level_for_missed_high == 1);
  CHECK(back.scale.cap_level_for_mixed_ending == 2);
  CHECK(back.scale.cap_level_for_poor_ending == 3);
}

TEST_CASE("settings: a rating cap out of range is refused, named, and the default kept") {
  const std::string dir = scratch("rating-caps-out-of-range");
  std::string warning;
  const Settings s = load_text(dir,
                               R"({"rating": {"cap_level_for_mixed_ending": 4,
                                              "cap_level_for_poor_ending": -1,
                                              "cap_level_for_missed_high": 0}})",
                               warning);
  CHECK(s.scale.cap_level_for_mixed_ending == RatingScale{}.cap_level_for_mixed_ending);
  CHECK(s.scale.cap_level_for_poor_ending == RatingScale{}.cap_level_for_poor_ending);
  CHECK(s.scale.cap_level_for_missed_high == 0);  // 0 is in range: the cap switched off
  CHECK(warning.find("rating.cap_level_for_mixed_ending") != std::string::npos);
  CHECK(warning.find("rating.cap_level_for_poor_ending") != std::string::npos);
  CHECK(warning.find("cap_level_for_missed_high") == std::string::npos);
}

TEST_CASE("settings: a rating cap written as a word or a fraction is refused, not guessed at") {
  const std::string dir = scratch("rating-caps-wrong-type");
  std::string warning;
  const Settings s = load_text(
      dir, R"({"rating": {"cap_level_for_mixed_ending": "Good", "cap_level_for_poor_ending": 2.5}})",
      warning);
  CHECK(s.scale.cap_level_for_mixed_ending == 1);
  CHECK(s.scale.cap_level_for_poor_ending == 2);
  CHECK(warning.find("cap_level_for_mixed_ending") != std::string::npos);
  CHECK(warning.find("cap_level_for_poor_ending") != std::string::npos);
}

TEST_CASE("settings: the shared results server round-trips and becomes the default database") {
  const std::string dir = scratch("results-server-round-trip");
  Settings s;
  s.results_server = "postgresql://auditsim_recorder@db.example.gov.uk/auditsim";
  std::string err, warn;
  REQUIRE(save_settings(s, dir + "/settings.json", &err));
  const Settings back = load_settings(dir + "/settings.json", &warn);
  CHECK(warn.empty());
  CHECK(back.results_server == s.results_server);
  CHECK(default_database_path(back) == s.results_server);
  CHECK(default_database_path(Settings{}).find("/results.db") != std::string::npos);
}

TEST_CASE("settings: a results server with a password, or not postgresql://, is refused and named") {
  const std::string dir = scratch("results-server-refused");
  for (const char* bad : {"postgresql://auditsim_recorder:hunter2@db.example.gov.uk/auditsim",
                          "mysql://db.example.gov.uk/auditsim", "/home/me/results.db"}) {
    CAPTURE(bad);
    std::string warning;
    const Settings s = load_text(dir, std::string(R"({"results_server": ")") + bad + "\"}", warning);
    CHECK(s.results_server.empty());
    CHECK(warning.find("results_server") != std::string::npos);
    CHECK(warning.find("hunter2") == std::string::npos);
    CHECK_FALSE(results_server_problem(bad).empty());
  }
  CHECK(results_server_problem("").empty());
  CHECK(results_server_problem("postgresql://auditsim_recorder@db:5433/auditsim").empty());
  // A colon after the host (its port) is not a password.
  CHECK(results_server_problem("postgresql://db.example.gov.uk:5432/auditsim").empty());
}
