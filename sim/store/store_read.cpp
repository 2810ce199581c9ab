// Reading: events, participants, session lists and full session records.
#include <algorithm>
#include <cctype>

#include "sim/store/audit_rows.hpp"
#include "sim/store/store_impl.hpp"

#include <nlohmann/json.hpp>

namespace auditsim::store {

SessionSummary read_summary(Stmt& q) {
  SessionSummary s;
  s.id = q.column_text(0);
  s.scenario_id = q.column_text(1);
  s.scenario_title = q.column_text(2);
  s.event_id = q.column_text(3);
  s.event_name = q.column_text(4);
  s.status = parse_status(q.column_text(5)).value_or(Status::Active);
  s.started_at = q.column_text(6);
  s.finished_at = q.column_text(7);
  s.team = q.column_text(8);
  s.mode = parse_mode(q.column_text(9)).value_or(Mode::Solo);
  s.decisions = q.column_int(10);
  s.run = q.column_text(11);
  s.run_position = q.column_int(12);
  return s;
}

Event read_event(Stmt& q) {
  Event e;
  e.id = q.column_text(0);
  e.name = q.column_text(1);
  e.date = q.column_text(2);
  e.kind = parse_event_kind(q.column_text(3)).value_or(EventKind::TrainingEvening);
  e.facilitator = q.column_text(4);
  return e;
}

Participant read_participant(Stmt& q) {
  Participant p;
  p.id = q.column_text(0);
  p.display_name = q.column_text(1);
  p.role = parse_role(q.column_text(2)).value_or(Role::Member);
  p.pseudonym = q.column_text(3);
  p.erased = !q.column_null(4);
  return p;
}

ActionItem read_action(Stmt& q) {
  ActionItem a;
  a.id = q.column_text(0);
  a.session_id = q.column_text(1);
  a.finding = q.column_text(2);
  a.action = q.column_text(3);
  a.owner = q.column_text(4);
  a.due_date = q.column_text(5);
  a.priority = q.column_text(6);
  a.status = parse_action_status(q.column_text(7)).value_or(ActionStatus::Open);
  a.recommendation = q.column_text(8);
  return a;
}

DecisionRecord read_decision(Stmt& q) {
  DecisionRecord d;
  d.seq = q.column_int(0);
  d.node_id = q.column_text(1);
  d.choice_id = q.column_text(2);
  d.kind = parse_decision_kind(q.column_text(3)).value_or(DecisionKind::Decision);
  d.time_taken_ms = q.column_int(4);
  d.votes_json = q.column_text(5);
  d.rationale = q.column_text(6);
  d.dissent = q.column_text(7);
  for (int i = 0; i < 4; ++i) d.delta[static_cast<size_t>(i)] = q.column_int(8 + i);
  d.state_after = q.column_text(12);
  d.recorded_at = q.column_text(13);
  return d;
}

Note read_note(Stmt& q) {
  Note n;
  n.id = q.column_text(0);
  n.kind = q.column_text(1);
  n.node_id = q.column_text(2);
  n.text = q.column_text(3);
  n.part_b = q.column_int(4) != 0;
  n.author_id = q.column_text(5);
  n.created_at = q.column_text(6);
  return n;
}

ScoreOverride read_override(Stmt& q) {
  ScoreOverride o;
  o.id = q.column_text(0);
  o.pillar = q.column_text(1);
  o.delta = q.column_int(2);
  o.reason = q.column_text(3);
  o.by = q.column_text(4);
  o.created_at = q.column_text(5);
  return o;
}

namespace {

// Every row of a prepared query, each read by `read`.
template <class Read>
auto each_row(Stmt& q, Read&& read) {
  std::vector<decltype(read(q))> out;
  while (q.step()) out.push_back(read(q));
  return out;
}

// Every row `sql` selects with `id` bound to its one parameter: the rows of one session.
template <class Read>
auto read_rows(Db& db, const std::string& sql, const std::string& id, Read&& read) {
  Query q = db.query(sql);
  q->bind(1, id);
  return each_row(*q, read);
}

// The row whose uuid is `name_or_id`, else the newest whose `name_col` is: an event or a
// participant can be named either way, and an id never loses to a name.
template <class Read>
auto find_named(Db& db, const char* select, const char* name_col, const std::string& name_or_id,
                Read&& read) -> std::optional<decltype(read(std::declval<Stmt&>()))> {
  Query q = db.query(std::string(select) + "WHERE uuid = ?1 OR " + name_col +
                     " = ?1 ORDER BY uuid = ?1 DESC, created_at DESC LIMIT 1");
  q->bind(1, name_or_id);
  if (!q->step()) return std::nullopt;
  return read(*q);
}

}  // namespace

std::optional<Event> Store::find_event(const std::string& name_or_id) {
  return find_named(impl_->db, kEventCols, "name", name_or_id, read_event);
}

std::vector<Event> Store::list_events() {
  Query q = impl_->db.query(std::string(kEventCols) + "ORDER BY date, name, created_at");
  return each_row(*q, read_event);
}

std::optional<Participant> Store::find_participant(const std::string& name_or_id) {
  return find_named(impl_->db, kParticipantCols, "display_name", name_or_id, read_participant);
}

std::vector<Participant> Store::list_participants() {
  Query q = impl_->db.query(std::string(kParticipantCols) + "ORDER BY display_name, uuid");
  return each_row(*q, read_participant);
}

std::vector<ActionItem> Store::list_actions(const std::string& session_id) {
  return read_rows(impl_->db, std::string(kActionCols) + "WHERE session = ? ORDER BY created_at, rowid",
                   session_id, read_action);
}

std::vector<SessionSummary> Store::list_sessions(const SessionFilter& filter) {
  std::vector<SessionSummary> out;
  // An event name matches every event of that name: laptops at the same evening each create
  // their own event row, and a merged database should list them together.
  // The participants' names come as one JSON array column, so any name survives intact.
  const std::string names_col = filter.details
                                    ? ", (SELECT json_group_array(p.display_name) "
                                      "FROM session_participants sp JOIN participants p "
                                      "ON p.uuid = sp.participant WHERE sp.session = s.uuid)"
                                    : "";
  Query q = impl_->db.query(std::string("SELECT ") +
                            (filter.details ? kSummaryCols : kSummaryColsUncounted) + names_col +
                            kSummaryFrom +
                            "WHERE (?1 = '' OR e.uuid = ?1 OR e.name = ?1) "
                            "AND (?2 = '' OR s.status = ?2) AND (?3 = '' OR s.run = ?3) "
                            "ORDER BY s.started_at, s.run_position, s.rowid");
  q->bind(1, filter.event).bind(2, filter.status ? key(*filter.status) : "").bind(3, filter.run);
  while (q->step()) {
    SessionSummary summary = read_summary(*q);
    if (filter.details) {
      const auto names = nlohmann::json::parse(q->column_text(kSummaryColCount), nullptr, false);
      if (names.is_array())
        for (const auto& n : names)
          if (n.is_string()) summary.participant_names.push_back(n.get<std::string>());
      std::sort(summary.participant_names.begin(), summary.participant_names.end());
    }
    out.push_back(std::move(summary));
  }
  return out;
}

std::string Store::resolve_session_id(const std::string& id_or_prefix) {
  std::string id = id_or_prefix;
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (id.size() < 4) {
    throw StoreError(ErrorKind::Invalid, "Give at least the first 4 characters of a session id.");
  }
  // The range on uuid lets SQLite use the primary key index instead of scanning every session
  // (a scrutiny report loads thousands of sessions by id).
  Query q = impl_->db.query(
      "SELECT uuid FROM sessions WHERE uuid >= ?1 AND uuid < ?1 || char(127) "
      "AND substr(uuid, 1, length(?1)) = ?1 ORDER BY uuid LIMIT 2");
  q->bind(1, id);
  if (!q->step()) throw StoreError(ErrorKind::NotFound, "There is no session " + id_or_prefix + ".");
  std::string found = q->column_text(0);
  if (q->step()) {
    throw StoreError(ErrorKind::Invalid, "More than one session starts with " + id_or_prefix +
                                             ": give more of the id.");
  }
  return found;
}

std::optional<Snapshot> Store::find_snapshot(const std::string& sha256) {
  Query q = impl_->db.query(
      "SELECT sha256, scenario_id, version, title, classification, source_text, loaded_at, "
      "evidence_files FROM scenario_snapshots WHERE sha256 = ?");
  q->bind(1, sha256);
  if (!q->step()) return std::nullopt;
  Snapshot s;
  s.sha256 = q->column_text(0);
  s.scenario_id = q->column_text(1);
  s.version = q->column_text(2);
  s.title = q->column_text(3);
  s.classification = q->column_text(4);
  s.source_text = q->column_text(5);
  s.loaded_at = q->column_text(6);
  s.evidence_files = q->column_text(7);
  return s;
}

std::optional<SessionRecord> Store::load_session(const std::string& id_or_prefix) {
  ReadTransaction snapshot(impl_->db);
  std::string id;
  try {
    id = resolve_session_id(id_or_prefix);
  } catch (const StoreError& e) {
    if (e.kind() == ErrorKind::NotFound) return std::nullopt;
    throw;
  }
  Db& db = impl_->db;
  SessionRecord r;
  std::string sha;
  {
    Query q = db.query(summary_select() + "WHERE s.uuid = ?");
    q->bind(1, id);
    if (!q->step()) return std::nullopt;
    r.summary = read_summary(*q);
  }
  {
    Query q = db.query("SELECT snapshot, audience, state_json FROM sessions WHERE uuid = ?");
    q->bind(1, id);
    q->step();
    sha = q->column_text(0);
    r.audience = q->column_text(1);
    r.state_json = q->column_text(2);
  }
  r.snapshot = find_snapshot(sha).value_or(Snapshot{});
  if (!r.summary.event_id.empty()) r.event = find_event(r.summary.event_id);
  r.participants = read_rows(db, std::string(kParticipantCols) +
                                      "WHERE uuid IN (SELECT participant FROM session_participants "
                                      "WHERE session = ?) ORDER BY display_name, uuid",
                             id, read_participant);
  r.decisions = read_rows(
      db, std::string("SELECT ") + kDecisionCols + " FROM decisions WHERE session = ? ORDER BY seq",
      id, read_decision);
  r.notes = read_rows(db, std::string("SELECT ") + kNoteCols +
                              " FROM notes WHERE session = ? ORDER BY created_at, rowid",
                      id, read_note);
  r.overrides = read_rows(db, std::string("SELECT ") + kOverrideCols +
                                  " FROM score_overrides WHERE session = ? ORDER BY created_at, rowid",
                          id, read_override);
  r.actions = list_actions(id);
  r.inject_acks = read_rows(
      db, "SELECT inject, acknowledged_at FROM inject_acks WHERE session = ? ORDER BY acknowledged_at, inject",
      id, [](Stmt& q) { return InjectAck{q.column_text(0), q.column_text(1)}; });
  r.audit = read_audit(db, id);
  return r;
}

}  // namespace auditsim::store
