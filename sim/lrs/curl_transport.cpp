#include "sim/lrs/curl_transport.hpp"

#include <curl/curl.h>

#include <memory>
#include <mutex>

namespace auditsim::lrs {
namespace {

size_t collect(char* data, size_t size, size_t n, void* out) {
  auto* body = static_cast<std::string*>(out);
  // An LRS's answer is small; a huge one is cut off rather than filling memory.
  if (body->size() < 1'000'000) body->append(data, size * n);
  return size * n;
}

struct Handle {
  CURL* curl = nullptr;
  curl_slist* headers = nullptr;
  ~Handle() {
    if (headers) curl_slist_free_all(headers);
    if (curl) curl_easy_cleanup(curl);
  }
};

}  // namespace

Transport curl_transport(const Credentials& c, long timeout_s) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  // One handle for the whole run, so batches reuse the connection.
  auto h = std::make_shared<Handle>();
  h->curl = curl_easy_init();
  const std::string url = c.endpoint + "/statements";
  h->headers = curl_slist_append(h->headers, "X-Experience-API-Version: 1.0.3");
  h->headers = curl_slist_append(h->headers, "Content-Type: application/json");
  if (h->curl) {
    curl_easy_setopt(h->curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, h->headers);
    curl_easy_setopt(h->curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(h->curl, CURLOPT_USERNAME, c.key.c_str());
    curl_easy_setopt(h->curl, CURLOPT_PASSWORD, c.secret.c_str());
    curl_easy_setopt(h->curl, CURLOPT_TIMEOUT, timeout_s);
    curl_easy_setopt(h->curl, CURLOPT_CONNECTTIMEOUT, std::min(timeout_s, 10L));
    curl_easy_setopt(h->curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h->curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, collect);
  }
  return [h, url](const std::string& json) {
    Answer a;
    if (!h->curl) {
      a.error = "the network library could not start";
      return a;
    }
    curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, &a.body);
    curl_easy_setopt(h->curl, CURLOPT_POSTFIELDS, json.c_str());
    curl_easy_setopt(h->curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(json.size()));
    const CURLcode rc = curl_easy_perform(h->curl);
    if (rc != CURLE_OK) {
      // curl's own words name the host and the failure, never the credentials.
      a.error = std::string("could not reach ") + url + " (" + curl_easy_strerror(rc) + ")";
      return a;
    }
    long status = 0;
    curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &status);
    a.status = static_cast<int>(status);
    return a;
  };
}

Probe curl_probe(const Credentials& c, long timeout_s) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  const std::string url = c.endpoint + "/statements?limit=1&format=ids";
  return [c, url, timeout_s] {
    Answer a;
    Handle h;
    h.curl = curl_easy_init();
    if (!h.curl) {
      a.error = "the network library could not start";
      return a;
    }
    h.headers = curl_slist_append(h.headers, "X-Experience-API-Version: 1.0.3");
    curl_easy_setopt(h.curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h.curl, CURLOPT_HTTPHEADER, h.headers);
    curl_easy_setopt(h.curl, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
    curl_easy_setopt(h.curl, CURLOPT_USERNAME, c.key.c_str());
    curl_easy_setopt(h.curl, CURLOPT_PASSWORD, c.secret.c_str());
    curl_easy_setopt(h.curl, CURLOPT_TIMEOUT, timeout_s);
    curl_easy_setopt(h.curl, CURLOPT_CONNECTTIMEOUT, std::min(timeout_s, 10L));
    curl_easy_setopt(h.curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h.curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h.curl, CURLOPT_WRITEFUNCTION, collect);
    curl_easy_setopt(h.curl, CURLOPT_WRITEDATA, &a.body);
    const CURLcode rc = curl_easy_perform(h.curl);
    if (rc != CURLE_OK) {
      a.error = std::string("could not reach ") + c.endpoint + " (" + curl_easy_strerror(rc) + ")";
      return a;
    }
    long status = 0;
    curl_easy_getinfo(h.curl, CURLINFO_RESPONSE_CODE, &status);
    a.status = static_cast<int>(status);
    return a;
  };
}

}  // namespace auditsim::lrs
