// `event redact`: the other people an event's public reports must not name (officers, residents
// named in notes), besides its participants and facilitator.
#include <iostream>
#include <memory>
#include <vector>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/store_access.hpp"

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
}

}  // namespace auditsim::cli
