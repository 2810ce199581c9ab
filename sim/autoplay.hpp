// Playing a session automatically: listed choices, the best or worst path, the best play from
// wherever the session is, a seeded random path. Path tests and `auditsim balance` play through
// these, so "best" or "random, seed 7" in a test is the path `auditsim play --auto` takes.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/analysis.hpp"
#include "sim/engine.hpp"

namespace auditsim {

// Why scripted play stopped before an ending.
struct PlayStop {
  size_t index = 0;          // position in the list of the choice that could not be taken
  std::string choice;        // its id
  std::string node;          // the node the session was at
  bool ended_early = false;  // the scenario had already ended
  std::vector<std::string> available;  // choice ids offered there
};

// How automatic play takes a choice. Left empty, the choice is taken in the session and the
// injects it fires are acknowledged (nobody is there to read them); the command line passes its
// own, which records and prints each step and shows the injects.
using TakeChoice = std::function<bool(int choice_index)>;

// Takes the choices in order; nullopt when every one was taken, otherwise where it stopped.
std::optional<PlayStop> play_choices(Session& session, const std::vector<std::string>& ids);

// From wherever the session is to an ending: at every stage the available choice with the
// highest total score plus the best total still reachable after it (the first listed on ties),
// as a well-advised team would play after a mistake.
void play_best_from_here(Session& session, Continuations& continuations,
                         const TakeChoice& take = {});

// A random available choice at each stage until an ending or a stage with none; the same seed
// gives the same path, and the same path as `auditsim play --auto random:SEED`.
void play_random(Session& session, uint64_t seed, const TakeChoice& take = {});

// The choice ids taken so far that are still in effect, in order.
std::vector<std::string> choices_taken(const Session& session);

}  // namespace auditsim
