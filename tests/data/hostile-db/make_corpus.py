#!/usr/bin/env python3
"""Builds the hostile results-database corpus: one file per attack, each named for what it breaks.

Usage: make_corpus.py AUDITSIM_BINARY SCENARIO_FILE OUTPUT_DIR

A genuine results database is recorded with the auditsim program itself (two sessions of one
event), and each case is a copy of it altered the way a hostile or damaged file from another
laptop could be. The files are built into the build tree by the test set-up (a CTest fixture),
so the corpus always matches the current schema, whatever migrations have been added.
"""
import json
import os
import shutil
import sqlite3
import subprocess
import sys

EVENT = "Hostile evening"


def record_base(binary, scenario, path):
    for seed in ("11", "12"):
        subprocess.run([binary, "--db", path, "play", scenario, "--auto", "random:" + seed,
                        "--event", EVENT, "--participant", "Cllr Ann Example"],
                       check=True, stdout=subprocess.DEVNULL)


def altered(base, out_dir, name, sql=None, edit=None):
    """Copies the base database to NAME.db and changes it with `sql` and/or `edit(connection)`."""
    path = os.path.join(out_dir, name + ".db")
    shutil.copyfile(base, path)
    con = sqlite3.connect(path, isolation_level=None)
    if sql:
        con.executescript(sql)
    if edit:
        edit(con)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    # A single self-contained file: the tests copy it and must see all of it.
    con.execute("PRAGMA journal_mode=DELETE")
    con.close()
    return path


def set_state(con, change):
    uuid, text = con.execute("SELECT uuid, state_json FROM sessions ORDER BY uuid LIMIT 1").fetchone()
    state = json.loads(text)
    change(state)
    con.execute("UPDATE sessions SET state_json = ? WHERE uuid = ?", (json.dumps(state), uuid))


def rewrite_table_sql(con, table, old, new):
    """Changes a table's stored definition without rebuilding it (as a hostile editor could)."""
    con.execute("PRAGMA writable_schema=ON")
    sql = con.execute("SELECT sql FROM sqlite_schema WHERE name = ?", (table,)).fetchone()[0]
    assert old in sql, (table, old)
    con.execute("UPDATE sqlite_schema SET sql = ? WHERE name = ?", (sql.replace(old, new), table))
    version = con.execute("PRAGMA schema_version").fetchone()[0]
    con.execute("PRAGMA schema_version=%d" % (version + 1))
    con.execute("PRAGMA writable_schema=OFF")


def null_decision_node(con):
    # NOT NULL cannot be broken through SQL, so the rule is lifted, broken and put back.
    rewrite_table_sql(con, "decisions", "node TEXT NOT NULL,", "node TEXT,")
    con.execute("UPDATE decisions SET node = NULL WHERE rowid = (SELECT min(rowid) FROM decisions)")
    rewrite_table_sql(con, "decisions", "node TEXT,", "node TEXT NOT NULL,")


def main():
    binary, scenario, out_dir = sys.argv[1:4]
    shutil.rmtree(out_dir, ignore_errors=True)
    os.makedirs(out_dir)
    base = os.path.join(out_dir, "genuine.db")
    record_base(binary, scenario, base)

    # The user's own database must hold exactly auditsim's schema and nothing else.
    altered(base, out_dir, "foreign-trigger-deletes-decisions", """
        CREATE TRIGGER forget AFTER INSERT ON decisions
        BEGIN DELETE FROM decisions WHERE rowid = new.rowid; END;""")
    altered(base, out_dir, "infinite-recursive-view", """
        CREATE VIEW endless AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n)
        SELECT x FROM n;""")
    # `sessions` joins events: an endless view in its place would hang every listing.
    altered(base, out_dir, "events-table-replaced-by-endless-view", """
        PRAGMA foreign_keys=OFF;
        CREATE TABLE real_events AS SELECT * FROM events;
        DROP TABLE events;
        CREATE VIEW events AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n)
        SELECT e.* FROM real_events e, n;""")
    altered(base, out_dir, "extra-table-hiding-data",
            "CREATE TABLE copied_names AS SELECT display_name FROM participants;")
    altered(base, out_dir, "extra-index", "CREATE INDEX decisions_by_node ON decisions(node);")
    altered(base, out_dir, "check-rule-removed-from-decisions",
            edit=lambda c: rewrite_table_sql(c, "decisions", "CHECK(seq > 0)", ""))
    def drop_every_table(con):
        # Every table auditsim made, whatever the schema version: the file keeps only its tags.
        con.execute("PRAGMA foreign_keys=OFF")
        names = [r[0] for r in con.execute(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for name in names:
            con.execute('DROP TABLE "%s"' % name.replace('"', '""'))

    altered(base, out_dir, "tagged-but-no-tables", edit=drop_every_table)
    empty = os.path.join(out_dir, "sqlite-file-with-no-tables.db")
    con = sqlite3.connect(empty)
    con.execute("PRAGMA user_version=0")
    con.execute("VACUUM")
    con.close()

    # Rows an import must refuse rather than count or drop.
    altered(base, out_dir, "snapshot-text-not-matching-sha256",
            "UPDATE scenario_snapshots SET source_text = replace(source_text, 'title:', "
            "'title: Poisoned -');")
    altered(base, out_dir, "decision-row-breaking-check",
            "PRAGMA ignore_check_constraints=ON; UPDATE decisions SET kind = 'forged' "
            "WHERE rowid = (SELECT min(rowid) FROM decisions);")
    altered(base, out_dir, "decision-row-breaking-not-null", edit=null_decision_node)

    # Stored session state whose ids do not resolve: never used as an index.
    altered(base, out_dir, "fired-null-in-state",
            edit=lambda c: set_state(c, lambda s: s.__setitem__("fired", [None])))
    altered(base, out_dir, "fired-unknown-inject-in-state",
            edit=lambda c: set_state(c, lambda s: s.__setitem__("fired", ["no-such-inject"])))
    altered(base, out_dir, "history-node-negative-number-in-state",
            edit=lambda c: set_state(c, lambda s: s["history"][0].__setitem__("node", -1)))
    altered(base, out_dir, "state-node-unknown",
            edit=lambda c: set_state(c, lambda s: s["state"].__setitem__("node", "nowhere")))

    # Special files are refused without being opened (opening a FIFO would block).
    os.mkfifo(os.path.join(out_dir, "fifo-instead-of-database.db"))
    os.mkdir(os.path.join(out_dir, "folder-instead-of-database.db"))


if __name__ == "__main__":
    main()
