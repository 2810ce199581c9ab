#include "sim/lrs/connection.hpp"

namespace auditsim::lrs {

ConnectionCheck connection_check(const Answer& a) {
  if (a.status >= 200 && a.status < 300)
    return {true, "Connected: the LRS answered and accepted the key and secret."};
  if (a.status == 0)
    return {false, (a.error.empty() ? std::string("The LRS did not answer") : "No answer: " + a.error) +
                       ". Check the endpoint and that this computer can reach it."};
  if (a.status == 401 || a.status == 403)
    return {false, "The LRS refused the key and secret (HTTP " + std::to_string(a.status) +
                       "). Check both, or make a new key at the LRS."};
  if (a.status == 404)
    return {false, "The LRS has no statements at this address (HTTP 404). The endpoint should end "
                   "in the xAPI base, such as /xAPI."};
  const std::string reason = refusal_reason(a);
  return {false, "The LRS answered HTTP " + std::to_string(a.status) + (reason.empty() ? "" : ": " + reason) +
                     ". Try again later, or ask the LRS's administrator."};
}

}  // namespace auditsim::lrs
