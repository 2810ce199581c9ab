// Delivery to a real LRS on this machine: Learning Locker's statement service (xapi-statements
// 5.0.1, in-memory storage), started by the CTest fixture in tests/CMakeLists.txt. The clock is
// passed in, so a day offline takes no time; offline is a port nothing listens on.
#include <doctest/doctest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/load.hpp"
#include "sim/lrs/curl_transport.hpp"
#include "sim/recording.hpp"
#include "sim/lrs/sender.hpp"
#include "sim/uuid.hpp"
#include "sim/xapi_queue.hpp"
#include "tests/support/test_files.hpp"

using namespace auditsim;
using nlohmann::json;

namespace {

// The fixture's port, or AUDITSIM_TEST_LRS_PORT for a run by hand against an LRS of one's own.
std::string port() {
  const char* p = std::getenv("AUDITSIM_TEST_LRS_PORT");
  return p && *p ? p : AUDITSIM_LRS_PORT;
}

lrs::Credentials live() {
  return {"http://127.0.0.1:" + port() + "/xAPI", "auditsim", "test-secret"};
}

// GET /statements with `query` (curl -G arguments), as JSON.
json get_statements(const std::string& query) {
  std::string body;
  const std::string cmd = "curl -s -G -u auditsim:test-secret -H 'X-Experience-API-Version: 1.0.3' "
                          "'http://127.0.0.1:" + port() + "/xAPI/statements' " + query;
  FILE* p = ::popen(cmd.c_str(), "r");
  char buf[4096];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;) body.append(buf, n);
  ::pclose(p);
  return json::parse(body, nullptr, false);
}

// The LRS's own copy of a statement (GET /statements?statementId=, or ?voidedStatementId= for
// one since voided), or null.
json fetch(const std::string& id, const char* parameter = "statementId") {
  const json j = get_statements(std::string("-d ") + parameter + "=" + id);
  return j.is_object() && j.contains("id") ? j : json();
}

std::string statement(const std::string& id, const std::string& verb_id = "http://adlnet.gov/expapi/verbs/answered") {
  return json{{"id", id},
              {"actor", {{"objectType", "Agent"},
                         {"account", {{"homePage", "https://www.example.gov.uk/auditsim"},
                                      {"name", "Participant 3F2A9C"}}}}},
              {"verb", {{"id", verb_id}}},
              {"object", {{"id", "https://www.example.gov.uk/auditsim/scenarios/t/nodes/n1"}}}}
      .dump();
}

store::Store fresh(const std::string& name) {
  store::Store db = store::Store::open(test::fresh_scratch_dir("lrs-live-" + name) / "results.db");
  db.enable_outbox({"https://www.example.gov.uk/auditsim", ""});
  return db;
}

}  // namespace

TEST_CASE("a day offline and then online delivers every statement exactly once") {
  store::Store db = fresh("offline-day");
  const std::string run = random_uuid();
  db.batch([&] {
    for (int i = 0; i < 230; ++i) {
      const std::string id = name_uuid(run + "/" + std::to_string(i));
      db.queue_statement(id, statement(id));
    }
  });
  lrs::Credentials offline = live();
  offline.endpoint = "http://127.0.0.1:9/xAPI";  // the discard port: nothing answers
  const lrs::Transport down = lrs::curl_transport(offline, 2);
  int64_t now = lrs::now_ms() + 1000;
  const int64_t day_end = now + 24 * 3'600'000LL;
  int attempts = 0;
  for (; now < day_end; now += 60'000) {
    const lrs::SendReport r = lrs::send_due(db, down, now);
    CHECK(r.sent == 0);
    attempts += static_cast<int>(r.requests);
  }
  // 30 s doubling to an hour: about 30 tries in a day, not one a minute.
  CHECK(attempts > 20);
  CHECK(attempts < 40);
  CHECK(db.outbox_counts().waiting == 230);
  const lrs::SendReport r = lrs::send_due(db, lrs::curl_transport(live()), now + 3'600'000);
  CHECK(r.sent == 230);
  CHECK(r.requests == 3);
  CHECK(db.outbox_counts().sent == 230);
  // Sending again sends nothing; a second copy of the same batch (a run killed before it
  // recorded the answer) is accepted without duplicating anything.
  CHECK(lrs::send_due(db, lrs::curl_transport(live()), now + 7'200'000).requests == 0);
  const std::string first = name_uuid(run + "/0");
  CHECK(lrs::curl_transport(live())("[" + statement(first) + "]").status == 200);
  for (int i : {0, 117, 229}) CHECK(fetch(name_uuid(run + "/" + std::to_string(i)))["id"] ==
                                    name_uuid(run + "/" + std::to_string(i)));
}

