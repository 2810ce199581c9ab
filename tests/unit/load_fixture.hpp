// What the loader's tests share: where the test data is, scratch folders, and reading a load's
// diagnostics. Each tests/unit/load_*_test.cpp is its own executable and includes this once.
#pragma once

#include <doctest/doctest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "sim/diagnostics.hpp"
#include "sim/load.hpp"

namespace auditsim::load_fixture {

namespace fs = std::filesystem;

inline const std::string kData = AUDITSIM_TEST_DATA;
inline const std::string kScenarios = AUDITSIM_SCENARIOS_DIR;

inline fs::path scratch(const std::string& name) {
  const fs::path dir = fs::path(AUDITSIM_TEST_TMP) / "load_test" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

inline void write_file(const fs::path& p, const std::string& bytes) {
  fs::create_directories(p.parent_path());
  std::ofstream out(p, std::ios::binary);
  out << bytes;
}

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The pointer is into `r`: keep the result alive while the pointer is used.
inline const Diagnostic* find_code(const LoadResult& r, const std::string& code) {
  for (const auto& d : r.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

inline std::string all_diagnostics(const LoadResult& r) {
  std::string out;
  for (const auto& d : r.diagnostics) out += format_diagnostic(d) + "\n";
  return out;
}

// A small valid scenario with one spot to splice extra lines into a choice.
inline std::string scenario_with_choice_lines(const std::string& variables, const std::string& choice) {
  return "format: auditsim/1\nid: t\ntitle: T\ntheme: licensing\nduration_minutes: 5\n"
         "summary: S\n" + variables + "start: a\nnodes:\n  a:\n    title: A\n    text: A\n"
         "    choices:\n      - id: c\n        text: C\n        feedback: F\n" + choice +
         "        next: b\n  b:\n    title: B\n    text: B\n"
         "    ending: { outcome: good, debrief: D }\n";
}

template <class F>
double seconds(F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

// The only diagnostic of a bad file, after checking its code and place.
inline Diagnostic sole_diagnostic(const std::string& name, const std::string& code, int line, int col) {
  const LoadResult r = load_scenario_file(kData + "/bad/" + name + ".yaml");
  INFO(all_diagnostics(r));
  REQUIRE(r.diagnostics.size() == 1);
  const Diagnostic& d = r.diagnostics.front();
  CHECK(d.code == code);
  CHECK(d.line == line);
  CHECK(d.col == col);
  return d;
}

}  // namespace auditsim::load_fixture
