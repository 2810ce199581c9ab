#include "sim/store/schema.hpp"

#include <string>
#include <vector>

#include "sim/store/sql_dialect.hpp"

namespace auditsim::store {

namespace {

// Historical steps are never edited once released: a file at version N is upgraded by running
// steps N+1.. exactly as they were, so every version's upgrade path stays testable.
// Column names avoid SQL keywords (by, action, to) so hand-written queries need no quoting.
const std::vector<const char*>& steps() {
  static const std::vector<const char*> s = {
      // Version 1: the core record of play.
      R"sql(
      CREATE TABLE scenario_snapshots(
        sha256 TEXT PRIMARY KEY CHECK(length(sha256) = 64),
        scenario_id TEXT NOT NULL,
        version TEXT NOT NULL DEFAULT '',
        title TEXT NOT NULL DEFAULT '',
        classification TEXT NOT NULL CHECK(classification IN ('part-a', 'part-b')),
        source_text TEXT NOT NULL,
        loaded_at TEXT NOT NULL);
      CREATE TABLE events(
        uuid TEXT PRIMARY KEY,
        name TEXT NOT NULL CHECK(length(name) > 0),
        date TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL CHECK(kind IN ('training-evening', 'desktop-audit', 'e-learning')),
        facilitator TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL);
      CREATE INDEX events_by_name ON events(name);
      CREATE TABLE participants(
        uuid TEXT PRIMARY KEY,
        display_name TEXT NOT NULL,
        role TEXT NOT NULL CHECK(role IN ('member', 'staff')),
        pseudonym TEXT NOT NULL,
        erased_at TEXT,
        created_at TEXT NOT NULL);
      CREATE INDEX participants_by_name ON participants(display_name);
      CREATE TABLE sessions(
        uuid TEXT PRIMARY KEY,
        event TEXT REFERENCES events(uuid),
        snapshot TEXT NOT NULL REFERENCES scenario_snapshots(sha256),
        mode TEXT NOT NULL CHECK(mode IN ('solo', 'group', 'teams')),
        team TEXT NOT NULL DEFAULT '',
        audience TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'active'
          CHECK(status IN ('active', 'finished', 'abandoned')),
        started_at TEXT NOT NULL,
        finished_at TEXT,
        state_json TEXT NOT NULL DEFAULT '');
      CREATE INDEX sessions_by_event ON sessions(event);
      CREATE INDEX sessions_by_snapshot ON sessions(snapshot);
      CREATE TABLE session_participants(
        session TEXT NOT NULL REFERENCES sessions(uuid),
        participant TEXT NOT NULL REFERENCES participants(uuid),
        PRIMARY KEY(session, participant)) WITHOUT ROWID;
      CREATE INDEX session_participants_by_participant ON session_participants(participant);
      CREATE TABLE decisions(
        session TEXT NOT NULL REFERENCES sessions(uuid),
        seq INTEGER NOT NULL CHECK(seq > 0),
        node TEXT NOT NULL,
        choice TEXT NOT NULL DEFAULT '',
        kind TEXT NOT NULL CHECK(kind IN ('decision', 'undo', 'timeout')),
        time_taken_ms INTEGER NOT NULL DEFAULT 0,
        votes TEXT NOT NULL DEFAULT '',
        rationale TEXT NOT NULL DEFAULT '',
        dissent TEXT NOT NULL DEFAULT '',
        pursue INTEGER NOT NULL DEFAULT 0,
        prevent INTEGER NOT NULL DEFAULT 0,
        protect INTEGER NOT NULL DEFAULT 0,
        prepare INTEGER NOT NULL DEFAULT 0,
        state_after TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL,
        UNIQUE(session, seq));
      CREATE TABLE notes(
        uuid TEXT PRIMARY KEY,
        session TEXT NOT NULL REFERENCES sessions(uuid),
        kind TEXT NOT NULL DEFAULT 'note',
        node TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL,
        part_b INTEGER NOT NULL DEFAULT 0 CHECK(part_b IN (0, 1)),
        author TEXT REFERENCES participants(uuid),
        created_at TEXT NOT NULL);
      CREATE INDEX notes_by_session ON notes(session);
      CREATE INDEX notes_by_author ON notes(author);
      )sql",
      // Version 2: facilitator score overrides, the improvement plan and inject acknowledgements.
      R"sql(
      CREATE TABLE score_overrides(
        uuid TEXT PRIMARY KEY,
        session TEXT NOT NULL REFERENCES sessions(uuid),
        pillar TEXT NOT NULL CHECK(pillar IN ('pursue', 'prevent', 'protect', 'prepare')),
        delta INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK(length(trim(reason)) > 0),
        overridden_by TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL);
      CREATE INDEX score_overrides_by_session ON score_overrides(session);
      CREATE TABLE actions(
        uuid TEXT PRIMARY KEY,
        session TEXT NOT NULL REFERENCES sessions(uuid),
        finding TEXT NOT NULL DEFAULT '',
        action_text TEXT NOT NULL CHECK(length(trim(action_text)) > 0),
        owner TEXT NOT NULL DEFAULT '',
        due_date TEXT NOT NULL DEFAULT '',
        priority TEXT NOT NULL DEFAULT 'medium' CHECK(priority IN ('high', 'medium', 'low')),
        status TEXT NOT NULL DEFAULT 'open' CHECK(status IN ('open', 'in-progress', 'done')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL);
      CREATE INDEX actions_by_session ON actions(session);
      CREATE TABLE inject_acks(
        session TEXT NOT NULL REFERENCES sessions(uuid),
        inject TEXT NOT NULL,
        acknowledged_at TEXT NOT NULL,
        PRIMARY KEY(session, inject)) WITHOUT ROWID;
      )sql",
      // Version 3: the evidence files a scenario read at load time, kept with its snapshot so a
      // session can be resumed and reported after the files change or are deleted.
      R"sql(
      ALTER TABLE scenario_snapshots ADD COLUMN evidence_files TEXT NOT NULL DEFAULT '{}';
      )sql",
      // Version 4: the teams of one teams run share a run id, and keep their order (the tabs),
      // so the run is resumed whole after a crash or a restart. Other sessions have run ''.
      R"sql(
      ALTER TABLE sessions ADD COLUMN run TEXT NOT NULL DEFAULT '';
      ALTER TABLE sessions ADD COLUMN run_position INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX sessions_by_run ON sessions(run);
      )sql",
      // Version 5: other people an event's public reports must not name (officers, residents
      // named in notes), and the ids of erased participants (never their names), so that an
      // import of a file that still holds an erased person cannot bring them back.
      R"sql(
      CREATE TABLE event_redactions(
        event TEXT NOT NULL REFERENCES events(uuid),
        name TEXT NOT NULL CHECK(length(trim(name)) > 0),
        created_at TEXT NOT NULL,
        PRIMARY KEY(event, name)) WITHOUT ROWID;
      CREATE TABLE erasures(
        participant TEXT PRIMARY KEY,
        erased_at TEXT NOT NULL);
      INSERT INTO erasures(participant, erased_at)
        SELECT uuid, erased_at FROM participants WHERE erased_at IS NOT NULL;
      )sql",
      // Version 6: the desktop audit (sim/audit/record.hpp). The group's checks of the council's
      // own controls, the members' recommendations and the responses to them, the auditor's
      // opinion, the report's scope and stage, and the improvement plan's status updates. Every
      // table is append-only (a change is a new row, latest seq wins) and every row has its own
      // uuid, so an import merges them row by row. Enumerations and lengths are checked here as
      // well as by the store, so a hostile file's rows cannot be copied in. The store refuses
      // text over 1000 bytes (names, roles, references, labels) or 20000 (evidence, wording,
      // reasons); the limits here are ten times those, so an erasure that writes a pseudonym
      // over a short name never breaks them. A recommendation's findings are a JSON array of
      // key-action ids (only its brackets are checked here: JSON functions may not run in a
      // schema with trusted_schema=OFF; the store parses it).
      R"sql(
      CREATE TABLE control_checks(
        uuid TEXT PRIMARY KEY CHECK(length(uuid) BETWEEN 1 AND 64),
        session TEXT NOT NULL REFERENCES sessions(uuid),
        seq INTEGER NOT NULL CHECK(seq > 0),
        key_action TEXT NOT NULL CHECK(length(key_action) BETWEEN 1 AND 10000),
        status TEXT NOT NULL CHECK(status IN ('in-place', 'partly', 'not-in-place', 'not-known')),
        evidence TEXT NOT NULL DEFAULT '' CHECK(length(evidence) <= 200000),
        evidence_ref TEXT NOT NULL DEFAULT '' CHECK(length(evidence_ref) <= 10000),
        owner TEXT NOT NULL DEFAULT '' CHECK(length(owner) <= 10000),
        due_date TEXT NOT NULL DEFAULT ''
          CHECK(due_date = '' OR due_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        condition TEXT NOT NULL DEFAULT '' CHECK(length(condition) <= 200000),
        criteria TEXT NOT NULL DEFAULT '' CHECK(length(criteria) <= 200000),
        cause TEXT NOT NULL DEFAULT '' CHECK(length(cause) <= 200000),
        effect TEXT NOT NULL DEFAULT '' CHECK(length(effect) <= 200000),
        changed_by TEXT NOT NULL DEFAULT '' CHECK(length(changed_by) <= 10000),
        changed_at TEXT NOT NULL CHECK(length(changed_at) <= 64),
        UNIQUE(session, seq));
      CREATE TABLE recommendations(
        uuid TEXT NOT NULL CHECK(length(uuid) BETWEEN 1 AND 64),
        version INTEGER NOT NULL CHECK(version > 0),
        session TEXT NOT NULL REFERENCES sessions(uuid),
        number INTEGER NOT NULL CHECK(number > 0),
        addressed_to TEXT NOT NULL CHECK(addressed_to IN ('cabinet', 'cabinet-member',
          'management-team', 'community-safety-partnership', 'police', 'partner', 'officer')),
        addressee TEXT NOT NULL DEFAULT '' CHECK(length(addressee) <= 10000),
        body TEXT NOT NULL CHECK(length(trim(body)) > 0 AND length(body) <= 200000),
        findings TEXT NOT NULL DEFAULT '[]'
          CHECK(length(findings) <= 200000 AND findings GLOB '[[]*[]]'),
        withdrawn INTEGER NOT NULL DEFAULT 0 CHECK(withdrawn IN (0, 1)),
        changed_by TEXT NOT NULL DEFAULT '' CHECK(length(changed_by) <= 10000),
        changed_at TEXT NOT NULL CHECK(length(changed_at) <= 64),
        PRIMARY KEY(uuid, version));
      CREATE INDEX recommendations_by_session ON recommendations(session);
      CREATE TABLE responses(
        uuid TEXT PRIMARY KEY CHECK(length(uuid) BETWEEN 1 AND 64),
        session TEXT NOT NULL REFERENCES sessions(uuid),
        seq INTEGER NOT NULL CHECK(seq > 0),
        recommendation TEXT NOT NULL CHECK(length(recommendation) BETWEEN 1 AND 64),
        responder TEXT NOT NULL CHECK(length(trim(responder)) > 0 AND length(responder) <= 10000),
        response TEXT NOT NULL CHECK(response IN ('agreed', 'partly', 'not-agreed')),
        body TEXT NOT NULL DEFAULT '' CHECK(length(body) <= 200000),
        response_date TEXT NOT NULL DEFAULT '' CHECK(response_date = '' OR
          response_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        recorded_at TEXT NOT NULL CHECK(length(recorded_at) <= 64),
        UNIQUE(session, seq));
      CREATE INDEX responses_by_recommendation ON responses(recommendation);
      CREATE TABLE opinion_settings(
        uuid TEXT PRIMARY KEY CHECK(length(uuid) BETWEEN 1 AND 64),
        session TEXT NOT NULL REFERENCES sessions(uuid),
        seq INTEGER NOT NULL CHECK(seq > 0),
        label TEXT NOT NULL CHECK(length(trim(label)) > 0 AND length(label) <= 10000),
        reason TEXT NOT NULL CHECK(length(trim(reason)) > 0 AND length(reason) <= 200000),
        set_by TEXT NOT NULL DEFAULT '' CHECK(length(set_by) <= 10000),
        set_at TEXT NOT NULL CHECK(length(set_at) <= 64),
        UNIQUE(session, seq));
      CREATE TABLE audit_scope(
        uuid TEXT PRIMARY KEY CHECK(length(uuid) BETWEEN 1 AND 64),
        session TEXT NOT NULL REFERENCES sessions(uuid),
        seq INTEGER NOT NULL CHECK(seq > 0),
        controls_tested INTEGER NOT NULL DEFAULT 0 CHECK(controls_tested IN (0, 1)),
        testing_note TEXT NOT NULL DEFAULT '' CHECK(length(testing_note) <= 200000),
        stage TEXT NOT NULL DEFAULT 'draft' CHECK(stage IN ('draft', 'final')),
        report_version INTEGER NOT NULL DEFAULT 1 CHECK(report_version > 0),
        changed_by TEXT NOT NULL DEFAULT '' CHECK(length(changed_by) <= 10000),
        changed_at TEXT NOT NULL CHECK(length(changed_at) <= 64),
        UNIQUE(session, seq));
      CREATE TABLE action_updates(
        uuid TEXT PRIMARY KEY CHECK(length(uuid) BETWEEN 1 AND 64),
        session TEXT NOT NULL REFERENCES sessions(uuid),
        seq INTEGER NOT NULL CHECK(seq > 0),
        action_item TEXT NOT NULL CHECK(length(action_item) BETWEEN 1 AND 64),
        status TEXT NOT NULL CHECK(status IN ('open', 'in-progress', 'done')),
        note TEXT NOT NULL DEFAULT '' CHECK(length(note) <= 200000),
        review TEXT NOT NULL DEFAULT '' CHECK(length(review) <= 10000),
        updated_by TEXT NOT NULL DEFAULT '' CHECK(length(updated_by) <= 10000),
        updated_at TEXT NOT NULL CHECK(length(updated_at) <= 64),
        UNIQUE(session, seq));
      CREATE INDEX action_updates_by_action ON action_updates(action_item);
      ALTER TABLE actions ADD COLUMN recommendation TEXT NOT NULL DEFAULT ''
        CHECK(length(recommendation) <= 64);
      )sql",
      // Version 7: the front sheet of each event's committee paper, a JSON object the store
      // writes and parses (only its braces are checked here, as for a recommendation's findings).
      R"sql(
      CREATE TABLE front_sheets(
        event TEXT PRIMARY KEY REFERENCES events(uuid),
        body TEXT NOT NULL CHECK(body GLOB '{*}' AND length(body) <= 2000000),
        updated_at TEXT NOT NULL CHECK(length(updated_at) <= 64));
      )sql",
      // Version 8: xAPI statements waiting for the council's learning record store, queued in
      // the transaction of what they describe and kept after sending (the LRS's answer).
      R"sql(
      CREATE TABLE xapi_outbox(
        statement_id TEXT PRIMARY KEY CHECK(length(statement_id) = 36),
        statement TEXT NOT NULL CHECK(length(statement) <= 1000000),
        state TEXT NOT NULL DEFAULT 'waiting' CHECK(state IN ('waiting', 'sent', 'refused')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL CHECK(length(next_attempt_at) <= 64),
        last_error TEXT NOT NULL DEFAULT '' CHECK(length(last_error) <= 10000),
        queued_at TEXT NOT NULL CHECK(length(queued_at) <= 64),
        sent_at TEXT CHECK(length(sent_at) <= 64));
      CREATE INDEX xapi_outbox_due ON xapi_outbox(state, next_attempt_at);
      )sql",
      // Version 9: each councillor's own vote from their device, kept with the group decision it led
      // to (by its seq). Devices are pseudonymous ("device-7"); Part A reports show counts only.
      R"sql(
      CREATE TABLE device_votes(
        session TEXT NOT NULL REFERENCES sessions(uuid),
        decision_seq INTEGER NOT NULL CHECK(decision_seq > 0),
        device TEXT NOT NULL CHECK(length(device) BETWEEN 1 AND 64),
        team TEXT NOT NULL DEFAULT '' CHECK(length(team) <= 1000),
        stage TEXT NOT NULL CHECK(length(stage) <= 1000),
        choice TEXT NOT NULL CHECK(length(choice) BETWEEN 1 AND 1000),
        reason TEXT NOT NULL DEFAULT '' CHECK(length(reason) <= 10000),
        dissent TEXT NOT NULL DEFAULT '' CHECK(length(dissent) <= 10000),
        voted_at TEXT NOT NULL CHECK(length(voted_at) <= 64),
        UNIQUE(session, decision_seq, device));
      )sql",
      // Version 10: each erasure's tombstone keeps what it did at the learning record store:
      // statements deleted from the outbox before they were sent, and voiding statements queued
      // for those the LRS already had. Counts only, never a name.
      R"sql(
      ALTER TABLE erasures ADD COLUMN lrs_dropped INTEGER NOT NULL DEFAULT 0 CHECK(lrs_dropped >= 0);
      ALTER TABLE erasures ADD COLUMN lrs_voids_queued INTEGER NOT NULL DEFAULT 0
        CHECK(lrs_voids_queued >= 0);
      )sql",
  };
  return s;
}

}  // namespace

