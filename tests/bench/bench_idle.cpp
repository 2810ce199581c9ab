// Idle CPU of the real desktop program: the auditsim executable in a real window on a private
// Xvfb display (Mesa's software renderer, so drawing costs show up as CPU), left alone for a few
// seconds while its user and system time are read from /proc. This is the figure a council laptop
// on battery cares about: how much of a core the program takes while nobody touches it.
#include "tests/bench/bench.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace auditsim::bench {

namespace {

constexpr double kSettleSeconds = 3.0;   // start-up (fonts, first frames) is not idle time
constexpr double kMeasureSeconds = 8.0;

bool on_path(const char* program) {
  const char* path = std::getenv("PATH");
  if (!path) return false;
  std::stringstream dirs(path);
  for (std::string dir; std::getline(dirs, dir, ':');)
    if (!dir.empty() && ::access((fs::path(dir) / program).c_str(), X_OK) == 0) return true;
  return false;
}

// utime + stime of a process, in seconds.
double cpu_seconds(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
  // Fields after the command name, which is in parentheses and may hold spaces.
  const size_t close = text.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream rest(text.substr(close + 2));
  std::string field;
  long long utime = 0, stime = 0;
  for (int i = 3; rest >> field; ++i) {
    if (i == 14) utime = std::stoll(field);
    if (i == 15) {
      stime = std::stoll(field);
      break;
    }
  }
  return static_cast<double>(utime + stime) / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

pid_t spawn(const std::vector<std::string>& args, const std::vector<std::string>& env_extra,
            int stdout_fd = -1) {
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  for (const std::string& e : env_extra) ::putenv(const_cast<char*>(e.c_str()));
  const int devnull = ::open("/dev/null", O_RDWR);
  ::dup2(devnull, 0);
  ::dup2(stdout_fd >= 0 ? stdout_fd : devnull, 1);
  ::dup2(devnull, 2);
  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execvp(argv[0], argv.data());
  ::_exit(127);
}

void stop(pid_t pid) {
  ::kill(pid, SIGTERM);
  for (int i = 0; i < 50; ++i) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, nullptr, 0);
}

// Starts Xvfb on a display it picks itself (-displayfd) and returns its number, or -1.
int start_xvfb(pid_t& xvfb) {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  xvfb = spawn({"Xvfb", "-displayfd", std::to_string(fds[1]), "-screen", "0", "1280x800x24",
                "-nolisten", "tcp"},
               {}, -1);
  ::close(fds[1]);
  std::string number;
  char ch = 0;
  while (::read(fds[0], &ch, 1) == 1 && ch != '\n') number += ch;
  ::close(fds[0]);
  return number.empty() ? -1 : std::atoi(number.c_str());
}

// Percent of one core the program uses over the measuring window.
double idle_percent(int display, const std::vector<std::string>& extra_args,
                    const fs::path& scratch) {
  std::vector<std::string> args{AUDITSIM_BINARY};
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  const pid_t app = spawn(args, {"DISPLAY=:" + std::to_string(display),
                                 "XDG_DATA_HOME=" + (scratch / "data").string(),
                                 "XDG_CONFIG_HOME=" + (scratch / "config").string()});
  std::this_thread::sleep_for(std::chrono::duration<double>(kSettleSeconds));
  const double before = cpu_seconds(app);
  const auto t0 = BenchClock::now();
  std::this_thread::sleep_for(std::chrono::duration<double>(kMeasureSeconds));
  const double after = cpu_seconds(app);
  const double wall = elapsed_ms(t0) / 1000.0;
  stop(app);
  if (before < 0 || after < 0) return -1;
  return 100.0 * (after - before) / wall;
}

}  // namespace

void bench_idle() {
  section("Desktop program at rest (real window on Xvfb, software OpenGL)");
  if (!on_path("Xvfb")) {
    std::printf("  not measured: Xvfb is not installed (scripts/install-deps installs it)\n");
    return;
  }
  pid_t xvfb = -1;
  const int display = start_xvfb(xvfb);
  if (display < 0) {
    std::printf("  not measured: Xvfb did not start\n");
    if (xvfb > 0) stop(xvfb);
    return;
  }
  const fs::path scratch = fs::temp_directory_path() / ("auditsim-bench-idle-" +
                                                         std::to_string(::getpid()));
  fs::create_directories(scratch);
  report("scenario library, nobody touching it: CPU", idle_percent(display, {}, scratch),
         "%", "<= 10 % of one core");
  const std::string tutorial = std::string(AUDITSIM_SCENARIOS_DIR) +
                               "/examples/tutorial-supplier-bank-details.yaml";
  report("play screen (session clock shown), nobody touching it: CPU",
         idle_percent(display, {"--open", tutorial}, scratch), "%", "<= 20 % of one core");
  stop(xvfb);
  std::error_code ec;
  fs::remove_all(scratch, ec);
}

}  // namespace auditsim::bench
