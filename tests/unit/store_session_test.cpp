// Recording and reading sessions: events, participants, decisions, notes, overrides, actions.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <map>

#include "sim/store/schema.hpp"
#include "sim/store/raw_connection.hpp"
#include "store_fixture.hpp"

using namespace auditsim;
using namespace auditsim::store;
using namespace auditsim::testing;

TEST_CASE("a session records decisions in order with the resume state in the same commit") {
  fs::path dir = scratch_dir("record");
  Store st = open_test_store(dir / "results.db");
  std::string id = start_sample_session(st, "Member training evening");
  DecisionRecord d1 = sample_decision("first-complaint", "refer");
  CHECK(st.record_decision(id, d1, R"({"at":1})") == 1);
  CHECK(d1.seq == 1);
  CHECK_FALSE(d1.recorded_at.empty());
  DecisionRecord undo;
  undo.node_id = "police-visit";
  undo.kind = DecisionKind::Undo;
  undo.rationale = "Facilitator: wrong table";
  undo.delta = {-1, 0, -3, 0};
  CHECK(st.record_decision(id, undo, R"({"at":2})") == 2);

  auto rec = st.load_session(id);
  REQUIRE(rec);
  CHECK(rec->state_json == R"({"at":2})");
  REQUIRE(rec->decisions.size() == 2);
  const DecisionRecord& r = rec->decisions[0];
  CHECK(r.seq == 1);
  CHECK(r.node_id == "first-complaint");
  CHECK(r.choice_id == "refer");
  CHECK(r.kind == DecisionKind::Decision);
  CHECK(r.time_taken_ms == 42000);
  CHECK(r.votes_json == R"({"refer":4,"wait":1})");
  CHECK(r.rationale == "The signs fit cuckooing");
  CHECK(r.dissent == "One member wanted to wait");
  CHECK(r.delta == std::array<int64_t, 4>{1, 0, 3, 0});
  CHECK(r.state_after == R"({"node":"first-complaint"})");
  CHECK(rec->decisions[1].kind == DecisionKind::Undo);
  CHECK(rec->decisions[1].delta[2] == -3);
  CHECK(rec->snapshot.source_text == sample_snapshot().source_text);
  CHECK(rec->snapshot.sha256 == sample_snapshot().sha256);
  REQUIRE(rec->event);
  CHECK(rec->event->name == "Member training evening");
  CHECK(rec->event->facilitator == "Chief EHO");
  REQUIRE(rec->participants.size() == 1);
  CHECK(rec->participants[0].display_name == "Cllr Jane Smith");
  CHECK(rec->participants[0].pseudonym.rfind("Participant ", 0) == 0);
  CHECK(rec->summary.mode == Mode::Group);
  CHECK(rec->summary.team == "Table 1");
  CHECK(rec->summary.decisions == 2);
  CHECK(rec->audience == "members");
}

TEST_CASE("a vote for a choice that is not in the decision's node is refused") {
  fs::path dir = scratch_dir("vote-elsewhere");
  Store st = open_test_store(dir / "results.db");
  std::string id = start_sample_session(st, "Evening");
  // Hands counted at the previous stage, filed against this one.
  DecisionRecord d = sample_decision("police-visit", "close-case");
  d.offered = {"close-case", "keep-watching"};
  d.votes_json = R"({"refer":4,"close-case":1})";
  try {
    st.record_decision(id, d, "{}");
    FAIL("a vote for another stage's choice was stored");
  } catch (const StoreError& e) {
    CHECK(e.kind() == ErrorKind::Invalid);
    CHECK(std::string(e.what()).find("'refer'") != std::string::npos);
  }
  // Neither a choice the stage did not offer, nor votes that are not counts of hands.
  DecisionRecord elsewhere = sample_decision("police-visit", "refer");
  elsewhere.offered = {"close-case"};
  elsewhere.votes_json.clear();
  CHECK_THROWS_AS(st.record_decision(id, elsewhere, "{}"), StoreError);
  DecisionRecord not_counts = sample_decision("police-visit", "close-case");
  not_counts.offered = {"close-case"};
  not_counts.votes_json = R"({"close-case":"many"})";
  CHECK_THROWS_AS(st.record_decision(id, not_counts, "{}"), StoreError);
  CHECK(st.load_session(id)->decisions.empty());
  // Votes for the stage's own choices are kept.
  d.votes_json = R"({"close-case":4,"keep-watching":1})";
  CHECK(st.record_decision(id, d, "{}") == 1);
}

