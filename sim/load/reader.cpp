// Typed access to the YAML tree. Every getter reports its own problem once and returns nullopt,
// so the builders can carry on and collect every problem in one pass.
#include "sim/load/reader.hpp"

#include "sim/load/text.hpp"

namespace auditsim::load_detail {

int Fields::value(std::string_view key) const {
  for (const auto& [k, kv] : entries_)
    if (k == key) return kv.second;
  return -1;
}

int Fields::key(std::string_view key) const {
  for (const auto& [k, kv] : entries_)
    if (k == key) return kv.first;
  return -1;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string best = closest_match(word, candidates);
  return best.empty() ? std::string() : "did you mean `" + best + "`?";
}

Reader::Reader(const YamlDoc& doc, std::string_view text, std::string file,
               std::vector<Diagnostic>& diags)
    : doc_(doc), text_(text), file_(std::move(file)), diags_(diags), lines_(text) {}

SourcePos Reader::pos(int node) const {
  if (node < 0) return {};
  const YNode& n = at(node);
  auto [l, c] = lines_.to_position(n.line, n.byte_col);
  return {l, c};
}

SourcePos Reader::pos_in_scalar(int node, size_t offset) const {
  const YNode& n = at(node);
  if (n.kind != YNode::Kind::Scalar || n.line < 0) return pos(node);
  size_t src = lines_.offset(n.line, n.byte_col);
  if (src >= text_.size()) return pos(node);
  if (text_[src] == '"' || text_[src] == '\'') {
    ++src;
  } else if (text_[src] == '|' || text_[src] == '>') {
    // A block scalar's text starts on the line after its header (`|`, `>-`, `|2`, ...).
    src = text_.find('\n', src);
    if (src == std::string_view::npos) return pos(node);
    ++src;
  }
  // Walk the text and the source together. Equal characters advance both; where either side is
  // at white space (indentation, a line folded into a space, a line break) both skip theirs,
  // which is how YAML turns the source into the text. Anything else (an escape, a doubled quote)
  // means the mapping cannot be trusted, and the scalar's own position is used.
  const auto space = [](char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; };
  const size_t target = std::min(offset, n.value.size());
  for (size_t v = 0; v < target;) {
    if (src >= text_.size()) return pos(node);
    const char want = n.value[v], have = text_[src];
    if (want == have && !space(want)) {
      ++v;
      ++src;
    } else if (space(want) || space(have)) {
      while (v < target && space(n.value[v])) ++v;
      while (src < text_.size() && space(text_[src])) ++src;
    } else {
      return pos(node);
    }
  }
  if (target < n.value.size() && !space(n.value[target])) {
    while (src < text_.size() && space(text_[src])) ++src;  // the indentation before it
    if (src >= text_.size() || text_[src] != n.value[target]) return pos(node);
  }
  auto [line, byte_col] = lines_.locate(src);
  auto [l, c] = lines_.to_position(line, byte_col);
  return {l, c};
}

void Reader::error_at(std::string code, SourcePos p, std::string message, std::string hint) {
  diags_.push_back({Severity::Error, std::move(code), file_, p.line, p.col, std::move(message),
                    std::move(hint)});
}

void Reader::warning_at(std::string code, SourcePos p, std::string message, std::string hint) {
  diags_.push_back({Severity::Warning, std::move(code), file_, p.line, p.col, std::move(message),
                    std::move(hint)});
}

void Reader::error(std::string code, int node, std::string message, std::string hint) {
  error_at(std::move(code), pos(node), std::move(message), std::move(hint));
}

void Reader::warning(std::string code, int node, std::string message, std::string hint) {
  const SourcePos p = pos(node);
  diags_.push_back({Severity::Warning, std::move(code), file_, p.line, p.col, std::move(message),
                    std::move(hint)});
}

std::string_view Reader::kind_name(int node) const {
  switch (at(node).kind) {
    case YNode::Kind::Null: return "nothing";
    case YNode::Kind::Scalar: return "text";
    case YNode::Kind::Seq: return "a list";
    case YNode::Kind::Map: return "a map";
  }
  return "text";
}

bool Reader::expect_kind(int node, YNode::Kind kind, const std::string& should_be, std::string hint) {
  if (at(node).kind == kind) return true;
  error("wrong-type", node, should_be + ", not " + std::string(kind_name(node)) + ".", std::move(hint));
  return false;
}

Fields Reader::fields(int node, std::string_view what,
                      std::initializer_list<std::string_view> allowed) {
  Fields f;
  if (at(node).kind != YNode::Kind::Map) {
    error("wrong-type", node,
          "Expected " + std::string(what) + " (a map of `key: value` lines), found " +
              std::string(kind_name(node)) + ".");
    return f;
  }
  f.node = node;
  const auto& items = at(node).items;
  for (size_t i = 0; i + 1 < items.size(); i += 2) {
    const int k = items[i];
    if (at(k).kind != YNode::Kind::Scalar) {
      error("wrong-type", k, "A key in " + std::string(what) + " must be a plain word, not " +
                                 std::string(kind_name(k)) + ".");
      continue;
    }
    const std::string& name = at(k).value;
    bool known = false;
    for (auto a : allowed) known = known || a == name;
    if (!known) {
      std::vector<std::string> cands(allowed.begin(), allowed.end());
      std::string hint = did_you_mean(name, cands);
      if (name == "<<") hint = "merge keys (<<) are not supported; write the keys out";
      if (hint.empty()) {
        hint = "the keys of " + std::string(what) + " are:";
        for (auto a : allowed) hint += " " + std::string(a);
      }
      error("unknown-key", k, "`" + name + "` is not a key of " + std::string(what) + ".", hint);
      continue;
    }
    if (f.value(name) < 0) f.entries_.push_back({name, {k, items[i + 1]}});
  }
  return f;
}

int Reader::where(const Fields& f, std::string_view key) const {
  const int v = f.value(key);
  if (v < 0) return f.node;
  return at(v).kind == YNode::Kind::Null ? f.key(key) : v;
}

void Reader::missing(const Fields& f, std::string_view key, std::string_view what) {
  error("missing-field", f.node,
        "This " + std::string(what) + " has no `" + std::string(key) + "`, which is required.",
        "add `" + std::string(key) + ":` (see docs/scenario-format.md)");
}

std::optional<std::string> Reader::scalar_node(int node, std::string_view field) {
  const YNode& n = at(node);
  if (n.kind == YNode::Kind::Null) return std::string();
  if (n.kind != YNode::Kind::Scalar) {
    // The usual cause is an unquoted ": " inside a sentence, which YAML reads as a map.
    error("wrong-type", node,
          "`" + std::string(field) + "` should be text, not " + std::string(kind_name(node)) + ".",
          n.kind == YNode::Kind::Map ? "text containing \": \" must be quoted: \"like: this\""
                                     : "");
    return std::nullopt;
  }
  return n.value;
}

std::optional<std::string> Reader::label(const Fields& f, std::string_view key, Need need,
                                         std::string_view what) {
  const int v = f.value(key);
  if (v < 0) {
    if (need == Need::Required) missing(f, key, what);
    return std::nullopt;
  }
  return scalar_node(v, key);
}

std::optional<std::string> Reader::text(const Fields& f, std::string_view key, Need need,
                                        std::string_view what) {
  auto s = label(f, key, need, what);
  if (s && s->find_first_not_of(" \t\r\n") == std::string::npos)
    warning("empty-text", where(f, key),
            "`" + std::string(key) + "` of this " + std::string(what) + " is empty.");
  return s;
}

std::optional<std::string> Reader::id(const Fields& f, std::string_view key, Need need,
                                      std::string_view what) {
  auto s = label(f, key, need, what);
  if (!s) return s;
  if (!is_valid_id(*s)) {
    error("bad-id", where(f, key), "`" + *s + "` is not a valid id for this " + std::string(what) + ".",
          "ids use letters, digits, '-', '_' and '.', start with a letter or digit and are at "
          "most 64 characters");
    return std::nullopt;
  }
  return s;
}

std::optional<int64_t> Reader::integer_node(int node, std::string_view field, int64_t min,
                                            int64_t max) {
  const YNode& n = at(node);
  const std::string f(field);
  if (n.kind != YNode::Kind::Scalar || !n.plain) {
    std::string hint = n.kind == YNode::Kind::Scalar ? "write the number without quotes" : "";
    error("wrong-type", node, "`" + f + "` should be a whole number, not " +
                                  (n.kind == YNode::Kind::Scalar ? "quoted text" : std::string(kind_name(node))) + ".",
          hint);
    return std::nullopt;
  }
  int64_t v = 0;
  switch (parse_int64(n.value, v)) {
    case IntParse::NotInteger:
      error("wrong-type", node, "`" + f + "` should be a whole number, not `" + n.value + "`.",
            "no decimals, units or separators");
      return std::nullopt;
    case IntParse::OutOfRange:
      error("bad-value", node, "`" + n.value + "` is too large for `" + f + "`.",
            "use a value from " + std::to_string(min) + " to " + std::to_string(max));
      return std::nullopt;
    case IntParse::Ok: break;
  }
  if (v < min || v > max) {
    error("bad-value", node, "`" + f + "` is " + n.value + ", outside the allowed range.",
          "use a value from " + std::to_string(min) + " to " + std::to_string(max));
    return std::nullopt;
  }
  return v;
}

std::optional<int64_t> Reader::integer(const Fields& f, std::string_view key, Need need,
                                       std::string_view what, int64_t min, int64_t max) {
  const int v = f.value(key);
  if (v < 0) {
    if (need == Need::Required) missing(f, key, what);
    return std::nullopt;
  }
  if (at(v).kind == YNode::Kind::Null) {
    error("wrong-type", where(f, key), "`" + std::string(key) + "` is empty; it needs a whole number.");
    return std::nullopt;
  }
  return integer_node(v, key, min, max);
}

std::optional<int64_t> Reader::duration(const Fields& f, std::string_view key, int64_t min_seconds,
                                        int64_t max_seconds) {
  const int v = f.value(key);
  if (v < 0) return std::nullopt;
  const YNode& n = at(v);
  if (n.kind != YNode::Kind::Scalar) {
    error("wrong-type", where(f, key), "`" + std::string(key) + "` should be a duration such as 90s, 5m or 1h30m, not " +
                                           std::string(kind_name(v)) + ".");
    return std::nullopt;
  }
  const auto secs = parse_duration(n.value);
  if (!secs) {
    error("bad-value", v, "`" + n.value + "` is not a duration.",
          "write whole seconds (90) or units in the order h, m, s: 90s, 5m, 1h30m");
    return std::nullopt;
  }
  if (*secs < min_seconds || *secs > max_seconds) {
    error("bad-value", v, "`" + std::string(key) + "` of " + n.value + " is outside the allowed range.",
          "use from " + std::to_string(min_seconds) + " to " + std::to_string(max_seconds) + " seconds");
    return std::nullopt;
  }
  return secs;
}

std::optional<bool> Reader::boolean_node(int node, std::string_view field) {
  const YNode& n = at(node);
  if (n.kind == YNode::Kind::Scalar && n.plain) {
    if (n.value == "true" || n.value == "True" || n.value == "TRUE") return true;
    if (n.value == "false" || n.value == "False" || n.value == "FALSE") return false;
  }
  std::string shown = n.kind == YNode::Kind::Scalar ? "`" + n.value + "`" : std::string(kind_name(node));
  if (n.kind == YNode::Kind::Scalar && !n.plain) shown = "quoted text " + shown;
  error("wrong-type", node, "`" + std::string(field) + "` should be true or false, not " + shown + ".",
        "write true or false without quotes (yes/no/on/off are not accepted)");
  return std::nullopt;
}

std::optional<std::vector<int>> Reader::list(const Fields& f, std::string_view key) {
  const int v = f.value(key);
  if (v < 0 || at(v).kind == YNode::Kind::Null) return std::vector<int>{};
  if (at(v).kind != YNode::Kind::Seq) {
    std::string hint;
    if (at(v).kind == YNode::Kind::Scalar) hint = "write a list: [" + at(v).value + "]";
    error("wrong-type", v, "`" + std::string(key) + "` should be a list, not " +
                               std::string(kind_name(v)) + ".", hint);
    return std::nullopt;
  }
  return at(v).items;
}

std::optional<Pillar> Reader::pillar_node(int node, std::string_view field) {
  auto s = scalar_node(node, field);
  if (!s) return std::nullopt;
  if (auto p = parse_pillar(*s)) return p;
  std::vector<std::string> names;
  for (Pillar p : kPillars) names.push_back(pillar_key(p));
  std::string hint = did_you_mean(*s, names);
  if (hint.empty()) hint = "the pillars are pursue, prevent, protect and prepare";
  error("bad-value", node, "`" + *s + "` is not a pillar.", hint);
  return std::nullopt;
}

}  // namespace auditsim::load_detail