TEST_CASE("a statement the real LRS refuses is kept with its reason and the rest are delivered") {
  store::Store db = fresh("refused");
  const std::string run = random_uuid();
  const std::string bad = name_uuid(run + "/bad");
  db.batch([&] {
    for (int i = 0; i < 20; ++i) {
      const std::string id = name_uuid(run + "/" + std::to_string(i));
      db.queue_statement(id, statement(id));
    }
    db.queue_statement(bad, statement(bad, "not an IRI"));
  });
  const lrs::SendReport r = lrs::send_due(db, lrs::curl_transport(live()), lrs::now_ms() + 1000);
  CHECK(r.sent == 20);
  CHECK(r.refused == 1);
  const auto refused = db.refused_statements();
  REQUIRE(refused.size() == 1);
  CHECK(refused[0].id == bad);
  CHECK(refused[0].reason.find("verb.id") != std::string::npos);
  CHECK(refused[0].reason.find("test-secret") == std::string::npos);
  CHECK(fetch(bad).is_null());
  CHECK_FALSE(fetch(name_uuid(run + "/7")).is_null());
}

TEST_CASE("a statement already at the real LRS with other content (409) counts as sent") {
  store::Store db = fresh("conflict");
  const std::string id = random_uuid();
  REQUIRE(lrs::curl_transport(live())("[" + statement(id, "http://adlnet.gov/expapi/verbs/attempted") + "]").status == 200);
  db.queue_statement(id, statement(id));
  const std::string other = random_uuid();
  db.queue_statement(other, statement(other));
  const lrs::SendReport r = lrs::send_due(db, lrs::curl_transport(live()), lrs::now_ms() + 1000);
  CHECK(r.sent == 2);
  CHECK(r.refused == 0);
  CHECK(db.outbox_counts().sent == 2);
  CHECK_FALSE(fetch(other).is_null());
}

TEST_CASE("an undone decision's statement already at the real LRS is voided there") {
  store::Store db = fresh("voided");
  const std::string id = name_uuid(random_uuid() + "/answered");
  db.queue_statement(id, statement(id));
  REQUIRE(lrs::send_due(db, lrs::curl_transport(live()), lrs::now_ms() + 1000).sent == 1);
  REQUIRE_FALSE(fetch(id).is_null());
  withdraw_statement(db, id, "2026-03-12T19:30:00.000Z");  // as the recorder does on an undo
  const lrs::SendReport r = lrs::send_due(db, lrs::curl_transport(live()), lrs::now_ms() + 2000);
  CHECK(r.sent == 1);
  CHECK(r.refused == 0);
  // The LRS no longer gives it as a statement, only as a voided one; the voiding one names it.
  CHECK(fetch(id).is_null());
  CHECK(fetch(id, "voidedStatementId")["id"] == id);
  const json voiding = fetch(xapi_voiding_id(id));
  CHECK(voiding["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided");
  CHECK(voiding["object"]["id"] == id);
}

TEST_CASE("an erased participant's statements at the real LRS are voided, and unsent ones never arrive") {
  store::Store db = fresh("erased");
  LoadResult lr = load_and_check(test::kTutorial);
  REQUIRE(lr.ok());
  ManualClock clock;
  Session session(lr.scenario, clock, Audience::Members);
  RecordingSetup setup;
  setup.participants.push_back({"Councillor " + random_uuid().substr(0, 8) + " Erased", store::Role::Member});
  SessionRecorder recorder(db, session, setup);
  for (int i = 0; i < 2; ++i) {
    REQUIRE(session.choose(session.available_choices().front()));
    recorder.sync(session);
  }
  REQUIRE(lrs::send_due(db, lrs::curl_transport(live()), lrs::now_ms() + 1000).sent == 3);
  const std::string sid = recorder.session_id();
  for (int position : {0, 1, 2}) REQUIRE_FALSE(fetch(xapi_statement_id(sid, position)).is_null());
  REQUIRE(session.choose(session.available_choices().front()));
  recorder.sync(session);  // its statement is still waiting when the erasure comes
  const std::string unsent = xapi_statement_id(sid, 3);
  const json actor = json::parse(db.due_statements("9999", 10).front().json)["actor"];

  const store::EraseReport r = db.erase_participant(setup.participants[0].name);
  CHECK(r.statements_dropped == 1);
  CHECK(r.voids_queued == 3);
  const lrs::SendReport sent = lrs::send_due(db, lrs::curl_transport(live()), lrs::now_ms() + 2000);
  CHECK(sent.sent == 3);
  CHECK(sent.refused == 0);
  // Each is now given only as a voided statement; the unsent one never arrived at all.
  for (int position : {0, 1, 2}) {
    CAPTURE(position);
    const std::string id = xapi_statement_id(sid, position);
    CHECK(fetch(id).is_null());
    CHECK(fetch(id, "voidedStatementId")["id"] == id);
  }
  CHECK(fetch(unsent).is_null());
  CHECK(fetch(unsent, "voidedStatementId").is_null());
  // Asked for everything by this person's account, the LRS gives only the voiding statements.
  const json by_agent = get_statements("--data-urlencode 'agent=" + actor.dump() + "'");
  REQUIRE(by_agent.contains("statements"));
  CHECK(by_agent["statements"].size() == 3);
  for (const json& s : by_agent["statements"])
    CHECK(s["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided");
  // Sending again sends nothing more.
  CHECK(lrs::send_due(db, lrs::curl_transport(live()), lrs::now_ms() + 3000).requests == 0);
}
