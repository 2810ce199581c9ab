// The desktop audit's screen controllers, without ImGui: control checks saved as versions with
// who and when, refusals shown and what was typed kept, recommendations suggested from the
// findings, agreed responses becoming actions, overdue actions flagged on a fixed day, the
// monitoring review, the opinion and the report's scope.
#include <doctest/doctest.h>

#include "tests/support/test_files.hpp"

#include <string>

#include "sim/load.hpp"
#include "sim/recording.hpp"
#include "sim/store/raw_connection.hpp"
#include "ui/controllers/desktop_audit.hpp"

using namespace auditsim;
using namespace auditsim::ui;

namespace {

const std::string kAuditScenario =
    std::string(AUDITSIM_TEST_DATA) + "/audit/three-controls-one-without-question.yaml";

// A finished group session of the audit scenario in a desktop-audit event led by Jane Auditor.
std::string record_session(store::Store& db, store::EventKind kind = store::EventKind::DesktopAudit,
                           const std::string& facilitator = "Jane Auditor") {
  LoadResult lr = load_and_check(kAuditScenario);
  REQUIRE_MESSAGE(lr.ok(), "the audit test scenario does not load");
  ManualClock clock;
  Session session(lr.scenario, clock);
  RecordingSetup setup;
  setup.event_name = "Audit committee desktop audit";
  setup.event_date = "2026-03-12";
  setup.event_kind = kind;
  setup.facilitator = facilitator;
  setup.mode = store::Mode::Group;
  SessionRecorder recorder(db, session, setup);
  REQUIRE(session.choose(std::string_view("change-it")));
  REQUIRE(session.choose(std::string_view("keep-quiet")));
  recorder.sync(session);
  return recorder.session_id();
}

struct Fixture {
  store::Store db;
  std::string id;
  std::unique_ptr<DesktopAudit> audit;
  explicit Fixture(const std::string& name, const std::string& facilitator = "Jane Auditor")
      : db(store::Store::open(test::fresh_scratch_dir("ui-audit-" + name) / "results.db")) {
    id = record_session(db, store::EventKind::DesktopAudit, facilitator);
    std::string err;
    audit = DesktopAudit::open(db, id, audit::OpinionDefinitions{}, "2026-03-12", &err);
    REQUIRE_MESSAGE(audit, err);
  }
  ControlChecksController& checks() { return audit->checks(); }
  RecommendationsController& recs() { return audit->recommendations(); }
  audit::AuditRecord stored() { return db.load_audit(id); }
};

int row_of(ControlChecksController& c, const std::string& id) {
  for (size_t i = 0; i < c.rows().size(); ++i)
    if (c.rows()[i].id == id) return static_cast<int>(i);
  FAIL("no row for " << id);
  return -1;
}

}  // namespace

TEST_CASE("the control checks list every key action with its question and the usual owner") {
  Fixture f("rows");
  auto& c = f.checks();
  REQUIRE(c.rows().size() == 3);
  const CheckRow& verify = c.rows()[static_cast<size_t>(row_of(c, "verify-bank-change"))];
  CHECK(verify.has_question);
  CHECK(verify.question.find("call the supplier back") != std::string::npos);
  CHECK(verify.draft.owner == "Head of Finance (Accounts Payable)");  // prefilled
  CHECK_FALSE(verify.recorded);
  const CheckRow& train = c.rows()[static_cast<size_t>(row_of(c, "train-staff"))];
  CHECK_FALSE(train.has_question);  // the key action's own words stand in
  CHECK(train.question == "Accounts payable staff were reminded of the signs of mandate fraud");
  CHECK(c.saved_state(0) == "Not checked yet");
  CHECK(f.audit->workspace().desktop_audit());
  CHECK(f.audit->workspace().recorded_by == "Jane Auditor");  // the event's facilitator
}

