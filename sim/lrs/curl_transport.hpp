// The Transport that POSTs to a real LRS with libcurl: xAPI 1.0.3 headers, Basic auth from the
// key and secret, a time-out. Its error words never hold the secret.
#pragma once

#include "sim/lrs/connection.hpp"
#include "sim/lrs/credentials.hpp"
#include "sim/lrs/sender.hpp"

namespace auditsim::lrs {

// POSTs to credentials.endpoint + "/statements". `timeout_s` bounds each request.
Transport curl_transport(const Credentials& credentials, long timeout_s = 30);
// GETs credentials.endpoint + "/statements?limit=1&format=ids", signed in, for "Test connection".
Probe curl_probe(const Credentials& credentials, long timeout_s = 10);

}  // namespace auditsim::lrs
