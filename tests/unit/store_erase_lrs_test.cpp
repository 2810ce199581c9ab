// Erasure reaching the learning record store through the xAPI outbox, on both backends: the
// erased person's statements not yet sent are dropped, those sent get a voiding statement, and
// nobody else's statement changes. Sending is marking sent (the sender is tested in lrs_*).
#include <doctest/doctest.h>

#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "sim/load.hpp"
#include "sim/recording.hpp"
#include "sim/store/raw_connection.hpp"
#include "sim/xapi_queue.hpp"
#include "store_fixture.hpp"
#include "tests/support/test_files.hpp"
#include "tests/unit/outbox_play_fixture.hpp"

using namespace auditsim;
using namespace auditsim::store;
using namespace auditsim::testing;
using nlohmann::json;

namespace {

const char* const kSentAt = "2026-03-12T19:30:00.000Z";

Store open_outbox(const fs::path& file) {
  Store st = open_test_store(file);
  st.enable_outbox({"https://www.example.gov.uk/auditsim", "Example Council"});
  return st;
}

// What the LRS would have after a successful run: every waiting statement marked sent.
void deliver(Store& st) {
  std::vector<std::string> ids;
  for (const OutboxStatement& s : st.due_statements("9999", 10000)) ids.push_back(s.id);
  st.mark_sent(ids, kSentAt);
}

struct Row {
  std::string json, state;
  bool operator==(const Row& o) const { return json == o.json && state == o.state; }
};

// Every row of the outbox by statement id.
std::map<std::string, Row> outbox_rows(Store& st) {
  std::map<std::string, Row> out;
  Stmt q(raw_connection(st), "SELECT statement_id, statement, state FROM xapi_outbox");
  while (q.step()) out[q.column_text(0)] = {q.column_text(1), q.column_text(2)};
  return out;
}

}  // namespace

TEST_CASE("erasure drops the person's unsent statements, voids the sent ones and touches no one else's") {
  fs::path dir = scratch_dir("erase-lrs");
  Store st = open_outbox(dir / "results.db");
  Played jane(st, {"Councillor Jane Smith"});
  jane.choose();
  jane.choose();
  Played bob(st, {"Councillor Bob Jones"});
  bob.choose();
  deliver(st);  // Jane's attempted and two answered, Bob's attempted and answered
  jane.choose();  // waiting
  bob.choose();   // waiting
  const std::string pseudonym = st.find_participant("Councillor Jane Smith")->pseudonym;
  std::map<std::string, Row> before = outbox_rows(st);
  REQUIRE(before.size() == 7);

  EraseReport r = st.erase_participant("Councillor Jane Smith");
  CHECK(r.statements_dropped == 1);
  CHECK(r.voids_queued == 3);
  const std::string message = erase_message(r);
  CHECK(message.find("1 statement(s) about their sessions not yet sent were dropped") != std::string::npos);
  CHECK(message.find("3 voiding statement(s) were queued") != std::string::npos);
  // The tombstone keeps the same counts, as the erasure's lasting record.
  {
    Stmt tomb(raw_connection(st), "SELECT lrs_dropped, lrs_voids_queued FROM erasures WHERE participant = ?");
    tomb.bind(1, st.load_session(jane.recorder->session_id())->participants[0].id);
    REQUIRE(tomb.step());
    CHECK(tomb.column_int(0) == 1);
    CHECK(tomb.column_int(1) == 3);
  }

  std::map<std::string, Row> after = outbox_rows(st);
  CHECK(after.count(jane.statement(3)) == 0);  // the unsent answered: gone
  for (int position : {0, 1, 2}) {
    CAPTURE(position);
    const std::string original = jane.statement(position);
    REQUIRE(after.count(original) == 1);
    CHECK(after[original] == before[original]);  // kept as sent: its id is never sent as new
    REQUIRE(after.count(xapi_voiding_id(original)) == 1);
    const Row& v = after[xapi_voiding_id(original)];
    CHECK(v.state == "waiting");
    const json j = json::parse(v.json);
    CHECK(j["verb"]["id"] == "http://adlnet.gov/expapi/verbs/voided");
    CHECK(j["object"] == json({{"objectType", "StatementRef"}, {"id", original}}));
    CHECK(j["actor"] == json::parse(before[original].json)["actor"]);
    CHECK(j["actor"]["account"]["name"] == pseudonym);
  }
  // Bob's statements, sent and waiting, are exactly as they were; nothing else was added.
  for (int position : {0, 1, 2}) {
    CAPTURE(position);
    const std::string id = bob.statement(position);
    REQUIRE(after.count(id) == 1);
    CHECK(after[id] == before[id]);
    CHECK(after.count(xapi_voiding_id(id)) == 0);
  }
  CHECK(after.size() == 7 - 1 + 3);
  CHECK(stored_text(st, dir / "results.db").find("Jane Smith") == std::string::npos);
  CHECK(st.check().ok());
}

