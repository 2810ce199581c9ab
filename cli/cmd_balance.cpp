// `auditsim balance FILE`: how the complete paths are spread over exercise ratings and outcomes, the
// fewest and most decisions, and what each single mistake from the best path costs, so an
// author can see that a good ending cannot be had cheaply and a mistake is felt.
#include <algorithm>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "sim/balance.hpp"
#include "cli/cli.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_io.hpp"

namespace auditsim::cli {
namespace {

struct BalanceOptions {
  std::string file;
  std::string audience;
  uint64_t sample = RatingCountOptions{}.sample_size;
  uint64_t seed = RatingCountOptions{}.seed;
  bool json = false;
};

constexpr std::array<Outcome, 3> kOutcomes{Outcome::Good, Outcome::Mixed, Outcome::Poor};

std::string percent(double p) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", p);
  return buf;
}

std::string share(uint64_t part, uint64_t whole) {
  return whole == 0 ? "-" : percent(100.0 * static_cast<double>(part) / static_cast<double>(whole));
}

std::string joined(const std::vector<std::string>& ids) {
  std::string out;
  for (const std::string& id : ids) out += (out.empty() ? "" : " > ") + id;
  return out;
}

std::string ending_id(const Scenario& s, int node) {
  return node < 0 ? std::string("(no ending)") : s.nodes[static_cast<size_t>(node)].id;
}

std::string how_counted(const AudienceBalance& b) {
  const RatingCounts& o = b.ratings;
  if (o.exact) return "counted exactly";
  return "sampled: " + std::to_string(o.sample_size) + " paths drawn " +
         (o.uniform_over_paths ? "uniformly from every complete path" : "by a random choice at each stage") +
         ", seed " + std::to_string(o.seed) + " (" + o.why_sampled + ")";
}

void print_audience(const Scenario& s, const AudienceBalance& b) {
  const RatingScale scale;
  const PathShape& p = b.shape;
  std::cout << "\n" << (b.audience ? audience_key(*b.audience) : "any audience") << ": " << p.paths
            << (p.paths_saturated ? "+" : "") << " complete paths ("
            << std::fixed << std::setprecision(2) << b.seconds << " s)\n";
  if (!p.complete) std::cout << "  warning: too many distinct states to explore; figures are partial\n";
  uint64_t drawn = 0;
  for (uint64_t n : b.ratings.by_level) drawn += n;
  std::cout << "  exercise rating (" << how_counted(b) << ")\n";
  for (size_t l = 0; l < 4; ++l)
    std::cout << "    " << std::left << std::setw(12) << scale.labels[l] << std::right << std::setw(14)
              << b.ratings.by_level[l] << "  " << std::setw(6) << share(b.ratings.by_level[l], drawn) << "\n";
  std::cout << "  outcome (counted exactly)\n";
  for (Outcome o : kOutcomes) {
    const uint64_t n = p.outcomes[static_cast<size_t>(o)];
    std::cout << "    " << std::left << std::setw(12) << outcome_key(o) << std::right << std::setw(14) << n
              << "  " << std::setw(6) << share(n, p.paths) << "\n";
  }
  std::cout << "  decisions: fewest " << p.min_decisions << ", most " << p.max_decisions << "\n"
            << "    fewest: " << joined(p.shortest.choices) << " (" << ending_id(s, p.shortest.ending) << ")\n"
            << "    most:   " << joined(p.longest.choices) << " (" << ending_id(s, p.longest.ending) << ")\n";
  const OneMistakeTable& t = b.one_mistake;
  std::cout << "  best path: " << joined(t.best_path) << "\n    ends at " << ending_id(s, t.best_ending)
            << ", " << t.best_rating << " (" << percent(t.best_percent) << ")\n";
  if (t.rows.empty()) return;
  // Columns as wide as their longest entry, so long ids do not push the figures out of line.
  size_t stage_w = 5, swap_w = 20;
  for (const Mistake& m : t.rows) {
    stage_w = std::max(stage_w, s.nodes[static_cast<size_t>(m.node)].id.size());
    swap_w = std::max(swap_w, m.best_choice.size() + 4 + m.instead.size());
  }
  std::cout << "  one mistake from the best path, then best play:\n"
            << "      #  " << std::left << std::setw(static_cast<int>(stage_w)) << "stage" << "  "
            << std::setw(static_cast<int>(swap_w)) << "instead of -> chose" << std::right
            << "  percent  rating       ending\n";
  for (const Mistake& m : t.rows) {
    const std::string swap = m.best_choice + " -> " + m.instead;
    std::cout << "    " << std::setw(3) << m.decision << "  " << std::left
              << std::setw(static_cast<int>(stage_w)) << s.nodes[static_cast<size_t>(m.node)].id << "  "
              << std::setw(static_cast<int>(swap_w)) << swap << std::right << std::setw(9)
              << percent(m.overall_percent) << "  " << std::left << std::setw(12)
              << (m.rating + (m.missed_high ? "*" : "")) << " " << ending_id(s, m.ending) << std::right << "\n";
  }
  std::cout << "    (* misses a high-priority key action)\n";
}

nlohmann::json audience_json(const Scenario& s, const AudienceBalance& b) {
  const RatingScale scale;
  const PathShape& p = b.shape;
  nlohmann::json ratings = nlohmann::json::object(), outcomes = nlohmann::json::object();
  for (size_t l = 0; l < 4; ++l) ratings[scale.labels[l]] = b.ratings.by_level[l];
  for (Outcome o : kOutcomes) outcomes[outcome_key(o)] = p.outcomes[static_cast<size_t>(o)];
  nlohmann::json sample = nullptr;
  if (!b.ratings.exact)
    sample = {{"paths", b.ratings.sample_size},
              {"seed", b.ratings.seed},
              {"uniform_over_paths", b.ratings.uniform_over_paths},
              {"reason", b.ratings.why_sampled}};
  nlohmann::json rows = nlohmann::json::array();
  for (const Mistake& m : b.one_mistake.rows) {
    const Node* end = m.ending >= 0 ? &s.nodes[static_cast<size_t>(m.ending)] : nullptr;
    rows.push_back({{"decision", m.decision},
                    {"node", s.nodes[static_cast<size_t>(m.node)].id},
                    {"best_choice", m.best_choice},
                    {"instead", m.instead},
                    {"overall_percent", m.overall_percent},
                    {"rating", m.rating},
                    {"rating_level", m.rating_level},
                    {"missed_high", m.missed_high},
                    {"ending", end ? nlohmann::json(end->id) : nlohmann::json(nullptr)},
                    {"outcome", end ? nlohmann::json(outcome_key(end->ending->outcome)) : nlohmann::json(nullptr)},
                    {"path", m.path}});
  }
  const OneMistakeTable& t = b.one_mistake;
  return {{"paths", p.paths},
          {"paths_saturated", p.paths_saturated},
          {"state_space_complete", p.complete},
          {"ratings", ratings},
          {"ratings_exact", b.ratings.exact},
          {"sample", sample},
          {"outcomes", outcomes},
          {"decisions", {{"min", p.min_decisions}, {"max", p.max_decisions},
                         {"shortest", p.shortest.choices}, {"longest", p.longest.choices}}},
          {"best", {{"path", t.best_path},
                    {"ending", t.best_ending >= 0 ? nlohmann::json(ending_id(s, t.best_ending)) : nlohmann::json(nullptr)},
                    {"overall_percent", t.best_percent},
                    {"rating", t.best_rating}}},
          {"one_mistake", rows},
          {"seconds", b.seconds}};
}

int run_balance(const BalanceOptions& opts) {
  LoadedScenario loaded = load_for_command(opts.file);
  if (!loaded.scenario) return loaded.exit_code;
  const Scenario& s = *loaded.scenario;
  std::vector<Audience> audiences = audiences_of(s);
  if (auto a = parse_audience_option(opts.audience)) audiences = {*a};
  RatingCountOptions oc;
  oc.sample_size = opts.sample;
  oc.seed = opts.seed;
  nlohmann::json j{{"scenario", s.id}, {"audiences", nlohmann::json::object()}};
  if (!opts.json) std::cout << s.title << " [" << s.id << "]\n";
  for (Audience a : audiences) {
    const AudienceBalance b = balance_for(loaded.scenario, a, ScoringConfig{}, oc);
    if (opts.json) j["audiences"][audience_key(a)] = audience_json(s, b);
    else print_audience(s, b);
  }
  if (opts.json) std::cout << j.dump(2) << "\n";
  return kExitOk;
}

}  // namespace

void add_balance_command(CLI::App& app, int& exit_code) {
  auto opts = std::make_shared<BalanceOptions>();
  CLI::App* cmd = app.add_subcommand(
      "balance",
      "For each audience: how many complete paths end in each exercise rating and each\n"
      "outcome (exact where the state space allows, otherwise sampled, and it says which),\n"
      "the fewest and most decisions, and what each single mistake from the best path costs.");
  cmd->add_option("file", opts->file, "Scenario file")->required();
  cmd->add_option("--audience", opts->audience, "Only this audience (members or staff)");
  cmd->add_option("--sample", opts->sample, "Paths to draw when ratings must be sampled (default 20000)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{10'000'000}));
  cmd->add_option("--seed", opts->seed, "Seed for sampling (default 1)");
  cmd->add_flag("--json", opts->json,
                "Print JSON: audiences.<a>.ratings, .outcomes, .decisions.min/.max, .one_mistake");
  cmd->callback([opts, &exit_code] { exit_code = run_balance(*opts); });
}

}  // namespace auditsim::cli
