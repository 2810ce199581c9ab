// Notes, adjustments and actions list in the order they were added, even when several share one
// millisecond: the timestamp orders them and the insertion sequence breaks ties (not the random
// id, which would shuffle them).
#include <doctest/doctest.h>

#include <string>

#include "tests/unit/store_fixture.hpp"

using namespace auditsim;
using namespace auditsim::testing;

TEST_CASE("notes, adjustments and actions added in the same millisecond keep their order") {
  store::Store st = open_test_store(scratch_dir("order") / "results.db");
  const std::string id = start_sample_session(st, "Order evening");
  constexpr int kCount = 40;  // far more than fit in distinct milliseconds here
  for (int i = 0; i < kCount; ++i) {
    store::Note n;
    n.kind = "observation";
    n.text = "note " + std::to_string(i);
    st.record_note(id, n);
    store::ScoreOverride o;
    o.pillar = "protect";
    o.delta = 1;
    o.reason = "reason " + std::to_string(i);
    st.record_override(id, o);
    store::ActionItem a;
    a.session_id = id;
    a.action = "action " + std::to_string(i);
    a.owner = "Owner";
    st.add_action(a);
  }
  auto rec = st.load_session(id);
  REQUIRE(rec);
  REQUIRE(rec->notes.size() == kCount);
  REQUIRE(rec->overrides.size() == kCount);
  const auto actions = st.list_actions(id);
  REQUIRE(actions.size() == kCount);
  for (int i = 0; i < kCount; ++i) {
    CHECK(rec->notes[i].text == "note " + std::to_string(i));
    CHECK(rec->overrides[i].reason == "reason " + std::to_string(i));
    CHECK(actions[i].action == "action " + std::to_string(i));
  }
}
