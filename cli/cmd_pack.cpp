// `auditsim pack FILE`: the printed pack for running a scenario on paper (the facilitator's
// guide and the teams' handouts), as PDF or Markdown.
#include <algorithm>
#include <iostream>
#include <memory>

#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/output_file.hpp"
#include "cli/scenario_io.hpp"
#include "cli/terminal_safe.hpp"
#include "reports/logo.hpp"
#include "reports/pack.hpp"
#include "reports/render.hpp"
#include "reports/render_text.hpp"
#include "sim/atomic_file.hpp"
#include "sim/settings.hpp"
#include "sim/store/store.hpp"

namespace auditsim::cli {
namespace {

struct PackCommandOptions {
  std::string file, audience, format = "pdf", contents = "both", council, logo, out, generated_at;
  std::vector<std::string> teams;
  bool force = false;
};

constexpr size_t kMaxTeams = 30;
constexpr size_t kMaxTeamName = 60;

// "--teams 5" numbers the teams; "--teams Red,Blue" names them. Empty `error` when all is well.
std::vector<std::string> team_names(const std::vector<std::string>& given, std::string* error) {
  std::vector<std::string> out;
  if (given.size() == 1 && !given[0].empty() &&
      std::all_of(given[0].begin(), given[0].end(), [](char c) { return c >= '0' && c <= '9'; })) {
    const size_t n = given[0].size() > 3 ? kMaxTeams + 1 : std::stoul(given[0]);
    if (n == 0 || n > kMaxTeams) {
      *error = "--teams " + given[0] + ": give between 1 and " + std::to_string(kMaxTeams) + " teams";
      return {};
    }
    for (size_t i = 1; i <= n; ++i) out.push_back("Team " + std::to_string(i));
    return out;
  }
  for (const std::string& g : given) {
    const std::string name = reports::text::one_line(g);
    if (name.empty()) {
      *error = "--teams: a team name is empty; write the names separated by commas (Red,Blue)";
      return {};
    }
    if (name.size() > kMaxTeamName) {
      *error = "--teams: \"" + name.substr(0, 20) + "...\" is over " + std::to_string(kMaxTeamName) +
               " characters; use a shorter team name";
      return {};
    }
    out.push_back(name);
  }
  if (out.size() > kMaxTeams) {
    *error = "--teams: at most " + std::to_string(kMaxTeams) + " teams";
    return {};
  }
  return out;
}

int run_pack(const PackCommandOptions& o) {
  if (o.format == "docx") {
    std::cerr << "auditsim pack: Word (docx) packs are not available yet; use --format pdf, or md "
                 "to edit the pack in a word processor\n";
    return kExitUsage;
  }
  if (o.format != "pdf" && o.format != "md" && o.format != "markdown") {
    std::cerr << "auditsim pack: unknown format \"" << o.format << "\" (pdf or md)\n";
    return kExitUsage;
  }
  std::string error;
  reports::PackOptions options;
  options.teams = team_names(o.teams, &error);
  if (!error.empty()) {
    std::cerr << "auditsim pack: " << error << "\n";
    return kExitUsage;
  }
  options.contents = o.contents == "guide"      ? reports::PackContents::Guide
                     : o.contents == "handouts" ? reports::PackContents::Handouts
                                                : reports::PackContents::Both;
  options.audience = parse_audience_option(o.audience);
  if (!output_allowed("pack", o.out, o.force)) return kExitUsage;
  reports::ReportSettings settings;
  {
    std::string ignored;  // a missing or bad settings file gives the defaults
    const Settings desktop = load_settings(default_settings_path(), &ignored);
    if (!desktop.council_name.empty()) settings.council_name = desktop.council_name;
    settings.logo_path = desktop.logo_path;
    settings.scale = desktop.scale;
  }
  if (!o.council.empty()) settings.council_name = o.council;
  if (!o.logo.empty()) settings.logo_path = o.logo;
  if (std::string problem; !o.logo.empty() && !reports::read_logo(o.logo, &problem)) {
    std::cerr << "auditsim pack: " << problem << "\n";
    return kExitUsage;
  }
  settings.generated_at = o.generated_at.empty() ? store::now_utc() : o.generated_at;

  LoadedScenario loaded = load_for_command(o.file);
  if (!loaded.scenario) return loaded.exit_code;
  const reports::Pack pack = reports::build_pack(*loaded.scenario, options, settings);
  const std::string bytes =
      o.format == "pdf" ? reports::render_pack_pdf(pack) : reports::render_pack_markdown(pack);
  if (o.out.empty() || o.out == "-") {
    exact_stdout().write(bytes.data(), static_cast<std::streamsize>(bytes.size())).flush();
    return kExitOk;
  }
  if (!write_file_atomically(o.out, bytes, reports::report_file_mode(pack.settings.part), &error)) {
    std::cerr << "auditsim pack: " << error << "\n";
    return kExitUsage;
  }
  std::cerr << "Wrote " << o.out << " (" << bytes.size() << " bytes, "
            << (pack.exempt ? "Part B, exempt" : "Part A") << ").\n";
  return kExitOk;
}

}  // namespace

void add_pack_command(CLI::App& app, int& exit_code) {
  auto o = std::make_shared<PackCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "pack", "Print a scenario for a session on paper: the facilitator's guide and the teams'\n"
              "handouts (stage text, documents and choices, no answers).");
  cmd->add_option("file", o->file, "Scenario file")->required();
  cmd->add_option("--audience", o->audience, "members or staff: that audience's text and choices "
                                             "(default: a mixed room, every audience's)");
  cmd->add_option("--format", o->format, "pdf (default) or md; docx is not available yet");
  cmd->add_option("--contents", o->contents, "both (default), guide or handouts")
      ->check(CLI::IsMember({"both", "guide", "handouts"}));
  cmd->add_option("--teams", o->teams, "One set of handouts per team: a number (5) or names "
                                       "(Red,Blue); default one set to copy")
      ->delimiter(',');
  cmd->add_option("--council", o->council, "Council name in the header (default from settings)");
  cmd->add_option("--logo", o->logo, "Council logo in the header, PNG (default from settings)");
  cmd->add_option("--generated-at", o->generated_at, "Date shown as generated (ISO 8601; default now)");
  cmd->add_option("-o,--output", o->out, "File to write (default: standard output)");
  cmd->add_flag("--force", o->force, "Replace the --output file when it already exists");
  cmd->callback([o, &exit_code] { exit_code = run_pack(*o); });
}

}  // namespace auditsim::cli
