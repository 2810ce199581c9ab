// The hostile results-database corpus (tests/data/hostile-db/make_corpus.py, built into the
// build tree by the test set-up): each file is refused by open, check-db and import with words
// that say why, or, for stored states that cannot be rebuilt, imported and then left out of
// event reports by id. Nothing hangs, crashes or changes the user's data.
#include <doctest/doctest.h>

#include "reports/build.hpp"
#include "sim/store/raw_connection.hpp"
#include "sim/sha256.hpp"
#include "store_fixture.hpp"
#include "tests/support/run_process.hpp"

using namespace auditsim;
using namespace auditsim::store;
using namespace auditsim::testing;

namespace {

constexpr const char* kHostileEvent = "Hostile evening";

fs::path corpus(const std::string& name) { return fs::path(AUDITSIM_HOSTILE_DB) / (name + ".db"); }

// A private copy of a corpus file, so tests can run in parallel and may be opened freely.
fs::path copy_of(const std::string& name, const fs::path& dir) {
  fs::path to = dir / (name + ".db");
  fs::copy_file(corpus(name), to);
  return to;
}

bool contains(const std::string& text, const std::string& words) {
  return text.find(words) != std::string::npos;
}

// The user's own database, with one session of its own.
struct Mine {
  fs::path path;
  Store store;
  explicit Mine(const fs::path& dir)
      : path(dir / "mine.db"), store(Store::open(dir / "mine.db")) {
    start_sample_session(store, "Own evening");
  }
  int64_t count(const std::string& table) {
    return auditsim::store::raw_connection(store).scalar_int("SELECT count(*) FROM " + table).value_or(-1);
  }
};

// Import must refuse the file, say so with `words`, and leave both files as they were.
void expect_import_refused(const std::string& name, const std::string& words) {
  fs::path dir = scratch_dir("hostile-import-" + name);
  Mine mine(dir);
  fs::path other = copy_of(name, dir);
  const std::string before = sha256_hex(file_bytes(other));
  const int64_t sessions = mine.count("sessions"), events = mine.count("events"),
                people = mine.count("participants"), snapshots = mine.count("scenario_snapshots");
  try {
    mine.store.import_from(other);
    FAIL("the file must be refused: " << name);
  } catch (const StoreError& e) {
    INFO(e.what());
    CHECK(contains(e.what(), "Import refused"));
    CHECK(contains(e.what(), other.string()));
    CHECK(contains(e.what(), words));
  }
  CHECK(mine.count("sessions") == sessions);
  CHECK(mine.count("events") == events);
  CHECK(mine.count("participants") == people);
  CHECK(mine.count("scenario_snapshots") == snapshots);
  CHECK(mine.store.check().ok());
  CHECK(sha256_hex(file_bytes(other)) == before);
  CHECK_FALSE(fs::exists(other.string() + "-wal"));
  CHECK_FALSE(fs::exists(other.string() + "-shm"));
}

// As the user's own database the file is refused by open, by check-db and by every command,
// at once (a view must not hang `sessions`), and it is left unchanged.
void expect_refused_as_own(const std::string& name, const std::string& words) {
  fs::path dir = scratch_dir("hostile-own-" + name);
  fs::path path = copy_of(name, dir);
  const std::string before = sha256_hex(file_bytes(path));
  try {
    Store::open(path);
    FAIL("the file must be refused: " << name);
  } catch (const StoreError& e) {
    INFO(e.what());
    CHECK(e.kind() == ErrorKind::Foreign);
    CHECK(contains(e.what(), words));
    CHECK(contains(e.what(), "has not been changed"));
  }
  CheckReport r = Store::check_file(path);
  CHECK_FALSE(r.ok());
  std::string problems;
  for (const auto& p : r.problems) problems += p + "\n";
  INFO(problems);
  CHECK(contains(problems, words));
  auto cli = test::run_process({"/usr/bin/timeout", "20", AUDITSIM_BINARY, "--db", path.string(),
                                "sessions"});
  INFO(cli.err);
  CHECK(cli.exit_code == 2);
  CHECK(contains(cli.err, words));
  auto check = test::run_process({"/usr/bin/timeout", "20", AUDITSIM_BINARY, "--db",
                                  path.string(), "check-db"});
  CHECK(check.exit_code == 1);
  CHECK(sha256_hex(file_bytes(path)) == before);
}

// The file imports (its rows keep every rule), but one of its sessions holds a state that
// cannot be rebuilt: the event report names it and leaves it out, the session report and
// `resume` refuse it in words, and nothing crashes.
void expect_left_out_of_reports(const std::string& name, const std::string& why) {
  fs::path dir = scratch_dir("hostile-state-" + name);
  Mine mine(dir);
  fs::path other = copy_of(name, dir);
  ImportReport imported = mine.store.import_from(other);
  CHECK(imported.sessions_added == 2);
  std::string bad = auditsim::store::raw_connection(mine.store)
                        .scalar_text("SELECT uuid FROM sessions WHERE uuid IN (SELECT s.uuid FROM "
                                     "sessions s JOIN events e ON e.uuid = s.event WHERE e.name = '" +
                                     std::string(kHostileEvent) + "') ORDER BY uuid LIMIT 1")
                        .value_or("");
  REQUIRE(bad.size() == 36);

  reports::ReportSettings settings;
  settings.generated_at = "2026-01-01T00:00:00.000Z";
  reports::ScrutinyReport r =
      reports::build_scrutiny(mine.store, {kHostileEvent, "", ""}, settings);
  REQUIRE(r.left_out.size() == 1);
  CHECK(r.left_out[0].rfind(bad, 0) == 0);
  CHECK(contains(r.left_out[0], why));
  CHECK(r.sessions == 1);
  CHECK(r.appendix.size() == 1);
  try {
    reports::build_feedback(mine.store, bad, settings);
    FAIL("a session that cannot be rebuilt has no feedback report");
  } catch (const StoreError& e) {
    CHECK(contains(e.what(), "cannot be restored"));
  }

  auto report = test::run_process({AUDITSIM_BINARY, "--db", mine.path.string(), "report",
                                   "--event", kHostileEvent, "--format", "md"});
  CHECK(report.exit_code == 0);
  CHECK(contains(report.err, "left out session " + bad));
  CHECK(contains(report.out, bad.substr(0, 8)));
  // Resuming goes through the same restore; an active session shows it most directly.
  auditsim::store::raw_connection(mine.store).exec("UPDATE sessions SET status = 'active' WHERE uuid = '" + bad + "'");
  auto resume = test::run_process({AUDITSIM_BINARY, "--db", mine.path.string(), "resume",
                                   bad.substr(0, 8), "--auto", "best"});
  INFO(resume.err);
  CHECK(resume.exit_code != 0);
  CHECK(resume.exit_code != -1);  // exited, did not crash
  CHECK(contains(resume.err, why));
}

}  // namespace

