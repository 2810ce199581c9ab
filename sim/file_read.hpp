// Reading a file the user named (a scenario, an evidence document, a logo) without trusting it to
// be one: folders, named pipes, devices and sockets are refused before anything is read, so a
// FIFO cannot block the program and /dev/zero cannot fill its memory, and a regular file is read
// only up to a size cap, however large it claims to be or grows while being read.
#pragma once

#include <cstddef>
#include <string>

namespace auditsim {

enum class FileKind { Missing, Regular, Folder, Fifo, Device, Socket, Other };

// What the path names, following symbolic links; Missing when nothing is there (or the path
// cannot be looked at).
FileKind file_kind(const std::string& path);

// "a folder", "a named pipe (FIFO)", "a device", ... for messages: "`x` is a folder, not ...".
const char* file_kind_words(FileKind kind);

struct FileRead {
  enum class Status { Ok, Missing, NotRegular, TooLarge, Unreadable };
  Status status = Status::Unreadable;
  FileKind kind = FileKind::Missing;  // what the path turned out to be
  std::string bytes;                  // the content when Ok
  std::string error;                  // the system's words when Unreadable
};

// Reads a regular file of at most `max_bytes` bytes. The type is checked before the file is
// opened and again on the open descriptor (the path may be swapped in between), the open never
// waits for a writer, and at most `max_bytes + 1` bytes are read.
FileRead read_regular_file(const std::string& path, size_t max_bytes);

}  // namespace auditsim
