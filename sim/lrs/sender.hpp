// Sending the outbox to the learning record store. The state machine lives here, apart from the
// network: a Transport POSTs one batch and says what the LRS answered, so tests drive every
// answer (and a day offline, through the clock they pass) without a network.
//   200 -> sent.  409 for one statement (already there, with other content) -> sent.
//   400 (or 409, 413) for a batch -> split in halves until each refused statement is alone; it
//   is kept, refused, with the LRS's reason; the rest are sent.
//   No answer, a time-out, 5xx, 401/403/404 and the like -> every statement of the batch waits
//   30 s, doubling with each failed attempt to 1 h at most, and this run stops sending.
// Statement ids make a repeated POST harmless, so a run killed between POST and recording the
// answer sends that batch again without duplicating it.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "sim/store/store.hpp"

namespace auditsim::lrs {

inline constexpr int kBatchSize = 100;
inline constexpr int64_t kFirstRetryMs = 30'000;
inline constexpr int64_t kLongestRetryMs = 3'600'000;

// What the LRS answered one POST of statements. status 0: no answer (offline, refused
// connection, time-out); `error` then says why, in words safe to show (never the secret).
struct Answer {
  int status = 0;
  std::string body;
  std::string error;
};
// POSTs a JSON array of statements to the LRS's /statements resource.
using Transport = std::function<Answer(const std::string& json_array)>;

// The wait before the next attempt after `attempts` failed ones (1: 30 s, 2: 60 s, ... 1 h).
int64_t retry_delay_ms(int64_t attempts);
// Milliseconds since 1970 as ISO 8601 UTC with milliseconds, as the store writes times.
std::string iso_time(int64_t ms_since_epoch);
// The current time in those milliseconds.
int64_t now_ms();

struct SendReport {
  int64_t sent = 0;      // accepted now (200, or 409: already there)
  int64_t refused = 0;   // refused now, kept with the LRS's reason
  int64_t deferred = 0;  // the LRS did not answer: waiting for the next attempt
  int64_t requests = 0;  // POSTs made
  std::string error;     // why the last deferred batch was not delivered, or ""
};

// Sends every statement due at `now` (ms since 1970), in batches of up to `batch` statements,
// until none is due or the LRS stops answering.
SendReport send_due(store::Store& db, const Transport& transport, int64_t now,
                    int batch = kBatchSize);

// The LRS's reason in a refusal's body: its "message" and "warnings", else the body cut short.
std::string refusal_reason(const Answer& a);

}  // namespace auditsim::lrs
