#include "sim/audit/audit.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <string_view>

#include "sim/dates.hpp"

namespace auditsim::audit {

namespace {

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool same_words(std::string_view a, std::string_view b) {
  a = trimmed(a);
  b = trimmed(b);
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// A sentence ends with a full stop (or its own ? or !), so parts can be joined without doubling.
std::string sentence(std::string_view s) {
  std::string out(trimmed(s));
  if (!out.empty() && out.back() != '.' && out.back() != '?' && out.back() != '!') out += '.';
  return out;
}

std::string the_question(const KeyAction& ka) {
  if (ka.control && !trimmed(ka.control->question).empty())
    return std::string(trimmed(ka.control->question));
  return {};
}

std::string evidence_sentence(const ControlCheck& c) {
  const std::string_view ev = trimmed(c.evidence), ref = trimmed(c.evidence_ref);
  if (ev.empty() && ref.empty()) return "No evidence was seen.";
  std::string out = "Evidence seen: ";
  if (!ev.empty()) out += std::string(ev);
  if (!ref.empty()) out += (ev.empty() ? "" : " (") + std::string(ref) + (ev.empty() ? "" : ")");
  return sentence(out);
}

const char* plural(int n, const char* one, const char* many) { return n == 1 ? one : many; }

std::string list_ids(const std::vector<std::string>& ids) {
  std::string out;
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + ids[i];
  return out;
}

}  // namespace

int key_action_of(const Scenario& s, std::string_view id) {
  const int exact = s.find_key_action(id);
  if (exact >= 0) return exact;
  for (size_t i = 0; i < s.key_actions.size(); ++i)
    if (same_words(s.key_actions[i].id, id)) return static_cast<int>(i);
  return -1;
}

std::vector<std::pair<int, ControlCheck>> checks_of_scenario(const Scenario& s, const AuditRecord& r) {
  std::map<int, ControlCheck> by_index;
  for (const ControlCheck& c : current_checks(r)) {
    const int k = key_action_of(s, c.key_action);
    if (k < 0) continue;
    auto it = by_index.find(k);
    if (it == by_index.end() || c.seq >= it->second.seq) by_index[k] = c;
  }
  return {by_index.begin(), by_index.end()};
}

FindingWording prefilled_wording(const Scenario& s, int key_action, const ControlCheck& check) {
  FindingWording w;
  w.cause = trimmed(check.cause).empty() ? "Not established by the group."
                                          : sentence(check.cause);
  if (key_action < 0 || key_action >= static_cast<int>(s.key_actions.size())) {
    w.condition = "The check names a key action the scenario does not have (\"" +
                  check.key_action + "\").";
    w.criteria = "Not known: the key action is not in the scenario as played.";
    w.effect = "Not known.";
    return w;
  }
  const KeyAction& ka = s.key_actions[static_cast<size_t>(key_action)];
  const std::string question = the_question(ka);
  // Without a control question, the key action's own words say what was asked about.
  const std::string asked = question.empty() ? "whether the council does this: " + sentence(ka.text)
                                             : "\"" + question + "\"";
  switch (check.status) {
    case ControlStatus::InPlace:
      w.condition = "The group found the control in place when asked " + asked;
      break;
    case ControlStatus::Partly:
      w.condition = "The group found the control only partly in place when asked " + asked;
      break;
    case ControlStatus::NotInPlace:
      w.condition = "The group found no such control in place when asked " + asked;
      break;
    case ControlStatus::NotKnown:
      w.condition = "No one in the group could say whether the control is in place when asked " +
                    asked;
      break;
  }
  w.condition = sentence(w.condition) + " " + evidence_sentence(check);
  w.criteria = sentence(ka.text);
  if (ka.control && !trimmed(ka.control->risk).empty()) {
    w.effect = sentence(ka.control->risk);
  } else {
    w.effect = std::string("Where this control is missing, the council is exposed to the harm "
                           "the exercise showed under ") +
               pillar_name(ka.pillar) + ".";
  }
  return w;
}

std::vector<AuditFinding> findings_from_checks(const Scenario& s, const AuditRecord& r) {
  std::vector<AuditFinding> out;
  for (const auto& [k, c] : checks_of_scenario(s, r)) {
    if (c.status == ControlStatus::InPlace) continue;
    const KeyAction& ka = s.key_actions[static_cast<size_t>(k)];
    const FindingWording pre = prefilled_wording(s, k, c);
    auto edited_or = [](const std::string& edited, const std::string& prefilled) {
      return trimmed(edited).empty() ? prefilled : std::string(trimmed(edited));
    };
    AuditFinding f;
    f.key_action = k;
    f.priority = ka.priority;
    f.status = c.status;
    f.question = the_question(ka);
    f.condition = edited_or(c.condition, pre.condition);
    f.criteria = edited_or(c.criteria, pre.criteria);
    f.cause = edited_or(c.cause, pre.cause);
    f.effect = edited_or(c.effect, pre.effect);
    // The role the scenario names answers for the control until the group names someone.
    f.owner = !trimmed(c.owner).empty() ? std::string(trimmed(c.owner))
              : ka.control                ? ka.control->owner
                                          : std::string();
    f.due_date = std::string(trimmed(c.due_date));
    f.evidence = c.evidence;
    f.evidence_ref = c.evidence_ref;
    out.push_back(std::move(f));
  }
  // The map is in key-action order, so a stable sort by priority keeps that order within each.
  std::stable_sort(out.begin(), out.end(), [](const AuditFinding& a, const AuditFinding& b) {
    return static_cast<int>(a.priority) < static_cast<int>(b.priority);
  });
  return out;
}

OpinionDefinitions::OpinionDefinitions()
    : definitions{
          "The arrangements checked are sound: the controls the group looked at are designed well "
          "and, on the evidence seen, work consistently, so the risks in this area are being "
          "managed.",
          "The arrangements checked are generally sound, but some gaps, lapses or room for "
          "improvement were found that could put the service's objectives at risk if left.",
          "Significant gaps or weaknesses were found in the arrangements checked. Improvement is "
          "needed before the council can rely on them to manage the risks in this area.",
          "Fundamental gaps or weaknesses were found: the arrangements checked cannot be relied "
          "on to manage the risks in this area, and action is needed now."} {}

const char* priority_definition(Priority p) {
  switch (p) {
    case Priority::High:
      return "A gap in a key control that leaves the council exposed to serious harm, loss or "
             "damage to its reputation; action is needed now.";
    case Priority::Medium:
      return "A weakness that should be put right soon; on its own it does not undermine the "
             "arrangements as a whole.";
    case Priority::Low:
      return "A minor matter or good-practice improvement, to be picked up in the normal course "
             "of business.";
  }
  return "";
}

Opinion assess_opinion(const Scenario& s, const AuditRecord& r, const OpinionDefinitions& defs) {
  Opinion o;
  o.key_actions = static_cast<int>(s.key_actions.size());
  o.checks_recorded = static_cast<int>(checks_of_scenario(s, r).size());
  o.available = o.checks_recorded > 0;
  const int lowest = static_cast<int>(defs.labels.size()) - 1;
  if (!o.available) {
    o.proposed_level = lowest;
    o.proposed = defs.labels[static_cast<size_t>(lowest)];
    o.basis = "No control checks have been recorded, so no opinion can be proposed.";
    return o;
  }
  // Settings are clamped on load, but a caller may build definitions by hand.
  const int cap = std::clamp(defs.cap_level_for_high, 0, lowest);
  const int for_lowest = std::max(1, defs.high_findings_for_lowest);

  std::vector<std::string> high, medium, low;
  for (const AuditFinding& f : findings_from_checks(s, r)) {
    const std::string& id = s.key_actions[static_cast<size_t>(f.key_action)].id;
    (f.priority == Priority::High ? high : f.priority == Priority::Medium ? medium : low)
        .push_back(id);
  }
  const int n_high = static_cast<int>(high.size());
  std::string basis;
  if (n_high >= for_lowest) {
    o.proposed_level = lowest;
    basis = std::to_string(n_high) + " high-priority " + plural(n_high, "finding", "findings") +
            " (" + list_ids(high) + ") " + plural(n_high, "proposes ", "propose ") +
            defs.labels[static_cast<size_t>(lowest)] + " (" + std::to_string(for_lowest) +
            " or more do)";
  } else if (n_high > 0) {
    o.proposed_level = std::max(cap, 1);
    basis = std::to_string(n_high) + " high-priority " + plural(n_high, "finding", "findings") +
            " (" + list_ids(high) + ") " + plural(n_high, "caps", "cap") +
            " the opinion at " + defs.labels[static_cast<size_t>(cap)];
  } else if (!medium.empty()) {
    o.proposed_level = 1;
    const int n = static_cast<int>(medium.size());
    basis = std::to_string(n) + " medium-priority " + plural(n, "finding", "findings") + " (" +
            list_ids(medium) + ") and no high-priority one";
  } else if (!low.empty()) {
    o.proposed_level = 0;
    const int n = static_cast<int>(low.size());
    basis = "only " + std::to_string(n) + " low-priority " + plural(n, "finding", "findings") +
            " (" + list_ids(low) + ")";
  } else {
    o.proposed_level = 0;
    basis = "every control checked was found in place";
  }
  basis[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(basis[0])));
  if (o.checks_recorded < o.key_actions)
    basis += ", from " + std::to_string(o.checks_recorded) + " of the " +
             std::to_string(o.key_actions) + " key actions checked";
  o.basis = basis + ".";
  o.proposed = defs.labels[static_cast<size_t>(o.proposed_level)];

