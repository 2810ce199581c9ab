#include "sim/atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

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
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) {
    if (S_ISLNK(st.st_mode)) {
      set_error(error, path + " is a symbolic link; it was not written through. Remove the link "
                              "or choose another file name.");
      return false;
    }
    if (!S_ISREG(st.st_mode)) {
      set_error(error, path + " exists and is not a regular file (a folder, pipe or device); "
                              "choose another file name.");
      return false;
    }
  }
  const fs::path parent = fs::path(path).parent_path();
  const std::string folder = parent.empty() ? std::string(".") : parent.string();
  std::string tmp;
  int fd = -1;
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    tmp = (parent / ("." + fs::path(path).filename().string() + "." + random_suffix() + ".tmp"))
              .string();
    fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) {
    set_error(error, "Cannot create a file in " + folder + " (" + std::strerror(errno) +
                         "): check that the folder exists and that you may write to it.");
    return false;
  }
  // The umask may have removed bits but never adds any; fchmod makes the mode exact.
  ::fchmod(fd, mode);
  const bool written = write_all(fd, bytes);
  const int write_errno = errno;
  const bool synced = written && ::fsync(fd) == 0;
  const bool closed = ::close(fd) == 0;
  if (!written || !synced || !closed) {
    ::unlink(tmp.c_str());
    set_error(error, "Cannot write " + path + " (" +
                         std::strerror(written ? errno : write_errno) +
                         "): check that the disk is not full.");
    return false;
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    const int e = errno;
    ::unlink(tmp.c_str());
    set_error(error, "Cannot save " + path + " (" + std::strerror(e) +
                         "): check that you may write to the folder.");
    return false;
  }
  sync_folder(folder);
  return true;
}

}  // namespace auditsim
