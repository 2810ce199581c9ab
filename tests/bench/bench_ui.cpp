// Figures for the desktop program: CPU time per headless frame of the play screen.
#include "tests/bench/bench.hpp"

#ifdef AUDITSIM_HAVE_DESKTOP
#include "tests/support/play_frame.hpp"
#endif

namespace auditsim::bench {

void bench_ui() {
  section("Desktop program (headless ImGui, no renderer)");
#ifdef AUDITSIM_HAVE_DESKTOP
  report("play screen, 9-choice node, facilitator panel open: median CPU per frame",
         desktop::bench_play_frame_ms(600), "ms", "<= 1 ms");
  const auto results = desktop::bench_results_frames(10000, 200);
  std::printf("  Results screen over %zu sessions:\n", results.sessions_listed);
  report("  open it (read the list, first frames)", results.open_ms, "ms");
  report("  median CPU per frame after", results.frame_ms, "ms", "<= 4 ms");
  report("  type a search (filter and redraw)", results.filter_ms, "ms", "<= 50 ms");
#else
  std::printf("  not measured: built without the desktop program (AUDITSIM_BUILD_UI=OFF)\n");
#endif
}

}  // namespace auditsim::bench
