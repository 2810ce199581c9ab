// The desktop audit in the store: each write appends a version with who and when, refuses what
// the record cannot hold in plain words, and changes nothing when it refuses.
#include <doctest/doctest.h>

#include "sim/store/raw_connection.hpp"
#include "store_fixture.hpp"

using namespace auditsim;
using namespace auditsim::store;
using namespace auditsim::testing;

namespace {

int64_t rows(Store& st, const std::string& table) {
  return raw_connection(st).scalar_int("SELECT count(*) FROM " + table).value_or(-1);
}

// Runs `write`, which must throw a StoreError of `kind` whose message holds `words`.
template <typename Fn>
void expect_refused(Fn&& write, ErrorKind kind, const std::string& words) {
  try {
    write();
    FAIL("the write must be refused");
  } catch (const StoreError& e) {
    CHECK(e.kind() == kind);
    INFO(e.what());
    CHECK(std::string(e.what()).find(words) != std::string::npos);
  }
}

audit::Recommendation sample_recommendation(const std::string& text = "That Cabinet be "
                                                                      "recommended to require a "
                                                                      "call-back") {
  audit::Recommendation r;
  r.to = audit::Addressee::Cabinet;
  r.addressee = "Cabinet";
  r.text = text;
  r.findings = {"independent-verification"};
  r.changed_by = "Cllr Jane Smith";
  return r;
}

}  // namespace

TEST_CASE("a control check is kept as a new version each time, with who recorded it and when") {
  Store st = open_test_store(scratch_dir("audit-check") / "results.db");
  const std::string id = start_audit_session(st, "Audit committee");
  audit::ControlCheck first = sample_check("independent-verification");
  st.record_control_check(id.substr(0, 8), first);  // a unique prefix will do
  CHECK(first.seq == 1);
  CHECK(first.changed_at.size() == 24);
  audit::ControlCheck other = sample_check("report-fraud", audit::ControlStatus::InPlace);
  st.record_control_check(id, other);
  audit::ControlCheck second = sample_check("independent-verification",
                                            audit::ControlStatus::NotInPlace, "Head of Audit");
  second.condition = "No call-back is made for changes requested by email";
  st.record_control_check(id, second);
  CHECK(second.seq == 3);

  const audit::AuditRecord a = st.load_audit(id);
  REQUIRE(a.checks.size() == 3);
  CHECK(a.checks[0].status == audit::ControlStatus::Partly);
  CHECK(a.checks[0].changed_by == "Chief Internal Auditor");
  CHECK(a.checks[0].evidence_ref == "AP procedure note 4.2 (2024)");
  CHECK(a.checks[0].due_date == "2027-03-31");
  CHECK(a.checks[2].changed_by == "Head of Audit");
  CHECK(a.checks[2].condition == "No call-back is made for changes requested by email");
  const auto current = audit::current_checks(a);
  REQUIRE(current.size() == 2);
  CHECK(current[0].key_action == "independent-verification");
  CHECK(current[0].status == audit::ControlStatus::NotInPlace);
  CHECK(current[1].status == audit::ControlStatus::InPlace);

  // load_session and the bulk read carry the same record.
  auto rec = st.load_session(id);
  REQUIRE(rec);
  CHECK(rec->audit.checks.size() == 3);
  int visited = 0;
  st.load_sessions({id}, [&](const SessionRecord& r) {
    ++visited;
    REQUIRE(r.audit.checks.size() == 3);
    CHECK(r.audit.checks[2].seq == 3);
    CHECK(r.audit.checks[2].status == audit::ControlStatus::NotInPlace);
  });
  CHECK(visited == 1);
}

