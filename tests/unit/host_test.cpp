// The server councillors' devices join (host/), over real HTTP on 127.0.0.1 with an any-port
// server: every hostile request is refused, nothing is recorded from it and the session goes on.
#include <doctest/doctest.h>

#include <httplib.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "host/host.hpp"
#include "host/qr.hpp"
#include "sim/load.hpp"
#include "sim/store/schema.hpp"

using namespace auditsim;
using nlohmann::json;

namespace {

ScenarioPtr tutorial() {
  LoadResult l = load_scenario_file(std::string(AUDITSIM_SCENARIOS_DIR) +
                                    "/examples/tutorial-supplier-bank-details.yaml");
  REQUIRE(l.scenario);
  return l.scenario;
}

// A running host with one recorded group and a fresh database.
struct Fixture {
  SteadyClock clock;
  std::filesystem::path db_path;
  std::optional<store::Store> db;
  std::unique_ptr<host::Host> h;
  std::vector<std::string> log;

  explicit Fixture(const std::string& name, host::HostOptions opts = {}) {
    db_path = std::filesystem::path(AUDITSIM_TEST_TMP) / ("host-" + name + ".db");
    std::filesystem::create_directories(db_path.parent_path());
    std::filesystem::remove(db_path);
    db.emplace(store::Store::open(db_path));
    ScenarioPtr sc = tutorial();
    opts.bind = "127.0.0.1";
    h = std::make_unique<host::Host>(sc, clock, &*db, opts);
    host::HostTeam t;
    t.session = std::make_unique<Session>(sc, clock);
    RecordingSetup setup;
    setup.mode = store::Mode::Group;
    t.recorder = std::make_unique<SessionRecorder>(*db, *t.session, setup);
    h->add_team(std::move(t));
    h->set_log([this](const std::string& l) { log.push_back(l); });
    std::string error;
    REQUIRE_MESSAGE(h->start(&error), error);
  }
  std::string self() const { return "127.0.0.1:" + std::to_string(h->port()); }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", h->port());
    c.set_default_headers({{"Origin", "http://" + self()}});
    return c;
  }
  std::string stage() const { return room::stage_key(*h->session("")); }
  std::string first_choice() const { return room::stage_of(*h->session("")).choices.at(0); }
};

// Joins and returns the cookie header value the server set.
std::string join(httplib::Client& c, const std::string& code, const std::string& name = "") {
  auto r = c.Post("/join", json{{"code", code}, {"name", name}, {"team", ""}}.dump(),
                  "application/json");
  REQUIRE(r);
  if (r->status != 200) return {};
  std::string cookie = r->get_header_value("Set-Cookie");
  return cookie.substr(0, cookie.find(';'));
}

httplib::Result post(httplib::Client& c, const std::string& path, const json& body,
                     const std::string& cookie) {
  httplib::Headers h;
  if (!cookie.empty()) h.emplace("Cookie", cookie);
  return c.Post(path.c_str(), h, body.dump(), "application/json");
}

}  // namespace

