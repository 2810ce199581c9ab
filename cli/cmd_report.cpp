// `auditsim report`: renders an audit feedback report, a scrutiny report or the open actions
// list from the results database, in HTML, PDF, Markdown, CSV or xAPI JSON.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <utility>

#include "reports/build.hpp"
#include "reports/docx_template.hpp"
#include "reports/logo.hpp"
#include "reports/render.hpp"
#include "reports/render_text.hpp"
#include "reports/xapi_stream.hpp"
#include "sim/atomic_file.hpp"
#include "cli/cli.hpp"
#include "sim/settings.hpp"
#include "cli/commands.hpp"
#include "cli/output_file.hpp"
#include "cli/store_access.hpp"
#include "cli/terminal_safe.hpp"
#include "sim/dates.hpp"

namespace auditsim::cli {
namespace {

namespace fs = std::filesystem;

struct ReportOptions {
  std::string session, event, from, to, format = "html", part = "a", council, logo, out,
      generated_at, word_template, save_template, exempt_paragraphs, front_sheet;
  bool actions = false;
  bool per_session_appendix = false;
  bool session_table = false;
  bool force = false;  // write over an existing --output file
};

// The desktop program's settings file supplies the council name, logo, the exercise rating and
// assurance opinion scales, so a report from the command line matches one from the desktop. A
// missing or bad file gives the defaults (load_settings reports why; a report needs no warning
// for it).
void apply_desktop_settings(reports::ReportSettings& s) {
  std::string ignored;
  const Settings settings = load_settings(default_settings_path(), &ignored);
  if (!settings.council_name.empty()) s.council_name = settings.council_name;
  s.logo_path = settings.logo_path;
  s.word_template = settings.word_template;
  s.scale = settings.scale;
  s.opinion = settings.opinion;
  s.late_priority_drop = settings.late_priority_drop;
}

// xAPI over a selection is written as it is produced, to the output file (through a temporary
// file that replaces it only when complete) or to standard output, never held whole in memory.
int stream_xapi(store::Store& db, const reports::ScrutinySelection& sel,
                const reports::ReportSettings& settings, const std::string& out) {
  const bool to_stdout = out.empty() || out == "-";
  std::optional<AtomicFileWriter> file;
  if (!to_stdout) {
    file.emplace(out, reports::report_file_mode(settings.part));
    if (!file->ok()) {
      std::cerr << "auditsim report: " << file->error() << "\n";
      return kExitUsage;
    }
  }
  std::ostream& terminal = exact_stdout();
  size_t written = 0;
  reports::XapiStreamResult result;
  try {
    result = reports::stream_scrutiny_xapi(db, sel, settings, [&](std::string_view piece) {
      written += piece.size();
      if (file) file->write(piece);
      else terminal.write(piece.data(), static_cast<std::streamsize>(piece.size()));
    });
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return e.kind() == store::ErrorKind::NotFound ? kExitProblems : kExitUsage;
  }
  for (const std::string& why : result.left_out)
    std::cerr << "auditsim report: left out session " << why << "\n";
  if (!file) {
    terminal.flush();
    return kExitOk;
  }
  if (!file->commit()) {
    std::cerr << "auditsim report: " << file->error() << "\n";
    return kExitUsage;
  }
  std::cerr << "Wrote " << out << " (" << written << " bytes, "
            << (settings.part == reports::Part::A ? "Part A, public" : "Part B, exempt") << ").\n";
  return kExitOk;
}

// `--save-template FILE`: the default Word template, for a council to make its own.
int save_word_template(const ReportOptions& o) {
  if (!output_allowed("report", o.save_template, o.force)) return kExitUsage;
  const std::string bytes = reports::default_word_template_docx();
  std::string error;
  if (!write_file_atomically(o.save_template, bytes, 0644, &error)) {
    std::cerr << "auditsim report: " << error << "\n";
    return kExitUsage;
  }
  std::cerr << "Wrote the default Word template to " << o.save_template
            << ". Change its styles in Word, save it, and give it to --template or choose it as "
               "the Word template in Settings.\n";
  return kExitOk;
}

int run_report(const ReportOptions& o, const GlobalOptions& global) {
  if (!o.save_template.empty()) return save_word_template(o);
  const int selectors = !o.session.empty() + !o.event.empty() + (!o.from.empty() || !o.to.empty()) + o.actions;
  if (selectors != 1) {
    std::cerr << "auditsim report: choose exactly one of --session ID, --event NAME, "
                 "--from DATE --to DATE, or --actions\n";
    return kExitUsage;
  }
  if (!o.from.empty() || !o.to.empty()) {
    for (const auto& [flag, value] : {std::pair{"--from", &o.from}, std::pair{"--to", &o.to}})
      if (!is_iso_date(*value)) {
        std::cerr << "auditsim report: " << flag << ": " << not_a_date_message("the date", *value)
                  << "\n";
        return kExitUsage;
      }
  }
  // No report overwrites a file unless asked to: checked before the work of building it.
  if (!output_allowed("report", o.out, o.force)) return kExitUsage;
  std::optional<reports::Format> format = reports::parse_format(o.format);
  if (!format) {
    std::cerr << "auditsim report: unknown format \"" << o.format
              << "\" (html, pdf, docx, md, csv or xapi)\n";
    return kExitUsage;
  }
  if (o.actions && !reports::supports_open_actions(*format)) {
    std::cerr << "auditsim report: open actions have no xAPI form; choose html, pdf, docx, md or csv\n";
    return kExitUsage;
  }
  reports::ReportSettings settings;
  apply_desktop_settings(settings);
  if (!o.council.empty()) settings.council_name = o.council;
  if (!o.logo.empty()) settings.logo_path = o.logo;
  if (std::string problem; !o.logo.empty() && !reports::read_logo(o.logo, &problem)) {
    std::cerr << "auditsim report: " << problem << "\n";
    return kExitUsage;
  }
  if (!o.word_template.empty()) settings.word_template = o.word_template;
  // A Word template is checked before any work, so a bad one is refused with its code at once.
  if (*format == reports::Format::Docx) {
    if (std::string problem = reports::word_template_problem(settings.word_template); !problem.empty()) {
      std::cerr << "auditsim report: " << problem << "\n";
      return kExitUsage;
    }
  }
  if (!o.front_sheet.empty()) {
    if (o.actions) {
      std::cerr << "auditsim report: --front-sheet belongs to a committee paper: a scrutiny report "
                   "(--event or --from/--to) or a session's feedback report (--session)\n";
      return kExitUsage;
    }
    FrontSheetResult parsed = load_front_sheet_file(o.front_sheet);
    for (const Diagnostic& d : parsed.diagnostics) std::cerr << format_diagnostic(d) << "\n";
    if (!parsed.ok()) return kExitProblems;
    settings.front_sheet = std::move(parsed.sheet);
  }
  settings.per_session_appendix = o.per_session_appendix;
  settings.session_table = o.session_table;
  settings.part = o.part == "b" || o.part == "B" ? reports::Part::B : reports::Part::A;
  if (!o.exempt_paragraphs.empty()) {
    std::optional<std::vector<int>> paragraphs = reports::text::parse_exempt_paragraphs(o.exempt_paragraphs);
    std::string problem = paragraphs ? reports::text::check_exempt_paragraphs(*paragraphs)
                                     : "\"" + o.exempt_paragraphs + "\" is not a list of paragraph numbers";
    if (!problem.empty()) {
      std::cerr << "auditsim report: --exempt-paragraphs: " << problem
                << " (for example --exempt-paragraphs 1,2,7)\n";
      return kExitUsage;
    }
    if (settings.part == reports::Part::A) {
      std::cerr << "auditsim report: --exempt-paragraphs names what makes a Part B report exempt; "
                   "add --part b, or leave it out for a public Part A report\n";
      return kExitUsage;
    }
    settings.exempt_paragraphs = *paragraphs;
    settings.exempt_paragraphs_chosen = true;
  }
  settings.generated_at = o.generated_at.empty() ? store::now_utc() : o.generated_at;

  auto db = open_store(global);
  if (!db) return kExitUsage;
  if (*format == reports::Format::Xapi && o.session.empty() && !o.actions)
    return stream_xapi(*db, {o.event, o.from, o.to}, settings, o.out);
  std::string bytes;
  try {
    if (!o.session.empty()) {
      bytes = reports::render(reports::build_feedback(*db, o.session, settings), *format);
    } else if (o.actions) {
      bytes = reports::render(reports::build_open_actions(*db, settings), *format);
    } else {
      reports::ScrutinySelection sel{o.event, o.from, o.to};
      settings.decision_rows = reports::needs_decision_rows(*format);
      reports::ScrutinyReport report = reports::build_scrutiny(*db, sel, settings);
      for (const std::string& why : report.left_out)
        std::cerr << "auditsim report: left out session " << why << "\n";
      bytes = reports::render(report, *format);
    }
  } catch (const store::StoreError& e) {
    print_store_error(e);
    return e.kind() == store::ErrorKind::NotFound ? kExitProblems : kExitUsage;
  } catch (const reports::WordTemplateError& e) {  // the template changed since it was checked
    std::cerr << "auditsim report: " << e.what() << "\n";
    return kExitUsage;
  }
  if (o.out.empty() || o.out == "-") {
    exact_stdout().write(bytes.data(), static_cast<std::streamsize>(bytes.size())).flush();
    return kExitOk;
  }
  std::string error;
  if (!write_file_atomically(o.out, bytes, reports::report_file_mode(settings.part), &error)) {
    std::cerr << "auditsim report: " << error << "\n";
    return kExitUsage;
  }
  std::cerr << "Wrote " << o.out << " (" << bytes.size() << " bytes, "
            << (settings.part == reports::Part::A ? "Part A, public" : "Part B, exempt")
            << ").\n";
  return kExitOk;
}

}  // namespace

void add_report_command(CLI::App& app, const GlobalOptions& global, int& exit_code) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* cmd = app.add_subcommand(
      "report", "Render an audit feedback report (--session), a scrutiny report (--event or "
                "--from/--to) or the open actions list (--actions); or write the default Word "
                "template (--save-template FILE).");
  cmd->add_option("--session", o->session, "Session id (or a unique prefix): audit feedback report");
  cmd->add_option("--event", o->event, "Event name or id: scrutiny report");
  cmd->add_option("--from", o->from, "First day (YYYY-MM-DD) of a scrutiny report over dates");
  cmd->add_option("--to", o->to, "Last day (YYYY-MM-DD) of a scrutiny report over dates");
  cmd->add_flag("--actions", o->actions, "Every improvement action not yet done");
  cmd->add_option("--format", o->format, "html, pdf, docx, md, csv or xapi (default html)");
  cmd->add_option("--part", o->part, "a: public, no names (default); b: exempt, everything")
      ->check(CLI::IsMember({"a", "b", "A", "B"}));
  cmd->add_option("--exempt-paragraphs", o->exempt_paragraphs,
                  "Part B: the paragraphs of Schedule 12A the marking names (1-7; default 1,2,7)");
  cmd->add_option("--council", o->council, "Council name on the report (default from settings)");
  cmd->add_option("--logo", o->logo,
                  "Council logo (default from settings): PNG, JPEG or SVG in HTML; PNG in PDF; PNG or "
                  "JPEG in Word");
  cmd->add_option("--template", o->word_template,
                  "Word template (.docx) whose styles a docx report takes (default from settings, "
                  "else the shipped one)");
  cmd->add_option("--save-template", o->save_template,
                  "Write the default Word template to this file, for the council to make its own");
  cmd->add_option("--front-sheet", o->front_sheet,
                  "Front sheet file (auditsim-front-sheet/1) for a scrutiny or feedback report; "
                  "default: the one saved for the event (`auditsim event front-sheet`)");
  cmd->add_flag("--per-session-appendix", o->per_session_appendix,
                "A scrutiny report's appendix per session even above 100 sessions (default: a "
                "compact table)");
  cmd->add_flag("--session-table", o->session_table,
                "Above 1,000 sessions, still one row per session in the appendix's table "
                "(default: a summary by event and scenario)");
  cmd->add_option("--generated-at", o->generated_at, "Date shown as generated (ISO 8601; default now)");
  cmd->add_option("-o,--output", o->out, "File to write (default: standard output)");
  cmd->add_flag("--force", o->force, "Replace the --output file when it already exists");
  cmd->callback([o, &global, &exit_code] { exit_code = run_report(*o, global); });
}

}  // namespace auditsim::cli
