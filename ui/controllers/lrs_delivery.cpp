#include "ui/controllers/lrs_delivery.hpp"

#include <filesystem>

#include "sim/lrs/curl_transport.hpp"
#include "sim/store/store.hpp"

namespace auditsim::ui {

namespace {

// "2026-03-12T19:42:05.123Z" -> "19:42:05 UTC" today; the date as well on another day.
std::string when(const std::string& iso) {
  if (iso.size() < 19) return iso;
  const std::string today = lrs::iso_time(lrs::now_ms()).substr(0, 10);
  const std::string time = iso.substr(11, 8) + " UTC";
  return iso.substr(0, 10) == today ? time : iso.substr(0, 10) + " " + time;
}

std::string statements(int64_t n) { return std::to_string(n) + (n == 1 ? " statement" : " statements"); }

}  // namespace

std::string lrs_status_line(const LrsStatus& s) {
  if (!s.running) return {};
  if (!s.counted) return "LRS: counting the statements waiting\u2026";
  std::string line = "LRS: " + statements(s.counts.waiting) + " waiting";
  if (s.counts.refused) line += ", " + std::to_string(s.counts.refused) + " refused";
  if (s.counts.waiting && !s.counts.next_attempt.empty()) line += "; next attempt " + when(s.counts.next_attempt);
  if (!s.problem.empty()) line += " \u2014 " + s.problem;
  else if (s.counts.waiting && !s.counts.last_error.empty()) line += " \u2014 last attempt: " + s.counts.last_error;
  return line;
}

LrsDelivery::LrsDelivery(TransportFor transport, ProbeFor probe)
    : transport_(std::move(transport)), probe_(std::move(probe)) {
  // A shorter time-out than the command line's: closing the program waits for a POST under way.
  if (!transport_) transport_ = [](const lrs::Credentials& c) { return lrs::curl_transport(c, 15); };
  if (!probe_) probe_ = [](const lrs::Credentials& c) { return lrs::curl_probe(c); };
}

LrsDelivery::~LrsDelivery() {
  stop();
  if (tester_.joinable()) tester_.join();
}

void LrsDelivery::start(const std::string& db_path, const Settings& s, const std::string& settings_path,
                        std::chrono::milliseconds every) {
  stop();
  if (!lrs::configured(s)) return;
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = false;
    woken_ = true;
    status_ = LrsStatus{};
    status_.running = true;
  }
  worker_ = std::thread(&LrsDelivery::run, this, db_path, s, settings_path, every);
}

void LrsDelivery::stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  // A POST under way ends within the transport's time-out; the program waits for it on the way
  // out so the answer is recorded and nothing is sent twice.
  if (worker_.joinable()) worker_.join();
  std::lock_guard<std::mutex> lock(mu_);
  status_.running = false;
}

void LrsDelivery::wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

LrsStatus LrsDelivery::status() const {
  std::lock_guard<std::mutex> lock(mu_);
  return status_;
}

void LrsDelivery::run(std::string db_path, Settings s, std::string settings_path,
                      std::chrono::milliseconds every) {
  std::optional<store::Store> db;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait_for(lock, every, [&] { return stopping_ || woken_; });
      if (stopping_) return;
      woken_ = false;
    }
    std::string problem;
    store::OutboxCounts counts;
    bool counted = false;
    try {
      if (!db) db.emplace(store::Store::open(db_path));
      lrs::Credentials c;
      // Read each time: a secret saved (or fixed with chmod) since the start is used at once.
      if (lrs::load_credentials(s, settings_path, c, &problem)) {
        const lrs::SendReport r = lrs::send_due(*db, transport_(c), lrs::now_ms());
        problem = r.error.empty() ? std::string() : "not delivered: " + r.error;
      }
      counts = db->outbox_counts();
      counted = true;
    } catch (const std::exception& e) {
      problem = std::string("the results database could not be read: ") + e.what();
      db.reset();
    }
    std::lock_guard<std::mutex> lock(mu_);
    status_.problem = problem;
    if (counted) {
      status_.counts = counts;
      status_.counted = true;
    }
  }
}

void LrsDelivery::test_connection(const lrs::Credentials& c) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (testing_) return;
    testing_ = true;
    test_result_.reset();
  }
  if (tester_.joinable()) tester_.join();  // the last test has finished: testing_ was false
  tester_ = std::thread([this, c] {
    const lrs::ConnectionCheck check = lrs::connection_check(probe_(c)());
    std::lock_guard<std::mutex> lock(mu_);
    test_result_ = check;
    testing_ = false;
  });
}

bool LrsDelivery::testing() const {
  std::lock_guard<std::mutex> lock(mu_);
  return testing_;
}

std::optional<lrs::ConnectionCheck> LrsDelivery::test_result() const {
  std::lock_guard<std::mutex> lock(mu_);
  return test_result_;
}

void load_lrs_form(LrsForm& f, const Settings& s) {
  f.endpoint = s.lrs_endpoint;
  f.key = s.lrs_key;
  f.secret.clear();
  f.loaded = true;
}

bool lrs_secret_saved(const std::string& settings_path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(lrs::secret_path(settings_path), ec);
}

bool lrs_form_credentials(const LrsForm& f, const std::string& settings_path, lrs::Credentials& out,
                          std::string* error) {
  std::string endpoint = f.endpoint;
  if (std::string why = lrs::check_endpoint(endpoint); !why.empty()) {
    *error = why;
    return false;
  }
  if (f.key.empty()) {
    *error = "Type the key the LRS gave this computer.";
    return false;
  }
  out.endpoint = endpoint;
  out.key = f.key;
  out.secret = f.secret;
  if (out.secret.empty()) {
    out.secret = lrs::load_secret(lrs::secret_path(settings_path), error);
    if (out.secret.empty()) {
      *error = "Type the secret: " + *error;
      return false;
    }
  }
  return true;
}

std::string save_lrs_form(LrsForm& f, Settings& s, const std::string& settings_path) {
  std::string endpoint = f.endpoint;
  Settings next = s;
  if (endpoint.empty()) {
    next.lrs_endpoint.clear();
    next.lrs_key.clear();
  } else {
    if (std::string why = lrs::check_endpoint(endpoint); !why.empty()) return why;
    if (f.key.empty()) return "Type the key the LRS gave this computer.";
    if (f.secret.empty() && !lrs_secret_saved(settings_path))
      return "Type the secret: none has been saved on this computer yet.";
    std::string error;
    // Only through the owner-only file: the secret never goes into the settings file.
    if (!f.secret.empty() && !lrs::save_secret(lrs::secret_path(settings_path), f.secret, &error))
      return error;
    next.lrs_endpoint = endpoint;
    next.lrs_key = f.key;
  }
  std::string error;
  if (!save_settings(next, settings_path, &error)) return error;
  s = next;
  f.endpoint = endpoint;
  f.secret.assign(f.secret.size(), '\0');
  f.secret.clear();
  return {};
}

}  // namespace auditsim::ui
