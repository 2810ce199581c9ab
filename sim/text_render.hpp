// The text a player reads: the right text for the audience (format 1.1 text per audience) with
// its conditional blocks resolved for the state of play. Pure functions over the Scenario.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/model.hpp"
#include "sim/state.hpp"

namespace auditsim {

// The stage text for an audience: its own text when the stage has one, else the default. With
// no audience (a facilitator's guide, the checker) the default.
const std::string& node_text(const Node& n, std::optional<Audience> audience);
// The discussion prompts for an audience, chosen the same way.
const std::vector<std::string>& node_discuss(const Node& n, std::optional<Audience> audience);
// An inject's text for an audience, chosen the same way.
const std::string& inject_text(const Inject& in, std::optional<Audience> audience);

// Markdown as it reads in a state: each conditional block replaced by the branch its condition
// picks. A text without blocks, and every text of an auditsim/1 file, comes back as written.
std::string render_text(const Scenario& s, const std::string& text, const ConditionInput& in);
std::string render_text(const Scenario& s, const std::string& text, const PlayState& st);

// Prompts rendered for a state; a prompt whose every word is conditional and hidden is left out.
std::vector<std::string> render_prompts(const Scenario& s, const std::vector<std::string>& prompts,
                                        const PlayState& st);

}  // namespace auditsim
