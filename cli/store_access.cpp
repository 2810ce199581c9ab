#include "cli/store_access.hpp"

#include <iostream>

#include "sim/lrs/credentials.hpp"

namespace auditsim::cli {

namespace {

std::string db_path(const GlobalOptions& global, const Settings& settings) {
  if (!global.db_path.empty()) return global.db_path;
  // The council's shared server when the settings name one, as in the desktop program.
  if (!settings.results_server.empty()) return settings.results_server;
  return store::default_db_path().string();
}

}  // namespace

std::string db_path(const GlobalOptions& global) {
  return db_path(global, load_settings(default_settings_path(), nullptr));
}

void print_store_error(const store::StoreError& e) {
  std::cerr << "auditsim: " << e.what() << "\n";
}

std::optional<store::Store> open_store(const GlobalOptions& global) {
  try {
    const Settings settings = load_settings(default_settings_path(), nullptr);
    store::Store db = store::Store::open(db_path(global, settings));
    // With an LRS set up, play queues its xAPI statements with each decision.
    if (lrs::configured(settings)) db.enable_outbox(lrs::outbox_settings(settings));
    return db;
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return std::nullopt;
  }
}

}  // namespace auditsim::cli
