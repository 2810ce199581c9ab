// Database maintenance: `import`, `export`, `erase-participant`, `check-db`.
#include <iostream>
#include <memory>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/store_access.hpp"

namespace auditsim::cli {
namespace {

int run_import(const std::string& other, const GlobalOptions& global) {
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    store::ImportReport r = db->import_from(other);
    std::cout << "Imported " << r.sessions_added << " session(s) from " << other << "; "
              << r.skipped_identical << " already here.\n";
    if (r.audit_rows_added > 0)
      std::cout << "Merged " << r.audit_rows_added
                << " desktop-audit row(s) and improvement action(s) into the sessions.\n";
    for (const store::ImportConflict& c : r.conflicts)
      std::cout << "conflict: " << c.kind << " " << c.id << ": " << c.detail
                << " (this database's version was kept)\n";
    for (const std::string& id : r.erased_kept_out)
      std::cout << "erased: participant " << id
                << " was erased here and the other file still holds them; they stay erased\n";
    if (!r.erased_kept_out.empty())
      std::cout << "Of erased people: " << r.erased_notes_refused << " note(s) not imported, "
                << r.erased_mentions_replaced << " mention(s) replaced by their pseudonym.\n";
    if (r.redactions_added > 0)
      std::cout << r.redactions_added << " name(s) added to events' redaction lists.\n";
    return r.conflicts.empty() ? kExitOk : kExitProblems;
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return kExitUsage;
  }
}

int run_export(const std::string& event, const std::string& out, const GlobalOptions& global) {
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    store::ExportReport r = db->export_event(event, out);
    std::cout << "Exported " << r.sessions << " session(s) of " << event << " to " << out << " ("
              << r.bytes << " bytes).\n";
    return kExitOk;
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return e.kind() == store::ErrorKind::NotFound ? kExitProblems : kExitUsage;
  }
}

int run_erase(const std::string& who, const GlobalOptions& global) {
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    store::EraseReport r = db->erase_participant(who);
    if (r.participants == 0) {
      std::cerr << "auditsim: nobody called " << who << " is recorded\n";
      return kExitProblems;
    }
    std::cout << store::erase_message(r) << "\n";
    return r.file_scrubbed ? kExitOk : kExitProblems;
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return e.kind() == store::ErrorKind::NotFound ? kExitProblems : kExitUsage;
  }
}

int run_check(const GlobalOptions& global) {
  const std::string path = db_path(global);
  store::CheckReport r = store::Store::check_file(path);
  std::cout << path << "\n"
            << "  integrity (quick_check): " << (r.integrity_ok ? "ok" : "FAILED") << "\n"
            << "  foreign keys:            " << (r.foreign_keys_ok ? "ok" : "FAILED") << "\n"
            << "  schema version:          " << r.schema_version
            << (r.schema_ok ? " (ok)" : " (NOT USABLE)") << "\n";
  for (const std::string& p : r.problems) std::cout << "  problem: " << p << "\n";
  return r.ok() ? kExitOk : kExitProblems;
}

}  // namespace

void add_database_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto file = std::make_shared<std::string>();
  CLI::App* imp = app.add_subcommand(
      "import",
      "Merge the sessions recorded in another results database (from another laptop).\n"
      "Importing the same file twice changes nothing; conflicting sessions are reported and\n"
      "the version here is kept. The other file is opened read-only and checked first.");
  // No CLI11 file check: the store refuses folders, FIFOs and devices in its own words.
  imp->add_option("file", *file, "The other results database")->required();
  imp->callback([file, &global, &exit_code] { exit_code = run_import(*file, global); });

  struct ExportOpts {
    std::string event, out;
  };
  auto ex = std::make_shared<ExportOpts>();
  CLI::App* exp = app.add_subcommand(
      "export", "Write one event's sessions to a new database file (SQLite backup API).");
  exp->add_option("--event", ex->event, "Event name or id")->required();
  exp->add_option("-o,--output", ex->out, "New database file to write")->required();
  exp->callback([ex, &global, &exit_code] { exit_code = run_export(ex->event, ex->out, global); });

  auto who = std::make_shared<std::string>();
  CLI::App* erase = app.add_subcommand(
      "erase-participant",
      "Remove a person's identity and notes from every table; afterwards their name no longer\n"
      "occurs anywhere in the database file. At the learning record store: statements about\n"
      "their sessions not yet sent are dropped; those it already has are voided (queued now,\n"
      "sent on the next delivery). The LRS keeps voided statements, marked voided, until its\n"
      "operator purges them (docs/deployment.md).");
  erase->add_option("who", *who, "Display name or participant id")->required();
  erase->callback([who, &global, &exit_code] { exit_code = run_erase(*who, global); });

  CLI::App* check = app.add_subcommand(
      "check-db",
      "Check the results database without changing it: quick_check, foreign keys, schema\n"
      "version. Exit 0 only when all pass.");
  check->callback([&global, &exit_code] { exit_code = run_check(global); });
}

}  // namespace auditsim::cli
