// Builds the loader's YAML tree from libyaml parser events, refusing hostile structure early.
// libyaml's event parser is a state machine (no recursion per nesting level) and about seven
// times faster than yaml-cpp's on large files; the tree, the checks and the messages are ours.
#include "sim/load/yaml.hpp"

#include <yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <new>
#include <optional>
#include <unordered_map>

#include "sim/load/text.hpp"

namespace auditsim::load_detail {

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool starts_with_bom(std::string_view text) { return text.substr(0, kBom.size()) == kBom; }

}  // namespace

LineIndex::LineIndex(std::string_view text) : text_(text) {
  starts_.push_back(0);
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts_.push_back(i + 1);
}

size_t LineIndex::offset(int line, int byte_col) const {
  if (line < 0) return 0;
  const size_t l = std::min(static_cast<size_t>(line), starts_.size() - 1);
  return std::min(starts_[l] + static_cast<size_t>(std::max(byte_col, 0)), text_.size());
}

std::pair<int, int> LineIndex::to_position(int line, int byte_col) const {
  if (line < 0) return {0, 0};
  const size_t l = std::min(static_cast<size_t>(line), starts_.size() - 1);
  // A byte order mark is invisible in editors, so it does not count as a column.
  const size_t start = starts_[l] + (l == 0 && starts_with_bom(text_) ? kBom.size() : 0);
  const size_t end = offset(static_cast<int>(l), byte_col);
  int col = 1;
  for (size_t i = start; i < end; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
  return {static_cast<int>(l) + 1, col};
}

std::pair<int, int> LineIndex::locate(size_t byte_offset) const {
  byte_offset = std::min(byte_offset, text_.size());
  const auto it = std::upper_bound(starts_.begin(), starts_.end(), byte_offset);
  const size_t l = static_cast<size_t>(it - starts_.begin()) - 1;
  return {static_cast<int>(l), static_cast<int>(byte_offset - starts_[l])};
}

namespace {

// A 0-based line and byte column, the positions YNode keeps.
struct Mark {
  int line = 0, byte_col = 0;
};

// libyaml counts positions in characters after the byte order mark (and breaks lines at CR,
// NEL and U+2028 as well as LF). Marks arrive almost in text order, so a cursor that walks from
// the last one turns a character index into a byte offset in linear time overall; the line is
// then found from the LF-based line index the rest of the loader uses.
class MarkMapper {
 public:
  MarkMapper(std::string_view text, const LineIndex& lines)
      : text_(text), lines_(lines), byte_(starts_with_bom(text) ? kBom.size() : 0), base_(byte_) {}

  Mark at(size_t char_index) {
    // Walk back (rare: an error's context, an empty value) one character at a time, so no
    // pattern of marks can make the mapping quadratic.
    while (char_ > char_index && byte_ > base_) {
      --byte_;
      while (byte_ > base_ && (static_cast<unsigned char>(text_[byte_]) & 0xC0) == 0x80) --byte_;
      --char_;
    }
    while (char_ < char_index && byte_ < text_.size()) {
      ++byte_;
      while (byte_ < text_.size() && (static_cast<unsigned char>(text_[byte_]) & 0xC0) == 0x80)
        ++byte_;
      ++char_;
    }
    return from_byte(byte_);
  }

  Mark from_byte(size_t byte_offset) const {
    auto [line, col] = lines_.locate(byte_offset);
    return {line, col};
  }

 private:
  std::string_view text_;
  const LineIndex& lines_;
  size_t char_ = 0, byte_, base_;
};

// Thrown from inside the tree builder to stop parsing at once.
struct StopParsing {
  std::string code;
  Mark mark;
  std::string message, hint;
};

// A tag (`!!binary`, `!local`, `!<...>`) asks for a type the scenario format does not have;
// silently reading the value as text would hide what the author meant, so it is refused.
void refuse_tag(const yaml_char_t* tag, const Mark& mark) {
  if (!tag) return;
  std::string name(reinterpret_cast<const char*>(tag));
  constexpr std::string_view kCore = "tag:yaml.org,2002:";
  if (name.rfind(kCore, 0) == 0) name = "!!" + name.substr(kCore.size());
  if (name.size() > 40) {
    size_t cut = 40;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
    name = name.substr(0, cut) + "...";
  }
  throw StopParsing{"unsupported-yaml", mark,
                    "YAML tags such as `" + name + "` are not supported in scenarios.",
                    "remove the tag: every value is plain text, a number, true/false, a list "
                    "or a map"};
}

class TreeBuilder {
 public:
  TreeBuilder(YamlDoc& doc, const LoadLimits& limits) : doc_(doc), limits_(limits) {}

  void scalar(const Mark& mark, const yaml_event_t& e) {
    const auto& s = e.data.scalar;
    const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE && s.tag == nullptr;
    std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
    // An empty plain node and the YAML null spellings are "nothing", as in any YAML library.
    const bool null = plain && (value.empty() || value == "~" || value == "null" ||
                                value == "Null" || value == "NULL");
    const int i = add(null ? YNode::Kind::Null : YNode::Kind::Scalar, mark, s.anchor);
    if (!null) {
      doc_.nodes[i].value.assign(value);
      doc_.nodes[i].plain = plain;
    }
    finish(i);
  }

  void alias(const Mark& mark, const yaml_char_t* anchor) {
    const auto found = anchors_.find(std::string(name_of(anchor)));
    if (found == anchors_.end())
      throw StopParsing{"yaml-syntax", mark, "An alias refers to an unknown anchor.",
                        "define the anchor (&name) before the alias (*name) that repeats it"};
    const int target = found->second;
    if (info_[target].open)
      throw StopParsing{"alias-bomb", mark,
                        "An alias refers to the collection that contains it, so it never ends.",
                        "an alias (*name) may only repeat content that is complete before it"};
    const int depth = static_cast<int>(stack_.size()) + info_[target].height;
    if (depth > limits_.max_depth) too_deep(mark);
    count(info_[target].size, mark);
    attach(target, info_[target].size, info_[target].height);
  }

  void open(YNode::Kind kind, const Mark& mark, const yaml_char_t* anchor) {
    const int i = add(kind, mark, anchor);
    if (static_cast<int>(stack_.size()) + 1 > limits_.max_depth) too_deep(mark);
    info_[i].open = true;
    stack_.push_back(i);
  }

  void close() {
    if (stack_.empty()) return;  // libyaml balances its events; this is only a safeguard
    const int i = stack_.back();
    stack_.pop_back();
    info_[i].open = false;
    if (doc_.nodes[i].kind == YNode::Kind::Map) check_duplicate_keys(i);
    finish(i);
  }

  std::vector<StopParsing> duplicates;

 private:
  struct Info {
    uint64_t size = 1;  // nodes after expanding aliases
    int height = 1;
    bool open = false;
  };

  static std::string_view name_of(const yaml_char_t* anchor) {
    return anchor ? std::string_view(reinterpret_cast<const char*>(anchor)) : std::string_view();
  }

  int add(YNode::Kind kind, const Mark& mark, const yaml_char_t* anchor) {
    count(1, mark);
    const int i = static_cast<int>(doc_.nodes.size());
    YNode& n = doc_.nodes.emplace_back();
    n.kind = kind;
    n.line = mark.line;
    n.byte_col = mark.byte_col;
    info_.push_back({});
    // A later anchor with the same name replaces the earlier one, as YAML specifies.
    if (anchor) anchors_[std::string(name_of(anchor))] = i;
    return i;
  }

  void count(uint64_t n, const Mark& mark) {
    expanded_ += n;
    if (expanded_ > limits_.max_nodes)
      throw StopParsing{"alias-bomb", mark,
                        "The document expands to more than " + std::to_string(limits_.max_nodes) +
                            " values; anchors and aliases (&name, *name) multiply content.",
                        "repeat the text plainly instead of nesting aliases inside aliases"};
  }

  void too_deep(const Mark& mark) {
    throw StopParsing{"too-deep", mark,
                      "The document nests deeper than " + std::to_string(limits_.max_depth) + " levels.",
                      "a scenario needs only a few levels; check the indentation"};
  }

  // Adds a completed node to its parent (or makes it the root).
  void finish(int i) { attach(i, info_[i].size, info_[i].height); }

  void attach(int child, uint64_t size, int height) {
    if (stack_.empty()) {
      doc_.root = child;
      return;
    }
    const int parent = stack_.back();
    doc_.nodes[parent].items.push_back(child);
    info_[parent].size += size;
    info_[parent].height = std::max(info_[parent].height, height + 1);
  }

  // YAML libraries keep one of two equal keys and drop the other silently; an author who wrote
  // a key twice almost certainly meant something else, so both places are reported.
  void check_duplicate_keys(int map) {
    const auto& items = doc_.nodes[map].items;
    const size_t n = items.size() / 2;
    auto report = [&](int first, int dup) {
      const YNode& k = doc_.nodes[dup];
      const YNode& f = doc_.nodes[first];
      duplicates.push_back({"duplicate-key", {k.line, k.byte_col},
                            "The key `" + k.value + "` appears twice in the same map.",
                            "the first `" + k.value + "` is on line " + std::to_string(f.line + 1) +
                                "; remove one or rename it (only the first would be used)."});
    };
    auto scalar_key = [&](size_t j) { return doc_.nodes[items[2 * j]].kind == YNode::Kind::Scalar; };
    if (n < 16) {
      for (size_t a = 1; a < n; ++a) {
        if (!scalar_key(a)) continue;
        for (size_t b = 0; b < a; ++b)
          if (scalar_key(b) && doc_.nodes[items[2 * a]].value == doc_.nodes[items[2 * b]].value) {
            report(items[2 * b], items[2 * a]);
            break;
          }
      }
      return;
    }
    std::unordered_map<std::string_view, int> seen;
    seen.reserve(n);
    for (size_t a = 0; a < n; ++a) {
      if (!scalar_key(a)) continue;
      const int k = items[2 * a];
      auto [it, inserted] = seen.emplace(doc_.nodes[k].value, k);
      if (!inserted) report(it->second, k);
    }
  }

  YamlDoc& doc_;
  const LoadLimits& limits_;
  std::vector<int> stack_;
  std::vector<Info> info_;
  std::unordered_map<std::string, int> anchors_;
  uint64_t expanded_ = 0;
};

// Owns libyaml's parser and the current event, releasing both on every exit path.
struct Parser {
  yaml_parser_t parser{};
  yaml_event_t event{};
  bool has_event = false;
  explicit Parser(std::string_view text) {
    if (!yaml_parser_initialize(&parser)) throw std::bad_alloc();
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                                 text.size());
  }
  ~Parser() {
    release();
    yaml_parser_delete(&parser);
  }
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;
  bool next() {
    release();
    has_event = yaml_parser_parse(&parser, &event) != 0;
    return has_event;
  }
  void release() {
    if (has_event) yaml_event_delete(&event);
    has_event = false;
  }
};

std::string sentence(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  if (!s.empty() && s.back() != '.') s += '.';
  return s;
}

// The 0-based line `n` of the text, without its line break ("" past the end).
std::string_view line_text(std::string_view text, int n) {
  size_t start = 0;
  for (int i = 0; i < n; ++i) {
    start = text.find('\n', start);
    if (start == std::string_view::npos) return {};
    ++start;
  }
  size_t end = text.find('\n', start);
  std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

int indent_of(std::string_view t) { return static_cast<int>(t.find_first_not_of(' ')); }

bool blank_or_comment(std::string_view t) {
  const size_t first = t.find_first_not_of(" \t");
  return first == std::string_view::npos || t[first] == '#';
}

// "title:" or "- id:" at the start of the line: a line that opens a key, so its indentation
// says which map the key belongs to.
bool opens_key(std::string_view t) {
  size_t i = t.find_first_not_of(' ');
  if (i == std::string_view::npos) return false;
  if (t.substr(i, 2) == "- ") i = t.find_first_not_of(' ', i + 1);
  const size_t colon = t.find(':', i);
  if (colon == std::string_view::npos || colon == i) return false;
  for (size_t k = i; k < colon; ++k)
    if (!std::isalnum(static_cast<unsigned char>(t[k])) && t[k] != '_' && t[k] != '-' &&
        t[k] != '.')
      return false;
  return colon + 1 == t.size() || t[colon + 1] == ' ';
}

// When the key on 0-based line `l` is indented to no level the lines above it use, a hint
// naming the line, its indentation and the nearest level. The levels are those still open at
// that point (a "- " item opens two: the dash and the key after it); the contents of `|` and `>`
// blocks are skipped, since their indentation is the text's own.
std::optional<std::string> indentation_hint(std::string_view text, int l) {
  const std::string_view target = line_text(text, l);
  if (!opens_key(target)) return std::nullopt;
  std::vector<int> levels;
  bool opens_block = false;  // the last line ends with `key:`, so a deeper line is a new level
  int block_scalar = -1;     // indentation of a `key: |` line whose text follows
  size_t next = 0;
  for (int k = 0; k < l && next < text.size(); ++k) {
    const size_t eol = text.find('\n', next);
    std::string_view t = text.substr(next, eol == std::string_view::npos ? eol : eol - next);
    next = eol == std::string_view::npos ? text.size() : eol + 1;
    if (!t.empty() && t.back() == '\r') t.remove_suffix(1);
    if (blank_or_comment(t)) continue;
    const int ind = indent_of(t);
    if (block_scalar >= 0 && ind > block_scalar) continue;
    block_scalar = -1;
    while (!levels.empty() && levels.back() > ind) levels.pop_back();
    if (levels.empty() || levels.back() < ind) levels.push_back(ind);
    if (t.substr(static_cast<size_t>(ind), 2) == "- ") {
      const size_t key = t.find_first_not_of(' ', static_cast<size_t>(ind) + 1);
      if (key != std::string_view::npos) levels.push_back(static_cast<int>(key));
    }
    std::string_view end = t.substr(0, t.find(" #"));
    while (!end.empty() && end.back() == ' ') end.remove_suffix(1);
    opens_block = !end.empty() && end.back() == ':';
    const size_t bar = end.find_last_of("|>");
    if (bar != std::string_view::npos && bar >= 2 && end.substr(bar - 2, 2) == ": " &&
        end.find_first_not_of("|>+-0123456789", bar) == std::string_view::npos)
      block_scalar = ind;
  }
  const int ind = indent_of(target);
  if (block_scalar >= 0 && ind > block_scalar) return std::nullopt;  // text of a `|` block
  if (levels.empty() || std::find(levels.begin(), levels.end(), ind) != levels.end()) return std::nullopt;
  if (opens_block && ind > levels.back()) return std::nullopt;
  // On a tie the deeper level wins: it is the one the lines just above use.
  int nearest = levels.front();
  for (int v : levels)
    if (std::abs(v - ind) <= std::abs(nearest - ind)) nearest = v;
  const std::string where = "line " + std::to_string(l + 1) + " is indented " +
                            std::to_string(ind) + " spaces";
  const std::string fix = ": YAML reads which map a key belongs to from its indentation, so line "
                          "it up with the keys it belongs with (" +
                          std::to_string(nearest) + " spaces)";
  if (ind == nearest + 1) return where + ", one space too far" + fix;
  if (ind == nearest - 1) return where + ", one space short" + fix;
  return where + ", which matches no line above it" + fix;
}

// “…” or ‘…’ around a value: word processors turn straight quotes into curly ones, which YAML
// reads as ordinary letters, so the text is unquoted after all.
std::optional<std::string> curly_quotes_hint(std::string_view text, int l) {
  const std::string_view t = line_text(text, l);
  for (std::string_view open : {std::string_view("\u201c"), std::string_view("\u2018")}) {
    const size_t at = t.find(open);
    if (at == std::string_view::npos) continue;
    const size_t before = at == 0 ? std::string_view::npos : t.find_last_not_of(' ', at - 1);
    const bool starts_value =
        before == std::string_view::npos || t[before] == ':' || t[before] == '-';
    if (!starts_value) continue;
    const bool double_quotes = open == "\u201c";
    return "line " + std::to_string(l + 1) + " puts the text in curly quotes (" +
           (double_quotes ? "\u201c \u201d" : "\u2018 \u2019") +
           "), which YAML does not read as quotes: use straight double quotes (\"...\") instead";
  }
  return std::nullopt;
}

// A hint for the mistakes authors really make, when the syntax error shows one; otherwise the
// general advice. Only runs on the error path, so plain scanning is fine.
std::string syntax_hint(std::string_view text, int line, const std::string& problem) {
  for (int l = std::max(0, line - 1); l <= line; ++l) {
    std::string_view t = line_text(text, l);
    if (t.find_first_not_of(" \t") != std::string_view::npos &&
        t.substr(0, t.find_first_not_of(" \t")).find('\t') != std::string_view::npos)
      return "line " + std::to_string(l + 1) + " is indented with a tab: YAML needs spaces";
  }
  // A quote opened with " and closed with a curly quote pasted from a word processor runs on
  // until the next straight quote, so the error appears far below the real mistake.
  for (int l = line; l >= std::max(0, line - 60); --l) {
    std::string_view t = line_text(text, l);
    const bool curly = t.find("\u201d") != std::string_view::npos ||
                       t.find("\u201c") != std::string_view::npos;
    if (curly && std::count(t.begin(), t.end(), '"') % 2 == 1)
      return "line " + std::to_string(l + 1) +
             " opens a quote with \" but closes it with a curly quote: use straight quotes";
  }
  for (int l = line; l >= std::max(0, line - 1); --l)
    if (auto hint = curly_quotes_hint(text, l)) return *hint;
  for (int l = line; l >= std::max(0, line - 1); --l)
    if (auto hint = indentation_hint(text, l)) return *hint;
  if (problem.find("mapping values are not allowed") != std::string::npos)
    return "text containing `: ` must be quoted: put the whole text in double quotes, or write "
           "`|` and the text on the lines below";
  std::string_view t = line_text(text, line);
  const size_t colon = t.find(": ");
  if (colon != std::string_view::npos && colon + 2 < t.size() &&
      (t[colon + 2] == '[' || t[colon + 2] == '{' || t[colon + 2] == '*' || t[colon + 2] == '&'))
    return "text that starts with [, {, * or & must be quoted";
  return "check the indentation, colons and quotes on this line and the one before";
}

// Turns libyaml's error state into the loader's diagnostic fields.
StopParsing parser_error(const yaml_parser_t& p, MarkMapper& marks, std::string_view text) {
  const std::string problem = p.problem ? p.problem : "the YAML cannot be read";
  if (p.error == YAML_MEMORY_ERROR) throw std::bad_alloc();
  if (p.error == YAML_READER_ERROR)
    return {"yaml-syntax", marks.from_byte(p.problem_offset), sentence(problem),
            "remove the character, or write it as an escape such as \\t inside double quotes"};
  std::string message = problem;
  if (p.context)
    message += " (" + std::string(p.context) + " that starts on line " +
               std::to_string(marks.at(p.context_mark.index).line + 1) + ")";
  const Mark at = marks.at(p.problem_mark.index);
  return {"yaml-syntax", at, sentence(message), syntax_hint(text, at.line, problem)};
}

}  // namespace

bool parse_yaml(std::string_view text, const std::string& file, const LoadLimits& limits,
                YamlDoc& out, std::vector<Diagnostic>& diags) {
  const LineIndex lines(text);
  auto emit = [&](const StopParsing& s) {
    auto [l, c] = lines.to_position(s.mark.line, s.mark.byte_col);
    diags.push_back({Severity::Error, s.code, file, l, c, s.message, s.hint});
  };

  out = YamlDoc{};
  try {
    // About one node per eight bytes in typical scenarios; reserving avoids repeated moves of
    // the whole tree while parsing large files.
    out.nodes.reserve(std::min<size_t>(text.size() / 8 + 16, limits.max_nodes));
    MarkMapper marks(text, lines);
    TreeBuilder builder(out, limits);
    Parser p(text);
    int documents = 0;
    for (;;) {
      if (!p.next()) {
        emit(parser_error(p.parser, marks, text));
        return false;
      }
      const yaml_event_t& e = p.event;
      if (e.type == YAML_STREAM_END_EVENT) break;
      const Mark mark = marks.at(e.start_mark.index);
      switch (e.type) {
        case YAML_DOCUMENT_START_EVENT:
          if (e.data.document_start.tag_directives.start != e.data.document_start.tag_directives.end)
            throw StopParsing{"unsupported-yaml", mark,
                              "`%TAG` directives are not supported in scenarios.",
                              "remove the `%TAG` line and any tags that use it"};
          if (++documents > 1) {
            for (const auto& d : builder.duplicates) emit(d);
            emit({"yaml-syntax", mark,
                  "The file holds more than one YAML document (`---` separators).",
                  "put one scenario in each file"});
            return false;
          }
          break;
        case YAML_SCALAR_EVENT:
          refuse_tag(e.data.scalar.tag, mark);
          builder.scalar(mark, e);
          break;
        case YAML_ALIAS_EVENT: builder.alias(mark, e.data.alias.anchor); break;
        case YAML_SEQUENCE_START_EVENT:
          refuse_tag(e.data.sequence_start.tag, mark);
          builder.open(YNode::Kind::Seq, mark, e.data.sequence_start.anchor);
          break;
        case YAML_MAPPING_START_EVENT:
          refuse_tag(e.data.mapping_start.tag, mark);
          builder.open(YNode::Kind::Map, mark, e.data.mapping_start.anchor);
          break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT: builder.close(); break;
        default: break;
      }
    }
    for (const auto& d : builder.duplicates) emit(d);
  } catch (const StopParsing& stop) {
    emit(stop);
    return false;
  } catch (const std::bad_alloc&) {
    diags.push_back({Severity::Error, "file-too-large", file, 0, 0,
                     "The file needs more memory to read than is available.", ""});
    return false;
  }
  return true;
}

}  // namespace auditsim::load_detail
