// Two processes recording into one database at once: no lost rows, no "database is locked".
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store_fixture.hpp"

using namespace auditsim;
using namespace auditsim::store;
using namespace auditsim::testing;

namespace {

constexpr int kPerProcess = 150;

// The child records into its own session and a shared one, alternating; exit 0 when all stuck.
[[noreturn]] void record(const fs::path& path, const std::string& shared, const std::string& team) {
  try {
    Store st = Store::open(path);
    std::string own = start_sample_session(st, "Concurrent evening", team, "Member " + team);
    for (int i = 0; i < kPerProcess; ++i) {
      DecisionRecord a = sample_decision("n", "own");
      st.record_decision(own, a, "{}");
      if (!shared.empty()) {
        DecisionRecord b = sample_decision("n", team);
        st.record_decision(shared, b, "{}");
      }
    }
    ::_exit(0);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "child %s: %s\n", team.c_str(), e.what());
    ::_exit(1);
  }
}

void run_two(const fs::path& path, const std::string& shared) {
  pid_t a = ::fork();
  if (a == 0) record(path, shared, "A");
  pid_t b = ::fork();
  if (b == 0) record(path, shared, "B");
  int sa = -1, sb = -1;
  ::waitpid(a, &sa, 0);
  ::waitpid(b, &sb, 0);
  CHECK((WIFEXITED(sa) && WEXITSTATUS(sa) == 0));
  CHECK((WIFEXITED(sb) && WEXITSTATUS(sb) == 0));
}

}  // namespace

TEST_CASE("two processes record into one database without losing a row") {
  fs::path path = scratch_dir("concurrent") / "results.db";
  std::string shared;
  {
    Store st = Store::open(path);
    shared = start_sample_session(st, "Concurrent evening", "Shared table");
  }
  run_two(path, shared);
  Store st = Store::open(path);
  CHECK(st.check().ok());
  auto all = st.list_sessions({"Concurrent evening", std::nullopt});
  REQUIRE(all.size() == 3);
  for (const auto& s : all) {
    CHECK(s.decisions == (s.id == shared ? 2 * kPerProcess : kPerProcess));
  }
  auto rec = st.load_session(shared);
  for (size_t i = 0; i < rec->decisions.size(); ++i) {
    CHECK(rec->decisions[i].seq == static_cast<int64_t>(i) + 1);
  }
}

TEST_CASE("two processes creating the same new database at once both succeed") {
  fs::path path = scratch_dir("concurrent-create") / "new" / "results.db";
  run_two(path, "");
  Store st = Store::open(path);
  CHECK(st.check().ok());
  auto all = st.list_sessions();
  REQUIRE(all.size() == 2);
  CHECK(all[0].decisions == kPerProcess);
  CHECK(all[1].decisions == kPerProcess);
}
