// The frame measurement shared by the benchmark program and the headless UI tests.
#pragma once

#include <cstddef>

namespace auditsim::desktop {

// Median CPU milliseconds per headless frame of the play screen on a 9-choice node with the
// facilitator panel open (group mode, votes shown), over `frames` frames.
double bench_play_frame_ms(int frames);

// The Results screen over a database of `sessions` sessions (one participant each, 30 to an
// event): CPU to open it, the median CPU per frame after, and CPU for the frame after typing a
// search.
struct ResultsFrameFigures {
  double open_ms = -1;
  double frame_ms = -1;
  double filter_ms = -1;
  size_t sessions_listed = 0;
  size_t shown_after_filter = 0;
};
ResultsFrameFigures bench_results_frames(int sessions, int frames);

}  // namespace auditsim::desktop
