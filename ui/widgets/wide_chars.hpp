// Characters beyond U+FFFF (emoji, mathematical letters, rarer CJK) through Dear ImGui as Debian
// builds it: its ImWchar is 16 bits (IMGUI_USE_WCHAR32 is not set in /usr/include/imgui/
// imconfig.h, and the library's layout depends on it), so such a character typed or edited in a
// text field came back as U+FFFD and was stored that way.
//
// While text is in ImGui's hands, each such character stands for a code point of the Private
// Use Area (U+E000..U+F8FF) chosen for it the first time it is seen; the same code point always
// stands for the same character, so a field shows the same text every frame. Text typed, edited,
// pasted or copied is translated back before the program keeps it, so the store gets exactly
// what was typed. Private Use characters that were in the text to begin with are given slots of
// their own, so they come back exactly too. ImGui draws a slot with the font's fallback glyph
// (U+FFFD), the same as any other character the font lacks.
#pragma once

#include <string>
#include <string_view>

struct ImGuiIO;
struct ImGuiInputTextCallbackData;

namespace auditsim::ui {

// Text as ImGui should see it: every character is in the Basic Multilingual Plane.
std::string to_imgui_text(std::string_view utf8);

// Text as ImGui gave it back, with the characters it stood in for restored.
std::string from_imgui_text(std::string_view utf8);

// Routes ImGui's clipboard through the translation, so text copied out of a field holds the
// real characters and text pasted in gets slots. Call after the platform backend has set
// io.SetClipboardTextFn / io.GetClipboardTextFn.
void translate_clipboard(ImGuiIO& io);

// Typed text (SDL's SDL_TextInputEvent::text, a NUL-terminated buffer) that holds a character
// needing a slot: ImGui drops Private Use characters typed at the keyboard, so such text is held
// back (the buffer is emptied) and the active text field inserts it itself, through
// insert_held_text() as its input callback. Other text is left for ImGui as it is.
void translate_typed_text(char* text);

// An ImGuiInputTextCallback (ImGuiInputTextFlags_CallbackAlways) that inserts the held-back
// text at the cursor of the active field, replacing any selection.
int insert_held_text(ImGuiInputTextCallbackData* data);

// Forgets held-back text no field took (typed while no field was active); once per frame.
void drop_held_text();

}  // namespace auditsim::ui
