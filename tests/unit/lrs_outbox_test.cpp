// The xAPI outbox and the sender's state machine, without a network: a fake LRS in the test
// answers each POST, and the clock is a number the test moves on.
#include <doctest/doctest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "sim/load.hpp"
#include "sim/lrs/sender.hpp"
#include "sim/recording.hpp"
#include "sim/uuid.hpp"
#include "tests/support/test_files.hpp"
#include "tests/unit/outbox_play_fixture.hpp"

using namespace auditsim;
using auditsim::testing::Played;
using nlohmann::json;

namespace {

// Ten minutes after the statements were queued (they are due from the moment they are queued).
const int64_t kStart = lrs::now_ms() + 600'000;

// An LRS in memory: keeps what it accepts, refuses what the test says, can be switched off.
struct FakeLrs {
  std::map<std::string, std::string> stored;  // id -> statement
  std::set<std::string> invalid;              // ids answered with 400
  std::set<std::string> conflicting;          // ids answered with 409
  bool online = true;
  int server_error = 0;  // answer this status to everything when set
  std::vector<size_t> batch_sizes;

  lrs::Answer post(const std::string& body) {
    if (!online) return {0, "", "could not reach http://127.0.0.1:9/statements (Couldn't connect to server)"};
    if (server_error) return {server_error, "<html>busy</html>", ""};
    const json batch = json::parse(body);
    batch_sizes.push_back(batch.size());
    for (const json& s : batch) {
      const std::string id = s["id"];
      if (invalid.count(id)) return {400, R"({"warnings":["Problem in 'statements.0.verb.id'"]})", ""};
      if (conflicting.count(id)) return {409, R"({"message":")" + id + R"( is conflicting"})", ""};
    }
    for (const json& s : batch) stored[s["id"]] = s.dump();
    return {200, "[]", ""};
  }
  lrs::Transport transport() {
    return [this](const std::string& body) { return post(body); };
  }
};

store::Store open_outbox(const std::string& name) {
  store::Store db = store::Store::open(test::fresh_scratch_dir("lrs-" + name) / "results.db");
  db.enable_outbox({"https://www.example.gov.uk/auditsim", "Example Council"});
  return db;
}

void queue_n(store::Store& db, int n, const std::string& prefix = "s") {
  db.batch([&] {
    for (int i = 0; i < n; ++i) {
      const std::string id = name_uuid(prefix + std::to_string(i));
      db.queue_statement(id, json{{"id", id}, {"n", i}}.dump());
    }
  });
}

}  // namespace

TEST_CASE("every waiting statement is sent in batches of up to 100 and marked sent") {
  store::Store db = open_outbox("batches");
  queue_n(db, 250);
  FakeLrs lrs;
  const lrs::SendReport r = lrs::send_due(db, lrs.transport(), kStart);
  CHECK(r.sent == 250);
  CHECK(lrs.batch_sizes == std::vector<size_t>{100, 100, 50});
  CHECK(lrs.stored.size() == 250);
  const store::OutboxCounts c = db.outbox_counts();
  CHECK(c.waiting == 0);
  CHECK(c.sent == 250);
  // Sent ones are never sent again.
  CHECK(lrs::send_due(db, lrs.transport(), kStart + 1000).requests == 0);
}

TEST_CASE("a statement queued twice under its id is kept once") {
  store::Store db = open_outbox("twice");
  queue_n(db, 3);
  queue_n(db, 3);
  CHECK(db.outbox_counts().waiting == 3);
}

