// A tutorial session recorded into a store with the xAPI outbox on, for the outbox's tests
// (lrs_outbox_test, store_erase_lrs_test): choices and undos recorded as play records them, and
// the statement id of any position in the history.
#pragma once

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <vector>

#include "sim/load.hpp"
#include "sim/recording.hpp"
#include "sim/xapi_queue.hpp"
#include "tests/support/test_files.hpp"

namespace auditsim::testing {

// Played by `people`: one plays solo, more play as a group (named `team`), all members.
struct Played {
  LoadResult lr = load_and_check(test::kTutorial);
  ManualClock clock;
  std::unique_ptr<Session> session;
  std::unique_ptr<SessionRecorder> recorder;
  explicit Played(store::Store& st, const std::vector<std::string>& people = {"Councillor Jane Smith"},
                  const std::string& team = "") {
    REQUIRE(lr.ok());
    session = std::make_unique<Session>(lr.scenario, clock, Audience::Members);
    RecordingSetup setup;
    setup.mode = people.size() == 1 ? store::Mode::Solo : store::Mode::Group;
    setup.team = team;
    for (const std::string& p : people) setup.participants.push_back({p, store::Role::Member});
    recorder = std::make_unique<SessionRecorder>(st, *session, setup);
  }
  void choose() {
    REQUIRE(session->choose(session->available_choices().front()));
    recorder->sync(*session);
  }
  void undo() {
    REQUIRE(session->undo("we chose too quickly"));
    recorder->sync(*session);
  }
  std::string statement(int position) const { return xapi_statement_id(recorder->session_id(), position); }
  // The statement of the latest decision in the history.
  std::string last_decision() const {
    const auto& h = session->history();
    for (size_t i = h.size(); i-- > 0;)
      if (h[i].kind == HistoryEntry::Kind::Decision) return statement(xapi_position(*session, i));
    return {};
  }
};

}  // namespace auditsim::testing
