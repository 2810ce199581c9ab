// Format 1.1 text: conditional blocks (parsing, rendering, errors), named conditions (inlined,
// exact for the analysis, usable after loading), text per audience, and every place that shows
// text showing it as it reads on the session's own path.
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "cli/terminal_play.hpp"
#include "reports/build.hpp"
#include "reports/render.hpp"
#include "sim/analysis.hpp"
#include "sim/engine.hpp"
#include "sim/load.hpp"
#include "sim/recording.hpp"
#include "sim/scenario_names.hpp"
#include "sim/session_text.hpp"
#include "sim/store/store.hpp"
#include "sim/text_template.hpp"
#include "tests/unit/report_fixture.hpp"

using namespace auditsim;

namespace {

const std::string kData = AUDITSIM_TEST_DATA;
const std::string kTwoRoutes = kData + "/good/conditional-text-and-audiences.yaml";

ScenarioPtr load_good(const std::string& path) {
  LoadResult r = load_and_check(path);
  INFO(r.diagnostics.size());
  for (const Diagnostic& d : r.diagnostics) INFO(format_diagnostic(d));
  REQUIRE(r.ok());
  CHECK(r.diagnostics.empty());
  return r.scenario;
}

LoadResult load_text(const std::string& body) { return load_scenario_text(body, "t.yaml"); }

// A 1.1 scenario with variables `a` (number) and `b` (boolean), one stage whose text is `text`.
std::string scenario_with_text(const std::string& text, const std::string& extra = {}) {
  return "format: auditsim/1.1\nid: t\ntitle: T\ntheme: licensing\nduration_minutes: 5\n"
         "summary: S\nvariables: { a: 1, b: false }\n" + extra + "start: s\nnodes:\n  s:\n"
         "    title: S\n    text: " + text + "\n    choices:\n      - id: c\n        text: C\n"
         "        feedback: F\n        set: { b: true }\n        next: e\n  e:\n    title: E\n"
         "    text: E\n    ending: { outcome: good, debrief: D }\n";
}

const Diagnostic* find_code(const LoadResult& r, const std::string& code) {
  for (const Diagnostic& d : r.diagnostics)
    if (d.code == code) return &d;
  return nullptr;
}

// Names for template tests: variables `x` (index 0) and `y` (index 1), node `n` (index 0).
ConditionNames xy_names() {
  ConditionNames n;
  n.variable = [](std::string_view id) { return id == "x" ? 0 : id == "y" ? 1 : -1; };
  n.node = [](std::string_view id) { return id == "n" ? 0 : -1; };
  return n;
}

std::string render(const std::string& text, int64_t x, int64_t y = 0) {
  TextTemplateParse p = parse_text_template(text, xy_names());
  REQUIRE(p.errors.empty());
  const int64_t vars[] = {x, y};
  const uint32_t visits[] = {1};
  return render_text_template(*p.text, ConditionInput{vars, visits});
}

std::string first_error_code(const std::string& text, size_t* offset = nullptr) {
  TextTemplateParse p = parse_text_template(text, xy_names());
  REQUIRE_FALSE(p.errors.empty());
  CHECK_FALSE(p.text.has_value());
  if (offset) *offset = p.errors.front().offset;
  return p.errors.front().code;
}

}  // namespace

// [SECTION] Conditional text on its own

TEST_CASE("conditional text: an inline block with an else shows one branch or the other") {
  const std::string t = "The licence was {{if x}}refused{{else}}granted{{end}}.";
  CHECK(render(t, 1) == "The licence was refused.");
  CHECK(render(t, 0) == "The licence was granted.");
}

TEST_CASE("conditional text: a block without an else shows nothing when its condition is false") {
  CHECK(render("A{{if x > 2}} and B{{end}}.", 3) == "A and B.");
  CHECK(render("A{{if x > 2}} and B{{end}}.", 2) == "A.");
}

