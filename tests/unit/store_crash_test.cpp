// Crash safety: a child process records decisions and is killed with SIGKILL at random moments.
// Every decision it reported as recorded (after record_decision returned) must be on disk, the
// database must pass its checks, and the interrupted session must resume where it stopped.
#include <doctest/doctest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <map>
#include <random>
#include <sstream>

#include "store_fixture.hpp"

using namespace auditsim;
using namespace auditsim::store;
using namespace auditsim::testing;

namespace {

void say(int fd, const std::string& line) {
  std::string s = line + "\n";
  (void)!::write(fd, s.data(), s.size());
}

// The child: resume the active session (or start one) and record until killed.
[[noreturn]] void record_forever(const fs::path& path, int out) {
  try {
    Store st = Store::open(path);
    for (int n = 0; n < 100000; ++n) {
      auto active = st.list_sessions({"", Status::Active});
      std::string id = active.empty() ? start_sample_session(st, "Crash evening")
                                      : active.back().id;
      auto rec = st.load_session(id);
      int64_t next = static_cast<int64_t>(rec->decisions.size()) + 1;
      if (next > 15) {
        st.set_status(id, Status::Finished);
        continue;
      }
      DecisionRecord d = sample_decision("node-" + std::to_string(next), "choice");
      int64_t seq = st.record_decision(id, d, "{\"seq\":" + std::to_string(next) + "}");
      say(out, "recorded " + id + " " + std::to_string(seq));
    }
  } catch (const std::exception& e) {
    say(out, std::string("error ") + e.what());
    ::_exit(3);
  }
  ::_exit(0);
}

// Reads what the child wrote until the pipe closes or `deadline` passes.
void drain(int fd, std::string& buf, std::chrono::steady_clock::time_point deadline) {
  char chunk[4096];
  for (;;) {
    // Compare before subtracting: a deadline of time_point::min() would overflow.
    const auto now = std::chrono::steady_clock::now();
    const int wait_ms =
        deadline <= now
            ? 0
            : static_cast<int>(
                  std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count());
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, wait_ms) <= 0) return;
    ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n <= 0) return;
    buf.append(chunk, static_cast<size_t>(n));
  }
}

}  // namespace

TEST_CASE("every decision reported as recorded survives SIGKILL, at least 50 times") {
  fs::path path = scratch_dir("crash") / "results.db";
  std::mt19937 rng(20160309);
  std::map<std::string, int64_t> reported;  // session -> highest seq reported
  int killed = 0;
  for (int round = 0; round < 60; ++round) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[0]);
      record_forever(path, fds[1]);
    }
    ::close(fds[1]);
    std::string out;
    int delay_ms = static_cast<int>(rng() % 60);
    drain(fds[0], out, std::chrono::steady_clock::now() + std::chrono::milliseconds(delay_ms));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) ++killed;
    drain(fds[0], out, std::chrono::steady_clock::time_point::min());  // what was already sent
    ::close(fds[0]);

    std::istringstream lines(out);
    std::string word, id;
    int64_t seq = 0;
    while (lines >> word) {
      REQUIRE_MESSAGE(word == "recorded", "the child failed: " << out);
      lines >> id >> seq;
      reported[id] = std::max(reported[id], seq);
    }

    Store st = [&] {
      try {
        return Store::open(path);
      } catch (const StoreError& e) {
        FAIL("round " << round << " code " << e.sqlite_code() << ": " << e.what());
        throw;
      }
    }();
    CheckReport check = st.check();
    REQUIRE_MESSAGE(check.ok(), "round " << round);
    for (const auto& [sid, max_seq] : reported) {
      auto rec = st.load_session(sid);
      REQUIRE(rec);
      REQUIRE(static_cast<int64_t>(rec->decisions.size()) >= max_seq);
      for (size_t i = 0; i < rec->decisions.size(); ++i) {
        CHECK(rec->decisions[i].seq == static_cast<int64_t>(i) + 1);
      }
      // The resume state was committed with the last decision: resuming continues exactly there.
      CHECK(rec->state_json == "{\"seq\":" + std::to_string(rec->decisions.size()) + "}");
    }
  }
  CHECK(killed >= 50);
  int64_t total = 0;
  for (const auto& [sid, n] : reported) total += n;
  CHECK(total > 0);
  MESSAGE("kills: " << killed << ", sessions: " << reported.size() << ", decisions: " << total);
}

namespace {

// The child: records control checks and action updates into one audit session until killed.
[[noreturn]] void audit_forever(const fs::path& path, int out) {
  try {
    Store st = Store::open(path);
    auto sessions = st.list_sessions();
    std::string id = sessions.empty() ? start_audit_session(st, "Crash audit") : sessions[0].id;
    auto actions = st.list_actions(id);
    std::string action = actions.empty() ? "" : actions[0].id;
    if (action.empty()) {
      ActionItem a;
      a.session_id = id;
      a.action = "Require a call-back";
      action = st.add_action(a);
    }
    const char* statuses[] = {"open", "in-progress", "done"};
    for (int n = 0; n < 100000; ++n) {
      audit::ControlCheck c = sample_check(n % 2 ? "report-fraud" : "independent-verification");
      st.record_control_check(id, c);
      say(out, "recorded " + id + " " + std::to_string(c.seq));
      audit::ActionUpdate u;
      u.action = action;
      u.status = statuses[n % 3];
      st.record_action_update(u);
    }
  } catch (const std::exception& e) {
    say(out, std::string("error ") + e.what());
    ::_exit(3);
  }
  ::_exit(0);
}

}  // namespace

TEST_CASE("every control check reported as recorded survives SIGKILL, and a plan's status its update") {
  fs::path path = scratch_dir("crash-audit") / "results.db";
  std::mt19937 rng(20270215);
  int64_t reported = 0;
  std::string session;
  int killed = 0;
  for (int round = 0; round < 25; ++round) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      ::close(fds[0]);
      audit_forever(path, fds[1]);
    }
    ::close(fds[1]);
    std::string out;
    drain(fds[0], out,
          std::chrono::steady_clock::now() + std::chrono::milliseconds(40 + rng() % 120));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) ++killed;
    drain(fds[0], out, std::chrono::steady_clock::time_point::min());
    ::close(fds[0]);
    std::istringstream lines(out);
    std::string word;
    int64_t seq = 0;
    while (lines >> word) {
      REQUIRE_MESSAGE(word == "recorded", "the child failed: " << out);
      lines >> session >> seq;
      reported = std::max(reported, seq);
    }
    if (session.empty()) continue;
    Store st = Store::open(path);
    REQUIRE_MESSAGE(st.check().ok(), "round " << round);
    const audit::AuditRecord a = st.load_audit(session);
    REQUIRE(static_cast<int64_t>(a.checks.size()) >= reported);
    for (size_t i = 0; i < a.checks.size(); ++i)
      CHECK(a.checks[i].seq == static_cast<int64_t>(i) + 1);
    const auto actions = st.list_actions(session);
    REQUIRE(actions.size() == 1);
    if (!a.action_updates.empty())
      CHECK(key(actions[0].status) == a.action_updates.back().status);
  }
  CHECK(killed >= 20);
  CHECK(reported > 0);
  MESSAGE("kills: " << killed << ", checks reported: " << reported);
}
