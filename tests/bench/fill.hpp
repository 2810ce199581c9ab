// Filling a store with played sessions for the benchmarks (bench_reports.cpp).
#pragma once

#include <cstdint>
#include <string>

#include "sim/model.hpp"
#include "sim/store/store.hpp"

namespace auditsim::bench {

// Plays `count` sessions of `scenario` with mostly in-order, sometimes random choices and records
// them under the event `event`, in one transaction. Returns the decisions recorded.
int64_t fill(store::Store& db, const ScenarioPtr& scenario, int count, const std::string& event);

}  // namespace auditsim::bench
