// Writing: events, participants, sessions, decisions, notes, overrides and the improvement plan
// (the desktop audit's writes are in store_audit.cpp).
// Each public method is one BEGIN IMMEDIATE transaction, committed before it returns.
#include <algorithm>
#include <cctype>

#include <nlohmann/json.hpp>

#include "sim/dates.hpp"
#include "sim/model.hpp"
#include "sim/store/store_impl.hpp"

namespace auditsim::store {

namespace {

[[noreturn]] void invalid(const std::string& msg) { throw StoreError(ErrorKind::Invalid, msg); }

bool blank(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

std::string pseudonym_for(const std::string& uuid) {
  std::string tag = uuid.substr(0, 6);
  for (char& c : tag) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return "Participant " + tag;
}

void require_active(Db& db, const std::string& session_id) {
  Query q = db.query("SELECT status FROM sessions WHERE uuid = ?");
  q->bind(1, session_id);
  if (!q->step()) throw StoreError(ErrorKind::NotFound, "There is no session " + session_id + ".");
  if (q->column_text(0) != "active") {
    invalid("Session " + session_id + " is " + q->column_text(0) +
            "; resume it before recording more decisions.");
  }
}

bool offered_at(const DecisionRecord& rec, const std::string& choice) {
  return std::find(rec.offered.begin(), rec.offered.end(), choice) != rec.offered.end();
}

// Votes are a JSON object of hands per choice, and every choice named was offered at the node.
void check_votes(const DecisionRecord& rec) {
  if (rec.kind != DecisionKind::Undo && !rec.offered.empty() && !offered_at(rec, rec.choice_id))
    invalid("The choice '" + rec.choice_id + "' is not one of the choices at stage '" +
            rec.node_id + "'.");
  if (rec.votes_json.empty()) return;
  const nlohmann::json votes = nlohmann::json::parse(rec.votes_json, nullptr, false);
  if (!votes.is_object())
    invalid("The votes at stage '" + rec.node_id + "' are not a list of hands per choice.");
  for (auto it = votes.begin(); it != votes.end(); ++it) {
    if (!it->is_number_integer() || it->get<int64_t>() < 0)
      invalid("The votes for '" + it.key() + "' at stage '" + rec.node_id +
              "' are not a count of hands.");
    if (!offered_at(rec, it.key()))
      invalid("A vote was cast for '" + it.key() + "', which is not a choice at stage '" +
              rec.node_id + "'; votes belong to the stage where they were entered.");
  }
}

// The recommendation an action carries out must be one of the action's own session: returns
// its full id ("" for none).
std::string recommendation_of_session(Db& db, const ActionItem& a) {
  if (a.recommendation.empty()) return "";
  const AuditRowRef ref =
      resolve_audit_row(db, "recommendations", "recommendation", a.recommendation);
  if (ref.session != a.session_id)
    invalid("Recommendation " + a.recommendation + " belongs to another session; an action "
            "carries out a recommendation of its own session.");
  return ref.id;
}

// An improvement action as written or corrected: described, with a known priority and a real
// due date when it has one.
void refuse_bad_action(const ActionItem& a) {
  if (blank(a.action)) invalid("An improvement action needs a description.");
  if (a.priority != "high" && a.priority != "medium" && a.priority != "low") {
    invalid("Unknown priority '" + a.priority + "': use high, medium or low.");
  }
  if (!a.due_date.empty() && !is_iso_date(a.due_date))
    invalid(not_a_date_message("The due date", a.due_date));
}

// Inserts the one row `sql` describes, in its own transaction.
template <class... Values>
void insert_row(Db& db, const std::string& sql, const Values&... values) {
  Transaction tx(db);
  Query q = db.query(sql);
  q->bind_all(values...).run();
  tx.commit();
}

// Inserts one row `sql` describes for a recorded session, in its own transaction; a session
// that is not there is refused before anything is written.
template <class... Values>
void insert_for_session(Db& db, const std::string& session_id, const std::string& sql,
                        const Values&... values) {
  Transaction tx(db);
  require_session(db, session_id);
  Query q = db.query(sql);
  q->bind_all(values...).run();
  tx.commit();
}

}  // namespace

std::string Store::create_event(const Event& e) {
  if (blank(e.name)) invalid("An event needs a name.");
  if (!e.date.empty() && !is_iso_date(e.date)) invalid(not_a_date_message("The event date", e.date));
  const std::string id = new_uuid();
  insert_row(impl_->db,
             "INSERT INTO events(uuid, name, date, kind, facilitator, created_at) VALUES(?, ?, ?, ?, ?, ?)",
             id, e.name, e.date, key(e.kind), e.facilitator, now_utc());
  return id;
}

Event Store::find_or_create_event(const Event& e) {
  Event out;
  batch([&] {
    if (auto found = find_event(e.name)) {
      out = *found;
      return;
    }
    out = e;
    out.id = create_event(e);
  });
  return out;
}

std::string Store::create_participant(const std::string& display_name, Role role) {
  if (blank(display_name)) invalid("A participant needs a name.");
  const std::string id = new_uuid();
  insert_row(impl_->db,
             "INSERT INTO participants(uuid, display_name, role, pseudonym, created_at) VALUES(?, ?, ?, ?, ?)",
             id, display_name, key(role), pseudonym_for(id), now_utc());
  return id;
}

std::string Store::start_session(const Snapshot& snap, const SessionStart& start) {
  if (snap.sha256.size() != 64) invalid("The scenario snapshot has no valid sha256.");
  if (snap.classification != "part-a" && snap.classification != "part-b") {
    invalid("The scenario snapshot's classification must be part-a or part-b.");
  }
  Db& db = impl_->db;
  std::string id = new_uuid();
  std::string now = now_utc();
  Transaction tx(db);
  {
    // The first session of a scenario version stores its source; later ones share it.
    Query q = db.query(
        "INSERT OR IGNORE INTO scenario_snapshots(sha256, scenario_id, version, title, "
        "classification, source_text, evidence_files, loaded_at) VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
    q->bind_all(snap.sha256, snap.scenario_id, snap.version, snap.title, snap.classification,
                snap.source_text, snap.evidence_files.empty() ? "{}" : snap.evidence_files, now)
        .run();
  }
  {
    Query q = db.query(
        "INSERT INTO sessions(uuid, event, snapshot, mode, team, audience, status, started_at, "
        "state_json, run, run_position) VALUES(?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?)");
    q->bind(1, id).bind_or_null(2, start.event_id).bind(3, snap.sha256).bind(4, key(start.mode));
    q->bind(5, start.team).bind(6, start.audience).bind(7, now).bind(8, start.state_json);
    q->bind(9, start.run).bind(10, start.run_position);
    try {
      q->run();
    } catch (const StoreError& e) {
      if (e.kind() == ErrorKind::Invalid) invalid("The event " + start.event_id + " does not exist.");
      throw;
    }
  }
  for (const auto& p : start.participant_ids) {
    Query q = db.query(
        "INSERT OR IGNORE INTO session_participants(session, participant) VALUES(?, ?)");
    q->bind_all(id, p);
    try {
      q->run();
    } catch (const StoreError& e) {
      if (e.kind() == ErrorKind::Invalid) invalid("The participant " + p + " does not exist.");
      throw;
    }
  }
  tx.commit();
  return id;
}

int64_t Store::record_decision(const std::string& session_id, DecisionRecord& rec,
                               const std::string& state_json) {
  if (rec.node_id.empty()) invalid("A decision needs the node it was taken at.");
  if (rec.kind != DecisionKind::Undo && rec.choice_id.empty()) {
    invalid("A decision needs the choice that was taken.");
  }
  check_votes(rec);
  Db& db = impl_->db;
  std::string now = now_utc();
  Transaction tx(db);
  require_active(db, session_id);
  // The write lock is held, so max(seq)+1 cannot race with another process.
  int64_t seq = 0;
  {
    Query q = db.query("SELECT coalesce(max(seq), 0) + 1 FROM decisions WHERE session = ?");
    q->bind(1, session_id);
    q->step();
    seq = q->column_int(0);
  }
  {
    Query q = db.query(
        "INSERT INTO decisions(session, seq, node, choice, kind, time_taken_ms, votes, "
        "rationale, dissent, pursue, prevent, protect, prepare, state_after, recorded_at) "
        "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    q->bind_all(session_id, seq, rec.node_id, rec.choice_id, key(rec.kind), rec.time_taken_ms,
                rec.votes_json, rec.rationale, rec.dissent, rec.delta[0], rec.delta[1],
                rec.delta[2], rec.delta[3], rec.state_after, now)
        .run();
  }
  {
    // Same transaction: the resume state never disagrees with the decision log.
    Query q = db.query("UPDATE sessions SET state_json = ? WHERE uuid = ?");
    q->bind_all(state_json, session_id).run();
  }
  tx.commit();
  rec.seq = seq;
  rec.recorded_at = now;
  return seq;
}

void Store::save_state(const std::string& session_id, const std::string& state_json) {
  Db& db = impl_->db;
  Transaction tx(db);
  require_session(db, session_id);
  Query q = db.query("UPDATE sessions SET state_json = ? WHERE uuid = ?");
  q->bind_all(state_json, session_id).run();
  tx.commit();
}

std::string Store::record_note(const std::string& session_id, const Note& note) {
  if (blank(note.text)) invalid("A note needs some text.");
  Db& db = impl_->db;
  std::string id = new_uuid();
  Transaction tx(db);
  require_session(db, session_id);
  Query q = db.query(
      "INSERT INTO notes(uuid, session, kind, node, body, part_b, author, created_at) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?)");
  q->bind_all(id, session_id, note.kind.empty() ? std::string("note") : note.kind, note.node_id,
              note.text, note.part_b ? 1 : 0);
  q->bind_or_null(7, note.author_id).bind(8, now_utc());
  try {
    q->run();
  } catch (const StoreError& e) {
    if (e.kind() == ErrorKind::Invalid) invalid("The note's author " + note.author_id + " does not exist.");
    throw;
  }
  tx.commit();
  return id;
}

std::string Store::record_override(const std::string& session_id, const ScoreOverride& o) {
  if (blank(o.reason)) invalid("A score override needs a recorded reason.");
  if (!parse_pillar(o.pillar)) {
    invalid("Unknown pillar '" + o.pillar + "': use pursue, prevent, protect or prepare.");
  }
  const std::string id = new_uuid();
  insert_for_session(impl_->db, session_id,
                     "INSERT INTO score_overrides(uuid, session, pillar, delta, reason, overridden_by, "
                     "created_at) VALUES(?, ?, ?, ?, ?, ?, ?)",
                     id, session_id, o.pillar, o.delta, o.reason, o.by, now_utc());
  return id;
}

void Store::acknowledge_inject(const std::string& session_id, const std::string& inject_id) {
  insert_for_session(impl_->db, session_id,
                     "INSERT OR IGNORE INTO inject_acks(session, inject, acknowledged_at) VALUES(?, ?, ?)",
                     session_id, inject_id, now_utc());
}

void Store::set_status(const std::string& session_id, Status status) {
  Db& db = impl_->db;
  Transaction tx(db);
  require_session(db, session_id);
  Query q = db.query("UPDATE sessions SET status = ?, finished_at = ? WHERE uuid = ?");
  q->bind(1, key(status));
  if (status == Status::Active) {
    q->bind_null(2);
  } else {
    q->bind(2, now_utc());
  }
  q->bind(3, session_id).run();
  tx.commit();
}

std::string Store::add_action(const ActionItem& a) {
  refuse_bad_action(a);
  Db& db = impl_->db;
  std::string id = new_uuid();
  std::string now = now_utc();
  Transaction tx(db);
  require_session(db, a.session_id);
  const std::string recommendation = recommendation_of_session(db, a);
  Query q = db.query(
      "INSERT INTO actions(uuid, session, finding, action_text, owner, due_date, priority, "
      "status, created_at, updated_at, recommendation) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q->bind_all(id, a.session_id, a.finding, a.action, a.owner, a.due_date, a.priority,
              key(a.status), now, now, recommendation)
      .run();
  tx.commit();
  return id;
}

void Store::update_action(const ActionItem& a) {
  refuse_bad_action(a);
  Db& db = impl_->db;
  Transaction tx(db);
  std::string recommendation;
  if (!a.recommendation.empty()) {
    // The action's own session, whatever a.session_id says: an update never moves an action.
    Query s = db.query("SELECT session FROM actions WHERE uuid = ?");
    s->bind(1, a.id);
    ActionItem of_session = a;
    if (s->step()) of_session.session_id = s->column_text(0);
    recommendation = recommendation_of_session(db, of_session);
  }
  Query q = db.query(
      "UPDATE actions SET finding = ?, action_text = ?, owner = ?, due_date = ?, priority = ?, "
      "status = ?, updated_at = ?, recommendation = ? WHERE uuid = ?");
  q->bind_all(a.finding, a.action, a.owner, a.due_date, a.priority, key(a.status), now_utc(),
              recommendation, a.id)
      .run();
  if (db.changes() == 0) {
    throw StoreError(ErrorKind::NotFound, "There is no improvement action " + a.id + ".");
  }
  tx.commit();
}

void Store::delete_action(const std::string& action_id) {
  Db& db = impl_->db;
  Transaction tx(db);
  {
    // Its status history goes with it: an update of no action would be refused by an import.
    Query u = db.query("DELETE FROM action_updates WHERE action_item = ?");
    u->bind(1, action_id).run();
  }
  Query q = db.query("DELETE FROM actions WHERE uuid = ?");
  q->bind(1, action_id).run();
  if (db.changes() == 0) {
    throw StoreError(ErrorKind::NotFound, "There is no improvement action " + action_id + ".");
  }
  tx.commit();
}

}  // namespace auditsim::store
