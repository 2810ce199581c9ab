// Figures for the results store: decision latency with the durability settings, import speed,
// and database size per 1,000 decisions.
#include <filesystem>

#include "sim/store/bench.hpp"
#include "tests/bench/bench.hpp"

namespace auditsim::bench {

void bench_store() {
  namespace fs = std::filesystem;
  section("Results store (WAL, synchronous=FULL, one committed transaction per decision)");
  fs::path dir = fs::temp_directory_path() / "auditsim-bench-store";
  fs::remove_all(dir);
  fs::create_directories(dir);

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
