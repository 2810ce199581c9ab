// 10,000 xAPI statements queued and sent to a real LRS on this machine (Learning Locker's
// statement service from tests/lrs, in-memory storage): the time to deliver them and this
// process's peak memory. Skipped when the service is not installed.
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "sim/lrs/curl_transport.hpp"
#include "sim/lrs/sender.hpp"
#include "sim/uuid.hpp"
#include "tests/bench/bench.hpp"

namespace fs = std::filesystem;

namespace auditsim::bench {

void bench_lrs() {
  section("Learning record store (xAPI)");
  const fs::path lrs = fs::path(AUDITSIM_SOURCE_DIR) / "tests/lrs";
  if (!fs::exists(lrs / "node_modules/xapi-statements")) {
    std::printf("  skipped: tests/lrs is not installed (scripts/install-deps)\n");
    return;
  }
  const fs::path dir = fs::temp_directory_path() / ("auditsim-bench-lrs-" + std::to_string(::getpid()));
  const std::string server = (lrs / "lrs-server").string() + " ";
  if (std::system((server + "start 18932 " + dir.string()).c_str()) != 0) {
    std::printf("  skipped: the LRS did not start\n");
    return;
  }
  {
    store::Store db = store::Store::open(dir / "results.db");
    db.enable_outbox({"https://www.example.gov.uk/auditsim", ""});
    const std::string run = random_uuid();
    db.batch([&] {
      for (int i = 0; i < 10'000; ++i) {
        const std::string id = name_uuid(run + "/" + std::to_string(i));
        nlohmann::json s = {
            {"id", id},
            {"actor", {{"objectType", "Agent"},
                       {"account", {{"homePage", "https://www.example.gov.uk/auditsim"},
                                    {"name", "Participant " + std::to_string(i % 40)}}}}},
            {"verb", {{"id", "http://adlnet.gov/expapi/verbs/answered"}}},
            {"object", {{"id", "https://www.example.gov.uk/auditsim/scenarios/s/nodes/n" + std::to_string(i % 30)}}},
            {"result", {{"response", "report-it"}, {"duration", "PT42.00S"}}}};
        db.queue_statement(id, s.dump());
      }
    });
    const lrs::Transport t = lrs::curl_transport(
        {"http://127.0.0.1:18932/xAPI", "bench", "bench-secret"}, 60);
    const auto t0 = BenchClock::now();
    const lrs::SendReport r = lrs::send_due(db, t, lrs::now_ms() + 1000);
    const double ms = elapsed_ms(t0);
    rusage ru{};
    ::getrusage(RUSAGE_SELF, &ru);
    report("10,000 statements sent (" + std::to_string(r.sent) + " accepted, " +
               std::to_string(r.requests) + " POSTs)", ms / 1000.0, "s");
    report("peak memory of the sending process", ru.ru_maxrss / 1024.0, "MB");
  }
  std::system((server + "stop 18932 " + dir.string()).c_str());
  fs::remove_all(dir);
}

}  // namespace auditsim::bench
