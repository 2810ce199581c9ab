// The loader's entry points: read the file safely, check the raw text, parse, build, and hand
// back an immutable Scenario only when nothing is wrong with it.
#include "sim/load.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <new>

#include "sim/check.hpp"
#include "sim/file_read.hpp"
#include "sim/load/build.hpp"
#include "sim/load/text.hpp"
#include "sim/load/yaml.hpp"
#include "sim/scenario_tests.hpp"
#include "sim/sha256.hpp"
#include "sim/utf8.hpp"

namespace auditsim {

namespace fs = std::filesystem;
using namespace load_detail;

namespace {

Diagnostic file_error(std::string code, const std::string& path, std::string message,
                      std::string hint = {}) {
  return {Severity::Error, std::move(code), path, 0, 0, std::move(message), std::move(hint)};
}

std::string folder_of(const std::string& path) {
  const fs::path parent = fs::path(path).parent_path();
  return parent.empty() ? std::string(".") : parent.string();
}

void build(const std::string& text, const std::string& path, const YamlDoc& doc,
           const LoadLimits& limits, LoadResult& res) {
  auto& diags = res.diagnostics;
  Reader r(doc, text, path, diags);
  const Fields top = r.fields(doc.root, "a scenario",
                              {"format", "id", "title", "version", "author", "theme", "audience",
                               "duration_minutes", "classification", "summary",
                               "learning_objectives", "variables", "evidence", "key_actions",
                               "start", "nodes", "injects", "conditions"});
  if (!top.ok()) return;
  auto scenario = std::make_shared<Scenario>();
  BuildContext c{r, *scenario, folder_of(path), {}, {}, {}, {}, {}, {}, &limits};
  build_meta(c, top);
  // Order matters: objectives refer to key actions, nodes to evidence, variables and each other.
  if (top.has("variables")) build_variables(c, top.value("variables"));
  if (top.has("evidence")) build_evidence(c, top.value("evidence"));
  if (top.has("key_actions")) build_key_actions(c, top.value("key_actions"));
  if (top.has("learning_objectives")) build_objectives(c, top.value("learning_objectives"));
  if (top.has("nodes")) collect_nodes(c, top.value("nodes"));
  else r.missing(top, "nodes", "scenario");
  if (auto start = r.label(top, "start", Need::Required, "scenario")) {
    scenario->start = c.find(c.nodes, *start);
    if (scenario->start < 0 && top.has("nodes"))
      r.error("undefined-node", r.where(top, "start"), "No node has the id `" + *start + "`.",
              c.undefined_node_hint(*start));
  }
  // Named conditions need the node ids (for visited()) and come before anything that uses them.
  if (top.has("conditions")) collect_conditions(c, top.key("conditions"), top.value("conditions"));
  c.check_deferred_texts();
  build_nodes(c);
  if (top.has("injects")) build_injects(c, top.value("injects"));
  finish_conditions(c);
  if (has_errors(diags)) return;
  scenario->source_path = path;
  scenario->source_text = text;
  scenario->source_sha256 = sha256_hex(text);
  res.scenario = std::move(scenario);
}

// "U+202E" for messages.
std::string code_point_name(char32_t cp) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = "U+";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
  return out;
}

// A bidirectional override or isolate can show an id, a title or a choice in another order than
// the one stored, so what a reviewer reads is not what players get. One warning per line.
void warn_bidi_controls(std::string_view text, const std::string& path,
                        std::vector<Diagnostic>& diags) {
  constexpr int kMaxWarnings = 20;
  int warned = 0, last_line = 0;
  for (size_t from = 0; from < text.size();) {
    const auto at = utf8::find_bidi_control(text.substr(from));
    if (!at) break;
    const size_t offset = from + *at;
    const utf8::Char ch = utf8::decode(text, offset);
    from = offset + ch.len;
    const TextPos pos = position_of(text, offset);
    if (pos.line == last_line) continue;
    last_line = pos.line;
    if (++warned > kMaxWarnings) break;
    diags.push_back({Severity::Warning, "bidi-control", path, pos.line, pos.col,
                     "The text holds a bidirectional control character (" +
                         code_point_name(ch.cp) +
                         "): it can make the text display in a different order from the one "
                         "stored.",
                     "remove it; Arabic and Hebrew text displays correctly without it"});
  }
}

// In file order, except that a key written twice comes first wherever it is: only the first of
// the two is read, so it is the root cause of the errors about what the second one held (a node
// copied and not renamed leaves every `next` to the intended name undefined, earlier in the file).
void sort_diagnostics(std::vector<Diagnostic>& ds) {
  std::stable_sort(ds.begin(), ds.end(), [](const Diagnostic& a, const Diagnostic& b) {
    const bool a_root = a.code == "duplicate-key", b_root = b.code == "duplicate-key";
    return std::tie(b_root, a.line, a.col) < std::tie(a_root, b.line, b.col);
  });
}

}  // namespace

