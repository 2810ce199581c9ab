// The rules of a room councillors join from their own devices (sim/room): codes, tokens, joins,
// one current vote per device per stage, reasons, rate limits, and what a device may see.
#include <doctest/doctest.h>

#include <set>

#include "sim/engine.hpp"
#include "sim/load.hpp"
#include "sim/room/device_view.hpp"
#include "sim/room/room.hpp"
#include "sim/room/secure_random.hpp"

using namespace auditsim;
using namespace auditsim::room;

namespace {

const std::string kTokenA(32, 'a');
const std::string kTokenB(32, 'b');

Room joined_room() {
  Room r("KTWAFX", {"Red", "Blue"});
  r.set_stage("", Stage{"s1.0", {"yes", "no"}});
  REQUIRE(r.join("KTWAFX", "Ann", "Red", "10.0.0.2", 0, kTokenA).refusal == Refusal::None);
  REQUIRE(r.join("ktw-afx", "", "", "10.0.0.3", 0, kTokenB).refusal == Refusal::None);
  return r;
}

ScenarioPtr tutorial() {
  LoadResult l = load_scenario_file(std::string(AUDITSIM_SCENARIOS_DIR) +
                                    "/examples/tutorial-supplier-bank-details.yaml");
  REQUIRE(l.scenario);
  return l.scenario;
}

}  // namespace

TEST_CASE("room codes use only letters that cannot be misread, and differ each time") {
  std::set<std::string> seen;
  for (int i = 0; i < 50; ++i) {
    std::string c = new_room_code();
    CHECK(c.size() == kRoomCodeLength);
    CHECK(c.find_first_not_of(kRoomCodeLetters) == std::string::npos);
    seen.insert(c);
  }
  CHECK(seen.size() > 45);
}

TEST_CASE("device tokens are 128 random bits in hex") {
  std::string t = new_device_token();
  CHECK(t.size() == 32);
  CHECK(t.find_first_not_of("0123456789abcdef") == std::string::npos);
  CHECK(t != new_device_token());
}

TEST_CASE("a room code typed in lower case or with a dash is the same code") {
  CHECK(normalise_room_code("ktw-afx") == "KTWAFX");
  CHECK(normalise_room_code(" KTW AFX ") == "KTWAFX");
  CHECK(normalise_room_code("KTW1FX").empty());
}

TEST_CASE("a wrong code, an unknown team or a closed room joins nobody") {
  Room r("KTWAFX", {"Red"});
  CHECK(r.join("KTWAFY", "Ann", "Red", "a", 0, kTokenA).refusal == Refusal::WrongCode);
  CHECK(r.join("KTWAFX", "Ann", "Green", "a", 0, kTokenA).refusal == Refusal::UnknownTeam);
  r.set_open(false);
  CHECK(r.join("KTWAFX", "Ann", "Red", "a", 0, kTokenA).refusal == Refusal::NotOpen);
  CHECK(r.devices().empty());
}

TEST_CASE("script or control characters in a name are refused, a lone < is kept") {
  Room r("KTWAFX", {});
  CHECK(r.join("KTWAFX", "<script>alert(1)</script>", "", "a", 0, kTokenA).refusal == Refusal::BadText);
  CHECK(r.join("KTWAFX", "Ann\x1b[2J", "", "a", 0, kTokenA).refusal == Refusal::BadText);
  CHECK(r.join("KTWAFX", "\xff\xfe", "", "a", 0, kTokenA).refusal == Refusal::BadText);
  CHECK(r.join("KTWAFX", std::string(200, 'x'), "", "a", 0, kTokenA).refusal == Refusal::TooLong);
  CHECK(r.devices().empty());
  CHECK(Room::check_text("cost < benefit", 100) == Refusal::None);
}

TEST_CASE("one current vote per device per stage: a change replaces it") {
  Room r = joined_room();
  CHECK(r.vote(kTokenA, "s1.0", "yes", 1) == Refusal::None);
  CHECK(r.vote(kTokenA, "s1.0", "no", 2) == Refusal::None);
  Tally t = r.tally("");
  CHECK(t.votes["no"] == 1);
  CHECK(t.votes["yes"] == 0);
  CHECK(t.voted == 1);
}

TEST_CASE("a vote for a stage the room has left, or an unknown choice, is refused") {
  Room r = joined_room();
  CHECK(r.vote(kTokenA, "s0.0", "yes", 1) == Refusal::WrongStage);
  CHECK(r.vote(kTokenA, "s1.0", "maybe", 1) == Refusal::UnknownChoice);
  CHECK(r.tally("").voted == 0);
}

TEST_CASE("rejoining with the same token keeps the device and its vote") {
  Room r = joined_room();
  REQUIRE(r.vote(kTokenA, "s1.0", "yes", 1) == Refusal::None);
  JoinResult again = r.join("KTWAFX", "Ann", "Red", "10.0.0.9", 5, kTokenA);
  REQUIRE(again.refusal == Refusal::None);
  CHECK(again.device->id == "device-1");
  CHECK(r.devices().size() == 2);
  REQUIRE(r.vote_of(kTokenA));
  CHECK(r.vote_of(kTokenA)->choice == "yes");
}

