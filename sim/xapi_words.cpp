#include "sim/xapi_words.hpp"

#include <cctype>
#include <cstdio>

namespace auditsim::xapi {

std::string iri_part(std::string_view s) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 0xF];
    }
  }
  return out;
}

std::string iso_duration(int64_t ms) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "PT%lld.%02lldS", static_cast<long long>(ms / 1000),
                static_cast<long long>((ms % 1000) / 10));
  return buf;
}

nlohmann::json verb(const char* id) {
  return {{"id", std::string(kVerbs) + id}, {"display", {{kLang, id}}}};
}

nlohmann::json four_p(const Score4& s) {
  nlohmann::json j;
  for (Pillar p : kPillars) j[pillar_key(p)] = s[p];
  return j;
}

}  // namespace auditsim::xapi
