#include "sim/lrs/credentials.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace auditsim::lrs {

std::string secret_path(const std::string& settings_path) {
  return (std::filesystem::path(settings_path).parent_path() / "lrs-secret").string();
}

bool save_secret(const std::string& path, const std::string& secret, std::string* error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path folder = fs::path(path).parent_path();
  if (!folder.empty()) fs::create_directories(folder, ec);
  const std::string tmp = path + ".tmp";
  ::unlink(tmp.c_str());
  // Created 0600 from the first byte: never briefly readable by others.
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0) {
    if (error) *error = "The LRS secret could not be saved to " + tmp + ": " + std::strerror(errno) + ".";
    return false;
  }
  bool ok = ::fchmod(fd, 0600) == 0;
  size_t done = 0;
  while (ok && done < secret.size()) {
    const ssize_t n = ::write(fd, secret.data() + done, secret.size() - done);
    if (n <= 0) ok = false;
    else done += static_cast<size_t>(n);
  }
  ok = ok && ::fsync(fd) == 0;
  ok = (::close(fd) == 0) && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    if (error) *error = "The LRS secret could not be saved to " + path + ": " + std::strerror(err) + ".";
    return false;
  }
  return true;
}

std::string load_secret(const std::string& path, std::string* error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0) {
    if (error)
      *error = "There is no LRS secret (" + path + "); set it with `auditsim lrs setup` or on the Settings screen.";
    return {};
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (st.st_mode & 077) != 0) {
    ::close(fd);
    if (error)
      *error = "The LRS secret file " + path +
               " can be read by other users, so it is not used; run `chmod 600 " + path +
               "` (or set the secret again) and change the secret at the LRS.";
    return {};
  }
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  ::close(fd);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

std::string check_endpoint(std::string& endpoint) {
  while (!endpoint.empty() && (endpoint.back() == '/' || endpoint.back() == ' ')) endpoint.pop_back();
  while (!endpoint.empty() && endpoint.front() == ' ') endpoint.erase(0, 1);
  const bool http = endpoint.rfind("http://", 0) == 0, https = endpoint.rfind("https://", 0) == 0;
  if (!http && !https)
    return "The LRS endpoint must start with https:// (for example https://lrs.example.gov.uk/xAPI).";
  const std::string rest = endpoint.substr(http ? 7 : 8);
  const std::string authority = rest.substr(0, rest.find('/'));
  if (authority.empty()) return "The LRS endpoint has no host name after " + endpoint + ".";
  if (authority.find('@') != std::string::npos)
    return "The LRS endpoint must not hold a key or secret (the part before @); give them "
           "separately with --key and the secret prompt.";
  for (unsigned char c : endpoint)
    if (c <= ' ' || c == 0x7f) return "The LRS endpoint must not contain spaces or control characters.";
  return {};
}

store::OutboxSettings outbox_settings(const Settings& s) {
  return {kHomePage, s.council_name};
}

bool load_credentials(const Settings& s, const std::string& settings_path, Credentials& out,
                      std::string* error) {
  if (s.lrs_endpoint.empty()) {
    if (error) *error = "No LRS is set up; run `auditsim lrs setup --endpoint URL --key KEY`.";
    return false;
  }
  out.endpoint = s.lrs_endpoint;
  if (std::string why = check_endpoint(out.endpoint); !why.empty()) {
    if (error) *error = why;
    return false;
  }
  out.key = s.lrs_key;
  out.secret = load_secret(secret_path(settings_path), error);
  return !out.secret.empty();
}

}  // namespace auditsim::lrs