TEST_CASE("a forged token votes nothing") {
  Room r = joined_room();
  CHECK(r.vote(std::string(32, 'f'), "s1.0", "yes", 1) == Refusal::UnknownDevice);
  CHECK(r.vote("", "s1.0", "yes", 1) == Refusal::UnknownDevice);
  CHECK(r.tally("").voted == 0);
}

TEST_CASE("a removed device can neither vote nor rejoin, and its vote is dropped") {
  Room r = joined_room();
  REQUIRE(r.vote(kTokenA, "s1.0", "yes", 1) == Refusal::None);
  CHECK(r.remove("device-1"));
  CHECK(r.tally("").voted == 0);
  CHECK(r.vote(kTokenA, "s1.0", "yes", 2) == Refusal::Removed);
  CHECK(r.join("KTWAFX", "Ann", "Red", "a", 3, kTokenA).refusal == Refusal::Removed);
}

TEST_CASE("after a restart a restored device is its own again with its token, and keeps its id") {
  Room before = joined_room();
  Room after("KTWAFX", {"Red", "Blue"});
  after.set_stage("", Stage{"s1.0", {"yes", "no"}});
  for (const Device& d : before.devices()) after.restore(d, Room::token_hash(d.token));
  // Nothing of the token itself is kept: the restored device is found only by presenting it.
  CHECK(after.device(kTokenA) == nullptr);
  CHECK(after.devices()[0].token.empty());
  CHECK(after.claim(kTokenA));
  REQUIRE(after.device(kTokenA) != nullptr);
  CHECK(after.device(kTokenA)->id == "device-1");
  CHECK(after.device(kTokenA)->team == "Red");
  CHECK(after.vote(kTokenA, "s1.0", "yes", 0) == Refusal::None);
  // A token that was never issued claims nothing; the second device is claimed by its join.
  CHECK_FALSE(after.claim(std::string(32, 'c')));
  CHECK_FALSE(after.claim(kTokenA));  // already its own
  JoinResult j = after.join("KTWAFX", "", "", "10.0.0.3", 0, kTokenB);
  REQUIRE(j.refusal == Refusal::None);
  CHECK(j.device->id == "device-2");
  // A new device is numbered after the restored ones, never reusing an id.
  JoinResult n = after.join("KTWAFX", "Cy", "Blue", "10.0.0.4", 0, std::string(32, 'd'));
  REQUIRE(n.refusal == Refusal::None);
  CHECK(n.device->id == "device-3");
}

TEST_CASE("a device removed before the restart stays removed after it") {
  Room before = joined_room();
  REQUIRE(before.remove("device-1"));
  Room after("KTWAFX", {"Red", "Blue"});
  for (const Device& d : before.devices()) after.restore(d, Room::token_hash(d.token));
  after.claim(kTokenA);
  Refusal why = Refusal::None;
  CHECK(after.device(kTokenA, &why) == nullptr);
  CHECK(why == Refusal::Removed);
  CHECK(after.join("KTWAFX", "Ann", "Red", "10.0.0.2", 0, kTokenA).refusal == Refusal::Removed);
}

TEST_CASE("reasons and dissent are kept with the vote, limited and checked") {
  Room r = joined_room();
  CHECK(r.give_reason(kTokenA, "s1.0", "why", "", 1) == Refusal::UnknownChoice);  // vote first
  REQUIRE(r.vote(kTokenA, "s1.0", "yes", 1) == Refusal::None);
  CHECK(r.give_reason(kTokenA, "s1.0", "<img src=x onerror=alert(1)>", "", 2) == Refusal::BadText);
  CHECK(r.give_reason(kTokenA, "s1.0", std::string(5000, 'x'), "", 2) == Refusal::TooLong);
  CHECK(r.give_reason(kTokenA, "s1.0", "Call the number on file", "I disagree", 3) == Refusal::None);
  Tally t = r.tally("");
  REQUIRE(t.reasons.size() == 1);
  CHECK(t.reasons[0].reason == "Call the number on file");
  CHECK(t.reasons[0].dissent == "I disagree");
}

TEST_CASE("moving the stage on drops the last stage's votes") {
  Room r = joined_room();
  REQUIRE(r.vote(kTokenA, "s1.0", "yes", 1) == Refusal::None);
  r.set_stage("", Stage{"s2.1", {"a"}});
  CHECK(r.tally("").voted == 0);
  CHECK(r.tally("").stage == "s2.1");
}

