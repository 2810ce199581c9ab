// The scrutiny report model: an event or a date range, aggregated across sessions: the members'
// own recommendations with the responses to them, and, as evidence, learning points drawn from
// the key actions the teams most often missed in the story.
#include <algorithm>
#include <exception>
#include <map>
#include <optional>
#include <tuple>
#include <set>
#include <thread>
#include <unordered_map>

#include "reports/build.hpp"
#include "reports/build_internal.hpp"
#include "reports/render_text.hpp"
#include "sim/audit/audit.hpp"
#include "sim/dates.hpp"

namespace auditsim::reports {
namespace {

// From this many sessions a scrutiny report reads and builds them on two connections at once:
// below it the second connection costs more than it saves.
constexpr size_t kTwoReadersFrom = 2000;

// `index` maps "scenario/node" to its entry in r.distributions. The key is built in one reused
// buffer and the nodes a session reached are few, so this stays cheap per decision.
void add_distribution(ScrutinyReport& r, std::unordered_map<std::string, size_t>& index,
                      const FeedbackReport& f, const Scenario& s) {
  std::vector<size_t> reached;
  std::string key;
  for (const FeedbackReport::ChoiceTaken& taken : f.choices_taken) {
    const Node& node = s.nodes[taken.node];
    key.assign(f.scenario_id).append("/").append(node.id);
    auto [it, fresh] = index.try_emplace(key, r.distributions.size());
    if (fresh) {
      ChoiceDistribution dist;
      dist.node_id = node.id;
      dist.node_title = node.title;
      for (const Choice& c : node.choices) dist.options.push_back({c.id, c.text, c.score, 0});
      r.distributions.push_back(std::move(dist));
    }
    ChoiceDistribution& dist = r.distributions[it->second];
    if (std::find(reached.begin(), reached.end(), it->second) == reached.end()) {
      reached.push_back(it->second);
      ++dist.sessions;
    }
    // By id: sessions of another version of the scenario share the entry the first one made.
    if (taken.choice < 0) continue;
    const std::string& choice_id = node.choices[taken.choice].id;
    for (auto& o : dist.options)
      if (o.choice_id == choice_id) ++o.sessions;
  }
}

// The members' recommendations of every session covered, in the order of the appendix. One
// session's keep their own numbers; recommendations from several are numbered on through the
// report, each saying where it was made.
void add_members_recommendations(ScrutinyReport& r) {
  int sessions_with = 0;
  for (const FeedbackReport& f : r.appendix) sessions_with += !f.audit.recommendations.empty();
  for (const FeedbackReport& f : r.appendix)
    for (MembersRecommendationRow rec : f.audit.recommendations) {
      if (sessions_with > 1) rec.number = static_cast<int64_t>(r.recommendations.size()) + 1;
      rec.scenario_title = f.scenario_title;
      rec.team = f.team;
      r.recommendations.push_back(std::move(rec));
    }
}

// The record as the caller amended it: a copy in `amended` only when there is an amendment.
const store::SessionRecord& as_amended(const store::SessionRecord& stored, const AmendRecord& amend,
                                       std::optional<store::SessionRecord>& amended) {
  if (!amend) return stored;
  amend(amended.emplace(stored));
  return *amended;
}

// How many connections and cores build the sessions' models: two for a large report on a
// machine with two cores or more (each session's model is independent of the others), else
// one. A record amended by the caller is built on one, as the amendment may not be safe to run
// on two threads at once.
size_t build_threads(const ReportSettings& settings, size_t sessions, bool amended) {
  if (amended) return 1;
  if (settings.build_threads > 0) return std::min<size_t>(settings.build_threads, 2);
  return sessions >= kTwoReadersFrom && std::thread::hardware_concurrency() >= 2 ? 2 : 1;
}

}  // namespace

void add_learning_points(ScrutinyReport& r) {
  std::stable_sort(r.most_missed.begin(), r.most_missed.end(),
                   [](const MissedKeyAction& a, const MissedKeyAction& b) {
                     // Compare miss rates without division: a.missed/a.played > b.missed/b.played,
                     // in 64 bits (35,400 x 100,000 is past what an int holds).
                     return int64_t{a.missed} * b.played > int64_t{b.missed} * a.played;
                   });
  std::vector<const MissedKeyAction*> ranked;
  for (const MissedKeyAction& m : r.most_missed) ranked.push_back(&m);
  std::stable_sort(ranked.begin(), ranked.end(), [](auto* a, auto* b) {
    return a->finding.priority < b->finding.priority;
  });
  std::set<std::string> seen;
  for (const MissedKeyAction* m : ranked) {
    if (r.learning_points.size() >= 10) break;
    if (!seen.insert(m->finding.management_action).second) continue;
    LearningPoint rec;
    rec.number = static_cast<int>(r.learning_points.size()) + 1;
    rec.text = m->finding.management_action;
    rec.priority = m->finding.priority;
    // The priority is shown beside the recommendation, so the reason gives the evidence only.
    rec.rationale = "Missed in " + text::count_text(m->missed) + " of " +
                    text::count_text(m->played) + " sessions of \"" + m->scenario_title + "\" (" +
                    pillar_name(m->finding.pillar) + "). Good practice: " + m->finding.text + ".";
    r.learning_points.push_back(std::move(rec));
  }
}

ScrutinyReport build_scrutiny(store::Store& db, const ScrutinySelection& sel,
                              const ReportSettings& settings) {
  return build_scrutiny(db, sel, settings, {});
}

ScrutinyReport build_scrutiny(store::Store& db, const ScrutinySelection& sel,
                              const ReportSettings& settings, const AmendRecord& amend) {
  ScrutinyReport r;
  r.settings = settings;
  const bool part_a = settings.part == Part::A;
  const std::vector<store::SessionSummary> list = select_sessions(db, sel);
  Redactor redactor = part_a ? selection_redactor(db, list) : Redactor();
  std::set<std::string> people, teams, events, titles, facilitators;
  std::map<std::string, PersonRow> members_seen;  // membership, each person once
  std::unordered_map<std::string, size_t> dist_index;
  std::map<std::string, size_t> missed_index;  // scenario/key action -> most_missed
  std::map<std::string, int> played;           // scenario id -> sessions
  r.date_from = list.front().started_at.substr(0, 10);
  r.date_to = list.back().started_at.substr(0, 10);

  // The records are read in bulk (one query per table, in id order) and each session's own
  // model is built as it arrives; the aggregation below then runs in the order of `list`, so
  // the report does not depend on the order the store reads in. An error is kept with its
  // session and raised when that session's turn comes, as a session-by-session loop would.
  // Each session's model is built into its place in `models`, which then becomes the appendix
  // without a second copy: a model is 3.5 KB before any of its texts, 350 MB for 100,000.
  std::vector<FeedbackReport> models(list.size(), blank_feedback_report());
  struct Item {
    bool built = false;  // false: the session has gone since it was listed, or was left out
    std::exception_ptr error;
    std::vector<std::pair<std::string, store::Role>> people;  // participant id, role
    bool has_notes = false;
    ScenarioPtr scenario;
  };
  std::vector<Item> items(list.size());
  std::unordered_map<std::string, size_t> position;
  std::vector<std::string> ids;
  ids.reserve(list.size());
  for (size_t i = 0; i < list.size(); ++i) {
    position.emplace(list[i].id, i);
    ids.push_back(list[i].id);
  }
  // The appendices carry no front sheet: the report has one, before section 1.
  ReportSettings session_settings = settings;
  session_settings.front_sheet.reset();
  // Above the per-session limit the appendix is a table, so the sessions' models leave out what
  // only a session's own body shows. Sessions of Part B scenarios are not in a Part A appendix,
  // so it may yet come to one per session: those few are then built again in full, below.
  const bool lean = list.size() > text::kFullAppendixLimit && !settings.per_session_appendix;
  session_settings.session_bodies = !lean;
  // What one reader builds: the models of the sessions it reads, with its own scenario cache,
  // redactor and list of sessions left out, so two readers share nothing while they run.
  struct Reader {
    ScenarioCache cache;
    Redactor* redactor;
    std::vector<std::string> left_out;
  };
  auto read_into = [&](store::Store& from, const std::vector<std::string>& some, Reader& reader) {
    from.load_sessions(some, [&](const store::SessionRecord& stored) {
      std::optional<store::SessionRecord> amended;
      const store::SessionRecord& rec = as_amended(stored, amend, amended);
      auto at = position.find(rec.summary.id);
      if (at == position.end()) return;
      Item& item = items[at->second];
      try {
        models[at->second] = build_feedback_from_record(rec, reader.cache, session_settings, *reader.redactor);
        item.built = true;
      } catch (const store::StoreError& e) {
        // Invalid here means the record cannot be rebuilt; one such session is named and left
        // out rather than failing the report on every other session.
        if (e.kind() == store::ErrorKind::Invalid)
          reader.left_out.push_back(rec.summary.id + ": " + e.what());
        else
          item.error = std::current_exception();
        return;
      } catch (...) {
        item.error = std::current_exception();
        return;
      }
      for (const store::Participant& p : rec.participants) item.people.emplace_back(p.id, p.role);
      item.has_notes = !rec.notes.empty();
      item.scenario = reader.cache.get(rec.snapshot);
    });
  };
  Reader first{{}, &redactor, {}};
  std::vector<Reader> readers;
  const size_t threads = build_threads(settings, ids.size(), static_cast<bool>(amend));
  std::optional<store::Store> second;
  if (threads > 1) {
    try {
      second.emplace(db.open_reader());
    } catch (const store::StoreError&) {
      // A second connection only makes the report faster; without one it is built on one.
    }
  }
  if (!second) {
    read_into(db, ids, first);
  } else {
    // Two halves in id order, the lower read here and the upper on a second connection and
    // core. load_sessions visits in id order, so the lower half's sessions are exactly those a
    // single reader would visit first: its redactor's review, extended by the upper half's
    // afterwards, lists the same names in the same order, and so do the sessions left out.
    std::vector<std::string> lower = ids;
    std::sort(lower.begin(), lower.end());
    lower.erase(std::unique(lower.begin(), lower.end()), lower.end());
    std::vector<std::string> upper(lower.begin() + static_cast<std::ptrdiff_t>(lower.size() / 2), lower.end());
    lower.resize(lower.size() / 2);
    Redactor upper_redactor = redactor;
    Reader second_reader{{}, &upper_redactor, {}};
    std::exception_ptr failed;
    std::thread upper_thread([&] {
      try {
        read_into(*second, upper, second_reader);
      } catch (...) {
        failed = std::current_exception();
      }
    });
    try {
      read_into(db, lower, first);
    } catch (...) {
      upper_thread.join();
      throw;
    }
    upper_thread.join();
    if (failed) std::rethrow_exception(failed);
    redactor.absorb(upper_redactor);
    first.left_out.insert(first.left_out.end(), second_reader.left_out.begin(),
                          second_reader.left_out.end());
  }
  r.left_out.insert(r.left_out.end(), first.left_out.begin(), first.left_out.end());

  size_t kept = 0;  // models[0, kept) are the appendix so far
  for (size_t n = 0; n < list.size(); ++n) {
    const store::SessionSummary& summary = list[n];
    Item& item = items[n];
    if (item.error) std::rethrow_exception(item.error);
    if (!item.built) continue;
    FeedbackReport& f = models[n];
    if (f.withheld) {
      // Part A: a session of a Part B scenario is counted and reported in Part B only; it adds
      // nothing to the figures, conclusions, distributions or appendix.
      ++r.exempt_sessions;
      r.has_exempt_material = true;
      continue;
    }
    ++r.sessions;
    if (summary.status == store::Status::Finished) ++r.finished_sessions;
    for (const auto& [id, role] : item.people)
      if (people.insert(id).second) (role == store::Role::Member ? r.members : r.staff)++;
    if (!summary.team.empty()) teams.insert(summary.event_id + "/" + summary.team);
    if (!f.event_name.empty()) events.insert(f.event_name);
    if (titles.insert(f.scenario_title).second) r.scenario_titles.push_back(f.scenario_title);
    if (f.exempt_scenario) r.has_exempt_material = true;
    if (item.has_notes || !item.people.empty()) r.has_exempt_material = true;

    for (int i = 0; i < kPillarCount; ++i) {
      if (!f.pillars[i].assessed) continue;
      r.spread[i].percents.push_back(f.pillars[i].percent);
    }
    ++r.ratings[f.rating];
    if (f.audit.opinion_given) ++r.opinions[f.audit.opinion];
    r.checks_recorded += f.audit.checks_recorded;
    r.audit_findings_high += f.audit.findings_high;
    r.audit_findings_medium += f.audit.findings_medium;
    r.audit_findings_low += f.audit.findings_low;
    if (!f.outcome.empty()) ++r.outcomes[f.outcome];
    // Only sessions that reached an ending count towards what teams missed: a team still
    // playing has not missed what it has not reached yet.
    const bool rated = f.rating_level != kUnratedLevel;
    if (rated) ++played[f.scenario_id];

    if (item.scenario) add_distribution(r, dist_index, f, *item.scenario);
    for (const FindingRow& fr : f.findings) {
      if (!rated) break;
      auto [it, fresh] = missed_index.try_emplace(f.scenario_id + "/" + fr.key_action_id,
                                                  r.most_missed.size());
      if (fresh) r.most_missed.push_back({f.scenario_title, fr, 0, 0, 0, 0});
      MissedKeyAction& m = r.most_missed[it->second];
      ++m.missed;
      if (fr.kind == FindingKind::Breached) ++m.breached;
      if (fr.kind == FindingKind::AchievedLate) ++m.late;
    }
    for (const PersonRow& p : f.people) {
      PersonRow m{part_a ? "" : p.name, "", p.role};
      if (part_a) m.pseudonym = p.pseudonym;  // only to count each person once, never shown
      members_seen.emplace(m.pseudonym + '\x1f' + m.name + '\x1f' + m.role, m);
    }
    if (!f.facilitator.empty()) facilitators.insert(f.facilitator);
    // Keep the per-session detail for the appendix.
    if (kept != n) models[kept] = std::move(f);
    ++kept;
  }
  models.erase(models.begin() + static_cast<std::ptrdiff_t>(kept), models.end());
  r.appendix = std::move(models);
  if (lean && !text::compact_appendix(r)) {
    // At most kFullAppendixLimit sessions, each given its own appendix: read them again and
    // build them whole. The redactor is a copy, so the review does not count their texts twice.
    std::unordered_map<std::string, size_t> in_appendix;
    std::vector<std::string> again;
    for (size_t i = 0; i < r.appendix.size(); ++i) {
      in_appendix.emplace(r.appendix[i].session_id, i);
      again.push_back(r.appendix[i].session_id);
    }
    ReportSettings whole = session_settings;
    whole.session_bodies = true;
    ScenarioCache cache;
    Redactor copy = redactor;
    db.load_sessions(again, [&](const store::SessionRecord& stored) {
      std::optional<store::SessionRecord> amended;
      const store::SessionRecord& rec = as_amended(stored, amend, amended);
      auto at = in_appendix.find(rec.summary.id);
      if (at == in_appendix.end()) return;
      try {
        r.appendix[at->second] = build_feedback_from_record(rec, cache, whole, copy);
      } catch (const store::StoreError&) {
        // Changed since it was read a moment ago and no longer rebuilds: it keeps the model
        // the figures were drawn from, with the settings a row of the table was built without.
        r.appendix[at->second].settings = whole;
      }
    });
  }
  for (MissedKeyAction& m : r.most_missed) {
    for (const FeedbackReport& f : r.appendix)
      if (f.scenario_title == m.scenario_title) {
        m.played = played[f.scenario_id];
        break;
      }
  }
  for (int i = 0; i < kPillarCount; ++i) {
    auto& sp = r.spread[i];
    sp.pillar = kPillars[i];
    sp.assessed = static_cast<int>(sp.percents.size());
    if (sp.percents.empty()) continue;
    double sum = 0;
    for (double p : sp.percents) sum += p;
    sp.mean = sum / sp.percents.size();
    sp.min = *std::min_element(sp.percents.begin(), sp.percents.end());
    sp.max = *std::max_element(sp.percents.begin(), sp.percents.end());
  }
  for (auto& [key, m] : members_seen) {
    m.pseudonym.clear();
    r.membership.push_back(std::move(m));
  }
  // Members before staff, then by name (Part B); Part A keeps the roles only.
  std::stable_sort(r.membership.begin(), r.membership.end(), [](const PersonRow& a, const PersonRow& b) {
    return std::tie(a.role, a.name) < std::tie(b.role, b.name);
  });
  r.facilitators.assign(facilitators.begin(), facilitators.end());
  if (part_a)  // counted, never named
    for (std::string& f : r.facilitators) f.clear();
  r.participants = static_cast<int>(people.size());
  r.teams = static_cast<int>(teams.size());
  r.event_names.assign(events.begin(), events.end());
  add_learning_points(r);
  add_members_recommendations(r);

  if (!sel.event.empty() && !r.appendix.empty() && !r.appendix.front().event_name.empty()) {
    const FeedbackReport& first = r.appendix.front();
    r.title = first.event_name + (first.event_date.empty() ? "" : ", " + text::long_date(first.event_date));
    r.scope = "Sessions played at the event \"" + first.event_name + "\"";
  } else {
    r.title = "Desktop audit sessions, " + text::long_date(r.date_from) + " to " +
              text::long_date(r.date_to);
    r.scope = "Sessions started between " + r.date_from + " and " + r.date_to;
  }
  r.front_sheet = scrutiny_front_sheet(db, sel, settings, list, redactor);
  apply_front_sheet(r.settings, r.front_sheet);
  r.review = redactor.review();
  return r;
}

OpenActionsReport build_open_actions(store::Store& db, const ReportSettings& settings) {
  OpenActionsReport r;
  r.settings = settings;
  const bool part_a = settings.part == Part::A;
  // Open actions span events: everyone's name is replaced.
  Redactor redactor;
  if (part_a) redactor = part_a_redactor(db, {}, true);
  auto clean = [&](const std::string& text) { return part_a ? redactor(text) : text; };
  std::map<std::string, bool> exempt;  // session id -> played from a Part B snapshot
  for (const store::SessionSummary& summary : db.list_sessions()) {
    std::vector<store::ActionItem> items = db.list_actions(summary.id);
    std::erase_if(items, [](const store::ActionItem& a) {
      return a.status == store::ActionStatus::Done;
    });
    if (items.empty()) continue;
    if (part_a) {
      // Actions arising from a Part B scenario describe exempt matters: Part B only. The
      // classification is read from the snapshot, only for sessions that have open actions.
      auto [it, fresh] = exempt.try_emplace(summary.id, false);
      if (fresh)
        if (auto rec = db.load_session(summary.id))
          it->second = rec->snapshot.classification == "part-b";
      if (it->second) {
        r.withheld += static_cast<int>(items.size());
        continue;
      }
    }
    for (const store::ActionItem& a : items) {
      r.actions.push_back({a.id, clean(a.finding), clean(a.action), clean(a.owner), a.due_date,
                           a.priority, store::key(a.status), false, "", summary.id,
                           clean(summary.event_name), summary.scenario_title});
    }
  }
  r.as_at = report_today(settings);
  for (ActionRow& a : r.actions) {
    a.overdue = audit::action_overdue(a.due_date, a.status, r.as_at);
    if (a.overdue) {
      a.days_overdue = days_between(a.due_date, r.as_at);
      ++r.overdue;
    }
  }
  // Overdue first, longest overdue first; then soonest due; actions without a date last.
  std::stable_sort(r.actions.begin(), r.actions.end(), [](const ActionRow& a, const ActionRow& b) {
    if (a.overdue != b.overdue) return a.overdue;
    const bool a_dated = is_iso_date(a.due_date), b_dated = is_iso_date(b.due_date);
    if (a_dated != b_dated) return a_dated;
    return a.due_date < b.due_date;
  });
  r.review = redactor.review();
  return r;
}

}  // namespace auditsim::reports
