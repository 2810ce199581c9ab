#include "ui/app/fonts.hpp"

#include <cmath>
#include <filesystem>
#include <string>

#include <imgui.h>

#include "ui/widgets/style.hpp"

namespace auditsim::ui {

namespace {

const char* const kFontDirs[] = {"/usr/share/fonts/truetype/dejavu/",
                                 "/usr/share/fonts/dejavu/", "/usr/local/share/fonts/"};

std::string find_font(const char* file) {
  for (const char* d : kFontDirs) {
    std::string p = std::string(d) + file;
    std::error_code ec;
    if (std::filesystem::exists(p, ec)) return p;
  }
  return {};
}

}  // namespace

const unsigned short* glyph_ranges() {
  static const ImWchar ranges[] = {
      0x0020, 0x00FF,  // Basic Latin + Latin-1 Supplement
      0x0100, 0x017F,  // Latin Extended-A (ŵ ŷ and most European letters)
      0x0590, 0x05FF,  // Hebrew (drawn letter by letter: ImGui neither shapes nor reorders)
      0x0600, 0x06FF,  // Arabic (likewise, in the letters' isolated forms)
      0x1E80, 0x1E85,  // Welsh: Ẁ ẁ Ẃ ẃ Ẅ ẅ
      0x1EF2, 0x1EF3,  // Welsh: Ỳ ỳ
      0x2010, 0x205E,  // dashes, quotes, bullets, ellipsis
      0x20AC, 0x20AC,  // euro
      0x2190, 0x21FF,  // arrows
      0x25A0, 0x25FF,  // geometric shapes
      0x2713, 0x2717,  // check and cross marks
      0xFFFD, 0xFFFD,  // replacement character: ImGui draws it for any glyph the font lacks
      0,
  };
  return ranges;
}

namespace {

// One set of faces at `scale` added to the current atlas.
void add_set(Fonts& f, float scale, const ImFontConfig& cfg) {
  ImGuiIO& io = ImGui::GetIO();
  const float body = kBodyPx * scale;
  auto add = [&](const char* file, float size) -> ImFont* {
    const std::string path = find_font(file);
    if (path.empty()) return nullptr;
    return io.Fonts->AddFontFromFileTTF(path.c_str(), size, &cfg, glyph_ranges());
  };
  f.body = add("DejaVuSans.ttf", body);
  f.bold = add("DejaVuSans-Bold.ttf", body);
  f.italic = add("DejaVuSans-Oblique.ttf", body);
  f.bold_italic = add("DejaVuSans-BoldOblique.ttf", body);
  f.h1 = add("DejaVuSans-Bold.ttf", body * 1.55f);
  f.h2 = add("DejaVuSans-Bold.ttf", body * 1.2f);
  f.small = add("DejaVuSans.ttf", body * 0.82f);
  f.mono = add("DejaVuSansMono.ttf", body * 0.92f);
  f.huge = add("DejaVuSans-Bold.ttf", body * 2.1f);
  // The countdown's few glyphs at a size read from ten metres (about 9 cm figures on a
  // projected 1080-line picture); only digits and the colon, so the atlas barely grows.
  static const ImWchar countdown_glyphs[] = {0x0020, 0x0020, 0x002B, 0x003A, 0x2212, 0x2212, 0};
  if (const std::string bold = find_font("DejaVuSans-Bold.ttf"); !bold.empty())
    f.countdown = io.Fonts->AddFontFromFileTTF(bold.c_str(), body * 2.8f, &cfg, countdown_glyphs);
  for (ImFont** p : {&f.bold, &f.italic, &f.bold_italic, &f.h1, &f.h2, &f.small, &f.mono, &f.huge, &f.countdown})
    if (!*p) *p = f.body;
}

}  // namespace

bool load_fonts(float scale, float desk_scale) {
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  Fonts& f = fonts();
  f = Fonts{};
  desk_fonts() = Fonts{};
  ImFontConfig cfg;
  cfg.OversampleH = 2;
  cfg.OversampleV = 1;
  cfg.PixelSnapH = false;
  if (find_font("DejaVuSans.ttf").empty()) {
    ImFontConfig def;
    def.SizePixels = 13.0f * scale;
    f.body = io.Fonts->AddFontDefault(&def);
    f.bold = f.italic = f.bold_italic = f.h1 = f.h2 = f.small = f.mono = f.huge = f.countdown = f.body;
    desk_fonts() = f;
    io.Fonts->Build();
    return false;
  }
  // The first font added is ImGui's default.
  add_set(f, scale, cfg);
  // The facilitator's window beside the room's view shares the atlas: its own size, drawn crisp
  // rather than the room's glyphs shrunk.
  if (desk_scale > 0 && std::abs(desk_scale - scale) > 0.01f) add_set(desk_fonts(), desk_scale, cfg);
  else desk_fonts() = f;
  io.Fonts->Build();
  return true;
}

}  // namespace auditsim::ui
