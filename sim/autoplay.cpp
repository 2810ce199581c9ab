// Automatic play. Scripted play acknowledges injects as they arrive: there is nobody to read
// them, and an unacknowledged inject changes nothing the choices depend on.
#include "sim/autoplay.hpp"

#include <random>

#include "sim/state.hpp"

namespace auditsim {

namespace {

int find_available(const Session& session, std::string_view id) {
  const Node& n = session.current_node();
  for (int c : session.available_choices())
    if (n.choices[static_cast<size_t>(c)].id == id) return c;
  return -1;
}

void acknowledge_all(Session& session) {
  while (!session.pending_injects().empty())
    session.acknowledge_inject(session.pending_injects().front().inject);
}

// The given way of taking a choice, or the default one.
TakeChoice or_default(Session& session, const TakeChoice& take) {
  if (take) return take;
  return [&session](int c) {
    if (!session.choose(c)) return false;
    acknowledge_all(session);
    return true;
  };
}

}  // namespace

std::optional<PlayStop> play_choices(Session& session, const std::vector<std::string>& ids) {
  acknowledge_all(session);
  for (size_t i = 0; i < ids.size(); ++i) {
    const int c = session.finished() ? -1 : find_available(session, ids[i]);
    if (c < 0 || !session.choose(c)) {
      PlayStop stop{i, ids[i], session.current_node().id, session.finished(), {}};
      for (int a : session.available_choices())
        stop.available.push_back(session.current_node().choices[static_cast<size_t>(a)].id);
      return stop;
    }
    acknowledge_all(session);
  }
  return std::nullopt;
}

void play_best_from_here(Session& session, Continuations& continuations, const TakeChoice& take) {
  const TakeChoice choose = or_default(session, take);
  if (!take) acknowledge_all(session);
  while (!session.finished()) {
    int best = -1;
    int64_t best_value = 0;
    for (int c : session.available_choices()) {
      const int64_t v =
          session.current_node().choices[static_cast<size_t>(c)].score.total() +
          continuations.best_total(apply_choice(session.scenario(), session.state(), c));
      if (best < 0 || v > best_value) best = c, best_value = v;
    }
    if (best < 0 || !choose(best)) return;
  }
}

void play_random(Session& session, uint64_t seed, const TakeChoice& take) {
  const TakeChoice choose = or_default(session, take);
  std::mt19937_64 rng(seed);
  if (!take) acknowledge_all(session);
  while (!session.finished()) {
    const std::vector<int> available = session.available_choices();
    if (available.empty()) return;
    std::uniform_int_distribution<size_t> pick(0, available.size() - 1);
    if (!choose(available[pick(rng)])) return;
  }
}

std::vector<std::string> choices_taken(const Session& session) {
  std::vector<std::string> out;
  for (size_t h : session.effective_decisions()) {
    const HistoryEntry& e = session.history()[h];
    out.push_back(session.scenario().nodes[static_cast<size_t>(e.node)]
                      .choices[static_cast<size_t>(e.choice)].id);
  }
  return out;
}

}  // namespace auditsim
