// Emoji and every other character beyond U+FFFF survive the desktop's text fields, although
// Debian's Dear ImGui holds characters in 16 bits; Arabic and Hebrew are kept as typed.
#include <doctest/doctest.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <filesystem>
#include <string>

#include "sim/load.hpp"
#include "sim/store/store.hpp"
#include "sim/utf8.hpp"
#include "tests/support/test_files.hpp"
#include "ui/app/app.hpp"
#include "ui/app/headless.hpp"
#include "ui/widgets/wide_chars.hpp"

using namespace auditsim;
using namespace auditsim::ui;

namespace {

const std::string kEmoji = "\xF0\x9F\x98\x80";          // 😀 U+1F600
const std::string kFamily = "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9";  // 👨‍👩
const std::string kMaths = "\xF0\x9D\x90\x80";          // 𝐀 U+1D400
const std::string kPrivate = "\xEE\x80\x80";            // U+E000, in the text from the start

// What ImGui does to text in a field: UTF-8 to its ImWchar and back.
std::string through_imgui(const std::string& s) {
  std::vector<ImWchar> wide(s.size() + 1);
  ImTextStrFromUtf8(wide.data(), static_cast<int>(wide.size()), s.c_str(), nullptr);
  std::string out(s.size() * 3 + 1, '\0');
  const int n = ImTextStrToUtf8(out.data(), static_cast<int>(out.size()), wide.data(), nullptr);
  out.resize(static_cast<size_t>(n));
  return out;
}

bool all_in_bmp(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const utf8::Char c = utf8::decode(s, i);
    if (c.len == 0 || c.cp > 0xFFFF) return false;
    i += c.len;
  }
  return true;
}

}  // namespace

TEST_CASE("an emoji passed through ImGui's 16-bit characters is kept exactly") {
  const std::string typed = "Rationale " + kEmoji + " " + kFamily + " " + kMaths + " " + kPrivate +
                            " ŵ مرحبا שלום";
  CHECK(through_imgui(typed) != typed);  // what happened before: U+FFFD
  const std::string shown = to_imgui_text(typed);
  CHECK(all_in_bmp(shown));
  CHECK(through_imgui(shown) == shown);
  CHECK(from_imgui_text(through_imgui(shown)) == typed);
  CHECK(to_imgui_text(typed) == shown);  // the same text every frame
  CHECK(to_imgui_text("plain ŵ") == "plain ŵ");
}

TEST_CASE("typed text holding an emoji is held back for the field, other text is left alone") {
  char plain[32] = "ffôn";
  translate_typed_text(plain);
  CHECK(std::string(plain) == "ffôn");
  char text[32] = {};
  std::snprintf(text, sizeof text, "%s%s", kEmoji.c_str(), kMaths.c_str());
  translate_typed_text(text);
  CHECK(text[0] == '\0');  // ImGui would have dropped or replaced it
  drop_held_text();
}

TEST_CASE("an emoji typed as a group's rationale is recorded exactly") {
  const std::string dir = test::fresh_scratch_dir("ui-wide-chars").string();
  AppConfig c;
  c.settings_path = dir + "/settings.json";
  c.db_path = dir + "/results.db";
  c.scenario_folders = {AUDITSIM_SCENARIOS_DIR};
  c.load_library_now = true;
  Headless h(c, ImVec2{1280, 2400});
  LoadResult lr = load_scenario_file(test::kTutorial);
  REQUIRE(lr.ok());
  SessionSetup setup;
  setup.mode = store::Mode::Group;
  setup.participants = {{"Cllr Ann Jones", store::Role::Member}};
  REQUIRE(h.app().start_play(lr.scenario, setup));
  h.frame();
  for (int guard = 0; guard < 20 && h.probe().find("Acknowledge"); ++guard) h.click("Acknowledge");
  const Node& start = lr.scenario->nodes[lr.scenario->start];
  const std::string rationale = "Phone first " + kEmoji + " — ffôn " + kMaths;
  REQUIRE(h.type_into("##rationale", rationale));
  REQUIRE(h.click(start.choices[0].text));
  h.frame();
  store::Store db = store::Store::open(c.db_path);
  const auto sessions = db.list_sessions();
  REQUIRE(sessions.size() == 1);
  const auto rec = db.load_session(sessions.front().id);
  REQUIRE(rec);
  REQUIRE_FALSE(rec->decisions.empty());
  CHECK(rec->decisions.front().rationale == rationale);
}
