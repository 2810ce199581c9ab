// Sixty councillors' devices voting at once on the loopback address, as a full training
// evening would at the moment the facilitator says "vote now": each device its own keep-alive
// connection and cookie, all released together, stage after stage of the cuckooing scenario. Prints the time from a
// device sending its vote to the facilitator's tally counting it (p50, p99), how long until the
// tally held every vote, the time to each device's answer, and how many votes were dropped (no
// answer) or refused.
// On a real network every device has its own address; here they share 127.0.0.1, so the
// per-address allowance is raised to stand in for sixty addresses (the per-device limits are
// the shipped ones).
#include <httplib.h>

#include <unistd.h>

#include <atomic>
#include <barrier>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "host/host.hpp"
#include "sim/load.hpp"
#include "tests/bench/bench.hpp"

namespace fs = std::filesystem;
using nlohmann::json;

namespace auditsim::bench {
namespace {

void room_burst(int devices, int rounds) {
  const fs::path dir = fs::temp_directory_path() / ("auditsim-bench-room-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  store::Store db = store::Store::open(dir / "results.db");
  LoadResult l = load_scenario_file(std::string(AUDITSIM_SCENARIOS_DIR) +
                                    "/cuckooing/cuckooing-millbrook-court.yaml");
  SteadyClock clock;
  host::HostOptions opts;
  opts.bind = "127.0.0.1";
  opts.limits.address_burst = 100.0 * devices;
  opts.limits.address_per_second = 40.0 * devices;
  host::Host h(l.scenario, clock, &db, opts);
  host::HostTeam team;
  team.session = std::make_unique<Session>(l.scenario, clock);
  RecordingSetup setup;
  setup.mode = store::Mode::Group;
  team.recorder = std::make_unique<SessionRecorder>(db, *team.session, setup);
  h.add_team(std::move(team));
  std::string error;
  if (!h.start(&error)) {
    std::printf("  skipped: %s\n", error.c_str());
    return;
  }
  const std::string origin = "http://127.0.0.1:" + std::to_string(h.port());

  struct Phone {
    std::unique_ptr<httplib::Client> http;
    std::string cookie;
  };
  std::vector<Phone> phones(static_cast<size_t>(devices));
  for (Phone& p : phones) {
    p.http = std::make_unique<httplib::Client>("127.0.0.1", h.port());
    p.http->set_keep_alive(true);
    p.http->set_default_headers({{"Origin", origin}});
    auto r = p.http->Post("/join", json{{"code", h.code()}, {"name", ""}, {"team", ""}}.dump(),
                          "application/json");
    if (r && r->status == 200) {
      std::string c = r->get_header_value("Set-Cookie");
      p.cookie = c.substr(0, c.find(';'));
    }
  }

  std::vector<double> latency;
  std::mutex latency_mu;
  std::atomic<int> dropped{0}, refused{0};
  std::vector<double> all_in, to_tally;
  for (int round = 0; round < rounds && !h.session("")->finished(); ++round) {
    const room::Stage stage = room::stage_of(*h.session(""));
    std::barrier start(devices + 1);
    std::vector<std::thread> threads;
    for (int i = 0; i < devices; ++i) {
      threads.emplace_back([&, i] {
        Phone& p = phones[static_cast<size_t>(i)];
        const std::string body =
            json{{"stage", stage.key}, {"choice", stage.choices[static_cast<size_t>(i) % stage.choices.size()]}}.dump();
        start.arrive_and_wait();
        const auto t0 = BenchClock::now();
        auto r = p.http->Post("/vote", httplib::Headers{{"Cookie", p.cookie}}, body, "application/json");
        if (!r) {
          ++dropped;
          return;
        }
        if (r->status != 200) {
          ++refused;
          return;
        }
        const double ms = elapsed_ms(t0);
        std::lock_guard lock(latency_mu);
        latency.push_back(ms);
      });
    }
    start.arrive_and_wait();
    const auto released = BenchClock::now();
    // The facilitator's panel, watching the tally: every vote was sent at `released`, so the
    // moment the count first reaches k is the k-th vote's time from sending to being counted.
    int counted = 0;
    while (counted < devices - dropped - refused && elapsed_ms(released) < 30000) {
      const int now = h.tally("").voted;
      for (; counted < now; ++counted) to_tally.push_back(elapsed_ms(released));
      std::this_thread::sleep_for(std::chrono::microseconds(200));  // a panel redrawing often
    }
    all_in.push_back(elapsed_ms(released));
    for (std::thread& t : threads) t.join();
    if (!h.record("", stage.choices[0], &error)) {
      std::printf("  the decision was not recorded: %s\n", error.c_str());
      break;
    }
  }
  h.stop();
  const std::string n = std::to_string(devices);
  const std::string rounds_done = std::to_string(all_in.size()) + " rounds";
  report(n + " at once: vote sent to the tally counting it, p50", quantile(to_tally, 0.5), "ms");
  report(n + " at once: vote sent to the tally counting it, p99", quantile(to_tally, 0.99), "ms",
         "under 1000 ms");
  report(n + " at once: the tally holding every vote, slowest of " + rounds_done,
         quantile(all_in, 1.0), "ms");
  report(n + " at once: the device's answer (vote accepted), p50", quantile(latency, 0.5), "ms");
  report(n + " at once: the device's answer (vote accepted), p99", quantile(latency, 0.99), "ms");
  report(n + " at once: votes dropped (no answer)", dropped.load(), "", "0");
  report(n + " at once: votes refused", refused.load(), "", "0");
  std::error_code ec;
  fs::remove_all(dir, ec);
}

}  // namespace

void bench_room() {
  section("Councillors' devices (a room on 127.0.0.1)");
  room_burst(60, 10);
}

}  // namespace auditsim::bench
