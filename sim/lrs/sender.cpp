#include "sim/lrs/sender.hpp"

#include <chrono>
#include <ctime>
#include <nlohmann/json.hpp>

#include "sim/xapi_queue.hpp"

namespace auditsim::lrs {
namespace {

using store::OutboxStatement;

bool accepted(int status) { return status >= 200 && status < 300; }
// A batch answer that says something is wrong with one or more statements in it.
bool names_a_statement(int status) { return status == 400 || status == 409 || status == 413; }

std::string array_of(const std::vector<const OutboxStatement*>& part) {
  std::string out = "[";
  for (size_t i = 0; i < part.size(); ++i) {
    if (i) out += ',';
    out += part[i]->json;
  }
  return out + "]";
}

std::vector<std::string> ids_of(const std::vector<const OutboxStatement*>& part) {
  std::vector<std::string> ids;
  for (const OutboxStatement* s : part) ids.push_back(s->id);
  return ids;
}

std::string no_answer(const Answer& a) {
  if (a.status == 0) return a.error.empty() ? "the LRS did not answer" : a.error;
  std::string why = "the LRS answered " + std::to_string(a.status);
  if (a.status == 401 || a.status == 403) why += " (check the key and secret)";
  else if (a.status == 404) why += " (check the endpoint: it should end in the xAPI base, such as /xAPI)";
  const std::string reason = refusal_reason(a);
  return reason.empty() ? why : why + ": " + reason;
}

class Run {
 public:
  Run(store::Store& db, const Transport& t, int64_t now) : db_(db), t_(t), now_(now) {}

  // Sends one part of a batch; false when the LRS stopped answering (all of the part deferred).
  bool send(const std::vector<const OutboxStatement*>& part) {
    if (part.empty()) return true;
    const Answer a = t_(array_of(part));
    ++report.requests;
    if (accepted(a.status) || (a.status == 409 && part.size() == 1)) {
      const std::vector<std::string> withdrawn = db_.mark_sent(ids_of(part), iso_time(now_));
      // Withdrawn by an undo while on its way: the LRS has it now, so it is voided.
      for (const std::string& id : withdrawn)
        for (const OutboxStatement* st : part)
          if (st->id == id) queue_voiding(db_, st->json, iso_time(now_));
      report.sent += static_cast<int64_t>(part.size());
      return true;
    }
    if (names_a_statement(a.status)) {
      if (part.size() == 1) {
        db_.mark_refused(part.front()->id, "HTTP " + std::to_string(a.status) + ": " + refusal_reason(a));
        ++report.refused;
        return true;
      }
      const auto mid = part.begin() + static_cast<std::ptrdiff_t>(part.size() / 2);
      const std::vector<const OutboxStatement*> first(part.begin(), mid), second(mid, part.end());
      if (!send(first)) {
        defer(second, report.error);
        return false;
      }
      return send(second);
    }
    defer(part, no_answer(a));
    return false;
  }

  void defer(const std::vector<const OutboxStatement*>& part, const std::string& why) {
    // Statements of one batch share attempts but may differ (a requeued one): the most tried sets
    // the wait, so a long-failing statement does not pull the others forward.
    int64_t attempts = 0;
    for (const OutboxStatement* s : part) attempts = std::max(attempts, s->attempts);
    db_.mark_retry(ids_of(part), iso_time(now_ + retry_delay_ms(attempts + 1)), why);
    report.deferred += static_cast<int64_t>(part.size());
    report.error = why;
  }

  SendReport report;

 private:
  store::Store& db_;
  const Transport& t_;
  int64_t now_;
};

}  // namespace

int64_t retry_delay_ms(int64_t attempts) {
  int64_t d = kFirstRetryMs;
  for (int64_t i = 1; i < attempts && d < kLongestRetryMs; ++i) d *= 2;
  return std::min(d, kLongestRetryMs);
}

std::string iso_time(int64_t ms) {
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%03dZ", buf, static_cast<int>(ms % 1000));
  return out;
}

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::string refusal_reason(const Answer& a) {
  const nlohmann::json j = nlohmann::json::parse(a.body, nullptr, false);
  std::string out;
  if (j.is_object()) {
    if (j.contains("message") && j["message"].is_string()) out = j["message"].get<std::string>();
    if (j.contains("warnings") && j["warnings"].is_array())
      for (const auto& w : j["warnings"])
        if (w.is_string()) out += (out.empty() ? "" : "; ") + w.get<std::string>();
  }
  if (out.empty()) out = a.body.substr(0, 500);
  for (char& c : out)
    if (static_cast<unsigned char>(c) < ' ') c = ' ';
  return out.substr(0, 2000);
}

SendReport send_due(store::Store& db, const Transport& transport, int64_t now, int batch) {
  Run run(db, transport, now);
  const std::string at = iso_time(now);
  for (;;) {
    const std::vector<OutboxStatement> due = db.due_statements(at, batch);
    if (due.empty()) break;
    std::vector<const OutboxStatement*> part;
    for (const OutboxStatement& s : due) part.push_back(&s);
    if (!run.send(part)) {
      // The LRS is not answering: everything else due waits with this batch, so the outbox
      // keeps one rhythm of attempts rather than one per batch.
      const std::string why = run.report.error;
      for (auto rest = db.due_statements(at, batch); !rest.empty(); rest = db.due_statements(at, batch)) {
        std::vector<const OutboxStatement*> more;
        for (const OutboxStatement& r : rest) more.push_back(&r);
        run.defer(more, why);
      }
      break;
    }
  }
  return run.report;
}

}  // namespace auditsim::lrs
