// Shared by the report builders: a cache of scenarios rebuilt from snapshots, and the feedback
// model built from a session record already loaded.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "reports/build.hpp"
#include "reports/model.hpp"
#include "sim/recording.hpp"
#include "sim/redact.hpp"
#include "sim/scoring.hpp"
#include "sim/store/records.hpp"
#include "sim/store/store.hpp"

namespace auditsim::reports {

// Scenarios rebuilt from stored snapshots, once per sha256 (a scrutiny report over thousands of
// sessions of one scenario parses it once), and what scoring needs for each scenario and
// audience. The report holds its own scoring entries rather than relying on the small shared
// cache in sim/scoring, which a report over many scenarios would keep evicting.
class ScenarioCache {
 public:
  // The analysis and path-not-taken memo for scoring sessions of one scenario and audience.
  struct Scoring {
    ScenarioPtr scenario;  // keeps the scenario the continuations refer to alive
    std::shared_ptr<const Analysis> analysis;
    std::unique_ptr<Continuations> continuations;
  };

  // Null when the stored copy no longer loads (the caller reports the session as unreadable).
  ScenarioPtr get(const store::Snapshot& snap) {
    auto it = cache_.find(snap.sha256);
    if (it != cache_.end()) return it->second;
    std::string error;
    ScenarioPtr s = scenario_from_snapshot(snap, &error);
    cache_.emplace(snap.sha256, s);
    return s;
  }

  // Computed on first use; `scenario` must not be null.
  Scoring& scoring(const ScenarioPtr& scenario, std::optional<Audience> audience) {
    auto key = std::make_pair(scenario.get(), audience ? static_cast<int>(*audience) : -1);
    auto it = scoring_.find(key);
    if (it == scoring_.end()) {
      Scoring sc;
      sc.scenario = scenario;
      sc.analysis = cached_analysis(scenario, audience);
      sc.continuations = std::make_unique<Continuations>(*scenario, audience);
      it = scoring_.emplace(key, std::move(sc)).first;
    }
    return it->second;
  }

 private:
  std::map<std::string, ScenarioPtr> cache_;
  std::map<std::pair<const Scenario*, int>, Scoring> scoring_;
};

// Part A's filter for free text: every form of every name a public report must not carry (see
// sim/redact.hpp), with a log of what it replaced and what else looks like a name.
class Redactor {
 public:
  Redactor() = default;  // replaces nothing (Part B)
  // Participants become their pseudonyms, facilitators "the facilitator", the other people on
  // redaction lists "[name withheld]".
  explicit Redactor(const store::NamesToRedact& names);
  // `text` with the names replaced; logs the replacements and the name-like phrases left.
  std::string operator()(const std::string& text);
  const RedactionReview& review() const { return review_; }
  // Adds what `later` replaced and found after what this one did, as if this one had gone on
  // to redact everything `later` did (a report built in two halves has one review).
  void absorb(const Redactor& later);

 private:
  redact::NameMatcher matcher_;
  RedactionReview review_;
  std::map<std::string, size_t> index_;  // found + replacement -> review_.redacted
  std::set<std::string> seen_phrases_;
};

// The Part A redactor for sessions of these events (and, when `everyone`, every person in the
// database), always including `participants`.
Redactor part_a_redactor(store::Store& db, const std::vector<std::string>& event_ids, bool everyone,
                         const std::vector<store::Participant>& participants = {});

// The sessions a scrutiny selection covers, oldest first (build_selection.cpp). Throws
// store::StoreError (NotFound) when there are none.
std::vector<store::SessionSummary> select_sessions(store::Store& db, const ScrutinySelection& sel);
// Part A's redactor for those sessions: the names of everyone at the events covered (or, when a
// session belongs to no event, of everyone in the database), for a name from another team is
// still a name.
Redactor selection_redactor(store::Store& db, const std::vector<store::SessionSummary>& sessions);

// The front sheet a report shows (build_front_sheet.cpp): the settings' one, else the one saved
// for `event` (name or id; empty: none), filtered for Part A; nullopt when there is none or it
// is blank. `event_ids` are the events whose members' names come out of the author and contact
// lines in Part A (every event's when empty), with the members among `participants`.
std::optional<FrontSheet> report_front_sheet(store::Store& db, const std::string& event,
                                             const ReportSettings& settings,
                                             const std::vector<std::string>& event_ids,
                                             const std::vector<store::Participant>& participants,
                                             Redactor& redactor);
std::optional<FrontSheet> scrutiny_front_sheet(store::Store& db, const ScrutinySelection& sel,
                                               const ReportSettings& settings,
                                               const std::vector<store::SessionSummary>& sessions,
                                               Redactor& redactor);
// A report's settings as its front sheet leaves them: the Part B marking names the sheet's
// Schedule 12A paragraphs unless the report was given its own; the unfiltered sheet dropped.
void apply_front_sheet(ReportSettings& settings, const std::optional<FrontSheet>& sheet);

// How a builder filters one free text: Part A's redactor, or the text as typed in Part B.
using Clean = std::function<std::string(const std::string&)>;

// The day actions are judged overdue against (build_audit.cpp).
std::string report_today(const ReportSettings& settings);
// The exercise rating's levels with their thresholds, and the three priorities, defined.
std::vector<Definition> rating_definitions(const RatingScale& scale);
std::vector<Definition> priority_definitions();
// The audit section (checks, findings, opinion, recommendations) of a feedback report.
void fill_audit(FeedbackReport& r, const Scenario& s, const store::SessionRecord& rec,
                const ReportSettings& settings, const Clean& clean);
// The action plan: each action's latest status and progress, overdue ones first.
void fill_action_plan(FeedbackReport& r, const store::SessionRecord& rec,
                      const ReportSettings& settings, const Clean& clean);

// Changes a stored record before its model is built. The builders below take one so a caller
// can add what the store does not (yet) hold: tests give sessions an audit record in memory.
using AmendRecord = std::function<void(store::SessionRecord&)>;
FeedbackReport build_feedback(store::Store& db, const std::string& session_id,
                              const ReportSettings& settings, const AmendRecord& amend);
ScrutinyReport build_scrutiny(store::Store& db, const ScrutinySelection& selection,
                              const ReportSettings& settings, const AmendRecord& amend);

// An empty model whose settings are blank: copying it allocates nothing, so a builder can start
// each of 100,000 sessions' models from it.
const FeedbackReport& blank_feedback_report();

// Orders r.most_missed by miss rate, highest first, and numbers up to ten learning points from
// it, the highest priority first and each management action once.
void add_learning_points(ScrutinyReport& r);

// `redactor` is used in Part A only (Part B reports are not filtered).
FeedbackReport build_feedback_from_record(const store::SessionRecord& rec, ScenarioCache& cache,
                                          const ReportSettings& settings, Redactor& redactor);

}  // namespace auditsim::reports