TEST_CASE("bad records are refused with a clear reason and change nothing") {
  fs::path dir = scratch_dir("refuse");
  Store st = open_test_store(dir / "results.db");
  std::string id = start_sample_session(st, "Evening");
  DecisionRecord no_choice = sample_decision("n", "");
  CHECK_THROWS_AS(st.record_decision(id, no_choice, "{}"), StoreError);
  DecisionRecord d = sample_decision("n", "c");
  try {
    st.record_decision("no-such-session", d, "{}");
    FAIL("unknown session must throw");
  } catch (const StoreError& e) {
    CHECK(e.kind() == ErrorKind::NotFound);
  }
  ScoreOverride o;
  o.pillar = "protect";
  o.delta = 2;
  o.reason = "   ";
  try {
    st.record_override(id, o);
    FAIL("an override without a reason must throw");
  } catch (const StoreError& e) {
    CHECK(e.kind() == ErrorKind::Invalid);
    CHECK(std::string(e.what()).find("reason") != std::string::npos);
  }
  o.reason = "Table 2 raised the referral verbally before the inject";
  o.pillar = "pillage";
  CHECK_THROWS_AS(st.record_override(id, o), StoreError);
  // The schema itself refuses an empty reason, whatever the caller does.
  CHECK_THROWS_AS(auditsim::store::raw_connection(st).exec("INSERT INTO score_overrides VALUES('x', '" + id +
                               "', 'protect', 1, '', '', 'now')"),
                  StoreError);
  SessionStart bad;
  bad.event_id = "no-such-event";
  CHECK_THROWS_AS(st.start_session(sample_snapshot(), bad), StoreError);
  CHECK(st.list_sessions().size() == 1);
  CHECK(st.load_session(id)->decisions.empty());
  CHECK(st.load_session(id)->overrides.empty());
}

TEST_CASE("finished sessions take no decisions until resumed") {
  fs::path dir = scratch_dir("status");
  Store st = open_test_store(dir / "results.db");
  std::string id = start_sample_session(st, "Evening");
  st.set_status(id, Status::Finished);
  auto rec = st.load_session(id);
  CHECK(rec->summary.status == Status::Finished);
  CHECK_FALSE(rec->summary.finished_at.empty());
  DecisionRecord d = sample_decision("n", "c");
  CHECK_THROWS_AS(st.record_decision(id, d, "{}"), StoreError);
  st.set_status(id, Status::Active);
  CHECK(st.load_session(id)->summary.finished_at.empty());
  CHECK(st.record_decision(id, d, "{}") == 1);
}

TEST_CASE("notes, overrides, inject acknowledgements and the improvement plan") {
  fs::path dir = scratch_dir("extras");
  Store st = open_test_store(dir / "results.db");
  std::string id = start_sample_session(st, "Audit");
  auto jane = st.find_participant("Cllr Jane Smith");
  REQUIRE(jane);
  Note n;
  n.kind = "control";
  n.node_id = "first-complaint";
  n.text = "A tenancy check would have caught this";
  n.part_b = true;
  n.author_id = jane->id;
  st.record_note(id, n);
  ScoreOverride o{"", "prepare", -1, "Plan not tested", "Chief Internal Auditor", ""};
  st.record_override(id, o);
  st.acknowledge_inject(id, "press-call");
  st.acknowledge_inject(id, "press-call");  // acknowledging twice is harmless

  ActionItem a;
  a.session_id = id;
  a.finding = "safeguarding-referral";
  a.action = "Train housing officers on cuckooing signs";
  a.owner = "Head of Housing";
  a.due_date = "2024-06-30";
  a.priority = "high";
  std::string aid = st.add_action(a);
  a.id = aid;
  a.status = ActionStatus::InProgress;
  st.update_action(a);
  ActionItem b = a;
  b.action = "Review the ASB log process";
  b.priority = "low";
  std::string bid = st.add_action(b);
  st.delete_action(bid);
  CHECK_THROWS_AS(st.delete_action(bid), StoreError);
  a.priority = "urgent";
  CHECK_THROWS_AS(st.update_action(a), StoreError);

  auto rec = st.load_session(id);
  REQUIRE(rec);
  REQUIRE(rec->notes.size() == 1);
  CHECK(rec->notes[0].part_b);
  CHECK(rec->notes[0].kind == "control");
  CHECK(rec->notes[0].author_id == jane->id);
  REQUIRE(rec->overrides.size() == 1);
  CHECK(rec->overrides[0].reason == "Plan not tested");
  CHECK(rec->overrides[0].by == "Chief Internal Auditor");
  REQUIRE(rec->inject_acks.size() == 1);
  CHECK(rec->inject_acks[0].inject_id == "press-call");
  REQUIRE(rec->actions.size() == 1);
  CHECK(rec->actions[0].status == ActionStatus::InProgress);
  CHECK(rec->actions[0].priority == "high");
  CHECK(rec->actions[0].owner == "Head of Housing");
}

