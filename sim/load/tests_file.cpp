// Reading a scenario's tests file with the scenario loader's own YAML reader, so an author gets
// the same file:line:col messages, codes and hints as for the scenario itself. Every id a test
// names is resolved against the loaded scenario here, so a typo is an error at its line rather
// than a failing test.
#include <algorithm>
#include <filesystem>
#include <limits>

#include "sim/file_read.hpp"
#include "sim/load.hpp"
#include "sim/load/reader.hpp"
#include "sim/load/text.hpp"
#include "sim/load/yaml.hpp"
#include "sim/scenario_names.hpp"
#include "sim/scenario_tests.hpp"
#include "sim/scoring.hpp"

namespace auditsim {

namespace fs = std::filesystem;
using namespace load_detail;

namespace {

constexpr size_t kMaxTestsFileBytes = 1024 * 1024;
constexpr std::string_view kFormat = "auditsim-tests/1";
constexpr int64_t kMaxDecisions = 100'000;

// The stem's `.tests` suffix and the extension, or nullopt when the name is not a tests file.
std::optional<std::pair<std::string, std::string>> split_tests_name(const std::string& path) {
  const fs::path p(path);
  const std::string ext = p.extension().string();
  if (ext != ".yaml" && ext != ".yml") return std::nullopt;
  const std::string stem = p.stem().string();
  constexpr std::string_view kSuffix = ".tests";
  if (stem.size() <= kSuffix.size() || stem.compare(stem.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0)
    return std::nullopt;
  return std::make_pair(stem.substr(0, stem.size() - kSuffix.size()), ext);
}

Diagnostic file_error(std::string code, const std::string& path, std::string message,
                      std::string hint = {}) {
  return {Severity::Error, std::move(code), path, 0, 0, std::move(message), std::move(hint)};
}

std::string as_sentence(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  if (!s.empty() && s.back() != '.' && s.back() != '?') s += '.';
  return s;
}

std::string lower(std::string s) {
  for (char& ch : s)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return s;
}

// Reader::missing points at the scenario format's page; a tests file's keys are on their own.
void missing(Reader& r, const Fields& f, std::string_view key, std::string_view what) {
  r.error("missing-field", f.node,
          "This " + std::string(what) + " has no `" + std::string(key) + "`, which is required.",
          "add `" + std::string(key) + ":` (see docs/scenario-tests.md)");
}

struct TestsReader {
  Reader& r;
  const Scenario& s;

  // A whole number, or [min, max] of whole numbers, within [lo, hi].
  std::optional<Bounds<int64_t>> range(int node, std::string_view field, int64_t lo, int64_t hi) {
    const YNode& n = r.at(node);
    if (n.kind == YNode::Kind::Scalar) {
      auto v = r.integer_node(node, field, lo, hi);
      if (!v) return std::nullopt;
      return Bounds<int64_t>{*v, *v};
    }
    if (n.kind == YNode::Kind::Seq && n.items.size() == 2) {
      auto a = r.integer_node(n.items[0], field, lo, hi);
      auto b = r.integer_node(n.items[1], field, lo, hi);
      if (!a || !b) return std::nullopt;
      if (*a > *b) {
        r.error("bad-value", node, "The range for `" + std::string(field) + "` starts above where it ends.",
                "write the smaller number first: [" + std::to_string(*b) + ", " + std::to_string(*a) + "]");
        return std::nullopt;
      }
      return Bounds<int64_t>{*a, *b};
    }
    r.error("wrong-type", node,
            "`" + std::string(field) + "` should be a whole number or a range [min, max], not " +
                std::string(r.kind_name(node)) + ".",
            "for example `" + std::string(field) + ": [4, 6]`");
    return std::nullopt;
  }

  // An exercise rating, by its label in the default scale or by the label it had before it was
  // told apart from an assurance opinion ("Limited" is "Fair"), in any case.
  std::optional<int> rating(int node, std::string_view field) {
    auto text = r.scalar_node(node, field);
    if (!text) return std::nullopt;
    const RatingScale scale;
    std::vector<std::string> labels(scale.labels.begin(), scale.labels.end());
    for (size_t i = 0; i < labels.size(); ++i)
      if (lower(labels[i]) == lower(*text) || lower(kFormerRatingLabels[i]) == lower(*text))
        return static_cast<int>(i);
    std::vector<std::string> known = labels;
    known.insert(known.end(), kFormerRatingLabels.begin(), kFormerRatingLabels.end());
    std::string hint = did_you_mean(*text, known);
    if (hint.empty()) hint = "the exercise ratings are Strong, Good, Fair and Weak";
    r.error("bad-value", node, "`" + *text + "` is not an exercise rating.", hint);
    return std::nullopt;
  }

  // The rating bound a test gives under its own key or the older `opinion_...` name of it; -1
  // when neither is there.
  static int rating_value(const Fields& f, std::string_view key, std::string_view former) {
    return f.has(key) ? f.value(key) : f.value(former);
  }
  static std::string_view rating_key(const Fields& f, std::string_view key, std::string_view former) {
    return f.has(key) ? key : former;
  }

  std::vector<std::string> ending_ids() const {
    std::vector<std::string> out;
    for (const Node& n : s.nodes)
      if (n.is_ending()) out.push_back(n.id);
    return out;
  }

  std::optional<int> ending(int node) {
    auto id = r.scalar_node(node, "ending");
    if (!id) return std::nullopt;
    const int n = s.find_node(*id);
    if (n < 0) {
      r.error("undefined-node", node, "No node has the id `" + *id + "`.", did_you_mean(*id, ending_ids()));
      return std::nullopt;
    }
    if (!s.nodes[static_cast<size_t>(n)].is_ending()) {
      std::string hint = "the endings are:";
      for (const std::string& e : ending_ids()) hint += " " + e;
      r.error("bad-value", node, "`" + *id + "` is a stage, not an ending.", hint);
      return std::nullopt;
    }
    return n;
  }

  std::vector<int> key_actions(const Fields& f, std::string_view key) {
    std::vector<int> out;
    auto items = r.list(f, key);
    if (!items) return out;
    std::vector<std::string> names;
    for (const KeyAction& k : s.key_actions) names.push_back(k.id);
    for (int item : *items) {
      auto id = r.scalar_node(item, key);
      if (!id) continue;
      const int k = s.find_key_action(*id);
      if (k < 0) r.error("undefined-key-action", item, "No key action has the id `" + *id + "`.", did_you_mean(*id, names));
      else out.push_back(k);
    }
    return out;
  }

  std::optional<Condition> condition(int node) {
    const YNode& n = r.at(node);
    if (n.kind != YNode::Kind::Scalar || n.value.find_first_not_of(" \t") == std::string::npos) {
      r.error("condition-syntax", node, "`holds` needs a condition.",
              "write an expression such as `verified and not police_informed`");
      return std::nullopt;
    }
    const ConditionParseResult parsed = parse_condition_for(s, n.value);
    for (const ConditionError& e : parsed.errors) {
      const char* code = "condition-syntax";
      if (e.kind == ConditionError::Kind::UnknownVariable) code = "undefined-variable";
      if (e.kind == ConditionError::Kind::UnknownNode) code = "undefined-node";
      r.error_at(code, r.pos_in_scalar(node, e.offset), as_sentence(e.message), e.hint);
    }
    if (!parsed.errors.empty()) return std::nullopt;
    return parsed.condition;
  }

  void pillars(int node, PathExpectations& x) {
    const Fields f = r.fields(node, "pillar percentages", {"pursue", "prevent", "protect", "prepare"});
    if (!f.ok()) return;
    for (Pillar p : kPillars) {
      const int v = f.value(pillar_key(p));
      if (v < 0) continue;
      if (auto b = range(v, pillar_key(p), 0, 100))
        x.pillars[static_cast<size_t>(p)] = Bounds<double>{static_cast<double>(*b->min), static_cast<double>(*b->max)};
    }
  }

  void path_expectations(int node, PathExpectations& x) {
    const Fields f = r.fields(node, "a path test's `expect`",
                              {"ending", "outcome", "rating_at_least", "rating_at_most",
                               "opinion_at_least", "opinion_at_most",
                               "findings", "no_findings", "pillars", "decisions", "holds"});
    if (!f.ok()) return;
    if (f.has("ending")) x.ending = ending(f.value("ending"));
    if (auto o = r.label(f, "outcome", Need::Optional, "expectation")) {
      x.outcome = parse_outcome(*o);
      if (!x.outcome)
        r.error("bad-value", r.where(f, "outcome"), "`" + *o + "` is not an outcome.", "use good, mixed or poor");
    }
    if (int v = rating_value(f, "rating_at_least", "opinion_at_least"); v >= 0)
      x.rating_at_least = rating(v, rating_key(f, "rating_at_least", "opinion_at_least"));
    if (int v = rating_value(f, "rating_at_most", "opinion_at_most"); v >= 0)
      x.rating_at_most = rating(v, rating_key(f, "rating_at_most", "opinion_at_most"));
    if (x.rating_at_least && x.rating_at_most && *x.rating_at_least > *x.rating_at_most)
      r.error("bad-value", rating_value(f, "rating_at_most", "opinion_at_most"),
              "`rating_at_most` is better than `rating_at_least`: no result can meet both.",
              "swap them, or give the same rating to both for exactly that rating");
    x.findings = key_actions(f, "findings");
    x.no_findings = key_actions(f, "no_findings");
    for (int k : x.findings)
      if (std::find(x.no_findings.begin(), x.no_findings.end(), k) != x.no_findings.end())
        r.error("bad-value", f.value("no_findings"),
                "`" + s.key_actions[static_cast<size_t>(k)].id + "` is in both `findings` and `no_findings`.",
                "keep it in one of them");
    if (f.has("pillars")) pillars(f.value("pillars"), x);
    if (f.has("decisions")) x.decisions = range(f.value("decisions"), "decisions", 0, kMaxDecisions);
    if (f.has("holds")) x.holds = condition(f.value("holds"));
  }

  void property(const Fields& f, ScenarioTest& t) {
    const int v = r.where(f, "property");
    auto name = r.scalar_node(f.value("property"), "property");
    if (!name) return;
    static const std::vector<std::pair<std::string, ScenarioTest::Property>> kProperties{
        {"endings-reachable", ScenarioTest::Property::EndingsReachable},
        {"decisions", ScenarioTest::Property::Decisions},
        {"one-mistake", ScenarioTest::Property::OneMistake},
        {"best-reaches-maximum", ScenarioTest::Property::BestReachesMaximum}};
    auto it = std::find_if(kProperties.begin(), kProperties.end(), [&](const auto& p) { return p.first == *name; });
    if (it == kProperties.end()) {
      std::vector<std::string> names;
      for (const auto& p : kProperties) names.push_back(p.first);
      std::string hint = did_you_mean(*name, names);
      if (hint.empty()) hint = "the properties are endings-reachable, decisions, one-mistake and best-reaches-maximum";
      r.error("bad-value", v, "`" + *name + "` is not a property a test can check.", hint);
      return;
    }
    t.property = it->second;
    for (const char* key : {"play", "choices", "seed"})
      if (f.has(key))
        r.error("bad-value", f.key(key), "A property test plays no path of its own, so it takes no `" + std::string(key) + "`.",
                "remove it, or remove `property` to make this a path test");
    const bool wants_expect = t.property == ScenarioTest::Property::Decisions ||
                              t.property == ScenarioTest::Property::OneMistake;
    if (!wants_expect) {
      if (f.has("expect"))
        r.error("bad-value", f.key("expect"), "The property `" + *name + "` takes no `expect`.",
                "remove `expect`: the property says what must hold");
      return;
    }
    if (!f.has("expect")) {
      missing(r, f, "expect", "property test");
      return;
    }
    if (t.property == ScenarioTest::Property::Decisions) {
      const Fields x = r.fields(f.value("expect"), "the `expect` of a decisions property", {"decisions"});
      if (!x.ok()) return;
      if (!x.has("decisions")) return missing(r, x, "decisions", "expectation");
      if (auto b = range(x.value("decisions"), "decisions", 0, kMaxDecisions)) t.decisions = *b;
    } else {
      const Fields x = r.fields(f.value("expect"), "the `expect` of a one-mistake property",
                                {"rating_at_most", "opinion_at_most"});
      if (!x.ok()) return;
      const int v = rating_value(x, "rating_at_most", "opinion_at_most");
      if (v < 0) return missing(r, x, "rating_at_most", "expectation");
      if (auto o = rating(v, rating_key(x, "rating_at_most", "opinion_at_most"))) t.one_mistake_at_most = *o;
    }
  }

  void path(const Fields& f, ScenarioTest& t) {
    const bool has_play = f.has("play"), has_choices = f.has("choices");
    if (has_play == has_choices) {
      r.error(has_play ? "bad-value" : "missing-field", has_play ? f.key("choices") : f.node,
              has_play ? "A test plays either `choices` or `play`, not both."
                       : "This test has no `choices`, `play` or `property`, so it checks nothing.",
              "give `choices: [id, ...]`, or `play: best`, `worst` or `random` (with `seed`), or a `property`");
      return;
    }
    if (has_choices) {
      t.play = ScenarioTest::Play::Choices;
      std::vector<std::string> names;
      for (const Node& n : s.nodes)
        for (const Choice& c : n.choices) names.push_back(c.id);
      if (auto items = r.list(f, "choices"))
        for (int item : *items) {
          auto id = r.scalar_node(item, "choices");
          if (!id) continue;
          if (s.find_choice(*id).first < 0)
            r.error("undefined-choice", item, "No choice has the id `" + *id + "`.", did_you_mean(*id, names));
          t.choices.push_back(*id);
        }
    } else if (auto play = r.label(f, "play", Need::Optional, "test")) {
      if (*play == "best") t.play = ScenarioTest::Play::Best;
      else if (*play == "worst") t.play = ScenarioTest::Play::Worst;
      else if (*play == "random") t.play = ScenarioTest::Play::Random;
      else
        r.error("bad-value", r.where(f, "play"), "`" + *play + "` is not a way to play.",
                "use best, worst or random (random needs a `seed`), or list `choices`");
    }
    if (t.play == ScenarioTest::Play::Random) {
      if (!f.has("seed")) missing(r, f, "seed", "random test");
      else if (auto seed = r.integer(f, "seed", Need::Optional, "random test", 0, std::numeric_limits<int64_t>::max()))
        t.seed = static_cast<uint64_t>(*seed);
    } else if (f.has("seed")) {
      r.error("bad-value", f.key("seed"), "`seed` only means something with `play: random`.",
              "remove `seed`, or write `play: random`");
    }
    if (f.has("expect")) path_expectations(f.value("expect"), t.expect);
    else missing(r, f, "expect", "path test");
  }

  void test(int item, std::vector<ScenarioTest>& out, std::vector<std::pair<std::string, int>>& names) {
    const Fields f = r.fields(item, "a test", {"name", "audience", "play", "seed", "choices", "property", "expect"});
    if (!f.ok()) return;
    ScenarioTest t;
    t.pos = r.pos(item);
    if (!f.has("name")) missing(r, f, "name", "test");
    t.name = r.text(f, "name", Need::Optional, "test").value_or("");
    if (!t.name.empty()) {
      auto dup = std::find_if(names.begin(), names.end(), [&](const auto& n) { return n.first == t.name; });
      if (dup != names.end())
        r.error("duplicate-id", r.where(f, "name"), "Another test is already called `" + t.name + "`.",
                "the first is on line " + std::to_string(dup->second) + "; give each test its own name");
      else names.emplace_back(t.name, t.pos.line);
    }
    if (auto a = r.label(f, "audience", Need::Optional, "test")) {
      if (auto parsed = parse_audience(*a)) t.audience = parsed;
      else r.error("bad-value", r.where(f, "audience"), "`" + *a + "` is not an audience.",
                   "use members or staff, or leave it out");
    }
    if (f.has("property")) {
      t.kind = ScenarioTest::Kind::Property;
      property(f, t);
    } else {
      path(f, t);
    }
    out.push_back(std::move(t));
  }
};

void sort_by_position(std::vector<Diagnostic>& ds) {
  std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::tie(a.line, a.col) < std::tie(b.line, b.col);
  });
}

// The scenario named by the tests file, loaded and checked; its errors are added after a
// message at the tests file's `scenario` key saying why the tests cannot run.
ScenarioPtr load_tested_scenario(Reader& r, const Fields& top, const std::string& path,
                                 std::string& scenario_path, std::vector<Diagnostic>& scenario_diags) {
  const int where = top.has("scenario") ? r.where(top, "scenario") : top.node;
  if (auto named = r.label(top, "scenario", Need::Optional, "tests file")) {
    const fs::path given(*named);
    scenario_path = given.is_absolute() ? *named : (fs::path(path).parent_path() / given).lexically_normal().string();
  } else if (split_tests_name(path)) {
    scenario_path = scenario_for_tests_file(path);
  } else {
    r.error("missing-field", top.node, "This tests file does not say which scenario it tests.",
            "add `scenario: NAME.yaml`, or name the file NAME.tests.yaml beside NAME.yaml");
    return nullptr;
  }
  LoadResult loaded = load_and_check(scenario_path);
  if (loaded.ok()) return loaded.scenario;
  r.error("scenario-not-loaded", where,
          "The scenario `" + scenario_path + "` cannot be loaded, so its tests cannot run.",
          "fix the errors listed for it (`auditsim validate " + scenario_path + "`)");
  for (Diagnostic& d : loaded.diagnostics)
    if (d.severity == Severity::Error) scenario_diags.push_back(std::move(d));
  return nullptr;
}

}  // namespace

