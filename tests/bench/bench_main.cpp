// auditsim-bench: prints the performance figures the issues ask for (`make bench`).
// Usage: auditsim-bench [sim|store|reports|ui|idle|lrs|room|server]...   (default: all)
#include <cstdio>
#include <cstring>

#include "tests/bench/bench.hpp"

int main(int argc, char** argv) {
  using namespace auditsim::bench;
  auto wanted = [&](const char* area) {
    if (argc < 2) return true;
    for (int i = 1; i < argc; ++i)
      if (std::strcmp(argv[i], area) == 0) return true;
    return false;
  };
  std::printf("auditsim benchmarks (Release build recommended; figures are wall-clock)\n");
  if (wanted("sim")) bench_sim();
  if (wanted("store")) bench_store();
  if (wanted("reports")) bench_reports();
  if (wanted("ui")) bench_ui();
  if (wanted("idle")) bench_idle();
  if (wanted("lrs")) bench_lrs();
  if (wanted("room")) bench_room();
  if (wanted("server")) bench_server();
  return 0;
}