TEST_CASE("a check of a key action the scenario lacks, a false date or huge text is refused") {
  Store st = open_test_store(scratch_dir("audit-check-refused") / "results.db");
  const std::string id = start_audit_session(st, "Audit committee");
  const std::string plain = start_sample_session(st, "Audit committee", "Table 2");
  audit::ControlCheck unknown = sample_check("independent-verfication");  // misspelt
  expect_refused([&] { st.record_control_check(id, unknown); }, ErrorKind::Invalid,
                 "has no key action 'independent-verfication'; its key actions are "
                 "callback-procedure, independent-verification, report-fraud");
  audit::ControlCheck none = sample_check("independent-verification");
  expect_refused([&] { st.record_control_check(plain, none); }, ErrorKind::Invalid,
                 "no key actions at all");
  audit::ControlCheck feb30 = sample_check("report-fraud");
  feb30.due_date = "2027-02-30";
  expect_refused([&] { st.record_control_check(id, feb30); }, ErrorKind::Invalid,
                 "\"2027-02-30\" is not a date: write it as YYYY-MM-DD");
  audit::ControlCheck words = sample_check("report-fraud");
  words.due_date = "next Friday";
  expect_refused([&] { st.record_control_check(id, words); }, ErrorKind::Invalid, "not a date");
  audit::ControlCheck huge = sample_check("report-fraud");
  huge.evidence = std::string(10 * 1024 * 1024, 'e');
  expect_refused([&] { st.record_control_check(id, huge); }, ErrorKind::Invalid,
                 "at most 20000 can be stored");
  audit::ControlCheck nowhere = sample_check("report-fraud");
  expect_refused([&] { st.record_control_check("ffffffff", nowhere); }, ErrorKind::NotFound,
                 "There is no session ffffffff");
  CHECK(rows(st, "control_checks") == 0);
}

TEST_CASE("a recommendation gets an id and the next number, and an edit keeps both, raising the version") {
  Store st = open_test_store(scratch_dir("audit-recommend") / "results.db");
  const std::string id = start_audit_session(st, "Audit committee");
  audit::Recommendation first = sample_recommendation();
  first.findings = {"independent-verification", "report-fraud", "independent-verification"};
  const std::string rec_id = st.record_recommendation(id, first);
  CHECK(rec_id.size() == 36);
  CHECK(first.id == rec_id);
  CHECK(first.number == 1);
  CHECK(first.version == 1);
  CHECK(first.findings == std::vector<std::string>{"independent-verification", "report-fraud"});
  audit::Recommendation second = sample_recommendation("That the Community Safety Partnership "
                                                       "be requested to review reporting");
  second.to = audit::Addressee::CommunitySafetyPartnership;
  second.findings.clear();
  st.record_recommendation(id, second);
  CHECK(second.number == 2);

  audit::Recommendation edit = first;
  edit.text = "That Cabinet be recommended to require a call-back to a known number";
  edit.changed_by = "Cllr Bob Jones";
  edit.id = rec_id.substr(0, 8);
  CHECK(st.record_recommendation(id, edit) == rec_id);
  CHECK(edit.version == 2);
  CHECK(edit.number == 1);

  const audit::AuditRecord a = st.load_audit(id);
  REQUIRE(a.recommendations.size() == 3);
  CHECK(a.recommendations[0].changed_by == "Cllr Jane Smith");  // version 1 kept
  const auto current = audit::current_recommendations(a);
  REQUIRE(current.size() == 2);
  CHECK(current[0].text == "That Cabinet be recommended to require a call-back to a known number");
  CHECK(current[0].version == 2);
  CHECK(current[1].to == audit::Addressee::CommunitySafetyPartnership);
  CHECK(st.session_of_recommendation(rec_id.substr(0, 6)) == id);
}

TEST_CASE("a blank recommendation, an unknown finding or another session's recommendation is refused") {
  Store st = open_test_store(scratch_dir("audit-recommend-refused") / "results.db");
  const std::string id = start_audit_session(st, "Audit committee");
  const std::string other = start_audit_session(st, "Audit committee", "Table 2");
  audit::Recommendation blank = sample_recommendation(" \n\t ");
  expect_refused([&] { st.record_recommendation(id, blank); }, ErrorKind::Invalid,
                 "needs its text");
  audit::Recommendation unknown = sample_recommendation();
  unknown.findings = {"no-such-key-action"};
  expect_refused([&] { st.record_recommendation(id, unknown); }, ErrorKind::Invalid,
                 "no key action 'no-such-key-action'");
  audit::Recommendation theirs = sample_recommendation();
  const std::string their_id = st.record_recommendation(other, theirs);
  audit::Recommendation stolen = sample_recommendation("Edited from the wrong session");
  stolen.id = their_id;
  expect_refused([&] { st.record_recommendation(id, stolen); }, ErrorKind::Invalid,
                 "belongs to session " + other.substr(0, 8));
  audit::Recommendation ghost = sample_recommendation();
  ghost.id = "00000000-dead-4bad-8bad-000000000000";
  expect_refused([&] { st.record_recommendation(id, ghost); }, ErrorKind::NotFound,
                 "There is no recommendation");
  CHECK(rows(st, "recommendations") == 1);
  CHECK(st.load_audit(id).recommendations.empty());
  expect_refused([&] { st.session_of_recommendation("abc"); }, ErrorKind::Invalid,
                 "at least the first 4 characters");
}

