// `auditsim host`, run as a facilitator would: the first line gives the address and the code,
// devices join over real HTTP on 127.0.0.1, the facilitator types commands, every decision is
// in the store when it is printed as recorded, the end of input ends the room cleanly, and a
// room killed mid-evening opens again with --resume, its devices at the same stage.
#include <doctest/doctest.h>

#include <httplib.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>

#include <unistd.h>

#include "sim/store/store.hpp"
#include "tests/support/child_process.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/test_files.hpp"

using auditsim::test::ChildProcess;
using auditsim::test::kTutorial;
using auditsim::test::run_process;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// What the first line says: "Join at http://127.0.0.1:PORT/ with room code CODE".
struct JoinLine {
  int port = 0;
  std::string code;
};

JoinLine parse_join_line(const std::optional<std::string>& line) {
  REQUIRE(line);
  std::smatch m;
  const std::regex re(R"(^Join at http://127\.0\.0\.1:(\d+)/ with room code ([A-Z]{6})$)");
  REQUIRE_MESSAGE(std::regex_match(*line, m, re), *line);
  return {std::stoi(m[1]), m[2]};
}

// One device: its own cookie, posting from the page's own origin.
struct Device {
  httplib::Client http;
  std::string origin;
  std::string cookie;
  explicit Device(int port)
      : http("127.0.0.1", port), origin("http://127.0.0.1:" + std::to_string(port)) {
    // A machine busy with the rest of the suite (thirty browser pages at once) can hold a
    // first answer past httplib's 5 s default; a hung host still fails the test.
    http.set_read_timeout(30, 0);
    http.set_write_timeout(30, 0);
  }
  httplib::Headers headers() const {
    httplib::Headers h{{"Origin", origin}};
    if (!cookie.empty()) h.emplace("Cookie", cookie);
    return h;
  }
  int post(const std::string& path, const json& body) {
    auto r = http.Post(path.c_str(), headers(), body.dump(), "application/json");
    REQUIRE(r);
    std::string set = r->get_header_value("Set-Cookie");
    if (!set.empty()) cookie = set.substr(0, set.find(';'));
    return r->status;
  }
  json state() {
    auto r = http.Get("/state", headers());
    REQUIRE(r);
    return json::parse(r->body);
  }
};

std::vector<std::string> host_args(const fs::path& db, std::vector<std::string> more) {
  std::vector<std::string> a{AUDITSIM_BINARY, "--db", db.string(), "host"};
  a.insert(a.end(), more.begin(), more.end());
  return a;
}

}  // namespace

TEST_CASE("host: the first line is the address and code — a recorded decision is in the store "
          "when printed, and the end of input ends the room with everything recorded") {
  fs::path dir = auditsim::test::fresh_scratch_dir("cli-host-happy");
  fs::path db = dir / "results.db";
  ChildProcess p(host_args(db, {kTutorial, "--bind", "127.0.0.1"}));
  JoinLine j = parse_join_line(p.read_line());
  Device d(j.port);
  REQUIRE(d.post("/join", {{"code", j.code}, {"name", "Ann"}, {"team", ""}}) == 200);
  json s = d.state();
  const std::string stage = s["view"]["stage"];
  const std::string choice = s["view"]["choices"][1]["id"];
  REQUIRE(d.post("/vote", {{"stage", stage}, {"choice", choice}}) == 200);
  REQUIRE(d.post("/reason", {{"stage", stage}, {"reason", "Ring the supplier"}, {"dissent", ""}}) == 200);
  p.write_line("tally");
  CHECK(p.read_until("device-1 (" + choice + ") because: Ring the supplier"));
  p.write_line("record");  // the devices' majority
  auto recorded = p.read_until("Recorded");
  REQUIRE(recorded);
  CHECK(recorded->find("Recorded The group: " + choice + " (1 device votes)") == 0);
  // Printed as recorded only once committed: another reader sees it now.
  {
    auto store = auditsim::store::Store::open(db);
    auto sessions = store.list_sessions();
    REQUIRE(sessions.size() == 1);
    auto votes = store.device_votes(sessions[0].id);
    REQUIRE(votes.size() == 1);
    CHECK(votes[0].device == "device-1");
    CHECK(votes[0].choice == choice);
    CHECK(votes[0].reason == "Ring the supplier");
    CHECK(votes[0].decision_seq == store.latest_decision_seq(sessions[0].id));
  }
  CHECK(fs::exists(db.string() + ".room"));
  p.close_input();  // the facilitator's input ends: the room ends cleanly
  CHECK(p.read_until("1 decisions recorded in session"));
  CHECK(p.wait() == 0);
  CHECK_FALSE(fs::exists(db.string() + ".room"));
  CHECK(p.err().find("joined: device-1 (audience) from 127.0.0.1") != std::string::npos);
}

