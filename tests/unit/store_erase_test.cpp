// Erasure: a person's identity and notes leave every table and the file's bytes.
#include <doctest/doctest.h>

#include "store_fixture.hpp"

using namespace auditsim;
using namespace auditsim::store;
using namespace auditsim::testing;

TEST_CASE("erasing a participant removes their name from every table and from the file bytes") {
  fs::path dir = scratch_dir("erase");
  fs::path path = dir / "results.db";
  const std::string name = "Cllr Philippa Oddname";
  std::string id;
  std::string pseudonym;
  {
    Store st = Store::open(path);
    id = start_sample_session(st, "Evening", "Table 1", name);
    std::string other = start_sample_session(st, "Evening", "Table 2", "Cllr Someone Else");
    auto p = st.find_participant(name);
    REQUIRE(p);
    pseudonym = p->pseudonym;
    Note mine;
    mine.text = "I think the tenant is being exploited";
    mine.author_id = p->id;
    mine.part_b = true;
    st.record_note(id, mine);
    Note about;
    about.text = "Table agreed with " + name + " on the referral";
    st.record_note(other, about);
    DecisionRecord d = sample_decision("n", "refer");
    d.dissent = name + " disagreed";
    st.record_decision(id, d, "{\"dissent\":\"" + name + " disagreed\"}");
    // Many writes, so old copies of pages sit in the WAL and in free pages.
    for (int i = 0; i < 30; ++i) {
      DecisionRecord more = sample_decision("n", "c");
      st.record_decision(other, more, std::string(2000, 'y'));
    }
    bool present = file_bytes(path).find(name) != std::string::npos ||
                   file_bytes(path.string() + "-wal").find(name) != std::string::npos;
    REQUIRE(present);

    EraseReport r = st.erase_participant(name);
    CHECK(r.participants == 1);
    CHECK(r.notes_removed == 1);
    CHECK(r.text_replacements >= 3);
    CHECK(r.file_scrubbed);
    // Searched while the database is open, WAL included.
    CHECK(file_bytes(path).find(name) == std::string::npos);
    CHECK(file_bytes(path.string() + "-wal").find(name) == std::string::npos);
    CHECK(file_bytes(path).find("I think the tenant") == std::string::npos);

    auto rec = st.load_session(id);
    REQUIRE(rec);
    REQUIRE(rec->participants.size() == 1);
    CHECK(rec->participants[0].display_name == pseudonym);
    CHECK(rec->participants[0].erased);
    CHECK(rec->notes.empty());
    CHECK(rec->decisions[0].dissent == pseudonym + " disagreed");
    CHECK(rec->state_json.find(name) == std::string::npos);
    auto others = st.load_session(other);
    REQUIRE(others->notes.size() == 1);
    CHECK(others->notes[0].text == "Table agreed with " + pseudonym + " on the referral");
    CHECK(st.check().ok());
    CHECK_THROWS_AS(st.erase_participant(name), StoreError);  // already gone
  }
  CHECK(file_bytes(path).find(name) == std::string::npos);
}

TEST_CASE("erasing by id, and an erased person is not brought back by an import") {
  fs::path dir = scratch_dir("erase-import");
  std::string pid;
  {
    Store laptop = Store::open(dir / "laptop.db");
    start_sample_session(laptop, "Evening", "Table 1", "Officer Quentin Rarename");
    pid = laptop.find_participant("Officer Quentin Rarename")->id;
  }
  fs::copy_file(dir / "laptop.db", dir / "main.db");
  Store st = Store::open(dir / "main.db");
  EraseReport r = st.erase_participant(pid);
  CHECK(r.participants == 1);
  ImportReport imp = st.import_from(dir / "laptop.db");
  CHECK(imp.sessions_added == 0);
  bool reported = false;
  for (const auto& c : imp.conflicts) reported |= (c.kind == "participant" && c.id == pid);
  CHECK(reported);
  CHECK(st.find_participant(pid)->erased);
  CHECK(file_bytes(dir / "main.db").find("Quentin Rarename") == std::string::npos);
}

