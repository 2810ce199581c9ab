#include "sim/uuid.hpp"

#include <uuid/uuid.h>

namespace auditsim {
namespace {

std::string written(const uuid_t u) {
  char out[37];
  uuid_unparse_lower(u, out);
  return out;
}

}  // namespace

std::string random_uuid() {
  uuid_t u;
  uuid_generate_random(u);
  return written(u);
}

std::string name_uuid(std::string_view name) {
  static const struct UrlNamespace {
    uuid_t id;
    UrlNamespace() { uuid_parse("6ba7b811-9dad-11d1-80b4-00c04fd430c8", id); }  // RFC 4122 C.2
  } url;
  uuid_t u;
  uuid_generate_sha1(u, url.id, name.data(), name.size());
  return written(u);
}

bool is_uuid(std::string_view s) {
  if (s.size() != 36) return false;
  const std::string text(s);  // uuid_parse needs a terminated string
  uuid_t u;
  return uuid_parse(text.c_str(), u) == 0;
}

}  // namespace auditsim