TEST_CASE("a device joins with the room code, votes and gives a reason — the decision keeps them") {
  Fixture f("happy");
  auto c = f.client();
  auto page = c.Get("/");
  REQUIRE(page);
  CHECK(page->status == 200);
  CHECK(page->get_header_value("Content-Security-Policy").find("script-src 'self'") != std::string::npos);
  CHECK(page->body.find("<script src=\"/app.js\"") != std::string::npos);
  std::string cookie = join(c, f.h->code(), "Ann");
  REQUIRE(!cookie.empty());
  auto set = c.Post("/join", json{{"code", f.h->code()}, {"name", "Bea"}, {"team", ""}}.dump(), "application/json");
  CHECK(set->get_header_value("Set-Cookie").find("HttpOnly; SameSite=Strict") != std::string::npos);
  auto st = c.Get("/state", httplib::Headers{{"Cookie", cookie}});
  json s = json::parse(st->body);
  CHECK(s["joined"] == true);
  CHECK(s["view"]["stage"] == f.stage());
  CHECK(post(c, "/vote", {{"stage", f.stage()}, {"choice", f.first_choice()}}, cookie)->status == 200);
  CHECK(post(c, "/reason", {{"stage", f.stage()}, {"reason", "Call back"}, {"dissent", ""}}, cookie)->status == 200);
  CHECK(f.h->tally("").votes[f.first_choice()] == 1);
  std::string error;
  REQUIRE_MESSAGE(f.h->record("", f.first_choice(), &error), error);
  auto rows = f.db->device_votes(f.h->session_id(""));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].device == "device-1");
  CHECK(rows[0].reason == "Call back");
  CHECK(rows[0].decision_seq == 1);
  CHECK(f.db->latest_decision_seq(f.h->session_id("")) == 1);
  // The devices move to the next stage with the room.
  json after = json::parse(c.Get("/state", httplib::Headers{{"Cookie", cookie}})->body);
  CHECK(after["view"]["stage"] == f.stage());
  CHECK(!after.contains("vote"));
  bool logged = false;
  for (const std::string& l : f.log) logged = logged || l.rfind("joined: device-1", 0) == 0;
  CHECK(logged);
}

TEST_CASE("a wrong room code is refused and joins nobody") {
  Fixture f("wrong-code");
  auto c = f.client();
  auto r = c.Post("/join", json{{"code", "AAAAAA"}, {"name", ""}, {"team", ""}}.dump(), "application/json");
  REQUIRE(r);
  CHECK(r->status == 403);
  CHECK(json::parse(r->body)["refusal"] == "room-code-wrong");
  CHECK(r->get_header_value("Set-Cookie").empty());
  CHECK(f.h->devices().empty());
}

TEST_CASE("a forged or replayed token from a removed device votes nothing") {
  Fixture f("forged");
  auto c = f.client();
  auto r = post(c, "/vote", {{"stage", f.stage()}, {"choice", f.first_choice()}},
                "auditsim_device=" + std::string(32, '0'));
  CHECK(r->status == 403);
  CHECK(json::parse(r->body)["refusal"] == "device-unknown");
  std::string cookie = join(c, f.h->code());
  REQUIRE(f.h->remove("device-1"));
  CHECK(post(c, "/vote", {{"stage", f.stage()}, {"choice", f.first_choice()}}, cookie)->status == 403);
  // Replaying the removed device's cookie on /join does not bring it back.
  CHECK(post(c, "/join", {{"code", f.h->code()}, {"name", ""}, {"team", ""}}, cookie)->status == 403);
  CHECK(f.h->tally("").voted == 0);
  std::string error;
  REQUIRE(f.h->record("", f.first_choice(), &error));
  CHECK(f.db->device_votes(f.h->session_id("")).empty());
}

