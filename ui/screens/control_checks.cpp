// Control checks: one row per key action of the scenario. For each, the group records the
// council's real position against its control question, the evidence seen, who is responsible,
// a target date where action is needed and the finding's wording. Saved on each change; the
// keyboard moves between rows (Up/Down), sets the status (1-4, Left/Right) and edits (Enter).
#include <imgui.h>

#include "ui/app/app.hpp"
#include "ui/app/keys.hpp"
#include "ui/screens/screens.hpp"
#include "ui/widgets/date_picker.hpp"
#include "ui/widgets/style.hpp"
#include "ui/widgets/widgets.hpp"

namespace auditsim::ui {

namespace {

constexpr audit::ControlStatus kStatuses[] = {
    audit::ControlStatus::InPlace, audit::ControlStatus::Partly, audit::ControlStatus::NotInPlace,
    audit::ControlStatus::NotKnown};

ImVec4 status_colour(audit::ControlStatus s) {
  const Palette& p = palette();
  switch (s) {
    case audit::ControlStatus::InPlace: return p.ok;
    case audit::ControlStatus::Partly: return p.warn;
    case audit::ControlStatus::NotInPlace: return p.bad;
    case audit::ControlStatus::NotKnown: return p.accent;
  }
  return p.muted;
}

ImVec4 priority_colour(Priority p) {
  return p == Priority::High ? palette().bad : p == Priority::Medium ? palette().warn : palette().muted;
}

const char* priority_label(Priority p) {
  return p == Priority::High ? "High" : p == Priority::Medium ? "Medium" : "Low";
}

// Screen state that is only about drawing: where the keyboard asked to go.
struct Focus {
  bool scroll_to_selected = false;
  bool edit_evidence = false;
};

void report(App& app, bool ok, const std::string& err, const char* what) {
  if (!ok && !err.empty())
    app.show_error(what, err, "Check the results database; what was typed stays on screen until it is saved.");
}

// The four status buttons, the chosen one filled in its colour; 1-4 on the keyboard.
void draw_status_buttons(App& app, ControlChecksController& c, int r) {
  const CheckRow& row = c.rows()[static_cast<size_t>(r)];
  const bool chosen_any = row.recorded || row.dirty;
  for (int i = 0; i < 4; ++i) {
    const audit::ControlStatus s = kStatuses[i];
    const bool chosen = chosen_any && row.draft.status == s;
    const std::string label = std::to_string(i + 1) + "  " + audit::label(s) + "##status-" + row.id;
    if (i > 0) ImGui::SameLine();
    ImVec4 fill = status_colour(s);
    if (chosen) {
      ImGui::PushStyleColor(ImGuiCol_Button, fill);
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, fill);
      ImGui::PushStyleColor(ImGuiCol_Text, palette().accent_text);
    }
    const bool pressed = button(label.c_str());
    if (chosen) ImGui::PopStyleColor(3);
    if (pressed) {
      c.select(r);
      std::string err;
      report(app, c.set_status(r, s, &err), err, "The check was not saved");
    }
  }
}

void draw_saved_state(ControlChecksController& c, int r) {
  const CheckRow& row = c.rows()[static_cast<size_t>(r)];
  const std::string state = c.saved_state(r);
  const ImVec4 colour = row.dirty ? palette().bad : row.recorded ? palette().ok : palette().muted;
  coloured_text(colour, (row.recorded && !row.dirty ? "\xE2\x9C\x93 " + state : state).c_str());
}

// A text field saved when it is left after an edit; marked not saved while it is being typed.
// `lines` > 0: a paragraph, wrapped as it is typed, at least that many lines high.
void saved_field(App& app, ControlChecksController& c, int r, const char* label, std::string* value,
                 int lines) {
  bool changed = lines > 0 ? input_wrapped(label, value, lines) : input_text(label, value);
  if (changed) c.rows()[static_cast<size_t>(r)].dirty = true;
  if (ImGui::IsItemDeactivatedAfterEdit()) {
    std::string err;
    report(app, c.save(r, &err), err, "The check was not saved");
  }
}

void field_label(const char* text_) {
  gap(0.15f);
  text(text_);
}

// Two fields side by side where the card is wide enough (each `draw` gets its column's width
// as the item width), else one under the other.
template <typename Left, typename Right>
void two_columns(float share, Left left, Right right) {
  const float fs = ImGui::GetFontSize();
  const float w = ImGui::CalcItemWidth();  // inside a card: the card's inner width
  if (w < fs * 40) {
    left();
    right();
    return;
  }
  const float lw = (w - fs) * share;
  ImGui::BeginGroup();
  ImGui::PushItemWidth(lw);
  left();
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  ImGui::SameLine(0, fs);
  ImGui::BeginGroup();
  ImGui::PushItemWidth(w - fs - lw);
  right();
  ImGui::PopItemWidth();
  ImGui::EndGroup();
}

void draw_editor(App& app, ControlChecksController& c, int r, Focus& focus) {
  CheckRow& row = c.rows()[static_cast<size_t>(r)];
  const std::string& id = row.id;
  two_columns(0.55f,
      [&] {
        field_label("Evidence seen");
        if (focus.edit_evidence) {
          ImGui::SetKeyboardFocusHere();
          focus.edit_evidence = false;
        }
        saved_field(app, c, r, ("##evidence-" + id).c_str(), &row.draft.evidence, 3);
      },
      [&] {
        field_label("Document reference");
        saved_field(app, c, r, ("##evidence-ref-" + id).c_str(), &row.draft.evidence_ref, 0);
        field_label("Responsible officer or role");
        saved_field(app, c, r, ("##owner-" + id).c_str(), &row.draft.owner, 0);
        if (ControlChecksController::needs_action(row)) {
          gap(0.15f);
          if (date_picker(("Target date for action##due-" + id).c_str(), &row.draft.due_date,
                          "Pick a target date", true)) {
            std::string err;
            report(app, c.save(r, &err), err, "The check was not saved");
          }
        }
      });
  if (!ControlChecksController::needs_action(row)) return;
  gap(0.3f);
  heading("The finding", 3);
  muted_text("Suggested from the scenario and the check; edit it in the group's words.");
  auto part = [&](int i) {
    field_label(finding_part_label(static_cast<FindingPart>(i)));
    const std::string label = "##finding-" + std::to_string(i) + "-" + id;
    saved_field(app, c, r, label.c_str(), &row.finding[static_cast<size_t>(i)], 2);
  };
  two_columns(0.5f, [&] { part(0); }, [&] { part(1); });
  two_columns(0.5f, [&] { part(2); }, [&] { part(3); });
  if (row.finding != row.suggestion && button(("Use the suggested wording##" + id).c_str())) {
    std::string err;
    report(app, c.use_suggested_wording(r, &err), err, "The check was not saved");
  }
}

void draw_history(ControlChecksController& c, int r) {
  const std::vector<CheckHistoryLine> lines = c.history(r);
  if (lines.empty()) return;
  const std::string label = "History: " + std::to_string(lines.size()) +
                            (lines.size() == 1 ? " version" : " versions") + "##history-" +
                            c.rows()[static_cast<size_t>(r)].id;
  if (!ImGui::CollapsingHeader(label.c_str())) return;
  for (const CheckHistoryLine& l : lines) {
    muted_text((l.when + "  \xC2\xB7  " + (l.who.empty() ? "unknown" : l.who)).c_str());
    text_wrapped(("    " + l.what).c_str());
  }
}

// A row not being edited: what was recorded, in one or two lines.
void draw_summary(const CheckRow& row) {
  if (!row.recorded && !row.dirty) return;
  std::string s;
  if (!row.draft.evidence.empty()) s += "Evidence: " + row.draft.evidence;
  if (!row.draft.evidence_ref.empty()) s += (s.empty() ? "" : " (") + row.draft.evidence_ref + (s.empty() ? "" : ")");
  if (!row.draft.owner.empty()) s += (s.empty() ? "" : "  \xC2\xB7  ") + ("Responsible: " + row.draft.owner);
  if (ControlChecksController::needs_action(row) && !row.draft.due_date.empty())
    s += "  \xC2\xB7  Target " + row.draft.due_date;
  if (!s.empty()) muted_text(s.c_str());
}

void draw_row(App& app, ControlChecksController& c, int r, Focus& focus) {
  CheckRow& row = c.rows()[static_cast<size_t>(r)];
  const Scenario& s = app.audit()->workspace().scenario();
  const KeyAction& k = s.key_actions.at(static_cast<size_t>(row.key_action));
  const bool selected = c.selected() == r;
  const Palette& pal = palette();
  if (selected && focus.scroll_to_selected) {
    ImGui::SetScrollHereY(0.15f);
    focus.scroll_to_selected = false;
  }
  ImGui::PushID(row.id.c_str());
  ImVec4 tint = selected ? pal.accent : pal.surface;
  tint.w = selected ? 0.08f : 1.0f;
  begin_card(tint, selected ? pal.accent : pal.border);
  badge(priority_label(k.priority), priority_colour(k.priority));
  ImGui::SameLine();
  if (fonts().bold) ImGui::PushFont(fonts().bold);
  text_wrapped((std::to_string(r + 1) + ". " + k.text).c_str());
  if (fonts().bold) ImGui::PopFont();
  if (row.has_question) text_wrapped(("Control question: " + row.question).c_str());
  else muted_text("The scenario asks no control question here: is this in place at the council?");
  if (!row.usual_owner.empty()) muted_text(("Usually responsible: " + row.usual_owner).c_str());
  gap(0.2f);
  draw_status_buttons(app, c, r);
  ImGui::SameLine(0, ImGui::GetFontSize());
  ImGui::AlignTextToFramePadding();
  draw_saved_state(c, r);
  if (row.dirty && !row.error.empty()) {
    coloured_text(pal.bad, ("Not saved: " + row.error).c_str());
    if (button(("Try again##retry-" + row.id).c_str())) {
      std::string err;
      report(app, c.save(r, &err), err, "The check was not saved");
    }
  }
  if (selected) {
    draw_editor(app, c, r, focus);
    draw_history(c, r);
  } else {
    draw_summary(row);
    if (button(("Edit##edit-" + row.id).c_str())) c.select(r);
  }
  end_card();
  ImGui::PopID();
  gap(0.4f);
}

void handle_keys(App& app, ControlChecksController& c, Focus& focus) {
  if (c.rows().empty() || ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId)) return;
  // key_pressed ignores keys while a text field has the keyboard.
  std::string err;
  bool ok = true;
  if (app.key_pressed(keys::kUp)) {
    c.move_selection(-1);
    focus.scroll_to_selected = true;
  } else if (app.key_pressed(keys::kDown)) {
    c.move_selection(+1);
    focus.scroll_to_selected = true;
  } else if (app.key_pressed(keys::kLeft)) {
    ok = c.step_status(c.selected(), -1, &err);
  } else if (app.key_pressed(keys::kRight)) {
    ok = c.step_status(c.selected(), +1, &err);
  } else if (app.key_pressed(keys::kEnter)) {
    focus.edit_evidence = true;
    focus.scroll_to_selected = true;
  } else {
    for (int i = 0; i < 4; ++i)
      if (app.key_pressed(keys::kDigit1 + i)) ok = c.set_status(c.selected(), kStatuses[i], &err);
  }
  report(app, ok, err, "The check was not saved");
}

}  // namespace

