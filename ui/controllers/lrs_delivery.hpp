// Sending the xAPI outbox to the council's learning record store from the desktop program: a
// worker thread with its own database connection sends what is due (sim/lrs/sender) every few
// seconds and counts what waits, so the frame only ever copies the last count, never waits for
// the network. "Test connection" runs on a thread of its own. No ImGui here.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "sim/lrs/connection.hpp"
#include "sim/lrs/credentials.hpp"
#include "sim/lrs/sender.hpp"
#include "sim/store/records.hpp"

namespace auditsim::ui {

// What the status line shows: the outbox as last counted, and the last attempt's trouble.
struct LrsStatus {
  bool running = false;  // an LRS is set up and delivery has started
  bool counted = false;  // the outbox has been counted at least once
  store::OutboxCounts counts;
  std::string problem;  // why the last attempt did not deliver (no answer, no secret...), or ""
};

// "LRS: 3 statements waiting, 1 refused; next attempt 19:42:05 UTC — last attempt: why" (each
// part only when there is something to say); "" when no LRS is set up.
std::string lrs_status_line(const LrsStatus& s);

class LrsDelivery {
 public:
  using TransportFor = std::function<lrs::Transport(const lrs::Credentials&)>;
  using ProbeFor = std::function<lrs::Probe(const lrs::Credentials&)>;

  // The real LRS over libcurl, unless tests give their own.
  explicit LrsDelivery(TransportFor transport = {}, ProbeFor probe = {});
  ~LrsDelivery();
  LrsDelivery(const LrsDelivery&) = delete;
  LrsDelivery& operator=(const LrsDelivery&) = delete;

  // Starts sending from the database at `db_path`, signed in with the settings (and the secret
  // beside `settings_path`), every `every` and at once; a running delivery is restarted with
  // the new settings. Does nothing but stop when `s` names no LRS.
  void start(const std::string& db_path, const Settings& s, const std::string& settings_path,
             std::chrono::milliseconds every = std::chrono::seconds(5));
  void stop();
  // Sends and counts now rather than at the next tick (a decision was just recorded).
  void wake();
  LrsStatus status() const;

  // Tests the connection with these credentials on a thread of its own; the result arrives
  // in test_result(). A test already running is left to finish.
  void test_connection(const lrs::Credentials& c);
  bool testing() const;
  std::optional<lrs::ConnectionCheck> test_result() const;

 private:
  void run(std::string db_path, Settings s, std::string settings_path, std::chrono::milliseconds every);

  TransportFor transport_;
  ProbeFor probe_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  LrsStatus status_;
  std::thread worker_;
  std::thread tester_;
  bool testing_ = false;
  std::optional<lrs::ConnectionCheck> test_result_;
};

// The Settings screen's LRS section as typed. The secret is kept only until it is saved or the
// form is left, and only ever written to the owner-only secret file.
struct LrsForm {
  bool loaded = false;
  std::string endpoint, key, secret;
};

// Fills the form from the settings (the secret field stays empty: the saved one is never shown).
void load_lrs_form(LrsForm& f, const Settings& s);
// Whether a secret has been saved beside the settings file.
bool lrs_secret_saved(const std::string& settings_path);
// The credentials "Test connection" uses: the form's, with the saved secret when none is typed.
// False with `error` when something is missing.
bool lrs_form_credentials(const LrsForm& f, const std::string& settings_path, lrs::Credentials& out,
                          std::string* error);
// Saves the endpoint and key into `s` and its file, and a typed secret into the owner-only file
// (then clears it from the form). An empty endpoint switches the LRS off. Returns "" when
// saved, else what is wrong in words; nothing is changed then.
std::string save_lrs_form(LrsForm& f, Settings& s, const std::string& settings_path);

}  // namespace auditsim::ui
