// Where the top bar's navigation tabs go. At large text sizes or in a narrow window the tabs do
// not fit beside the program's name: the name gives way first (the window title still says it),
// then the tabs wrap onto further rows, so every screen — Settings above all, where the text size
// is changed back — stays reachable. Pure arithmetic, tested without a display.
#pragma once

#include <vector>

namespace auditsim::ui {

struct TopBarLayout {
  bool show_title = true;
  std::vector<int> row_of_tab;  // row (0-based) of each tab, in order
  int rows = 1;
};

// `start_x`: where the title begins (after the mark); `title_w`: the title's width with the gap
// after it; `tab_w`: each tab's width including its spacing; `right`: the bar's right edge.
inline TopBarLayout layout_top_bar(float start_x, float title_w, const std::vector<float>& tab_w,
                                   float right) {
  TopBarLayout out;
  out.row_of_tab.assign(tab_w.size(), 0);
  float total = 0;
  for (float w : tab_w) total += w;
  if (start_x + title_w + total <= right) return out;
  out.show_title = false;
  float x = start_x;
  int row = 0;
  for (size_t i = 0; i < tab_w.size(); ++i) {
    if (x > start_x && x + tab_w[i] > right) {
      ++row;
      x = start_x;
    }
    out.row_of_tab[i] = row;
    x += tab_w[i];
  }
  out.rows = row + 1;
  return out;
}

}  // namespace auditsim::ui
