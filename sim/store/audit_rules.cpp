#include "sim/store/audit_rules.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "sim/dates.hpp"
#include "sim/load/yaml.hpp"
#include "sim/store/records.hpp"

namespace auditsim::store {

namespace {

using load_detail::YNode;

const YNode* map_value(const load_detail::YamlDoc& doc, const YNode& map, const char* key) {
  if (map.kind != YNode::Kind::Map) return nullptr;
  for (size_t i = 0; i + 1 < map.items.size(); i += 2) {
    const YNode& k = doc.nodes[static_cast<size_t>(map.items[i])];
    if (k.kind == YNode::Kind::Scalar && k.value == key)
      return &doc.nodes[static_cast<size_t>(map.items[i + 1])];
  }
  return nullptr;
}

// "The evidence is 25000 characters long; at most 20000 can be stored."
std::string too_long(const std::string& field, const std::string& value, size_t limit) {
  if (value.size() <= limit) return "";
  return field + " is " + std::to_string(value.size()) + " bytes long; at most " +
         std::to_string(limit) + " can be stored.";
}

// The first problem of several, or "".
std::string first(std::initializer_list<std::string> problems) {
  for (const std::string& p : problems)
    if (!p.empty()) return p;
  return "";
}

std::string date_problem(const std::string& field, const std::string& value) {
  if (value.empty() || is_iso_date(value)) return "";
  return not_a_date_message(field, value);
}

std::string unknown_key_action(const std::string& id, const KeyActions& k) {
  if (!find_key_action(k, id).empty()) return "";
  std::string list;
  int shown = 0;
  for (const std::string& known : k.ids) {
    if (shown++ == 12) {
      list += ", ...";
      break;
    }
    list += (list.empty() ? "" : ", ") + known;
  }
  return "Scenario '" + k.scenario_id + "' has no key action '" + id + "'" +
         (list.empty() ? std::string(", and no key actions at all.")
                       : "; its key actions are " + list + ".");
}

}  // namespace

std::string find_key_action(const KeyActions& k, const std::string& id) {
  if (k.ids.count(id)) return id;
  auto folded = [](const std::string& s) {
    const size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
    std::string out = b == std::string::npos ? "" : s.substr(b, e - b + 1);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  };
  const std::string wanted = folded(id);
  for (const std::string& known : k.ids)
    if (!wanted.empty() && folded(known) == wanted) return known;
  return "";
}

bool blank_text(const std::string& s) {
  return std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c); });
}

std::set<std::string> snapshot_key_actions(const std::string& source_text) {
  std::set<std::string> ids;
  load_detail::YamlDoc doc;
  std::vector<Diagnostic> diags;
  if (!load_detail::parse_yaml(source_text, "snapshot", LoadLimits{}, doc, diags) || doc.root < 0)
    return ids;
  const YNode* list = map_value(doc, doc.nodes[static_cast<size_t>(doc.root)], "key_actions");
  if (!list || list->kind != YNode::Kind::Seq) return ids;
  for (int item : list->items) {
    const YNode* id = map_value(doc, doc.nodes[static_cast<size_t>(item)], "id");
    if (id && id->kind == YNode::Kind::Scalar && !id->value.empty()) ids.insert(id->value);
  }
  return ids;
}

std::string check_problem(const audit::ControlCheck& c, const KeyActions& k,
                          const TextLimits& limits) {
  return first({unknown_key_action(c.key_action, k),
                too_long("The evidence", c.evidence, limits.long_text),
                too_long("The evidence reference", c.evidence_ref, limits.short_text),
                too_long("The responsible officer", c.owner, limits.short_text),
                date_problem("The target date", c.due_date),
                too_long("The condition", c.condition, limits.long_text),
                too_long("The criteria", c.criteria, limits.long_text),
                too_long("The cause", c.cause, limits.long_text),
                too_long("The effect", c.effect, limits.long_text),
                too_long("Who recorded the check", c.changed_by, limits.short_text)});
}

std::string recommendation_problem(const audit::Recommendation& r, const KeyActions& k,
                                   const TextLimits& limits) {
  if (blank_text(r.text)) return "A recommendation needs its text, in the members' words.";
  for (const std::string& f : r.findings)
    if (std::string p = unknown_key_action(f, k); !p.empty())
      return "A recommendation answers the findings of key actions: " + p;
  return first({too_long("The recommendation", r.text, limits.long_text),
                too_long("The addressee", r.addressee, limits.short_text),
                too_long("Who wrote the recommendation", r.changed_by, limits.short_text)});
}

std::string response_problem(const audit::Response& r, const TextLimits& limits) {
  if (blank_text(r.by))
    return "A response needs the body that gave it (\"Corporate Management Team\", \"Cabinet\").";
  return first({too_long("The responding body", r.by, limits.short_text),
                too_long("The response", r.text, limits.long_text),
                date_problem("The response date", r.date)});
}

std::string opinion_problem(const audit::OpinionSetting& o, const TextLimits& limits) {
  if (blank_text(o.label)) return "An assurance opinion needs its level (\"Reasonable\").";
  if (blank_text(o.reason)) return "Setting the assurance opinion needs a recorded reason.";
  return first({too_long("The opinion's level", o.label, limits.short_text),
                too_long("The reason", o.reason, limits.long_text),
                too_long("Who set the opinion", o.set_by, limits.short_text)});
}

std::string scope_problem(const audit::AuditScope& s, const TextLimits& limits) {
  if (s.report_version < 1) return "A report's version is 1 or more.";
  return first(
      {too_long("The note on how the controls were tested", s.testing_note, limits.long_text),
       too_long("Who changed the scope", s.changed_by, limits.short_text)});
}

std::string action_update_problem(const audit::ActionUpdate& u, const TextLimits& limits) {
  if (!parse_action_status(u.status))
    return "An action's status is open, in-progress or done, not '" + u.status + "'.";
  return first({too_long("The progress note", u.note, limits.long_text),
                too_long("The review", u.review, limits.short_text),
                too_long("Who updated the action", u.updated_by, limits.short_text)});
}

}  // namespace auditsim::store
