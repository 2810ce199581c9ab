// Reading many sessions at once: load_sessions must give exactly what load_session gives for
// each session, however the child rows of different sessions interleave.
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "sim/store/raw_connection.hpp"
#include "store_fixture.hpp"

using namespace auditsim;
using namespace auditsim::store;
using namespace auditsim::testing;

namespace {

// Every field of a record as text, so a mismatch shows where it is.
// load_sessions leaves out each decision's state_after (store.hpp): a record read alone is
// compared with it blanked, and that it is blank in bulk is part of what is checked.
SessionRecord without_states(SessionRecord r) {
  for (DecisionRecord& d : r.decisions) d.state_after.clear();
  return r;
}

std::string describe(const SessionRecord& r) {
  const SessionSummary& s = r.summary;
  std::string out = s.id + "|" + s.scenario_id + "|" + s.scenario_title + "|" + s.event_id + "|" +
                    s.event_name + "|" + key(s.status) + "|" + s.started_at + "|" +
                    s.finished_at + "|" + s.team + "|" + key(s.mode) + "|" +
                    std::to_string(s.decisions) + "\n";
  if (r.event)
    out += "event " + r.event->id + "|" + r.event->name + "|" + r.event->date + "|" +
           key(r.event->kind) + "|" + r.event->facilitator + "\n";
  out += "snapshot " + r.snapshot.sha256 + "|" + r.snapshot.scenario_id + "|" +
         r.snapshot.version + "|" + r.snapshot.title + "|" + r.snapshot.classification + "|" +
         r.snapshot.source_text + "|" + r.snapshot.evidence_files + "|" + r.snapshot.loaded_at +
         "\n";
  out += "audience " + r.audience + " state " + r.state_json + "\n";
  for (const Participant& p : r.participants)
    out += "participant " + p.id + "|" + p.display_name + "|" + key(p.role) + "|" + p.pseudonym +
           "|" + (p.erased ? "erased" : "") + "\n";
  for (const DecisionRecord& d : r.decisions) {
    out += "decision " + std::to_string(d.seq) + "|" + d.node_id + "|" + d.choice_id + "|" +
           key(d.kind) + "|" + std::to_string(d.time_taken_ms) + "|" + d.votes_json + "|" +
           d.rationale + "|" + d.dissent + "|" + d.state_after + "|" + d.recorded_at;
    for (int64_t v : d.delta) out += "|" + std::to_string(v);
    out += "\n";
  }
  for (const Note& n : r.notes)
    out += "note " + n.id + "|" + n.kind + "|" + n.node_id + "|" + n.text + "|" +
           (n.part_b ? "b" : "a") + "|" + n.author_id + "|" + n.created_at + "\n";
  for (const ScoreOverride& o : r.overrides)
    out += "override " + o.id + "|" + o.pillar + "|" + std::to_string(o.delta) + "|" + o.reason +
           "|" + o.by + "|" + o.created_at + "\n";
  for (const ActionItem& a : r.actions)
    out += "action " + a.id + "|" + a.session_id + "|" + a.finding + "|" + a.action + "|" +
           a.owner + "|" + a.due_date + "|" + a.priority + "|" + key(a.status) + "\n";
  for (const InjectAck& k : r.inject_acks)
    out += "ack " + k.inject_id + "|" + k.acknowledged_at + "\n";
  for (const ActionItem& a : r.actions) out += "plan " + a.recommendation + "\n";
  const audit::AuditRecord& au = r.audit;
  for (const audit::ControlCheck& c : au.checks)
    out += "check " + std::to_string(c.seq) + "|" + c.key_action + "|" + audit::key(c.status) +
           "|" + c.evidence + "|" + c.evidence_ref + "|" + c.owner + "|" + c.due_date + "|" +
           c.condition + "|" + c.criteria + "|" + c.cause + "|" + c.effect + "|" +
           c.changed_by + "|" + c.changed_at + "\n";
  for (const audit::Recommendation& x : au.recommendations) {
    out += "recommendation " + x.id + "|" + std::to_string(x.version) + "|" +
           std::to_string(x.number) + "|" + audit::key(x.to) + "|" + x.addressee + "|" + x.text +
           "|" + (x.withdrawn ? "withdrawn" : "") + "|" + x.changed_by + "|" + x.changed_at;
    for (const std::string& f : x.findings) out += "|" + f;
    out += "\n";
  }
  for (const audit::Response& x : au.responses)
    out += "response " + x.id + "|" + x.recommendation + "|" + std::to_string(x.seq) + "|" +
           x.by + "|" + audit::key(x.response) + "|" + x.text + "|" + x.date + "|" +
           x.recorded_at + "\n";
  for (const audit::OpinionSetting& x : au.opinions)
    out += "opinion " + std::to_string(x.seq) + "|" + x.label + "|" + x.reason + "|" + x.set_by +
           "|" + x.set_at + "\n";
  for (const audit::AuditScope& x : au.scope)
    out += "scope " + std::to_string(x.seq) + "|" + (x.controls_tested ? "tested" : "") + "|" +
           x.testing_note + "|" + audit::key(x.stage) + "|" + std::to_string(x.report_version) +
           "|" + x.changed_by + "|" + x.changed_at + "\n";
  for (const audit::ActionUpdate& x : au.action_updates)
    out += "update " + std::to_string(x.seq) + "|" + x.action + "|" + x.status + "|" + x.note +
           "|" + x.review + "|" + x.updated_by + "|" + x.updated_at + "\n";
  return out;
}

// A desktop audit with `n` checks, recommendations and responses, an opinion, a scope and an
// agreed recommendation's action with its updates.
void record_audit(Store& st, const std::string& id, int n) {
  const char* keys[] = {"independent-verification", "report-fraud", "callback-procedure"};
  std::string rec_id;
  for (int k = 0; k < n; ++k) {
    audit::ControlCheck c = sample_check(keys[k % 3]);
    c.cause = "Cause " + std::to_string(k);
    st.record_control_check(id, c);
    audit::Recommendation r;
    r.text = "Recommendation " + std::to_string(k);
    r.findings = {keys[k % 3]};
    rec_id = st.record_recommendation(id, r);
    audit::Response resp;
    resp.recommendation = rec_id;
    resp.by = k % 2 ? "Cabinet" : "Corporate Management Team";
    resp.text = "Response " + std::to_string(k);
    st.record_response(resp);
  }
  audit::OpinionSetting o{0, "Limited", "Reason for " + id.substr(0, 4), "Auditor", ""};
  st.record_opinion(id, o);
  audit::AuditScope scope;
  scope.stage = audit::ReportStage::Final;
  st.record_audit_scope(id, scope);
  ActionItem a;
  a.session_id = id;
  a.action = "Carry out the last recommendation";
  a.recommendation = rec_id;
  audit::ActionUpdate u;
  u.action = st.add_action(a);
  u.status = "in-progress";
  st.record_action_update(u);
  u.status = "done";
  st.record_action_update(u);
}

// Sessions with different amounts of everything, two scenarios, one outside any event and one
// with nothing recorded yet, so the child tables' rows interleave unevenly between sessions.
std::vector<std::string> fill(Store& st) {
  std::vector<std::string> ids;
  for (int i = 0; i < 6; ++i) {
    const std::string person = "Cllr Person " + std::to_string(i);
    std::string id;
    if (i == 4) {
      SessionStart start;
      start.mode = Mode::Solo;
      start.state_json = R"({"node":"start"})";
      id = st.start_session(sample_snapshot("licensing-night", "summary: second\n"), start);
    } else {
      id = start_sample_session(st, i < 3 ? "Spring evening" : "Autumn audit",
                                "Table " + std::to_string(i), person,
                                i % 2 ? audit_snapshot() : sample_snapshot());
    }
    ids.push_back(id);
    if (i == 5) continue;  // started, nothing recorded
    for (int d = 0; d <= i % 3 + 1; ++d) {
      DecisionRecord rec = sample_decision("node-" + std::to_string(d), "choice-" + std::to_string(i), d);
      st.record_decision(id, rec, R"({"node":"node-)" + std::to_string(d) + R"("})");
    }
    if (i % 2 == 0) {
      Note n;
      n.node_id = "node-0";
      n.text = "Note for session " + std::to_string(i);
      n.part_b = i == 2;
      st.record_note(id, n);
      st.record_note(id, n);
      st.record_override(id, {"", "protect", i - 2, "Reason " + std::to_string(i), "Auditor", ""});
    }
    if (i % 3 == 0) {
      ActionItem a;
      a.session_id = id;
      a.finding = "finding-" + std::to_string(i);
      a.action = "Action for session " + std::to_string(i);
      a.owner = "Head of Service";
      st.add_action(a);
      st.acknowledge_inject(id, "press-call");
      st.acknowledge_inject(id, "second-victim");
    }
    if (i % 2) record_audit(st, id, i);
  }
  // A second person in one team, so a session has more than one participant.
  SessionStart start;
  start.mode = Mode::Teams;
  start.participant_ids.push_back(st.create_participant("Zoe Officer", Role::Staff));
  start.participant_ids.push_back(st.create_participant("Adam Member", Role::Member));
  start.state_json = "{}";
  ids.push_back(st.start_session(sample_snapshot(), start));
  st.set_status(ids.back(), Status::Finished);
  return ids;
}

}  // namespace

