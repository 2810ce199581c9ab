#include "sim/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>
#include <utility>

namespace auditsim {
namespace {

namespace fs = std::filesystem;

void set_error(std::string* error, const std::string& text) {
  if (error) *error = text;
}

std::string random_suffix() {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  static const char kHex[] = "0123456789abcdef";
  std::string s;
  uint64_t v = rng();
  for (int i = 0; i < 12; ++i, v >>= 4) s += kHex[v & 15];
  return s;
}

bool write_all(int fd, std::string_view bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    done += static_cast<size_t>(n);
  }
  return true;
}

// The folder's own entry must reach the disk too, or a power cut can lose the rename.
void sync_folder(const std::string& folder) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

bool write_file_atomically(const std::string& path, std::string_view bytes, mode_t mode,
                           std::string* error) {
  AtomicFileWriter out(path, mode);
  const bool done = out.write(bytes) && out.commit();
  if (!done) set_error(error, out.error());
  return done;
}

AtomicFileWriter::AtomicFileWriter(std::string path, mode_t mode) : path_(std::move(path)) {
  struct stat st {};
  if (::lstat(path_.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode)) {
      error_ = path_ + " is a symbolic link; it was not written through. Remove the link or "
                       "choose another file name.";
      return;
    }
    if (!S_ISREG(st.st_mode)) {
      error_ = path_ + " exists and is not a regular file (a folder, pipe or device); choose "
                       "another file name.";
      return;
    }
  }
  const fs::path parent = fs::path(path_).parent_path();
  folder_ = parent.empty() ? std::string(".") : parent.string();
  for (int attempt = 0; attempt < 16 && fd_ < 0; ++attempt) {
    tmp_ = (parent / ("." + fs::path(path_).filename().string() + "." + random_suffix() + ".tmp"))
               .string();
    fd_ = ::open(tmp_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd_ < 0 && errno != EEXIST) break;
  }
  if (fd_ < 0) {
    error_ = "Cannot create a file in " + folder_ + " (" + std::strerror(errno) +
             "): check that the folder exists and that you may write to it.";
    return;
  }
  // The umask may have removed bits but never adds any; fchmod makes the mode exact.
  ::fchmod(fd_, mode);
}

AtomicFileWriter::~AtomicFileWriter() {
  if (fd_ >= 0) ::close(fd_);
  if (!committed_ && !tmp_.empty()) ::unlink(tmp_.c_str());
}

bool AtomicFileWriter::flush() {
  if (!write_all(fd_, buffer_)) {
    error_ = "Cannot write " + path_ + " (" + std::strerror(errno) + "): check that the disk is not full.";
    return false;
  }
  buffer_.clear();
  return true;
}

bool AtomicFileWriter::write(std::string_view bytes) {
  if (!ok() || fd_ < 0) return false;
  buffer_.append(bytes);
  size_ += bytes.size();
  return buffer_.size() < (1u << 16) || flush();
}

bool AtomicFileWriter::commit() {
  if (!ok() || fd_ < 0 || !flush()) return false;
  const bool synced = ::fsync(fd_) == 0;
  const int sync_errno = errno;
  const bool closed = ::close(fd_) == 0;
  fd_ = -1;
  if (!synced || !closed) {
    error_ = "Cannot write " + path_ + " (" + std::strerror(synced ? errno : sync_errno) +
             "): check that the disk is not full.";
    return false;
  }
  if (::rename(tmp_.c_str(), path_.c_str()) != 0) {
    error_ = "Cannot save " + path_ + " (" + std::strerror(errno) + "): check that you may write to the folder.";
    return false;
  }
  committed_ = true;
  sync_folder(folder_);
  return true;
}

}  // namespace auditsim
