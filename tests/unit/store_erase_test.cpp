// Erasure: a person's identity and notes leave every table and the file's bytes.
#include <doctest/doctest.h>

#include "store_fixture.hpp"

using namespace auditsim;
using namespace auditsim::store;
using namespace auditsim::testing;

TEST_CASE("erasing Ann Smith leaves Ann Smithers, who can then be erased in turn") {
  fs::path dir = scratch_dir("erase-smithers");
  Store st = open_test_store(dir / "results.db");
  const std::string ann = start_sample_session(st, "Evening", "Table 1", "Ann Smith");
  const std::string other = start_sample_session(st, "Evening", "Table 2", "Ann Smithers");
  DecisionRecord d = sample_decision("n", "refer");
  d.rationale = "Ann Smithers proposed it; Ann Smith agreed";
  st.record_decision(other, d, "{}");
  EraseReport r = st.erase_participant("Ann Smith");
  CHECK(r.participants == 1);
  auto p = st.find_participant("Ann Smithers");
  REQUIRE(p);
  CHECK_FALSE(p->erased);
  const std::string pseudonym = st.load_session(ann)->participants[0].pseudonym;
  CHECK(st.load_session(other)->decisions[0].rationale ==
        "Ann Smithers proposed it; " + pseudonym + " agreed");
  EraseReport again = st.erase_participant("Ann Smithers");
  CHECK(again.participants == 1);
  CHECK(st.load_session(other)->decisions[0].rationale.find("Smithers") == std::string::npos);
  CHECK(st.check().ok());
}

TEST_CASE("erasure replaces every form of the name in free text and keeps other people's names") {
  fs::path dir = scratch_dir("erase-forms");
  fs::path path = dir / "results.db";
  Store st = open_test_store(path);
  const std::string id = start_sample_session(st, "Evening", "Table 1", "Cllr Alice Smith");
  start_sample_session(st, "Evening", "Table 2", "Bob Smith");
  const std::string pseudonym = st.find_participant("Cllr Alice Smith")->pseudonym;
  DecisionRecord d = sample_decision("n", "refer");
  d.rationale = "Cllr Smith disagreed with Bob Smith";
  d.dissent = "A. Smith and CLLR ALICE SMITH; Smith\xE2\x80\x99s view; Alice\xC2\xA0\xC2\xA0Smith";
  st.record_decision(id, d, R"({"log":["seconded by Smith","Bob Smith"]})");
  Note n;
  n.text = "Alice  Smith's note, about Blacksmith Lane";
  st.record_note(id, n);
  EraseReport r = st.erase_participant("alice  SMITH");  // any case and spacing
  CHECK(r.participants == 1);
  CHECK(r.pseudonyms == std::vector<std::string>{pseudonym});
  auto rec = st.load_session(id);
  CHECK(rec->decisions[0].rationale == pseudonym + " disagreed with Bob Smith");
  CHECK(rec->decisions[0].dissent == pseudonym + " and " + pseudonym + "; " + pseudonym +
                                         "\xE2\x80\x99s view; " + pseudonym);
  CHECK(rec->notes[0].text == pseudonym + "'s note, about Blacksmith Lane");
  CHECK(rec->state_json.find("seconded by " + pseudonym) != std::string::npos);
  CHECK(rec->state_json.find("Bob Smith") != std::string::npos);
  CHECK(r.mentions == 7);
  CHECK(st.find_participant("Bob Smith"));
  CHECK(stored_text(st, path).find("Alice Smith") == std::string::npos);
}

TEST_CASE("erasing a person whose name is a fixed value touches no role, kind or id") {
  fs::path dir = scratch_dir("erase-enum");
  Store st = open_test_store(dir / "results.db");
  const std::string id = start_sample_session(st, "Evening", "Table 1", "member");
  start_sample_session(st, "Evening", "Table 2", "Someone Else");
  DecisionRecord d = sample_decision("n", "decision");
  st.record_decision(id, d, "{}");
  const std::string uuid_part = id.substr(0, 8);
  EraseReport r = st.erase_participant("member");
  CHECK(r.participants == 1);
  CHECK(st.find_participant("Someone Else")->role == Role::Member);
  auto rec = st.load_session(id);
  CHECK(rec->decisions[0].kind == DecisionKind::Decision);
  CHECK(rec->decisions[0].choice_id == "decision");
  CHECK(rec->summary.id.substr(0, 8) == uuid_part);
  CHECK(st.check().ok());
}