TEST_CASE("load_sessions gives each session exactly as load_session does, in id order") {
  fs::path dir = scratch_dir("bulk");
  Store st = open_test_store(dir / "results.db");
  std::vector<std::string> ids = fill(st);

  // Asked in a scrambled order, with a repeat and an id that names no session.
  std::vector<std::string> asked(ids.rbegin(), ids.rend());
  asked.push_back(ids[2]);
  asked.push_back("00000000-0000-4000-8000-000000000000");
  std::vector<std::string> seen;
  std::vector<std::string> got;
  st.load_sessions(asked, [&](const SessionRecord& r) {
    seen.push_back(r.summary.id);
    got.push_back(describe(r));
  });

  std::vector<std::string> sorted = ids;
  std::sort(sorted.begin(), sorted.end());
  CHECK(seen == sorted);
  REQUIRE(got.size() == sorted.size());
  for (size_t i = 0; i < sorted.size(); ++i) {
    auto one = st.load_session(sorted[i]);
    REQUIRE(one);
    CHECK(got[i] == describe(without_states(*one)));
  }
  // The content really varies between sessions (the comparison above is not of empty records).
  auto multi = st.load_session(ids.back());
  REQUIRE(multi);
  CHECK(multi->participants.size() == 2);
  CHECK(multi->participants[0].display_name == "Adam Member");
  auto busy = st.load_session(ids[0]);
  REQUIRE(busy);
  CHECK(busy->notes.size() == 2);
  CHECK(busy->actions.size() == 1);
  CHECK(busy->inject_acks.size() == 2);
  auto audited = st.load_session(ids[3]);
  REQUIRE(audited);
  CHECK(audited->audit.checks.size() == 3);
  CHECK(audited->audit.responses.size() == 3);
  CHECK(audited->audit.action_updates.size() == 2);
}