TEST_CASE("teams vote at their own stages, and the tally is per team") {
  Room r = joined_room();
  r.set_stage("Red", Stage{"r1.0", {"x", "y"}});
  CHECK(r.vote(kTokenA, "s1.0", "yes", 1) == Refusal::WrongStage);
  CHECK(r.vote(kTokenA, "r1.0", "x", 1) == Refusal::None);
  CHECK(r.vote(kTokenB, "s1.0", "no", 1) == Refusal::None);  // the audience: the group's stage
  CHECK(r.tally("Red").votes["x"] == 1);
  CHECK(r.tally("Red").voted == 1);
  CHECK(r.tally("").voted == 1);
}

TEST_CASE("a flood from one device or one address is limited — others carry on") {
  Room r = joined_room();
  int allowed = 0;
  for (int i = 0; i < 200; ++i) allowed += r.allow_request("10.0.0.2", kTokenA, 1000);
  CHECK(allowed == static_cast<int>(r.limits().device_burst));
  CHECK(r.allow_request("10.0.0.3", kTokenB, 1000));
  // Time refills the bucket.
  CHECK(r.allow_request("10.0.0.2", kTokenA, 10'000));
}

TEST_CASE("guessing codes from one address is slowed") {
  Room r("KTWAFX", {});
  int wrong = 0, limited = 0;
  for (int i = 0; i < 50; ++i) {
    Refusal f = r.join("AAAAAA", "", "", "10.0.0.66", 0, new_device_token()).refusal;
    wrong += f == Refusal::WrongCode;
    limited += f == Refusal::RateLimited;
  }
  CHECK(wrong == static_cast<int>(r.limits().join_burst));
  CHECK(limited == 50 - wrong);
}

TEST_CASE("once guesses are used up, even the right code waits — many right joins from one address do not") {
  Room r("KTWAFX", {});
  for (int i = 0; i < 40; ++i)  // a whole room behind one venue router
    CHECK(r.join("KTWAFX", "", "", "10.0.0.1", 0, new_device_token()).refusal == Refusal::None);
  for (int i = 0; i < static_cast<int>(r.limits().join_burst); ++i)
    REQUIRE(r.join("AAAAAA", "", "", "10.0.0.66", 0, new_device_token()).refusal == Refusal::WrongCode);
  // The right code from the guessing address now gets the same answer as a wrong one.
  CHECK(r.join("KTWAFX", "", "", "10.0.0.66", 0, new_device_token()).refusal == Refusal::RateLimited);
  CHECK(r.join("KTWAFX", "", "", "10.0.0.67", 0, new_device_token()).refusal == Refusal::None);
  // Time refills the allowance.
  CHECK(r.join("KTWAFX", "", "", "10.0.0.66", 10000, new_device_token()).refusal == Refusal::None);
}

TEST_CASE("a device sees the stage's text and choices but never scores or feedback") {
  ManualClock clock;
  Session s(tutorial(), clock);
  nlohmann::json v = device_view(s, {});
  CHECK(v["content"] == true);
  CHECK(!v["title"].get<std::string>().empty());
  REQUIRE(!v["choices"].empty());
  const std::string dump = v.dump();
  CHECK(dump.find("score") == std::string::npos);
  CHECK(dump.find("feedback") == std::string::npos);
  for (const auto& c : v["choices"]) CHECK(c.size() == 3);  // id, label, text
  CHECK(!v.contains("revealed"));
}

TEST_CASE("the last decision's feedback is shown only once revealed") {
  ManualClock clock;
  Session s(tutorial(), clock);
  REQUIRE(s.choose(s.available_choices().front()));
  CHECK(!device_view(s, {}).contains("revealed"));
  nlohmann::json v = device_view(s, ViewOptions{false, true});
  REQUIRE(v.contains("revealed"));
  CHECK(!v["revealed"]["feedback"].get<std::string>().empty());
}

TEST_CASE("no Part B content reaches a device unless allowed for the session") {
  LoadResult l = load_scenario_file(std::string(AUDITSIM_SCENARIOS_DIR) +
                                    "/insider-threat/insider-payments-team.yaml");
  REQUIRE(l.scenario);
  ManualClock clock;
  Session s(l.scenario, clock);
  nlohmann::json v = device_view(s, {});
  CHECK(v["content"] == false);
  CHECK(v["title"] == "");
  CHECK(v["text"] == "");
  CHECK(v["evidence"].empty());
  for (const auto& c : v["choices"]) CHECK(c["text"] == "");
  CHECK(v.dump().find(s.current_node().title) == std::string::npos);
  nlohmann::json allowed = device_view(s, ViewOptions{true, false});
  CHECK(allowed["title"] == s.current_node().title);
}

TEST_CASE("the stage key changes with every move, so old votes cannot land") {
  ManualClock clock;
  Session s(tutorial(), clock);
  std::string before = stage_key(s);
  REQUIRE(s.choose(s.available_choices().front()));
  CHECK(stage_key(s) != before);
  CHECK(stage_of(s).choices.size() == s.available_choices().size());
}
