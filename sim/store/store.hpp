// The results store: one SQLite file holding every event, session, decision and note.
// Every write method commits before it returns (WAL, synchronous=FULL), so what the program has
// shown as recorded survives a crash or a power cut. Bad files are refused unchanged.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/front_sheet.hpp"
#include "sim/store/records.hpp"
#include "sim/store/error.hpp"

namespace auditsim::store {

class Db;  // the database connection (sim/store/db.hpp), not part of the store's interface

// $XDG_DATA_HOME/auditsim/results.db, else ~/.local/share/auditsim/results.db.
std::filesystem::path default_db_path();

// A new random (version 4) UUID, lower-case with dashes.
std::string new_uuid();
// The current UTC time as ISO 8601 with milliseconds ("2024-03-12T19:04:05.123Z").
std::string now_utc();

class Store {
 public:
  // Opens the results database at `path`, creating it (0600, missing folders 0700) when absent.
  // A `postgresql://` address opens it on a council's PostgreSQL server instead (the database
  // or schema is set up on first use; docs/deployment.md).
  // An existing file is inspected read-only first; a non-SQLite, foreign, newer or damaged file
  // is refused with a StoreError and left byte-for-byte unchanged. Older schemas are upgraded.
  static Store open(const std::filesystem::path& path);
  // A second connection to this same store, for reading alongside it on another thread (a large
  // report is built on two cores). It does no schema work, as this store has done it; it is
  // only to read (load_sessions and the like). Each Store is for one thread at a time.
  Store open_reader() const;
  // Checks a file without ever writing to it (for `check-db`); never throws for a bad file.
  static CheckReport check_file(const std::filesystem::path& path);

  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  ~Store();

  const std::filesystem::path& path() const;

  // Runs `fn` inside one transaction: its writes commit together when it returns, or not at all
  // if it throws. Write methods called inside do not commit on their own.
  void batch(const std::function<void()>& fn);

  // --- events and participants
  std::string create_event(const Event& e);  // returns the new id
  // By id, or else by name (the most recently created of that name).
  std::optional<Event> find_event(const std::string& name_or_id);
  // Finds by name, or creates it with the given details.
  Event find_or_create_event(const Event& e);
  std::vector<Event> list_events();
  std::string create_participant(const std::string& display_name, Role role);  // returns id
  // By id, or else by display name (the most recently created of that name).
  std::optional<Participant> find_participant(const std::string& name_or_id);
  std::vector<Participant> list_participants();

  // --- other people to redact from an event's public reports (officers, residents named in
  // notes), besides its participants and facilitator. `event` is a name or id; by name, every
  // event of that name (laptops at one evening each make their own). NotFound for no event.
  // Adds a name (blank ones are refused with ErrorKind::Invalid; one already there stays once).
  void add_redaction(const std::string& event, const std::string& name);
  // False when the name was not on the list.
  bool remove_redaction(const std::string& event, const std::string& name);
  std::vector<std::string> list_redactions(const std::string& event);  // sorted, each once
  // The people of the events with these ids (participants of their sessions, facilitators,
  // redaction lists); every event's when `event_ids` is empty.
  NamesToRedact names_to_redact(const std::vector<std::string>& event_ids);

  // --- the front sheet of an event's committee paper (sim/front_sheet.hpp). `event` is a name
  // or id; by name, every event of that name gets it. Saving replaces the sheet in one
  // transaction; an invalid sheet (front_sheet_problem) is refused with ErrorKind::Invalid.
  // NotFound for no event.
  void save_front_sheet(const std::string& event, const FrontSheet& sheet);
  // The saved sheet, or nullopt when none has been saved for the event.
  std::optional<FrontSheet> load_front_sheet(const std::string& event);

  // --- play
  // Stores the snapshot (once per sha256) and a new active session; returns its id.
  std::string start_session(const Snapshot& snapshot, const SessionStart& start);
  // Appends a decision (assigning rec.seq and rec.recorded_at) and replaces the session's state
  // with `state_json` in the same transaction. Committed to disk when it returns.
  int64_t record_decision(const std::string& session_id, DecisionRecord& rec,
                          const std::string& state_json);
  // Keeps each device's vote with the group decision `decision_seq` it led to, in one
  // transaction (none of them is kept when one is refused).
  void record_device_votes(const std::string& session_id, int64_t decision_seq,
                           const std::vector<DeviceVoteRecord>& votes);
  // The seq of the session's latest decision row (0 when none).
  int64_t latest_decision_seq(const std::string& session_id);
  // Every device vote of a session, by decision then device.
  std::vector<DeviceVoteRecord> device_votes(const std::string& session_id);
  // Replaces the session's resume state (pause, timers, injects) without a decision.
  void save_state(const std::string& session_id, const std::string& state_json);
  std::string record_note(const std::string& session_id, const Note& note);  // returns id
  // A note of the session corrected (its text and Part B marking) or taken back; NotFound when
  // the session has no such note, Invalid for empty text (store_notes.cpp).
  void update_note(const std::string& session_id, const std::string& note_id,
                   const std::string& text, bool part_b);
  void delete_note(const std::string& session_id, const std::string& note_id);
  // Refuses an empty reason or an unknown pillar (ErrorKind::Invalid).
  std::string record_override(const std::string& session_id, const ScoreOverride& o);
  void acknowledge_inject(const std::string& session_id, const std::string& inject_id);
  // Finished and abandoned sessions get finished_at; Active clears it (resume).
  void set_status(const std::string& session_id, Status status);

  // --- improvement plan
  std::string add_action(const ActionItem& a);  // returns id
  void update_action(const ActionItem& a);      // by a.id; NotFound when absent
  void delete_action(const std::string& action_id);
  std::vector<ActionItem> list_actions(const std::string& session_id);

