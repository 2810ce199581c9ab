#include "sim/file_read.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace auditsim {
namespace {

FileKind kind_of(mode_t mode) {
  if (S_ISREG(mode)) return FileKind::Regular;
  if (S_ISDIR(mode)) return FileKind::Folder;
  if (S_ISFIFO(mode)) return FileKind::Fifo;
  if (S_ISCHR(mode) || S_ISBLK(mode)) return FileKind::Device;
  if (S_ISSOCK(mode)) return FileKind::Socket;
  return FileKind::Other;
}

// Closes the descriptor however the read ends.
struct Fd {
  int fd;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

FileKind file_kind(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return FileKind::Missing;
  return kind_of(st.st_mode);
}

const char* file_kind_words(FileKind kind) {
  switch (kind) {
    case FileKind::Missing: return "missing";
    case FileKind::Regular: return "a file";
    case FileKind::Folder: return "a folder";
    case FileKind::Fifo: return "a named pipe (FIFO)";
    case FileKind::Device: return "a device";
    case FileKind::Socket: return "a socket";
    case FileKind::Other: return "not a regular file";
  }
  return "not a regular file";
}

FileRead read_regular_file(const std::string& path, size_t max_bytes) {
  FileRead r;
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    r.status = errno == ENOENT || errno == ENOTDIR ? FileRead::Status::Missing
                                                   : FileRead::Status::Unreadable;
    r.error = std::strerror(errno);
    return r;
  }
  r.kind = kind_of(st.st_mode);
  // Devices are not even opened: opening some of them has effects of its own.
  if (r.kind != FileKind::Regular) {
    r.status = FileRead::Status::NotRegular;
    return r;
  }
  // O_NONBLOCK: if a FIFO was put in the file's place since the check, open does not wait for a
  // writer; fstat below then refuses it.
  Fd f{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
  if (f.fd < 0) {
    r.status = errno == ENOENT ? FileRead::Status::Missing : FileRead::Status::Unreadable;
    r.error = std::strerror(errno);
    return r;
  }
  if (::fstat(f.fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    r.kind = kind_of(st.st_mode);
    r.status = FileRead::Status::NotRegular;
    return r;
  }
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) {
    r.status = FileRead::Status::TooLarge;
    return r;
  }
  const int flags = ::fcntl(f.fd, F_GETFL);
  if (flags >= 0) ::fcntl(f.fd, F_SETFL, flags & ~O_NONBLOCK);
  std::string out;
  out.reserve(static_cast<size_t>(st.st_size));
  char buf[65536];
  for (;;) {
    const ssize_t n = ::read(f.fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      r.status = FileRead::Status::Unreadable;
      r.error = std::strerror(errno);
      return r;
    }
    if (n == 0) break;
    out.append(buf, static_cast<size_t>(n));
    if (out.size() > max_bytes) {  // the file grew while being read
      r.status = FileRead::Status::TooLarge;
      return r;
    }
  }
  r.status = FileRead::Status::Ok;
  r.bytes = std::move(out);
  return r;
}

}  // namespace auditsim
