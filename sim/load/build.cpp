// Builders for the scenario's header, variables, evidence, key actions and learning objectives.
#include "sim/load/build.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "sim/file_read.hpp"
#include "sim/load/text.hpp"
#include "sim/utf8.hpp"

namespace auditsim::load_detail {

namespace fs = std::filesystem;

std::vector<std::string> BuildContext::names(const IdIndex& index) {
  std::vector<std::string> out;
  out.reserve(index.size());
  for (const auto& [k, v] : index) out.push_back(k);
  return out;
}

std::string BuildContext::undefined_node_hint(std::string_view id) const {
  std::string hint = did_you_mean(id, names(nodes));
  if (!hint.empty() || repeated_nodes.empty()) return hint;
  const auto& [repeated, line] = repeated_nodes.front();
  return "node `" + repeated + "` is written twice (again on line " + std::to_string(line) +
         "): if that one was meant to be `" + std::string(id) + "`, rename it";
}

std::vector<int> resolve_ids(BuildContext& c, const Fields& f, std::string_view key,
                             const IdIndex& index, const char* code, std::string_view kind) {
  std::vector<int> out;
  const auto items = c.r.list(f, key);
  if (!items) return out;
  for (int item : *items) {
    auto name = c.r.scalar_node(item, key);
    if (!name) continue;
    const int i = c.find(index, *name);
    if (i < 0) {
      c.r.error(code, item, "No " + std::string(kind) + " has the id `" + *name + "`.",
                did_you_mean(*name, BuildContext::names(index)));
      continue;
    }
    out.push_back(i);
  }
  return out;
}

namespace {

// Registers a list item's id, reporting a repeat with the line of the first one (`line_of`
// gives the line of an index already registered); returns false when the id is unusable.
template <class LineOf>
bool register_id(BuildContext& c, IdIndex& index, const std::string& id, int node, int value,
                 std::string_view kind, LineOf line_of) {
  auto [it, inserted] = index.emplace(id, value);
  if (!inserted) {
    c.r.error("duplicate-id", node, "Two " + std::string(kind) + " have the id `" + id + "`.",
              "ids must be unique: the first is on line " + std::to_string(line_of(it->second)) +
                  "; rename one of them");
    return false;
  }
  return true;
}

}  // namespace

bool BuildContext::needs_format_1_1(int yaml_node, std::string_view what) {
  if (s.format_minor >= 1) return true;
  r.error("needs-format-1.1", yaml_node,
          std::string(what) + " is part of format auditsim/1.1, but this file says `format: " +
              (s.format.empty() ? std::string("auditsim/1") : s.format) + "`.",
          "change the first line to `format: auditsim/1.1`; every auditsim/1 file is also valid 1.1");
  return false;
}

void build_meta(BuildContext& c, const Fields& top) {
  Reader& r = c.r;
  Scenario& s = c.s;
  if (auto format = r.label(top, "format", Need::Required, "scenario")) {
    s.format = *format;
    if (*format == "auditsim/1") s.format_minor = 0;
    else if (*format == "auditsim/1.1") s.format_minor = 1;
    else
      r.error("bad-format-version", r.where(top, "format"),
              "The format `" + *format + "` is not one this program reads.",
              "write `format: auditsim/1.1` (or `auditsim/1` for a file without the 1.1 keys)");
  }
  if (auto id = r.id(top, "id", Need::Required, "scenario")) s.id = *id;
  if (auto title = r.text(top, "title", Need::Required, "scenario")) s.title = *title;
  s.version = r.label(top, "version", Need::Optional, "scenario").value_or("1");
  s.author = r.label(top, "author", Need::Optional, "scenario").value_or("");
  if (auto theme = r.text(top, "theme", Need::Required, "scenario")) s.theme = *theme;
  if (auto minutes = r.integer(top, "duration_minutes", Need::Required, "scenario", 1, 600))
    s.duration_minutes = *minutes;
  if (auto summary = r.text(top, "summary", Need::Required, "scenario")) s.summary = *summary;

  if (top.has("classification")) {
    if (auto cls = r.scalar_node(top.value("classification"), "classification")) {
      if (*cls == "part-a") s.classification = Classification::PartA;
      else if (*cls == "part-b") s.classification = Classification::PartB;
      else
        r.error("bad-value", r.where(top, "classification"),
                "`" + *cls + "` is not a classification.",
                "use part-a (public) or part-b (exempt, Schedule 12A)");
    }
  }

  s.audience = {Audience::Members, Audience::Staff};
  if (top.has("audience")) {
    if (auto items = r.list(top, "audience")) {
      std::vector<Audience> seen;
      for (int item : *items) {
        auto name = r.scalar_node(item, "audience");
        if (!name) continue;
        auto a = parse_audience(*name);
        if (!a) {
          r.error("bad-value", item, "`" + *name + "` is not an audience.", "use members or staff");
          continue;
        }
        if (std::find(seen.begin(), seen.end(), *a) == seen.end()) seen.push_back(*a);
      }
      if (items->empty())
        r.error("bad-value", r.where(top, "audience"), "`audience` lists nobody.",
                "use [members], [staff] or [members, staff], or leave it out");
      else if (!seen.empty())
        s.audience = seen;
    }
  }
}

void build_variables(BuildContext& c, int node) {
  Reader& r = c.r;
  if (r.at(node).kind == YNode::Kind::Null) return;
  if (!r.expect_kind(node, YNode::Kind::Map, "`variables` should be a map of name: value")) return;
  const auto& items = r.at(node).items;
  for (size_t i = 0; i + 1 < items.size(); i += 2) {
    const int k = items[i], v = items[i + 1];
    auto name = r.scalar_node(k, "variable name");
    if (!name) continue;
    if (!is_valid_variable_name(*name)) {
      r.error("bad-id", k, "`" + *name + "` is not a valid variable name.",
              "use letters, digits and _, not starting with a digit (conditions read them)");
      continue;
    }
    if (c.variables.count(*name)) continue;  // already reported as a duplicate key
    Variable var;
    var.id = *name;
    var.pos = r.pos(k);
    const YNode& val = r.at(v);
    const bool looks_boolean = val.kind == YNode::Kind::Scalar && val.plain &&
                               (val.value == "true" || val.value == "false" ||
                                val.value == "True" || val.value == "False" ||
                                val.value == "TRUE" || val.value == "FALSE");
    if (looks_boolean) {
      var.kind = Variable::Kind::Boolean;
      var.initial = r.boolean_node(v, *name).value_or(false) ? 1 : 0;
    } else if (val.kind == YNode::Kind::Scalar && val.plain && !val.value.empty() &&
               (std::isdigit(static_cast<unsigned char>(val.value[0])) || val.value[0] == '-' ||
                val.value[0] == '+')) {
      // A number out of range is reported once here; the variable is still declared (at 0) so
      // that every condition and `add` using it is checked rather than reported as unknown.
      var.initial =
          r.integer_node(v, *name, -kMaxVariableMagnitude, kMaxVariableMagnitude).value_or(0);
    } else {
      const int at = val.kind == YNode::Kind::Null ? k : v;
      std::string lower = val.value;
      for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      const bool yes_no = val.kind == YNode::Kind::Scalar && val.plain &&
                          (lower == "yes" || lower == "no" || lower == "on" || lower == "off" ||
                           lower == "y" || lower == "n");
      r.error("wrong-type", at,
              "Variable `" + *name + "` should start as a whole number or true/false, not " +
                  (val.kind != YNode::Kind::Scalar ? std::string(r.kind_name(v))
                   : val.plain                     ? "`" + val.value + "`"
                                                   : "the quoted text \"" + val.value + "\"") +
                  ".",
              val.kind == YNode::Kind::Scalar && !val.plain ? "remove the quotes"
              : yes_no                                      ? "write `true` or `false`"
                                                            : "for example `trust: 50` or `referred: false`");
      // Still declare it, so every later use does not report the same mistake again.
      if (yes_no) var.kind = Variable::Kind::Boolean;
    }
    c.variables.emplace(var.id, static_cast<int>(c.s.variables.size()));
    c.s.variables.push_back(std::move(var));
  }
}

namespace {

// Reads an evidence file, keeping it inside the scenario's folder: authors share scenario packs,
// and a pack must not be able to pull in ~/.ssh or /etc through `..`, an absolute path or a link.
void read_evidence_file(BuildContext& c, Evidence& e, int at) {
  Reader& r = c.r;
  const fs::path rel(e.file);
  if (e.file.empty()) {
    r.error("bad-value", at, "`file` is empty.", "give a path inside the scenario's folder");
    return;
  }
  // Rebuilding from a stored snapshot: the evidence as it was played, not as it is on disk now.
  if (c.limits) {
    if (auto it = c.limits->evidence_files.find(e.file); it != c.limits->evidence_files.end()) {
      e.text = it->second;
      return;
    }
    if (c.limits->missing_evidence_files_allowed) {
      e.text = "*This document (`" + e.file + "`) was not kept with the recorded session.*";
      return;
    }
  }
  if (rel.is_absolute() || rel.has_root_name() || rel.has_root_directory()) {
    r.error("evidence-outside-folder", at, "Evidence file `" + e.file + "` is an absolute path.",
            "use a path relative to the scenario's folder, such as evidence/email.md");
    return;
  }
  std::error_code ec;
  const fs::path base = fs::weakly_canonical(fs::path(c.base_dir), ec);
  const fs::path target = ec ? fs::path() : fs::weakly_canonical(fs::path(c.base_dir) / rel, ec);
  if (ec) {
    r.error("evidence-file-missing", at, "Evidence file `" + e.file + "` cannot be found.");
    return;
  }
  auto [b_end, t_at] = std::mismatch(base.begin(), base.end(), target.begin(), target.end());
  if (b_end != base.end() || t_at == target.end()) {
    r.error("evidence-outside-folder", at,
            "Evidence file `" + e.file + "` is outside the scenario's folder.",
            "keep evidence in the scenario's folder or below it (no `..`, no links leading out)");
    return;
  }
  FileRead file = read_regular_file(target.string(), kMaxEvidenceFileBytes);
  switch (file.status) {
    case FileRead::Status::Ok: break;
    case FileRead::Status::Missing:
      r.error("evidence-file-missing", at, "Evidence file `" + e.file + "` does not exist.",
              "paths are relative to the scenario's folder");
      return;
    case FileRead::Status::NotRegular:
      r.error("evidence-not-a-file", at,
              "Evidence file `" + e.file + "` is " + file_kind_words(file.kind) +
                  ", not a document.",
              "name a Markdown or text file");
      return;
    case FileRead::Status::TooLarge:
      r.error("file-too-large", at, "Evidence file `" + e.file + "` is over 1 MB.",
              "split it, or keep only the extract the players need");
      return;
    case FileRead::Status::Unreadable:
      r.error("evidence-file-missing", at,
              "Evidence file `" + e.file + "` cannot be read (" + file.error + ").",
              "check that you are allowed to read it");
      return;
  }
  std::string content = std::move(file.bytes);
  if (auto bad = find_invalid_utf8(content)) {
    r.error("invalid-utf8", at,
            "Evidence file `" + e.file + "` is not valid UTF-8 (line " + std::to_string(bad->line) +
                ", column " + std::to_string(bad->col) + ").",
            "save it as UTF-8");
    return;
  }
  if (auto bidi = utf8::find_bidi_control(content)) {
    const TextPos pos = position_of(content, *bidi);
    r.warning("bidi-control", at,
              "Evidence file `" + e.file + "` holds a bidirectional control character (line " +
                  std::to_string(pos.line) + ", column " + std::to_string(pos.col) +
                  "): it can make the text display in a different order from the one stored.",
              "remove it; Arabic and Hebrew text displays correctly without it");
  }
  e.text = std::move(content);
}

}  // namespace

void build_evidence(BuildContext& c, int node) {
  Reader& r = c.r;
  const YNode& n = r.at(node);
  if (n.kind == YNode::Kind::Null) return;
  if (!r.expect_kind(node, YNode::Kind::Seq, "`evidence` should be a list of documents")) return;
  for (int item : n.items) {
    Fields f = r.fields(item, "an evidence document", {"id", "title", "kind", "text", "file"});
    if (!f.ok()) continue;
    Evidence e;
    e.pos = r.pos(item);
    auto id = r.id(f, "id", Need::Required, "evidence document");
    e.title = r.text(f, "title", Need::Required, "evidence document").value_or("");
    e.kind = r.label(f, "kind", Need::Optional, "evidence document").value_or("");
    const bool has_text = f.has("text"), has_file = f.has("file");
    if (has_text && has_file) {
      r.error("bad-value", r.where(f, "file"),
              "An evidence document has both `text` and `file`.", "keep one of them");
    } else if (!has_text && !has_file) {
      r.error("missing-field", item, "This evidence document has neither `text` nor `file`.",
              "add `text:` with the document, or `file:` with a path to it");
    } else if (has_text) {
      e.text = c.markdown(f, "text", Need::Required, "evidence document").value_or("");
    } else if (auto file = r.label(f, "file", Need::Required, "evidence document")) {
      e.file = *file;
      read_evidence_file(c, e, r.where(f, "file"));
    }
    if (!id || !register_id(c, c.evidence, *id, r.where(f, "id"),
                            static_cast<int>(c.s.evidence.size()), "evidence documents",
                            [&c](int i) { return c.s.evidence[static_cast<size_t>(i)].pos.line; }))
      continue;
    e.id = *id;
    c.s.evidence.push_back(std::move(e));
  }
}

static std::optional<ControlQuestion> read_control_question(BuildContext& c, int node) {
  Reader& r = c.r;
  Fields f = r.fields(node, "a key action's control question", {"question", "owner", "risk"});
  if (!f.ok()) return std::nullopt;
  ControlQuestion q;
  q.pos = r.pos(node);
  q.question = r.text(f, "question", Need::Required, "control question").value_or("");
  q.owner = r.text(f, "owner", Need::Required, "control question").value_or("");
  q.risk = r.text(f, "risk", Need::Optional, "control question").value_or("");
  return q;
}

void build_key_actions(BuildContext& c, int node) {
  Reader& r = c.r;
  const YNode& n = r.at(node);
  if (n.kind == YNode::Kind::Null) return;
  if (!r.expect_kind(node, YNode::Kind::Seq, "`key_actions` should be a list")) return;
  for (int item : n.items) {
    Fields f = r.fields(item, "a key action",
                        {"id", "pillar", "priority", "text", "management_action", "control"});
    if (!f.ok()) continue;
    KeyAction k;
    k.pos = r.pos(item);
    auto id = r.id(f, "id", Need::Required, "key action");
    if (f.has("pillar")) k.pillar = r.pillar_node(f.value("pillar"), "pillar").value_or(k.pillar);
    else r.missing(f, "pillar", "key action");
    if (auto p = r.label(f, "priority", Need::Required, "key action")) {
      if (auto pr = parse_priority(*p)) k.priority = *pr;
      else r.error("bad-value", r.where(f, "priority"), "`" + *p + "` is not a priority.",
                   "use high, medium or low");
    }
    k.text = r.text(f, "text", Need::Required, "key action").value_or("");
    k.management_action = r.text(f, "management_action", Need::Required, "key action").value_or("");
    if (f.has("control") && c.needs_format_1_1(f.key("control"), "`control` on a key action"))
      k.control = read_control_question(c, f.value("control"));
    if (!id || !register_id(c, c.key_actions, *id, r.where(f, "id"),
                            static_cast<int>(c.s.key_actions.size()), "key actions",
                            [&c](int i) { return c.s.key_actions[static_cast<size_t>(i)].pos.line; }))
      continue;
    k.id = *id;
    c.s.key_actions.push_back(std::move(k));
  }
}

void build_objectives(BuildContext& c, int node) {
  Reader& r = c.r;
  const YNode& n = r.at(node);
  if (n.kind == YNode::Kind::Null) return;
  if (!r.expect_kind(node, YNode::Kind::Seq, "`learning_objectives` should be a list")) return;
  IdIndex ids;
  for (int item : n.items) {
    Fields f = r.fields(item, "a learning objective", {"id", "pillar", "text", "key_actions"});
    if (!f.ok()) continue;
    LearningObjective o;
    o.pos = r.pos(item);
    auto id = r.id(f, "id", Need::Required, "learning objective");
    if (f.has("pillar")) o.pillar = r.pillar_node(f.value("pillar"), "pillar").value_or(o.pillar);
    else r.missing(f, "pillar", "learning objective");
    o.text = r.text(f, "text", Need::Required, "learning objective").value_or("");
    o.key_actions = resolve_ids(c, f, "key_actions", c.key_actions, "undefined-key-action", "key action");
    if (!id || !register_id(c, ids, *id, r.where(f, "id"),
                            static_cast<int>(c.s.learning_objectives.size()), "learning objectives",
                            [&c](int i) {
                              return c.s.learning_objectives[static_cast<size_t>(i)].pos.line;
                            }))
      continue;
    o.id = *id;
    c.s.learning_objectives.push_back(std::move(o));
  }
}

}  // namespace auditsim::load_detail
