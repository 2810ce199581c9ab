#include "sim/room/secure_random.hpp"

#include <sys/random.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace auditsim::room {

void secure_random(uint8_t* out, size_t n) {
  size_t got = 0;
  while (got < n) {
    ssize_t r = getrandom(out + got, n - got, 0);
    if (r < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("The system's random number source failed: ") +
                               std::strerror(errno));
    }
    got += static_cast<size_t>(r);
  }
}

std::string new_room_code() {
  const std::string letters = kRoomCodeLetters;
  // Rejection sampling keeps every letter equally likely (256 is not a multiple of 15).
  const unsigned limit = 256 - 256 % letters.size();
  std::string code;
  while (code.size() < kRoomCodeLength) {
    uint8_t b[16];
    secure_random(b, sizeof b);
    for (uint8_t x : b) {
      if (x >= limit || code.size() == kRoomCodeLength) continue;
      code += letters[x % letters.size()];
    }
  }
  return code;
}

std::string new_device_token() {
  uint8_t b[16];
  secure_random(b, sizeof b);
  static const char* hex = "0123456789abcdef";
  std::string s;
  for (uint8_t x : b) {
    s += hex[x >> 4];
    s += hex[x & 15];
  }
  return s;
}

std::string normalise_room_code(const std::string& typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    if (!std::isalpha(static_cast<unsigned char>(c))) return {};
    out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

}  // namespace auditsim::room
