// The loader's builders: they read the checked YAML tree into a Scenario, resolving every id
// through hash maps so loading stays linear in the size of the file.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "sim/load.hpp"
#include "sim/load/reader.hpp"
#include "sim/model.hpp"

namespace auditsim::load_detail {

// Variable values stay well inside int64 so condition arithmetic cannot overflow.
inline constexpr int64_t kMaxVariableMagnitude = 1'000'000'000'000LL;
inline constexpr size_t kMaxEvidenceFileBytes = 1024 * 1024;

// Heterogeneous lookup, so a std::string_view finds a std::string key without a copy.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using IdIndex = std::unordered_map<std::string, int, StringHash, std::equal_to<>>;

struct BuildContext {
  Reader& r;
  Scenario& s;
  std::string base_dir;  // the scenario's folder: evidence files must stay inside it
  IdIndex nodes, variables, evidence, key_actions;
  IdIndex choice_lines;   // choice id -> line of its first definition
  std::vector<int> node_bodies;  // YAML node of each scenario node's map, parallel to s.nodes
  const LoadLimits* limits = nullptr;  // snapshot evidence and whether missing files are allowed
  std::vector<std::pair<std::string, int>> repeated_nodes;  // node id written twice, line of the repeat

  // Keys added in format 1.1 call this before use: true when the file declares auditsim/1.1,
  // otherwise reports `needs-format-1.1` at `yaml_node` (naming `what`) and returns false.
  bool needs_format_1_1(int yaml_node, std::string_view what);

  int find(const IdIndex& index, std::string_view id) const {
    auto it = index.find(id);
    return it == index.end() ? -1 : it->second;
  }
  static std::vector<std::string> names(const IdIndex& index);
  // The hint for a reference to a node id that does not exist: a close spelling, or else the
  // node key written twice that was probably meant to be it.
  std::string undefined_node_hint(std::string_view id) const;
};

// Top-level keys: format, id, title, version, author, theme, audience, duration_minutes,
// classification, summary.
void build_meta(BuildContext& c, const Fields& top);
void build_variables(BuildContext& c, int node);
void build_evidence(BuildContext& c, int node);
void build_key_actions(BuildContext& c, int node);
void build_objectives(BuildContext& c, int node);
// Nodes in two passes: ids first (so `next` and `visited()` can point forward), then bodies.
void collect_nodes(BuildContext& c, int node);
void build_nodes(BuildContext& c);
void build_injects(BuildContext& c, int node);

// A list of ids resolved against `index`; unknown ones reported with `code`.
std::vector<int> resolve_ids(BuildContext& c, const Fields& f, std::string_view key,
                             const IdIndex& index, const char* code, std::string_view kind);
// A parsed condition, or nullopt after reporting why it cannot be used.
std::optional<Condition> build_condition(BuildContext& c, int node);

}  // namespace auditsim::load_detail