TEST_CASE("host: a wrong command, an unknown choice, team or device is refused and the room goes on") {
  fs::path dir = auditsim::test::fresh_scratch_dir("cli-host-wrong");
  fs::path db = dir / "results.db";
  auto r = run_process(host_args(db, {kTutorial, "--bind", "127.0.0.1"}),
                       "dance\nrecord\nrecord Z\ntally 3\nremove device-99\nstatus\nquit\n");
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("Join at http://127.0.0.1:", 0) == 0);
  CHECK(r.err.find("\"dance\" is not a command: type help for the list") != std::string::npos);
  CHECK(r.err.find("no device has voted: say which choice") != std::string::npos);
  CHECK(r.err.find("\"Z\" is not a choice offered at this stage") != std::string::npos);
  CHECK(r.err.find("there is no device device-99") != std::string::npos);
  CHECK(r.out.find("Joining is open; room code") != std::string::npos);
  CHECK(r.out.find("0 decisions recorded") != std::string::npos);
}

TEST_CASE("host: killed mid-evening, --resume opens the same room and devices come back to the "
          "same stage with their cookies") {
  fs::path dir = auditsim::test::fresh_scratch_dir("cli-host-resume");
  fs::path db = dir / "results.db";
  JoinLine j;
  std::string cookie, stage_after_first;
  {
    ChildProcess p(host_args(db, {kTutorial, "--bind", "127.0.0.1", "--teams", "2"}));
    j = parse_join_line(p.read_line());
    Device d(j.port);
    REQUIRE(d.post("/join", {{"code", j.code}, {"name", ""}, {"team", "Team 2"}}) == 200);
    json s = d.state();
    REQUIRE(d.post("/vote", {{"stage", s["view"]["stage"]}, {"choice", s["view"]["choices"][0]["id"]}}) == 200);
    p.write_line("record 2");
    REQUIRE(p.read_until("Recorded Team 2"));
    stage_after_first = d.state()["view"]["stage"];
    cookie = d.cookie;
    // The room is written down on a thread of its own, moments after the join.
    for (int i = 0; i < 1000 && auditsim::test::file_bytes(db.string() + ".room").find("device-1") == std::string::npos; ++i)
      usleep(10'000);
    p.kill_hard();  // no goodbye: the laptop crashed
  }
  // A new room cannot be started over the interrupted one by mistake.
  auto refused = run_process(host_args(db, {kTutorial, "--bind", "127.0.0.1"}), "quit\n");
  CHECK(refused.exit_code == 2);
  CHECK(refused.err.find("auditsim host --resume") != std::string::npos);

  ChildProcess again(host_args(db, {"--resume"}));
  JoinLine k = parse_join_line(again.read_line());
  CHECK(k.port == j.port);
  CHECK(k.code == j.code);
  Device d(k.port);
  d.cookie = cookie;  // the same phone, its cookie kept
  json s = d.state();
  REQUIRE(s["joined"] == true);
  CHECK(s["device"]["id"] == "device-1");
  CHECK(s["device"]["team"] == "Team 2");
  CHECK(s["view"]["stage"] == stage_after_first);
  REQUIRE(d.post("/vote", {{"stage", stage_after_first}, {"choice", s["view"]["choices"][0]["id"]}}) == 200);
  again.write_line("record 2");
  REQUIRE(again.read_until("Recorded Team 2"));
  again.close_input();
  CHECK(again.wait() == 0);
  auto store = auditsim::store::Store::open(db);
  int with_votes = 0;
  for (const auto& sess : store.list_sessions()) {
    auto votes = store.device_votes(sess.id);
    if (votes.empty()) continue;
    ++with_votes;
    REQUIRE(votes.size() == 2);  // one per recorded decision, in the same session
    CHECK(votes[0].decision_seq == 1);
    CHECK(votes[1].decision_seq == 2);
  }
  CHECK(with_votes == 1);
}

TEST_CASE("host --resume with no interrupted room, or with a damaged room file, is refused") {
  fs::path dir = auditsim::test::fresh_scratch_dir("cli-host-no-room");
  fs::path db = dir / "results.db";
  auto none = run_process(host_args(db, {"--resume"}));
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("no room was interrupted on this database") != std::string::npos);
  std::ofstream(db.string() + ".room") << "{\"format\": \"auditsim-room-1\", \"code\": 7}";
  auto bad = run_process(host_args(db, {"--resume"}));
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("cannot be read") != std::string::npos);
}
