// Erasure reaching the council's learning record store: the xAPI outbox's statements about an
// erased person's sessions. Statements cannot be changed once an LRS has them (xAPI 1.0.3), so a
// sent one is voided, and one not yet sent is dropped so it never arrives.
#include <nlohmann/json.hpp>

#include "sim/store/store_impl.hpp"
#include "sim/store/store_redact.hpp"
#include "sim/xapi_voiding.hpp"

namespace auditsim::store {

namespace {

using nlohmann::json;

bool names_account(const json& agent, const std::string& pseudonym) {
  if (!agent.is_object() || !agent.contains("account") || !agent["account"].is_object()) return false;
  const json& name = agent["account"]["name"];
  return name.is_string() && name.get_ref<const std::string&>() == pseudonym;
}

// A statement of the session `registration` whose actor is the person or a group they were in.
bool about(const json& s, const std::string& registration, const std::string& pseudonym) {
  if (!s.is_object() || !s.contains("context") || !s["context"].is_object()) return false;
  const json& reg = s["context"]["registration"];
  if (!reg.is_string() || reg.get_ref<const std::string&>() != registration) return false;
  if (!s.contains("actor")) return false;
  const json& actor = s["actor"];
  if (names_account(actor, pseudonym)) return true;
  if (actor.is_object() && actor.contains("member") && actor["member"].is_array())
    for (const json& m : actor["member"])
      if (names_account(m, pseudonym)) return true;
  return false;
}

bool is_voiding(const json& s) {
  return s.is_object() && s.contains("verb") && s["verb"].is_object() &&
         s["verb"].value("id", "") == "http://adlnet.gov/expapi/verbs/voided";
}

}  // namespace

void withdraw_erased_statements(Db& db, const std::string& participant, const std::string& pseudonym,
                                const std::string& now, EraseReport& report) {
  std::vector<std::string> sessions;
  {
    Query q = db.query("SELECT session FROM session_participants WHERE participant = ? ORDER BY session");
    q->bind(1, participant);
    while (q->step()) sessions.push_back(q->column_text(0));
  }
  for (const std::string& session : sessions) {
    const std::string registration = xapi_registration(session);
    struct Row {
      std::string id, json, state;
    };
    std::vector<Row> rows;
    {
      // The registration is a UUID (no LIKE wildcards in it); the JSON decides.
      Query q = db.query("SELECT statement_id, statement, state FROM xapi_outbox "
                         "WHERE statement LIKE ? ORDER BY statement_id");
      q->bind(1, "%" + registration + "%");
      while (q->step()) rows.push_back({q->column_text(0), q->column_text(1), q->column_text(2)});
    }
    for (const Row& r : rows) {
      const json s = json::parse(r.json, nullptr, false);
      // A voiding statement is never voided (xAPI forbids it); one waiting is still needed.
      if (is_voiding(s) || !about(s, registration, pseudonym)) continue;
      if (r.state != "sent") {
        Query del = db.query("DELETE FROM xapi_outbox WHERE statement_id = ?");
        del->bind(1, r.id).run();
        report.statements_dropped += db.changes();
        continue;
      }
      const std::optional<VoidingStatement> v = xapi_voiding_statement(r.json, now);
      if (!v) continue;
      // Its id is fixed: one an undo or an earlier erasure queued already is not queued again.
      Query ins = db.query(
          "INSERT INTO xapi_outbox(statement_id, statement, state, attempts, next_attempt_at, "
          "queued_at) VALUES(?, ?, 'waiting', 0, ?, ?) ON CONFLICT(statement_id) DO NOTHING");
      ins->bind_all(v->id, v->json, now, now).run();
      report.voids_queued += db.changes();
    }
  }
}

}  // namespace auditsim::store