bool is_tests_file(const std::string& path) { return split_tests_name(path).has_value(); }

std::string scenario_for_tests_file(const std::string& tests_path) {
  const auto parts = split_tests_name(tests_path);
  if (!parts) return tests_path;
  return (fs::path(tests_path).parent_path() / (parts->first + parts->second)).string();
}

std::string tests_file_for_scenario(const std::string& scenario_path) {
  const fs::path p(scenario_path);
  return (p.parent_path() / (p.stem().string() + ".tests" + p.extension().string())).string();
}

std::vector<std::string> find_tests_files(const std::string& folder) {
  return find_files_under(folder, [](const std::string& path) { return is_tests_file(path); });
}

TestsLoadResult load_tests_file(const std::string& path) {
  TestsLoadResult res;
  auto& diags = res.diagnostics;
  const FileRead file = read_regular_file(path, kMaxTestsFileBytes);
  switch (file.status) {
    case FileRead::Status::Ok: break;
    case FileRead::Status::Missing:
      diags.push_back(file_error("io-error", path, "The file does not exist.", "check the path and the spelling of the name"));
      return res;
    case FileRead::Status::NotRegular:
      diags.push_back(file_error("io-error", path, "This is " + std::string(file_kind_words(file.kind)) + ", not a tests file.",
                                 "give the path of a .tests.yaml file"));
      return res;
    case FileRead::Status::TooLarge:
      diags.push_back(file_error("file-too-large", path, "The file is larger than 1024 KB, the limit for a tests file.",
                                 "split the tests between scenarios, or remove repeated cases"));
      return res;
    case FileRead::Status::Unreadable:
      diags.push_back(file_error("io-error", path, "The file cannot be read (" + file.error + ").",
                                 "check that you are allowed to read it"));
      return res;
  }
  const std::string& text = file.bytes;
  if (auto bad = find_invalid_utf8(text)) {
    diags.push_back({Severity::Error, "invalid-utf8", path, bad->line, bad->col, "The text is not valid UTF-8.",
                     "the file was probably saved as Latin-1 or Windows-1252: save it as UTF-8"});
    return res;
  }
  YamlDoc doc;
  LoadLimits limits;
  limits.max_file_bytes = kMaxTestsFileBytes;
  try {
    if (!parse_yaml(text, path, limits, doc, diags)) return res;
  } catch (const std::bad_alloc&) {
    diags.push_back(file_error("file-too-large", path, "The file needs more memory to load than is available."));
    return res;
  }
  if (doc.root < 0 || doc.nodes[static_cast<size_t>(doc.root)].kind == YNode::Kind::Null) {
    diags.push_back(file_error("wrong-type", path, "The file is empty.",
                               "a tests file is a map that starts with `format: auditsim-tests/1`; see docs/scenario-tests.md"));
    return res;
  }
  Reader r(doc, text, path, diags);
  const Fields top = r.fields(doc.root, "a tests file", {"format", "scenario", "tests"});
  if (!top.ok()) return res;
  if (!top.has("format")) missing(r, top, "format", "tests file");
  else if (auto format = r.label(top, "format", Need::Optional, "tests file"); format && *format != kFormat)
    r.error("bad-format-version", r.where(top, "format"), "`" + *format + "` is not a tests file format.",
            "write `format: auditsim-tests/1`");
  TestsFile out;
  out.path = path;
  std::vector<Diagnostic> scenario_diags;
  out.scenario = load_tested_scenario(r, top, path, out.scenario_path, scenario_diags);
  if (!top.has("tests")) missing(r, top, "tests", "tests file");
  if (out.scenario && top.has("tests")) {
    TestsReader tr{r, *out.scenario};
    std::vector<std::pair<std::string, int>> names;
    if (auto items = r.list(top, "tests"))
      for (int item : *items) tr.test(item, out.tests, names);
  }
  sort_by_position(diags);
  diags.insert(diags.end(), scenario_diags.begin(), scenario_diags.end());
  if (out.scenario) res.file = std::move(out);
  return res;
}

}  // namespace auditsim
