#include "reports/logo.hpp"

#include "sim/file_read.hpp"

namespace auditsim::reports {

std::optional<Logo> read_logo(const std::string& path, std::string* problem) {
  auto fail = [&](std::string why) -> std::optional<Logo> {
    if (problem) *problem = std::move(why);
    return std::nullopt;
  };
  if (problem) problem->clear();
  if (path.empty()) return std::nullopt;
  FileRead file = read_regular_file(path, kMaxLogoBytes);
  switch (file.status) {
    case FileRead::Status::Ok: break;
    case FileRead::Status::Missing:
      return fail("The logo " + path + " does not exist: check the path.");
    case FileRead::Status::NotRegular:
      return fail("The logo " + path + " is " + file_kind_words(file.kind) +
                  ", not an image file: give a PNG, JPEG or SVG file.");
    case FileRead::Status::TooLarge:
      return fail("The logo " + path + " is larger than 2 MB: save a smaller image.");
    case FileRead::Status::Unreadable:
      return fail("The logo " + path + " cannot be read (" + file.error +
                  "): check that you are allowed to read it.");
  }
  Logo logo;
  const std::string& b = file.bytes;
  logo.mime = b.rfind("\x89PNG", 0) == 0                ? "image/png"
              : b.rfind("\xFF\xD8", 0) == 0             ? "image/jpeg"
              : b.find("<svg") != std::string::npos     ? "image/svg+xml"
                                                        : "";
  if (logo.mime.empty())
    return fail("The logo " + path + " is not a PNG, JPEG or SVG image: save it as one of those.");
  logo.bytes = std::move(file.bytes);
  return logo;
}

}  // namespace auditsim::reports
