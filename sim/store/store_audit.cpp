// Writing and reading the desktop audit (sim/audit/record.hpp). Every write appends a row and
// commits before it returns; nothing is overwritten, so each change is kept with who and when.
#include <algorithm>
#include <cctype>

#include "sim/store/audit_rows.hpp"
#include "sim/store/audit_rules.hpp"
#include "sim/store/store_impl.hpp"

namespace auditsim::store {

namespace {

[[noreturn]] void invalid(const std::string& msg) { throw StoreError(ErrorKind::Invalid, msg); }

void refuse_if(const std::string& problem) {
  if (!problem.empty()) invalid(problem);
}

// The write lock is held by the caller's transaction, so max(seq)+1 cannot race.
int64_t next_seq(Db& db, const std::string& table, const std::string& session) {
  Query q = db.query("SELECT coalesce(max(seq), 0) + 1 FROM " + table + " WHERE session = ?");
  q->bind(1, session);
  q->step();
  return q->column_int(0);
}

// Appends a row to one of a session's numbered desktop-audit tables: its uuid, the session, the
// next seq, then `values` for `columns`. Returns the seq; the caller's transaction commits.
template <class... Values>
int64_t append_row(Db& db, const std::string& table, const std::string& columns,
                   const std::string& uuid, const std::string& session, const Values&... values) {
  const int64_t seq = next_seq(db, table, session);
  std::string marks = "?, ?, ?";
  for (size_t i = 0; i < sizeof...(values); ++i) marks += ", ?";
  Query q = db.query("INSERT INTO " + table + "(uuid, session, seq, " + columns + ") VALUES(" +
                     marks + ")");
  q->bind_all(uuid, session, seq, values...).run();
  return seq;
}

KeyActions key_actions_of(Db& db, std::map<std::string, std::set<std::string>>& cache,
                          const std::string& session) {
  Query q = db.query(
      "SELECT sn.sha256, sn.scenario_id, sn.source_text FROM sessions s "
      "JOIN scenario_snapshots sn ON sn.sha256 = s.snapshot WHERE s.uuid = ?");
  q->bind(1, session);
  if (!q->step()) throw StoreError(ErrorKind::NotFound, "There is no session " + session + ".");
  KeyActions k;
  k.scenario_id = q->column_text(1);
  const std::string sha = q->column_text(0);
  auto it = cache.find(sha);
  if (it == cache.end()) {
    if (cache.size() > 32) cache.clear();  // a bound, not a policy
    it = cache.emplace(sha, snapshot_key_actions(q->column_text(2))).first;
  }
  k.ids = it->second;
  return k;
}

std::vector<std::string> without_repeats(const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (const std::string& id : ids)
    if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
  return out;
}

}  // namespace

// A row id in full or a unique prefix of at least 4 characters, with its session.
AuditRowRef resolve_audit_row(Db& db, const std::string& table, const std::string& what,
                              const std::string& id_or_prefix) {
  {
    // The whole id first, whatever its length (rows from before ids were UUIDs).
    Query q = db.query("SELECT uuid, session FROM " + table + " WHERE uuid = ? LIMIT 1");
    q->bind(1, id_or_prefix);
    if (q->step()) return {q->column_text(0), q->column_text(1)};
  }
  std::string id = id_or_prefix;
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (id.size() < 4) invalid("Give at least the first 4 characters of the " + what + "'s id.");
  Query q = db.query("SELECT DISTINCT uuid, session FROM " + table +
                     " WHERE uuid >= ?1 AND uuid < ?1 || char(127) "
                     "AND substr(uuid, 1, length(?1)) = ?1 ORDER BY uuid LIMIT 2");
  q->bind(1, id);
  if (!q->step())
    throw StoreError(ErrorKind::NotFound, "There is no " + what + " " + id_or_prefix + ".");
  AuditRowRef ref{q->column_text(0), q->column_text(1)};
  if (q->step())
    invalid("More than one " + what + " starts with " + id_or_prefix + ": give more of the id.");
  return ref;
}

void Store::record_control_check(const std::string& session_id, audit::ControlCheck& c) {
  Db& db = impl_->db;
  const std::string now = now_utc();
  Transaction tx(db);
  const std::string session = resolve_session_id(session_id);
  const KeyActions keys = key_actions_of(db, impl_->key_actions, session);
  refuse_if(check_problem(c, keys));
  c.key_action = find_key_action(keys, c.key_action);  // the scenario's own spelling
  const int64_t seq = append_row(
      db, "control_checks",
      "key_action, status, evidence, evidence_ref, owner, due_date, condition, criteria, cause, "
      "effect, changed_by, changed_at",
      new_uuid(), session, c.key_action, audit::key(c.status), c.evidence, c.evidence_ref, c.owner, c.due_date,
      c.condition, c.criteria, c.cause, c.effect, c.changed_by, now);
  tx.commit();
  c.seq = seq;
  c.changed_at = now;
}

std::string Store::record_recommendation(const std::string& session_id, audit::Recommendation& r) {
  Db& db = impl_->db;
  const std::string now = now_utc();
  Transaction tx(db);
  const std::string session = resolve_session_id(session_id);
  const KeyActions keys = key_actions_of(db, impl_->key_actions, session);
  audit::Recommendation row = r;
  refuse_if(recommendation_problem(row, keys));
  for (std::string& f : row.findings) f = find_key_action(keys, f);  // the scenario's spelling
  row.findings = without_repeats(row.findings);
  if (row.id.empty()) {
    row.id = new_uuid();
    row.version = 1;
    Query q =
        db.query("SELECT coalesce(max(number), 0) + 1 FROM recommendations WHERE session = ?");
    q->bind(1, session);
    q->step();
    row.number = q->column_int(0);
  } else {
    const AuditRowRef ref = resolve_audit_row(db, "recommendations", "recommendation", row.id);
    if (ref.session != session)
      invalid("Recommendation " + row.id + " belongs to session " + ref.session.substr(0, 8) +
              ", not to session " + session.substr(0, 8) + ".");
    row.id = ref.id;
    Query q = db.query("SELECT max(number), max(version) + 1 FROM recommendations WHERE uuid = ?");
    q->bind(1, row.id);
    q->step();
    row.number = q->column_int(0);
    row.version = q->column_int(1);
  }
  Query q = db.query(
      "INSERT INTO recommendations(uuid, version, session, number, addressed_to, addressee, "
      "body, findings, withdrawn, changed_by, changed_at) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  q->bind_all(row.id, row.version, session, row.number, audit::key(row.to), row.addressee, row.text,
              findings_json(row.findings), row.withdrawn ? 1 : 0, row.changed_by, now)
      .run();
  tx.commit();
  row.changed_at = now;
  r = std::move(row);
  return r.id;
}

std::string Store::record_response(audit::Response& r) {
  refuse_if(response_problem(r));
  Db& db = impl_->db;
  const std::string now = now_utc();
  Transaction tx(db);
  const AuditRowRef ref =
      resolve_audit_row(db, "recommendations", "recommendation", r.recommendation);
  const std::string id = new_uuid();
  const std::string date = r.date.empty() ? now.substr(0, 10) : r.date;
  const int64_t seq =
      append_row(db, "responses", "recommendation, responder, response, body, response_date, recorded_at",
                 id, ref.session, ref.id, r.by, audit::key(r.response), r.text, date, now);
  tx.commit();
  r.id = id;
  r.recommendation = ref.id;
  r.seq = seq;
  r.date = date;
  r.recorded_at = now;
  return id;
}

void Store::record_opinion(const std::string& session_id, audit::OpinionSetting& o) {
  refuse_if(opinion_problem(o));
  Db& db = impl_->db;
  const std::string now = now_utc();
  Transaction tx(db);
  const std::string session = resolve_session_id(session_id);
  const int64_t seq = append_row(db, "opinion_settings", "label, reason, set_by, set_at", new_uuid(),
                                 session, o.label, o.reason, o.set_by, now);
  tx.commit();
  o.seq = seq;
  o.set_at = now;
}

void Store::record_audit_scope(const std::string& session_id, audit::AuditScope& s) {
  refuse_if(scope_problem(s));
  Db& db = impl_->db;
  const std::string now = now_utc();
  Transaction tx(db);
  const std::string session = resolve_session_id(session_id);
  const int64_t seq = append_row(
      db, "audit_scope", "controls_tested, testing_note, stage, report_version, changed_by, changed_at",
      new_uuid(), session, s.controls_tested ? 1 : 0, s.testing_note, audit::key(s.stage),
      s.report_version, s.changed_by, now);
  tx.commit();
  s.seq = seq;
  s.changed_at = now;
}

void Store::record_action_update(audit::ActionUpdate& u) {
  refuse_if(action_update_problem(u));
  Db& db = impl_->db;
  const std::string now = now_utc();
  Transaction tx(db);
  const AuditRowRef ref = resolve_audit_row(db, "actions", "improvement action", u.action);
  const int64_t seq = append_row(db, "action_updates",
                                 "action_item, status, note, review, updated_by, updated_at",
                                 new_uuid(), ref.session, ref.id, u.status, u.note, u.review,
                                 u.updated_by, now);
  {
    // Same transaction: the plan's status never disagrees with its latest update.
    Query q = db.query("UPDATE actions SET status = ?, updated_at = ? WHERE uuid = ?");
    q->bind_all(u.status, now, ref.id).run();
  }
  tx.commit();
  u.action = ref.id;
  u.seq = seq;
  u.updated_at = now;
}

audit::AuditRecord Store::load_audit(const std::string& session_id) {
  ReadTransaction snapshot(impl_->db);
  return read_audit(impl_->db, resolve_session_id(session_id));
}

std::string Store::session_of_recommendation(const std::string& id_or_prefix) {
  return resolve_audit_row(impl_->db, "recommendations", "recommendation", id_or_prefix).session;
}

}  // namespace auditsim::store
