// Form state for the New session and Author screens (no ImGui).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/store/records.hpp"
#include "ui/controllers/map_layout.hpp"
#include "ui/controllers/play.hpp"

namespace auditsim::ui {

// The New session form as typed.
struct NewSessionForm {
  int mode = 0;  // 0 solo, 1 facilitated group, 2 teams
  std::vector<std::string> teams{"Team 1", "Team 2"};
  bool new_event = true;
  std::string event_name;
  std::string event_date;  // YYYY-MM-DD
  int event_kind = 0;      // 0 training evening, 1 desktop audit, 2 e-learning
  int existing_event = -1; // index into the store's events
  std::string facilitator;
  std::vector<ParticipantEntry> participants;
  bool pseudonyms_only = false;
  bool timers = true;
  int audience = 0;  // 0 everyone, 1 members, 2 staff

  // Checks the form and builds the setup; null with one plain-words message per problem.
  std::optional<SessionSetup> build(const std::vector<store::Event>& events,
                                    std::vector<std::string>* problems) const;
};

// "Play solo" asks first who is learning: a name or a pseudonym, recorded with the session so the
// completion can be certified, and whether they are a councillor or an officer (the scenario's
// text for that role). Blank plays without a name, as before, and offers no certificate.
struct SoloForm {
  std::string name;
  int role = 0;  // 0 councillor, 1 officer
  SessionSetup build() const;
};

// Where the author is looking in the scenario map.
struct AuthorState {
  std::string path;          // the library entry shown
  std::string layout_sha;    // scenario the layout was computed for
  std::string layout_id;     // its id: another scenario is shown fitted to the window
  MapLayout layout;
  int selected_node = -1;
  MapView view;
  // Recomputes the layout when the scenario changed (hot reload); true when it did.
  bool update(const Scenario& s);
};

}  // namespace auditsim::ui
