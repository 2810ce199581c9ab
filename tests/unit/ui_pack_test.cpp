// The library's "Print a pack": the form, the pack written on a worker thread, and its path
// filled in by the desktop's file dialog (a stand-in zenity here) or typed.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "tests/support/test_files.hpp"
#include "tests/support/ui_app_config.hpp"
#include "ui/app/headless.hpp"
#include "ui/screens/pack_dialog.hpp"
#include "ui/widgets/file_field.hpp"

namespace fs = std::filesystem;
using namespace auditsim;
using namespace auditsim::ui;

namespace {

std::string scratch(const std::string& name) {
  return auditsim::test::fresh_scratch_dir("ui-pack-" + name).string();
}

void open_pack_form(Headless& h, const std::string& search) {
  h.app().library().filter = search;
  h.frame();
  h.frame();
  REQUIRE(h.app().library().selected >= 0);
  REQUIRE(h.click("Print a pack"));
  for (int i = 0; i < 3; ++i) h.frame();  // the dialog settles where it is drawn
  REQUIRE(h.probe().saw_text("Printed pack:"));
}

// Waits for the pack's worker, then draws the frame that shows its message.
void wait_for_pack(Headless& h) {
  library_pack_export().wait();
  h.frame();
  h.frame();
}

}  // namespace

TEST_CASE("the library prints a pack for five teams, and the form says where it went") {
  const std::string dir = scratch("teams");
  Headless h(test::app_config_in(dir), {1280, 1600});
  open_pack_form(h, "Tutorial");
  const std::string out = dir + "/tutorial pack \u00e9t\u00e9.pdf";
  REQUIRE(h.click("Handouts only##pack-what"));
  library_pack_export().teams = 5;
  REQUIRE(h.type_into("##pack-path", out));
  REQUIRE(h.click("Save the pack##pack"));
  wait_for_pack(h);
  CHECK(h.probe().saw_text("Saved " + out));
  const std::string pdf = test::file_bytes(out);
  CHECK(pdf.starts_with("%PDF"));
  // Saving again never replaces the pack: the form says why.
  REQUIRE(h.click("Save the pack##pack"));
  wait_for_pack(h);
  CHECK(h.probe().saw_text("already exists"));
  CHECK(test::file_bytes(out) == pdf);
  REQUIRE(h.click("Close##pack"));
  h.frame();
  CHECK_FALSE(library_pack_export().is_open());
}

TEST_CASE("Choose... fills the path from the desktop's file dialog, and a cancel leaves it") {
  const std::string dir = scratch("choose");
  const char* saved_path = std::getenv("PATH");
  const std::string path_before = saved_path ? saved_path : "";
  const char* saved_bus = std::getenv("DBUS_SESSION_BUS_ADDRESS");
  const std::string bus_before = saved_bus ? saved_bus : "";
  unsetenv("DBUS_SESSION_BUS_ADDRESS");
  setenv("XDG_RUNTIME_DIR", dir.c_str(), 1);  // no bus socket in it
  const std::string fakes = std::string(AUDITSIM_TEST_DATA) + "/file-dialog";
  Headless h(test::app_config_in(dir), {1280, 1600});
  open_pack_form(h, "Tutorial");
  setenv("PATH", (fakes + "/chooses").c_str(), 1);
  REQUIRE(h.click("Choose\u2026##choose-##pack-path"));
  desktop_file_dialog().wait();
  h.frame();
  CHECK(library_pack_export().path ==
        "/srv/Council papers/Adroddiad \u2013 Ynys M\u00f4n/\u00e9valuation 2027.pdf");
  setenv("PATH", (fakes + "/cancels").c_str(), 1);
  library_pack_export().path = "typed by hand.pdf";
  REQUIRE(h.click("Choose\u2026##choose-##pack-path"));
  desktop_file_dialog().wait();
  h.frame();
  CHECK(library_pack_export().path == "typed by hand.pdf");
  setenv("PATH", path_before.c_str(), 1);
  if (!bus_before.empty()) setenv("DBUS_SESSION_BUS_ADDRESS", bus_before.c_str(), 1);
}
