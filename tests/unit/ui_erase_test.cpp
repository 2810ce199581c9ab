// Erasing a participant from the desktop program's Results screen, driven headless: the
// confirmation says what happens at the learning record store before anything is erased, and
// the outcome says what was done there.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "sim/sha256.hpp"
#include "sim/uuid.hpp"
#include "sim/xapi_voiding.hpp"
#include "tests/support/test_files.hpp"
#include "tests/support/ui_app_config.hpp"
#include "ui/app/headless.hpp"

using namespace auditsim;
using namespace auditsim::ui;

TEST_CASE("the erasure's confirmation says what happens at the LRS, and its outcome what was done") {
  const std::string dir = test::fresh_scratch_dir("ui-erase").string();
  std::string session;
  {
    // A solo session whose `attempted` the LRS already has.
    store::Store st = store::Store::open(dir + "/results.db");
    store::SessionStart start;
    start.mode = store::Mode::Solo;
    start.participant_ids.push_back(st.create_participant("Councillor Jane Smith", store::Role::Member));
    store::Snapshot snap;
    snap.scenario_id = "t";
    snap.title = "T";
    snap.classification = "part-a";
    snap.source_text = "format: auditsim/1\nid: t\n";
    snap.sha256 = sha256_hex(snap.source_text);
    session = st.start_session(snap, start);
    st.set_status(session, store::Status::Finished);  // no offer to resume it on opening
    const std::string pseudonym = st.find_participant("Councillor Jane Smith")->pseudonym;
    const std::string id = name_uuid("attempted/" + session);
    st.queue_statement(id, R"({"id":")" + id + R"(","actor":{"objectType":"Agent","account":)"
                               R"({"homePage":"https://x.example","name":")" + pseudonym +
                               R"("}},"context":{"registration":")" + xapi_registration(session) + R"("}})");
    st.mark_sent({id}, "2026-03-12T19:30:00.000Z");
  }
  Headless h(test::app_config_in(dir), {1280, 2400});
  h.frame();
  REQUIRE(h.click("Results"));
  h.frame();
  REQUIRE(h.type_into("##erase", "Councillor Jane Smith"));
  REQUIRE(h.click("Erase this person everywhere"));
  h.frame();
  CHECK(h.probe().saw_text("At the learning record store"));
  CHECK(h.probe().saw_text("until its operator purges them"));
  store::Store before = store::Store::open(dir + "/results.db");
  CHECK(before.outbox_counts().waiting == 0);  // nothing happens until Erase is pressed
  REQUIRE(h.click("Erase"));
  bool done = false;
  for (int i = 0; i < 200 && !done; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    h.frame();
    done = h.probe().saw_text("1 voiding statement(s) were queued");
  }
  CHECK(done);
  CHECK(before.outbox_counts().waiting == 1);
}