TEST_CASE("sessions are listed by event name and found by a unique id prefix") {
  fs::path dir = scratch_dir("list");
  Store st = open_test_store(dir / "results.db");
  std::string a = start_sample_session(st, "March evening", "Table 1");
  std::string b = start_sample_session(st, "March evening", "Table 2");
  std::string c = start_sample_session(st, "Audit committee", "Auditors");
  CHECK(st.list_sessions().size() == 3);
  auto march = st.list_sessions({"March evening", std::nullopt});
  REQUIRE(march.size() == 2);
  CHECK(march[0].event_name == "March evening");
  CHECK(march[0].scenario_id == "cuckooing-millbrook-court");
  CHECK(st.list_sessions({"Nobody's event", std::nullopt}).empty());
  st.set_status(c, Status::Abandoned);
  CHECK(st.list_sessions({"", Status::Abandoned}).size() == 1);
  CHECK(st.list_events().size() == 2);
  CHECK(st.find_event("March evening")->kind == EventKind::TrainingEvening);

  CHECK(st.resolve_session_id(a.substr(0, 8)) == a);
  CHECK(st.load_session(b.substr(0, 12))->summary.id == b);
  CHECK_FALSE(st.load_session("ffffffff-0000"));
  CHECK_THROWS_AS(st.resolve_session_id("ab"), StoreError);
}

TEST_CASE("a batch commits all its writes together or none") {
  fs::path dir = scratch_dir("batch");
  Store st = open_test_store(dir / "results.db");
  CHECK_THROWS(st.batch([&] {
    st.create_participant("Officer A", Role::Staff);
    throw std::runtime_error("stop");
  }));
  CHECK(st.list_participants().empty());
  st.batch([&] {
    st.create_participant("Officer A", Role::Staff);
    st.create_participant("Officer B", Role::Staff);
  });
  CHECK(st.list_participants().size() == 2);
}

TEST_CASE("the session list names who took part, intact, sorted, and an erased person by pseudonym") {
  fs::path dir = scratch_dir("list-participants");
  Store st = open_test_store(dir / "results.db");
  const std::string odd = "O'Neill, \"Pat\" [Ward 3]";
  const std::string id = start_sample_session(st, "Evening", "Table 1", odd);
  SessionStart more;
  more.mode = Mode::Solo;
  more.participant_ids = {st.create_participant("Zara Khan", Role::Staff),
                          st.create_participant("Cllr Amy Bell", Role::Member)};
  const std::string solo = st.start_session(sample_snapshot(), more);
  SessionStart nobody;
  const std::string empty = st.start_session(sample_snapshot(), nobody);
  st.erase_participant("Zara Khan");

  std::map<std::string, std::vector<std::string>> names;
  for (const SessionSummary& s : st.list_sessions()) names[s.id] = s.participant_names;
  CHECK(names[id] == std::vector<std::string>{odd});
  REQUIRE(names[solo].size() == 2);
  CHECK(names[solo][0] == "Cllr Amy Bell");
  CHECK(names[solo][1] != "Zara Khan");  // erased: the pseudonym is listed instead
  CHECK(names[solo][1].find("Zara") == std::string::npos);
  CHECK(names[empty].empty());
}
