// "Test connection": one signed-in GET of the LRS's statements, and what its answer means in
// words a council's IT officer can act on. Nothing is sent and nothing in the outbox changes.
#pragma once

#include <functional>
#include <string>

#include "sim/lrs/sender.hpp"

namespace auditsim::lrs {

// GETs the LRS's /statements resource (one statement id at most), signed in.
using Probe = std::function<Answer()>;

struct ConnectionCheck {
  bool ok = false;
  std::string message;  // never holds the secret
};

// 2xx: the endpoint is an LRS and the key and secret are accepted; anything else says what to fix.
ConnectionCheck connection_check(const Answer& a);

}  // namespace auditsim::lrs