LoadResult load_scenario_text(const std::string& text, const std::string& path,
                              const LoadLimits& limits) {
  LoadResult res;
  auto& diags = res.diagnostics;
  if (text.size() > limits.max_file_bytes) {
    diags.push_back(file_error("file-too-large", path,
                               "The file is " + std::to_string(text.size() / 1024) +
                                   " KB; scenarios are limited to " +
                                   std::to_string(limits.max_file_bytes / 1024) + " KB.",
                               "move long documents into evidence files"));
    return res;
  }
  if (auto bad = find_invalid_utf8(text)) {
    diags.push_back({Severity::Error, "invalid-utf8", path, bad->line, bad->col,
                     "The text is not valid UTF-8.",
                     "the file was probably saved as Latin-1 or Windows-1252: save it as UTF-8"});
    return res;
  }
  warn_bidi_controls(text, path, diags);
  try {
    YamlDoc doc;
    if (!parse_yaml(text, path, limits, doc, diags)) return res;
    if (doc.root < 0 || doc.nodes[static_cast<size_t>(doc.root)].kind == YNode::Kind::Null) {
      diags.push_back(file_error("wrong-type", path, "The file is empty.",
                                 "a scenario is a map that starts with `format: auditsim/1`; copy "
                                 "scenarios/examples/tutorial-supplier-bank-details.yaml"));
      return res;
    }
    build(text, path, doc, limits, res);
  } catch (const std::bad_alloc&) {
    res.scenario.reset();
    diags.push_back(file_error("file-too-large", path,
                               "The file needs more memory to load than is available."));
  }
  sort_diagnostics(diags);
  return res;
}

LoadResult load_scenario_file(const std::string& path, const LoadLimits& limits) {
  LoadResult res;
  const std::string limit_kb = std::to_string(limits.max_file_bytes / 1024);
  FileRead file = read_regular_file(path, limits.max_file_bytes);
  switch (file.status) {
    case FileRead::Status::Ok:
      return load_scenario_text(file.bytes, path, limits);
    case FileRead::Status::Missing:
      res.diagnostics.push_back(file_error("io-error", path, "The file does not exist.",
                                           "check the path and the spelling of the name"));
      break;
    case FileRead::Status::NotRegular:
      res.diagnostics.push_back(file_error(
          "io-error", path,
          "This is " + std::string(file_kind_words(file.kind)) + ", not a scenario file.",
          "give the path of a .yaml file"));
      break;
    case FileRead::Status::TooLarge:
      res.diagnostics.push_back(file_error("file-too-large", path,
                                           "The file is larger than " + limit_kb +
                                               " KB, the limit for a scenario.",
                                           "move long documents into evidence files"));
      break;
    case FileRead::Status::Unreadable:
      res.diagnostics.push_back(file_error("io-error", path,
                                           "The file cannot be read (" + file.error + ").",
                                           "check that you are allowed to read it"));
      break;
  }
  return res;
}

LoadResult load_and_check(const std::string& path, const LoadLimits& limits) {
  LoadResult res = load_scenario_file(path, limits);
  if (res.scenario && !has_errors(res.diagnostics)) {
    auto more = check_scenario(*res.scenario);
    res.diagnostics.insert(res.diagnostics.end(), std::make_move_iterator(more.begin()),
                           std::make_move_iterator(more.end()));
    sort_diagnostics(res.diagnostics);
  }
  return res;
}

std::vector<std::string> find_files_under(const std::string& folder,
                                          const std::function<bool(const std::string&)>& wanted) {
  std::vector<std::string> out;
  std::error_code ec;
  if (fs::is_regular_file(folder, ec)) {
    if (wanted(folder)) out.push_back(folder);
    return out;
  }
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& p = it->path();
    if (it->is_directory(ec)) {
      // The schema folder holds JSON for editors and evidence folders hold documents, not
      // scenarios or their tests.
      const auto name = p.filename().string();
      if (name == "schema" || name == "evidence") it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && wanted(p.string())) out.push_back(p.string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> find_scenario_files(const std::string& folder) {
  // A scenario's path tests sit beside it as NAME.tests.yaml; they are not scenarios.
  return find_files_under(folder, [](const std::string& path) {
    const auto ext = fs::path(path).extension().string();
    return (ext == ".yaml" || ext == ".yml") && !is_tests_file(path);
  });
}

}  // namespace auditsim
