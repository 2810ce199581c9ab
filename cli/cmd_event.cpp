// `event redact`: the other people an event's public reports must not name (officers, residents
// named in notes), besides its participants and facilitator. `event front-sheet`: the front sheet
// of the event's committee paper, shown as a file a clerk edits and saved back from it.
#include <iostream>
#include <memory>
#include <vector>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/store_access.hpp"
#include "sim/front_sheet.hpp"

namespace auditsim::cli {
namespace {

struct RedactOpts {
  std::string event;
  std::vector<std::string> add, remove;
};

int run_redact(const RedactOpts& o, const GlobalOptions& global) {
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    int code = kExitOk;
    for (const std::string& name : o.add) {
      db->add_redaction(o.event, name);
      std::cout << "Added to the redaction list: " << name << "\n";
    }
    for (const std::string& name : o.remove) {
      if (db->remove_redaction(o.event, name)) {
        std::cout << "Removed from the redaction list: " << name << "\n";
      } else {
        std::cerr << "auditsim: " << name << " is not on the redaction list of " << o.event
                  << "; `auditsim event redact \"" << o.event << "\"` lists it\n";
        code = kExitProblems;
      }
    }
    const std::vector<std::string> names = db->list_redactions(o.event);
    std::cout << "Other people redacted from the public (Part A) reports of " << o.event << ": "
              << (names.empty() ? "none (participants and the facilitator always are)" : "")
              << "\n";
    for (const std::string& n : names) std::cout << "  " << n << "\n";
    return code;
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return e.kind() == store::ErrorKind::NotFound ? kExitProblems : kExitUsage;
  }
}

struct FrontSheetOpts {
  std::string event, set;
  bool show = false;
};

int run_front_sheet(const FrontSheetOpts& o, const GlobalOptions& global) {
  std::optional<FrontSheet> given;
  if (!o.set.empty()) {
    // The file is checked before the database is opened, so a bad one changes nothing.
    FrontSheetResult parsed = load_front_sheet_file(o.set);
    for (const Diagnostic& d : parsed.diagnostics) std::cerr << format_diagnostic(d) << "\n";
    if (!parsed.ok()) {
      std::cerr << "auditsim: the front sheet was not saved; fix the file and run this again\n";
      return kExitProblems;
    }
    given = std::move(parsed.sheet);
  }
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    if (given) {
      db->save_front_sheet(o.event, *given);
      std::cerr << "Saved the front sheet of " << o.event << " from " << o.set << ".\n";
    }
    if (o.show || !given) {
      std::optional<FrontSheet> saved = db->load_front_sheet(o.event);
      if (!saved)
        std::cerr << "No front sheet is saved for " << o.event << " yet: fill in this one and save it "
                  << "with `auditsim event front-sheet \"" << o.event << "\" --set FILE`.\n";
      std::cout << front_sheet_to_yaml(saved.value_or(FrontSheet{}));
    }
    return kExitOk;
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return e.kind() == store::ErrorKind::NotFound ? kExitProblems : kExitUsage;
  }
}

}  // namespace

void add_event_commands(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  CLI::App* event = app.add_subcommand("event", "Settings of a recorded event.");
  event->require_subcommand(1);
  auto o = std::make_shared<RedactOpts>();
  CLI::App* redact = event->add_subcommand(
      "redact",
      "List, add or remove other people whose names the event's public (Part A) reports must\n"
      "replace, in every form (\"Cllr Smith\", \"A. Smith\", \"Smith's\"), besides its\n"
      "participants and facilitator. With no option, lists them.");
  redact->add_option("event", o->event, "Event name or id (by name: every event of that name)")
      ->required();
  redact->add_option("--add", o->add, "A name to add (repeatable)");
  redact->add_option("--remove", o->remove, "A name to remove (repeatable)");
  redact->callback([o, &global, &exit_code] { exit_code = run_redact(*o, global); });

  auto fs = std::make_shared<FrontSheetOpts>();
  CLI::App* sheet = event->add_subcommand(
      "front-sheet",
      "Show or save the front sheet of the event's committee paper (committee, date, author,\n"
      "wards, key decision, Part A or B, purpose, implications, background papers, the chair's\n"
      "foreword and the responses). --show prints it as a file to edit; --set saves one.\n"
      "Scrutiny reports of the event use it. The format is in docs/reports.md.");
  sheet->add_option("event", fs->event, "Event name or id (by name: every event of that name)");
  sheet->add_option("--event", fs->event, "The same, as an option");
  sheet->add_option("--set", fs->set, "A front sheet file (format: auditsim-front-sheet/1) to save");
  sheet->add_flag("--show", fs->show, "Print the saved front sheet as a file (the default with no --set)");
  sheet->callback([fs, &global, &exit_code] {
    if (fs->event.empty()) {
      std::cerr << "auditsim event front-sheet: name the event (its name or id)\n";
      exit_code = kExitUsage;
      return;
    }
    exit_code = run_front_sheet(*fs, global);
  });
}

}  // namespace auditsim::cli
