// The play screen's own state between frames: what the facilitator is typing, the document open
// in the viewer and the room view's panels. Owned by the play controller, so a new session
// starts with a clean screen. No ImGui here.
#pragma once

#include <string>

namespace auditsim::ui {

struct PlayUi {
  int evidence_open = -1;
  std::string undo_reason;
  std::string note;
  bool note_part_b = false;
  std::string editing_note;   // the id of the saved note being corrected; empty for a new one
  std::string deleting_note;  // the id of the note whose deletion is being confirmed
  bool abandon_requested = false;  // acted on after the frame's drawing, which reads the play
  // The room view (presenter mode): on one display the facilitator panel is opened only on
  // purpose (F), the keys are listed on ?, and skipping the countdown asks for a second S.
  bool room_panel = false;
  bool room_keys_open = false;
  double skip_asked_at = -1;  // ImGui time of the first S; -1 when not asked
  std::string room_notice;    // "One minute added", shown briefly under the countdown
  double room_notice_at = -1;
  int room_scroll = 0;    // pages to scroll the stage's text by this frame (Page Up/Down)
  int room_document = 0;  // E opens the stage's documents in turn: how many it has opened
  int room_choice = 0;    // the choice's number pressed this frame (1-9), 0 for none
};

}  // namespace auditsim::ui