namespace {

// On a PostgreSQL server the version lives in a table of its own (there is no user_version):
// one row, this program's application id and the number of steps applied.
constexpr const char* kPgVersionTable = "auditsim_schema";

bool pg_has_version_table(Db& db) {
  Query q = db.query("SELECT to_regclass(?) IS NOT NULL");
  q->bind(1, kPgVersionTable);
  return q->step() && q->column_int(0) != 0;
}

int current_version(Db& db) {
  if (!db.is_postgres()) return static_cast<int>(db.scalar_int("PRAGMA user_version").value_or(0));
  if (!pg_has_version_table(db)) return 0;
  return static_cast<int>(db.scalar_int("SELECT max(version) FROM auditsim_schema").value_or(0));
}

void set_version(Db& db, int version) {
  if (!db.is_postgres()) {
    // PRAGMA arguments cannot be bound; both values are integers from this program.
    db.exec("PRAGMA application_id=" + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version=" + std::to_string(version));
    return;
  }
  if (!pg_has_version_table(db)) {
    db.exec("CREATE TABLE auditsim_schema(application_id BIGINT NOT NULL, version BIGINT NOT NULL)");
  }
  db.exec("DELETE FROM auditsim_schema");
  Query q = db.query("INSERT INTO auditsim_schema(application_id, version) VALUES(?, ?)");
  q->bind_all(static_cast<int64_t>(kApplicationId), static_cast<int64_t>(version));
  q->run();
}

}  // namespace

SchemaInfo read_schema_info(Db& db) {
  SchemaInfo info;
  if (db.is_postgres()) {
    info.empty = db.scalar_int("SELECT count(*) FROM information_schema.tables "
                               "WHERE table_schema = current_schema()")
                     .value_or(0) == 0;
    if (pg_has_version_table(db)) {
      Query q = db.query("SELECT application_id, version FROM auditsim_schema");
      if (q->step()) {
        info.application_id = static_cast<int32_t>(q->column_int(0));
        info.user_version = static_cast<int>(q->column_int(1));
      }
    }
    return info;
  }
  info.application_id = static_cast<int32_t>(db.scalar_int("PRAGMA application_id").value_or(0));
  info.user_version = static_cast<int>(db.scalar_int("PRAGMA user_version").value_or(0));
  info.empty = db.scalar_int("SELECT count(*) FROM sqlite_schema").value_or(0) == 0;
  return info;
}

void migrate(Db& db, int target) {
  static_assert(kSchemaVersion == 10, "add the new step to steps() and bump kSchemaVersion");
  if (target > static_cast<int>(steps().size())) target = static_cast<int>(steps().size());
  // Most opens find the schema current: skip taking the write lock at all.
  if (current_version(db) >= target) return;
  for (;;) {
    Transaction tx(db);
    int version = current_version(db);
    if (version >= target) break;  // the destructor ends the (empty) transaction
    const char* step = steps()[static_cast<size_t>(version)];
    db.exec(db.is_postgres() ? to_postgres_schema(step) : std::string(step));
    set_version(db, version + 1);
    tx.commit();
  }
  db.clear_cache();  // cached statements may refer to the old schema
}

}  // namespace auditsim::store
