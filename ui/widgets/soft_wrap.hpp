// Word wrap for the multi-line fields (rationale, dissent, notes): ImGui 1.86's multi-line input
// never wraps, so a long sentence ran off to the right. The field's text carries soft breaks: a
// break the field inserts is a '\n' after a space (" \n"); a line break the user typed is a '\n'
// with no space before it. What is recorded has the soft breaks taken out again. Pure, so it is
// tested without ImGui; `measure` gives a piece of text's width in pixels.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace auditsim::ui {

using TextMeasure = std::function<float(std::string_view)>;

// `text` (with or without soft breaks) broken after spaces so that no line is wider than `width`
// where a space allows it. `cursor`, a byte offset into `text`, is moved to the same place in the
// result.
std::string soft_wrap(std::string_view text, float width, const TextMeasure& measure,
                      size_t* cursor = nullptr);

// The text as typed: every soft break taken out (" \n" back to " "); `cursor` follows.
std::string strip_soft_breaks(std::string_view shown, size_t* cursor = nullptr);

}  // namespace auditsim::ui
