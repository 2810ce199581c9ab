// Files and text that try to hurt the program: pipes, devices and folders where a file belongs,
// invalid UTF-8 in every form, YAML tags, bidirectional overrides, and writes that a planted
// symbolic link would redirect.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/atomic_file.hpp"
#include "sim/file_read.hpp"
#include "sim/load.hpp"
#include "sim/utf8.hpp"
#include "tests/support/test_files.hpp"

using namespace auditsim;
namespace fs = std::filesystem;

namespace {

const std::string kData = AUDITSIM_TEST_DATA;

fs::path scratch(const std::string& name) {
  return test::fresh_scratch_dir("hostile-input-" + name);
}

const Diagnostic* find_code(const LoadResult& r, const std::string& code) {
  for (const Diagnostic& d : r.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

std::string messages(const LoadResult& r) {
  std::string out;
  for (const Diagnostic& d : r.diagnostics) out += format_diagnostic(d) + "\n";
  return out;
}

void write(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary | std::ios::trunc);
  out << text;
}

template <class F>
double seconds(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

const char* kEvidenceScenario =
    "format: auditsim/1\nid: e\ntitle: E\nevidence:\n  - id: doc\n    title: Doc\n"
    "    file: evidence/doc.md\nstart: a\nnodes:\n  a:\n    title: A\n    text: A\n"
    "    evidence: [doc]\n    ending: { outcome: good, debrief: D }\n";

}  // namespace

TEST_CASE("utf8 validator rejects surrogates, overlong forms and code points above U+10FFFF") {
  CHECK(utf8::is_valid("plain ASCII, Cymraeg ŵ ŷ, العربية, עברית, emoji \xF0\x9F\x98\x80"));
  CHECK(utf8::first_invalid("ok \xED\xA0\x80 surrogate") == 3u);     // U+D800
  CHECK(utf8::first_invalid("\xED\xBF\xBF") == 0u);                  // U+DFFF
  CHECK(utf8::first_invalid("\xC0\xAF") == 0u);                      // overlong '/'
  CHECK(utf8::first_invalid("\xE0\x80\xAF") == 0u);                  // overlong, 3 bytes
  CHECK(utf8::first_invalid("\xF0\x80\x80\xAF") == 0u);              // overlong, 4 bytes
  CHECK(utf8::first_invalid("\xF4\x90\x80\x80") == 0u);              // U+110000
  CHECK(utf8::first_invalid("\xF8\x88\x80\x80\x80") == 0u);          // 5-byte form
  CHECK(utf8::first_invalid("ab\xE2\x82") == 2u);                    // truncated
  CHECK(utf8::first_invalid("\x80") == 0u);                          // stray continuation
  CHECK(utf8::is_valid("\xF4\x8F\xBF\xBF"));                         // U+10FFFF itself
  CHECK(utf8::make_valid("a\xED\xA0\x80z") == "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz");
}

TEST_CASE("scenario with a surrogate or an overlong sequence is refused as invalid UTF-8") {
  for (const std::string bad : {"\xED\xA0\x80", "\xC0\xBC", "\xF4\x90\x80\x80"}) {
    const LoadResult r = load_scenario_text("format: auditsim/1\ntitle: x" + bad + "\n", "t.yaml");
    INFO(messages(r));
    CHECK(find_code(r, "invalid-utf8") != nullptr);
  }
}

TEST_CASE("a FIFO given as a scenario is refused at once, named as a pipe") {
  const fs::path dir = scratch("fifo-scenario");
  const fs::path fifo = dir / "scenario.yaml";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  LoadResult r;
  const double took = seconds([&] { r = load_scenario_file(fifo.string()); });
  INFO(messages(r));
  CHECK(took < 2.0);  // before the fix, the open waited for a writer for ever
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].message.find("named pipe (FIFO)") != std::string::npos);
}

TEST_CASE("a device or a folder given as a scenario is refused before reading") {
  LoadResult zero;
  const double took = seconds([&] { zero = load_scenario_file("/dev/zero"); });
  CHECK(took < 2.0);
  REQUIRE_FALSE(zero.diagnostics.empty());
  CHECK(zero.diagnostics[0].message.find("a device") != std::string::npos);
  const LoadResult folder = load_scenario_file(scratch("folder-scenario").string());
  REQUIRE_FALSE(folder.diagnostics.empty());
  CHECK(folder.diagnostics[0].message.find("a folder") != std::string::npos);
}

TEST_CASE("read_regular_file reads at most its cap from a regular file") {
  const fs::path dir = scratch("cap");
  write(dir / "big.txt", std::string(5000, 'x'));
  FileRead r = read_regular_file((dir / "big.txt").string(), 4096);
  CHECK(r.status == FileRead::Status::TooLarge);
  CHECK(r.bytes.empty());
  r = read_regular_file((dir / "big.txt").string(), 5000);
  CHECK(r.status == FileRead::Status::Ok);
  CHECK(r.bytes.size() == 5000u);
  CHECK(read_regular_file("/dev/null", 10).status == FileRead::Status::NotRegular);
  CHECK(read_regular_file((dir / "none").string(), 10).status == FileRead::Status::Missing);
}

