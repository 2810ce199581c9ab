#include "reports/docx_zip.hpp"

#include <zip.h>

#include <stdexcept>

namespace auditsim::reports::docx {
namespace {

// 1 January 2020, 00:00 UTC: any fixed date will do; a real one keeps unzip tools quiet.
constexpr time_t kFixedTime = 1577836800;

[[noreturn]] void fail(const char* what, zip_error_t* error) {
  std::string message = std::string("The Word document could not be assembled (") + what + ": " +
                        zip_error_strerror(error) + ").";
  zip_error_fini(error);
  throw std::runtime_error(message);
}

}  // namespace

std::string write_zip(const std::vector<ZipEntry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* memory = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (!memory) fail("memory", &error);
  zip_source_keep(memory);  // still ours after zip_close, to read the archive back
  zip_t* archive = zip_open_from_source(memory, ZIP_TRUNCATE, &error);
  if (!archive) {
    zip_source_free(memory);
    fail("open", &error);
  }
  for (const ZipEntry& e : entries) {
    // The entries' bytes outlive zip_close, which is when libzip reads them.
    zip_source_t* part = zip_source_buffer(archive, e.bytes.data(), e.bytes.size(), 0);
    const zip_int64_t index =
        part ? zip_file_add(archive, e.name.c_str(), part, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) {
      if (part) zip_source_free(part);
      zip_discard(archive);
      zip_source_free(memory);
      zip_error_set(&error, ZIP_ER_MEMORY, 0);
      fail("add", &error);
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index),
                             e.deflate ? ZIP_CM_DEFLATE : ZIP_CM_STORE, e.deflate ? 6 : 0);
    zip_file_set_mtime(archive, static_cast<zip_uint64_t>(index), kFixedTime, 0);
  }
  if (zip_close(archive) != 0) {
    zip_error_t* why = zip_get_error(archive);
    std::string message = std::string("The Word document could not be assembled (") +
                          zip_error_strerror(why) + ").";
    zip_discard(archive);
    zip_source_free(memory);
    throw std::runtime_error(message);
  }
  std::string out;
  if (zip_source_open(memory) == 0) {
    zip_source_seek(memory, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(memory);
    zip_source_seek(memory, 0, SEEK_SET);
    if (size > 0) {
      out.resize(static_cast<size_t>(size));
      const zip_int64_t got = zip_source_read(memory, out.data(), static_cast<zip_uint64_t>(size));
      out.resize(got > 0 ? static_cast<size_t>(got) : 0);
    }
    zip_source_close(memory);
  }
  zip_source_free(memory);
  if (out.empty()) {
    zip_error_set(&error, ZIP_ER_READ, 0);
    fail("read back", &error);
  }
  return out;
}

std::optional<ZipReader> ZipReader::open(std::string bytes) {
  ZipReader r;
  r.bytes_ = std::make_unique<std::string>(std::move(bytes));
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* source = zip_source_buffer_create(r.bytes_->data(), r.bytes_->size(), 0, &error);
  if (!source) {
    zip_error_fini(&error);
    return std::nullopt;
  }
  r.archive_ = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  zip_error_fini(&error);
  if (!r.archive_) {
    zip_source_free(source);
    return std::nullopt;
  }
  return r;
}

ZipReader::ZipReader(ZipReader&& other) noexcept
    : bytes_(std::move(other.bytes_)), archive_(other.archive_) {
  other.archive_ = nullptr;
}

ZipReader::~ZipReader() {
  if (archive_) zip_discard(archive_);
}

bool ZipReader::has(const std::string& name) const {
  return zip_name_locate(archive_, name.c_str(), 0) >= 0;
}

ZipReader::Read ZipReader::read(const std::string& name, size_t limit, std::string& out) const {
  const zip_int64_t index = zip_name_locate(archive_, name.c_str(), 0);
  if (index < 0) return Read::Missing;
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_, static_cast<zip_uint64_t>(index), 0, &st) == 0 &&
      (st.valid & ZIP_STAT_SIZE) && st.size > limit)
    return Read::TooLarge;
  zip_file_t* file = zip_fopen_index(archive_, static_cast<zip_uint64_t>(index), 0);
  if (!file) return Read::Unreadable;
  // Read to one byte past the limit whatever the header claimed: the sizes in a zip are the
  // writer's word, not a promise.
  out.assign(limit + 1, '\0');
  size_t have = 0;
  while (have < out.size()) {
    const zip_int64_t got = zip_fread(file, out.data() + have, out.size() - have);
    if (got < 0) {
      zip_fclose(file);
      out.clear();
      return Read::Unreadable;
    }
    if (got == 0) break;
    have += static_cast<size_t>(got);
  }
  zip_fclose(file);
  out.resize(have);
  if (have > limit) {
    out.clear();
    return Read::TooLarge;
  }
  return Read::Ok;
}

}  // namespace auditsim::reports::docx
