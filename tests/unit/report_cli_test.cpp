// `auditsim report` end to end: each report and format is written, Part A is the default, and
// bad requests get a clear message and exit code 2 (1 for a session that is not there).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "tests/unit/report_fixture.hpp"

using auditsim::test::run_process;
namespace fs = std::filesystem;

namespace {

const std::string kTutorial =
    std::string(AUDITSIM_SCENARIOS_DIR) + "/examples/tutorial-supplier-bank-details.yaml";

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct Played {
  fs::path dir, db;
  std::string id;
};

Played play(const std::string& name) {
  Played p;
  p.dir = auditsim::testing::report_scratch("cli-" + name);
  p.db = p.dir / "results.db";
  auto r = run_process({AUDITSIM_BINARY, "--db", p.db.string(), "play", kTutorial, "--auto", "worst",
                        "--json", "--event", "Spring evening", "--event-date", "2026-03-12",
                        "--participant", "Cllr Morgan Pryce"});
  REQUIRE(r.exit_code == 0);
  p.id = nlohmann::json::parse(r.out)["session_id"];
  return p;
}

}  // namespace

TEST_CASE("report writes every report in every format") {
  Played p = play("formats");
  const std::string db = p.db.string();
  for (std::string f : {"html", "pdf", "docx", "md", "csv", "xapi"}) {
    CAPTURE(f);
    fs::path out = p.dir / ("feedback." + f);
    auto r = run_process({AUDITSIM_BINARY, "--db", db, "report", "--session", p.id.substr(0, 8),
                          "--format", f, "-o", out.string()});
    CHECK(r.exit_code == 0);
    CHECK(fs::file_size(out) > 200);
    fs::path sc = p.dir / ("scrutiny." + f);
    r = run_process({AUDITSIM_BINARY, "--db", db, "report", "--event", "Spring evening", "--format", f,
                     "-o", sc.string()});
    CHECK(r.exit_code == 0);
    r = run_process({AUDITSIM_BINARY, "--db", db, "report", "--from", "2000-01-01", "--to", "2999-12-31",
                     "--format", f, "-o", (p.dir / ("range." + f)).string()});
    CHECK(r.exit_code == 0);
  }
  CHECK(read(p.dir / "feedback.pdf").rfind("%PDF-", 0) == 0);
  CHECK(read(p.dir / "feedback.docx").rfind("PK\x03\x04", 0) == 0);
  CHECK(read(p.dir / "feedback.csv").rfind("\xEF\xBB\xBF", 0) == 0);
  CHECK(nlohmann::json::parse(read(p.dir / "scrutiny.xapi")).is_array());
  auto r = run_process({AUDITSIM_BINARY, "--db", db, "report", "--actions", "--format", "md"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("Open improvement actions") != std::string::npos);
}

TEST_CASE("report is Part A unless Part B is asked for") {
  Played p = play("parts");
  const std::string db = p.db.string();
  auto a = run_process({AUDITSIM_BINARY, "--db", db, "report", "--session", p.id, "--format", "md",
                        "--council", "Cyngor Gwynedd"});
  REQUIRE(a.exit_code == 0);
  CHECK(a.out.find("Cyngor Gwynedd") != std::string::npos);
  CHECK(a.out.find("Morgan Pryce") == std::string::npos);
  CHECK(a.out.find("Part A") != std::string::npos);
  auto b = run_process({AUDITSIM_BINARY, "--db", db, "report", "--session", p.id, "--format", "md",
                        "--part", "b"});
  REQUIRE(b.exit_code == 0);
  CHECK(b.out.find("Morgan Pryce") != std::string::npos);
  CHECK(b.out.find("EXEMPT INFORMATION") != std::string::npos);
}

TEST_CASE("report refuses bad requests with a clear message") {
  Played p = play("errors");
  const std::string db = p.db.string();
  auto code = [&](std::vector<std::string> args) {
    args.insert(args.begin(), {AUDITSIM_BINARY, "--db", db, "report"});
    auto r = run_process(args);
    CHECK_FALSE(r.err.empty());
    return r.exit_code;
  };
  CHECK(code({"--format", "html"}) == 2);                                 // nothing chosen
  CHECK(code({"--session", p.id, "--event", "Spring evening"}) == 2);     // two things chosen
  CHECK(code({"--session", p.id, "--format", "odt"}) == 2);               // no such format
  CHECK(code({"--actions", "--format", "xapi"}) == 2);
  CHECK(code({"--from", "12/03/2026", "--to", "2026-03-20"}) == 2);
  CHECK(code({"--session", "ffffffff-0000"}) == 1);
  CHECK(code({"--event", "No such evening"}) == 1);
  CHECK(code({"--session", p.id, "-o", (p.dir / "missing" / "x.html").string()}) == 2);
  CHECK_FALSE(fs::exists(p.dir / "missing"));
}

TEST_CASE("report never writes over an existing file without --force") {
  Played p = play("no-overwrite");
  const fs::path out = p.dir / "feedback.html";
  { std::ofstream(out) << "the facilitator's own notes"; }
  auto r = run_process({AUDITSIM_BINARY, "--db", p.db.string(), "report", "--session", p.id, "-o",
                        out.string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("already exists") != std::string::npos);
  CHECK(r.err.find("--force") != std::string::npos);
  CHECK(read(out) == "the facilitator's own notes");
  r = run_process({AUDITSIM_BINARY, "--db", p.db.string(), "report", "--session", p.id, "-o",
                   out.string(), "--force"});
  CHECK(r.exit_code == 0);
  CHECK(read(out).find("<html") != std::string::npos);
}

TEST_CASE("report --format docx takes a Word template, refuses a bad one with its code, and writes the default") {
  Played p = play("docx-template");
  const std::string db = p.db.string();
  const fs::path data = fs::path(AUDITSIM_TEST_DATA) / "docx";
  // A template that is not a Word document: refused before any work, with the code, exit 2.
  for (const auto& [file, code] : {std::pair{"not-a-zip.docx", "docx-template-not-zip"},
                                   std::pair{"zip-without-styles.docx", "docx-template-no-styles"},
                                   std::pair{"styles-with-entity-expansion.docx", "docx-template-bad-xml"}}) {
    CAPTURE(file);
    const fs::path out = p.dir / "refused.docx";
    auto r = run_process({AUDITSIM_BINARY, "--db", db, "report", "--session", p.id, "--format", "docx",
                          "--template", (data / file).string(), "-o", out.string()});
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(std::string("[") + code + "]") != std::string::npos);
    CHECK_FALSE(fs::exists(out));
  }
  // The default template written out, then used as the council's template.
  const fs::path tpl = p.dir / "council-template.docx";
  auto r = run_process({AUDITSIM_BINARY, "report", "--save-template", tpl.string()});
  REQUIRE(r.exit_code == 0);
  CHECK(read(tpl).rfind("PK\x03\x04", 0) == 0);
  // An existing file is kept unless --force is given.
  r = run_process({AUDITSIM_BINARY, "report", "--save-template", tpl.string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("already exists") != std::string::npos);
  CHECK(run_process({AUDITSIM_BINARY, "report", "--save-template", tpl.string(), "--force"}).exit_code == 0);
  const fs::path out = p.dir / "feedback-part-b.docx";
  r = run_process({AUDITSIM_BINARY, "--db", db, "report", "--session", p.id, "--format", "docx", "--part", "b",
                   "--template", tpl.string(), "-o", out.string()});
  CHECK(r.exit_code == 0);
  CHECK((fs::status(out).permissions() & fs::perms::others_read) == fs::perms::none);  // Part B: 0600
  // The template named in the desktop program's settings is used when --template is not given.
  const fs::path config = p.dir / "config";
  fs::create_directories(config / "auditsim");
  std::ofstream(config / "auditsim" / "settings.json")
      << "{\"word_template\": \"" << (data / "not-a-zip.docx").string() << "\"}";
  r = run_process({AUDITSIM_BINARY, "--db", db, "report", "--session", p.id, "--format", "docx", "-o",
                   (p.dir / "from-settings.docx").string()},
                  "", {"XDG_CONFIG_HOME=" + config.string()});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("[docx-template-not-zip]") != std::string::npos);
}