TEST_CASE("a FIFO given as evidence is named as a pipe, not as a missing file") {
  const fs::path dir = scratch("fifo-evidence");
  fs::create_directories(dir / "evidence");
  REQUIRE(::mkfifo((dir / "evidence" / "doc.md").c_str(), 0600) == 0);
  write(dir / "s.yaml", kEvidenceScenario);
  LoadResult r;
  const double took = seconds([&] { r = load_scenario_file((dir / "s.yaml").string()); });
  INFO(messages(r));
  CHECK(took < 2.0);
  const Diagnostic* d = find_code(r, "evidence-not-a-file");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("named pipe (FIFO)") != std::string::npos);
  CHECK(d->message.find("does not exist") == std::string::npos);
}

TEST_CASE("a folder given as evidence is named as a folder, not as a missing file") {
  const fs::path dir = scratch("folder-evidence");
  fs::create_directories(dir / "evidence" / "doc.md");
  write(dir / "s.yaml", kEvidenceScenario);
  const LoadResult r = load_scenario_file((dir / "s.yaml").string());
  INFO(messages(r));
  const Diagnostic* d = find_code(r, "evidence-not-a-file");
  REQUIRE(d != nullptr);
  CHECK(d->message.find("a folder") != std::string::npos);
}

TEST_CASE("a bidirectional override in a choice's text is warned about with its position") {
  const std::string path = kData + "/warn/bidi-override-in-choice.yaml";
  const LoadResult r = load_scenario_file(path);
  INFO(messages(r));
  CHECK(r.ok());
  const Diagnostic* d = find_code(r, "bidi-control");
  REQUIRE(d != nullptr);
  CHECK(d->severity == Severity::Warning);
  CHECK(d->line == 15);
  CHECK(d->message.find("U+202E") != std::string::npos);
}

TEST_CASE("Arabic and Hebrew text without control characters gives no bidi warning") {
  const LoadResult r = load_scenario_file(test::kTutorial);
  CHECK(find_code(r, "bidi-control") == nullptr);
  const LoadResult rtl = load_scenario_text(
      "format: auditsim/1\nid: r\ntitle: \"مجلس מועצה\"\nstart: a\nnodes:\n  a:\n    title: A\n"
      "    text: شكرا תודה\n    ending: { outcome: good, debrief: D }\n", "rtl.yaml");
  CHECK(find_code(rtl, "bidi-control") == nullptr);
}

TEST_CASE("an emoji and other non-BMP characters are kept exactly by the loader") {
  const std::string emoji = "\xF0\x9F\x98\x80 \xF0\x9D\x90\x80 \xF0\xA0\x80\x8B";  // 😀 𝐀 𠀋
  const LoadResult r = load_scenario_text(
      "format: auditsim/1\nid: r\ntheme: licensing\nduration_minutes: 5\nsummary: S\n"
      "title: \"Fraud " + emoji + "\"\nstart: a\nnodes:\n  a:\n"
      "    title: A\n    text: A\n    ending: { outcome: good, debrief: D }\n", "e.yaml");
  INFO(messages(r));
  REQUIRE(r.scenario);
  CHECK(r.scenario->title == "Fraud " + emoji);
}

TEST_CASE("atomic write refuses to write through a planted symbolic link") {
  const fs::path dir = scratch("atomic-symlink");
  write(dir / "victim.txt", "precious");
  fs::create_symlink(dir / "victim.txt", dir / "report.html");
  std::string error;
  CHECK_FALSE(write_file_atomically((dir / "report.html").string(), "new", kOwnerOnly, &error));
  CHECK(error.find("symbolic link") != std::string::npos);
  CHECK(test::file_bytes(dir / "victim.txt") == "precious");
  CHECK(fs::is_symlink(dir / "report.html"));
}

TEST_CASE("atomic write creates owner-only files and leaves no temporary file behind") {
  const fs::path dir = scratch("atomic-mode");
  const fs::path target = dir / "part-b.html";
  std::string error;
  REQUIRE(write_file_atomically(target.string(), "first", kOwnerOnly, &error));
  CHECK((fs::status(target).permissions() & fs::perms::all) ==
        (fs::perms::owner_read | fs::perms::owner_write));
  REQUIRE(write_file_atomically(target.string(), "second", kOwnerOnly, &error));
  CHECK(test::file_bytes(target) == "second");
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file() ? 1 : 0;
  CHECK(files == 1u);
}

TEST_CASE("atomic write does not follow a symbolic link planted at the old temporary name") {
  // The old writer used "<target>.partial"; a link there sent the report wherever it pointed.
  const fs::path dir = scratch("atomic-planted-tmp");
  write(dir / "victim.txt", "precious");
  fs::create_symlink(dir / "victim.txt", dir / "report.html.partial");
  fs::create_symlink(dir / "victim.txt", dir / "report.html.tmp");
  std::string error;
  REQUIRE(write_file_atomically((dir / "report.html").string(), "report", kPublicFile, &error));
  CHECK(test::file_bytes(dir / "victim.txt") == "precious");
  CHECK(test::file_bytes(dir / "report.html") == "report");
  CHECK_FALSE(fs::is_symlink(dir / "report.html"));
}

TEST_CASE("atomic write into a missing folder fails with a message and changes nothing") {
  std::string error;
  CHECK_FALSE(write_file_atomically("/nonexistent-folder-for-test/x.html", "x", kPublicFile, &error));
  CHECK(error.find("folder") != std::string::npos);
}