TEST_CASE("erasing twice queues nothing more, and a statement an undo already voided is voided once") {
  fs::path dir = scratch_dir("erase-lrs-twice");
  Store st = open_outbox(dir / "results.db");
  Played jane(st, {"Councillor Jane Smith"});
  jane.choose();
  jane.choose();
  deliver(st);
  jane.undo();  // the second answered is at the LRS: the undo queues its voiding
  REQUIRE(st.outbox_counts().waiting == 1);
  EraseReport r = st.erase_participant("Councillor Jane Smith");
  CHECK(r.statements_dropped == 0);
  CHECK(r.voids_queued == 2);  // attempted and the first answered; the undone one has its own
  CHECK(st.outbox_counts().waiting == 3);
  deliver(st);
  const std::map<std::string, Row> sent = outbox_rows(st);
  const std::string id = jane.recorder->session_id();
  CHECK_THROWS_AS(st.erase_participant("Councillor Jane Smith"), StoreError);
  CHECK_THROWS_AS(st.erase_participant(st.load_session(id)->participants[0].id), StoreError);
  CHECK(outbox_rows(st) == sent);
  CHECK(st.outbox_counts().waiting == 0);
}

TEST_CASE("a group's statements are voided when one member is erased, and the other's own session stands") {
  fs::path dir = scratch_dir("erase-lrs-group");
  Store st = open_outbox(dir / "results.db");
  Played table(st, {"Councillor Jane Smith", "Councillor Bob Jones"}, "Table 1");
  table.choose();
  Played bob(st, {"Councillor Bob Jones"});
  bob.choose();
  deliver(st);
  table.choose();
  const json group = json::parse(outbox_rows(st).at(table.statement(0)).json)["actor"];
  REQUIRE(group["objectType"] == "Group");
  REQUIRE(group["member"].size() == 2);
  EraseReport r = st.erase_participant("Councillor Jane Smith");
  CHECK(r.statements_dropped == 1);
  CHECK(r.voids_queued == 2);
  std::map<std::string, Row> after = outbox_rows(st);
  CHECK(json::parse(after.at(xapi_voiding_id(table.statement(1))).json)["actor"] == group);
  CHECK(after.count(xapi_voiding_id(bob.statement(0))) == 0);
  CHECK(after.count(xapi_voiding_id(bob.statement(1))) == 0);
  CHECK(after.at(bob.statement(1)).state == "sent");
}

TEST_CASE("an erased name leaves the outbox's other statements: a team named after them is renamed") {
  fs::path dir = scratch_dir("erase-lrs-team");
  Store st = open_outbox(dir / "results.db");
  Played jane(st, {"Councillor Jane Smith"});
  Played bob(st, {"Councillor Bob Jones", "Councillor Ann Lee"}, "Jane Smith's table");
  bob.choose();
  const std::string pseudonym = st.find_participant("Councillor Jane Smith")->pseudonym;
  REQUIRE(outbox_rows(st).at(bob.statement(1)).json.find("Jane Smith") != std::string::npos);
  EraseReport r = st.erase_participant("Councillor Jane Smith");
  CHECK(r.statements_dropped == 1);  // her attempted
  const std::map<std::string, Row> after = outbox_rows(st);
  REQUIRE(after.count(bob.statement(1)) == 1);  // Bob's table's statements are still to be sent
  const json j = json::parse(after.at(bob.statement(1)).json);
  CHECK(j["context"]["extensions"]["https://www.example.gov.uk/auditsim/extensions/team"] ==
        pseudonym + "'s table");
  for (const auto& [id, row] : after) CHECK(row.json.find("Jane Smith") == std::string::npos);
}
