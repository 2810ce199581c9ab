#include "cli/store_access.hpp"

#include <iostream>

namespace auditsim::cli {

std::string db_path(const GlobalOptions& global) {
  return global.db_path.empty() ? store::default_db_path().string() : global.db_path;
}

void print_store_error(const store::StoreError& e) {
  std::cerr << "auditsim: " << e.what() << "\n";
}

std::optional<store::Store> open_store(const GlobalOptions& global) {
  try {
    return store::Store::open(db_path(global));
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return std::nullopt;
  }
}

}  // namespace auditsim::cli
