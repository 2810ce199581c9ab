// xAPI statements queued for the council's learning record store as a session is played: the
// session's `attempted`, each decision's `answered` and the ending's `completed` and
// `passed`/`failed`, each written to the store's outbox inside the transaction of what it
// describes. People are pseudonymous accounts, never names; a Part B scenario queues nothing
// (Part A rules: no statement says anything about it). Statement ids are the ones the xAPI
// report gives the same statements (reports/render_xapi.cpp), so sending that report as well
// cannot duplicate them at the LRS.
#pragma once

#include <string>
#include <vector>

#include "sim/engine.hpp"
#include "sim/scoring.hpp"
#include "sim/store/store.hpp"
#include "sim/xapi_voiding.hpp"

namespace auditsim {

// What every statement of one session carries, read once from the store.
struct XapiSession {
  std::string session_id;
  std::string event_name;
  std::string team;
  std::string mode;  // "solo" | "group" | "teams"
  std::vector<std::string> pseudonyms;
};

// The session as recorded (its participants' pseudonyms, event, team and mode).
XapiSession xapi_session(store::Store& db, const std::string& session_id);

// Whether `db` queues statements for `session`: an LRS is configured and the scenario is Part A.
bool queues_xapi(store::Store& db, const Session& session);

// The statement at `position` of a session, in the report's numbering: 0 is `attempted`, the
// session's decisions and time-outs follow in order, then the ending's two. An undo has no
// statement but takes two positions, so the ending it reopened (voided, its ids spent) never
// shares an id with a later decision or ending.
std::string xapi_statement_id(const std::string& session_id, int position);

// Queue one statement each (the caller is inside the transaction of what it describes).
void queue_attempted(store::Store& db, const XapiSession& xs, const Session& session,
                     const std::string& timestamp);
// `entry` is a decision or time-out of session.history(); `position` from xapi_position.
void queue_answered(store::Store& db, const XapiSession& xs, const Session& session,
                    const HistoryEntry& entry, int position, const std::string& timestamp);
// `completed` and `passed` or `failed`, at `position` and the next.
void queue_finished(store::Store& db, const XapiSession& xs, const Session& session,
                    const ScoringConfig& scoring, int position, const std::string& timestamp);

// An undo makes a decision's `answered` untrue (and, from the ending, its `completed` and
// `passed`/`failed`). Each is withdrawn: dropped from the outbox when the LRS never had it, else
// voided by an xAPI `voided` statement (same actor, the original's id as a StatementRef) under
// the id xapi_voiding_id (sim/xapi_voiding.hpp) gives, so voiding twice queues one statement.
void withdraw_statement(store::Store& db, const std::string& statement_id, const std::string& timestamp);
// Queues the `voided` statement for `original_json`, a statement the LRS already has.
void queue_voiding(store::Store& db, const std::string& original_json, const std::string& timestamp);
// The statement ids a recorded undo (history entry `undo_index`) withdraws: the decision or
// time-out it reversed, and the ending's two when it reopened a finished session.
std::vector<std::string> xapi_undone_statements(const std::string& session_id, const Session& session,
                                                size_t undo_index, bool reopened_ending);

// The position of history entry `index` (a decision or time-out), or of the ending when `index`
// is the history's size: 1 + the decisions and time-outs before it + 2 for each undo before it.
int xapi_position(const Session& session, size_t index);

}  // namespace auditsim