TEST_CASE("each status change and each edit is saved as a new version with who and when") {
  Fixture f("versions");
  auto& c = f.checks();
  const int r = row_of(c, "verify-bank-change");
  std::string err;
  REQUIRE_MESSAGE(c.set_status(r, audit::ControlStatus::Partly, &err), err);
  auto rec = f.stored();
  REQUIRE(rec.checks.size() == 1);
  CHECK(rec.checks[0].status == audit::ControlStatus::Partly);
  CHECK(rec.checks[0].changed_by == "Jane Auditor");
  CHECK_FALSE(rec.checks[0].changed_at.empty());
  CHECK(rec.checks[0].owner == "Head of Finance (Accounts Payable)");
  CHECK(c.saved_state(r).rfind("Saved ", 0) == 0);
  CHECK(c.saved_state(r).find("by Jane Auditor") != std::string::npos);

  // Another person takes the keyboard and records the evidence.
  f.audit->workspace().recorded_by = "Cllr Ann Jones";
  c.rows()[static_cast<size_t>(r)].draft.evidence = "Procedure note 7 (2017) asks for a call-back";
  c.rows()[static_cast<size_t>(r)].draft.evidence_ref = "Procedure note 7";
  REQUIRE(c.save(r, &err));
  // Saving again with nothing changed adds nothing.
  REQUIRE(c.save(r, &err));
  rec = f.stored();
  REQUIRE(rec.checks.size() == 2);
  CHECK(rec.checks[1].changed_by == "Cllr Ann Jones");
  CHECK(rec.checks[1].evidence_ref == "Procedure note 7");
  CHECK(rec.checks[0].evidence.empty());  // the first version is kept as it was

  const auto lines = c.history(r);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].who == "Cllr Ann Jones");  // newest first
  CHECK(lines[0].what.find("Evidence: Procedure note 7") != std::string::npos);
  CHECK(lines[1].what.find("Recorded as Partly in place") != std::string::npos);
  CHECK(c.checked_count() == 1);
  CHECK(c.unsaved_count() == 0);
}

TEST_CASE("the finding's wording is suggested, follows the check, and keeps the group's own words") {
  Fixture f("wording");
  auto& c = f.checks();
  const int r = row_of(c, "verify-bank-change");
  std::string err;
  REQUIRE(c.set_status(r, audit::ControlStatus::NotInPlace, &err));
  CheckRow& row = c.rows()[static_cast<size_t>(r)];
  const audit::FindingWording s = c.suggested(row);
  CHECK(row.finding[0] == s.condition);
  CHECK(row.finding[1] == s.criteria);
  CHECK_FALSE(row.finding[1].empty());
  CHECK(row.finding[3] == "A payment can be diverted to a fraudster's account and is rarely recovered.");
  // Left as suggested: stored as "use the suggestion".
  CHECK(f.stored().checks.back().condition.empty());

  row.finding[2] = "Nobody owns the supplier master file since the restructure";
  REQUIRE(c.save(r, &err));
  CHECK(f.stored().checks.back().cause == "Nobody owns the supplier master file since the restructure");

  // The status changes: the suggested parts follow it, the group's cause stays.
  REQUIRE(c.set_status(r, audit::ControlStatus::Partly, &err));
  const audit::FindingWording now = c.suggested(c.rows()[static_cast<size_t>(r)]);
  CHECK(c.rows()[static_cast<size_t>(r)].finding[0] == now.condition);
  CHECK(c.rows()[static_cast<size_t>(r)].finding[2] == "Nobody owns the supplier master file since the restructure");

  // "Use the suggested wording" puts every part back.
  REQUIRE(c.use_suggested_wording(r, &err));
  CHECK(f.stored().checks.back().cause.empty());
}