  // The auditor's setting counts only when it is one of the defined opinions: a report must
  // never print an opinion its definitions do not explain. A label written with other capitals
  // is taken as the defined one.
  if (std::optional<OpinionSetting> set = current_opinion(r)) {
    auto it = std::find_if(defs.labels.begin(), defs.labels.end(),
                           [&](const std::string& l) { return same_words(l, set->label); });
    if (it != defs.labels.end()) {
      set->label = *it;
      o.set = std::move(set);
    } else {
      o.basis += " The auditor's setting \"" + set->label +
                 "\" is not one of the defined opinions, so the proposal stands.";
    }
  }
  return o;
}

std::string scope_and_limitations(const AuditScope& scope, int checks_recorded, int key_actions) {
  std::string out =
      "This report comes from a simulated exercise: members and officers worked through a "
      "fictional scenario, then looked at how the council handles the same risks today.";
  if (checks_recorded <= 0) {
    out += " No control checks have been recorded yet, so the council's own controls have not "
           "been assessed and no assurance opinion is given.";
    return out;
  }
  if (scope.controls_tested) {
    out += " The auditor records that the controls were tested";
    const std::string_view note = trimmed(scope.testing_note);
    out += note.empty() ? std::string(".") : ": " + sentence(note);
  } else {
    out += " The control checks are the group's own assessment of the council's arrangements, "
           "on the evidence seen in the room; internal audit has not tested them, and the "
           "opinion rests on that assessment.";
  }
  out += " " + std::to_string(checks_recorded) + " of the " + std::to_string(key_actions) +
         " key actions " + plural(checks_recorded, "was", "were") + " checked";
  out += checks_recorded < key_actions ? "; the opinion covers only those." : ".";
  return out;
}

bool action_overdue(const std::string& due_date, const std::string& status,
                    const std::string& today) {
  if (same_words(status, "done")) return false;
  const std::string_view due = trimmed(due_date), now = trimmed(today);
  if (!is_iso_date(due) || !is_iso_date(now)) return false;
  return due < now;  // YYYY-MM-DD sorts as the calendar does
}

}  // namespace auditsim::audit
