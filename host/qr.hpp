// The QR code of the join address (libqrencode): as modules for the desktop program's texture,
// and as SVG for a printed handout.
#pragma once

#include <string>
#include <vector>

namespace auditsim::host {

struct QrCode {
  int size = 0;                  // modules per side, without the quiet zone
  std::vector<bool> dark;        // size * size, row by row
  bool at(int x, int y) const { return dark[static_cast<size_t>(y * size + x)]; }
};

// The code for `text` (medium error correction); size 0 when it cannot be made.
QrCode make_qr(const std::string& text);
// An SVG of the code with a four-module quiet zone, `scale` pixels per module.
std::string qr_svg(const QrCode& qr, int scale = 8);
// RGBA pixels (black on white, quiet zone included), `scale` pixels per module; `side` is set
// to the width and height.
std::vector<unsigned char> qr_rgba(const QrCode& qr, int scale, int* side);

}  // namespace auditsim::host