TEST_CASE("a refused save is shown in plain words and what was typed stays on the row") {
  Fixture f("refused");
  auto& c = f.checks();
  const int r = row_of(c, "report-fraud");
  std::string err;
  // No name to record the change under: nothing is written, nothing is lost.
  f.audit->workspace().recorded_by = "  ";
  c.rows()[static_cast<size_t>(r)].draft.evidence = "The plan names nobody";
  CHECK_FALSE(c.set_status(r, audit::ControlStatus::NotInPlace, &err));
  CHECK(err.find("Recorded by") != std::string::npos);
  CHECK(f.stored().checks.empty());
  CHECK(c.rows()[static_cast<size_t>(r)].dirty);
  CHECK(c.saved_state(r) == "Not saved");
  CHECK(c.unsaved_count() == 1);

  // The store refuses a date that is not a real day.
  f.audit->workspace().recorded_by = "Jane Auditor";
  c.rows()[static_cast<size_t>(r)].draft.due_date = "2027-02-30";
  err.clear();
  CHECK_FALSE(c.save(r, &err));
  CHECK(err.find("was not saved") != std::string::npos);
  CHECK(f.stored().checks.empty());
  CHECK(c.rows()[static_cast<size_t>(r)].draft.evidence == "The plan names nobody");
  CHECK_FALSE(c.rows()[static_cast<size_t>(r)].error.empty());

  // Put right, the same row saves with everything that was typed.
  c.rows()[static_cast<size_t>(r)].draft.due_date = "2027-03-31";
  REQUIRE_MESSAGE(c.save(r, &err), err);
  auto rec = f.stored();
  REQUIRE(rec.checks.size() == 1);
  CHECK(rec.checks[0].status == audit::ControlStatus::NotInPlace);
  CHECK(rec.checks[0].evidence == "The plan names nobody");
  CHECK(rec.checks[0].due_date == "2027-03-31");
  CHECK(c.saved_state(r).rfind("Saved ", 0) == 0);
}

TEST_CASE("a check the disk refuses is kept on screen as not saved, and saved once on a retry") {
  Fixture f("disk-refuses");
  auto& c = f.checks();
  const int r = row_of(c, "verify-bank-change");
  store::raw_connection(f.db).exec(
      "CREATE TRIGGER refuse_checks BEFORE INSERT ON control_checks "
      "BEGIN SELECT RAISE(ABORT, 'the disk refused the write'); END");
  c.rows()[static_cast<size_t>(r)].draft.evidence = "Two of five changes had no call-back";
  std::string err;
  CHECK_FALSE(c.set_status(r, audit::ControlStatus::Partly, &err));
  CHECK(err.find("was not saved") != std::string::npos);
  CHECK(err.find("still on screen") != std::string::npos);
  CHECK(c.saved_state(r) == "Not saved");
  CHECK(c.rows()[static_cast<size_t>(r)].draft.status == audit::ControlStatus::Partly);
  CHECK(f.stored().checks.empty());

  store::raw_connection(f.db).exec("DROP TRIGGER refuse_checks");
  REQUIRE_MESSAGE(c.save(r, &err), err);
  const auto rec = f.stored();
  REQUIRE(rec.checks.size() == 1);  // once, with everything that was on screen
  CHECK(rec.checks[0].status == audit::ControlStatus::Partly);
  CHECK(rec.checks[0].evidence == "Two of five changes had no call-back");
  CHECK(c.unsaved_count() == 0);
}

TEST_CASE("the keyboard's arrows step the status and the selection stays on the list") {
  Fixture f("keys");
  auto& c = f.checks();
  std::string err;
  c.move_selection(-1);
  CHECK(c.selected() == 0);
  REQUIRE(c.step_status(0, +1, &err));  // a row not yet checked starts at "In place"
  CHECK(c.rows()[0].draft.status == audit::ControlStatus::InPlace);
  REQUIRE(c.step_status(0, +1, &err));
  CHECK(c.rows()[0].draft.status == audit::ControlStatus::Partly);
  REQUIRE(c.step_status(0, -1, &err));
  REQUIRE(c.step_status(0, -1, &err));  // stays at the first
  CHECK(c.rows()[0].draft.status == audit::ControlStatus::InPlace);
  CHECK(f.stored().checks.size() == 3);  // three changes, three versions
  for (int i = 0; i < 5; ++i) c.move_selection(+1);
  CHECK(c.selected() == 2);
}

