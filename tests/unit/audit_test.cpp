// The audit half of a desktop audit (sim/audit/audit.hpp): findings come from the group's control
// checks, the opinion is proposed from them against the definitions, and bad records (checks of
// key actions the scenario lacks, many versions of one check, an opinion nobody defined) never
// reach a report as if they were sound.
#include <doctest/doctest.h>

#include <string>

#include "scenario_builder.hpp"
#include "sim/audit/audit.hpp"

using namespace auditsim;
using namespace auditsim::audit;
using auditsim::testing::ScenarioBuilder;

namespace {

// Four key actions: two high, one medium, one low; the first carries a full control question.
Scenario audit_scenario() {
  ScenarioBuilder b("audit-scenario");
  b.node("start");
  b.ending("end", Outcome::Good);
  b.choice("start", "go", "end");
  b.key_action("check-supplier", Pillar::Protect, Priority::High);
  b.key_action("verify-bank", Pillar::Protect, Priority::High);
  b.key_action("report-fraud", Pillar::Pursue, Priority::Medium);
  b.key_action("refresh-training", Pillar::Prepare, Priority::Low);
  Scenario s = b.raw();
  s.key_actions[0].text = "Every new supplier over £25,000 is checked at Companies House";
  s.key_actions[0].control = ControlQuestion{
      "For every new supplier over £25,000, do we check Companies House before award?",
      "Head of Procurement", "A front company could win a contract unnoticed.", {}};
  return s;
}

ControlCheck check(const std::string& key_action, ControlStatus status, int64_t seq = 0) {
  ControlCheck c;
  c.key_action = key_action;
  c.status = status;
  c.seq = seq;
  return c;
}

AuditRecord with_checks(std::initializer_list<ControlCheck> checks) {
  AuditRecord r;
  int64_t seq = 0;
  for (ControlCheck c : checks) {
    if (c.seq == 0) c.seq = ++seq;
    r.checks.push_back(c);
  }
  return r;
}

}  // namespace

TEST_CASE("prefilled wording: condition from status, question and evidence, criteria the key action") {
  const Scenario s = audit_scenario();
  ControlCheck c = check("check-supplier", ControlStatus::Partly);
  c.evidence = "Checks are done for tenders but not for quotes";
  c.evidence_ref = "Contract Procedure Rules 2024, rule 7.3";
  const FindingWording w = prefilled_wording(s, 0, c);
  CHECK(w.condition.find("only partly in place") != std::string::npos);
  CHECK(w.condition.find("do we check Companies House before award?") != std::string::npos);
  CHECK(w.condition.find("Checks are done for tenders but not for quotes "
                         "(Contract Procedure Rules 2024, rule 7.3).") != std::string::npos);
  CHECK(w.criteria == "Every new supplier over £25,000 is checked at Companies House.");
  CHECK(w.cause == "Not established by the group.");
  CHECK(w.effect == "A front company could win a contract unnoticed.");
}

TEST_CASE("prefilled wording: each status says what the group found, and no evidence is said") {
  const Scenario s = audit_scenario();
  CHECK(prefilled_wording(s, 1, check("verify-bank", ControlStatus::NotInPlace)).condition.find(
            "no such control in place") != std::string::npos);
  const FindingWording unknown = prefilled_wording(s, 1, check("verify-bank", ControlStatus::NotKnown));
  CHECK(unknown.condition.find("could say whether") != std::string::npos);
  CHECK(unknown.condition.find("No evidence was seen.") != std::string::npos);
  // No control question: the key action's own words say what was asked, and the effect falls
  // back to the pillar the exercise showed.
  CHECK(unknown.condition.find("Criterion verify-bank.") != std::string::npos);
  CHECK(unknown.effect.find("under Protect") != std::string::npos);
}

