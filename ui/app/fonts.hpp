// Loads the DejaVu faces (fonts-dejavu-core) at a scale, with the glyph ranges Welsh and other
// Latin-script languages need. Falls back to ImGui's built-in font when a file is missing.
#pragma once

namespace auditsim::ui {

// Body text at scale 1, in pixels.
inline constexpr float kBodyPx = 17.0f;

// Rebuilds the font atlas of the current ImGui context at `scale` (1 = 17 px body text) and
// fills fonts(); with `desk_scale` (presenter mode), a second set at that scale fills
// desk_fonts() for the facilitator's window. Returns false when DejaVu was not found (the
// built-in font is used).
bool load_fonts(float scale, float desk_scale = 0);

// The glyph ranges loaded: Basic Latin, Latin-1, Latin Extended-A, general punctuation, arrows
// and shapes used by the interface, and the Welsh letters ẁ ẃ ẅ ỳ (U+1E80–1E85, U+1EF2–1EF3).
const unsigned short* glyph_ranges();

}  // namespace auditsim::ui