TEST_CASE("responses are kept per body with the date given, today's when none, and refused in plain words") {
  Store st = open_test_store(scratch_dir("audit-respond") / "results.db");
  const std::string id = start_audit_session(st, "Audit committee");
  audit::Recommendation rec = sample_recommendation();
  const std::string rec_id = st.record_recommendation(id, rec);
  audit::Response cmt;
  cmt.recommendation = rec_id.substr(0, 8);
  cmt.by = "Corporate Management Team";
  cmt.response = audit::ResponseKind::Partly;
  cmt.text = "Agreed for changes over 5,000 pounds";
  cmt.date = "2027-01-15";
  const std::string resp_id = st.record_response(cmt);
  CHECK(resp_id.size() == 36);
  CHECK(cmt.recommendation == rec_id);
  CHECK(cmt.seq == 1);
  audit::Response cabinet;
  cabinet.recommendation = rec_id;
  cabinet.by = "Cabinet";
  cabinet.text = "Agreed";
  st.record_response(cabinet);
  CHECK(cabinet.date == now_utc().substr(0, 10));
  audit::Response again = cmt;
  again.response = audit::ResponseKind::Agreed;
  again.text = "Agreed in full after review";
  st.record_response(again);
  CHECK(again.seq == 3);

  const audit::AuditRecord a = st.load_audit(id);
  CHECK(a.responses.size() == 3);
  const auto current = audit::current_responses(a, rec_id);
  REQUIRE(current.size() == 2);
  CHECK(current[0].by == "Corporate Management Team");
  CHECK(current[0].response == audit::ResponseKind::Agreed);
  CHECK(current[0].date == "2027-01-15");

  audit::Response bad_date = cabinet;
  bad_date.date = "2027-02-30";
  expect_refused([&] { st.record_response(bad_date); }, ErrorKind::Invalid, "is not a date");
  audit::Response nobody = cabinet;
  nobody.by = "  ";
  expect_refused([&] { st.record_response(nobody); }, ErrorKind::Invalid, "needs the body");
  audit::Response ghost = cabinet;
  ghost.recommendation = "ffffffff";
  expect_refused([&] { st.record_response(ghost); }, ErrorKind::NotFound,
                 "There is no recommendation ffffffff");
  CHECK(rows(st, "responses") == 3);
}

TEST_CASE("the auditor's opinion needs a reason, and scope and stage keep every version") {
  Store st = open_test_store(scratch_dir("audit-opinion") / "results.db");
  const std::string id = start_audit_session(st, "Audit committee");
  audit::OpinionSetting o;
  o.label = "Limited";
  o.reason = "   ";
  expect_refused([&] { st.record_opinion(id, o); }, ErrorKind::Invalid, "needs a recorded reason");
  o.reason = "Two high-priority controls were not in place";
  o.set_by = "Chief Internal Auditor";
  st.record_opinion(id, o);
  CHECK(o.seq == 1);
  audit::OpinionSetting later = o;
  later.label = "Reasonable";
  later.reason = "The call-back control has since been tested";
  st.record_opinion(id, later);
  audit::OpinionSetting blank_label = o;
  blank_label.label = "";
  expect_refused([&] { st.record_opinion(id, blank_label); }, ErrorKind::Invalid, "its level");

  audit::AuditScope draft;
  draft.changed_by = "Chief Internal Auditor";
  st.record_audit_scope(id, draft);
  audit::AuditScope final_v1 = draft;
  final_v1.stage = audit::ReportStage::Final;
  final_v1.controls_tested = true;
  final_v1.testing_note = "Walk-through of five supplier changes";
  st.record_audit_scope(id, final_v1);
  audit::AuditScope zero = draft;
  zero.report_version = 0;
  expect_refused([&] { st.record_audit_scope(id, zero); }, ErrorKind::Invalid, "version is 1");

  const audit::AuditRecord a = st.load_audit(id);
  CHECK(a.opinions.size() == 2);
  REQUIRE(audit::current_opinion(a));
  CHECK(audit::current_opinion(a)->label == "Reasonable");
  CHECK(a.opinions[0].set_by == "Chief Internal Auditor");
  REQUIRE(a.scope.size() == 2);
  const audit::AuditScope now = audit::current_scope(a);
  CHECK(now.stage == audit::ReportStage::Final);
  CHECK(now.controls_tested);
  CHECK(now.testing_note == "Walk-through of five supplier changes");
  CHECK(now.report_version == 1);
}