void draw_control_checks(App& app, DesktopAudit& a) {
  ControlChecksController& c = a.checks();
  static Focus focus;
  // The room's view (large text) is the record itself; the explanation is for the auditor.
  if (!app.presenter)
    text_wrapped("For each key action, how does the council actually handle it? Record what the "
                 "officers in the room say and the evidence seen. Findings for the audit report "
                 "come from these checks, not from the story.");
  const int n = static_cast<int>(c.rows().size());
  const int unsaved = c.unsaved_count();
  std::string summary = std::to_string(c.checked_count()) + " of " + std::to_string(n) +
                        " key actions checked  \xC2\xB7  ";
  ImGui::AlignTextToFramePadding();
  text((summary).c_str());
  ImGui::SameLine(0, 0);
  if (unsaved > 0)
    coloured_text(palette().bad, (std::to_string(unsaved) + (unsaved == 1 ? " check not saved" : " checks not saved")).c_str());
  else
    coloured_text(palette().ok, "every change saved");
  if (!app.presenter)
    muted_text("Keys: Up and Down choose a key action; 1-4 or Left and Right set its status; Enter "
               "edits its evidence; Tab moves between fields; Escape leaves them.");
  gap(0.4f);
  if (n == 0) {
    muted_text("This scenario has no key actions, so there is nothing to check.");
    return;
  }
  handle_keys(app, c, focus);
  for (int r = 0; r < n; ++r) draw_row(app, c, r, focus);
}

}  // namespace auditsim::ui
