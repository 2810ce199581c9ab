// `auditsim sessions` and `auditsim show ID`: what the results database holds.
#include <algorithm>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "sim/recording.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/store_access.hpp"

namespace auditsim::cli {
namespace {

using nlohmann::json;

// The text of a choice by id, or "" when the scenario or the choice is unknown.
std::string choice_text(const Scenario* scenario, const std::string& choice_id) {
  if (!scenario || choice_id.empty()) return {};
  const auto [node, choice] = scenario->find_choice(choice_id);
  if (node < 0) return {};
  return scenario->nodes[static_cast<size_t>(node)].choices[static_cast<size_t>(choice)].text;
}

struct Vote {
  std::string choice_id, text;
  int64_t hands = 0;
};

// A team decision's show of hands, in the order the choices were offered (as recorded when the
// scenario is unknown).
std::vector<Vote> vote_split(const store::DecisionRecord& d, const Scenario* scenario) {
  std::vector<Vote> out;
  if (d.votes_json.empty()) return out;
  const json j = json::parse(d.votes_json, nullptr, false);
  if (!j.is_object()) return out;
  for (const auto& [id, hands] : j.items())
    if (hands.is_number_integer()) out.push_back({id, choice_text(scenario, id), hands.get<int64_t>()});
  if (scenario) {
    const int node = scenario->find_node(d.node_id);
    if (node >= 0) {
      const auto& choices = scenario->nodes[static_cast<size_t>(node)].choices;
      auto rank = [&](const Vote& v) {
        for (size_t i = 0; i < choices.size(); ++i)
          if (choices[i].id == v.choice_id) return i;
        return choices.size();
      };
      std::stable_sort(out.begin(), out.end(),
                       [&](const Vote& a, const Vote& b) { return rank(a) < rank(b); });
    }
  }
  return out;
}

json summary_to_json(const store::SessionSummary& s) {
  return json{{"id", s.id},
              {"scenario", s.scenario_id},
              {"scenario_title", s.scenario_title},
              {"event", s.event_name},
              {"event_id", s.event_id},
              {"status", store::key(s.status)},
              {"mode", store::key(s.mode)},
              {"team", s.team},
              {"started_at", s.started_at},
              {"finished_at", s.finished_at},
              {"decisions", s.decisions}};
}

int run_sessions(const std::string& event, size_t limit, bool as_json,
                 const GlobalOptions& global) {
  auto db = open_store(global);
  if (!db) return kExitUsage;
  store::SessionFilter filter;
  filter.event = event;
  std::vector<store::SessionSummary> list = db->list_sessions(filter);
  // The store lists oldest first; people look for the session they have just played.
  std::reverse(list.begin(), list.end());
  if (limit > 0 && list.size() > limit) list.resize(limit);
  if (as_json) {
    json arr = json::array();
    for (const auto& s : list) arr.push_back(summary_to_json(s));
    std::cout << arr.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  if (list.empty()) {
    std::cout << "No sessions recorded" << (event.empty() ? "" : " for event " + event) << ".\n";
    return kExitOk;
  }
  std::cout << std::left << std::setw(10) << "ID" << std::setw(21) << "STARTED" << std::setw(10)
            << "STATUS" << std::setw(5) << "DEC" << std::setw(24) << "EVENT" << "SCENARIO\n";
  for (const auto& s : list) {
    std::string ev = s.event_name + (s.team.empty() ? "" : " / " + s.team);
    std::cout << std::setw(10) << s.id.substr(0, 8) << std::setw(21) << s.started_at.substr(0, 19)
              << std::setw(10) << store::key(s.status) << std::setw(5) << s.decisions
              << std::setw(24) << (ev.empty() ? "-" : ev.substr(0, 23)) << s.scenario_id << "\n";
  }
  return kExitOk;
}

int run_show(const std::string& id, bool as_json, const GlobalOptions& global) {
  auto db = open_store(global);
  if (!db) return kExitUsage;
  std::optional<store::SessionRecord> rec;
  try {
    rec = db->load_session(id);
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return kExitProblems;
  }
  if (!rec) {
    std::cerr << "auditsim: no session " << id << " (see `auditsim sessions`)\n";
    return kExitProblems;
  }
  const store::SessionSummary& s = rec->summary;
  // The choices' text comes from the scenario as it was played; without it the ids still show.
  std::string ignored;
  const ScenarioPtr scenario = scenario_from_snapshot(rec->snapshot, &ignored);
  if (as_json) {
    json j = summary_to_json(s);
    json decisions = json::array();
    for (const auto& d : rec->decisions) {
      json votes = json::array();
      for (const Vote& v : vote_split(d, scenario.get()))
        votes.push_back({{"choice", v.choice_id}, {"text", v.text}, {"votes", v.hands}});
      decisions.push_back({{"seq", d.seq}, {"node", d.node_id}, {"choice", d.choice_id},
                           {"choice_text", choice_text(scenario.get(), d.choice_id)},
                           {"kind", store::key(d.kind)}, {"time_taken_ms", d.time_taken_ms},
                           {"votes", votes}, {"rationale", d.rationale},
                           {"dissent", d.dissent}, {"delta", d.delta},
                           {"recorded_at", d.recorded_at}});
    }
    json people = json::array();
    for (const auto& p : rec->participants)
      people.push_back({{"id", p.id}, {"name", p.display_name}, {"role", store::key(p.role)}});
    j["decisions"] = decisions;
    j["participants"] = people;
    j["snapshot_sha256"] = rec->snapshot.sha256;
    std::cout << j.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  std::cout << "Session   " << s.id << "\nScenario  " << s.scenario_title << " ["
            << s.scenario_id << "]\nEvent     " << (s.event_name.empty() ? "-" : s.event_name)
            << "\nMode      " << store::key(s.mode) << (s.team.empty() ? "" : ", team " + s.team)
            << "\nStatus    " << store::key(s.status) << "\nStarted   " << s.started_at
            << (s.finished_at.empty() ? "" : "\nFinished  " + s.finished_at) << "\n";
  if (!rec->participants.empty()) {
    std::cout << "People   ";
    for (const auto& p : rec->participants)
      std::cout << " " << p.display_name << " (" << store::key(p.role) << ")";
    std::cout << "\n";
  }
  std::cout << "\nDecisions\n";
  for (const auto& d : rec->decisions) {
    std::cout << "  " << std::setw(3) << d.seq << "  " << std::left << std::setw(9)
              << store::key(d.kind) << std::right << d.node_id
              << (d.choice_id.empty() ? "" : " -> " + d.choice_id) << "  [" << d.delta[0] << " "
              << d.delta[1] << " " << d.delta[2] << " " << d.delta[3] << "]\n";
    const std::string text = choice_text(scenario.get(), d.choice_id);
    if (!text.empty()) std::cout << "       Choice:    " << text << "\n";
    const std::vector<Vote> votes = vote_split(d, scenario.get());
    if (!votes.empty()) {
      std::cout << "       Votes:    ";
      for (size_t i = 0; i < votes.size(); ++i)
        std::cout << (i ? "," : "") << " " << votes[i].hands << " for "
                  << (votes[i].text.empty() ? votes[i].choice_id : "\"" + votes[i].text + "\"");
      std::cout << "\n";
    }
    const char* reason = d.kind == store::DecisionKind::Undo ? "Reason:    " : "Rationale: ";
    if (!d.rationale.empty()) std::cout << "       " << reason << d.rationale << "\n";
    if (!d.dissent.empty()) std::cout << "       Dissent:   " << d.dissent << "\n";
  }
  return kExitOk;
}

}  // namespace

void add_sessions_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  struct Opts {
    std::string event, id;
    size_t limit = 0;
    bool json = false;
  };
  auto o = std::make_shared<Opts>();
  CLI::App* list = app.add_subcommand("sessions", "List recorded sessions, newest first.");
  list->add_option("--event", o->event, "Only sessions of this event (name or id)");
  list->add_option("--limit", o->limit, "Only the N most recent sessions (default: all)")
      ->check(CLI::PositiveNumber);
  list->add_flag("--json", o->json, "Print a JSON array (id, scenario, event, status, started_at)");
  list->callback([o, &global, &exit_code] { exit_code = run_sessions(o->event, o->limit, o->json, global); });

  auto s = std::make_shared<Opts>();
  CLI::App* show = app.add_subcommand("show", "Show one recorded session and its decision log.");
  show->add_option("id", s->id, "Session id (or its first 8 characters)")->required();
  show->add_flag("--json", s->json,
                 "Print JSON (the decisions with their choices' text, votes, rationale and dissent)");
  show->callback([s, &global, &exit_code] { exit_code = run_show(s->id, s->json, global); });
}

}  // namespace auditsim::cli
