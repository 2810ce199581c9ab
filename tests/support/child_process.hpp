// A program run in the background for a test that talks to it while it runs: lines written to
// its standard input, lines read from its standard output as they come, and a kill -9 to test
// what survives a crash. Standard error goes to a file, read when it has ended.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <vector>

namespace auditsim::test {

class ChildProcess {
 public:
  // Starts `args[0]` (no shell); extra environment entries ("NAME=value") are added.
  explicit ChildProcess(const std::vector<std::string>& args,
                        const std::vector<std::string>& extra_env = {});
  ~ChildProcess();  // kills it if still running
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  void write_line(const std::string& line);
  // The next line it prints (without the newline); nullopt when it ends or `timeout_ms` passes.
  std::optional<std::string> read_line(int timeout_ms = 10000);
  // Reads lines until one contains `text`; that line, or nullopt.
  std::optional<std::string> read_until(const std::string& text, int timeout_ms = 10000);
  void close_input();
  // Waits for it to end; its exit code, or -1 when it did not exit normally.
  int wait();
  void kill_hard();  // SIGKILL, as a crash or a pulled plug would end it
  std::string err();  // what it wrote to standard error (complete once it has ended)

 private:
  pid_t pid_ = -1;
  int in_fd_ = -1, out_fd_ = -1;
  std::string err_path_;
  std::string buffer_;
  bool ended_ = false;
  int exit_code_ = -1;
};

}  // namespace auditsim::test
