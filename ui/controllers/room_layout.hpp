// The room view's proportions (presenter mode on a projector): the size of its type from the
// display's height, the measure of its text column, and how its choices are laid out so that
// every one is on screen at once. Pure arithmetic, tested without a display; the screen
// (ui/screens/room.cpp) measures text and hands it in.
#pragma once

#include <cstddef>
#include <functional>

namespace auditsim::ui {

// Body text in the room: 40 px at 1080 lines, in proportion on other displays (26.7 px at 720),
// so a stage reads the same from the back of the room whatever the projector. Never below the
// desktop's own 17 px.
float room_body_px(float display_height);

// Lines of the stage's text are kept to about this many characters: a column, not the full
// width of a wide screen.
inline constexpr int kRoomMeasureChars = 70;

// How the choices are drawn: in `columns` columns, row by row (1 2 / 3 4), at `scale` times the
// body size, taking `height` pixels. `fits` is false only when even the smallest scale does not
// fit the space; the smallest, widest layout is then returned.
struct ChoiceGrid {
  int columns = 1;
  float scale = 1.0f;
  float height = 0;
  bool fits = true;
};

// The smallest scale the choices are shrunk to before the text above them gives up its space.
inline constexpr float kMinChoiceScale = 0.5f;

// The largest scale, then the fewest columns, at which `count` choices fit in `budget` pixels of
// height and `width` of width, with `gap` pixels between them. `measure(i, scale, column_width)`
// is choice i's height at that scale in a column that wide. `measure_px` is the width of a line
// of kRoomMeasureChars characters at scale 1 (columns are never wider than about that) and
// `min_column_px` the narrowest column worth drawing at scale 1.
ChoiceGrid fit_choices(size_t count, float width, float budget, float gap, float measure_px,
                       float min_column_px,
                       const std::function<float(size_t, float, float)>& measure);

// The height of `count` choices in a grid of `columns`, row by row (used by fit_choices).
float grid_height(size_t count, int columns, float column_width, float scale, float gap,
                  const std::function<float(size_t, float, float)>& measure);

}  // namespace auditsim::ui
