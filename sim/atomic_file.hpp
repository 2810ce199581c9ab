// Replacing a file so that readers see either the old content or the new, never half of it, and
// so that nobody can redirect the write: the temporary file is created exclusively beside the
// target without following links, given its mode when it is created (0600 for files that hold
// names or Part B content), written, flushed to disk, renamed over the target, and the folder is
// flushed too so the rename survives a power cut.
#pragma once

#include <string>
#include <string_view>
#include <sys/types.h>

namespace auditsim {

// Owner-only: for reports with participants' names or Part B content, and settings.
inline constexpr mode_t kOwnerOnly = 0600;
// Readable by everyone (subject to the umask): for public material.
inline constexpr mode_t kPublicFile = 0644;

// Writes `bytes` to `path` as described above. Refuses (returns false) when `path` is a symbolic
// link or anything but a regular file. On failure `error` holds a sentence with the cause and
// what to do, no temporary file is left behind, and an existing file at `path` is unchanged.
bool write_file_atomically(const std::string& path, std::string_view bytes, mode_t mode,
                           std::string* error);

// The same, for a file written piece by piece as it is produced (a large export need never be
// held in memory whole): the pieces go to the temporary file, and commit() puts it in place. If
// commit() is never reached (an error, an exception), the destructor removes the temporary file
// and whatever was at `path` is unchanged.
class AtomicFileWriter {
 public:
  // Refuses a symbolic link or anything but a regular file at `path`; check ok().
  AtomicFileWriter(std::string path, mode_t mode);
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;
  ~AtomicFileWriter();

  bool ok() const { return error_.empty(); }
  // Why it failed: a sentence with the cause and what to do. Empty while all is well.
  const std::string& error() const { return error_; }
  // Appends (buffered); false once anything has failed.
  bool write(std::string_view bytes);
  // Flushes, syncs and renames over `path`; false (with error()) when any step fails.
  bool commit();
  // Bytes written so far.
  size_t size() const { return size_; }

 private:
  bool flush();

  std::string path_, tmp_, folder_, error_, buffer_;
  int fd_ = -1;
  size_t size_ = 0;
  bool committed_ = false;
};

}  // namespace auditsim