TEST_CASE("an action update changes the action's status with it, and the action carries its recommendation") {
  Store st = open_test_store(scratch_dir("audit-action") / "results.db");
  const std::string id = start_audit_session(st, "Audit committee");
  const std::string other = start_audit_session(st, "Audit committee", "Table 2");
  audit::Recommendation rec = sample_recommendation();
  const std::string rec_id = st.record_recommendation(id, rec);
  ActionItem a;
  a.session_id = id;
  a.finding = "independent-verification";
  a.action = "Require a call-back for every change of bank details";
  a.owner = "Head of Finance";
  a.due_date = "2027-06-30";
  a.priority = "high";
  a.recommendation = rec_id.substr(0, 8);
  const std::string action_id = st.add_action(a);
  REQUIRE(st.list_actions(id).size() == 1);
  CHECK(st.list_actions(id)[0].recommendation == rec_id);

  audit::ActionUpdate u;
  u.action = action_id.substr(0, 8);
  u.status = "in-progress";
  u.note = "Procedure drafted";
  u.review = "Six-month monitoring, 2027-06-10";
  u.updated_by = "Head of Finance";
  st.record_action_update(u);
  CHECK(u.action == action_id);
  CHECK(u.seq == 1);
  CHECK(st.list_actions(id)[0].status == ActionStatus::InProgress);
  audit::ActionUpdate bad = u;
  bad.status = "finished";
  expect_refused([&] { st.record_action_update(bad); }, ErrorKind::Invalid,
                 "open, in-progress or done");
  audit::ActionUpdate ghost = u;
  ghost.action = "ffffffff";
  expect_refused([&] { st.record_action_update(ghost); }, ErrorKind::NotFound,
                 "There is no improvement action ffffffff");
  CHECK(st.list_actions(id)[0].status == ActionStatus::InProgress);
  REQUIRE(st.load_audit(id).action_updates.size() == 1);
  CHECK(st.load_audit(id).action_updates[0].review == "Six-month monitoring, 2027-06-10");

  ActionItem wrong = a;
  wrong.session_id = other;
  wrong.recommendation = rec_id;
  expect_refused([&] { st.add_action(wrong); }, ErrorKind::Invalid, "belongs to another session");
  // Deleting an action takes its status history with it.
  st.delete_action(action_id);
  CHECK(rows(st, "action_updates") == 0);
  CHECK(st.check().ok());
}

TEST_CASE("a key action written with other capitals or spaces is stored as the scenario spells it") {
  Store st = open_test_store(scratch_dir("audit-check-spelling") / "results.db");
  const std::string id = start_audit_session(st, "Audit committee");
  audit::ControlCheck c = sample_check(" Report-FRAUD ");
  st.record_control_check(id, c);
  CHECK(c.key_action == "report-fraud");
  audit::Recommendation r = sample_recommendation();
  r.findings = {"REPORT-FRAUD", "report-fraud", "Independent-Verification"};
  st.record_recommendation(id, r);
  CHECK(r.findings == std::vector<std::string>{"report-fraud", "independent-verification"});
  const audit::AuditRecord a = st.load_audit(id);
  CHECK(a.checks[0].key_action == "report-fraud");
  CHECK(a.recommendations[0].findings == r.findings);
}
