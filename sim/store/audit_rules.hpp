// Internal to the store: what a desktop-audit row must satisfy before it is stored, shared by
// the write methods (store_audit.cpp) and by import (store_audit_import.cpp), so a row a user
// could not type is never copied in from another file either. Each check returns "" when the
// row can be stored, else what is wrong as a sentence.
#pragma once

#include <cstddef>
#include <set>
#include <string>

#include "sim/audit/record.hpp"

namespace auditsim::store {

// Longest text the audit tables take, in bytes (the schema's CHECKs count characters, so
// whatever passes here passes there): names, roles, references and labels...
inline constexpr size_t kAuditShortText = 1000;
// ...and evidence, the findings' wording, recommendations, responses and reasons.
inline constexpr size_t kAuditLongText = 20000;

// The limits a check applies. A row from another file may be up to ten times longer (the
// schema's own limits): an erasure there may have written pseudonyms over short names.
struct TextLimits {
  size_t short_text = kAuditShortText;
  size_t long_text = kAuditLongText;
};
inline constexpr TextLimits kImportLimits{10 * kAuditShortText, 10 * kAuditLongText};

// The key actions a scenario defines, read from its stored YAML source (the `id` of every item
// of the top-level `key_actions` list). Empty when the source does not parse.
std::set<std::string> snapshot_key_actions(const std::string& source_text);

// The scenario's key actions and its id, for the messages.
struct KeyActions {
  std::string scenario_id;
  std::set<std::string> ids;
};

// The scenario's own spelling of a key-action id: exactly, else the same id written with other
// capitals or white space around it ("Report-Fraud "). "" when the scenario has no such key
// action.
std::string find_key_action(const KeyActions& k, const std::string& id);

std::string check_problem(const audit::ControlCheck& c, const KeyActions& k,
                          const TextLimits& limits = {});
std::string recommendation_problem(const audit::Recommendation& r, const KeyActions& k,
                                   const TextLimits& limits = {});
// r.recommendation is checked by the caller (it must be a recommendation of the session).
std::string response_problem(const audit::Response& r, const TextLimits& limits = {});
std::string opinion_problem(const audit::OpinionSetting& o, const TextLimits& limits = {});
std::string scope_problem(const audit::AuditScope& s, const TextLimits& limits = {});
// u.action is checked by the caller (it must be an action of the improvement plan).
std::string action_update_problem(const audit::ActionUpdate& u, const TextLimits& limits = {});

// True when `s` is empty or only white space.
bool blank_text(const std::string& s);

}  // namespace auditsim::store