TEST_CASE("hostile db: the genuine file of the corpus imports cleanly (the corpus is sound)") {
  fs::path dir = scratch_dir("hostile-genuine");
  Mine mine(dir);
  fs::path other = copy_of("genuine", dir);
  ImportReport r = mine.store.import_from(other);
  CHECK(r.sessions_added == 2);
  CHECK(r.conflicts.empty());
  CHECK(Store::check_file(other).ok());
  CHECK_FALSE(fs::exists(other.string() + "-wal"));
  CHECK_FALSE(fs::exists(other.string() + "-shm"));
}

TEST_CASE("hostile db: foreign-trigger-deletes-decisions is refused") {
  expect_refused_as_own("foreign-trigger-deletes-decisions", "contains a trigger 'forget'");
  expect_import_refused("foreign-trigger-deletes-decisions", "contains a trigger 'forget'");
}

TEST_CASE("hostile db: infinite-recursive-view is refused without hanging") {
  expect_refused_as_own("infinite-recursive-view", "contains a view 'endless'");
  expect_import_refused("infinite-recursive-view", "contains a view 'endless'");
}

TEST_CASE("hostile db: events-table-replaced-by-endless-view is refused without hanging") {
  expect_refused_as_own("events-table-replaced-by-endless-view", "contains a view 'events'");
  expect_import_refused("events-table-replaced-by-endless-view", "contains a view 'events'");
}

TEST_CASE("hostile db: extra-table-hiding-data is refused") {
  expect_refused_as_own("extra-table-hiding-data", "contains a table 'copied_names'");
  expect_import_refused("extra-table-hiding-data", "contains a table 'copied_names'");
}

TEST_CASE("hostile db: extra-index is refused") {
  expect_refused_as_own("extra-index", "contains an index 'decisions_by_node'");
  expect_import_refused("extra-index", "contains an index 'decisions_by_node'");
}

TEST_CASE("hostile db: check-rule-removed-from-decisions is refused") {
  expect_refused_as_own("check-rule-removed-from-decisions",
                        "has a table 'decisions' that differs from auditsim's");
  expect_import_refused("check-rule-removed-from-decisions",
                        "has a table 'decisions' that differs from auditsim's");
}

TEST_CASE("hostile db: tagged-but-no-tables is refused, and check-db fails it") {
  expect_refused_as_own("tagged-but-no-tables", "has none of auditsim's tables");
  expect_import_refused("tagged-but-no-tables", "has none of auditsim's tables");
}

