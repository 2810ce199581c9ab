// The scenario the engine tests share, and small lookups over a session.
#pragma once

#include <algorithm>

#include "sim/engine.hpp"
#include "scenario_builder.hpp"

namespace auditsim::testing {

// A small cuckooing-style scenario that uses every engine feature once.
//   start (60 s, on_timeout: wait) --refer--> police --close--> good
//                                  --wait---> escalation (30 s, no on_timeout) --give-up--> poor
//                                  --staff-only (staff)--> escalation
inline ScenarioPtr make_scenario() {
  ScenarioBuilder b;
  b.number("trust", 50);
  b.boolean("referred", false);
  b.node("start", 60);
  b.node("police");
  b.node("escalation", 30);
  b.ending("good", Outcome::Good);
  b.ending("poor", Outcome::Poor);
  b.key_action("referral", Pillar::Protect, Priority::High);

  Choice& refer = b.choice("start", "refer", "police", {{Pillar::Protect, 3}, {Pillar::Pursue, 1}});
  b.set(refer, "referred", 1);
  b.achieves(refer, "referral");
  Choice& wait = b.choice("start", "wait", "escalation", {{Pillar::Protect, -2}});
  b.add(wait, "trust", -30);
  Choice& staff = b.choice("start", "staff-only", "escalation", {{Pillar::Prepare, 1}});
  staff.audience = Audience::Staff;
  b.on_timeout("start", "wait");

  b.choice("police", "close", "good", {{Pillar::Prevent, 2}});
  Choice& late = b.choice("police", "late", "poor");
  b.when(late, "trust < 30");

  Choice& rescue = b.choice("escalation", "rescue", "good", {{Pillar::Protect, 1}});
  b.when(rescue, "referred");
  b.choice("escalation", "give-up", "poor", {{Pillar::Prepare, -1}});
  Choice& review = b.choice("escalation", "review", "poor", {{Pillar::Prepare, 2}});
  b.when(review, "trust < 30");

  b.inject_on_enter("arrival", "start");
  b.inject_after("press", 120);
  b.inject_on_enter("second", "escalation");
  b.inject_when("email", "trust < 30");
  b.inject_when("mash", "visited(police)");
  return b.build();
}

inline int node_of(const Session& s, const char* id) { return s.scenario().find_node(id); }
inline int inject_of(const Session& s, const char* id) {
  for (size_t i = 0; i < s.scenario().injects.size(); ++i) {
    if (s.scenario().injects[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

inline size_t count_kind(const Session& s, HistoryEntry::Kind k) {
  return static_cast<size_t>(std::count_if(s.history().begin(), s.history().end(),
                                           [k](const HistoryEntry& e) { return e.kind == k; }));
}

}  // namespace auditsim::testing
