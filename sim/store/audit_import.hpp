// Internal to the store: an import's merge of the desktop audit, row by row (store_import.cpp
// calls it inside its transaction, after copying the new sessions).
#pragma once

#include <functional>
#include <string>

#include "sim/store/records.hpp"
#include "sim/store/sqlite.hpp"

namespace auditsim::store {

// For every session of temp.import_new and temp.import_both, merges the attached file `src`'s
// desktop-audit rows, and for the sessions in both its improvement actions, into this
// database. Each row is checked as a write would check it (enumerations, lengths, dates, key
// actions of the session's scenario, recommendations and actions of the same session); one
// that fails calls `refuse` with the reason (which throws, so the transaction rolls back). A
// row with a new id is added after this database's rows; a row with the same id and the same
// content is skipped; one with other content is a conflict, kept as here. The sessions in both
// files that received rows are put in temp.import_touched.
void merge_audit(Db& db, const std::string& src, ImportReport& report,
                 const std::function<void(const std::string&)>& refuse);

}  // namespace auditsim::store
