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