TEST_CASE("hostile db: check-db fails sqlite-file-with-no-tables") {
  fs::path dir = scratch_dir("hostile-no-tables");
  fs::path path = copy_of("sqlite-file-with-no-tables", dir);
  CheckReport r = Store::check_file(path);
  CHECK_FALSE(r.ok());
  REQUIRE_FALSE(r.problems.empty());
  CHECK(contains(r.problems[0], "nothing has been recorded"));
}

TEST_CASE("hostile db: snapshot-text-not-matching-sha256 is refused — the genuine scenario reports") {
  expect_import_refused("snapshot-text-not-matching-sha256", "does not match its sha256 key");
  // The user's own later session of the genuine scenario still reports: the poisoned text
  // never reached this database.
  fs::path dir = scratch_dir("hostile-sha-later");
  Mine mine(dir);
  CHECK_THROWS_AS(mine.store.import_from(copy_of("snapshot-text-not-matching-sha256", dir)),
                  StoreError);
  auto play = test::run_process({AUDITSIM_BINARY, "--db", mine.path.string(), "play",
                                 AUDITSIM_SCENARIOS_DIR "/cuckooing/cuckooing-millbrook-court.yaml",
                                 "--auto", "best", "--event", "Later evening"});
  REQUIRE(play.exit_code == 0);
  auto report = test::run_process({AUDITSIM_BINARY, "--db", mine.path.string(), "report",
                                   "--event", "Later evening", "--format", "md"});
  INFO(report.err);
  CHECK(report.exit_code == 0);
  CHECK_FALSE(contains(report.out, "Poisoned"));
}

TEST_CASE("hostile db: decision-row-breaking-check is refused, not dropped") {
  expect_import_refused("decision-row-breaking-check",
                        "has a row of 'decisions' that breaks auditsim's rules (CHECK constraint failed");
}

TEST_CASE("hostile db: decision-row-breaking-not-null is refused, not dropped") {
  expect_import_refused("decision-row-breaking-not-null", "NULL value in decisions.node");
}

TEST_CASE("hostile db: fired-null-in-state is left out of event reports by id") {
  expect_left_out_of_reports("fired-null-in-state", "'fired' names no inject");
}

TEST_CASE("hostile db: fired-unknown-inject-in-state is left out of event reports by id") {
  expect_left_out_of_reports("fired-unknown-inject-in-state", "unknown inject 'no-such-inject'");
}

TEST_CASE("hostile db: history-node-negative-number-in-state is left out of event reports by id") {
  expect_left_out_of_reports("history-node-negative-number-in-state", "'node' is not text");
}

TEST_CASE("hostile db: state-node-unknown is left out of event reports by id") {
  expect_left_out_of_reports("state-node-unknown", "unknown node 'nowhere'");
}

TEST_CASE("hostile db: fifo-instead-of-database is refused at once, never opened") {
  const fs::path fifo = corpus("fifo-instead-of-database");
  fs::path dir = scratch_dir("hostile-fifo");
  // A FIFO opened for reading would block until something writes to it: the timeout shows it.
  for (std::vector<std::string> args :
       {std::vector<std::string>{"--db", fifo.string(), "sessions"},
        std::vector<std::string>{"--db", fifo.string(), "check-db"},
        std::vector<std::string>{"--db", (dir / "mine.db").string(), "import", fifo.string()}}) {
    args.insert(args.begin(), {"/usr/bin/timeout", "20", AUDITSIM_BINARY});
    auto r = test::run_process(args);
    INFO(r.out << r.err);
    CHECK((r.exit_code == 1 || r.exit_code == 2));
    CHECK(contains(r.out + r.err, "is a named pipe (FIFO), not a database file"));
  }
  CHECK_THROWS_AS(Store::open(fifo), StoreError);
  CHECK_FALSE(Store::check_file(fifo).ok());
}

TEST_CASE("hostile db: folder-instead-of-database and a device are refused at once") {
  const fs::path folder = corpus("folder-instead-of-database");
  fs::path dir = scratch_dir("hostile-folder");
  Mine mine(dir);
  for (const auto& [path, words] : {std::pair<fs::path, std::string>{folder, "is a folder"},
                                    {fs::path("/dev/zero"), "is a device"}}) {
    try {
      Store::open(path);
      FAIL("must be refused");
    } catch (const StoreError& e) {
      CHECK(contains(e.what(), words));
    }
    CheckReport r = Store::check_file(path);
    REQUIRE_FALSE(r.problems.empty());
    CHECK(contains(r.problems[0], words));
    try {
      mine.store.import_from(path);
      FAIL("must be refused");
    } catch (const StoreError& e) {
      CHECK(contains(e.what(), "Import refused"));
      CHECK(contains(e.what(), words));
    }
  }
}
