#include "ui/controllers/control_checks.hpp"

#include <algorithm>

#include "sim/utf8.hpp"

namespace auditsim::ui {

namespace {

constexpr audit::ControlStatus kStatusOrder[] = {
    audit::ControlStatus::InPlace, audit::ControlStatus::Partly, audit::ControlStatus::NotInPlace,
    audit::ControlStatus::NotKnown};

bool blank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

std::string& part(audit::ControlCheck& c, int i) {
  return i == 0 ? c.condition : i == 1 ? c.criteria : i == 2 ? c.cause : c.effect;
}
const std::string& part(const audit::ControlCheck& c, int i) {
  return i == 0 ? c.condition : i == 1 ? c.criteria : i == 2 ? c.cause : c.effect;
}
const std::string& part(const audit::FindingWording& w, int i) {
  return i == 0 ? w.condition : i == 1 ? w.criteria : i == 2 ? w.cause : w.effect;
}

// At most `max` characters of `s` (whole UTF-8 characters), with an ellipsis when cut, for a
// history line the room can read at a glance.
std::string clip(const std::string& s, size_t max) {
  size_t i = 0, chars = 0;
  while (i < s.size() && chars < max) {
    const utf8::Char c = utf8::decode(s, i);
    i += c.len ? c.len : 1;
    ++chars;
  }
  std::string out = s.substr(0, i);
  std::replace(out.begin(), out.end(), '\n', ' ');
  return i < s.size() ? out + "\xE2\x80\xA6" : out;
}

bool same_record(const audit::ControlCheck& a, const audit::ControlCheck& b) {
  return a.status == b.status && a.evidence == b.evidence && a.evidence_ref == b.evidence_ref &&
         a.owner == b.owner && a.due_date == b.due_date && a.condition == b.condition &&
         a.criteria == b.criteria && a.cause == b.cause && a.effect == b.effect;
}

// What changed from one version to the next, in words.
std::string changes(const audit::ControlCheck* before, const audit::ControlCheck& now) {
  std::vector<std::string> out;
  auto text_field = [&](const char* name, const std::string& was, const std::string& is) {
    if (before && was == is) return;
    if (is.empty()) {
      if (before) out.push_back(std::string(name) + " removed");
      return;
    }
    out.push_back(std::string(name) + ": " + clip(is, 60));
  };
  if (!before) out.push_back(std::string("Recorded as ") + audit::label(now.status));
  else if (before->status != now.status)
    out.push_back(std::string("Status: ") + audit::label(before->status) + " \xE2\x86\x92 " +
                  audit::label(now.status));
  text_field("Evidence", before ? before->evidence : "", now.evidence);
  text_field("Document", before ? before->evidence_ref : "", now.evidence_ref);
  text_field("Responsible", before ? before->owner : "", now.owner);
  text_field("Target date", before ? before->due_date : "", now.due_date);
  for (int i = 0; i < kFindingParts; ++i) {
    const std::string& was = before ? part(*before, i) : std::string();
    if (before ? was == part(now, i) : part(now, i).empty()) continue;
    const char* name = i == 0 ? "Condition" : i == 1 ? "Criteria" : i == 2 ? "Cause" : "Effect";
    out.push_back(part(now, i).empty() ? std::string(name) + ": the suggested wording"
                                       : std::string(name) + ": " + clip(part(now, i), 60));
  }
  if (out.empty()) return "Saved again unchanged";
  std::string joined;
  for (const std::string& s : out) joined += (joined.empty() ? "" : "; ") + s;
  return joined;
}

}  // namespace

const char* finding_part_label(FindingPart p) {
  switch (p) {
    case FindingPart::Condition: return "Condition: what the group found";
    case FindingPart::Criteria: return "Criteria: what should be in place";
    case FindingPart::Cause: return "Cause: why the gap exists";
    case FindingPart::Effect: return "Effect: the risk that follows";
  }
  return "";
}

ControlChecksController::ControlChecksController(AuditWorkspace& ws) : ws_(&ws) {
  const Scenario& s = ws.scenario();
  for (size_t i = 0; i < s.key_actions.size(); ++i) {
    const KeyAction& k = s.key_actions[i];
    CheckRow row;
    row.key_action = static_cast<int>(i);
    row.id = k.id;
    row.has_question = k.control.has_value() && !k.control->question.empty();
    row.question = row.has_question ? k.control->question : k.text;
    row.usual_owner = k.control ? k.control->owner : std::string();
    load_row(row);
    rows_.push_back(std::move(row));
  }
}

void ControlChecksController::load_row(CheckRow& row) const {
  row.recorded = false;
  row.dirty = false;
  row.error.clear();
  for (const audit::ControlCheck& c : audit::current_checks(ws_->record()))
    if (c.key_action == row.id) {
      row.stored = c;
      row.recorded = true;
    }
  if (row.recorded) {
    row.draft = row.stored;
  } else {
    row.draft = audit::ControlCheck{};
    row.draft.key_action = row.id;
    row.draft.owner = row.usual_owner;  // prefilled: the role the scenario names
  }
  const audit::FindingWording w = suggested(row);
  for (int i = 0; i < kFindingParts; ++i) {
    row.suggestion[static_cast<size_t>(i)] = part(w, i);
    const std::string& own = part(row.draft, i);
    row.finding[static_cast<size_t>(i)] = own.empty() ? part(w, i) : own;
    part(row.draft, i).clear();
  }
}

audit::FindingWording ControlChecksController::suggested(const CheckRow& row) const {
  audit::ControlCheck c = row.draft;
  for (int i = 0; i < kFindingParts; ++i) part(c, i).clear();
  return audit::prefilled_wording(ws_->scenario(), row.key_action, c);
}

void ControlChecksController::follow_suggestion(CheckRow& row) const {
  const audit::FindingWording now = suggested(row);
  for (int i = 0; i < kFindingParts; ++i) {
    const size_t k = static_cast<size_t>(i);
    if (row.finding[k] == row.suggestion[k] || blank(row.finding[k])) row.finding[k] = part(now, i);
    row.suggestion[k] = part(now, i);
  }
}

audit::ControlCheck ControlChecksController::to_store(const CheckRow& row) const {
  audit::ControlCheck c = row.draft;
  c.key_action = row.id;
  c.changed_by = ws_->recorded_by;
  c.seq = 0;
  c.changed_at.clear();
  for (int i = 0; i < kFindingParts; ++i) {
    const std::string& shown = row.finding[static_cast<size_t>(i)];
    // Left as suggested (or emptied): stored as "use the suggestion", so it keeps following
    // the status and the evidence.
    part(c, i) = shown == row.suggestion[static_cast<size_t>(i)] || blank(shown) ? std::string() : shown;
  }
  return c;
}

void ControlChecksController::select(int row) {
  if (rows_.empty()) return;
  selected_ = std::clamp(row, 0, static_cast<int>(rows_.size()) - 1);
}

void ControlChecksController::move_selection(int delta) { select(selected_ + delta); }

bool ControlChecksController::save(int r, std::string* error) {
  if (r < 0 || r >= static_cast<int>(rows_.size())) return false;
  CheckRow& row = rows_[static_cast<size_t>(r)];
  follow_suggestion(row);
  audit::ControlCheck c = to_store(row);
  if (row.recorded && same_record(c, row.stored)) {
    row.dirty = false;
    row.error.clear();
    return true;
  }
  row.dirty = true;
  std::string why;
  if (!ws_->check_recorded_by(&why)) {
    row.error = why;
    if (error) *error = why;
    return false;
  }
  try {
    ws_->db().record_control_check(ws_->session_id(), c);
  } catch (const std::exception& e) {
    const KeyAction& k = ws_->scenario().key_actions.at(static_cast<size_t>(row.key_action));
    row.error = e.what();
    if (error)
      *error = "The check of \"" + clip(k.text, 80) + "\" was not saved: " + e.what() +
               " What you typed is still on screen, marked \"Not saved\".";
    return false;
  }
  std::string reread;
  const bool fresh = ws_->reload(&reread);
  // The write is stored whether or not the re-read worked: show it as saved either way.
  const auto typed = row.finding;
  load_row(row);
  if (!fresh) {
    row.stored = c;
    row.recorded = true;
    row.finding = typed;
  }
  if (!fresh && error) *error = reread;
  return fresh;
}

bool ControlChecksController::save_unsaved() {
  bool all = true;
  for (int r = 0; r < static_cast<int>(rows_.size()); ++r)
    if (rows_[static_cast<size_t>(r)].dirty) all = save(r, nullptr) && all;
  return all;
}

bool ControlChecksController::set_status(int r, audit::ControlStatus s, std::string* error) {
  if (r < 0 || r >= static_cast<int>(rows_.size())) return false;
  rows_[static_cast<size_t>(r)].draft.status = s;
  return save(r, error);
}

bool ControlChecksController::step_status(int r, int delta, std::string* error) {
  if (r < 0 || r >= static_cast<int>(rows_.size())) return false;
  const CheckRow& row = rows_[static_cast<size_t>(r)];
  int at = -1;
  if (row.recorded || row.dirty)
    at = static_cast<int>(std::find(std::begin(kStatusOrder), std::end(kStatusOrder), row.draft.status) -
                          std::begin(kStatusOrder));
  const int next = at < 0 ? (delta > 0 ? 0 : 3) : std::clamp(at + delta, 0, 3);
  if (at == next) return true;
  return set_status(r, kStatusOrder[next], error);
}

bool ControlChecksController::use_suggested_wording(int r, std::string* error) {
  if (r < 0 || r >= static_cast<int>(rows_.size())) return false;
  CheckRow& row = rows_[static_cast<size_t>(r)];
  for (size_t i = 0; i < row.finding.size(); ++i) row.finding[i] = row.suggestion[i];
  return save(r, error);
}

bool ControlChecksController::needs_action(const CheckRow& row) {
  return (row.recorded || row.dirty) && row.draft.status != audit::ControlStatus::InPlace;
}

std::vector<CheckHistoryLine> ControlChecksController::history(int r) const {
  std::vector<CheckHistoryLine> out;
  if (r < 0 || r >= static_cast<int>(rows_.size())) return out;
  const std::string& id = rows_[static_cast<size_t>(r)].id;
  const audit::ControlCheck* before = nullptr;
  for (const audit::ControlCheck& c : ws_->record().checks) {
    if (c.key_action != id) continue;
    out.push_back({short_time(c.changed_at), c.changed_by, changes(before, c)});
    before = &c;
  }
  std::reverse(out.begin(), out.end());
  return out;
}

std::string ControlChecksController::saved_state(int r) const {
  if (r < 0 || r >= static_cast<int>(rows_.size())) return "";
  const CheckRow& row = rows_[static_cast<size_t>(r)];
  if (row.dirty) return row.error.empty() ? "Not saved yet" : "Not saved";
  if (!row.recorded) return "Not checked yet";
  const std::string& at = row.stored.changed_at;
  const std::string time = at.size() >= 16 && at[10] == 'T' ? at.substr(11, 5) + " UTC" : at;
  return "Saved " + time + (row.stored.changed_by.empty() ? "" : " by " + row.stored.changed_by);
}

int ControlChecksController::checked_count() const {
  return static_cast<int>(std::count_if(rows_.begin(), rows_.end(),
                                        [](const CheckRow& r) { return r.recorded; }));
}

int ControlChecksController::unsaved_count() const {
  return static_cast<int>(std::count_if(rows_.begin(), rows_.end(),
                                        [](const CheckRow& r) { return r.dirty; }));
}

}  // namespace auditsim::ui
