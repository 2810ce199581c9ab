// Hostile input and files: bounded time and a diagnostic, never an exception; evidence files
// kept inside the scenario's folder; finding scenario files; loading that stays linear.
#include <doctest/doctest.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

#include "tests/unit/load_fixture.hpp"

using namespace auditsim;
using namespace auditsim::load_fixture;

TEST_CASE("hostile input: bounded time, a diagnostic, never an exception") {
  const fs::path dir = scratch("hostile");
  auto load = [](const fs::path& p) {
    LoadResult r;
    const double t = seconds([&] { CHECK_NOTHROW(r = load_scenario_file(p.string())); });
    CHECK(t < 5.0);
    CHECK_FALSE(r.ok());
    CHECK_FALSE(r.diagnostics.empty());
    return r;
  };
  SUBCASE("a 60 MB file is refused before it is read") {
    const fs::path p = dir / "huge.yaml";
    {
      std::ofstream out(p, std::ios::binary);
      const std::string line = "key: value that repeats to fill the file\n";
      for (size_t written = 0; written < 60u * 1024 * 1024; written += line.size()) out << line;
    }
    CHECK(find_code(load(p), "file-too-large"));
    CHECK(find_code(load_scenario_text(std::string(6 * 1024 * 1024, 'a'), "big.yaml"),
                    "file-too-large"));
  }
  SUBCASE("10,000 levels of nesting, flow and block") {
    write_file(dir / "flow.yaml", "a: " + std::string(10000, '[') + std::string(10000, ']') + "\n");
    write_file(dir / "maps.yaml", [] {
      std::string s;
      for (int i = 0; i < 10000; ++i) s += "{a: ";
      return s + "1" + std::string(10000, '}') + "\n";
    }());
    std::string dashes;
    for (int i = 0; i < 10000; ++i) dashes += "- ";
    write_file(dir / "dashes.yaml", dashes + "x\n");
    std::string indented;
    for (int i = 0; i < 100; ++i) indented += std::string(static_cast<size_t>(i), ' ') + "k:\n";
    write_file(dir / "indented.yaml", indented);
    for (const char* f : {"flow.yaml", "maps.yaml", "dashes.yaml", "indented.yaml"}) {
      INFO(f);
      const LoadResult r = load(dir / f);  // kept alive: d points into it
      const Diagnostic* d = find_code(r, "too-deep");
      REQUIRE(d);
      CHECK(d->line >= 1);
    }
  }
  SUBCASE("billion laughs") {
    std::string s = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (int i = 1; i < 12; ++i) {
      s += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
      for (int k = 0; k < 10; ++k) s += (k ? ", *a" : "*a") + std::to_string(i - 1);
      s += "]\n";
    }
    write_file(dir / "laughs.yaml", s);
    CHECK(find_code(load(dir / "laughs.yaml"), "alias-bomb"));
  }
  SUBCASE("empty, blank and comment-only files") {
    for (const std::string text : {"", "   \n\n", "# just a comment\n", "~\n"}) {
      write_file(dir / "empty.yaml", text);
      CHECK(find_code(load(dir / "empty.yaml"), "wrong-type"));
    }
  }
  SUBCASE("binary garbage and Latin-1 text") {
    std::string junk;
    uint32_t x = 12345;
    for (int i = 0; i < 65536; ++i) {
      x = x * 1664525u + 1013904223u;
      junk += static_cast<char>(x >> 24);
    }
    write_file(dir / "junk.yaml", junk);
    CHECK(find_code(load(dir / "junk.yaml"), "invalid-utf8"));
    write_file(dir / "latin1.yaml", "format: auditsim/1\ntitle: Caf\xe9 licensing\n");
    const LoadResult r = load(dir / "latin1.yaml");
    const Diagnostic* d = find_code(r, "invalid-utf8");
    REQUIRE(d);
    CHECK(d->line == 2);
    CHECK(d->col == 11);
  }
  SUBCASE("random printable text never throws") {
    uint32_t x = 99;
    const std::string alphabet = "ab:- \n[]{},&*!|>'\"#?%@`0123456789";
    for (int round = 0; round < 300; ++round) {
      std::string text;
      for (int i = 0; i < 200; ++i) {
        x = x * 1664525u + 1013904223u;
        text += alphabet[(x >> 16) % alphabet.size()];
      }
      CHECK_NOTHROW(load_scenario_text(text, "random.yaml"));
    }
  }
  SUBCASE("missing files, folders and special files") {
    CHECK(find_code(load(dir / "no-such-file.yaml"), "io-error"));
    CHECK(find_code(load(dir), "io-error"));
    // Refused as a device before anything is read.
    if (fs::exists("/dev/zero")) CHECK(find_code(load("/dev/zero"), "io-error"));
  }
}

