// xAPI 1.0.3 statements for a learning record store. Each session is one registration (its
// UUID); people are pseudonymous accounts, never names. Statement ids are name-based UUIDs
// derived from the session and the statement's position, so re-sending a report to an LRS does
// not duplicate statements.
#include <nlohmann/json.hpp>

#include "reports/render.hpp"
#include "reports/xapi_stream.hpp"
#include "reports/render_text.hpp"
#include "sim/uuid.hpp"
#include "sim/xapi_words.hpp"

namespace auditsim::reports {
namespace {

using nlohmann::json;

using xapi::four_p;
using xapi::iri_part;
using xapi::iso_duration;
using xapi::kLang;
using xapi::verb;

json account(const std::string& base, const std::string& name) {
  return {{"objectType", "Agent"}, {"account", {{"homePage", base}, {"name", text::one_line(name)}}}};
}

json actor(const FeedbackReport& r) {
  const std::string& base = r.settings.xapi_base;
  if (r.people.size() == 1) return account(base, r.people.front().pseudonym);
  json group = {{"objectType", "Group"},
                {"account", {{"homePage", base}, {"name", "session/" + r.session_id}}}};
  if (!r.team.empty()) group["name"] = text::one_line(r.team);
  json members = json::array();
  for (const PersonRow& p : r.people) members.push_back(account(base, p.pseudonym));
  if (!members.empty()) group["member"] = members;
  return group;
}

// The report's classification for the LRS: {"part": "B", "schedule12a": [1, 2, 7]}, so a
// learning platform can keep exempt statements apart.
json classification(const ReportSettings& settings) {
  json c = {{"part", settings.part == Part::A ? "A" : "B"}};
  if (settings.part == Part::B) c["schedule12a"] = settings.exempt_paragraphs;
  return c;
}

void add_session(json& out, const FeedbackReport& r) {
  // Part A of a Part B scenario: no statement says anything about it.
  if (r.withheld) return;
  const std::string base = r.settings.xapi_base;
  const std::string scenario_iri = base + "/scenarios/" + iri_part(r.scenario_id);
  const std::string registration =
      is_uuid(r.session_id) ? r.session_id : name_uuid("registration/" + r.session_id);
  json scenario = {{"objectType", "Activity"},
                   {"id", scenario_iri},
                   {"definition",
                    {{"type", "http://adlnet.gov/expapi/activities/simulation"},
                     {"name", {{kLang, text::one_line(r.scenario_title)}}}}}};
  if (!r.scenario_summary.empty())
    scenario["definition"]["description"] = {{kLang, text::markdown_to_plain(r.scenario_summary)}};
  json context = {{"registration", registration},
                  {"contextActivities", {{"parent", json::array({{{"id", scenario_iri}}})}}},
                  {"extensions", {{base + "/extensions/mode", r.mode},
                                  {base + "/extensions/classification", classification(r.settings)}}}};
  if (!r.event_name.empty())
    context["contextActivities"]["grouping"] =
        json::array({{{"id", base + "/events/" + iri_part(r.event_name)}}});
  if (!r.team.empty()) context["extensions"][base + "/extensions/team"] = text::one_line(r.team);
  if (!r.settings.council_name.empty()) context["platform"] = text::one_line(r.settings.council_name);

  int n = 0;
  auto statement = [&](json verb_json, json object, const std::string& timestamp) {
    json s = {{"id", name_uuid("statement/" + r.session_id + "/" + std::to_string(n++))},
              {"version", "1.0.3"},
              {"actor", actor(r)},
              {"verb", std::move(verb_json)},
              {"object", std::move(object)},
              {"context", context}};
    if (!timestamp.empty()) s["timestamp"] = timestamp;
    return s;
  };

  json attempted = statement(verb("attempted"), scenario, r.started_at);
  attempted["context"].erase("contextActivities");
  out.push_back(std::move(attempted));
  for (const DecisionRow& d : r.decisions) {
    if (d.kind == "undo") {
      n += 2;  // as the outbox numbers them (sim/xapi_queue.hpp): an undo's two positions stay unused
      continue;
    }
    json object = {{"objectType", "Activity"},
                   {"id", scenario_iri + "/nodes/" + iri_part(d.node_id)},
                   {"definition",
                    {{"type", "http://adlnet.gov/expapi/activities/cmi.interaction"},
                     {"interactionType", "choice"},
                     {"name", {{kLang, text::one_line(d.node_title.empty() ? d.node_id : d.node_title)}}}}}};
    json s = statement(verb("answered"), std::move(object), d.recorded_at);
    s["result"] = {{"response", d.choice_id},
                   {"duration", iso_duration(d.time_taken_ms)},
                   {"extensions", {{base + "/extensions/4p", four_p(d.delta)}}}};
    if (d.undone) s["result"]["extensions"][base + "/extensions/undone"] = true;
    if (d.kind == "timeout") s["result"]["extensions"][base + "/extensions/timeout"] = true;
    out.push_back(std::move(s));
  }
  if (r.outcome.empty() || r.withheld) return;
  json percents;
  for (const PillarRow& p : r.pillars)
    percents[pillar_key(p.pillar)] = p.assessed ? json(p.percent) : json(nullptr);
  json result = {{"completion", true},
                 {"score", {{"scaled", std::clamp(r.overall_percent / 100.0, 0.0, 1.0)},
                            {"raw", r.overall_percent},
                            {"min", 0},
                            {"max", 100}}},
                 {"extensions",
                  {{base + "/extensions/4p-percent", percents},
                   {base + "/extensions/exercise-rating", text::one_line(r.rating)},
                   {base + "/extensions/outcome", r.outcome}}}};
  json completed = statement(verb("completed"), scenario, r.finished_at);
  completed["result"] = result;
  out.push_back(std::move(completed));
  // Passed means an exercise rating in the top two levels of the scale (Strong or Good). The
  // audit's findings are about the council, not the learner, so no statement carries them.
  const bool passed = r.rating_level <= 1;
  json verdict = statement(verb(passed ? "passed" : "failed"), scenario, r.finished_at);
  result["success"] = passed;
  verdict["result"] = result;
  out.push_back(std::move(verdict));
}

std::string dump(const json& j) {
  // Invalid UTF-8 in stored text is replaced rather than aborting the export.
  return j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
}

}  // namespace

std::string render_xapi(const FeedbackReport& r) {
  json out = json::array();
  add_session(out, r);
  return dump(out);
}

std::string render_xapi(const ScrutinyReport& r) {
  require_decision_rows(r, Format::Xapi);
  json out = json::array();
  for (const FeedbackReport& f : r.appendix) add_session(out, f);
  return dump(out);
}

void append_xapi_statements(nlohmann::json& statements, const FeedbackReport& r) { add_session(statements, r); }

}  // namespace auditsim::reports
