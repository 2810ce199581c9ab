// `lrs setup|send|status|retry`: the council's learning record store. Statements are queued in
// the results database as sessions are played (only once an LRS is set up) and sent from here
// or by the desktop program; the secret is read from its owner-only file, never shown.
#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/store_access.hpp"
#include "sim/lrs/credentials.hpp"
#include "sim/lrs/curl_transport.hpp"
#include "sim/lrs/sender.hpp"

namespace auditsim::cli {
namespace {

struct SetupOpts {
  std::string endpoint, key, secret_file;
};

int run_setup(const SetupOpts& o) {
  const std::string settings_path = default_settings_path();
  std::string warning;
  Settings s = load_settings(settings_path, &warning);
  std::string endpoint = o.endpoint;
  if (std::string why = lrs::check_endpoint(endpoint); !why.empty()) {
    std::cerr << "auditsim lrs setup: " << why << "\n";
    return kExitUsage;
  }
  // The secret comes from standard input (or a file), never from the command line, where other
  // users could read it in the process list and the shell would keep it in its history.
  std::string secret;
  if (!o.secret_file.empty()) {
    std::string error;
    secret = lrs::load_secret(o.secret_file, &error);
    if (secret.empty()) {
      std::cerr << "auditsim lrs setup: " << error << "\n";
      return kExitUsage;
    }
  } else {
    if (::isatty(0)) std::cerr << "LRS secret for key " << o.key << ": ";
    std::getline(std::cin, secret);
    while (!secret.empty() && (secret.back() == '\r' || secret.back() == '\n')) secret.pop_back();
  }
  if (secret.empty()) {
    std::cerr << "auditsim lrs setup: no secret was given; type it (or pipe it) on standard input\n";
    return kExitUsage;
  }
  std::string error;
  if (!lrs::save_secret(lrs::secret_path(settings_path), secret, &error)) {
    std::cerr << "auditsim lrs setup: " << error << "\n";
    return kExitUsage;
  }
  s.lrs_endpoint = endpoint;
  s.lrs_key = o.key;
  if (!save_settings(s, settings_path, &error)) {
    std::cerr << "auditsim lrs setup: " << error << "\n";
    return kExitUsage;
  }
  std::cout << "The LRS is set up: " << endpoint << " (key " << o.key << "; the secret is in "
            << lrs::secret_path(settings_path) << ", readable by you only).\n"
            << "Sessions played from now on queue their xAPI statements; `auditsim lrs send` sends them.\n";
  return kExitOk;
}

void print_counts(const store::OutboxCounts& c) {
  std::cout << "Waiting: " << c.waiting << "\nSent: " << c.sent << "\nRefused: " << c.refused << "\n";
  if (c.waiting) {
    std::cout << "Oldest waiting: queued " << c.oldest_waiting << "\nNext attempt: " << c.next_attempt << "\n";
    if (!c.last_error.empty()) std::cout << "Last attempt: " << c.last_error << "\n";
  }
}

int run_send(const GlobalOptions& global) {
  const std::string settings_path = default_settings_path();
  const Settings s = load_settings(settings_path, nullptr);
  lrs::Credentials c;
  std::string error;
  if (!lrs::load_credentials(s, settings_path, c, &error)) {
    std::cerr << "auditsim lrs send: " << error << "\n";
    return kExitUsage;
  }
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    const lrs::SendReport r = lrs::send_due(*db, lrs::curl_transport(c), lrs::now_ms());
    std::cout << "Sent " << r.sent << ", refused " << r.refused << ", still waiting " << r.deferred
              << " (" << r.requests << " requests).\n";
    if (!r.error.empty()) std::cout << "Not delivered yet: " << r.error << "\n";
    if (r.refused) std::cout << "`auditsim lrs status --refused` shows why each refused one was refused.\n";
    return r.refused || r.deferred ? kExitProblems : kExitOk;
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return kExitUsage;
  }
}

int run_status(const GlobalOptions& global, bool refused) {
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    const Settings s = load_settings(default_settings_path(), nullptr);
    std::cout << "LRS: " << (s.lrs_endpoint.empty() ? "not set up" : s.lrs_endpoint) << "\n";
    print_counts(db->outbox_counts());
    if (refused)
      for (const store::RefusedStatement& r : db->refused_statements())
        std::cout << "Refused " << r.id << ": " << r.reason << "\n";
    return kExitOk;
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return kExitUsage;
  }
}

int run_retry(const GlobalOptions& global) {
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    const int64_t n = db->requeue_refused(lrs::iso_time(lrs::now_ms()));
    std::cout << n << " refused statement" << (n == 1 ? "" : "s")
              << " waiting again; `auditsim lrs send` sends them.\n";
    return kExitOk;
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return kExitUsage;
  }
}

}  // namespace

void add_lrs_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  CLI::App* lrs = app.add_subcommand("lrs", "The council's learning record store (xAPI).");
  lrs->require_subcommand(1);
  auto so = std::make_shared<SetupOpts>();
  CLI::App* setup = lrs->add_subcommand(
      "setup", "Sets the LRS endpoint and key; the secret is read from standard input and kept\n"
               "in an owner-only file beside the settings.");
  setup->add_option("--endpoint", so->endpoint, "The xAPI base, e.g. https://lrs.example.gov.uk/xAPI")->required();
  setup->add_option("--key", so->key, "The LRS key (client id) for this copy of the program")->required();
  setup->add_option("--secret-file", so->secret_file, "Read the secret from this owner-only file instead");
  setup->callback([so, &exit_code] { exit_code = run_setup(*so); });
  lrs->add_subcommand("send", "Sends every statement that is due.")
      ->callback([&global, &exit_code] { exit_code = run_send(global); });
  auto refused = std::make_shared<bool>(false);
  CLI::App* status = lrs->add_subcommand("status", "Counts waiting, sent and refused statements.");
  status->add_flag("--refused", *refused, "List each refused statement with the LRS's reason");
  status->callback([&global, &exit_code, refused] { exit_code = run_status(global, *refused); });
  lrs->add_subcommand("retry", "Puts refused statements back to waiting, once their cause is fixed.")
      ->callback([&global, &exit_code] { exit_code = run_retry(global); });
}

}  // namespace auditsim::cli