TEST_CASE("prefilled wording: the group's cause is used, a key action out of range does not crash") {
  const Scenario s = audit_scenario();
  ControlCheck c = check("verify-bank", ControlStatus::NotInPlace);
  c.cause = "  Staff turnover in the payments team  ";
  CHECK(prefilled_wording(s, 1, c).cause == "Staff turnover in the payments team.");
  const FindingWording w = prefilled_wording(s, 99, check("ghost", ControlStatus::NotKnown));
  CHECK(w.condition.find("\"ghost\"") != std::string::npos);
  CHECK_FALSE(w.criteria.empty());
  CHECK_FALSE(prefilled_wording(s, -1, c).effect.empty());
}

TEST_CASE("findings come from the checks: in place gives none, high priority first, then scenario order") {
  const Scenario s = audit_scenario();
  const AuditRecord r = with_checks({check("refresh-training", ControlStatus::Partly),
                                     check("report-fraud", ControlStatus::NotKnown),
                                     check("verify-bank", ControlStatus::NotInPlace),
                                     check("check-supplier", ControlStatus::InPlace)});
  const auto f = findings_from_checks(s, r);
  REQUIRE(f.size() == 3);
  CHECK(f[0].key_action == 1);
  CHECK(f[0].priority == Priority::High);
  CHECK(f[0].status == ControlStatus::NotInPlace);
  CHECK(f[1].key_action == 2);
  CHECK(f[1].priority == Priority::Medium);
  CHECK(f[2].key_action == 3);
  CHECK(f[2].priority == Priority::Low);
}

TEST_CASE("findings: the group's edits win over the prefilled wording, the scenario's owner fills in") {
  const Scenario s = audit_scenario();
  ControlCheck c = check("check-supplier", ControlStatus::NotInPlace);
  c.condition = "We never check Companies House for quotes.";
  c.effect = "   ";  // blank: the prefilled effect
  c.due_date = "2027-03-31";
  c.evidence_ref = "CPR 7.3";
  const auto f = findings_from_checks(s, with_checks({c}));
  REQUIRE(f.size() == 1);
  CHECK(f[0].condition == "We never check Companies House for quotes.");
  CHECK(f[0].criteria == "Every new supplier over £25,000 is checked at Companies House.");
  CHECK(f[0].effect == "A front company could win a contract unnoticed.");
  CHECK(f[0].question.find("Companies House") != std::string::npos);
  CHECK(f[0].owner == "Head of Procurement");
  CHECK(f[0].due_date == "2027-03-31");
  CHECK(f[0].evidence_ref == "CPR 7.3");
  c.owner = "Procurement Manager";
  CHECK(findings_from_checks(s, with_checks({c}))[0].owner == "Procurement Manager");
}

TEST_CASE("hostile record: checks of key actions the scenario does not have are ignored") {
  const Scenario s = audit_scenario();
  const AuditRecord r = with_checks({check("no-such-action", ControlStatus::NotInPlace),
                                     check("", ControlStatus::NotKnown),
                                     check("report-fraud", ControlStatus::Partly)});
  const auto f = findings_from_checks(s, r);
  REQUIRE(f.size() == 1);
  CHECK(f[0].key_action == 2);
  const Opinion o = assess_opinion(s, r, OpinionDefinitions{});
  CHECK(o.checks_recorded == 1);
}

TEST_CASE("hostile record: many versions of one check give one finding, the latest") {
  const Scenario s = audit_scenario();
  const AuditRecord r = with_checks({check("verify-bank", ControlStatus::NotKnown),
                                     check("verify-bank", ControlStatus::NotInPlace),
                                     check("verify-bank", ControlStatus::InPlace),
                                     check("verify-bank", ControlStatus::Partly)});
  const auto f = findings_from_checks(s, r);
  REQUIRE(f.size() == 1);
  CHECK(f[0].status == ControlStatus::Partly);
  // Fixed later: in place, no finding.
  AuditRecord fixed = r;
  fixed.checks.push_back(check("verify-bank", ControlStatus::InPlace, 10));
  CHECK(findings_from_checks(s, fixed).empty());
}

