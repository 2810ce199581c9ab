// When the desktop program draws a frame. It redraws on input, and otherwise sleeps until an
// event arrives or a short wait passes: an idle window costs next to nothing, while a worker's
// result (the library's rescan, a report being written) and a running countdown still show
// promptly. Timers read the clock, not frames, so they stay exact however seldom it draws.
#pragma once

namespace auditsim::ui {

// Frames drawn after the last event before idling: ImGui settles hover and focus over a few.
inline constexpr int kSettleFrames = 4;
inline constexpr int kIdleWaitMs = 250;
inline constexpr int kIdleWaitPlayingMs = 100;  // a countdown bar moves smoothly

// How long to wait for an event before the next frame: 0 means draw at once. Scripted runs
// (which count frames) never wait.
inline int idle_wait_ms(int frames_since_event, bool playing, bool scripted) {
  if (scripted || frames_since_event < kSettleFrames) return 0;
  return playing ? kIdleWaitPlayingMs : kIdleWaitMs;
}

}  // namespace auditsim::ui