TEST_CASE("load_sessions of a subset reads only those sessions") {
  fs::path dir = scratch_dir("bulk-subset");
  Store st = open_test_store(dir / "results.db");
  std::vector<std::string> ids = fill(st);
  std::vector<std::string> subset{ids[1], ids[4]};
  std::vector<std::string> got;
  st.load_sessions(subset, [&](const SessionRecord& r) {
    CHECK(describe(r) == describe(without_states(*st.load_session(r.summary.id))));  // reading inside is allowed
    got.push_back(r.summary.id);
  });
  std::sort(subset.begin(), subset.end());
  CHECK(got == subset);

  int calls = 0;
  st.load_sessions({}, [&](const SessionRecord&) { ++calls; });
  st.load_sessions({"no-such-session", "\xff\xfe"}, [&](const SessionRecord&) { ++calls; });
  CHECK(calls == 0);
}

TEST_CASE("an exception from the visitor leaves the store ready for writing") {
  fs::path dir = scratch_dir("bulk-throw");
  Store st = open_test_store(dir / "results.db");
  std::vector<std::string> ids = fill(st);
  int calls = 0;
  CHECK_THROWS_AS(st.load_sessions(ids,
                                   [&](const SessionRecord&) {
                                     ++calls;
                                     throw std::runtime_error("stop");
                                   }),
                  std::runtime_error);
  CHECK(calls == 1);
  DecisionRecord d = sample_decision("node-9", "choice-9");
  CHECK_NOTHROW(st.record_decision(ids[5], d, "{}"));
  auto rec = st.load_session(ids[5]);
  REQUIRE(rec);
  CHECK(rec->decisions.size() == 1);
}

