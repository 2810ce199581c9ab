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
#else
  std::printf("  not measured: built without the desktop program (AUDITSIM_BUILD_UI=OFF)\n");
#endif
}

}  // namespace auditsim::bench
