// The session engine. Every step is O(choices + effects + injects touched): the inject tables
// below are built once per session so that a decision never scans the scenario or the history.
// Only undo and restore replay the history, and they are rare.
#include "sim/engine.hpp"

#include <algorithm>
#include <chrono>
#include <limits>

namespace auditsim {

// [SECTION] Clocks

int64_t SteadyClock::now_ms() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// [SECTION] Inject tables

// Lookup tables in compressed-row form: `items[offsets[k] .. offsets[k+1])` belong to bucket k.
// One flat vector per table keeps a 5,000-node scenario at a handful of allocations.
struct Buckets {
  std::vector<uint32_t> offsets;
  std::vector<int> items;

  static Buckets build(size_t bucket_count, const std::vector<std::pair<int, int>>& pairs) {
    Buckets b;
    b.offsets.assign(bucket_count + 1, 0);
    for (const auto& [bucket, item] : pairs) ++b.offsets[bucket + 1];
    for (size_t k = 0; k < bucket_count; ++k) b.offsets[k + 1] += b.offsets[k];
    b.items.resize(pairs.size());
    std::vector<uint32_t> fill(b.offsets.begin(), b.offsets.end() - 1);
    for (const auto& [bucket, item] : pairs) b.items[fill[bucket]++] = item;
    return b;
  }
  std::pair<const int*, const int*> of(int bucket) const {
    if (bucket < 0 || static_cast<size_t>(bucket) + 1 >= offsets.size()) return {nullptr, nullptr};
    return {items.data() + offsets[bucket], items.data() + offsets[bucket + 1]};
  }
};

// Built per session: injects aimed at the other audience are left out, so they never fire.
struct Session::InjectIndex {
  std::vector<int> timed;  // `after` injects, soonest first (declaration order breaks ties)
  Buckets since;           // `after` + `since` injects, by the node their time counts from
  Buckets on_enter;        // by node
  std::vector<int> when_all;
  Buckets when_by_variable;  // `when` injects that read a variable
  Buckets when_by_node;      // `when` injects that read visited(node)
  std::vector<std::pair<int64_t, int>> by_decisions;  // (after_decisions, inject), ascending

