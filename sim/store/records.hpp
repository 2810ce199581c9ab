// Plain records the store reads and writes. The store knows nothing of the engine: a session's
// state is an opaque JSON string, and a 4P delta is four integers.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/audit/record.hpp"

namespace auditsim {
struct Scenario;
}

namespace auditsim::store {

enum class EventKind { TrainingEvening, DesktopAudit, ELearning };

// One councillor's vote from their own device, kept with the group decision it led to.
struct DeviceVoteRecord {
  int64_t decision_seq = 0;
  std::string device;  // pseudonymous: "device-7"
  std::string team;
  std::string stage;   // the stage's node id
  std::string choice;  // choice id
  std::string reason;
  std::string dissent;
  std::string voted_at;  // ISO 8601 UTC
};
enum class Mode { Solo, Group, Teams };
enum class Status { Active, Finished, Abandoned };
enum class Role { Member, Staff };
enum class DecisionKind { Decision, Undo, Timeout };
enum class ActionStatus { Open, InProgress, Done };

// The key stored in the database and used on the command line ("training-evening").
const char* key(EventKind k);
const char* key(Mode m);
const char* key(Status s);
const char* key(Role r);
const char* key(DecisionKind k);
const char* key(ActionStatus s);
// Parses a key; nullopt when unknown.
std::optional<EventKind> parse_event_kind(std::string_view s);
std::optional<Mode> parse_mode(std::string_view s);
std::optional<Status> parse_status(std::string_view s);
std::optional<Role> parse_role(std::string_view s);
std::optional<DecisionKind> parse_decision_kind(std::string_view s);
std::optional<ActionStatus> parse_action_status(std::string_view s);

// Exactly what was played: the scenario's YAML source and its identity.
struct Snapshot {
  std::string sha256;          // hex of source_text; the key
  std::string scenario_id;
  std::string version;
  std::string title;
  std::string classification;  // "part-a" | "part-b"
  std::string source_text;
  std::string evidence_files;  // JSON {"relative/path.md": "content", ...} of evidence files
  std::string loaded_at;       // set by the store
};

// The snapshot of a loaded scenario.
Snapshot snapshot_of(const auditsim::Scenario& s);

// A training evening, desktop audit or e-learning round.
struct Event {
  std::string id;  // UUID, set by the store
  std::string name;
  std::string date;  // free text, normally YYYY-MM-DD
  EventKind kind = EventKind::TrainingEvening;
  std::string facilitator;
};

// A person taking part. After erasure display_name equals the pseudonym.
struct Participant {
  std::string id;  // UUID
  std::string display_name;
  Role role = Role::Member;
  std::string pseudonym;  // "Participant 3F2A9C": used in public reports and after erasure
  bool erased = false;
};

// What start_session needs besides the snapshot.
struct SessionStart {
  std::string event_id;  // empty: not part of an event
  Mode mode = Mode::Solo;
  std::string team;
  std::string audience;  // "members" | "staff" | ""
  std::vector<std::string> participant_ids;
  std::string state_json;  // the engine's initial state
  std::string run;         // teams: the id the run's teams share (empty otherwise)
  int64_t run_position = 0;  // teams: the team's place (its tab) in the run, from 0
};

// One entry of the decision log.
struct DecisionRecord {
  int64_t seq = 0;  // 1, 2, ... per session; assigned by record_decision
  std::string node_id;
  std::string choice_id;  // empty for an undo
  DecisionKind kind = DecisionKind::Decision;
  int64_t time_taken_ms = 0;
  std::string votes_json;  // {"choice-id": hands, ...} or ""
  // Not stored: the ids of the choices at node_id in the scenario as played. record_decision
  // refuses votes (and a decision or time-out) naming a choice that is not among them, so a vote
  // can never be filed against a stage that did not offer it.
  std::vector<std::string> offered;
  std::string rationale;   // for an undo: the reason
  std::string dissent;
  std::array<int64_t, 4> delta{};  // pursue, prevent, protect, prepare
  std::string state_after;         // optional JSON of the play state after the decision
  std::string recorded_at;         // set by the store
};

// A note taken during play. Part B notes are exempt and kept out of public reports.
struct Note {
  std::string id;  // set by the store
  std::string kind = "note";  // free label: "note", "control", "observation", ...
  std::string node_id;
  std::string text;
  bool part_b = false;
  std::string author_id;  // participant UUID or empty
  std::string created_at;
};

// A facilitator's change to a pillar score; the reason is required.
struct ScoreOverride {
  std::string id;
  std::string pillar;  // "pursue" | "prevent" | "protect" | "prepare"
  int64_t delta = 0;
  std::string reason;
  std::string by;
  std::string created_at;
};

// One line of the improvement plan.
struct ActionItem {
  std::string id;
  std::string session_id;
  std::string finding;  // key action id the action answers, or free text
  std::string action;
  std::string owner;
  std::string due_date;
  std::string priority = "medium";  // "high" | "medium" | "low"
  ActionStatus status = ActionStatus::Open;
  std::string recommendation;  // the members' recommendation it carries out (id), or empty
};

// An inject the facilitator acknowledged.
struct InjectAck {
  std::string inject_id;
  std::string acknowledged_at;
};

// One line of `auditsim sessions`.
struct SessionSummary {
  std::string id;
  std::string scenario_id;
  std::string scenario_title;
  std::string event_id;
  std::string event_name;
  Status status = Status::Active;
  std::string started_at;
  std::string finished_at;
  std::string team;
  Mode mode = Mode::Solo;
  int64_t decisions = 0;     // 0 from list_sessions without details
  std::string run;           // teams: shared by the teams of one run; empty otherwise
  int64_t run_position = 0;  // teams: the team's place in the run, from 0
  // Who took part, by display name (an erased person's pseudonym), sorted. Filled by
  // list_sessions with details only: the single-session and bulk reads carry the full
  // participant records.
  std::vector<std::string> participant_names;
};

// Everything recorded about one session: enough to resume it or rebuild any report.
struct SessionRecord {
  SessionSummary summary;
  std::optional<Event> event;
  Snapshot snapshot;
  std::string audience;
  std::string state_json;
  std::vector<Participant> participants;
  std::vector<DecisionRecord> decisions;
  std::vector<Note> notes;
  std::vector<ScoreOverride> overrides;
  std::vector<ActionItem> actions;
  std::vector<InjectAck> inject_acks;
  audit::AuditRecord audit;  // the desktop audit's control checks, recommendations, responses
};

// Which sessions list_sessions returns.
struct SessionFilter {
  std::string event;  // event name or id; empty = all
  std::optional<Status> status;
  std::string run = {};  // the teams of one teams run; empty = all
  // Each summary's decision count and participants' names, as a list on screen shows them. A
  // report that reads the records in bulk counts the decisions itself and takes the names from
  // the records, so it lists without them: over 100,000 sessions the per-session count and
  // names are most of the listing's time.
  bool details = true;
};

// Result of import_from.
struct ImportConflict {
  // "session" | "event" | "participant" | "snapshot", or a row merged on its own: "action",
  // "control check", "recommendation", "response", "opinion setting", "audit scope",
  // "action update"
  std::string kind;
  std::string id;
  std::string detail;  // what differs; this database's version was kept
};
struct ImportReport {
  int sessions_added = 0;
  int skipped_identical = 0;
  // Desktop-audit rows (checks, recommendations, responses, opinions, scope, action updates)
  // and, for sessions already here, improvement actions, merged one by one.
  int audit_rows_added = 0;
  std::vector<ImportConflict> conflicts;
  // People erased here whom the other file still holds: kept erased. Their notes in the imported
  // sessions were not imported and their name in its free text was replaced by the pseudonym.
  std::vector<std::string> erased_kept_out;  // participant ids
  int erased_notes_refused = 0;
  int64_t erased_mentions_replaced = 0;
  int redactions_added = 0;  // names added to events' redaction lists
};

// Result of export_event.
struct ExportReport {
  int sessions = 0;
  int64_t bytes = 0;
};

// Result of erase_participant.
struct EraseReport {
  int participants = 0;          // identities erased
  std::vector<std::string> pseudonyms;  // what each erased person is now called
  int notes_removed = 0;         // notes they wrote
  int64_t text_replacements = 0; // fields where the name was replaced by the pseudonym
  int64_t mentions = 0;          // occurrences of the name replaced in those fields
  // "table.column" -> fields changed there, for the message ("decisions.rationale": 2).
  std::vector<std::pair<std::string, int64_t>> fields;
  bool file_scrubbed = false;    // checkpoint and VACUUM completed: the name is gone from the file
  // The xAPI outbox's statements about their sessions: not yet sent, so deleted; and `voided`
  // statements queued for those the learning record store already has.
  int64_t statements_dropped = 0;
  int64_t voids_queued = 0;
};

// Exactly what an erasure removed, in plain words, for the command line and the desktop.
std::string erase_message(const EraseReport& r);

// Everyone a public report on some events must not name, as recorded: the participants of their
// sessions (erased ones included, whose name is now their pseudonym), their facilitators and the
// other people on their redaction lists.
struct NamesToRedact {
  std::vector<Participant> participants;
  std::vector<std::string> facilitators;
  std::vector<std::string> others;
};

// Result of check() / check_file().
struct CheckReport {
  bool opened = true;  // false when the file could not be read as a results database
  bool integrity_ok = false;
  bool foreign_keys_ok = false;
  bool schema_ok = false;
  int schema_version = 0;
  std::vector<std::string> problems;  // plain-words lines for the user
  bool ok() const { return opened && integrity_ok && foreign_keys_ok && schema_ok; }
};


// --- the xAPI outbox: statements for the council's learning record store (store_outbox.cpp).

// What every queued statement says about where it comes from. Set on an open store only when an
// LRS is configured; without it nothing is queued.
struct OutboxSettings {
  std::string home_page;  // the accounts' homePage (pseudonymous people)
  std::string platform;   // context.platform: the council's name, or empty
};

// A statement due to be sent.
struct OutboxStatement {
  std::string id;    // the statement's own id (a UUID)
  std::string json;  // the statement
  int64_t attempts = 0;
};

// A statement the LRS refused, with its reason.
struct RefusedStatement {
  std::string id;
  std::string reason;
  std::string json;
};

// What `auditsim lrs status` and the desktop's Settings line show.
// What withdrawing a statement from the outbox found.
struct WithdrawnStatement {
  enum class Was { NotQueued, Dropped, Sent } was = Was::NotQueued;
  std::string json;  // the statement, when it was already sent
};

struct OutboxCounts {
  int64_t waiting = 0, sent = 0, refused = 0;
  std::string oldest_waiting;  // queued_at of the oldest waiting statement, or ""
  std::string next_attempt;    // the earliest next attempt of a waiting one, or ""
  std::string last_error;      // why the latest failed attempt failed, or ""
};

}  // namespace auditsim::store
