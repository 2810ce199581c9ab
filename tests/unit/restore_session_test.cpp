// Restoring a recorded session (record, scenario from its snapshot, state from JSON) is one
// function, sim/recording.hpp, used by the debrief, `auditsim resume` and the reports: each way
// it can fail is worded once, with the session and the cause.
#include <doctest/doctest.h>

#include "tests/support/test_files.hpp"

#include <string>

#include "sim/load.hpp"
#include "sim/recording.hpp"
#include "sim/uuid.hpp"

using namespace auditsim;
namespace fs = std::filesystem;

namespace {

struct Recorded {
  store::Store db;
  std::string id;
  std::string node;  // where play stopped
};

// A tutorial session recorded after its first decision.
Recorded record_one_decision(const std::string& name) {
  const fs::path dir = test::fresh_scratch_dir("restore-" + name);
  store::Store db = store::Store::open(dir / "results.db");
  LoadResult lr = load_and_check(test::kTutorial);
  REQUIRE(lr.ok());
  ManualClock clock;
  Session session(lr.scenario, clock, Audience::Members);
  SessionRecorder recorder(db, session, RecordingSetup{});
  REQUIRE(session.choose(session.available_choices().front()));
  recorder.sync(session);
  return {std::move(db), recorder.session_id(), session.current_node().id};
}

}  // namespace

TEST_CASE("a recorded session is restored at the node where it stopped") {
  Recorded r = record_one_decision("ok");
  ManualClock clock;
  std::string error;
  auto restored = restore_session(r.db, r.id.substr(0, 8), clock, &error);
  INFO(error);
  REQUIRE(restored);
  CHECK(restored->record.summary.id == r.id);
  CHECK(restored->session->current_node().id == r.node);
  CHECK(restored->scenario->id == "tutorial-supplier-bank-details");
}

TEST_CASE("restoring an unknown session says there is no such session") {
  Recorded r = record_one_decision("unknown");
  ManualClock clock;
  std::string error;
  CHECK_FALSE(restore_session(r.db, "ffffffff", clock, &error));
  CHECK(error == "There is no session ffffffff in the results database.");
}

TEST_CASE("a damaged saved state is named as the cause, with the session") {
  Recorded r = record_one_decision("damaged");
  r.db.save_state(r.id, R"({"format": "not a session"})");
  ManualClock clock;
  std::string error;
  CHECK_FALSE(restore_session(r.db, r.id, clock, &error));
  CHECK(error.rfind("Session " + r.id.substr(0, 8) + " cannot be restored: its saved state", 0) == 0);
}

TEST_CASE("a stored scenario that no longer loads is named as the cause, with the session") {
  Recorded r = record_one_decision("snapshot");
  auto rec = r.db.load_session(r.id);
  REQUIRE(rec);
  rec->snapshot.source_text = "format: auditsim/1\nid: [broken\n";
  ManualClock clock;
  std::string error;
  CHECK_FALSE(session_from_record(*rec, scenario_from_snapshot(rec->snapshot, nullptr), clock, &error));
  CHECK(error.rfind("Session " + r.id.substr(0, 8) + " cannot be restored: the stored copy of scenario", 0) == 0);
}

TEST_CASE("UUIDs: random ones are version 4, name-based ones are RFC 4122 version 5") {
  const std::string a = random_uuid(), b = random_uuid();
  CHECK(a != b);
  CHECK(is_uuid(a));
  CHECK(a[14] == '4');
  // uuid.uuid5(uuid.NAMESPACE_URL, "statement/abc/0") in Python.
  CHECK(name_uuid("statement/abc/0") == "39ce6643-5787-5a8a-a9d2-4b7ba060046b");
  CHECK(name_uuid("statement/abc/0") == name_uuid("statement/abc/0"));
  CHECK_FALSE(is_uuid("39ce6643-5787-5a8a-a9d2-4b7ba060046"));
  CHECK_FALSE(is_uuid("not a uuid at all, but thirty-six ch"));
}
