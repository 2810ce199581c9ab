#include "sim/store/schema.hpp"

#include <string>
#include <vector>

namespace auditsim::store {

namespace {

// Historical steps are never edited once released: a file at version N is upgraded by running
// steps N+1.. exactly as they were, so every version's upgrade path stays testable.
// Column names avoid SQL keywords (by, action) so hand-written queries need no quoting.
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
      // Version 4: the tables of one teams run share a run id, and keep their order (the tabs),
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
  };
  return s;
}

}  // namespace

SchemaInfo read_schema_info(Db& db) {
  SchemaInfo info;
  info.application_id = static_cast<int32_t>(db.scalar_int("PRAGMA application_id").value_or(0));
  info.user_version = static_cast<int>(db.scalar_int("PRAGMA user_version").value_or(0));
  info.empty = db.scalar_int("SELECT count(*) FROM sqlite_schema").value_or(0) == 0;
  return info;
}

void migrate(Db& db, int target) {
  static_assert(kSchemaVersion == 5, "add the new step to steps() and bump kSchemaVersion");
  if (target > static_cast<int>(steps().size())) target = static_cast<int>(steps().size());
  // Most opens find the schema current: skip taking the write lock at all.
  if (db.scalar_int("PRAGMA user_version").value_or(0) >= target) return;
  for (;;) {
    Transaction tx(db);
    int version = static_cast<int>(db.scalar_int("PRAGMA user_version").value_or(0));
    if (version >= target) break;  // the destructor ends the (empty) transaction
    db.exec(steps()[static_cast<size_t>(version)]);
    // PRAGMA arguments cannot be bound; both values are integers from this program.
    db.exec("PRAGMA application_id=" + std::to_string(kApplicationId));
    db.exec("PRAGMA user_version=" + std::to_string(version + 1));
    tx.commit();
  }
  db.clear_cache();  // cached statements may refer to the old schema
}

}  // namespace auditsim::store
