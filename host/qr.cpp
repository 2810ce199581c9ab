#include "host/qr.hpp"

#include <qrencode.h>

namespace auditsim::host {

QrCode make_qr(const std::string& text) {
  QrCode out;
  QRcode* c = QRcode_encodeString(text.c_str(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (!c) return out;
  out.size = c->width;
  out.dark.resize(static_cast<size_t>(c->width * c->width));
  for (int i = 0; i < c->width * c->width; ++i) out.dark[static_cast<size_t>(i)] = c->data[i] & 1;
  QRcode_free(c);
  return out;
}

std::string qr_svg(const QrCode& qr, int scale) {
  const int side = (qr.size + 8) * scale;
  std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(side) +
                  "\" height=\"" + std::to_string(side) + "\" viewBox=\"0 0 " +
                  std::to_string(qr.size + 8) + " " + std::to_string(qr.size + 8) +
                  "\" role=\"img\"><title>QR code of the join address</title>"
                  "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
  for (int y = 0; y < qr.size; ++y)
    for (int x = 0; x < qr.size; ++x)
      if (qr.at(x, y)) s += "M" + std::to_string(x + 4) + " " + std::to_string(y + 4) + "h1v1h-1z";
  s += "\"/></svg>\n";
  return s;
}

std::vector<unsigned char> qr_rgba(const QrCode& qr, int scale, int* side) {
  const int n = (qr.size + 8) * scale;
  *side = n;
  std::vector<unsigned char> px(static_cast<size_t>(n * n * 4), 255);
  for (int y = 0; y < n; ++y)
    for (int x = 0; x < n; ++x) {
      int mx = x / scale - 4, my = y / scale - 4;
      if (mx < 0 || my < 0 || mx >= qr.size || my >= qr.size || !qr.at(mx, my)) continue;
      unsigned char* p = &px[static_cast<size_t>((y * n + x) * 4)];
      p[0] = p[1] = p[2] = 0;
    }
  return px;
}

}  // namespace auditsim::host
