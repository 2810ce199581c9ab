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

// A named condition as the loader resolves it: on first use, so they may refer to each other
// in any order, and a loop between them is found where it closes.
struct NamedConditionEntry {
  int key_node = -1;
  int value_node = -1;
  int index = -1;  // into Scenario::conditions
  enum class State { Pending, Parsing, Done, Failed } state = State::Pending;
  bool used = false;
};

struct BuildContext {
  Reader& r;
  Scenario& s;
  std::string base_dir;  // the scenario's folder: evidence files must stay inside it
  IdIndex nodes, variables, evidence, key_actions;
  IdIndex choice_lines;   // choice id -> line of its first definition
  std::vector<int> node_bodies;  // YAML node of each scenario node's map, parallel to s.nodes
  const LoadLimits* limits = nullptr;  // snapshot evidence and whether missing files are allowed
  std::vector<std::pair<std::string, int>> repeated_nodes;  // node id written twice, line of the repeat
  std::unordered_map<std::string, NamedConditionEntry, StringHash, std::equal_to<>> named{};
  int named_depth = 0;  // named conditions being parsed inside one another
  // Texts read before every name they may use is known (evidence comes before the nodes and the
  // named conditions); checked by check_deferred_texts once they are.
  bool names_ready = false;
  std::vector<std::pair<std::string, int>> deferred_texts{};
  void check_deferred_texts();

  // Keys added in format 1.1 call this before use: true when the file declares auditsim/1.1,
  // otherwise reports `needs-format-1.1` at `yaml_node` (naming `what`) and returns false.
  bool needs_format_1_1(int yaml_node, std::string_view what);

  // Names as conditions see them: variables, nodes and named conditions (resolved on first use).
  ConditionNames condition_names();
  // A Markdown text: read like Reader::text, and in a 1.1 file its conditional blocks are checked
  // and kept in Scenario::text_templates.
  std::optional<std::string> markdown(const Fields& f, std::string_view key, Need need,
                                      std::string_view what);
  // Checks the conditional blocks of a text read from `yaml_node` (see markdown()).
  void register_text(const std::string& text, int yaml_node);

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
// Format 1.1 `conditions:`: names registered first (after the nodes, for visited()), each parsed
// on first use; finish_conditions parses the unused ones and warns about them.
void collect_conditions(BuildContext& c, int key_node, int node);
void finish_conditions(BuildContext& c);
// Format 1.1 text per audience: a Markdown text, or a map of `members`, `staff` and `default`.
// `out` gets the default (the `default` entry, else the first written); `own` each audience's.
void read_audience_text(BuildContext& c, const Fields& f, std::string_view key, Need need,
                        std::string_view what, std::string& out, PerAudience<std::string>& own);
// `discuss`: a list of prompts, or (1.1) a map of `members`, `staff` and `default` to lists.
void read_audience_prompts(BuildContext& c, const Fields& f, std::vector<std::string>& out,
                           PerAudience<std::vector<std::string>>& own);

// A list of ids resolved against `index`; unknown ones reported with `code`.
std::vector<int> resolve_ids(BuildContext& c, const Fields& f, std::string_view key,
                             const IdIndex& index, const char* code, std::string_view kind);
// A parsed condition, or nullopt after reporting why it cannot be used.
std::optional<Condition> build_condition(BuildContext& c, int node);

}  // namespace auditsim::load_detail
