// Lines typed by the player, read with a time limit so that terminal play can show a timed
// inject or a time-out while nobody is typing.
#pragma once

#include <iosfwd>
#include <string>

namespace auditsim::cli {

class LineInput {
 public:
  enum class Read { Line, Timeout, End };
  virtual ~LineInput() = default;
  // The next line without its line break; Timeout when none is complete within `timeout_ms`
  // (waits as long as it takes when negative); End at the end of input.
  virtual Read read(std::string& line, int timeout_ms) = 0;
};

// Reads a file descriptor directly (standard input), so that poll() sees exactly what has not
// been read: a line already typed is never left waiting in a stream's buffer. Input from a file
// or a pipe that already holds the lines is read at once, so scripted input never times out.
class FdLineInput final : public LineInput {
 public:
  explicit FdLineInput(int fd) : fd_(fd) {}
  Read read(std::string& line, int timeout_ms) override;

 private:
  int fd_;
  std::string buffer_;
  bool ended_ = false;
};

// A stream (tests): every read returns at once.
class StreamLineInput final : public LineInput {
 public:
  explicit StreamLineInput(std::istream& in) : in_(in) {}
  Read read(std::string& line, int timeout_ms) override;

 private:
  std::istream& in_;
};

}  // namespace auditsim::cli