TEST_CASE("a refused statement in a batch is found by splitting, kept with its reason, and the rest are sent") {
  store::Store db = open_outbox("refused");
  queue_n(db, 100);
  FakeLrs lrs;
  const std::string bad = name_uuid("s37");
  lrs.invalid.insert(bad);
  const lrs::SendReport r = lrs::send_due(db, lrs.transport(), kStart);
  CHECK(r.sent == 99);
  CHECK(r.refused == 1);
  CHECK(lrs.stored.size() == 99);
  CHECK_FALSE(lrs.stored.count(bad));
  const auto refused = db.refused_statements();
  REQUIRE(refused.size() == 1);
  CHECK(refused[0].id == bad);
  CHECK(refused[0].reason.find("HTTP 400") != std::string::npos);
  CHECK(refused[0].reason.find("statements.0.verb.id") != std::string::npos);
  // Refused ones are not retried on their own...
  CHECK(lrs::send_due(db, lrs.transport(), kStart + lrs::kLongestRetryMs).requests == 0);
  // ...until the author has fixed the cause and puts them back.
  lrs.invalid.clear();
  CHECK(db.requeue_refused(lrs::iso_time(kStart + 5000)) == 1);
  CHECK(lrs::send_due(db, lrs.transport(), kStart + 5000).sent == 1);
  CHECK(lrs.stored.count(bad));
  CHECK(db.outbox_counts().refused == 0);
}

TEST_CASE("409 for a statement already at the LRS counts it as sent, and the rest of its batch goes") {
  store::Store db = open_outbox("conflict");
  queue_n(db, 10);
  FakeLrs lrs;
  const std::string there = name_uuid("s4");
  lrs.conflicting.insert(there);
  const lrs::SendReport r = lrs::send_due(db, lrs.transport(), kStart);
  CHECK(r.sent == 10);
  CHECK(r.refused == 0);
  CHECK(lrs.stored.size() == 9);  // the tenth was there already
  CHECK(db.outbox_counts().sent == 10);
}

