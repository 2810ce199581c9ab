// The front sheet form of the Results screen's scrutiny report: the event's saved sheet, edited
// in memory and saved back through the store (which checks it and writes it in one transaction).
#pragma once

#include <string>

#include "sim/front_sheet.hpp"
#include "sim/store/store.hpp"

namespace auditsim::ui {

class FrontSheetEditor {
 public:
  // Loads the event's sheet when the event changes (a blank one when none is saved yet).
  void show_event(store::Store& db, const std::string& event_id);
  // Saves the sheet being edited; false with `message` saying why when it cannot be saved.
  bool save(store::Store& db);

  FrontSheet sheet;  // what the form edits
  // The lists as the form edits them: one item a line.
  std::string wards, papers, paragraphs;
  std::string message;  // the outcome of the last save or load, for the form to show
  bool saved_ok = false;
  const std::string& event() const { return event_; }
  // True when the form differs from what is saved.
  bool changed() const;

 private:
  std::string event_;
  FrontSheet saved_;
  void to_text();
  // The lists back from their text; false with `message` set for a bad paragraph number.
  bool from_text();
};

}  // namespace auditsim::ui
