// Small timing helpers for the benchmark program. Benchmarks report figures; they do not pass
// or fail (the tests check correctness).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace auditsim::bench {

using BenchClock = std::chrono::steady_clock;

inline double elapsed_ms(BenchClock::time_point since) {
  return std::chrono::duration<double, std::milli>(BenchClock::now() - since).count();
}

// Times `fn` `runs` times and returns each run in milliseconds.
inline std::vector<double> time_runs(int runs, const std::function<void()>& fn) {
  std::vector<double> ms;
  ms.reserve(runs);
  for (int i = 0; i < runs; ++i) {
    auto t0 = BenchClock::now();
    fn();
    ms.push_back(elapsed_ms(t0));
  }
  return ms;
}

// The q-quantile (0..1) of a sample, by nearest rank.
inline double quantile(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = static_cast<size_t>(q * (v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

// One line of the report: "name .......... value unit   (target)".
inline void report(const std::string& name, double value, const char* unit,
                   const std::string& target = "") {
  std::printf("  %-58s %10.3f %-3s %s\n", name.c_str(), value, unit,
              target.empty() ? "" : ("(target " + target + ")").c_str());
  std::fflush(stdout);
}

inline void section(const char* title) { std::printf("\n%s\n", title); }

// Each area registers a function that prints its figures.
void bench_sim();
void bench_store();
void bench_reports();
void bench_ui();
void bench_idle();  // the real program on Xvfb: CPU while nobody touches it
void bench_lrs();   // 10,000 statements to a real LRS on this machine
void bench_room();  // 60 devices voting at once on the loopback address
void bench_server();  // the shared store on a throwaway PostgreSQL server

}  // namespace auditsim::bench