TEST_CASE("names written another way: a key action id with other capitals or spaces is the same check") {
  const Scenario s = audit_scenario();
  const AuditRecord r = with_checks({check("verify-bank", ControlStatus::NotInPlace),
                                     check(" Verify-Bank ", ControlStatus::Partly)});
  const auto f = findings_from_checks(s, r);
  REQUIRE(f.size() == 1);
  CHECK(f[0].status == ControlStatus::Partly);  // the later recording
  CHECK(assess_opinion(s, r, OpinionDefinitions{}).checks_recorded == 1);
}

TEST_CASE("opinion definitions: four CIPFA-style levels, each defined, with the two rules") {
  const OpinionDefinitions d;
  CHECK(d.labels[0] == "Substantial");
  CHECK(d.labels[3] == "No assurance");
  for (const std::string& text : d.definitions) CHECK(text.size() > 40);
  CHECK(d.cap_level_for_high == 2);
  CHECK(d.high_findings_for_lowest == 3);
  for (Priority p : {Priority::High, Priority::Medium, Priority::Low})
    CHECK(std::string(priority_definition(p)).size() > 20);
}

TEST_CASE("opinion: none without checks, proposed from the findings with a one-sentence basis") {
  const Scenario s = audit_scenario();
  const OpinionDefinitions d;
  const Opinion none = assess_opinion(s, AuditRecord{}, d);
  CHECK_FALSE(none.available);
  CHECK(none.checks_recorded == 0);
  CHECK(none.key_actions == 4);

  const Opinion clean = assess_opinion(
      s, with_checks({check("check-supplier", ControlStatus::InPlace),
                      check("verify-bank", ControlStatus::InPlace),
                      check("report-fraud", ControlStatus::InPlace),
                      check("refresh-training", ControlStatus::InPlace)}), d);
  CHECK(clean.available);
  CHECK(clean.proposed == "Substantial");
  CHECK(clean.basis == "Every control checked was found in place.");

  const Opinion low = assess_opinion(s, with_checks({check("refresh-training", ControlStatus::Partly)}), d);
  CHECK(low.proposed == "Substantial");
  CHECK(low.basis.find("1 of the 4 key actions checked") != std::string::npos);

  const Opinion medium = assess_opinion(s, with_checks({check("report-fraud", ControlStatus::NotKnown)}), d);
  CHECK(medium.proposed == "Reasonable");
  CHECK(medium.basis.find("1 medium-priority finding (report-fraud)") != std::string::npos);

  const Opinion high = assess_opinion(s, with_checks({check("verify-bank", ControlStatus::Partly),
                                                      check("report-fraud", ControlStatus::InPlace)}), d);
  CHECK(high.proposed == "Limited");
  CHECK(high.proposed_level == 2);
  CHECK(high.basis.find("1 high-priority finding (verify-bank) caps the opinion at Limited") == 0);
  CHECK(high.label() == "Limited");
}

TEST_CASE("opinion: enough high-priority findings propose the lowest level, the rules are settings") {
  const Scenario s = audit_scenario();
  OpinionDefinitions d;
  d.high_findings_for_lowest = 2;
  const AuditRecord r = with_checks({check("check-supplier", ControlStatus::NotInPlace),
                                     check("verify-bank", ControlStatus::NotKnown)});
  const Opinion o = assess_opinion(s, r, d);
  CHECK(o.proposed == "No assurance");
  CHECK(o.basis.find("2 high-priority findings (check-supplier, verify-bank)") == 0);
  // Rules out of range (built by hand, not through the settings) are clamped, not trusted.
  d.high_findings_for_lowest = -5;
  d.cap_level_for_high = 42;
  CHECK(assess_opinion(s, r, d).proposed == "No assurance");
  d.high_findings_for_lowest = 99;
  CHECK(assess_opinion(s, r, d).proposed == "No assurance");  // capped at the lowest level
}

