#include "tests/support/run_process.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace auditsim::test {
namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

ProcessResult run_process(const std::vector<std::string>& args, const std::string& input,
                          const std::vector<std::string>& extra_env) {
  // Files rather than pipes: no risk of deadlock when a child prints a lot before reading.
  char in_path[] = "/tmp/auditsim-test-in-XXXXXX";
  char out_path[] = "/tmp/auditsim-test-out-XXXXXX";
  char err_path[] = "/tmp/auditsim-test-err-XXXXXX";
  int in_fd = mkstemp(in_path), out_fd = mkstemp(out_path), err_fd = mkstemp(err_path);
  if (write(in_fd, input.data(), input.size()) != static_cast<ssize_t>(input.size())) {
    return {};
  }
  lseek(in_fd, 0, SEEK_SET);

  ProcessResult result;
  pid_t pid = fork();
  if (pid == 0) {
    dup2(in_fd, 0);
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    for (const std::string& e : extra_env) putenv(const_cast<char*>(e.c_str()));
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  close(in_fd);
  close(out_fd);
  close(err_fd);
  result.out = slurp(out_path);
  result.err = slurp(err_path);
  std::remove(in_path);
  std::remove(out_path);
  std::remove(err_path);
  return result;
}

}  // namespace auditsim::test