TEST_CASE("conditional text: nested blocks follow each condition in turn") {
  const std::string t = "{{if x}}X{{if y}} and Y{{else}} without Y{{end}}{{else}}neither{{end}}";
  CHECK(render(t, 1, 1) == "X and Y");
  CHECK(render(t, 1, 0) == "X without Y");
  CHECK(render(t, 0, 1) == "neither");
}

TEST_CASE("conditional text: lines holding only markers go with their line break") {
  const std::string t = "Intro.\n{{if x}}\nShown when x.\n{{else}}\nShown otherwise.\n{{end}}\nEnd.\n";
  CHECK(render(t, 1) == "Intro.\nShown when x.\nEnd.\n");
  CHECK(render(t, 0) == "Intro.\nShown otherwise.\nEnd.\n");
  // A marker sharing its line with words keeps the line.
  CHECK(render("Intro.\nSo {{if x}}yes{{end}}\nEnd.", 0) == "Intro.\nSo \nEnd.");
}

TEST_CASE("conditional text: \\{{ is a literal {{ and is not a marker") {
  CHECK(render("Fields like \\{{name}} and \\{{if x}} stay.", 0) ==
        "Fields like {{name}} and {{if x}} stay.");
}

TEST_CASE("conditional text: visited() and arithmetic work inside a block") {
  CHECK(render("{{if visited(n) and x - 1 == y}}ok{{end}}", 3, 2) == "ok");
  CHECK(render("{{if visited(n) and x - 1 == y}}ok{{end}}", 3, 3) == "");
}

TEST_CASE("conditional text errors: each has its code and the offset of the mistake") {
  size_t at = 0;
  CHECK(first_error_code("Dear {{name}}", &at) == "text-marker");
  CHECK(at == 5);
  CHECK(first_error_code("a {{if x\n}} b", &at) == "text-marker");
  CHECK(at == 2);
  CHECK(first_error_code("a {{if x}} b", &at) == "text-block-unclosed");
  CHECK(at == 2);
  CHECK(first_error_code("a {{else}} b", &at) == "text-block-unbalanced");
  CHECK(first_error_code("a b{{end}}", &at) == "text-block-unbalanced");
  CHECK(at == 3);
  CHECK(first_error_code("{{if x}}a{{else}}b{{else}}c{{end}}", &at) == "text-block-unbalanced");
  CHECK(at == 18);
  CHECK(first_error_code("{{if}}a{{end}}") == "condition-syntax");
  CHECK(first_error_code("{{if  x = 1}}a{{end}}", &at) == "condition-syntax");
  CHECK(at == 8);  // the `=`, counted in the text as written
  CHECK(first_error_code("{{if zz}}a{{end}}", &at) == "undefined-variable");
  CHECK(at == 5);
  CHECK(first_error_code("{{if visited(m)}}a{{end}}") == "undefined-node");
}

TEST_CASE("conditional text errors: else-if and a closing word get a hint of their own") {
  TextTemplateParse p = parse_text_template("{{if x}}a{{elif y}}b{{end}}", xy_names());
  REQUIRE_FALSE(p.errors.empty());
  CHECK(p.errors.front().hint.find("no else-if") != std::string::npos);
}

