// The synthetic scenario generator. Its shape guarantees a clean check:
//  - choice `a` of every node is unconditional and jumps forward; choice `b` is unconditional and
//    leads to the next node, so every node is reachable and no state is stuck. Only `c` has
//    conditions;
//  - the first nodes are "openings": there `b` sets f<k> to true and `c` leaves it, both leading
//    to k+1, and `b` changes nothing elsewhere, so every combination of the flags reaches every
//    later node and any condition on them (or on visiting a recent node) can hold;
//  - `a` and `b` never lose points and node 0 scores each pillar, so every pillar has a positive
//    maximum.
// Jumps come first in choice order so that the paths listed first are short, as they are in
// real scenarios; the next-node chain gives the long paths.
// Numbers come from splitmix64 rather than <random> distributions, whose output differs
// between standard libraries.
#include "tests/support/synthetic.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace auditsim {

namespace {

constexpr int kFlags = 4;
constexpr int kJump = 40;  // how far forward a jump may land
constexpr std::array<const char*, 4> kPillarKeys{"pursue", "prevent", "protect", "prepare"};
constexpr std::array<const char*, 3> kEndings{"e-good", "e-mixed", "e-poor"};
constexpr std::array<const char*, 3> kPriorities{"high", "medium", "low"};

class Rng {
 public:
  explicit Rng(uint64_t seed) : x_(seed) {}
  uint64_t next() {
    uint64_t z = (x_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
  int between(int lo, int hi) { return lo + below(hi - lo + 1); }
  bool chance(int percent) { return below(100) < percent; }

 private:
  uint64_t x_;
};

std::string node_id(int i) { return "n" + std::to_string(i); }
std::string flag(int k) { return "f" + std::to_string(k); }

struct Generator {
  int decisions;
  int openings;  // nodes whose choice `b` sets a flag
  Rng rng;
  std::string out;

  std::string target(int from) {
    const int to = from + 2 + rng.below(kJump);
    if (to >= decisions) return kEndings[rng.below(3)];
    return node_id(to);
  }

  std::string condition(int at) {
    const int k = rng.below(openings);
    int j = rng.below(openings);
    if (openings > 1 && j == k) j = (k + 1) % openings;
    switch (rng.below(5)) {
      case 0: return flag(k);
      case 1: return "not " + flag(k);
      case 2: return openings > 1 ? flag(k) + " and not " + flag(j) : flag(k);
      case 3: return flag(k) + " or " + flag(j);
      // A recent node only: a visited flag splits states on every node between the one it
      // names and the one that reads it.
      default: return "visited(" + node_id(at - 1 - rng.below(std::min(at, 3))) + ")";
    }
  }

  // `forced` is a bit mask of pillars that score at least 2.
  void score(bool never_negative, unsigned forced) {
    out += "score: {";
    for (int p = 0; p < 4; ++p) {
      int v = never_negative ? rng.between(0, 3) : rng.between(-2, 3);
      if (forced & (1u << p)) v = std::max(v, 2);
      out += std::string(p ? ", " : "") + kPillarKeys[p] + ": " + std::to_string(v);
    }
    out += "}";
  }

  void choice(int i, char letter, const std::string& next, const std::string& extra,
              bool never_negative, unsigned forced) {
    out += "      - {id: " + node_id(i) + "-" + letter + ", text: Option " + letter + ", ";
    score(never_negative, forced);
    out += extra + ", feedback: Noted., next: " + next + "}\n";
  }

  void node(int i, const std::vector<std::string>& achieves) {
    out += "  " + node_id(i) + ":\n    title: Decision " + std::to_string(i) +
           "\n    text: Stage " + std::to_string(i) + ".\n    choices:\n";
    const bool last = i + 1 == decisions;
    const bool opening = i < openings;
    // Node 0 scores every pillar: `a` prepare, `b` pursue, `c` prevent and protect.
    const bool first = i == 0;
    choice(i, 'a', last ? kEndings[0] : target(i), "", true, first ? 0b1000u : 0u);

    std::string b_extra;
    if (!achieves.empty()) {
      b_extra = ", achieves: [";
      for (size_t k = 0; k < achieves.size(); ++k) b_extra += (k ? ", " : "") + achieves[k];
      b_extra += "]";
    }
    if (opening) b_extra += ", set: {" + flag(i) + ": true}";
    choice(i, 'b', last ? kEndings[1] : node_id(i + 1), b_extra, true, first ? 0b0001u : 0u);

    std::string c_next = last ? kEndings[2] : opening ? node_id(i + 1) : target(i);
    std::string c_extra;
    if (!opening && openings > 0) {
      if (rng.chance(25)) {
        c_extra += ", set: {" + flag(rng.below(openings)) + ": " +
                   (rng.chance(50) ? "true" : "false") + "}";
      }
      if (rng.chance(50)) c_extra += ", when: \"" + condition(i) + "\"";
    }
    choice(i, 'c', c_next, c_extra, false, first ? 0b0110u : 0u);
  }
};

}  // namespace

std::string make_synthetic_scenario_yaml(int decisions, uint64_t seed) {
  decisions = std::max(decisions, 1);
  Generator g{decisions, std::min(kFlags, decisions - 1), Rng(seed), {}};
  std::string& out = g.out;
  out.reserve(static_cast<size_t>(decisions) * 420 + 2048);
  out += "format: auditsim/1\nid: synthetic-" + std::to_string(decisions) + "-" +
         std::to_string(seed) + "\ntitle: Synthetic scenario, " + std::to_string(decisions) +
         " decisions\ntheme: synthetic\nduration_minutes: 60\n"
         "summary: A generated scenario for benchmarks and tests.\n";
  out += "variables: {";
  for (int k = 0; k < g.openings; ++k) out += (k ? ", " : "") + flag(k) + ": false";
  out += "}\n";

  const int key_actions = 3 + decisions / 1000;
  std::vector<std::vector<std::string>> achieved_at(static_cast<size_t>(decisions));
  out += "key_actions:\n";
  for (int k = 0; k < key_actions; ++k) {
    const std::string id = "ka" + std::to_string(k);
    out += "  - {id: " + id + ", pillar: " + kPillarKeys[k % 4] + ", priority: " +
           kPriorities[k % 3] + ", text: Control " + std::to_string(k) +
           " in place, management_action: Put control " + std::to_string(k) + " in place}\n";
    achieved_at[static_cast<size_t>(k) * decisions / key_actions].push_back(id);
  }
  out += "start: n0\nnodes:\n";
  for (int i = 0; i < decisions; ++i) g.node(i, achieved_at[i]);
  for (const char* e : kEndings) {
    const std::string outcome = std::string(e).substr(2);
    out += std::string("  ") + e + ":\n    title: Ending " + outcome + "\n    text: It is over.\n" +
           "    ending: {outcome: " + outcome + ", debrief: What happened next.}\n";
  }
  return out;
}

}  // namespace auditsim
