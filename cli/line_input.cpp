#include "cli/line_input.hpp"

#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <istream>

namespace auditsim::cli {

LineInput::Read FdLineInput::read(std::string& line, int timeout_ms) {
  for (;;) {
    if (const size_t nl = buffer_.find('\n'); nl != std::string::npos) {
      line = buffer_.substr(0, nl);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      buffer_.erase(0, nl + 1);
      return Read::Line;
    }
    if (ended_) {
      if (buffer_.empty()) return Read::End;
      line = std::move(buffer_);  // the last line had no line break
      buffer_.clear();
      return Read::Line;
    }
    pollfd p{fd_, POLLIN, 0};
    const int ready = ::poll(&p, 1, timeout_ms);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) return Read::Timeout;
    char chunk[4096];
    const ssize_t n = ::read(fd_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ended_ = true;
    else buffer_.append(chunk, static_cast<size_t>(n));
  }
}

LineInput::Read StreamLineInput::read(std::string& line, int) {
  return std::getline(in_, line) ? Read::Line : Read::End;
}

}  // namespace auditsim::cli
