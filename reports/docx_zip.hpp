// The zip container of a Word document, through libzip: written in memory, and read back (a
// council's template) with a limit on every part, so a hostile file cannot exhaust memory.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

struct zip;  // libzip's archive (zip.h)

namespace auditsim::reports::docx {

struct ZipEntry {
  std::string name;   // "word/document.xml"
  std::string bytes;
  bool deflate = true;  // false for images, which are compressed already
};

// The zip of `entries`, in their order, with a fixed time stamp so that the same report gives
// the same bytes. Throws std::runtime_error if libzip fails (it does only when out of memory).
std::string write_zip(const std::vector<ZipEntry>& entries);

// A zip archive held in memory, for reading named parts.
class ZipReader {
 public:
  // nullopt when `bytes` is not a zip archive libzip can open.
  static std::optional<ZipReader> open(std::string bytes);
  ZipReader(ZipReader&&) noexcept;
  ZipReader& operator=(ZipReader&&) = delete;
  ~ZipReader();

  bool has(const std::string& name) const;
  enum class Read { Ok, Missing, TooLarge, Unreadable };
  // The part `name`, at most `limit` bytes once uncompressed (however large the archive says it
  // is), into `out`.
  Read read(const std::string& name, size_t limit, std::string& out) const;

 private:
  ZipReader() = default;
  std::unique_ptr<std::string> bytes_;  // the archive reads from it: it must not move
  ::zip* archive_ = nullptr;
};

}  // namespace auditsim::reports::docx
