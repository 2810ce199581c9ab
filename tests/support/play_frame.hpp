// The frame measurement shared by the benchmark program and the headless UI tests.
#pragma once

namespace auditsim::desktop {

// Median CPU milliseconds per headless frame of the play screen on a 9-choice node with the
// facilitator panel open (group mode, votes shown), over `frames` frames.
double bench_play_frame_ms(int frames);

}  // namespace auditsim::desktop