TEST_CASE("an oversized body is refused and the session carries on") {
  Fixture f("oversized");
  auto c = f.client();
  std::string cookie = join(c, f.h->code());
  auto r = post(c, "/reason", {{"stage", f.stage()}, {"reason", std::string(100'000, 'x')}, {"dissent", ""}}, cookie);
  REQUIRE(r);
  CHECK(r->status == 413);
  CHECK(post(c, "/vote", {{"stage", f.stage()}, {"choice", f.first_choice()}}, cookie)->status == 200);
}

TEST_CASE("script in a name or a reason is refused and nothing of it is kept") {
  Fixture f("script");
  auto c = f.client();
  auto r = c.Post("/join", json{{"code", f.h->code()}, {"name", "<script>alert(1)</script>"}, {"team", ""}}.dump(), "application/json");
  CHECK(r->status == 400);
  CHECK(json::parse(r->body)["refusal"] == "text-refused");
  CHECK(f.h->devices().empty());
  std::string cookie = join(c, f.h->code());
  REQUIRE(post(c, "/vote", {{"stage", f.stage()}, {"choice", f.first_choice()}}, cookie)->status == 200);
  auto bad = post(c, "/reason", {{"stage", f.stage()}, {"reason", "<img src=x onerror=alert(1)>"}, {"dissent", ""}}, cookie);
  CHECK(bad->status == 400);
  CHECK(f.h->tally("").reasons.empty());
  // Whatever is sent back is JSON, never HTML.
  CHECK(bad->get_header_value("Content-Type") == "application/json");
}

TEST_CASE("a POST from another origin, or a form post, is refused") {
  Fixture f("origin");
  httplib::Client c("127.0.0.1", f.h->port());
  auto r = c.Post("/join", httplib::Headers{{"Origin", "http://evil.example"}},
                  json{{"code", f.h->code()}, {"name", ""}, {"team", ""}}.dump(), "application/json");
  CHECK(r->status == 403);
  CHECK(json::parse(r->body)["refusal"] == "origin-refused");
  auto none = c.Post("/join", json{{"code", f.h->code()}}.dump(), "application/json");
  CHECK(none->status == 403);
  auto form = c.Post("/join", httplib::Headers{{"Origin", "http://" + f.self()}},
                     "code=" + f.h->code(), "application/x-www-form-urlencoded");
  CHECK(form->status == 415);
  // A name that resolves to this laptop from elsewhere (DNS rebinding) is refused too.
  auto rebound = c.Get("/state", httplib::Headers{{"Host", "evil.example"}});
  CHECK(rebound->status == 421);
  CHECK(f.h->devices().empty());
}

TEST_CASE("a flood from one device is limited and the others still vote") {
  Fixture f("flood");
  auto c = f.client();
  std::string flooder = join(c, f.h->code());
  std::string other = join(c, f.h->code());
  int limited = 0;
  for (int i = 0; i < 60; ++i) {
    auto r = c.Get("/state", httplib::Headers{{"Cookie", flooder}});
    limited += r && r->status == 429;
  }
  CHECK(limited > 0);
  CHECK(post(c, "/vote", {{"stage", f.stage()}, {"choice", f.first_choice()}}, other)->status == 200);
  CHECK(f.h->tally("").voted == 1);
}

TEST_CASE("a vote for the stage the room has left is refused") {
  Fixture f("old-stage");
  auto c = f.client();
  std::string cookie = join(c, f.h->code());
  const std::string old_stage = f.stage();
  std::string error;
  REQUIRE(f.h->record("", f.first_choice(), &error));
  auto r = post(c, "/vote", {{"stage", old_stage}, {"choice", f.first_choice()}}, cookie);
  CHECK(r->status == 409);
  CHECK(f.h->tally("").voted == 0);
}

TEST_CASE("scores and feedback never reach a device before the facilitator reveals them") {
  Fixture f("reveal");
  auto c = f.client();
  std::string cookie = join(c, f.h->code());
  std::string error;
  REQUIRE(f.h->record("", f.first_choice(), &error));
  std::string before = c.Get("/state", httplib::Headers{{"Cookie", cookie}})->body;
  CHECK(before.find("feedback") == std::string::npos);
  CHECK(before.find("score") == std::string::npos);
  REQUIRE(f.h->reveal(""));
  CHECK(c.Get("/state", httplib::Headers{{"Cookie", cookie}})->body.find("feedback") != std::string::npos);
}

TEST_CASE("after stop the address no longer answers") {
  Fixture f("stop");
  const int port = f.h->port();
  f.h->stop();
  httplib::Client c("127.0.0.1", port);
  c.set_connection_timeout(1, 0);
  CHECK(!c.Get("/"));
}

TEST_CASE("the QR code of the join address is made and drawn") {
  host::QrCode qr = host::make_qr("http://192.168.1.20:8080/");
  CHECK(qr.size >= 21);
  CHECK(host::qr_svg(qr).find("<svg") == 0);
  int side = 0;
  const size_t pixels = host::qr_rgba(qr, 4, &side).size();
  CHECK(side == (qr.size + 8) * 4);
  CHECK(pixels == static_cast<size_t>(side * side * 4));
}
