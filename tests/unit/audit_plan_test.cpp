// Agreed recommendations become improvement-plan actions (sim/audit/plan.hpp): which response
// makes an action, and what the action carries from the checks and the scenario.
#include <doctest/doctest.h>

#include "sim/audit/plan.hpp"
#include "sim/load.hpp"

using namespace auditsim;
using namespace auditsim::audit;

namespace {

ScenarioPtr tutorial() {
  LoadResult r = load_scenario_file(std::string(AUDITSIM_SCENARIOS_DIR) +
                                    "/examples/tutorial-supplier-bank-details.yaml");
  REQUIRE(r.ok());
  return r.scenario;
}

AuditRecord record_with(const std::vector<std::string>& findings, bool withdrawn = false) {
  AuditRecord r;
  ControlCheck c;
  c.seq = 1;
  c.key_action = "report-fraud";
  c.status = ControlStatus::NotInPlace;
  c.owner = "Head of Finance";
  c.due_date = "2027-03-31";
  r.checks.push_back(c);
  c.seq = 2;
  c.owner = "Section 151 Officer";  // the later version wins
  r.checks.push_back(c);
  Recommendation rec;
  rec.id = "rec-1";
  rec.version = 1;
  rec.number = 1;
  rec.text = "That Cabinet agree a fraud reporting route";
  rec.findings = findings;
  rec.withdrawn = withdrawn;
  r.recommendations.push_back(rec);
  return r;
}

Response response(ResponseKind kind) {
  Response r;
  r.recommendation = "rec-1";
  r.by = "Cabinet";
  r.response = kind;
  return r;
}

}  // namespace

TEST_CASE("an agreed recommendation becomes an action with its finding's owner, date and priority") {
  const ScenarioPtr s = tutorial();
  const AuditRecord r = record_with({"report-fraud", "callback-procedure"});
  for (ResponseKind kind : {ResponseKind::Agreed, ResponseKind::Partly}) {
    auto a = action_for_response(s.get(), "session-1", r, {}, response(kind));
    REQUIRE(a);
    CHECK(a->session_id == "session-1");
    CHECK(a->action == "That Cabinet agree a fraud reporting route");
    CHECK(a->finding == "report-fraud");
    CHECK(a->owner == "Section 151 Officer");
    CHECK(a->due_date == "2027-03-31");
    CHECK(a->priority == "high");
    CHECK(a->recommendation == "rec-1");
  }
}

TEST_CASE("no action for a response not agreed, a withdrawn or unknown recommendation, or one already planned") {
  const ScenarioPtr s = tutorial();
  const AuditRecord r = record_with({"report-fraud"});
  CHECK_FALSE(action_for_response(s.get(), "s", r, {}, response(ResponseKind::NotAgreed)));
  CHECK_FALSE(action_for_response(s.get(), "s", record_with({"report-fraud"}, true), {},
                                  response(ResponseKind::Agreed)));
  Response other = response(ResponseKind::Agreed);
  other.recommendation = "rec-2";
  CHECK_FALSE(action_for_response(s.get(), "s", r, {}, other));
  store::ActionItem planned;
  planned.recommendation = "rec-1";
  CHECK_FALSE(action_for_response(s.get(), "s", r, {planned}, response(ResponseKind::Agreed)));
}

TEST_CASE("a recommendation answering no finding, or a scenario that no longer loads, gives a medium action") {
  const AuditRecord none = record_with({});
  auto a = action_for_response(tutorial().get(), "s", none, {}, response(ResponseKind::Agreed));
  REQUIRE(a);
  CHECK(a->finding.empty());
  CHECK(a->owner.empty());
  CHECK(a->priority == "medium");
  auto b = action_for_response(nullptr, "s", record_with({"report-fraud"}), {},
                               response(ResponseKind::Agreed));
  REQUIRE(b);
  CHECK(b->priority == "medium");
  CHECK(b->owner == "Section 151 Officer");
}
