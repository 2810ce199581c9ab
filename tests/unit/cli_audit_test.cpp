// `auditsim audit ...`: a desktop audit driven end to end from the command line, as a script
// would (docs/cli.md), and every refusal with its words and exit code.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/run_process.hpp"
#include "tests/support/test_files.hpp"

using auditsim::test::kTutorial;
using auditsim::test::ProcessResult;
using auditsim::test::run_process;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Runs `auditsim --db DB ARGS...` with scratch settings.
class Auditsim {
 public:
  explicit Auditsim(const std::string& name)
      : dir_(auditsim::test::fresh_scratch_dir(name)), db_((dir_ / "results.db").string()) {
    fs::create_directories(dir_ / "config");
    fs::create_directories(dir_ / "data");
  }
  ProcessResult operator()(const std::vector<std::string>& args) const {
    std::vector<std::string> all{AUDITSIM_BINARY, "--db", db_};
    all.insert(all.end(), args.begin(), args.end());
    return run_process(all, "",
                       {"XDG_CONFIG_HOME=" + (dir_ / "config").string(),
                        "XDG_DATA_HOME=" + (dir_ / "data").string()});
  }
  // Plays the tutorial with `--auto worst`; returns the session's id.
  std::string play() const {
    const ProcessResult r = (*this)({"play", kTutorial, "--auto", "worst", "--json"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out)["session_id"].get<std::string>();
  }
  json ok_json(const std::vector<std::string>& args) const {
    const ProcessResult r = (*this)(args);
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return json::parse(r.out);
  }

 private:
  fs::path dir_;
  std::string db_;
};

// The refusal must exit with `code` and say `words` on standard error.
void refused(const ProcessResult& r, int code, const std::string& words) {
  INFO(r.err);
  CHECK(r.exit_code == code);
  CHECK(r.err.find(words) != std::string::npos);
  CHECK(r.out.empty());
}

}  // namespace

