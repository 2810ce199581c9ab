// Store figures: decision record latency with the durability settings, import speed, file size.
#include <unistd.h>

#include <filesystem>

#include "sim/store/bench.hpp"
#include "tests/bench/bench.hpp"

namespace auditsim::bench {

void bench_store() {
  section("store (SQLite, WAL, synchronous=FULL)");
  auto dir = std::filesystem::temp_directory_path() /
             ("auditsim-bench-store-" + std::to_string(::getpid()));
  auto lat = store::measure_record_latency(dir, 10000);
  report("record_decision latency, median (10,000 decisions)", lat.median_ms, "ms");
  report("record_decision latency, p99", lat.p99_ms, "ms", "<= 2 ms");
  report("record_decision latency, max", lat.max_ms, "ms");
  report("database size per 1,000 decisions", lat.bytes_per_1000_decisions / 1024.0, "KiB");
  auto imp = store::measure_import(dir, 10000);
  report("import of a database with 10,000 sessions", imp.import_seconds, "s", "<= 5 s");
  report("import of the same file again (all identical)", imp.reimport_seconds, "s");
  report("size of that database", static_cast<double>(imp.source_bytes) / (1024.0 * 1024.0),
         "MiB");
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}

}  // namespace auditsim::bench
