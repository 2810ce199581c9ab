#include "ui/controllers/front_sheet.hpp"

#include <algorithm>
#include <sstream>

namespace auditsim::ui {

namespace {

std::string lines_of(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& i : items) out += (out.empty() ? "" : "\n") + i;
  return out;
}

std::vector<std::string> items_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const size_t a = line.find_first_not_of(" \t\r");
    if (a == std::string::npos) continue;
    out.push_back(line.substr(a, line.find_last_not_of(" \t\r") - a + 1));
  }
  return out;
}

}  // namespace

void FrontSheetEditor::show_event(store::Store& db, const std::string& event_id) {
  if (event_id == event_) return;
  event_ = event_id;
  message.clear();
  saved_ok = false;
  try {
    saved_ = db.load_front_sheet(event_id).value_or(FrontSheet{});
  } catch (const store::StoreError& e) {
    saved_ = FrontSheet{};
    message = e.what();
  }
  sheet = saved_;
  to_text();
}

void FrontSheetEditor::to_text() {
  wards = lines_of(sheet.wards_affected);
  papers = lines_of(sheet.background_papers);
  paragraphs.clear();
  for (int p : sheet.schedule_12a_paragraphs) paragraphs += (paragraphs.empty() ? "" : ", ") + std::to_string(p);
}

bool FrontSheetEditor::from_text() {
  sheet.wards_affected = items_of(wards);
  sheet.background_papers = items_of(papers);
  std::vector<int> ps;
  std::string number;
  for (char c : paragraphs + ",") {
    if (c >= '0' && c <= '9') {
      number += c;
    } else if (c == ',' || c == ' ' || c == ';') {
      if (!number.empty() && number.size() <= 2) ps.push_back(std::stoi(number));
      else if (!number.empty()) return message = "\"" + number + "\" is not a paragraph of Schedule 12A.", false;
      number.clear();
    } else {
      message = "Write the Schedule 12A paragraphs as numbers from 1 to 7, for example 1, 7.";
      return false;
    }
  }
  std::sort(ps.begin(), ps.end());
  ps.erase(std::unique(ps.begin(), ps.end()), ps.end());
  sheet.schedule_12a_paragraphs = ps;
  return true;
}

bool FrontSheetEditor::changed() const {
  FrontSheetEditor copy = *this;
  copy.from_text();
  return copy.sheet != saved_;
}

bool FrontSheetEditor::save(store::Store& db) {
  saved_ok = false;
  if (event_.empty()) return message = "Choose an event first.", false;
  if (!from_text()) return false;
  if (std::string problem = front_sheet_problem(sheet); !problem.empty()) return message = problem, false;
  try {
    db.save_front_sheet(event_, sheet);
  } catch (const store::StoreError& e) {
    message = e.what();
    return false;
  }
  saved_ = sheet;
  saved_ok = true;
  message = "Front sheet saved. Every scrutiny report of this event starts with it.";
  return true;
}

}  // namespace auditsim::ui
