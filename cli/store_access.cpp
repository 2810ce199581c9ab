#include "cli/store_access.hpp"

#include <iostream>

#include "sim/lrs/credentials.hpp"

namespace auditsim::cli {

std::string db_path(const GlobalOptions& global) {
  if (!global.db_path.empty()) return global.db_path;
  // The council's shared server when the settings name one, as in the desktop program.
  const Settings settings = load_settings(default_settings_path(), nullptr);
  if (!settings.results_server.empty()) return settings.results_server;
  return store::default_db_path().string();
}

void print_store_error(const store::StoreError& e) {
  std::cerr << "auditsim: " << e.what() << "\n";
}

std::optional<store::Store> open_store(const GlobalOptions& global) {
  try {
    store::Store db = store::Store::open(db_path(global));
    // With an LRS set up, play queues its xAPI statements with each decision.
    const Settings settings = load_settings(default_settings_path(), nullptr);
    if (lrs::configured(settings)) db.enable_outbox(lrs::outbox_settings(settings));
    return db;
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return std::nullopt;
  }
}

}  // namespace auditsim::cli