TEST_CASE("a recommendation's wording is suggested from the findings it answers — the members edit it") {
  Fixture f("recommend");
  std::string err;
  REQUIRE(f.checks().set_status(row_of(f.checks(), "verify-bank-change"), audit::ControlStatus::NotInPlace, &err));
  REQUIRE(f.checks().set_status(row_of(f.checks(), "report-fraud"), audit::ControlStatus::InPlace, &err));
  auto& r = f.recs();
  const auto findings = r.findings();
  REQUIRE(findings.size() == 1);  // the control in place is not a finding

  CHECK_FALSE(r.save(&err));  // no words yet
  CHECK(err.find("Write the recommendation") != std::string::npos);
  r.draft().to = static_cast<int>(audit::Addressee::ManagementTeam);
  r.toggle_finding("verify-bank-change");
  CHECK(r.draft().text == "Make call-back verification mandatory for every change of bank details.");
  r.draft().text = "That the Corporate Management Team make a call-back mandatory for every change of bank details.";
  REQUIRE_MESSAGE(r.save(&err), err);
  auto recs = r.recommendations();
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].number == 1);
  CHECK(recs[0].to == audit::Addressee::ManagementTeam);
  CHECK(recs[0].findings == std::vector<std::string>{"verify-bank-change"});
  CHECK(recs[0].changed_by == "Jane Auditor");
  CHECK(r.number_label(recs[0].id) == "R1");

  // Edited: a new version under the same number.
  r.start_edit(recs[0].id);
  CHECK(r.editing());
  r.draft().addressee = "Director of Finance";
  REQUIRE(r.save(&err));
  recs = r.recommendations();
  REQUIRE(recs.size() == 1);
  CHECK(recs[0].version == 2);
  CHECK(recs[0].number == 1);
  CHECK(recs[0].addressee == "Director of Finance");

  REQUIRE(r.set_withdrawn(recs[0].id, true, &err));
  CHECK(r.recommendations()[0].withdrawn);
  REQUIRE(r.set_withdrawn(recs[0].id, true, &err));  // already withdrawn: nothing new
  REQUIRE(r.set_withdrawn(recs[0].id, false, &err));
  CHECK_FALSE(r.recommendations()[0].withdrawn);
  CHECK(r.recommendations()[0].number == 1);
  CHECK(f.stored().recommendations.size() == 4);  // every version kept
}

TEST_CASE("an agreed response puts the recommendation in the action plan once — a refusal does not") {
  Fixture f("respond");
  std::string err;
  auto& c = f.checks();
  const int r = row_of(c, "verify-bank-change");
  c.rows()[static_cast<size_t>(r)].draft.owner = "Accounts Payable Manager";
  c.rows()[static_cast<size_t>(r)].draft.due_date = "2026-06-30";
  REQUIRE(c.set_status(r, audit::ControlStatus::NotInPlace, &err));
  auto& rc = f.recs();
  rc.toggle_finding("verify-bank-change");
  REQUIRE(rc.save(&err));
  const std::string first = rc.recommendations().at(0).id;

  rc.start_response(first);
  CHECK(rc.response_draft().date == "2026-03-12");  // today by default
  rc.response_draft().by = "Corporate Management Team";
  rc.response_draft().response = static_cast<int>(audit::ResponseKind::Agreed);
  rc.response_draft().text = "Agreed; in place by June.";
  std::string outcome;
  REQUIRE_MESSAGE(rc.save_response(&err, &outcome), err);
  CHECK(outcome.find("Added to the action plan") != std::string::npos);
  auto actions = f.db.list_actions(f.id);
  REQUIRE(actions.size() == 1);
  CHECK(actions[0].recommendation == first);
  CHECK(actions[0].owner == "Accounts Payable Manager");  // from the check
  CHECK(actions[0].due_date == "2026-06-30");
  CHECK(actions[0].priority == "high");
  CHECK(actions[0].finding == "verify-bank-change");

  // Cabinet agrees too: the response is kept, no second action.
  rc.start_response(first);
  rc.response_draft().by = "Cabinet";
  REQUIRE(rc.save_response(&err, &outcome));
  CHECK(outcome.find("already in the action plan") != std::string::npos);
  CHECK(f.db.list_actions(f.id).size() == 1);
  CHECK(rc.responses(first).size() == 2);

  // Not agreed: needs its reasons, and adds no action.
  rc.draft().text = "That Cabinet fund a second payments officer.";
  REQUIRE(rc.save(&err));
  const std::string second = rc.recommendations().at(1).id;
  rc.start_response(second);
  rc.response_draft().by = "Cabinet";
  rc.response_draft().response = static_cast<int>(audit::ResponseKind::NotAgreed);
  CHECK_FALSE(rc.save_response(&err, &outcome));
  CHECK(err.find("reasons") != std::string::npos);
  CHECK(rc.response_draft().recommendation == second);  // the form stays open as typed
  rc.response_draft().text = "No budget this year.";
  REQUIRE(rc.save_response(&err, &outcome));
  CHECK(f.db.list_actions(f.id).size() == 1);
}

