// UUIDs (RFC 4122), all made and written out by libuuid, in lower-case hex.
#pragma once

#include <string>
#include <string_view>

namespace auditsim {

// Version 4: random (libuuid reads the kernel's random source, so ids made on different laptops
// or in forked processes do not collide).
std::string random_uuid();

// Version 5: the SHA-1 of `name` in the RFC 4122 URL namespace. The same name always gives the
// same id (xAPI statement ids, so re-sending a report does not duplicate statements).
std::string name_uuid(std::string_view name);

// Whether `s` is a UUID written out in the 8-4-4-4-12 hex form.
bool is_uuid(std::string_view s);

}  // namespace auditsim
