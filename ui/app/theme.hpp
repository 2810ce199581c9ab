// The three themes: light (the default: calm council colours), dark, and high contrast for
// projectors and low vision. Sets ImGui's style and the palette the widgets use.
#pragma once

#include "sim/settings.hpp"

namespace auditsim::ui {

// Applies a theme to the current ImGui context; `scale` enlarges spacing with the fonts.
void apply_theme(Theme theme, float scale);

}  // namespace auditsim::ui
