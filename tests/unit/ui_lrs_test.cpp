// The desktop program's side of the learning record store: the Settings section (endpoint, key,
// the secret typed masked and saved only to the owner-only file, "Test connection"), the line
// that says what waits, and delivery on a worker thread that never holds up a frame. The LRS is
// one in memory, answering as the test says.
#include <doctest/doctest.h>

#include "tests/support/test_files.hpp"
#include "tests/support/ui_app_config.hpp"

#include <sys/stat.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "sim/lrs/credentials.hpp"
#include "sim/store/store.hpp"
#include "sim/uuid.hpp"
#include "ui/app/headless.hpp"
#include "ui/controllers/lrs_delivery.hpp"

namespace fs = std::filesystem;
using namespace auditsim;
using namespace auditsim::ui;
using namespace std::chrono_literals;

namespace {

std::string scratch(const std::string& name) {
  return auditsim::test::fresh_scratch_dir("ui-lrs-" + name).string();
}

const char* kSecret = "s3cr3t-Ŵ-never-shown";

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// An LRS in memory, safe to call from the delivery thread.
struct MemoryLrs {
  std::mutex mu;
  std::set<std::string> stored;
  std::atomic<int> posts{0};
  std::atomic<bool> online{true};
  lrs::Answer post(const std::string& body) {
    ++posts;
    if (!online) return {0, "", "could not reach http://127.0.0.1:9/xAPI (Couldn't connect to server)"};
    std::lock_guard<std::mutex> lock(mu);
    for (const auto& s : nlohmann::json::parse(body)) stored.insert(s["id"].get<std::string>());
    return {200, "[]", ""};
  }
  size_t count() {
    std::lock_guard<std::mutex> lock(mu);
    return stored.size();
  }
};

// A results database with `n` statements waiting.
void queue(const std::string& db_path, int n) {
  store::Store db = store::Store::open(db_path);
  db.batch([&] {
    for (int i = 0; i < n; ++i) {
      const std::string id = name_uuid("ui-lrs/" + db_path + "/" + std::to_string(i));
      db.queue_statement(id, nlohmann::json{{"id", id}}.dump());
    }
  });
}

// Settings naming an LRS, with its secret saved beside them.
Settings lrs_settings(const std::string& dir) {
  Settings s;
  s.lrs_endpoint = "http://127.0.0.1:9/xAPI";
  s.lrs_key = "laptop-7";
  std::string error;
  REQUIRE(lrs::save_secret(lrs::secret_path(dir + "/settings.json"), kSecret, &error));
  REQUIRE(save_settings(s, dir + "/settings.json", &error));
  return s;
}

// Waits (up to 10 s) until `done` holds.
template <class F>
bool eventually(F done) {
  for (int i = 0; i < 1000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(10ms);
  }
  return done();
}

}  // namespace

