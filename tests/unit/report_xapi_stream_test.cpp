// xAPI over a selection is written as it is produced: the same bytes as the whole report
// rendered at once, in Part A and Part B; nothing written for a selection with no sessions; and
// through the command line, a file that is replaced only once the export is complete.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <nlohmann/json.hpp>

#include "reports/xapi_stream.hpp"
#include "sim/atomic_file.hpp"
#include "tests/unit/report_fixture.hpp"

using namespace auditsim;
using namespace auditsim::testing;
using reports::Part;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

std::string streamed(store::Store& db, const reports::ScrutinySelection& sel, const reports::ReportSettings& s,
                     size_t* pieces = nullptr) {
  std::string out;
  size_t n = 0;
  reports::stream_scrutiny_xapi(db, sel, s, [&](std::string_view piece) {
    out.append(piece);
    ++n;
  });
  if (pieces) *pieces = n;
  return out;
}

}  // namespace

TEST_CASE("streamed xAPI is byte for byte the scrutiny report's xAPI, in Part A and Part B") {
  fs::path dir = report_scratch("xapi-stream");
  store::Store db = standard_db(dir, /*include_exempt=*/true);
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  for (Part part : {Part::A, Part::B}) {
    CAPTURE(static_cast<int>(part));
    const auto settings = test_settings(part);
    size_t pieces = 0;
    const std::string stream = streamed(db, sel, settings, &pieces);
    CHECK(stream == reports::render_xapi(reports::build_scrutiny(db, sel, settings)));
    // Written statement by statement, not as one block at the end.
    CHECK(pieces == nlohmann::json::parse(stream).size() + 1);
  }
  // A date range covers the same sessions the same way.
  reports::ScrutinySelection range{"", "2000-01-01", "2999-12-31"};
  CHECK(streamed(db, range, test_settings(Part::B)) ==
        reports::render_xapi(reports::build_scrutiny(db, range, test_settings(Part::B))));
}

TEST_CASE("streamed xAPI over more sessions than one batch keeps the oldest first") {
  fs::path dir = report_scratch("xapi-stream-many");
  store::Store db = store::Store::open(dir / "results.db");
  ScenarioPtr s = hostile_scenario();
  db.batch([&] {  // one transaction: recording 300 sessions then takes a moment
    for (int i = 0; i < 300; ++i) record_session(db, s, {"call", "report"}, "Table " + std::to_string(i), false);
  });
  reports::ScrutinySelection sel;
  sel.event = db.list_sessions().front().event_name;
  const auto settings = test_settings(Part::A);
  CHECK(streamed(db, sel, settings) == reports::render_xapi(reports::build_scrutiny(db, sel, settings)));
}

TEST_CASE("streamed xAPI for a selection with no sessions says so and writes nothing") {
  fs::path dir = report_scratch("xapi-stream-none");
  store::Store db = standard_db(dir);
  std::string out;
  reports::ScrutinySelection sel{"No such evening", "", ""};
  CHECK_THROWS_AS(reports::stream_scrutiny_xapi(db, sel, test_settings(Part::A),
                                                [&](std::string_view p) { out.append(p); }),
                  store::StoreError);
  CHECK(out.empty());
}

TEST_CASE("a file written piece by piece appears only when committed, with its mode") {
  fs::path dir = report_scratch("atomic-writer");
  const fs::path target = dir / "export.json";
  std::ofstream(target) << "the old export";
  {
    AtomicFileWriter w(target.string(), kOwnerOnly);
    REQUIRE(w.ok());
    CHECK(w.write("half of the new"));
    // Given up before commit (an error part-way): the old file stays, no temporary is left.
  }
  CHECK(read(target) == "the old export");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);
  {
    AtomicFileWriter w(target.string(), kOwnerOnly);
    std::string big(200'000, 'x');  // more than the buffer holds
    CHECK(w.write(big));
    CHECK(w.write("!"));
    CHECK(w.size() == 200'001);
    CHECK(w.commit());
  }
  CHECK(fs::file_size(target) == 200'001);
  struct stat st {};
  REQUIRE(::stat(target.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == kOwnerOnly);
  fs::create_symlink(target, dir / "link.json");
  AtomicFileWriter link((dir / "link.json").string(), kPublicFile);
  CHECK_FALSE(link.ok());
  CHECK(link.error().find("symbolic link") != std::string::npos);
  CHECK_FALSE(link.write("x"));
  AtomicFileWriter nowhere("/nonexistent-folder-for-test/x.json", kPublicFile);
  CHECK_FALSE(nowhere.ok());
  CHECK(nowhere.error().find("Cannot create a file in") != std::string::npos);
}

TEST_CASE("auditsim report streams xAPI to a file or standard output, and a failed export changes nothing") {
  fs::path dir = report_scratch("xapi-stream-cli");
  {
    store::Store db = standard_db(dir);
  }
  const std::string db = (dir / "results.db").string();
  const std::string event = "Members' evening <script> {{event}} — Noson";
  const fs::path out = dir / "scrutiny.json";
  auto r = test::run_process({AUDITSIM_BINARY, "--db", db, "report", "--event", event, "--format", "xapi",
                              "--generated-at", "2026-03-20T10:00:00Z", "-o", out.string()});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.find("Wrote " + out.string() + " (" + std::to_string(fs::file_size(out)) + " bytes, Part A") !=
        std::string::npos);
  const auto to_stdout = test::run_process({AUDITSIM_BINARY, "--db", db, "report", "--event", event,
                                            "--format", "xapi", "--generated-at", "2026-03-20T10:00:00Z"});
  CHECK(to_stdout.exit_code == 0);
  CHECK(to_stdout.out == read(out));
  CHECK(nlohmann::json::parse(to_stdout.out).size() > 3);
  // An event with no sessions: exit 1, and the file given with --force is left as it was.
  r = test::run_process({AUDITSIM_BINARY, "--db", db, "report", "--event", "Nobody came", "--format", "xapi",
                         "--force", "-o", out.string()});
  CHECK(r.exit_code == 1);
  CHECK(nlohmann::json::parse(read(out)).size() > 3);
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) >= 1);
  for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().extension() != ".tmp");
}
