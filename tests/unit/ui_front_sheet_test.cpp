// The Results screen's front sheet form: it loads the event's saved sheet, refuses a bad one
// with the reason and saves a good one through the store.
#include <doctest/doctest.h>

#include "tests/unit/report_fixture.hpp"
#include "ui/controllers/front_sheet.hpp"

using namespace auditsim;
using namespace auditsim::testing;

TEST_CASE("front sheet form: loads, refuses a bad paragraph with the reason, saves through the store") {
  fs::path dir = report_scratch("ui-front-sheet");
  store::Store db = standard_db(dir);
  const std::string event = db.list_sessions().front().event_id;
  ui::FrontSheetEditor ed;
  ed.show_event(db, event);
  CHECK(ed.sheet.empty());
  CHECK_FALSE(ed.changed());
  ed.sheet.committee = "Overview and Scrutiny Committee";
  ed.wards = "Abbey\n  \nCastle ";
  ed.sheet.part_b = true;
  ed.paragraphs = "9";
  CHECK(ed.changed());
  CHECK_FALSE(ed.save(db));
  CHECK(ed.message.find("Schedule 12A") != std::string::npos);
  CHECK_FALSE(db.load_front_sheet(event).has_value());
  ed.paragraphs = "7, 1, 7";
  REQUIRE(ed.save(db));
  const FrontSheet saved = db.load_front_sheet(event).value();
  CHECK(saved.committee == "Overview and Scrutiny Committee");
  CHECK(saved.wards_affected == std::vector<std::string>{"Abbey", "Castle"});
  CHECK(saved.schedule_12a_paragraphs == std::vector<int>{1, 7});
  CHECK_FALSE(ed.changed());

  ui::FrontSheetEditor again;  // a fresh form shows what was saved
  again.show_event(db, event);
  CHECK(again.sheet == saved);
  CHECK(again.paragraphs == "1, 7");
}