TEST_CASE("LRS settings: the secret goes only to the owner-only file — a bad endpoint or no secret saves nothing") {
  const std::string dir = scratch("form");
  const std::string settings_path = dir + "/settings.json";
  Settings s;
  LrsForm f;
  load_lrs_form(f, s);
  f.endpoint = "https://user:pass@lrs.example.gov.uk/xAPI";
  f.key = "laptop-7";
  f.secret = kSecret;
  CHECK_FALSE(save_lrs_form(f, s, settings_path).empty());
  CHECK(s.lrs_endpoint.empty());
  CHECK_FALSE(fs::exists(settings_path));
  CHECK_FALSE(lrs_secret_saved(settings_path));

  f.endpoint = "https://lrs.example.gov.uk/xAPI/";
  f.secret.clear();
  CHECK(save_lrs_form(f, s, settings_path).find("secret") != std::string::npos);  // none saved yet
  CHECK(s.lrs_endpoint.empty());

  f.secret = kSecret;
  CHECK(save_lrs_form(f, s, settings_path).empty());
  CHECK(s.lrs_endpoint == "https://lrs.example.gov.uk/xAPI");  // the trailing slash taken off
  CHECK(f.secret.empty());  // not kept in the form once saved
  CHECK(slurp(settings_path).find(kSecret) == std::string::npos);
  CHECK(slurp(settings_path).find("laptop-7") != std::string::npos);
  struct stat st {};
  REQUIRE(::stat(lrs::secret_path(settings_path).c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  std::string error;
  CHECK(lrs::load_secret(lrs::secret_path(settings_path), &error) == kSecret);

  // Saved again with the secret left blank: the saved one stays, and is what a test uses.
  f.key = "laptop-8";
  CHECK(save_lrs_form(f, s, settings_path).empty());
  lrs::Credentials c;
  REQUIRE(lrs_form_credentials(f, settings_path, c, &error));
  CHECK(c.secret == kSecret);
  CHECK(c.key == "laptop-8");

  // An empty endpoint switches the LRS off.
  f.endpoint.clear();
  CHECK(save_lrs_form(f, s, settings_path).empty());
  CHECK_FALSE(lrs::configured(s));
  CHECK_FALSE(lrs::configured(load_settings(settings_path, nullptr)));
}

TEST_CASE("LRS delivery: the worker sends what waits, retries after a day offline, and the line says so") {
  const std::string dir = scratch("worker");
  const std::string db_path = dir + "/results.db";
  queue(db_path, 3);
  const Settings s = lrs_settings(dir);
  MemoryLrs lrs;
  lrs.online = false;
  LrsDelivery d([&](const lrs::Credentials& c) {
    CHECK(c.secret == kSecret);
    return lrs::Transport([&](const std::string& body) { return lrs.post(body); });
  });
  CHECK(lrs_status_line(d.status()).empty());  // not started: nothing to say
  d.start(db_path, s, dir + "/settings.json", 20ms);
  REQUIRE(eventually([&] { return d.status().counted && !d.status().problem.empty(); }));
  const LrsStatus offline = d.status();
  CHECK(offline.counts.waiting == 3);
  const std::string line = lrs_status_line(offline);
  CHECK(line.find("LRS: 3 statements waiting") == 0);
  CHECK(line.find("next attempt") != std::string::npos);
  CHECK(line.find("Couldn't connect") != std::string::npos);
  CHECK(line.find(kSecret) == std::string::npos);
  // Waiting 30 s before the next attempt: the worker's ticks do not hammer the LRS meanwhile.
  const int posts = lrs.posts;
  std::this_thread::sleep_for(200ms);
  CHECK(lrs.posts == posts);
  d.stop();

  // Back online, and the wait over (the store's clock moved on): all three arrive, once.
  {
    store::Store db = store::Store::open(db_path);
    db.requeue_refused(lrs::iso_time(lrs::now_ms()));
    for (const auto& st : db.due_statements("9999", 100))
      db.mark_retry({st.id}, lrs::iso_time(lrs::now_ms() - 1000), "");
  }
  lrs.online = true;
  d.start(db_path, s, dir + "/settings.json", 20ms);
  REQUIRE(eventually([&] { return d.status().counted && d.status().counts.sent == 3; }));
  CHECK(lrs.count() == 3);
  CHECK(lrs_status_line(d.status()) == "LRS: 0 statements waiting");
}

TEST_CASE("LRS delivery: a frame is drawn at once while the LRS takes its time to answer") {
  const std::string dir = scratch("frame");
  lrs_settings(dir);
  AppConfig config = auditsim::test::app_config_in(dir);
  queue(config.db_path, 2);
  std::mutex gate;
  gate.lock();  // the LRS answers only when the test lets it
  std::atomic<bool> posting{false};
  config.lrs_transport = [&](const lrs::Credentials&) {
    return lrs::Transport([&](const std::string&) {
      posting = true;
      std::lock_guard<std::mutex> wait(gate);
      return lrs::Answer{200, "[]", ""};
    });
  };
  {
    Headless h(config);
    REQUIRE(eventually([&] { return posting.load(); }));
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < 10; ++i) h.frame();
    const auto took = std::chrono::steady_clock::now() - t0;
    CHECK(took < 2s);  // ten frames with the POST still waiting on the LRS
    CHECK(h.probe().saw_text("LRS: counting the statements waiting"));
    gate.unlock();
    REQUIRE(eventually([&] { return h.app().lrs().status().counts.sent == 2; }));
    h.frame();
    CHECK(h.probe().saw_text("LRS: 0 statements waiting"));
  }
}

TEST_CASE("LRS settings screen: typed masked, saved, tested — a refused key is explained without the secret") {
  const std::string dir = scratch("screen");
  AppConfig config = auditsim::test::app_config_in(dir);
  std::atomic<int> probes{0};
  std::string probed_secret;
  config.lrs_probe = [&](const lrs::Credentials& c) {
    probed_secret = c.secret;
    return lrs::Probe([&] {
      ++probes;
      return lrs::Answer{401, R"({"message":"Unauthorised"})", ""};
    });
  };
  config.lrs_transport = [](const lrs::Credentials&) {
    return lrs::Transport([](const std::string&) { return lrs::Answer{200, "[]", ""}; });
  };
  Headless h(config, {1280, 2400});
  h.app().go(Screen::Settings);
  h.frame();
  CHECK(h.probe().saw_text("No LRS is set up"));
  REQUIRE(h.type_into("Endpoint", "https://lrs.example.gov.uk/xAPI"));
  REQUIRE(h.type_into("Key", "laptop-7"));
  REQUIRE(h.type_into("Secret", kSecret));
  REQUIRE(h.click("Test connection"));
  REQUIRE(eventually([&] { return !h.app().lrs().testing() && h.app().lrs().test_result(); }));
  h.frame();
  CHECK(probes == 1);
  CHECK(probed_secret == kSecret);
  CHECK(h.probe().saw_text("refused the key and secret"));
  for (const std::string& t : h.probe().texts()) CHECK(t.find(kSecret) == std::string::npos);

  REQUIRE(h.click("Save LRS settings"));
  CHECK(h.probe().saw_text("Saved. Statements are queued"));
  CHECK(h.app().settings().lrs_endpoint == "https://lrs.example.gov.uk/xAPI");
  CHECK(h.app().lrs_form().secret.empty());
  CHECK(slurp(config.settings_path).find(kSecret) == std::string::npos);
  std::string error;
  CHECK(lrs::load_secret(lrs::secret_path(config.settings_path), &error) == kSecret);
  // Queuing is on for the open database at once, and the line below every screen counts it.
  REQUIRE(h.app().db() != nullptr);
  CHECK(h.app().db()->outbox() != nullptr);
  REQUIRE(eventually([&] { return h.app().lrs().status().counted; }));
  h.frame();
  CHECK(h.probe().saw_text("LRS: 0 statements waiting"));

  // A bad endpoint is refused in words and changes nothing.
  h.app().lrs_form().endpoint = "ftp://lrs.example.gov.uk";
  h.frame();
  REQUIRE(h.click("Save LRS settings"));
  CHECK(h.app().settings().lrs_endpoint == "https://lrs.example.gov.uk/xAPI");
  CHECK_FALSE(h.probe().saw_text("Saved."));
}
