// The stream reads the selection in batches in its own order (oldest first), so the output
// matches the report's appendix: load_sessions visits a batch in id order, the batch's models
// are kept until the batch is written in list order. A batch of a few hundred sessions bounds
// the memory; one query per table per batch keeps the reading fast.
#include "reports/xapi_stream.hpp"

#include <exception>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "reports/build_internal.hpp"

namespace auditsim::reports {
namespace {

constexpr size_t kBatch = 256;

// Writes a JSON array element by element exactly as nlohmann's dump(2) writes the whole array.
class ArrayWriter {
 public:
  explicit ArrayWriter(const std::function<void(std::string_view)>& write) : write_(write) {}

  void add(const nlohmann::json& statement) {
    const std::string text = statement.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
    // One level deeper than dump() puts it: two more spaces after every line break (a line
    // break inside a string is written as \n, so every real one is the layout's).
    piece_.assign(first_ ? "[\n  " : ",\n  ");
    for (char c : text) {
      piece_ += c;
      if (c == '\n') piece_ += "  ";
    }
    write_(piece_);
    first_ = false;
  }

  void finish() { write_(first_ ? "[]\n" : "\n]\n"); }

 private:
  const std::function<void(std::string_view)>& write_;
  std::string piece_;
  bool first_ = true;
};

}  // namespace

XapiStreamResult stream_scrutiny_xapi(store::Store& db, const ScrutinySelection& sel,
                                      const ReportSettings& settings,
                                      const std::function<void(std::string_view)>& write) {
  const std::vector<store::SessionSummary> list = select_sessions(db, sel);
  Redactor redactor = settings.part == Part::A ? selection_redactor(db, list) : Redactor();
  ScenarioCache cache;
  XapiStreamResult result;
  ArrayWriter out(write);
  struct Item {
    std::optional<FeedbackReport> feedback;
    std::exception_ptr error;
  };
  for (size_t start = 0; start < list.size(); start += kBatch) {
    const size_t end = std::min(list.size(), start + kBatch);
    std::vector<std::string> ids;
    std::unordered_map<std::string, size_t> position;
    for (size_t i = start; i < end; ++i) {
      position.emplace(list[i].id, i - start);
      ids.push_back(list[i].id);
    }
    std::vector<Item> items(end - start);
    db.load_sessions(ids, [&](const store::SessionRecord& rec) {
      auto at = position.find(rec.summary.id);
      if (at == position.end()) return;
      try {
        items[at->second].feedback = build_feedback_from_record(rec, cache, settings, redactor);
      } catch (const store::StoreError& e) {
        // As in the scrutiny report: a record that cannot be rebuilt is named and left out.
        if (e.kind() == store::ErrorKind::Invalid) result.left_out.push_back(rec.summary.id + ": " + e.what());
        else items[at->second].error = std::current_exception();
      } catch (...) {
        items[at->second].error = std::current_exception();
      }
    });
    for (Item& item : items) {
      if (item.error) std::rethrow_exception(item.error);
      // Gone since it was listed, or a Part B scenario's session in Part A: nothing to say.
      if (!item.feedback || item.feedback->withheld) continue;
      nlohmann::json statements = nlohmann::json::array();
      append_xapi_statements(statements, *item.feedback);
      for (const nlohmann::json& s : statements) out.add(s);
      ++result.sessions;
    }
  }
  out.finish();
  return result;
}

}  // namespace auditsim::reports
