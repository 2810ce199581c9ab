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
inline constexpr int kUp = SDL_SCANCODE_UP;
inline constexpr int kDown = SDL_SCANCODE_DOWN;
inline constexpr int kLeft = SDL_SCANCODE_LEFT;
inline constexpr int kRight = SDL_SCANCODE_RIGHT;

}  // namespace auditsim::ui::keys
