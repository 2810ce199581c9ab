// Figures for the results store: decision latency with the durability settings, import speed,
// and database size per 1,000 decisions.
#include <sqlite3.h>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/bench/store_measures.hpp"
#include "tests/bench/bench.hpp"

namespace auditsim::bench {
namespace {

// The floor for record_decision: a bare INSERT + COMMIT with the same durability settings, so
// the store's overhead can be read off a machine whose fsync may be slow or busy.
std::vector<double> bare_insert_commit_ms(const std::filesystem::path& file, int rows) {
  sqlite3* db = nullptr;
  std::vector<double> ms;
  if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) return ms;
  sqlite3_exec(db,
               "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;"
               "CREATE TABLE t(id INTEGER PRIMARY KEY, a TEXT, b TEXT)",
               nullptr, nullptr, nullptr);
  sqlite3_stmt* ins = nullptr;
  sqlite3_prepare_v2(db, "INSERT INTO t(a, b) VALUES(?, ?)", -1, &ins, nullptr);
  const std::string payload(300, 'x');
  for (int i = 0; i < rows; ++i) {
    auto t0 = BenchClock::now();
    sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr);
    sqlite3_bind_text(ins, 1, payload.c_str(), -1, SQLITE_STATIC);
    sqlite3_bind_text(ins, 2, payload.c_str(), -1, SQLITE_STATIC);
    sqlite3_step(ins);
    sqlite3_reset(ins);
    sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
    ms.push_back(elapsed_ms(t0));
  }
  sqlite3_finalize(ins);
  sqlite3_close(db);
  return ms;
}

}  // namespace

void bench_store() {
  namespace fs = std::filesystem;
  section("Results store (WAL, synchronous=FULL, one committed transaction per decision)");
  fs::path dir = fs::temp_directory_path() / "auditsim-bench-store";
  fs::remove_all(dir);
  fs::create_directories(dir);

  std::vector<double> bare = bare_insert_commit_ms(dir / "bare.db", 10000);
  report("bare SQLite INSERT + COMMIT, same settings: median", quantile(bare, 0.5), "ms");
  report("bare SQLite INSERT + COMMIT, same settings: p99", quantile(bare, 0.99), "ms");

  store::LatencyFigures lat = store::measure_record_latency(dir / "latency", 10000);
  report("record_decision over 10,000 decisions: median", lat.median_ms, "ms");
  report("record_decision over 10,000 decisions: p99", lat.p99_ms, "ms", "<= 2 ms");
  report("record_decision over 10,000 decisions: max", lat.max_ms, "ms");
  report("database size per 1,000 decisions", lat.bytes_per_1000_decisions / 1024.0, "KiB");

  store::ImportFigures imp = store::measure_import(dir / "import", 10000);
  report("import a database of 10,000 sessions", imp.import_seconds, "s", "<= 5 s");
  report("import the same file again (nothing added)", imp.reimport_seconds, "s");
  report("  size of the imported file", imp.source_bytes / (1024.0 * 1024.0), "MiB");
  fs::remove_all(dir);
}

}  // namespace auditsim::bench