TEST_CASE("a desktop audit from play to opinion through the command line, shown as text and JSON") {
  const Auditsim run("cli-audit-e2e");
  const std::string id = run.play();
  const std::string s = id.substr(0, 8);
  struct Check {
    const char* key_action;
    const char* status;
  };
  const Check checks[] = {{"independent-verification", "not-in-place"},
                          {"report-fraud", "partly"},
                          {"callback-procedure", "in-place"},
                          {"warn-others", "not-known"},
                          {"brief-committee", "in-place"}};
  for (const Check& c : checks) {
    const ProcessResult r =
        run({"audit", "check", s, c.key_action, "--status", c.status, "--evidence",
             "Seen at the meeting", "--owner", "Head of Finance", "--due", "2027-03-31", "--by",
             "Chief Internal Auditor"});
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(r.out.find(std::string("Recorded for session ") + s + ": " + c.key_action) == 0);
  }
  // A second version of one check keeps what it does not change.
  json again = run.ok_json({"audit", "check", s, "report-fraud", "--status", "not-in-place",
                            "--cause", "No reporting route agreed", "--json"});
  CHECK(again["version"] == 2);
  CHECK(again["evidence"] == "Seen at the meeting");
  CHECK(again["cause"] == "No reporting route agreed");
  CHECK(again["session"] == id);

  const ProcessResult rec =
      run({"audit", "recommend", s, "--to", "cabinet", "--text",
           "That Cabinet be recommended to require a call-back to a known number", "--finding",
           "independent-verification", "--finding", "report-fraud", "--by", "Cllr Ann Example"});
  INFO(rec.err);
  REQUIRE(rec.exit_code == 0);
  const std::string rec_id = rec.out.substr(0, rec.out.find('\n'));
  CHECK(rec_id.size() == 36);  // only the id, for the script to keep
  json second = run.ok_json({"audit", "recommend", s, "--to", "community-safety-partnership",
                             "--addressee", "Lancashire CSP", "--text",
                             "That the Partnership be requested to share fraud alerts", "--json"});
  CHECK(second["number"] == 2);
  const std::string second_id = second["id"];

  json agreed = run.ok_json({"audit", "respond", rec_id.substr(0, 8), "--by",
                             "Corporate Management Team", "--response", "agreed", "--text",
                             "Agreed: in place by March", "--date", "2027-01-15", "--json"});
  CHECK(agreed["recommendation"] == rec_id);
  REQUIRE(agreed["action"].is_object());
  CHECK(agreed["action"]["finding"] == "independent-verification");
  CHECK(agreed["action"]["owner"] == "Head of Finance");
  CHECK(agreed["action"]["due_date"] == "2027-03-31");
  CHECK(agreed["action"]["priority"] == "high");
  CHECK(agreed["action"]["recommendation"] == rec_id);
  const std::string action_id = agreed["action"]["id"];
  // Cabinet agreeing too adds no second action for the same recommendation.
  json cabinet = run.ok_json({"audit", "respond", rec_id, "--by", "Cabinet", "--response",
                              "partly", "--text", "Agreed for changes over 5,000 pounds", "--json"});
  CHECK(cabinet["action"].is_null());
  json declined = run.ok_json({"audit", "respond", second_id, "--by", "Community Safety Partnership",
                               "--response", "not-agreed", "--text", "Not our role", "--json"});
  CHECK(declined["action"].is_null());

  const ProcessResult opinion =
      run({"audit", "opinion", s, "--set", "limited", "--reason",
           "Two high-priority controls are not in place", "--by", "Chief Internal Auditor"});
  INFO(opinion.err);
  REQUIRE(opinion.exit_code == 0);
  CHECK(opinion.out.find("set to Limited") != std::string::npos);
  REQUIRE(run({"audit", "scope", s, "--tested", "--note", "Walk-through of five changes"})
              .exit_code == 0);
  REQUIRE(run({"audit", "final", s}).exit_code == 0);
  json progress = run.ok_json({"audit", "action", action_id.substr(0, 8), "--status",
                               "in-progress", "--note", "Procedure drafted", "--review",
                               "Six-month monitoring, 2027-06-10", "--json"});
  CHECK(progress["action"] == action_id);

  const ProcessResult text = run({"audit", "show", s, "--today", "2027-06-10"});
  INFO(text.err);
  REQUIRE(text.exit_code == 0);
  for (const char* words :
       {"Report: Final, version 1", "Control checks (5)", "report-fraud: Not in place (version 2",
        "Findings (3)", "1. [high] independent-verification: Not in place",
        "Cause:     No reporting route agreed", "Recommendations (2)",
        "Response:  Corporate Management Team: Agreed (2027-01-15). Agreed: in place by March",
        "Response:  Cabinet: Partly agreed", "Due:       2027-03-31  OVERDUE",
        "Exercise rating (the score of the story, not an audit opinion): ",
        "Assurance opinion: Limited, set by the auditor (Chief Internal Auditor): Two "
        "high-priority controls are not in place"})
    CHECK_MESSAGE(text.out.find(words) != std::string::npos, words);

  const json j = run.ok_json({"audit", "show", id, "--json", "--today", "2027-06-10"});
  CHECK(j["session"] == id);
  CHECK(j["checks"].size() == 5);
  CHECK(j["not_checked"].empty());
  REQUIRE(j["findings"].size() == 3);
  CHECK(j["findings"][0]["priority"] == "high");
  CHECK(j["findings"][0]["key_action"] == "independent-verification");
  REQUIRE(j["recommendations"].size() == 2);
  CHECK(j["recommendations"][0]["id"] == rec_id);
  CHECK(j["recommendations"][0]["findings"] ==
        json::array({"independent-verification", "report-fraud"}));
  CHECK(j["recommendations"][0]["responses"].size() == 2);
  CHECK(j["recommendations"][1]["responses"][0]["response"] == "not-agreed");
  REQUIRE(j["actions"].size() == 1);
  CHECK(j["actions"][0]["status"] == "in-progress");
  CHECK(j["actions"][0]["overdue"] == true);
  CHECK(j["actions"][0]["updates"].size() == 1);
  CHECK(j["exercise_rating"]["available"] == true);
  CHECK_FALSE(j["exercise_rating"]["definition"].get<std::string>().empty());
  CHECK(j["opinion"]["available"] == true);
  CHECK(j["opinion"]["label"] == "Limited");
  CHECK(j["opinion"]["set"]["reason"] == "Two high-priority controls are not in place");
  CHECK(j["opinion"]["checks_recorded"] == 5);
  CHECK(j["scope"]["stage"] == "final");
  CHECK(j["scope"]["controls_tested"] == true);
  CHECK(j["scope"]["limitations"].get<std::string>().size() > 20);
  // Done, the action is no longer overdue.
  REQUIRE(run({"audit", "action", action_id, "--status", "done"}).exit_code == 0);
  CHECK(run.ok_json({"audit", "show", s, "--json", "--today", "2027-06-10"})["actions"][0]
            ["overdue"] == false);
}

