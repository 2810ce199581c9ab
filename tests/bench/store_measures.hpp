// Measurements of the store for the benchmark program: decision latency with the durability
// settings, import speed and file size. They create their own scratch databases.
#pragma once

#include <cstdint>
#include <filesystem>

namespace auditsim::store {

// Wall-clock time of record_decision (one committed, fsynced transaction each).
struct LatencyFigures {
  int decisions = 0;
  double median_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
  double bytes_per_1000_decisions = 0;  // growth of the checkpointed file
};

// Records `decisions` decisions (20 per session, realistic text sizes) into a new database
// under `dir`.
LatencyFigures measure_record_latency(const std::filesystem::path& dir, int decisions);

struct ImportFigures {
  int sessions = 0;
  double import_seconds = 0;     // into an empty database
  double reimport_seconds = 0;   // the same file again: every session compared, none added
  int64_t source_bytes = 0;
};

// Builds a database of `sessions` sessions (5 decisions, a note and an action each; one in ten
// with a desktop audit of 8 checks and 2 recommendations with responses) under
// `dir`, then times importing it into a new database, twice.
ImportFigures measure_import(const std::filesystem::path& dir, int sessions);

}  // namespace auditsim::store
