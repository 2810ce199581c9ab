// What a session shows, as it reads on that session's own path: the audience's text with its
// conditional blocks resolved for the state the session was in when the text was shown.
// The desktop, terminal play and the reports all read text through these.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sim/engine.hpp"
#include "sim/text_render.hpp"

namespace auditsim {

// The current stage's text and discussion prompts, in the state now.
std::string stage_text(const Session& session);
std::vector<std::string> stage_prompts(const Session& session);
// An inject's text, in the state now (injects are shown as soon as they fire).
std::string inject_text(const Session& session, int inject);
// The documents shown with the current stage: its own, then those the decision that led here
// handed over (`releases`), each once, as indices into Scenario::evidence. The play screen, the
// room view and the devices' page all show these.
std::vector<int> stage_evidence(const Session& s);
// An evidence document's text, in the state now.
std::string evidence_text(const Session& session, int evidence);
// The feedback of the choice history entry `index` took (a decision or a timeout), in the state
// right after that choice; empty for any other kind of entry.
std::string feedback_text(const Session& session, size_t index);
// The ending's debrief in the final state; empty while the session is not at an ending.
std::string debrief_text(const Session& session);

// The play state right after each history entry (a decision, a timeout, an undo; other entries
// leave it unchanged), replayed from the start: states_after(s)[i] follows history()[i].
std::vector<PlayState> states_after(const Session& session);

}  // namespace auditsim