  // --- desktop audit (sim/audit/record.hpp). Every call appends a version: nothing is
  // overwritten, so each change is kept with who made it and when. `session_id` is an id or a
  // unique prefix; NotFound for no session, Invalid for a value the record cannot hold (an
  // unknown key action of the session's scenario, a blank recommendation or reason, a date that
  // is not YYYY-MM-DD).
  // Records a new version of one key action's check; sets c.seq and c.changed_at.
  void record_control_check(const std::string& session_id, audit::ControlCheck& c);
  // A new recommendation (r.id empty: sets id, number, version 1) or a new version of one
  // (r.id set: keeps its number, raises the version). Returns the id.
  std::string record_recommendation(const std::string& session_id, audit::Recommendation& r);
  // A response to a recommendation (by id or unique prefix); sets id, seq and recorded_at, the
  // recommendation's full id, and the date to today's (UTC) when it is empty.
  std::string record_response(audit::Response& r);
  void record_opinion(const std::string& session_id, audit::OpinionSetting& o);
  void record_audit_scope(const std::string& session_id, audit::AuditScope& s);
  // A status update of an improvement-plan action (u.action: its id or a unique prefix; set to
  // the full id): the action's status changes with it, in the same transaction.
  void record_action_update(audit::ActionUpdate& u);
  // Every version of every audit row of one session, in order of seq.
  audit::AuditRecord load_audit(const std::string& session_id);
  // The session a recommendation (id or unique prefix) belongs to. NotFound / Invalid.
  std::string session_of_recommendation(const std::string& id_or_prefix);

  // --- reading
  std::vector<SessionSummary> list_sessions(const SessionFilter& filter = {});
  // A full id, or a unique prefix of at least 4 characters. NotFound / Invalid (ambiguous).
  std::string resolve_session_id(const std::string& id_or_prefix);
  // Everything about one session (id or unique prefix); nullopt when there is none.
  std::optional<SessionRecord> load_session(const std::string& id_or_prefix);
  std::optional<Snapshot> find_snapshot(const std::string& sha256);
  // Everything about many sessions (full ids; unknown ones are skipped, repeats read once),
  // in one read transaction with one query per table: for reports over thousands of sessions.
  // Calls `visit` once per session in order of id (not the order given), with a record that
  // is reused for the next session, so copy what must outlive the call. `visit` may read from
  // this store but must not write to it or call load_sessions. The record is load_session's
  // without each decision's state_after (empty): reports never read it, and it is most of the
  // bytes of a session.
  void load_sessions(const std::vector<std::string>& ids,
                     const std::function<void(const SessionRecord&)>& visit);

  // --- the xAPI outbox (store_outbox.cpp). Statements are queued in the transaction of what they
  // describe (inside batch()), so a decision and its statement are durable together.
  // Queuing is on only once enable_outbox has been called (an LRS is configured).
  void enable_outbox(const OutboxSettings& s);
  void disable_outbox();  // the LRS was switched off: nothing more is queued
  const OutboxSettings* outbox() const;  // null when queuing is off
  // Queues a statement under its own id; an id already queued is left as it is.
  void queue_statement(const std::string& statement_id, const std::string& json);
  // Waiting statements whose next attempt is at or before `now` (ISO 8601 UTC), oldest first.
  std::vector<OutboxStatement> due_statements(const std::string& now, int limit);
  // Returns the ids no longer in the outbox: withdrawn (below) while their batch was on its way,
  // so the LRS has a statement an undo has since made untrue, and the sender voids it.
  std::vector<std::string> mark_sent(const std::vector<std::string>& ids, const std::string& at);
  // Withdraws a statement a later undo made untrue. One not yet at the LRS (waiting or refused)
  // is dropped from the outbox; one already sent stays as sent and its JSON is returned, for
  // the caller to queue a statement voiding it; an id never queued is left alone.
  WithdrawnStatement withdraw_statement(const std::string& id);
  // Kept, with the LRS's reason, until `requeue_refused`.
  void mark_refused(const std::string& id, const std::string& reason);
  // One more failed attempt: waiting again from `next_attempt_at`, with why it failed.
  void mark_retry(const std::vector<std::string>& ids, const std::string& next_attempt_at,
                  const std::string& error);
  OutboxCounts outbox_counts();
  std::vector<RefusedStatement> refused_statements();
  // Puts every refused statement back to waiting, due at `now`; returns how many.
  int64_t requeue_refused(const std::string& now);

  // --- maintenance
  // Merges sessions from another results database, treated as hostile (read-only, defensive,
  // quick_check first). Idempotent; sessions that exist here with different content are
  // reported as conflicts and left as they are here.
  ImportReport import_from(const std::filesystem::path& other);
  // Writes the sessions of one event (name or id) to a new database file at `out` via the
  // backup API. Refuses to overwrite an existing file.
  ExportReport export_event(const std::string& event, const std::filesystem::path& out);
  // Erases a person (id, or display name in any case): their own rows by id (the name becomes
  // the pseudonym, the notes they wrote are deleted, a tombstone keeps imports from bringing
  // them back), and every form of their name the Part A matcher (sim/redact.hpp) finds in the
  // free-text columns is replaced by the pseudonym. Then checkpoints and vacuums so the name no
  // longer occurs in the file. Other people's names, ids and fixed-value columns are untouched.
  EraseReport erase_participant(const std::string& name_or_id);
  // quick_check, foreign_key_check and the schema version of this open database.
  CheckReport check();

 private:
  // The raw connection, for the store's own tests and benchmarks only
  // (sim/store/raw_connection.hpp).
  friend Db& raw_connection(Store& store);

  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  friend Store open_server_store(const std::string& url);
  std::unique_ptr<Impl> impl_;
};

}  // namespace auditsim::store