TEST_CASE("erasing Ann Smith leaves Ann Smithers, who can then be erased in turn") {
  fs::path dir = scratch_dir("erase-smithers");
  Store st = Store::open(dir / "results.db");
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
  Store st = Store::open(path);
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
  CHECK(file_bytes(path).find("Alice Smith") == std::string::npos);
}

TEST_CASE("erasing a person whose name is a fixed value touches no role, kind or id") {
  fs::path dir = scratch_dir("erase-enum");
  Store st = Store::open(dir / "results.db");
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

TEST_CASE("an import of a file that still holds an erased person does not bring them back") {
  fs::path dir = scratch_dir("erase-tombstone");
  std::string pid;
  {
    Store laptop = Store::open(dir / "laptop.db");
    start_sample_session(laptop, "Evening", "Table 1", "Ann Rarename");
    pid = laptop.find_participant("Ann Rarename")->id;
  }
  fs::copy_file(dir / "laptop.db", dir / "main.db");
  {
    // Later, on the laptop: a new session with Ann in it, notes she wrote, her name in text.
    Store laptop = Store::open(dir / "laptop.db");
    Event ev;
    ev.name = "Second evening";
    Event e = laptop.find_or_create_event(ev);
    SessionStart start;
    start.event_id = e.id;
    start.participant_ids = {pid, laptop.create_participant("Bea Other", Role::Staff)};
    start.state_json = "{}";
    const std::string id = laptop.start_session(sample_snapshot(), start);
    Note mine;
    mine.text = "written by her";
    mine.author_id = pid;
    laptop.record_note(id, mine);
    Note about;
    about.text = "Cllr Rarename raised it";
    laptop.record_note(id, about);
  }
  Store st = Store::open(dir / "main.db");
  st.erase_participant(pid);
  ImportReport imp = st.import_from(dir / "laptop.db");
  CHECK(imp.sessions_added == 1);
  CHECK(imp.erased_kept_out == std::vector<std::string>{pid});
  CHECK(imp.erased_notes_refused == 1);
  CHECK(imp.erased_mentions_replaced == 1);
  CHECK(st.find_participant(pid)->erased);
  CHECK_FALSE(st.find_participant("Ann Rarename"));
  for (const auto& s : st.list_sessions()) {
    auto rec = st.load_session(s.id);
    for (const auto& n : rec->notes) {
      CHECK(n.author_id != pid);
      CHECK(n.text.find("Rarename") == std::string::npos);
    }
  }
  CHECK(st.check().ok());
  // Importing again changes nothing and still keeps her out.
  ImportReport again = st.import_from(dir / "laptop.db");
  CHECK(again.sessions_added == 0);
  CHECK_FALSE(st.find_participant("Ann Rarename"));
}

TEST_CASE("erasure reaches every free-text column of the desktop audit, the name written another way") {
  fs::path dir = scratch_dir("erase-audit");
  fs::path path = dir / "results.db";
  Store st = Store::open(path);
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
  CHECK(file_bytes(path).find("Smith") == std::string::npos);
  CHECK(st.check().ok());
}

TEST_CASE("audit rows merged into a session here lose an erased person's name on import") {
  fs::path dir = scratch_dir("erase-audit-import");
  std::string id;
  {
    Store laptop = Store::open(dir / "laptop.db");
    id = start_audit_session(laptop, "Audit committee", "Table 1", "Ann Rarename");
  }
  fs::copy_file(dir / "laptop.db", dir / "main.db");
  {
    Store laptop = Store::open(dir / "laptop.db");
    audit::ControlCheck c = sample_check("report-fraud");
    c.owner = "Cllr Rarename";
    laptop.record_control_check(id, c);
  }
  Store st = Store::open(dir / "main.db");
  const std::string pseudonym = st.find_participant("Ann Rarename")->pseudonym;
  st.erase_participant("Ann Rarename");
  ImportReport r = st.import_from(dir / "laptop.db");
  CHECK(r.audit_rows_added == 1);
  REQUIRE(st.load_audit(id).checks.size() == 1);
  CHECK(st.load_audit(id).checks[0].owner == pseudonym);
  CHECK_FALSE(st.find_participant("Ann Rarename"));
}