TEST_CASE("load_sessions of thousands of sessions gives each exactly as load_session does") {
  // From 2,000 sessions a server reads its tables whole (store_bulk.cpp): the same records.
  fs::path dir = scratch_dir("bulk-thousands");
  Store st = open_test_store(dir / "results.db");
  std::vector<std::string> ids = fill(st);
  st.batch([&] {
    for (int i = 0; i < 2100; ++i) {
      SessionStart start;
      start.mode = Mode::Solo;
      start.state_json = "{\"n\":" + std::to_string(i) + "}";
      const std::string id = st.start_session(sample_snapshot(), start);
      if (i % 7 == 0) {
        DecisionRecord d = sample_decision("node-0", "choice-" + std::to_string(i));
        st.record_decision(id, d, "{}");
      }
      ids.push_back(id);
    }
  });
  std::map<std::string, std::string> got;
  size_t visits = 0;
  st.load_sessions(ids, [&](const SessionRecord& r) {
    ++visits;
    got[r.summary.id] = describe(r);
  });
  CHECK(visits == ids.size());
  REQUIRE(got.size() == ids.size());
  // Every varied session, and a sample of the rest, as read alone.
  for (size_t i = 0; i < ids.size(); i += i < 7 ? 1 : 97) {
    auto one = st.load_session(ids[i]);
    REQUIRE(one);
    CHECK(got[ids[i]] == describe(without_states(*one)));
  }
  // The store is still ready for writing, and a second bulk read works on the same connection.
  DecisionRecord later = sample_decision("node-9", "choice-9");
  CHECK_NOTHROW(st.record_decision(ids[5], later, "{}"));
  size_t again = 0;
  st.load_sessions(ids, [&](const SessionRecord&) { ++again; });
  CHECK(again == ids.size());
}

TEST_CASE("a cursor hands over every row in order across its batches, again after a reset") {
  fs::path dir = scratch_dir("bulk-cursor");
  Store st = open_test_store(dir / "results.db");
  std::vector<std::string> ids = fill(st);
  Db& db = raw_connection(st);
  const std::string sql = "SELECT uuid FROM sessions ORDER BY uuid";
  std::vector<std::string> expected;
  for (Query q = db.query(sql); q->step();) expected.push_back(q->column_text(0));
  REQUIRE(expected.size() == ids.size());

  ReadTransaction read(db);
  // Batches of 3 over 7 rows: two whole batches and a short one, and the batch after it empty.
  std::unique_ptr<Stmt> rows = db.cursor(sql, 3);
  std::vector<std::string> got;
  while (rows->step()) got.push_back(rows->column_text(0));
  CHECK(got == expected);
  rows->reset();
  got.clear();
  while (rows->step()) got.push_back(rows->column_text(0));
  CHECK(got == expected);

  // A batch the size of the result, and one larger than it.
  for (int batch : {static_cast<int>(expected.size()), 1000}) {
    std::unique_ptr<Stmt> whole = db.cursor(sql, batch);
    got.clear();
    while (whole->step()) got.push_back(whole->column_text(0));
    CHECK(got == expected);
  }
  // A cursor given up part-way is closed: another opened after it, in the same transaction,
  // starts from the first row.
  {
    std::unique_ptr<Stmt> partway = db.cursor(sql, 2);
    REQUIRE(partway->step());
    REQUIRE(partway->step());
    REQUIRE(partway->step());
  }
  std::unique_ptr<Stmt> after = db.cursor(sql, 2);
  REQUIRE(after->step());
  CHECK(after->column_text(0) == expected.front());
  // A cursor takes no parameters: a server cursor is declared with its text as it stands, so
  // one written with a placeholder is refused before it runs.
  if (on_test_server())
    CHECK_THROWS_AS(db.cursor("SELECT uuid FROM sessions WHERE uuid = ?", 2), StoreError);
}

TEST_CASE("a list without details gives every session and filter as with them, without the counts and names") {
  fs::path dir = scratch_dir("bulk-list-lean");
  Store st = open_test_store(dir / "results.db");
  fill(st);
  for (const char* event : {"", "Spring evening", "Autumn audit"}) {
    CAPTURE(event);
    SessionFilter with;
    with.event = event;
    SessionFilter without = with;
    without.details = false;
    const std::vector<SessionSummary> full = st.list_sessions(with);
    const std::vector<SessionSummary> lean = st.list_sessions(without);
    REQUIRE(lean.size() == full.size());
    int64_t counted = 0;
    for (size_t i = 0; i < full.size(); ++i) {
      CHECK(lean[i].id == full[i].id);
      CHECK(lean[i].event_name == full[i].event_name);
      CHECK(lean[i].team == full[i].team);
      CHECK(lean[i].status == full[i].status);
      CHECK(lean[i].scenario_title == full[i].scenario_title);
      CHECK(lean[i].decisions == 0);
      CHECK(lean[i].participant_names.empty());
      counted += full[i].decisions;
    }
    CHECK(counted > 0);  // the full list did count, so the lean one really left it out
  }
}