TEST_CASE("with no checks recorded the audit shows no assurance opinion, only the exercise rating") {
  const Auditsim run("cli-audit-empty");
  const std::string id = run.play();
  const ProcessResult text = run({"audit", "show", id});
  INFO(text.err);
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("Assurance opinion: none: no control checks are recorded yet.") !=
        std::string::npos);
  CHECK(text.out.find("Not yet checked: independent-verification, report-fraud") !=
        std::string::npos);
  const json j = run.ok_json({"audit", "show", id, "--json"});
  CHECK(j["opinion"]["available"] == false);
  CHECK(j["findings"].empty());
  CHECK(j["exercise_rating"]["available"] == true);
}

TEST_CASE("audit refuses an unknown key action, status, date, addressee, label or recommendation in plain words") {
  const Auditsim run("cli-audit-refusals");
  const std::string id = run.play();
  const std::string s = id.substr(0, 8);
  refused(run({"audit", "check", s, "independent-verfication", "--status", "partly"}), 2,
          "has no key action 'independent-verfication'; its key actions are brief-committee, "
          "callback-procedure, independent-verification");
  refused(run({"audit", "check", s, "report-fraud", "--status", "maybe"}), 2,
          "--status must be in-place, partly, not-in-place or not-known, not `maybe`");
  refused(run({"audit", "check", s, "report-fraud", "--status", "partly", "--due", "2027-02-30"}),
          2, "\"2027-02-30\" is not a date: write it as YYYY-MM-DD");
  refused(run({"audit", "check", "ffffffff", "report-fraud", "--status", "partly"}), 1,
          "There is no session ffffffff");
  refused(run({"audit", "recommend", s, "--to", "the-mayor", "--text", "x"}), 2,
          "--to must be one of cabinet, cabinet-member, management-team, "
          "community-safety-partnership, police, partner or officer, not `the-mayor`");
  refused(run({"audit", "recommend", s, "--to", "cabinet", "--text", "   "}), 2, "needs its text");
  refused(run({"audit", "recommend", s, "--to", "cabinet", "--text", "x", "--finding", "nope"}),
          2, "no key action 'nope'");
  refused(run({"audit", "opinion", s, "--set", "Limited", "--reason", "  "}), 2,
          "needs a recorded reason");
  refused(run({"audit", "opinion", s, "--set", "Good", "--reason", "x"}), 2,
          "--set must be one of the configured opinion levels (Substantial, Reasonable, Limited, "
          "No assurance), not `Good`");
  refused(run({"audit", "respond", "ffffffff", "--by", "Cabinet", "--response", "agreed",
               "--text", "x"}),
          1, "There is no recommendation ffffffff");
  const std::string rec =
      run({"audit", "recommend", s, "--to", "cabinet", "--text", "A recommendation"}).out.substr(0, 36);
  refused(run({"audit", "respond", rec, "--by", "Cabinet", "--response", "yes", "--text", "x"}), 2,
          "--response must be agreed, partly or not-agreed, not `yes`");
  refused(run({"audit", "respond", rec, "--by", "Cabinet", "--response", "agreed", "--text", "x",
               "--date", "2027-02-30"}),
          2, "is not a date");
  refused(run({"audit", "scope", s}), 2, "give one of --tested");
  refused(run({"audit", "action", "ffffffff", "--status", "done"}), 1,
          "There is no improvement action ffffffff");
  refused(run({"audit", "action", "ffffffff", "--status", "finished"}), 2,
          "--status must be open, in-progress or done");
  refused(run({"audit", "show", "ffffffff"}), 1, "There is no session ffffffff");
  // Nothing refused was recorded.
  const json j = run.ok_json({"audit", "show", s, "--json"});
  CHECK(j["checks"].empty());
  CHECK(j["recommendations"].size() == 1);
  CHECK(j["recommendations"][0]["responses"].empty());
  CHECK(j["opinion"]["set"].is_null());
}

TEST_CASE("final, draft and final again give the report's stage and version") {
  const Auditsim run("cli-audit-stage");
  const std::string id = run.play();
  auto scope = [&](const char* cmd) { return run.ok_json({"audit", cmd, id, "--json"}); };
  json s = scope("draft");
  CHECK(s["stage"] == "draft");
  CHECK(s["report_version"] == 1);
  s = scope("final");
  CHECK(s["stage"] == "final");
  CHECK(s["report_version"] == 1);
  s = scope("draft");
  CHECK(s["stage"] == "draft");
  CHECK(s["report_version"] == 2);
  s = scope("final");
  CHECK(s["report_version"] == 2);
  s = scope("final");
  CHECK(s["report_version"] == 3);
  s = run.ok_json({"audit", "scope", id, "--not-tested", "--json"});
  CHECK(s["controls_tested"] == false);
  CHECK(s["stage"] == "final");
  CHECK(s["report_version"] == 3);
}