TEST_CASE("overdue actions are flagged against the day given, and done ones never are") {
  Fixture f("overdue");
  store::ActionItem a;
  a.session_id = f.id;
  a.action = "Make a call-back mandatory";
  a.owner = "Head of Finance";
  a.due_date = "2026-06-30";
  a.id = f.db.add_action(a);
  store::ActionItem b = a;
  b.action = "Brief the team";
  b.due_date = "2026-01-31";
  b.status = store::ActionStatus::Done;
  b.id = f.db.add_action(b);
  std::string err;
  REQUIRE(f.audit->workspace().reload(&err));
  auto& plan = f.audit->plan();
  f.audit->workspace().set_today("2026-06-30");
  CHECK(plan.overdue_count() == 0);  // due today is not yet overdue
  f.audit->workspace().set_today("2026-07-01");
  CHECK(plan.overdue_count() == 1);
  const auto rows = plan.rows();
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].overdue);
  CHECK_FALSE(rows[1].overdue);  // done, though its date has passed

  // A later due date clears the flag; a date that is not a day is refused.
  CHECK_FALSE(plan.set_due_date(a.id, "2026-13-01", &err));
  REQUIRE(plan.set_due_date(a.id, "2026-12-31", &err));
  CHECK(plan.overdue_count() == 0);
  plan.owner_field(a.id) = " ";
  CHECK_FALSE(plan.save_owner(a.id, &err));  // an action needs an owner
  plan.owner_field(a.id) = "Accounts Payable Manager";
  REQUIRE(plan.save_owner(a.id, &err));
  CHECK(f.db.list_actions(f.id)[0].owner == "Accounts Payable Manager");
}

TEST_CASE("a monitoring review records each action's progress with a note, and its status with it") {
  Fixture f("monitoring");
  store::ActionItem a;
  a.session_id = f.id;
  a.action = "Make a call-back mandatory";
  a.owner = "Head of Finance";
  a.due_date = "2026-06-30";
  a.id = f.db.add_action(a);
  std::string err;
  REQUIRE(f.audit->workspace().reload(&err));
  auto& plan = f.audit->plan();
  f.audit->workspace().set_today("2026-09-14");
  plan.start_monitoring();
  CHECK(plan.review == "Monitoring review, 2026-09-14");
  plan.review = "Six-month monitoring, 2026-09-14";
  UpdateDraft& d = plan.update_draft(a.id);
  CHECK(d.status == static_cast<int>(store::ActionStatus::Open));
  d.status = static_cast<int>(store::ActionStatus::InProgress);
  CHECK_FALSE(plan.record_update(a.id, &err));  // a review says what it found
  plan.update_draft(a.id).note = "Call-back in the procedure; not yet in the system";
  REQUIRE_MESSAGE(plan.record_update(a.id, &err), err);
  CHECK(f.db.list_actions(f.id)[0].status == store::ActionStatus::InProgress);
  const auto rows = plan.rows();
  REQUIRE(rows[0].updates.size() == 1);
  CHECK(rows[0].updates[0].review == "Six-month monitoring, 2026-09-14");
  CHECK(rows[0].updates[0].updated_by == "Jane Auditor");
  CHECK(rows[0].overdue);  // past its date and not done
}

