// The council's logo, read once for a report: at most kMaxLogoBytes are read from a regular file
// (a pipe, device or folder is refused before reading), and only PNG, JPEG and SVG are accepted.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

namespace auditsim::reports {

inline constexpr size_t kMaxLogoBytes = 2 * 1024 * 1024;

struct Logo {
  std::string bytes;
  std::string mime;  // "image/png" | "image/jpeg" | "image/svg+xml"
};

// The logo at `path`; nullopt (with `problem` set to a sentence saying why and what to do) when
// it cannot be used. An empty path is no logo and no problem.
std::optional<Logo> read_logo(const std::string& path, std::string* problem = nullptr);

}  // namespace auditsim::reports
