// Key codes: SDL scancodes, which the SDL backend uses as indices into ImGuiIO::KeysDown and the
// headless harness uses too (ImGui 1.86 names no digit or function keys of its own).
#pragma once

#include <SDL2/SDL_scancode.h>

namespace auditsim::ui::keys {

inline constexpr int kDigit1 = SDL_SCANCODE_1;  // 1..9 follow in order
inline constexpr int kF11 = SDL_SCANCODE_F11;
inline constexpr int kEscape = SDL_SCANCODE_ESCAPE;
inline constexpr int kSpace = SDL_SCANCODE_SPACE;
inline constexpr int kP = SDL_SCANCODE_P;
inline constexpr int kEnter = SDL_SCANCODE_RETURN;
inline constexpr int kF5 = SDL_SCANCODE_F5;
// The room view's keys (presenter mode), listed on screen by pressing ? (or F1).
inline constexpr int kF1 = SDL_SCANCODE_F1;
inline constexpr int kSlash = SDL_SCANCODE_SLASH;  // with Shift: ?
inline constexpr int kEquals = SDL_SCANCODE_EQUALS;  // with or without Shift: +
inline constexpr int kMinus = SDL_SCANCODE_MINUS;
inline constexpr int kKeypadPlus = SDL_SCANCODE_KP_PLUS;
inline constexpr int kKeypadMinus = SDL_SCANCODE_KP_MINUS;
inline constexpr int kR = SDL_SCANCODE_R;
inline constexpr int kS = SDL_SCANCODE_S;
inline constexpr int kF = SDL_SCANCODE_F;
inline constexpr int kE = SDL_SCANCODE_E;
inline constexpr int kDigit0 = SDL_SCANCODE_0;
inline constexpr int kPageUp = SDL_SCANCODE_PAGEUP;
inline constexpr int kPageDown = SDL_SCANCODE_PAGEDOWN;
inline constexpr int kUp = SDL_SCANCODE_UP;
inline constexpr int kDown = SDL_SCANCODE_DOWN;
inline constexpr int kLeft = SDL_SCANCODE_LEFT;
inline constexpr int kRight = SDL_SCANCODE_RIGHT;

}  // namespace auditsim::ui::keys
