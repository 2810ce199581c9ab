// Random room codes and device tokens from the kernel's CSPRNG (getrandom), never from a
// seeded generator: a guessable token would let a neighbour on the Wi-Fi vote as a councillor.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace auditsim::room {

// Fills `out` with `n` random bytes. Throws std::runtime_error when the kernel cannot supply them.
void secure_random(uint8_t* out, size_t n);

// The letters a room code is made of: capitals that cannot be read as one another or as a digit
// on a projector (no I/L/1, O/0/Q/D, S/5, Z/2, B/8, G/6, U/V).
inline constexpr const char* kRoomCodeLetters = "ACEFHJKMNPRTWXY";
inline constexpr size_t kRoomCodeLength = 6;

// A fresh room code, e.g. "KTWAFX" (15^6 ≈ 11 million codes; joins are rate limited).
std::string new_room_code();
// A fresh device token: 128 random bits as 32 lower-case hex digits.
std::string new_device_token();

// The code as typed on a phone: case, spaces and dashes ignored. Empty when anything else is in it.
std::string normalise_room_code(const std::string& typed);

}  // namespace auditsim::room
