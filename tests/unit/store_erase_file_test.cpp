// Erasure in an SQLite file: the name leaves the file's bytes and its WAL, and a copy of the file
// imported back does not return it. The rest of erasure runs on both backends
// (store_erase_test.cpp).
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
