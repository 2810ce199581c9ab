// `auditsim override SESSION --pillar P --points N --reason TEXT`: the facilitator adjusts one
// pillar of a recorded session, with the reason on record. The debrief and every report apply
// the adjustment to the raw score and show it with its reason; the decisions stay as played.
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "reports/render_text.hpp"
#include "sim/recording.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/store_access.hpp"

namespace auditsim::cli {
namespace {

struct OverrideOptions {
  std::string id, pillar, reason, by;
  int64_t points = 0;
  bool json = false;
};

int run_override(const OverrideOptions& opts, const GlobalOptions& global) {
  const std::optional<Pillar> pillar = parse_pillar(opts.pillar);
  if (!pillar) {
    std::cerr << "auditsim: --pillar must be pursue, prevent, protect or prepare, not `"
              << opts.pillar << "`\n";
    return kExitUsage;
  }
  if (opts.points == 0) {
    std::cerr << "auditsim: --points must not be 0: give the points to add (or, negative, to "
                 "take away)\n";
    return kExitUsage;
  }
  auto db = open_store(global);
  if (!db) return kExitUsage;
  try {
    std::optional<store::SessionRecord> rec = db->load_session(opts.id);
    if (!rec) {
      std::cerr << "auditsim: There is no session " << opts.id << " in the results database.\n";
      return kExitProblems;
    }
    store::ScoreOverride o;
    o.pillar = pillar_key(*pillar);
    o.delta = opts.points;
    o.reason = opts.reason;
    o.by = opts.by;
    o.id = db->record_override(rec->summary.id, o);
    rec->overrides.push_back(o);
    const int64_t pillar_total = override_total(rec->overrides)[*pillar];
    if (opts.json) {
      nlohmann::json j = {{"id", o.id},         {"session", rec->summary.id},
                          {"pillar", o.pillar}, {"points", o.delta},
                          {"reason", o.reason}, {"by", o.by},
                          {"pillar_total", pillar_total}};
      std::cout << j.dump(2) << "\n";
    } else {
      Score4 change;
      change[*pillar] = o.delta;
      std::cout << "Recorded for session " << rec->summary.id.substr(0, 8) << ": "
                << reports::text::score_text(change) << " (" << o.reason << ").\n"
                << "Adjustments to " << pillar_name(*pillar) << " now total "
                << reports::text::signed_number(pillar_total)
                << "; the debrief and every report apply them with their reasons.\n";
    }
    return kExitOk;
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return e.kind() == store::ErrorKind::Invalid ? kExitUsage : kExitProblems;
  }
}

}  // namespace

void add_override_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto opts = std::make_shared<OverrideOptions>();
  CLI::App* cmd = app.add_subcommand(
      "override", "Adjust one pillar of a recorded session's score, with the reason on record.");
  cmd->add_option("id", opts->id, "Session id (or its first 8 characters)")->required();
  cmd->add_option("--pillar", opts->pillar, "pursue, prevent, protect or prepare")->required();
  cmd->add_option("--points", opts->points, "Points to add (negative to take away)")->required();
  cmd->add_option("--reason", opts->reason, "Why the score is adjusted (kept with the session)")
      ->required();
  cmd->add_option("--by", opts->by, "Who adjusts it (shown in Part B reports)");
  cmd->add_flag("--json", opts->json, "Print the recorded adjustment as JSON");
  cmd->callback([opts, &global, &exit_code] { exit_code = run_override(*opts, global); });
}

}  // namespace auditsim::cli
