// The order of the ways to ask, the dialog programs (zenity, kdialog) and the asynchronous
// dialog the screens use. The portal is in file_chooser_portal.cpp.
#include "ui/platform/file_chooser.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>

extern char** environ;

namespace auditsim::ui {
namespace {

struct ProgramRun {
  bool started = false;
  int exit_status = -1;  // -1 when it did not exit normally
  std::string out;
};

// Runs `argv[0]` (a full path) without a shell, standard input from /dev/null, and reads what it
// prints. The dialog programs print one path and exit.
ProgramRun run_program(const std::vector<std::string>& argv) {
  ProgramRun run;
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return run;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDOUT_FILENO);
  // GTK and Qt chatter on standard error (theme and portal warnings) is not for the user.
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  const int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (rc != 0) {
    close(pipe_fds[0]);
    return run;
  }
  run.started = true;
  char buf[4096];
  for (;;) {
    const ssize_t n = read(pipe_fds[0], buf, sizeof buf);
    if (n > 0) {
      // A path is short; a program that prints megabytes is not answering the question.
      if (run.out.size() < 64 * 1024) run.out.append(buf, static_cast<size_t>(n));
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    break;
  }
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status)) run.exit_status = WEXITSTATUS(status);
  return run;
}

std::string without_final_newlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string folder_of(const std::string& path) {
  struct stat st {};
  if (!path.empty() && stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) return path;
  const size_t slash = path.rfind('/');
  return slash == std::string::npos || slash == 0 ? std::string() : path.substr(0, slash);
}

std::vector<std::string> zenity_args(const std::string& exe, const FileRequest& r) {
  std::vector<std::string> a{exe, "--file-selection"};
  if (!r.title.empty()) a.push_back("--title=" + r.title);
  if (r.kind == FileRequest::Kind::Save) a.insert(a.end(), {"--save", "--confirm-overwrite"});
  if (r.kind == FileRequest::Kind::Folder) a.push_back("--directory");
  if (!r.current.empty()) a.push_back("--filename=" + r.current);
  for (const FileFilter& f : r.filters) {
    std::string spec = f.name + " |";
    for (const std::string& p : f.patterns) spec += " " + p;
    a.push_back("--file-filter=" + spec);
  }
  return a;
}

std::vector<std::string> kdialog_args(const std::string& exe, const FileRequest& r) {
  std::vector<std::string> a{exe};
  if (!r.title.empty()) a.insert(a.end(), {"--title", r.title});
  const std::string start = r.kind == FileRequest::Kind::Save ? r.current : folder_of(r.current);
  switch (r.kind) {
    case FileRequest::Kind::Open: a.push_back("--getopenfilename"); break;
    case FileRequest::Kind::Save: a.push_back("--getsavefilename"); break;
    case FileRequest::Kind::Folder: a.push_back("--getexistingdirectory"); break;
  }
  a.push_back(start.empty() ? "." : start);
  if (r.kind != FileRequest::Kind::Folder && !r.filters.empty()) {
    std::string spec;
    for (const FileFilter& f : r.filters) {
      std::string patterns;
      for (const std::string& p : f.patterns) patterns += (patterns.empty() ? "" : " ") + p;
      spec += (spec.empty() ? "" : "\n") + patterns + "|" + f.name;
    }
    a.push_back(spec);
  }
  return a;
}

class ProgramBackend : public FileChooserBackend {
 public:
  ProgramBackend(std::string program, std::string path_env)
      : program_(std::move(program)), path_env_(std::move(path_env)) {}
  std::string name() const override { return program_; }

  FileAnswer choose(const FileRequest& request) override {
    FileAnswer a;
    a.via = program_;
    const std::string exe = find_on_path(program_, path_env_);
    if (exe.empty()) {
      a.why = program_ + " is not installed";
      return a;
    }
    const ProgramRun run =
        run_program(program_ == "kdialog" ? kdialog_args(exe, request) : zenity_args(exe, request));
    if (!run.started || run.exit_status < 0 || run.exit_status > 1) {
      a.why = program_ + " could not show a dialog";
      return a;
    }
    const std::string path = without_final_newlines(run.out);
    if (run.exit_status == 1 || path.empty()) {
      a.status = FileAnswer::Status::Cancelled;
      return a;
    }
    a.status = FileAnswer::Status::Chosen;
    a.path = path;
    return a;
  }

 private:
  std::string program_, path_env_;
};

}  // namespace

std::string find_on_path(const std::string& program, const std::string& path_env) {
  if (program.empty() || program.find('/') != std::string::npos) return "";
  size_t from = 0;
  while (from <= path_env.size()) {
    size_t colon = path_env.find(':', from);
    if (colon == std::string::npos) colon = path_env.size();
    const std::string dir = path_env.substr(from, colon - from);
    from = colon + 1;
    if (dir.empty()) continue;  // an empty entry would mean the working folder: never trusted
    const std::string candidate = dir + "/" + program;
    struct stat st {};
    if (stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) && access(candidate.c_str(), X_OK) == 0)
      return candidate;
  }
  return "";
}

std::unique_ptr<FileChooserBackend> program_backend(const std::string& program, std::string path_env) {
  return std::make_unique<ProgramBackend>(program, std::move(path_env));
}

std::vector<std::unique_ptr<FileChooserBackend>> default_backends() {
  const char* path = std::getenv("PATH");
  std::vector<std::unique_ptr<FileChooserBackend>> chain;
  chain.push_back(portal_backend());
  chain.push_back(program_backend("zenity", path ? path : ""));
  chain.push_back(program_backend("kdialog", path ? path : ""));
  return chain;
}

FileAnswer choose_file(std::vector<std::unique_ptr<FileChooserBackend>>& backends,
                       const FileRequest& request) {
  FileAnswer none;
  for (auto& b : backends) {
    FileAnswer a = b->choose(request);
    if (a.status != FileAnswer::Status::Unavailable) {
      if (a.via.empty()) a.via = b->name();
      return a;
    }
    none.why += (none.why.empty() ? "" : "; ") + a.why;
  }
  none.why = "No file dialog could be shown (" + (none.why.empty() ? std::string("none set up") : none.why) +
             "): type the path instead.";
  return none;
}

FileDialog::FileDialog(ChainMaker make_chain) : make_chain_(make_chain) {}

FileDialog::~FileDialog() {
  // A dialog still open when the program closes: its thread finishes when the user answers
  // or the dialog program is closed with the desktop; waiting here keeps it from outliving us.
  if (pending_.valid()) pending_.wait();
}

bool FileDialog::open(const std::string& key, const FileRequest& request) {
  if (pending_.valid()) return false;
  key_ = key;
  answered_.reset();
  ChainMaker make = make_chain_;
  pending_ = std::async(std::launch::async, [make, request] {
    auto chain = make();
    return choose_file(chain, request);
  });
  return true;
}

bool FileDialog::take(const std::string& key, std::string* value, FileAnswer* answer) {
  if (pending_.valid() && pending_.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
    answered_ = pending_.get();
  if (!answered_ || key != key_) return false;
  const FileAnswer a = *answered_;
  answered_.reset();
  key_.clear();
  unavailable_ = a.status == FileAnswer::Status::Unavailable ? a.why : "";
  if (a.status == FileAnswer::Status::Chosen && value) *value = a.path;
  if (answer) *answer = a;
  return true;
}

void FileDialog::wait() {
  if (pending_.valid()) pending_.wait();
}

}  // namespace auditsim::ui