TEST_CASE("conditional text: nesting is bounded, and hostile depth is an error, not a crash") {
  std::string deep;
  for (int i = 0; i < 10'000; ++i) deep += "{{if x}}";
  CHECK(first_error_code(deep) == "text-too-complex");
  std::string eight, close;
  for (int i = 0; i < kMaxTextDepth; ++i) {
    eight += "{{if x}}";
    close += "{{end}}";
  }
  CHECK(render(eight + "deep" + close, 1) == "deep");
}

// [SECTION] Named conditions

TEST_CASE("named conditions: used in when, they read what their expression reads") {
  std::string body = scenario_with_text("T", "conditions:\n  big: a > 0 and not b\n");
  body.insert(body.find("        next: e"), "        when: big or visited(e)\n");
  body.insert(body.find("  e:\n"), "      - id: d\n        text: D\n        feedback: F\n        next: e\n");
  LoadResult loaded = load_text(body);
  REQUIRE(loaded.ok());
  const Scenario& s = *loaded.scenario;
  REQUIRE(s.conditions.size() == 1);
  CHECK(s.conditions[0].id == "big");
  CHECK(s.conditions[0].pos.line > 0);
  const Condition& when = s.nodes[0].choices[0].when;
  CHECK(when.variables_read() == std::vector<int>{0, 1});
  CHECK(when.nodes_visited_read() == std::vector<int>{1});
}

TEST_CASE("named conditions: the analysis is the same as with the condition written out") {
  auto scenario = [](const std::string& when, const std::string& conditions) {
    std::string body =
        "format: auditsim/1.1\nid: t\ntitle: T\ntheme: licensing\nduration_minutes: 5\n"
        "summary: S\nvariables: { trust: 0, told: false }\n" + conditions +
        "start: a\nnodes:\n  a:\n    title: A\n    text: A\n    choices:\n"
        "      - { id: a1, text: X, feedback: F, add: { trust: 30 }, score: { protect: 1 }, next: b }\n"
        "      - { id: a2, text: Y, feedback: F, set: { told: true }, score: { pursue: 2 }, next: b }\n"
        "  b:\n    title: B\n    text: B\n    choices:\n"
        "      - { id: b1, text: X, feedback: F, when: \"" + when + "\", score: { prevent: 3, prepare: 1 }, next: good }\n"
        "      - { id: b2, text: Y, feedback: F, score: { protect: -1 }, next: poor }\n"
        "  good: { title: G, text: G, ending: { outcome: good, debrief: D } }\n"
        "  poor: { title: P, text: P, ending: { outcome: poor, debrief: D } }\n";
    LoadResult r = load_scenario_text(body, "t.yaml");
    REQUIRE(r.ok());
    return r.scenario;
  };
  ScenarioPtr inline_form = scenario("trust >= 30 and not told", "");
  ScenarioPtr named_form = scenario("trusted_quietly", "conditions:\n  trusted: trust >= 30\n"
                                                       "  trusted_quietly: trusted and not told\n");
  const Analysis a = analyse(*inline_form), b = analyse(*named_form);
  CHECK(a.max == b.max);
  CHECK(a.min == b.min);
  CHECK(a.path_count == b.path_count);
  CHECK(a.path_count == 3);  // b1 is offered after a1 only
  REQUIRE(a.best);
  REQUIRE(b.best);
  CHECK(a.best->choices == b.best->choices);
  CHECK(a.states_explored == b.states_explored);
  CHECK(a.choice_ever_available == b.choice_ever_available);
}

TEST_CASE("named conditions: a loop between them is refused where it closes") {
  LoadResult self = load_text(scenario_with_text("T", "conditions:\n  loop: a > 0 and loop\n"));
  const Diagnostic* d = find_code(self, "condition-cycle");
  REQUIRE(d);
  CHECK(d->line == 9);
  CHECK(d->col == 19);
  CHECK_FALSE(self.ok());
}

TEST_CASE("named conditions: a keyword, a bad name or an empty one is refused") {
  CHECK(find_code(load_text(scenario_with_text("T", "conditions:\n  visited: a > 0\n")),
                  "condition-name-clash"));
  CHECK(find_code(load_text(scenario_with_text("T", "conditions:\n  has-dash: a > 0\n")), "bad-id"));
  CHECK(find_code(load_text(scenario_with_text("T", "conditions:\n  empty:\n")), "condition-syntax"));
  CHECK(find_code(load_text(scenario_with_text("T", "conditions: [a]\n")), "wrong-type"));
}

TEST_CASE("named conditions: an error inside one is reported once, not again where it is used") {
  std::string body = scenario_with_text("T", "conditions:\n  broken: a > nope\n");
  body.insert(body.find("        next: e"), "        when: broken\n");
  LoadResult r = load_text(body);
  CHECK(r.diagnostics.size() == 1);
  REQUIRE(find_code(r, "undefined-variable"));
  CHECK(find_code(r, "undefined-variable")->line == 9);
}

TEST_CASE("named conditions: a chain nested too deep is refused, and inlining stays bounded") {
  std::string conditions = "conditions:\n  c0: a > 0\n";
  // Each condition uses the previous one twice: without a bound the inlined program would double
  // at every step.
  for (int i = 1; i <= 40; ++i)
    conditions += "  c" + std::to_string(i) + ": c" + std::to_string(i - 1) + " and c" +
                  std::to_string(i - 1) + "\n";
  std::string body = scenario_with_text("T", conditions);
  body.insert(body.find("        next: e"), "        when: c40\n");
  LoadResult r = load_text(body);
  CHECK_FALSE(r.ok());
  CHECK(find_code(r, "condition-syntax"));
}

TEST_CASE("named conditions: a condition written after loading can use them") {
  ScenarioPtr s = load_good(kTwoRoutes);
  ConditionParseResult p = parse_condition_for(*s, "refused_properly or objections > 3");
  REQUIRE(p.condition);
  const int ev = s->find_variable("evidence_kept"), obj = s->find_variable("objections");
  CHECK(p.condition->variables_read() == std::vector<int>{std::min(ev, obj), std::max(ev, obj)});
  PlayState st = initial_state(*s);
  CHECK_FALSE(p.condition->eval(ConditionInput{st.variables, st.visits}));
  st.variables[ev] = 1;
  st.variables[obj] = 1;
  CHECK(p.condition->eval(ConditionInput{st.variables, st.visits}));
  ConditionParseResult typo = parse_condition_for(*s, "on_evidnce");
  REQUIRE_FALSE(typo.errors.empty());
  CHECK(typo.errors.front().hint.find("on_evidence") != std::string::npos);
}

TEST_CASE("named conditions: unused ones are a warning, and an auditsim/1 file cannot declare them") {
  LoadResult unused = load_text(scenario_with_text("T", "conditions:\n  spare: a > 0\n"));
  CHECK(unused.ok());
  CHECK(find_code(unused, "unused-condition"));
  std::string old = scenario_with_text("T", "conditions:\n  spare: a > 0\n");
  old.replace(old.find("auditsim/1.1"), 12, "auditsim/1");
  CHECK(find_code(load_text(old), "needs-format-1.1"));
}

// [SECTION] Loading conditional text and text per audience

TEST_CASE("loading: a mistake inside a | block points at its line and column") {
  LoadResult r = load_text(scenario_with_text("|\n      First line.\n      Then {{if a > zz}}x{{end}}"));
  const Diagnostic* d = find_code(r, "undefined-variable");
  REQUIRE(d);
  CHECK(d->line == 14);
  CHECK(d->col == 21);
}

TEST_CASE("loading: a mistake inside a folded > block points at its line and column") {
  LoadResult r = load_text(scenario_with_text(">\n      First line\n      and {{bad}} here"));
  const Diagnostic* d = find_code(r, "text-marker");
  REQUIRE(d);
  CHECK(d->line == 14);
  CHECK(d->col == 11);
}

TEST_CASE("loading: an auditsim/1 file with {{ in its text loads unchanged and reads as written") {
  ScenarioPtr s = load_good(kData + "/good/literal-braces-in-1.0.yaml");
  CHECK(s->text_templates.empty());
  ManualClock clock;
  Session session(s, clock);
  CHECK(stage_text(session) == s->nodes[0].text);
  CHECK(stage_text(session).find("{{if}} invoices have changed {{end}}") != std::string::npos);
  CHECK(stage_text(session).find("\\{{ stays") != std::string::npos);
  CHECK(stage_prompts(session) == std::vector<std::string>{"Who fills in {{fields}} like these?"});
  REQUIRE(session.choose("call-back"));
  CHECK(feedback_text(session, session.effective_decisions().back()) == s->nodes[0].choices[0].feedback);
  CHECK(debrief_text(session) == "{{end}} of the exercise.");
}

TEST_CASE("loading: text per audience keeps each audience's text and picks a default") {
  ScenarioPtr s = load_good(kTwoRoutes);
  const Node& hearing = s->nodes[s->find_node("hearing")];
  REQUIRE(hearing.audience_text[0]);
  REQUIRE(hearing.audience_text[1]);
  // No `default`: the first written (members) is the default.
  CHECK(hearing.text == *hearing.audience_text[0]);
  CHECK(node_text(hearing, Audience::Staff).find("You present") == 0);
  CHECK(node_text(hearing, std::nullopt) == hearing.text);
  CHECK(node_discuss(hearing, Audience::Staff) ==
        std::vector<std::string>{"Which evidence do you put before the members?"});
  const Inject& press = s->injects[0];
  // `default` is the default even though it is written first only by chance.
  CHECK(inject_text(press, std::nullopt) == "A reporter asks what the council will decide.");
  CHECK(inject_text(press, Audience::Members) == press.text);
  CHECK(inject_text(press, Audience::Staff).find("licensing team") != std::string::npos);
}

TEST_CASE("loading: a text per audience with an unknown key or no text is refused") {
  CHECK(find_code(load_text(scenario_with_text("{ members: A, officers: B }")), "unknown-key"));
  CHECK(find_code(load_text(scenario_with_text("{}")), "missing-field"));
  CHECK(find_code(load_text(scenario_with_text("{ members: [A] }")), "wrong-type"));
}

// [SECTION] Sessions: text as it reads on each path

TEST_CASE("session: the same debrief reads differently on the two routes") {
  ScenarioPtr s = load_good(kTwoRoutes);
  ManualClock clock;
  Session on_evidence(s, clock, Audience::Members), on_hunch(s, clock, Audience::Members);
  REQUIRE(on_evidence.choose("keep-logs"));
  REQUIRE(on_evidence.choose("refuse"));
  REQUIRE(on_hunch.choose("go-on-hunch"));
  REQUIRE(on_hunch.choose("refuse"));
  const std::string good = debrief_text(on_evidence), bad = debrief_text(on_hunch);
  CHECK(good == "The licence was refused on the evidence in the papers.\nEither way, the hearing is over.\n");
  CHECK(bad.find("expect an appeal") != std::string::npos);
  CHECK(bad.find("on the evidence in the papers") == std::string::npos);
  CHECK(feedback_text(on_evidence, on_evidence.effective_decisions().back()) ==
        "The refusal rests on the evidence.");
  CHECK(feedback_text(on_hunch, on_hunch.effective_decisions().back()) ==
        "The refusal rests on nothing in the papers.");
}

TEST_CASE("session: stage text, prompts and evidence follow the audience and the state now") {
  ScenarioPtr s = load_good(kTwoRoutes);
  ManualClock clock;
  Session members(s, clock, Audience::Members), staff(s, clock, Audience::Staff);
  CHECK(stage_text(members) == "You sit on the licensing sub-committee.\n");
  CHECK(stage_text(staff) == "You present the review to the sub-committee.\n");
  CHECK(stage_prompts(members) == std::vector<std::string>{"What may you take into account?"});
  const int note = s->find_evidence("police-note");
  CHECK(evidence_text(members, note) == "Officers visited twice.\n");
  REQUIRE(members.choose("keep-logs"));
  REQUIRE(staff.choose("go-on-hunch"));
  CHECK(evidence_text(members, note) ==
        "Officers visited twice.\nThe licensing team has kept the visit logs.\n");
  CHECK(stage_text(members) == "The sub-committee retires to decide with complete papers.");
  CHECK(stage_text(staff) == "The sub-committee retires to decide on thin papers.");
  // The objection prompt appears only once there is an objection.
  CHECK(stage_prompts(members) ==
        std::vector<std::string>{"What may the members take into account?",
                                 "How much weight does the objection carry?"});
  CHECK(stage_prompts(staff) == std::vector<std::string>{"What may the members take into account?"});
}

TEST_CASE("session: feedback reads in the state right after its choice, also after an undo") {
  ScenarioPtr s = load_good(kTwoRoutes);
  ManualClock clock;
  Session session(s, clock);
  REQUIRE(session.choose("keep-logs"));
  const size_t first = session.effective_decisions().back();
  const std::string fb = feedback_text(session, first);
  CHECK(fb.find("beside the residents' objection") != std::string::npos);
  CHECK(fb.find("use {{name}} fields") != std::string::npos);
  REQUIRE(session.choose("refuse"));
  REQUIRE(session.undo("try again"));
  REQUIRE(session.choose("refuse"));
  // Not the last decision any more: replayed, it still reads as it did.
  CHECK(feedback_text(session, first) == fb);
  const std::vector<PlayState> states = states_after(session);
  CHECK(states.size() == session.history().size());
  CHECK(states.back() == session.state());
}

TEST_CASE("terminal play: each audience reads its own stage text and inject") {
  ScenarioPtr s = load_good(kTwoRoutes);
  ManualClock clock;
  for (Audience a : {Audience::Members, Audience::Staff}) {
    Session session(s, clock, a);
    std::istringstream in("2\n1\n");
    std::ostringstream out;
    REQUIRE(cli::play_interactive(session, in, out, {}));
    const std::string text = out.str();
    const bool members = a == Audience::Members;
    CHECK((text.find("You sit on the licensing sub-committee.") != std::string::npos) == members);
    CHECK(text.find("retires to decide on thin papers") != std::string::npos);
    CHECK((text.find("You present the review") != std::string::npos) == !members);
    CHECK((text.find("asks the licensing team what the police found") != std::string::npos) == !members);
    CHECK((text.find("asks what the council will decide") != std::string::npos) == members);
    CHECK(text.find("{{") == std::string::npos);
    CHECK(text.find("expect an appeal") != std::string::npos);
  }
}

// [SECTION] Reports

TEST_CASE("reports: feedback and debrief read as they did on the recorded session's path") {
  const auto dir = testing::report_scratch("conditional-text");
  store::Store db = store::Store::open(dir / "results.db");
  ScenarioPtr s = load_good(kTwoRoutes);
  auto record = [&](const std::vector<std::string>& choices, bool undo_first) {
    ManualClock clock;
    Session session(s, clock, Audience::Staff);
    RecordingSetup setup;
    SessionRecorder recorder(db, session, setup);
    if (undo_first) {
      REQUIRE(session.choose("go-on-hunch"));
      REQUIRE(session.undo("changed our minds"));
    }
    for (const std::string& c : choices) REQUIRE(session.choose(std::string_view(c)));
    recorder.sync(session);
    return recorder.session_id();
  };
  const std::string evidence_id = record({"keep-logs", "refuse"}, true);
  const std::string hunch_id = record({"go-on-hunch", "refuse"}, false);
  reports::ReportSettings settings = testing::test_settings(reports::Part::B);

  const reports::FeedbackReport on_evidence = reports::build_feedback(db, evidence_id, settings);
  CHECK(on_evidence.ending_debrief.find("refused on the evidence in the papers") != std::string::npos);
  REQUIRE(on_evidence.decisions.size() == 4);  // decision, undo, decision, decision
  CHECK(on_evidence.decisions[0].feedback == "A decision on a hunch is open to appeal.");
  CHECK(on_evidence.decisions[1].kind == "undo");
  CHECK(on_evidence.decisions[3].feedback == "The refusal rests on the evidence.");

  const reports::FeedbackReport on_hunch = reports::build_feedback(db, hunch_id, settings);
  CHECK(on_hunch.ending_debrief.find("expect an appeal") != std::string::npos);
  CHECK(on_hunch.decisions.back().feedback == "The refusal rests on nothing in the papers.");

  const std::string html = reports::render(on_hunch, reports::Format::Html);
  CHECK(html.find("rests on nothing in the papers") != std::string::npos);
  CHECK(html.find("rests on the evidence") == std::string::npos);
  CHECK(html.find("{{if") == std::string::npos);
}
