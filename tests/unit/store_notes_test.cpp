// Correcting and deleting a facilitator's notes: only the note named, only in its own session,
// never to empty text, and what is left reads back exactly.
#include <doctest/doctest.h>

#include "store_fixture.hpp"

using namespace auditsim::store;
using namespace auditsim::testing;

TEST_CASE("a note is corrected or deleted by its id, and the others are left as they were") {
  fs::path dir = scratch_dir("notes-edit");
  Store st = open_test_store(dir / "results.db");
  const std::string id = start_sample_session(st, "Evening");
  Note n;
  n.node_id = "first-complaint";
  n.text = "Table 2 wanted to wait";
  const std::string first = st.record_note(id, n);
  n.text = "Ask about the tenancy check";
  const std::string second = st.record_note(id, n);

  st.update_note(id, first, "Table 2 wanted to wait for the police \xF0\x9F\x9A\x93", true);
  auto rec = st.load_session(id);
  REQUIRE(rec->notes.size() == 2);
  CHECK(rec->notes[0].id == first);
  CHECK(rec->notes[0].text == "Table 2 wanted to wait for the police \xF0\x9F\x9A\x93");
  CHECK(rec->notes[0].part_b);
  CHECK(rec->notes[0].node_id == "first-complaint");  // where it was taken is kept
  CHECK(rec->notes[1].text == "Ask about the tenancy check");
  CHECK_FALSE(rec->notes[1].part_b);

  st.delete_note(id, second);
  rec = st.load_session(id);
  REQUIRE(rec->notes.size() == 1);
  CHECK(rec->notes[0].id == first);
}

TEST_CASE("a note is never emptied, nor changed through another session or an unknown id") {
  fs::path dir = scratch_dir("notes-refused");
  Store st = open_test_store(dir / "results.db");
  const std::string a = start_sample_session(st, "Evening", "Table 1");
  const std::string b = start_sample_session(st, "Evening", "Table 2", "Cllr Ravi Patel");
  Note n;
  n.text = "Kept";
  const std::string note = st.record_note(a, n);
  auto kind_of = [](auto f) {
    try {
      f();
    } catch (const StoreError& e) {
      return e.kind();
    }
    return ErrorKind::Io;  // not thrown: never what a test expects
  };
  CHECK(kind_of([&] { st.update_note(a, note, "  \n\t", false); }) == ErrorKind::Invalid);
  CHECK(kind_of([&] { st.update_note(b, note, "Changed", false); }) == ErrorKind::NotFound);
  CHECK(kind_of([&] { st.delete_note(b, note); }) == ErrorKind::NotFound);
  CHECK(kind_of([&] { st.delete_note(a, "no-such-note"); }) == ErrorKind::NotFound);
  CHECK(kind_of([&] { st.update_note("no-such-session", note, "x", false); }) == ErrorKind::NotFound);
  CHECK(kind_of([&] { st.delete_note("'; DROP TABLE notes; --", note); }) == ErrorKind::NotFound);
  auto rec = st.load_session(a);
  REQUIRE(rec->notes.size() == 1);
  CHECK(rec->notes[0].text == "Kept");
}
