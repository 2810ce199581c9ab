#include "ui/controllers/room_layout.hpp"

#include <algorithm>
#include <cmath>

namespace auditsim::ui {

float room_body_px(float display_height) {
  if (!(display_height > 0)) return 17.0f;
  // A projected 1080-line picture read from ten metres needs 40 px type; cap the size so an
  // 8K panel does not ask for an atlas no graphics card holds.
  return std::clamp(display_height / 27.0f, 17.0f, 96.0f);
}

float grid_height(size_t count, int columns, float column_width, float scale, float gap,
                  const std::function<float(size_t, float, float)>& measure) {
  if (count == 0 || columns <= 0) return 0;
  float total = 0;
  for (size_t row_start = 0; row_start < count; row_start += static_cast<size_t>(columns)) {
    float row = 0;
    for (size_t i = row_start; i < std::min(count, row_start + static_cast<size_t>(columns)); ++i)
      row = std::max(row, measure(i, scale, column_width));
    total += row + (row_start == 0 ? 0 : gap);
  }
  return total;
}

ChoiceGrid fit_choices(size_t count, float width, float budget, float gap, float measure_px,
                       float min_column_px,
                       const std::function<float(size_t, float, float)>& measure) {
  ChoiceGrid best;
  if (count == 0 || !(width > 0)) return {1, 1.0f, 0, true};
  static constexpr float kScales[] = {1.0f, 0.92f, 0.85f, 0.78f, 0.72f, 0.66f, 0.6f, 0.55f, 0.5f};
  for (float scale : kScales) {
    // Columns no wider than the text's measure (lines of about 70 characters), no narrower than
    // a readable minimum, and never more than there are choices.
    const int fewest = std::max(1, static_cast<int>(std::ceil(width / (measure_px * scale + gap) - 0.05f)));
    const int most = std::max(1, static_cast<int>(std::floor((width + gap) / (min_column_px * scale + gap))));
    const int lo = std::min<int>(static_cast<int>(count), std::min(fewest, most));
    const int hi = std::min<int>(static_cast<int>(count), most);
    for (int cols = lo; cols <= std::max(lo, hi); ++cols) {
      const float col_w = (width - gap * static_cast<float>(cols - 1)) / static_cast<float>(cols);
      const float h = grid_height(count, cols, col_w, scale, gap, measure);
      if (h <= budget) return {cols, scale, h, true};
      best = {cols, scale, h, false};
    }
  }
  return best;
}

}  // namespace auditsim::ui
