// The first window's size and place: what the user last had (or the default), shrunk to fit the
// display's usable area (the screen less panels and docks), so that on a 1280x720 council laptop
// the navigation and buttons are never off-screen. Pure arithmetic, tested without a display.
#pragma once

#include <algorithm>

namespace auditsim::desktop {

struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
};

// Smallest window the screens are laid out for; a usable area smaller than this still wins.
inline constexpr int kMinWindowWidth = 640;
inline constexpr int kMinWindowHeight = 480;

// `usable` with w or h <= 0 means unknown: the request is returned unchanged, uncentred (x, y 0).
inline Rect fit_window(int requested_w, int requested_h, const Rect& usable) {
  if (usable.w <= 0 || usable.h <= 0) return Rect{0, 0, requested_w, requested_h};
  Rect r;
  r.w = std::min(std::max(requested_w, std::min(kMinWindowWidth, usable.w)), usable.w);
  r.h = std::min(std::max(requested_h, std::min(kMinWindowHeight, usable.h)), usable.h);
  r.x = usable.x + (usable.w - r.w) / 2;
  r.y = usable.y + (usable.h - r.h) / 2;
  return r;
}

}  // namespace auditsim::desktop