TEST_CASE("offline: statements wait 30 s, doubling with each failure up to an hour, then all go once") {
  store::Store db = open_outbox("offline");
  queue_n(db, 5);
  FakeLrs lrs;
  lrs.online = false;
  int64_t now = kStart;
  lrs::SendReport r = lrs::send_due(db, lrs.transport(), now);
  CHECK(r.deferred == 5);
  CHECK(r.error.find("Couldn't connect") != std::string::npos);
  CHECK(db.outbox_counts().next_attempt == lrs::iso_time(now + 30'000));
  CHECK(db.outbox_counts().last_error.find("Couldn't connect") != std::string::npos);
  // Before the wait is over nothing is tried.
  CHECK(lrs::send_due(db, lrs.transport(), now + 29'999).requests == 0);
  std::vector<int64_t> waits;
  for (int i = 0; i < 10; ++i) {
    const store::OutboxCounts c = db.outbox_counts();
    int64_t next = now;
    while (lrs::iso_time(next) < c.next_attempt) next += 1000;
    waits.push_back(next - now);
    now = next;
    CHECK(lrs::send_due(db, lrs.transport(), now).requests == 1);
  }
  CHECK(waits == std::vector<int64_t>{30'000, 60'000, 120'000, 240'000, 480'000, 960'000,
                                      1'920'000, 3'600'000, 3'600'000, 3'600'000});
  lrs.online = true;
  now += lrs::kLongestRetryMs;
  r = lrs::send_due(db, lrs.transport(), now);
  CHECK(r.sent == 5);
  CHECK(lrs.stored.size() == 5);
  CHECK(lrs.batch_sizes == std::vector<size_t>{5});
}

TEST_CASE("5xx from the LRS defers the batch and stops the run") {
  store::Store db = open_outbox("busy");
  queue_n(db, 150);
  FakeLrs lrs;
  lrs.server_error = 503;
  const lrs::SendReport r = lrs::send_due(db, lrs.transport(), kStart);
  CHECK(r.requests == 1);
  CHECK(r.deferred == 150);  // the 50 not tried wait with the batch that failed
  CHECK(r.error.find("503") != std::string::npos);
  CHECK(db.outbox_counts().waiting == 150);
}

TEST_CASE("wrong credentials (401) defer everything and say to check the key and secret") {
  store::Store db = open_outbox("unauthorised");
  queue_n(db, 2);
  FakeLrs lrs;
  lrs.server_error = 401;
  const lrs::SendReport r = lrs::send_due(db, lrs.transport(), kStart);
  CHECK(r.deferred == 2);
  CHECK(r.error.find("key and secret") != std::string::npos);
  CHECK(db.outbox_counts().refused == 0);
}

TEST_CASE("the retry wait doubles from 30 s and stops at an hour") {
  CHECK(lrs::retry_delay_ms(1) == 30'000);
  CHECK(lrs::retry_delay_ms(2) == 60'000);
  CHECK(lrs::retry_delay_ms(8) == 3'600'000);
  CHECK(lrs::retry_delay_ms(1000) == 3'600'000);
}

TEST_CASE("a played session queues attempted, answered and completed statements with pseudonyms only") {
  store::Store db = open_outbox("played");
  LoadResult lr = load_and_check(test::kTutorial);
  REQUIRE(lr.ok());
  ManualClock clock;
  Session session(lr.scenario, clock, Audience::Members);
  RecordingSetup setup;
  setup.participants.push_back({"Councillor Jane Smith", store::Role::Member});
  SessionRecorder recorder(db, session, setup);
  int decisions = 0;
  while (!session.finished()) {
    REQUIRE(session.choose(session.available_choices().front()));
    recorder.sync(session);
    ++decisions;
  }
  const auto due = db.due_statements("9999", 1000);
  REQUIRE(due.size() == static_cast<size_t>(decisions + 3));
  std::set<std::string> verbs;
  for (const auto& s : due) {
    CHECK(s.json.find("Jane") == std::string::npos);
    CHECK(s.json.find("Smith") == std::string::npos);
    const json j = json::parse(s.json);
    CHECK(j["id"] == s.id);
    CHECK(j["actor"]["account"]["name"].get<std::string>().rfind("Participant ", 0) == 0);
    CHECK(j["context"]["registration"] == recorder.session_id());
    verbs.insert(j["verb"]["id"].get<std::string>().substr(31));
  }
  CHECK(verbs.count("attempted"));
  CHECK(verbs.count("answered"));
  CHECK(verbs.count("completed"));
  CHECK(due.front().id == xapi_statement_id(recorder.session_id(), 0));
}

TEST_CASE("no LRS configured: playing queues nothing") {
  store::Store db = store::Store::open(test::fresh_scratch_dir("lrs-off") / "results.db");
  LoadResult lr = load_and_check(test::kTutorial);
  REQUIRE(lr.ok());
  ManualClock clock;
  Session session(lr.scenario, clock, Audience::Members);
  SessionRecorder recorder(db, session, RecordingSetup{});
  REQUIRE(session.choose(session.available_choices().front()));
  recorder.sync(session);
  CHECK(db.outbox_counts().waiting == 0);
}

TEST_CASE("a decision that fails to record leaves no statement behind") {
  store::Store db = open_outbox("rollback");
  LoadResult lr = load_and_check(test::kTutorial);
  REQUIRE(lr.ok());
  ManualClock clock;
  Session session(lr.scenario, clock, Audience::Members);
  SessionRecorder recorder(db, session, RecordingSetup{});
  const int64_t before = db.outbox_counts().waiting;
  REQUIRE(session.choose(session.available_choices().front()));
  // The statement is queued inside the decision's transaction: a failure after it undoes both.
  CHECK_THROWS(db.batch([&] {
    recorder.sync(session);
    throw std::runtime_error("power cut");
  }));
  CHECK(db.outbox_counts().waiting == before);
}

namespace {

// The statements the LRS holds that void `id`.
std::vector<json> voiding(const FakeLrs& lrs, const std::string& id) {
  std::vector<json> out;
  for (const auto& [sid, body] : lrs.stored) {
    const json j = json::parse(body);
    if (j["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided" && j["object"]["id"] == id) out.push_back(j);
  }
  return out;
}

}  // namespace

TEST_CASE("undo: a decision not yet sent is dropped from the outbox and never reaches the LRS") {
  store::Store db = open_outbox("undo-unsent");
  Played p(db);
  p.choose();
  const int64_t with_decision = db.outbox_counts().waiting;
  p.undo();
  CHECK(db.outbox_counts().waiting == with_decision - 1);
  FakeLrs lrs;
  lrs::send_due(db, lrs.transport(), kStart);
  CHECK(lrs.stored.count(p.statement(0)) == 1);  // attempted stays true
  CHECK(lrs.stored.count(p.statement(1)) == 0);
  CHECK(voiding(lrs, p.statement(1)).empty());  // nothing to void at the LRS
  // The next decision has a statement id of its own, never the dropped one's, which is sent.
  p.choose();
  CHECK(p.last_decision() != p.statement(1));
  lrs::send_due(db, lrs.transport(), kStart + 1000);
  CHECK(lrs.stored.count(p.last_decision()) == 1);
  CHECK(lrs.stored.size() == 2);
}

TEST_CASE("undo: a decision already sent is voided once, by the same pseudonymous actor") {
  store::Store db = open_outbox("undo-sent");
  Played p(db);
  p.choose();
  FakeLrs lrs;
  REQUIRE(lrs::send_due(db, lrs.transport(), kStart).sent == 2);
  p.undo();
  CHECK(db.outbox_counts().waiting == 1);  // the voiding statement
  lrs::send_due(db, lrs.transport(), kStart + 1000);
  const std::vector<json> v = voiding(lrs, p.statement(1));
  REQUIRE(v.size() == 1);
  CHECK(v[0]["id"] == xapi_voiding_id(p.statement(1)));
  CHECK(v[0]["object"]["objectType"] == "StatementRef");
  CHECK(v[0]["actor"] == json::parse(lrs.stored.at(p.statement(1)))["actor"]);
  CHECK(v[0].dump().find("Jane") == std::string::npos);
  // Withdrawing it again queues nothing new: the voiding statement has a fixed id.
  withdraw_statement(db, p.statement(1), "2026-03-12T19:30:00.000Z");
  CHECK(db.outbox_counts().waiting == 0);
  // An id that was never queued is left alone.
  withdraw_statement(db, name_uuid("never queued"), "2026-03-12T19:30:00.000Z");
  CHECK(db.outbox_counts().waiting == 0);
}

TEST_CASE("undo: from the ending, the ending's statements are withdrawn with the last decision's") {
  store::Store db = open_outbox("undo-ending");
  Played p(db);
  while (!p.session->finished()) p.choose();
  FakeLrs lrs;
  lrs::send_due(db, lrs.transport(), kStart);
  const int end = xapi_position(*p.session, p.session->history().size());
  REQUIRE(lrs.stored.count(p.statement(end)) == 1);
  REQUIRE(lrs.stored.count(p.statement(end + 1)) == 1);
  p.undo();
  lrs::send_due(db, lrs.transport(), kStart + 1000);
  CHECK(voiding(lrs, p.statement(end)).size() == 1);      // completed
  CHECK(voiding(lrs, p.statement(end + 1)).size() == 1);  // passed or failed
  CHECK(voiding(lrs, p.statement(end - 1)).size() == 1);  // the last decision's answered
  CHECK(voiding(lrs, p.statement(end - 2)).empty());      // the one before stands
  // Deciding and finishing again: new statements under ids of their own, none of them voided.
  p.choose();
  REQUIRE(p.session->finished());
  const size_t before = lrs.stored.size();
  lrs::send_due(db, lrs.transport(), kStart + 2000);
  CHECK(lrs.stored.size() == before + 3);  // answered, completed, passed or failed
  const int again = xapi_position(*p.session, p.session->history().size());
  CHECK(again > end + 1);
  for (int position : {again - 1, again, again + 1}) {
    CAPTURE(position);
    CHECK(lrs.stored.count(p.statement(position)) == 1);
    CHECK(voiding(lrs, p.statement(position)).empty());
  }
}

TEST_CASE("undo: a statement withdrawn while its batch is on its way is voided once the LRS has it") {
  store::Store db = open_outbox("undo-in-flight");
  Played p(db);
  p.choose();
  FakeLrs lrs;
  bool undone = false;
  // The undo lands between the POST and the LRS's answer being recorded.
  const lrs::Transport during = [&](const std::string& body) {
    if (!undone) {
      undone = true;
      p.undo();
    }
    return lrs.post(body);
  };
  lrs::send_due(db, during, kStart);
  REQUIRE(undone);
  CHECK(lrs.stored.count(p.statement(1)) == 1);  // it arrived before the undo was known
  lrs::send_due(db, lrs.transport(), kStart + 1000);
  CHECK(voiding(lrs, p.statement(1)).size() == 1);
  CHECK(db.outbox_counts().waiting == 0);
}
