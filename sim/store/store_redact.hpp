// Internal to the store: rewriting people's names in free text (erasure, import of erased
// people) and carrying redaction lists across an import. Not part of the public API.
#pragma once

#include <string>
#include <vector>

#include "sim/redact.hpp"
#include "sim/store/records.hpp"
#include "sim/store/sqlite.hpp"

namespace auditsim::store {

// Replaces every name `m` finds in the free-text columns (event names and facilitators,
// redaction lists, team names, resume states, rationale, dissent, notes, override reasons and
// names, actions, and the desktop audit's evidence, wording, recommendations, responses, reasons
// and who recorded them, the xAPI outbox's statements) with its replacement. Only the rows of the
// sessions in `sessions` (an SQL subquery of session ids, and their events) when it is not empty;
// then rows of no session (the outbox, never imported) are left alone. Counts into `report`'s
// text_replacements, mentions and fields.
void redact_free_text(Db& db, const redact::NameMatcher& m, const std::string& sessions,
                      EraseReport& report);

// A matcher replacing the `erased` people's names while leaving every other (not erased)
// participant's name as written.
redact::NameMatcher erasure_matcher(Db& db, const std::vector<redact::Person>& erased);

// Erasure: the xAPI outbox's statements of the sessions of `participant` whose actor is
// `pseudonym` or a group with them in it (store_erase_outbox.cpp). Waiting and refused ones are
// deleted (report.statements_dropped); for each one already sent, a `voided` statement is queued
// unless one is already there (report.voids_queued). Runs inside the erasure's transaction.
void withdraw_erased_statements(Db& db, const std::string& participant, const std::string& pseudonym,
                                const std::string& now, EraseReport& report);

// Import, after the new sessions were copied: participants erased here whom the attached file
// `src` still holds stay erased. Their copied notes are deleted, a copied row of theirs loses
// the name, and the name the other file gives them is replaced by the pseudonym in the new
// sessions' free text.
void keep_erased_out(Db& db, const std::string& src, const std::string& new_sessions,
                     ImportReport& report);

// Import: the other file's redaction names for events now here (the lists only grow), and
// front sheets of events here that have none.
void import_redactions(Db& db, const std::string& src, ImportReport& report);

}  // namespace auditsim::store