TEST_CASE("erasure reaches every free-text column of the desktop audit, the name written another way") {
  fs::path dir = scratch_dir("erase-audit");
  fs::path path = dir / "results.db";
  Store st = open_test_store(path);
  const std::string id = start_audit_session(st, "Audit committee", "Table 1", "John Smith");
  start_audit_session(st, "Audit committee", "Table 2", "Bob Jones");
  const std::string pseudonym = st.find_participant("John Smith")->pseudonym;
  const std::string said = "Cllr Smith";  // how the room wrote him down
  audit::ControlCheck c = sample_check("report-fraud");
  c.evidence = said + " showed the log";
  c.evidence_ref = "Memo from " + said;
  c.owner = said;
  c.condition = said + " found no call-back";
  c.criteria = "As " + said + " said";
  c.cause = "Not known to " + said;
  c.effect = said + " at risk";
  c.changed_by = said;
  st.record_control_check(id, c);
  audit::Recommendation r;
  r.text = "That " + said + " reports back";
  r.addressee = said;
  r.changed_by = said;
  st.record_recommendation(id, r);
  audit::Response resp;
  resp.recommendation = r.id;
  resp.by = said;
  resp.text = "Agreed by " + said;
  st.record_response(resp);
  audit::OpinionSetting o;
  o.label = "Limited";
  o.reason = said + " asked for it";
  o.set_by = said;
  st.record_opinion(id, o);
  audit::AuditScope s;
  s.testing_note = "Walk-through with " + said;
  s.changed_by = said;
  st.record_audit_scope(id, s);
  ActionItem a;
  a.session_id = id;
  a.action = "Brief the team";
  audit::ActionUpdate u;
  u.action = st.add_action(a);
  u.status = "done";
  u.note = said + " briefed them";
  u.review = "Review with " + said;
  u.updated_by = said;
  st.record_action_update(u);
  audit::ControlCheck kept = sample_check("independent-verification");
  kept.owner = "Bob Jones";
  st.record_control_check(id, kept);

  EraseReport e = st.erase_participant("John Smith");
  CHECK(e.participants == 1);
  CHECK(e.file_scrubbed);
  const audit::AuditRecord after = st.load_audit(id);
  const audit::ControlCheck& x = after.checks[0];
  CHECK(x.evidence == pseudonym + " showed the log");
  CHECK(x.evidence_ref == "Memo from " + pseudonym);
  CHECK(x.owner == pseudonym);
  CHECK(x.condition == pseudonym + " found no call-back");
  CHECK(x.criteria == "As " + pseudonym + " said");
  CHECK(x.cause == "Not known to " + pseudonym);
  CHECK(x.effect == pseudonym + " at risk");
  CHECK(x.changed_by == pseudonym);
  CHECK(after.checks[1].owner == "Bob Jones");  // other people keep their names
  CHECK(after.recommendations[0].text == "That " + pseudonym + " reports back");
  CHECK(after.recommendations[0].addressee == pseudonym);
  CHECK(after.recommendations[0].changed_by == pseudonym);
  CHECK(after.responses[0].by == pseudonym);
  CHECK(after.responses[0].text == "Agreed by " + pseudonym);
  CHECK(after.opinions[0].reason == pseudonym + " asked for it");
  CHECK(after.opinions[0].set_by == pseudonym);
  CHECK(after.scope[0].testing_note == "Walk-through with " + pseudonym);
  CHECK(after.scope[0].changed_by == pseudonym);
  CHECK(after.action_updates[0].note == pseudonym + " briefed them");
  CHECK(after.action_updates[0].review == "Review with " + pseudonym);
  CHECK(after.action_updates[0].updated_by == pseudonym);
  CHECK(stored_text(st, path).find("Smith") == std::string::npos);
  CHECK(st.check().ok());
}