  InjectIndex(const Scenario& s, std::optional<Audience> audience) {
    std::vector<std::pair<int, int>> enter, by_var, by_node, since_node;
    const auto in_range = [](int i, size_t n) { return i >= 0 && static_cast<size_t>(i) < n; };
    for (size_t i = 0; i < s.injects.size(); ++i) {
      const Inject& in = s.injects[i];
      const int idx = static_cast<int>(i);
      if (in.audience && audience && *in.audience != *audience) continue;
      switch (in.trigger) {
        case Inject::Trigger::After:
          if (in.since < 0) timed.push_back(idx);
          else if (in_range(in.since, s.nodes.size())) since_node.emplace_back(in.since, idx);
          break;
        case Inject::Trigger::AfterDecisions:
          by_decisions.emplace_back(in.after_decisions, idx);
          break;
        case Inject::Trigger::OnEnter:
          if (in_range(in.node, s.nodes.size())) enter.emplace_back(in.node, idx);
          break;
        case Inject::Trigger::When:
          when_all.push_back(idx);
          for (int v : in.when.variables_read()) {
            if (in_range(v, s.variables.size())) by_var.emplace_back(v, idx);
          }
          for (int n : in.when.nodes_visited_read()) {
            if (in_range(n, s.nodes.size())) by_node.emplace_back(n, idx);
          }
          break;
      }
    }
    std::stable_sort(timed.begin(), timed.end(), [&s](int a, int b) {
      return s.injects[a].after_seconds < s.injects[b].after_seconds;
    });
    std::stable_sort(by_decisions.begin(), by_decisions.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    since = Buckets::build(s.nodes.size(), since_node);
    on_enter = Buckets::build(s.nodes.size(), enter);
    when_by_variable = Buckets::build(s.variables.size(), by_var);
    when_by_node = Buckets::build(s.nodes.size(), by_node);
  }
};

namespace {

constexpr int64_t kNever = std::numeric_limits<int64_t>::max();

// Seconds from the scenario to milliseconds, saturating instead of overflowing on absurd input.
int64_t seconds_to_ms(int64_t s) {
  if (s <= 0) return 0;
  if (s > kNever / 1000) return kNever;
  return s * 1000;
}

// A session needs a scenario to read; a null pointer gets an empty one so nothing dereferences
// null and the session simply has no choices.
ScenarioPtr non_null(ScenarioPtr s) {
  if (s) return s;
  static const ScenarioPtr empty = std::make_shared<const Scenario>();
  return empty;
}

bool is_decision(const HistoryEntry& e) {
  return e.kind == HistoryEntry::Kind::Decision || e.kind == HistoryEntry::Kind::Timeout;
}

}  // namespace

// [SECTION] Construction and queries

Session::Session(ScenarioPtr scenario, const Clock& clock, std::optional<Audience> audience)
    : scenario_(non_null(std::move(scenario))), clock_(&clock), audience_(audience) {
  index_ = std::make_shared<const InjectIndex>(*scenario_, audience_);
  state_ = initial_state(*scenario_);
  fired_.assign(scenario_->injects.size(), false);
  segment_start_ms_ = clock_->now_ms();
  enter_node(state_.node, 0);
  fire_when_all(0);
  fire_due_timed(0);
}

const Node& Session::current_node() const {
  static const Node none;
  const auto& nodes = scenario_->nodes;
  if (state_.node < 0 || static_cast<size_t>(state_.node) >= nodes.size()) return none;
  return nodes[state_.node];
}

bool Session::finished() const {
  const auto& nodes = scenario_->nodes;
  // A broken scenario (no valid current node) cannot continue, so it counts as finished.
  if (state_.node < 0 || static_cast<size_t>(state_.node) >= nodes.size()) return true;
  return nodes[state_.node].is_ending();
}

std::vector<int> Session::available_choices() const {
  std::vector<int> out;
  if (finished()) return out;
  const Node& n = current_node();
  for (size_t i = 0; i < n.choices.size(); ++i) {
    if (choice_available(*scenario_, n.choices[i], state_, audience_)) {
      out.push_back(static_cast<int>(i));
    }
  }
  return out;
}

int64_t Session::elapsed_ms() const {
  if (paused_) return active_before_ms_;
  return active_before_ms_ + std::max<int64_t>(0, clock_->now_ms() - segment_start_ms_);
}

int64_t Session::node_elapsed_ms() const {
  return std::max<int64_t>(0, elapsed_ms() - node_entered_at_ms_);
}

std::optional<int64_t> Session::time_left_ms() const {
  const Node& n = current_node();
  if (n.time_limit_seconds <= 0 || finished()) return std::nullopt;
  return std::max<int64_t>(0, stage_limit_ms() - node_elapsed_ms());
}

int64_t Session::stage_limit_ms() const {
  const int64_t limit = seconds_to_ms(current_node().time_limit_seconds);
  if (stage_time_added_ms_ > 0 && limit > kNever - stage_time_added_ms_) return kNever;
  return std::max<int64_t>(0, limit + stage_time_added_ms_);
}

namespace {
// A day: more than any evening needs, and far from overflowing anything it is added to.
constexpr int64_t kMaxStageTimeChangeMs = 24LL * 3600 * 1000;
}  // namespace

bool Session::add_stage_time(int64_t delta_ms) {
  const auto left = time_left_ms();
  if (!left || delta_ms == 0) return false;
  delta_ms = std::clamp(delta_ms, -kMaxStageTimeChangeMs, kMaxStageTimeChangeMs);
  if (delta_ms < 0) {
    // Never cut below the floor; when already under it, nothing to take away.
    const int64_t floor = std::min(*left, kMinTimeLeftAfterCutMs);
    delta_ms = std::max(delta_ms, floor - *left);
    if (delta_ms == 0) return false;
  }
  const int64_t added = std::clamp(stage_time_added_ms_ + delta_ms, -kMaxStageTimeChangeMs - node_elapsed_ms(),
                                   kMaxStageTimeChangeMs + node_elapsed_ms());
  if (added == stage_time_added_ms_) return false;
  stage_time_added_ms_ = added;
  return true;
}

bool Session::reset_stage_time() {
  if (!time_left_ms()) return false;
  // The limit counted from now: what has passed at this stage is given back.
  const int64_t limit = seconds_to_ms(current_node().time_limit_seconds);
  const int64_t added = std::min(node_elapsed_ms(), kNever - limit);
  if (added == stage_time_added_ms_) return false;
  stage_time_added_ms_ = added;
  return true;
}

bool Session::run_out_stage_time() {
  const auto left = time_left_ms();
  if (!left || *left == 0) return false;
  stage_time_added_ms_ -= *left;
  return true;
}

std::vector<size_t> Session::effective_decisions() const {
  std::vector<size_t> out;
  for (size_t i = 0; i < history_.size(); ++i) {
    if (is_decision(history_[i]) && !history_[i].undone) out.push_back(i);
  }
  return out;
}

// [SECTION] Evidence

std::vector<ReleasedEvidence> Session::released_evidence() const {
  const Scenario& s = *scenario_;
  std::vector<ReleasedEvidence> out;
  std::vector<bool> seen(s.evidence.size(), false);
  const auto add = [&](const std::vector<int>& ids, ReleasedEvidence r) {
    for (int e : ids) {
      if (e < 0 || static_cast<size_t>(e) >= seen.size() || seen[e]) continue;
      seen[e] = true;
      r.evidence = e;
      out.push_back(r);
    }
  };
  const auto stage = [&](int node, int64_t at_ms) {
    if (node < 0 || static_cast<size_t>(node) >= s.nodes.size()) return;
    ReleasedEvidence r;
    r.source = ReleasedEvidence::Source::Stage;
    r.node = node;
    r.at_ms = at_ms;
    add(s.nodes[node].evidence, r);
  };
  // The decisions in effect form a chain (each one's node is where the one before led), so
  // where each led is read off the next one without replaying the state.
  const std::vector<size_t> eff = effective_decisions();
  size_t k = 0;
  stage(s.start, 0);
  for (size_t h = 0; h < history_.size(); ++h) {
    const HistoryEntry& e = history_[h];
    if (e.kind == HistoryEntry::Kind::Inject && !e.undone && inject_fired(e.inject)) {
      ReleasedEvidence r;
      r.source = ReleasedEvidence::Source::Inject;
      r.inject = e.inject;
      r.at_ms = e.at_ms;
      add(s.injects[e.inject].evidence, r);
      continue;
    }
    if (!is_decision(e) || e.undone || k >= eff.size()) continue;
    if (e.node >= 0 && static_cast<size_t>(e.node) < s.nodes.size() && e.choice >= 0 &&
        static_cast<size_t>(e.choice) < s.nodes[e.node].choices.size()) {
      ReleasedEvidence r;
      r.source = ReleasedEvidence::Source::Choice;
      r.node = e.node;
      r.choice = e.choice;
      r.at_ms = e.at_ms;
      add(s.nodes[e.node].choices[e.choice].releases, r);
    }
    ++k;
    stage(k < eff.size() ? history_[eff[k]].node : state_.node, e.at_ms);
  }
  return out;
}

// [SECTION] Injects

void Session::fire(int inject_index, int64_t at_ms) {
  if (inject_index < 0 || static_cast<size_t>(inject_index) >= fired_.size()) return;
  if (fired_[inject_index]) return;
  fired_[inject_index] = true;
  pending_.push_back({inject_index, at_ms});
  HistoryEntry e;
  e.kind = HistoryEntry::Kind::Inject;
  e.at_ms = at_ms;
  e.node = state_.node;
  e.inject = inject_index;
  history_.push_back(std::move(e));
}

// Withdraws an inject the decision that fired it no longer supports: it is no longer fired
// (so it can fire again), no longer pending, and its history entry is marked undone.
void Session::unfire(int inject_index) {
  if (inject_index < 0 || static_cast<size_t>(inject_index) >= fired_.size()) return;
  if (!fired_[inject_index]) return;
  fired_[inject_index] = false;
  std::erase_if(pending_, [&](const PendingInject& p) { return p.inject == inject_index; });
  for (auto it = history_.rbegin(); it != history_.rend(); ++it) {
    if (it->kind == HistoryEntry::Kind::Inject && it->inject == inject_index && !it->undone) {
      it->undone = true;
      break;
    }
  }
}

void Session::enter_node(int node, int64_t at_ms) {
  node_entered_at_ms_ = at_ms;
  stage_time_added_ms_ = 0;
  arm_since(node, at_ms);
  const auto [b, e] = index_->on_enter.of(node);
  for (const int* p = b; p != e; ++p) fire(*p, at_ms);
}

// Starts the clocks of the `since` injects counting from `node`.
void Session::arm_since(int node, int64_t entered_at_ms) {
  const auto [b, e] = index_->since.of(node);
  for (const int* p = b; p != e; ++p) {
    if (fired_[*p]) continue;
    const int64_t after = seconds_to_ms(scenario_->injects[*p].after_seconds);
    const int64_t due = after > kNever - entered_at_ms ? kNever : entered_at_ms + after;
    armed_.emplace_back(due, *p);
  }
}

// After an undo or a restore: the `since` clocks of exactly the nodes entered on the path in
// effect, each from the moment it was entered. A node the undo took back stops its clock.
void Session::rearm_since() {
  armed_.clear();
  if (index_->since.items.empty()) return;
  arm_since(scenario_->start, 0);
  const std::vector<size_t> eff = effective_decisions();
  for (size_t k = 0; k < eff.size(); ++k) {
    // The decisions in effect form a chain: each one's node is where the one before led.
    const int to = k + 1 < eff.size() ? history_[eff[k + 1]].node : state_.node;
    arm_since(to, history_[eff[k]].at_ms);
  }
}

// The soonest moment a timed inject falls due (kNever when none is waiting); `armed` says
// whether it is a `since` clock. Session-relative ones win ties: they were declared first in time.
int64_t Session::next_timed_due(bool* armed) const {
  int64_t due = kNever;
  *armed = false;
  const auto& timed = index_->timed;
  for (size_t c = timed_cursor_; c < timed.size(); ++c) {
    if (fired_[timed[c]]) continue;
    due = seconds_to_ms(scenario_->injects[timed[c]].after_seconds);
    break;
  }
  for (const auto& [at, inject] : armed_) {
    if (at < due) {
      due = at;
      *armed = true;
    }
  }
  return due;
}

void Session::fire_due_timed(int64_t now_active_ms) {
  const auto& timed = index_->timed;
  while (true) {
    while (timed_cursor_ < timed.size() && fired_[timed[timed_cursor_]]) ++timed_cursor_;
    bool armed = false;
    const int64_t due = next_timed_due(&armed);
    if (due == kNever || due > now_active_ms) return;
    // Recorded at the moment it fell due, so the history reads the same however often the
    // caller ticks.
    if (!armed) {
      fire(timed[timed_cursor_++], due);
      continue;
    }
    auto it = std::find_if(armed_.begin(), armed_.end(),
                           [due](const auto& a) { return a.first == due; });
    const int inject = it->second;
    armed_.erase(it);
    fire(inject, due);
  }
}

void Session::fire_when_touched(const Choice& c, int64_t at_ms) {
  const ConditionInput in{state_.variables, state_.visits};
  const auto check = [&](std::pair<const int*, const int*> range) {
    for (const int* p = range.first; p != range.second; ++p) {
      if (!fired_[*p] && scenario_->injects[*p].when.eval(in)) fire(*p, at_ms);
    }
  };
  // Only conditions that read something this choice changed can have become true.
  for (const auto& a : c.effects) check(index_->when_by_variable.of(a.variable));
  check(index_->when_by_node.of(state_.node));
}

void Session::fire_when_all(int64_t at_ms) {
  const ConditionInput in{state_.variables, state_.visits};
  for (int i : index_->when_all) {
    if (!fired_[i] && scenario_->injects[i].when.eval(in)) fire(i, at_ms);
  }
}

// [SECTION] Decisions

bool Session::can_take(int choice_index) const {
  if (finished()) return false;
  const Node& n = current_node();
  if (choice_index < 0 || static_cast<size_t>(choice_index) >= n.choices.size()) return false;
  return choice_available(*scenario_, n.choices[choice_index], state_, audience_);
}

// Callers have checked can_take(): checking again here would evaluate the condition twice on
// the hot path.
void Session::apply(int choice_index, const GroupInput& group, HistoryEntry::Kind kind,
                    int64_t at_ms) {
  const Choice& c = current_node().choices[choice_index];
  HistoryEntry e;
  e.kind = kind;
  e.at_ms = at_ms;
  e.node = state_.node;
  e.choice = choice_index;
  e.time_taken_ms = std::max<int64_t>(0, at_ms - node_entered_at_ms_);
  e.delta = c.score;
  e.group = group;
  history_.push_back(std::move(e));

  apply_choice_in_place(*scenario_, state_, choice_index);
  score_ += c.score;
  ++decisions_in_effect_;
  enter_node(state_.node, at_ms);
  fire_when_touched(c, at_ms);
  const auto& counted = index_->by_decisions;
  auto it = std::lower_bound(counted.begin(), counted.end(), std::make_pair(decisions_in_effect_, 0));
  for (; it != counted.end() && it->first == decisions_in_effect_; ++it) fire(it->second, at_ms);
}

bool Session::choose(int choice_index, const GroupInput& group) {
  if (paused_ || !can_take(choice_index)) return false;
  const int64_t now = elapsed_ms();
  // Injects that fell due before this moment belong before the decision in the history.
  fire_due_timed(now);
  apply(choice_index, group, HistoryEntry::Kind::Decision, now);
  return true;
}

bool Session::choose(std::string_view choice_id, const GroupInput& group) {
  const Node& n = current_node();
  for (size_t i = 0; i < n.choices.size(); ++i) {
    if (n.choices[i].id == choice_id) return choose(static_cast<int>(i), group);
  }
  return false;
}

bool Session::replay_effective(std::string* error) {
  PlayState st = initial_state(*scenario_);
  Score4 score;
  for (const HistoryEntry& e : history_) {
    if (!is_decision(e) || e.undone) continue;
    if (e.node != st.node || st.node < 0 ||
        static_cast<size_t>(st.node) >= scenario_->nodes.size()) {
      if (error) *error = "a recorded decision does not follow from the one before it";
      return false;
    }
    const Node& n = scenario_->nodes[st.node];
    if (e.choice < 0 || static_cast<size_t>(e.choice) >= n.choices.size() ||
        !choice_available(*scenario_, n.choices[e.choice], st, audience_)) {
      if (error) *error = "a recorded decision was not available at node '" + n.id + "'";
      return false;
    }
    score += n.choices[e.choice].score;
    apply_choice_in_place(*scenario_, st, e.choice);
  }
  state_ = std::move(st);
  score_ = score;
  return true;
}

// The injects a decision fired are the Inject entries right after it at the same moment (on
// arrival, or a condition it made true; injects due earlier were fired before it). Undoing the
// decision takes them back, so they fire again if the story reaches them again; their entries
// stay in the history, so a second firing is recorded beside the first.
void Session::unfire_injects_of(size_t decision) {
  const int64_t at = history_[decision].at_ms;
  for (size_t j = decision + 1; j < history_.size(); ++j) {
    const HistoryEntry& e = history_[j];
    if (e.kind != HistoryEntry::Kind::Inject || e.at_ms != at) break;
    unfire(e.inject);
  }
  timed_cursor_ = 0;  // the cursor skips what is still fired; an un-fired timed inject is due again
}

bool Session::undo(const std::string& reason) {
  const auto last = std::find_if(history_.rbegin(), history_.rend(),
                                 [](const HistoryEntry& e) { return is_decision(e) && !e.undone; });
  if (last == history_.rend()) return false;
  const size_t undone_at = static_cast<size_t>(history_.rend() - last) - 1;
  // Injects that fell due before this moment belong before the undo in the history.
  fire_due_timed(elapsed_ms());
  HistoryEntry* it = &history_[undone_at];
  it->undone = true;
  unfire_injects_of(undone_at);
  // An `after_decisions` inject fired by the decision taken back is withdrawn too (it may have
  // fired at a later moment than the decision when a timeout counted), so it fires again when
  // the count is reached again.
  const auto& counted = index_->by_decisions;
  auto c = std::lower_bound(counted.begin(), counted.end(), std::make_pair(decisions_in_effect_, 0));
  for (; c != counted.end() && c->first == decisions_in_effect_; ++c) unfire(c->second);
  --decisions_in_effect_;
  HistoryEntry u;
  u.kind = HistoryEntry::Kind::Undo;
  u.at_ms = elapsed_ms();
  u.node = it->node;
  u.choice = it->choice;
  u.delta = it->delta;
  u.group.rationale = reason;
  // Replaying the decisions still in effect from the start is the one way to restore variables
  // and visit counts exactly, whatever the undone choice did.
  replay_effective(nullptr);
  history_.push_back(std::move(u));
  // The room gets the full time again at the node it returns to; injects fired before the undone
  // decision stay fired and are not re-announced.
  node_entered_at_ms_ = history_.back().at_ms;
  stage_time_added_ms_ = 0;
  rearm_since();
  fire_when_all(node_entered_at_ms_);
  return true;
}

// [SECTION] Time

void Session::tick(const GroupInput& group) {
  const int node_of_group = state_.node;
  // Timed injects and a timeout are processed in the order they fell due, so a coarse tick gives
  // the same history as a fine one. Each pass handles one inject or time-out; a scenario is acyclic, so the
  // bound is never reached in practice.
  const size_t bound = scenario_->nodes.size() + scenario_->injects.size() + 1;
  for (size_t pass = 0; pass < bound; ++pass) {
    const int64_t now = elapsed_ms();
    bool armed = false;
    const int64_t inject_due = next_timed_due(&armed);
    int64_t timeout_due = kNever;
    const Node& n = current_node();
    if (!paused_ && n.time_limit_seconds > 0 && can_take(n.on_timeout)) {
      const int64_t limit = stage_limit_ms();
      if (limit <= kNever - node_entered_at_ms_) timeout_due = node_entered_at_ms_ + limit;
    }
    if (std::min(inject_due, timeout_due) > now) return;
    if (inject_due <= timeout_due) {
      fire_due_timed(inject_due);
    } else {
      // Scenarios are acyclic, so the node the group spoke at is left at most once per call.
      const bool here = state_.node == node_of_group;
      apply(n.on_timeout, here ? group : GroupInput{}, HistoryEntry::Kind::Timeout, timeout_due);
    }
  }
}

namespace {

// A pause or a resume in the history: when (active time) and where it happened.
HistoryEntry clock_marker(HistoryEntry::Kind kind, int64_t at_ms, int node) {
  HistoryEntry e;
  e.kind = kind;
  e.at_ms = at_ms;
  e.node = node;
  return e;
}

}  // namespace

void Session::pause() {
  if (paused_) return;
  active_before_ms_ = elapsed_ms();
  paused_ = true;
  history_.push_back(clock_marker(HistoryEntry::Kind::Pause, active_before_ms_, state_.node));
}

void Session::resume() {
  if (!paused_) return;
  segment_start_ms_ = clock_->now_ms();
  paused_ = false;
  history_.push_back(clock_marker(HistoryEntry::Kind::Resume, active_before_ms_, state_.node));
}

void Session::acknowledge_inject(int inject_index) {
  std::erase_if(pending_, [&](const PendingInject& p) { return p.inject == inject_index; });
}

}  // namespace auditsim
