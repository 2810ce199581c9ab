// The LRS secret: owner-only, beside the settings, never in the settings file, a message or a
// statement.
#include <doctest/doctest.h>
#include <sys/stat.h>

#include <fstream>
#include <string>

#include "sim/lrs/credentials.hpp"
#include "sim/lrs/sender.hpp"
#include "tests/support/test_files.hpp"

using namespace auditsim;

namespace {
std::string read_all(const std::string& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
}  // namespace

TEST_CASE("the secret is saved 0600 beside the settings and never in the settings file") {
  const auto dir = test::fresh_scratch_dir("lrs-secret");
  const std::string settings_path = (dir / "settings.json").string();
  Settings s;
  s.lrs_endpoint = "https://lrs.example.gov.uk/xAPI";
  s.lrs_key = "auditsim-laptop-3";
  std::string error;
  REQUIRE(save_settings(s, settings_path, &error));
  const std::string secret_file = lrs::secret_path(settings_path);
  CHECK(secret_file == (dir / "lrs-secret").string());
  REQUIRE(lrs::save_secret(secret_file, "s3cr3t-Hunter2", &error));
  struct stat st {};
  REQUIRE(::stat(secret_file.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  CHECK(read_all(settings_path).find("s3cr3t-Hunter2") == std::string::npos);
  CHECK(read_all(settings_path).find("auditsim-laptop-3") != std::string::npos);
  lrs::Credentials c;
  REQUIRE(lrs::load_credentials(load_settings(settings_path, nullptr), settings_path, c, &error));
  CHECK(c.secret == "s3cr3t-Hunter2");
  CHECK(c.key == "auditsim-laptop-3");
}

TEST_CASE("a secret file others can read is not used, and the message does not quote it") {
  const auto dir = test::fresh_scratch_dir("lrs-secret-open");
  const std::string p = (dir / "lrs-secret").string();
  std::string error;
  REQUIRE(lrs::save_secret(p, "s3cr3t-Hunter2", &error));
  ::chmod(p.c_str(), 0644);
  CHECK(lrs::load_secret(p, &error).empty());
  CHECK(error.find("chmod 600") != std::string::npos);
  CHECK(error.find("s3cr3t") == std::string::npos);
}

TEST_CASE("a missing secret says how to set it") {
  const auto dir = test::fresh_scratch_dir("lrs-secret-missing");
  std::string error;
  CHECK(lrs::load_secret((dir / "lrs-secret").string(), &error).empty());
  CHECK(error.find("auditsim lrs setup") != std::string::npos);
}

TEST_CASE("an endpoint with a key or secret inside it is refused without repeating it") {
  std::string e = "https://key:s3cr3t-Hunter2@lrs.example.gov.uk/xAPI";
  const std::string why = lrs::check_endpoint(e);
  CHECK_FALSE(why.empty());
  CHECK(why.find("s3cr3t") == std::string::npos);
  std::string ok = " https://lrs.example.gov.uk/xAPI/ ";
  CHECK(lrs::check_endpoint(ok).empty());
  CHECK(ok == "https://lrs.example.gov.uk/xAPI");
  std::string ftp = "ftp://lrs.example.gov.uk";
  CHECK_FALSE(lrs::check_endpoint(ftp).empty());
}

TEST_CASE("a refusal's reason is the LRS's message, with control characters made spaces") {
  lrs::Answer a{400, "{\"message\":\"bad\\nthing\",\"warnings\":[\"verb.id\"]}", ""};
  CHECK(lrs::refusal_reason(a) == "bad thing; verb.id");
  lrs::Answer b{400, "not json", ""};
  CHECK(lrs::refusal_reason(b) == "not json");
}