TEST_CASE("the opinion appears only once controls are checked, and the auditor's own needs a reason") {
  Fixture f("opinion");
  auto& o = f.audit->opinion();
  CHECK_FALSE(o.opinion().available);
  std::string err;
  REQUIRE(f.checks().set_status(0, audit::ControlStatus::NotInPlace, &err));
  const audit::Opinion proposed = o.opinion();
  CHECK(proposed.available);
  CHECK(proposed.checks_recorded == 1);
  CHECK_FALSE(proposed.basis.empty());
  CHECK_FALSE(proposed.set);

  CHECK_FALSE(o.record_opinion(&err));  // no level chosen
  o.set_level = 1;
  CHECK_FALSE(o.record_opinion(&err));  // no reason
  CHECK(err.find("reason") != std::string::npos);
  o.reason = "Walk-through of the supplier file showed the call-back working in practice";
  REQUIRE_MESSAGE(o.record_opinion(&err), err);
  const audit::Opinion set = o.opinion();
  REQUIRE(set.set);
  CHECK(set.label() == o.definitions().labels[1]);
  CHECK(set.set->set_by == "Jane Auditor");
  CHECK(o.reason.empty());
}

TEST_CASE("scope: tested controls need a note — a final report reopened becomes the next version's draft") {
  Fixture f("scope");
  auto& o = f.audit->opinion();
  std::string err;
  CHECK_FALSE(o.scope_form_changed());
  o.controls_tested = true;
  CHECK(o.scope_form_changed());
  CHECK_FALSE(o.save_scope(&err));
  o.testing_note = "Walk-through of ten changes of bank details";
  REQUIRE(o.save_scope(&err));
  CHECK(o.scope().controls_tested);
  CHECK_FALSE(o.limitations().empty());

  CHECK(o.scope().stage == audit::ReportStage::Draft);
  REQUIRE(o.issue_final(&err));
  CHECK(o.scope().stage == audit::ReportStage::Final);
  CHECK(o.scope().report_version == 1);
  REQUIRE(o.reopen_draft(&err));
  CHECK(o.scope().stage == audit::ReportStage::Draft);
  CHECK(o.scope().report_version == 2);
  REQUIRE(o.issue_final(&err));
  CHECK(o.scope().report_version == 2);
  CHECK(o.scope().controls_tested);  // kept through the stage changes
  CHECK(f.stored().scope.size() == 4);
}

TEST_CASE("the audit is the next step of a desktop audit and is offered in any group session") {
  CHECK(audit_offer(true, store::Mode::Solo, true) == AuditOffer::NextStep);
  CHECK(audit_offer(true, store::Mode::Group, false) == AuditOffer::Available);
  CHECK(audit_offer(true, store::Mode::Teams, false) == AuditOffer::Available);
  CHECK(audit_offer(true, store::Mode::Solo, false) == AuditOffer::None);
  CHECK(audit_offer(false, store::Mode::Group, true) == AuditOffer::None);  // not recorded
}

TEST_CASE("an audit cannot be opened on a session that is not there, and says so") {
  store::Store db = store::Store::open(test::fresh_scratch_dir("ui-audit-missing") / "results.db");
  std::string err;
  CHECK_FALSE(DesktopAudit::open(db, "0f0f0f0f-no-such-session", audit::OpinionDefinitions{}, "2026-03-12", &err));
  CHECK_FALSE(err.empty());
}
