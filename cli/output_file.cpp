#include "cli/output_file.hpp"

#include <filesystem>
#include <iostream>
#include <system_error>

namespace auditsim::cli {

bool output_allowed(const std::string& command, const std::string& out, bool force) {
  namespace fs = std::filesystem;
  if (out.empty() || out == "-") return true;
  std::error_code ec;
  const fs::file_status st = fs::symlink_status(out, ec);
  // A link planted where the file goes is refused even with --force (the atomic writer refuses
  // it too; saying so here spares building the file first).
  if (fs::is_symlink(st)) {
    std::cerr << "auditsim " << command << ": " << out
              << " is a symbolic link; a report is never written through one. Choose another "
                 "--output file\n";
    return false;
  }
  if (!force && fs::exists(st)) {
    std::cerr << "auditsim " << command << ": " << out
              << " already exists; choose another --output file, or add --force to replace it\n";
    return false;
  }
  return true;
}

}  // namespace auditsim::cli
