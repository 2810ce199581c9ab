#include "sim/audit/record.hpp"

#include <algorithm>
#include <map>

#include "sim/key_table.hpp"

namespace auditsim::audit {

namespace {

constexpr KeyTable<ControlStatus, 4> kStatusKeys{{"in-place", "partly", "not-in-place", "not-known"}};
constexpr KeyTable<ControlStatus, 4> kStatusLabels{
    {"In place", "Partly in place", "Not in place", "Not known"}};
constexpr KeyTable<Addressee, 7> kAddresseeKeys{
    {"cabinet", "cabinet-member", "management-team", "community-safety-partnership", "police",
     "partner", "officer"}};
constexpr KeyTable<Addressee, 7> kAddresseeLabels{
    {"Cabinet", "Cabinet member", "Corporate Management Team", "Community Safety Partnership",
     "Police", "Partner organisation", "Officer"}};
constexpr KeyTable<ResponseKind, 3> kResponseKeys{{"agreed", "partly", "not-agreed"}};
constexpr KeyTable<ResponseKind, 3> kResponseLabels{{"Agreed", "Partly agreed", "Not agreed"}};
constexpr KeyTable<ReportStage, 2> kStageKeys{{"draft", "final"}};

}  // namespace

const char* key(ControlStatus s) { return kStatusKeys(s); }
const char* key(Addressee a) { return kAddresseeKeys(a); }
const char* key(ResponseKind r) { return kResponseKeys(r); }
const char* key(ReportStage s) { return kStageKeys(s); }
std::optional<ControlStatus> parse_control_status(std::string_view s) { return kStatusKeys.parse(s); }
std::optional<Addressee> parse_addressee(std::string_view s) { return kAddresseeKeys.parse(s); }
std::optional<ResponseKind> parse_response_kind(std::string_view s) { return kResponseKeys.parse(s); }
std::optional<ReportStage> parse_report_stage(std::string_view s) { return kStageKeys.parse(s); }
const char* label(ControlStatus s) { return kStatusLabels(s); }
const char* label(Addressee a) { return kAddresseeLabels(a); }
const char* label(ResponseKind r) { return kResponseLabels(r); }

// The rows arrive in order of seq, so "the last one seen" is the latest version.
std::vector<ControlCheck> current_checks(const AuditRecord& r) {
  std::vector<ControlCheck> out;
  std::map<std::string, size_t> at;  // key action -> index in out
  for (const ControlCheck& c : r.checks) {
    auto [it, inserted] = at.emplace(c.key_action, out.size());
    if (inserted) out.push_back(c);
    else out[it->second] = c;
  }
  return out;
}

std::vector<Recommendation> current_recommendations(const AuditRecord& r) {
  std::map<std::string, Recommendation> latest;
  for (const Recommendation& rec : r.recommendations) {
    auto it = latest.find(rec.id);
    if (it == latest.end() || rec.version >= it->second.version) latest[rec.id] = rec;
  }
  std::vector<Recommendation> out;
  out.reserve(latest.size());
  for (auto& [id, rec] : latest) out.push_back(std::move(rec));
  std::stable_sort(out.begin(), out.end(), [](const Recommendation& a, const Recommendation& b) {
    return a.number != b.number ? a.number < b.number : a.id < b.id;
  });
  return out;
}

std::vector<Response> current_responses(const AuditRecord& r, const std::string& recommendation) {
  std::vector<Response> out;
  std::map<std::string, size_t> at;  // responding body -> index in out
  for (const Response& resp : r.responses) {
    if (resp.recommendation != recommendation) continue;
    auto [it, inserted] = at.emplace(resp.by, out.size());
    if (inserted) out.push_back(resp);
    else out[it->second] = resp;
  }
  return out;
}

std::optional<OpinionSetting> current_opinion(const AuditRecord& r) {
  if (r.opinions.empty()) return std::nullopt;
  return r.opinions.back();
}

AuditScope current_scope(const AuditRecord& r) {
  if (r.scope.empty()) return AuditScope{};
  return r.scope.back();
}

}  // namespace auditsim::audit
