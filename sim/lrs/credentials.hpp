// The council's learning record store: where it is and how this copy of the program signs in.
// The endpoint and key live in the settings file; the secret only in an owner-only (0600) file
// beside it, so the settings file can be shared or shown without giving the LRS away. Nothing
// here ever puts the secret into a message.
#pragma once

#include <string>

#include "sim/settings.hpp"
#include "sim/store/records.hpp"

namespace auditsim::lrs {

// The accounts' homePage: pseudonymous people are accounts on the council's own site.
inline constexpr const char* kHomePage = "https://www.kingsmere.gov.uk/auditsim";

struct Credentials {
  std::string endpoint;  // the xAPI base, no trailing slash ("https://lrs.example.gov.uk/xAPI")
  std::string key;
  std::string secret;
};

// The secret's file for the settings file at `settings_path`: lrs-secret in the same folder.
std::string secret_path(const std::string& settings_path);

// Writes the secret (0600, atomically: temporary file then rename). False with `error` set.
bool save_secret(const std::string& path, const std::string& secret, std::string* error);
// Reads the secret. Empty with `error` set when the file is missing, or readable by others than
// its owner (then it is not used: the fix is `chmod 600 PATH`).
std::string load_secret(const std::string& path, std::string* error);

// Checks an endpoint typed by the user: http(s), a host, no user name or password inside it.
// Returns "" when it is fine, else what is wrong and how to fix it. Trailing slashes are removed.
std::string check_endpoint(std::string& endpoint);

// Whether settings name an LRS (statements are queued only then).
inline bool configured(const Settings& s) { return !s.lrs_endpoint.empty(); }

// What the store's outbox stamps on every statement for these settings.
store::OutboxSettings outbox_settings(const Settings& s);

// The endpoint, key and secret; `error` set (and false) when any is missing.
bool load_credentials(const Settings& s, const std::string& settings_path, Credentials& out,
                      std::string* error);

}  // namespace auditsim::lrs
