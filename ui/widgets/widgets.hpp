// Probe-aware widget helpers. Screens draw interactive items only through these, so a headless
// test can find every button, checkbox and field by its label (see probe.hpp).
#pragma once

#include <span>
#include <string>

#include <imgui.h>

namespace auditsim::ui {

// A standard button; disabled buttons are drawn dimmed and never return true.
bool button(const char* label, ImVec2 size = {0, 0}, bool enabled = true);
// A filled accent-coloured button for the main action of a screen.
bool primary_button(const char* label, ImVec2 size = {0, 0}, bool enabled = true);
// A large choice button: a number badge (1–9, 0 for none) and wrapped text, full `width`.
bool choice_button(const char* id, int number, const char* text, float width, bool enabled,
                   bool highlighted = false);
// The height choice_button takes for `text` at `font_size` in `width` (the room view lays out
// its choices before drawing them).
float choice_button_height(const char* text, bool numbered, float width, float font_size);
// A button `width` wide whose label wraps onto as many lines as it needs.
bool wrapped_button(const char* label, float width);
// A card that can be clicked (library entries): title, subtitle lines, selected state.
bool card_button(const char* id, float width, float height, bool selected);
bool checkbox(const char* label, bool* value);
bool radio(const char* label, bool active);
bool selectable(const char* label, bool selected, ImVec2 size = {0, 0});
bool input_text(const char* label, std::string* value, const char* hint = nullptr);
// A secret typed masked (each character shown as *); copying it out of the field is off.
bool input_secret(const char* label, std::string* value, const char* hint = nullptr);
bool input_multiline(const char* label, std::string* value, float height);
// A paragraph of text (evidence, a finding, a recommendation) in a field that wraps it to its
// width as it is typed and grows to show all of it, at least `min_lines` high: ImGui 1.86 does
// not wrap text being edited, and the room must read what is recorded. The text is one
// paragraph: line breaks in it are shown and kept as spaces. Enter leaves the field.
bool input_wrapped(const char* label, std::string* value, int min_lines = 2);
// A whole number with - and + steps.
bool input_int(const char* label, int* value);
bool slider_float(const char* label, float* value, float min, float max, const char* format);
bool combo(const char* label, int* current, std::span<const char* const> items);
// A navigation tab in the top bar.
// Width of a navigation tab with this label at the current font (for laying out the top bar).
float nav_tab_width(const char* label);
bool nav_tab(const char* label, bool active);

// Text helpers (recorded by the probe as text).
void heading(const char* text, int level = 1);
void text(const char* text);
void text_wrapped(const char* text);
// A modal dialog of the program's own: opened on first call, centred a little above the
// middle, at most 34 ems wide. True while it is open (then EndPopup, as for BeginPopupModal).
bool begin_dialog(const char* id);
void muted_text(const char* text);
void coloured_text(const ImVec4& colour, const char* text);
// A small rounded label drawn inline ("Part B", "3 errors").
void badge(const char* text, const ImVec4& colour);
// A panel drawn behind whatever is drawn between begin_card and end_card, sized to fit it
// (ImGui 1.86 child windows cannot size themselves to their content). Cards do not nest.
void begin_card(const ImVec4& background, const ImVec4& border);
void end_card();
// Vertical space in multiples of the current font size.
void gap(float lines = 0.5f);
// A turning arc, one line high: something is running in the background.
void spinner();

}  // namespace auditsim::ui
