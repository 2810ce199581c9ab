// The ways of choosing a file, in order: the desktop portal, zenity, kdialog, then the typed
// path. Stand-in dialog programs in tests/data/file-dialog answer, cancel or fail at once.
#include <doctest/doctest.h>

#include <cstdlib>
#include <string>

#include "tests/support/test_files.hpp"
#include "ui/platform/file_chooser.hpp"

using namespace auditsim::ui;

namespace {

const std::string kFakes = std::string(AUDITSIM_TEST_DATA) + "/file-dialog";
const std::string kChosenByZenity = "/srv/Council papers/Adroddiad \u2013 Ynys M\u00f4n/\u00e9valuation 2027.pdf";
const std::string kChosenByKdialog = "/home/officer/Kingsmere logo (2027).png";

// The process's session bus is taken away for the test: no address, and a runtime folder with
// no bus socket in it.
struct NoSessionBus {
  std::string saved_address, saved_runtime;
  bool had_address = false, had_runtime = false;
  NoSessionBus() {
    if (const char* a = std::getenv("DBUS_SESSION_BUS_ADDRESS")) had_address = true, saved_address = a;
    if (const char* r = std::getenv("XDG_RUNTIME_DIR")) had_runtime = true, saved_runtime = r;
    unsetenv("DBUS_SESSION_BUS_ADDRESS");
    setenv("XDG_RUNTIME_DIR", auditsim::test::fresh_scratch_dir("no-bus").c_str(), 1);
  }
  ~NoSessionBus() {
    if (had_address) setenv("DBUS_SESSION_BUS_ADDRESS", saved_address.c_str(), 1);
    if (had_runtime) setenv("XDG_RUNTIME_DIR", saved_runtime.c_str(), 1);
    else unsetenv("XDG_RUNTIME_DIR");
  }
};

std::vector<std::unique_ptr<FileChooserBackend>> chain_on(const std::string& path_env) {
  std::vector<std::unique_ptr<FileChooserBackend>> chain;
  chain.push_back(portal_backend());
  chain.push_back(program_backend("zenity", path_env));
  chain.push_back(program_backend("kdialog", path_env));
  return chain;
}

FileRequest save_request() {
  FileRequest r;
  r.kind = FileRequest::Kind::Save;
  r.title = "Save the report";
  r.current = "/tmp/report.pdf";
  r.filters = {{"PDF documents", {"*.pdf"}}};
  return r;
}

}  // namespace

TEST_CASE("with no session bus the portal steps aside and zenity's path, spaces and accents, is taken") {
  NoSessionBus no_bus;
  const std::string log = (auditsim::test::fresh_scratch_dir("zenity-log") / "args").string();
  setenv("FAKE_DIALOG_LOG", log.c_str(), 1);
  auto chain = chain_on(kFakes + "/chooses");
  const FileAnswer a = choose_file(chain, save_request());
  unsetenv("FAKE_DIALOG_LOG");
  CHECK(a.status == FileAnswer::Status::Chosen);
  CHECK(a.via == "zenity");
  CHECK(a.path == kChosenByZenity);
  // zenity was asked for a save dialog, starting at the typed path, with the filter.
  const std::string args = auditsim::test::file_bytes(log);
  CHECK(args.find("--save\n") != std::string::npos);
  CHECK(args.find("--filename=/tmp/report.pdf\n") != std::string::npos);
  CHECK(args.find("--file-filter=PDF documents | *.pdf\n") != std::string::npos);
}

TEST_CASE("a cancel in zenity is the user's answer: kdialog is not asked next") {
  NoSessionBus no_bus;
  std::string path_env = kFakes + "/cancels:" + kFakes + "/kdialog-chooses";
  auto chain = chain_on(path_env);
  const FileAnswer a = choose_file(chain, save_request());
  CHECK(a.status == FileAnswer::Status::Cancelled);
  CHECK(a.via == "zenity");
  CHECK(a.path.empty());
}

TEST_CASE("a zenity that cannot show a dialog, or none installed, hands over to kdialog") {
  NoSessionBus no_bus;
  for (const std::string& dir : {kFakes + "/fails", kFakes + "/kdialog-chooses"}) {
    auto chain = chain_on(dir);
    FileRequest open;
    open.title = "Choose the council's logo";
    open.filters = {{"PNG images", {"*.png"}}};
    const FileAnswer a = choose_file(chain, open);
    CHECK_MESSAGE(a.status == FileAnswer::Status::Chosen, dir);
    CHECK(a.via == "kdialog");
    CHECK(a.path == kChosenByKdialog);
  }
}

TEST_CASE("with no way to ask, the answer says so and the typed path stands") {
  NoSessionBus no_bus;
  auto chain = chain_on(kFakes + "/no-such-folder");
  const FileAnswer a = choose_file(chain, save_request());
  CHECK(a.status == FileAnswer::Status::Unavailable);
  CHECK(a.why.find("no desktop session bus") != std::string::npos);
  CHECK(a.why.find("zenity is not installed") != std::string::npos);
  CHECK(a.why.find("type the path") != std::string::npos);
  // An empty PATH entry (the working folder) is never searched.
  CHECK(find_on_path("zenity", ":") == "");
  CHECK(find_on_path("../zenity", kFakes + "/chooses") == "");
}

namespace {
std::vector<std::unique_ptr<FileChooserBackend>> chooses_chain() { return chain_on(kFakes + "/chooses"); }
std::vector<std::unique_ptr<FileChooserBackend>> cancels_chain() { return chain_on(kFakes + "/cancels"); }
}  // namespace

TEST_CASE("the dialog answers off the UI thread into the field that asked, and a cancel leaves it") {
  NoSessionBus no_bus;
  FileDialog dialog(chooses_chain);
  std::string field = "typed/path.pdf", other = "untouched";
  REQUIRE(dialog.open("report-path", save_request()));
  CHECK_FALSE(dialog.open("another", save_request()));  // one dialog at a time
  dialog.wait();
  CHECK_FALSE(dialog.take("logo-path", &other));  // another field never receives it
  CHECK(other == "untouched");
  CHECK(dialog.take("report-path", &field));
  CHECK(field == kChosenByZenity);
  CHECK_FALSE(dialog.take("report-path", &field));  // taken once

  FileDialog cancelling(cancels_chain);
  std::string kept = "typed/path.pdf";
  REQUIRE(cancelling.open("report-path", save_request()));
  cancelling.wait();
  FileAnswer answer;
  CHECK(cancelling.take("report-path", &kept, &answer));
  CHECK(answer.status == FileAnswer::Status::Cancelled);
  CHECK(kept == "typed/path.pdf");
}