TEST_CASE("opinion: the auditor's setting wins with its reason, other capitals match the definition") {
  const Scenario s = audit_scenario();
  AuditRecord r = with_checks({check("verify-bank", ControlStatus::Partly)});
  r.opinions.push_back(OpinionSetting{1, "Substantial", "first thoughts", "CIA", ""});
  r.opinions.push_back(OpinionSetting{2, "  reasonable ", "Compensating control seen", "CIA", ""});
  const Opinion o = assess_opinion(s, r, OpinionDefinitions{});
  CHECK(o.proposed == "Limited");
  REQUIRE(o.set.has_value());
  CHECK(o.set->label == "Reasonable");
  CHECK(o.set->reason == "Compensating control seen");
  CHECK(o.label() == "Reasonable");
}

TEST_CASE("hostile record: an opinion label not in the definitions is not used, and the basis says so") {
  const Scenario s = audit_scenario();
  AuditRecord r = with_checks({check("verify-bank", ControlStatus::Partly)});
  r.opinions.push_back(OpinionSetting{1, "Gold star", "looks fine", "CIA", ""});
  const Opinion o = assess_opinion(s, r, OpinionDefinitions{});
  CHECK_FALSE(o.set.has_value());
  CHECK(o.label() == "Limited");
  CHECK(o.basis.find("\"Gold star\" is not one of the defined opinions") != std::string::npos);
  // A setting without any checks is no opinion at all.
  AuditRecord no_checks;
  no_checks.opinions.push_back(OpinionSetting{1, "Substantial", "r", "CIA", ""});
  const Opinion none = assess_opinion(s, no_checks, OpinionDefinitions{});
  CHECK_FALSE(none.available);
  CHECK_FALSE(none.set.has_value());
}

TEST_CASE("scope and limitations: a simulated exercise, the group's assessment unless tested") {
  AuditScope scope;
  const std::string untested = scope_and_limitations(scope, 3, 4);
  CHECK(untested.find("simulated exercise") != std::string::npos);
  CHECK(untested.find("internal audit has not tested them") != std::string::npos);
  CHECK(untested.find("3 of the 4 key actions were checked; the opinion covers only those.") !=
        std::string::npos);
  scope.controls_tested = true;
  scope.testing_note = "walk-through and a sample of 20 supplier set-ups";
  const std::string tested = scope_and_limitations(scope, 4, 4);
  CHECK(tested.find("the controls were tested: walk-through and a sample of 20 supplier set-ups.") !=
        std::string::npos);
  CHECK(tested.find("has not tested") == std::string::npos);
  CHECK(tested.find("4 of the 4 key actions were checked.") != std::string::npos);
  const std::string none = scope_and_limitations(AuditScope{}, 0, 4);
  CHECK(none.find("no assurance opinion is given") != std::string::npos);
  CHECK(scope_and_limitations(AuditScope{}, 1, 1).find("1 of the 1 key actions was checked.") !=
        std::string::npos);
}

TEST_CASE("action overdue: past due and not done, done, blank and malformed dates never are") {
  CHECK(action_overdue("2027-01-31", "open", "2027-02-01"));
  CHECK(action_overdue("2027-01-31", "in-progress", "2027-02-01"));
  CHECK_FALSE(action_overdue("2027-02-01", "open", "2027-02-01"));  // due today is not overdue
  CHECK_FALSE(action_overdue("2027-01-31", "done", "2027-02-01"));
  CHECK_FALSE(action_overdue("2027-01-31", " Done ", "2027-02-01"));
  CHECK_FALSE(action_overdue("", "open", "2027-02-01"));
  CHECK_FALSE(action_overdue("next Friday", "open", "2027-02-01"));
  CHECK_FALSE(action_overdue("2027-02-30", "open", "2027-03-01"));
  CHECK_FALSE(action_overdue("2027-01-31", "open", "not a date"));
  CHECK(action_overdue(" 2027-01-31 ", "open", "2027-02-01"));
}