TEST_CASE("evidence files stay inside the scenario's folder") {
  const fs::path dir = scratch("evidence");
  const fs::path pack = dir / "pack";
  write_file(pack / "evidence" / "memo.md", "# Memo\nInside the folder.\n");
  write_file(dir / "outside.md", "secret\n");
  auto with_file = [&](const std::string& file) {
    const std::string text = scenario_with_choice_lines(
        "evidence:\n  - id: doc\n    title: Doc\n    file: " + file + "\n", "");
    write_file(pack / "s.yaml", text);
    return load_scenario_file((pack / "s.yaml").string());
  };
  SUBCASE("a file inside is read") {
    const auto r = with_file("evidence/memo.md");
    INFO(all_diagnostics(r));
    REQUIRE(r.ok());
    CHECK(r.scenario->evidence[0].text == "# Memo\nInside the folder.\n");
  }
  SUBCASE("a path through .. that comes back inside is fine") {
    CHECK(with_file("evidence/../evidence/memo.md").ok());
  }
  SUBCASE("escaping with .., an absolute path or a symbolic link is refused") {
    CHECK(find_code(with_file("../outside.md"), "evidence-outside-folder"));
    CHECK(find_code(with_file((dir / "outside.md").string()), "evidence-outside-folder"));
    std::error_code ec;
    fs::create_symlink(dir / "outside.md", pack / "evidence" / "link.md", ec);
    fs::create_directory_symlink(dir, pack / "evidence" / "up", ec);
    if (!ec) {
      CHECK(find_code(with_file("evidence/link.md"), "evidence-outside-folder"));
      CHECK(find_code(with_file("evidence/up/outside.md"), "evidence-outside-folder"));
    }
  }
  SUBCASE("missing, oversized and non-UTF-8 files") {
    CHECK(find_code(with_file("evidence/nothing.md"), "evidence-file-missing"));
    CHECK(find_code(with_file("evidence"), "evidence-not-a-file"));
    write_file(pack / "evidence" / "big.md", std::string(1024 * 1024 + 1, 'x'));
    CHECK(find_code(with_file("evidence/big.md"), "file-too-large"));
    write_file(pack / "evidence" / "latin1.md", "ok\nna\xefve\n");
    const LoadResult r = with_file("evidence/latin1.md");
    const Diagnostic* d = find_code(r, "invalid-utf8");
    REQUIRE(d);
    CHECK(d->message.find("line 2, column 3") != std::string::npos);
  }
}

TEST_CASE("find_scenario_files: recursive, sorted, skipping schema and evidence folders and tests files") {
  const fs::path dir = scratch("library");
  for (const char* f : {"b.yaml", "a/c.yml", "a/b.yaml", "schema/s.yaml", "evidence/e.yaml",
                        "a/evidence/deep.yaml", "notes.txt", "a/d.json", "b.tests.yaml",
                        "a/c.tests.yml"})
    write_file(dir / f, "x: 1\n");
  const auto files = find_scenario_files(dir.string());
  REQUIRE(files.size() == 3);
  CHECK(files[0] == (dir / "a/b.yaml").string());
  CHECK(files[1] == (dir / "a/c.yml").string());
  CHECK(files[2] == (dir / "b.yaml").string());
  CHECK(find_scenario_files((dir / "missing").string()).empty());

  const auto shipped = find_scenario_files(kScenarios);
  CHECK(std::find(shipped.begin(), shipped.end(),
                  kScenarios + "/examples/tutorial-supplier-bank-details.yaml") != shipped.end());
  for (const auto& f : shipped) CHECK(f.find("/schema/") == std::string::npos);
}

// CPU time the process spends in `f`, in seconds.
template <class F>
double cpu_seconds(F&& f) {
  timespec start{}, end{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &start);
  f();
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &end);
  return static_cast<double>(end.tv_sec - start.tv_sec) +
         static_cast<double>(end.tv_nsec - start.tv_nsec) / 1e9;
}

// A chain of `n` decisions with 3 choices each, every choice with a score, an effect and a
// condition: everything the loader resolves by id.
static std::string chain_of_decisions(int n) {
  std::string text = "format: auditsim/1\nid: big\ntitle: Big\ntheme: x\nduration_minutes: 60\n"
                     "summary: S\nvariables: { v: 0 }\nstart: n0\nnodes:\n";
  for (int i = 0; i < n; ++i) {
    const std::string next = i + 1 < n ? "n" + std::to_string(i + 1) : "end";
    text += "  n" + std::to_string(i) + ":\n    title: T\n    text: T\n    choices:\n";
    for (int c = 0; c < 3; ++c)
      text += "      - { id: c" + std::to_string(i) + "-" + std::to_string(c) +
              ", text: C, feedback: F, score: { protect: " + std::to_string(c) +
              " }, add: { v: 1 }, when: v >= 0, next: " + next + " }\n";
  }
  return text + "  end:\n    title: E\n    text: E\n    ending: { outcome: good, debrief: D }\n";
}

TEST_CASE("loading stays linear: four times the decisions take about four times as long") {
  // Timed in the process's CPU time, so other work on a busy machine (builds, the rest of the
  // suite) does not count; the fastest of five loads of each size, the two sizes in turn.
  auto load_once = [](const std::string& text, int n) {
    LoadResult r;
    const double t = cpu_seconds([&] { r = load_scenario_text(text, "big.yaml"); });
    INFO(all_diagnostics(r));
    REQUIRE(r.ok());
    REQUIRE(r.scenario->nodes.size() == static_cast<size_t>(n + 1));
    return t;
  };
  const std::string small_text = chain_of_decisions(1'500);
  const std::string large_text = chain_of_decisions(6'000);
  double small = 1e9, large = 1e9;
  for (int run = 0; run < 5; ++run) {
    small = std::min(small, load_once(small_text, 1'500));
    large = std::min(large, load_once(large_text, 6'000));
  }
  MESSAGE("1,500 decisions in " << small << " s, 6,000 in " << large << " s (ratio "
                                << large / small << ")");
  // Linear work gives a ratio near 4; a lookup that scans every node per reference gives 16.
  CHECK(large < 8 * small);
}
