// Builds the loader's YAML tree from yaml-cpp parser events, refusing hostile structure early.
#include "sim/load_yaml.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <new>
#include <sstream>
#include <unordered_map>

#include "sim/load_text.hpp"

namespace auditsim::load_detail {

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
  const size_t start = starts_[l];
  const size_t end = offset(static_cast<int>(l), byte_col);
  int col = 1;
  for (size_t i = start; i < end; ++i)
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++col;
  return {static_cast<int>(l) + 1, col};
}

namespace {

// Thrown from inside the event handler to stop yaml-cpp's parser at once.
struct StopParsing {
  std::string code;
  int line = 0, byte_col = 0;
  std::string message, hint;
};

class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(YamlDoc& doc, const LoadLimits& limits) : doc_(doc), limits_(limits) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    finish(add(YNode::Kind::Null, mark, anchor));
  }

  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    const int i = add(YNode::Kind::Scalar, mark, anchor);
    doc_.nodes[i].value = value;
    doc_.nodes[i].plain = tag == "?";  // yaml-cpp tags plain scalars "?" and quoted ones "!"
    finish(i);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (anchor >= anchors_.size() || anchors_[anchor] < 0)
      throw StopParsing{"yaml-syntax", mark.line, mark.column, "An alias refers to an unknown anchor.", ""};
    const int target = anchors_[anchor];
    if (info_[target].open)
      throw StopParsing{"alias-bomb", mark.line, mark.column,
                        "An alias refers to the collection that contains it, so it never ends.",
                        "an alias (*name) may only repeat content that is complete before it"};
    const int depth = static_cast<int>(stack_.size()) + info_[target].height;
    if (depth > limits_.max_depth) too_deep(mark);
    count(info_[target].size, mark);
    attach(target, info_[target].size, info_[target].height);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(add(YNode::Kind::Seq, mark, anchor), mark);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(add(YNode::Kind::Map, mark, anchor), mark);
  }
  void OnMapEnd() override { close(); }

 private:
  struct Info {
    uint64_t size = 1;  // nodes after expanding aliases
    int height = 1;
    bool open = false;
  };

  int add(YNode::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor) {
    count(1, mark);
    const int i = static_cast<int>(doc_.nodes.size());
    YNode n;
    n.kind = kind;
    n.line = mark.line;
    n.byte_col = mark.column;
    doc_.nodes.push_back(std::move(n));
    info_.push_back({});
    if (anchor > 0) {
      if (anchors_.size() <= anchor) anchors_.resize(anchor + 1, -1);
      anchors_[anchor] = i;
    }
    return i;
  }

  void count(uint64_t n, const YAML::Mark& mark) {
    expanded_ += n;
    if (expanded_ > limits_.max_nodes)
      throw StopParsing{"alias-bomb", mark.line, mark.column,
                        "The document expands to more than " + std::to_string(limits_.max_nodes) +
                            " values; anchors and aliases (&name, *name) multiply content.",
                        "repeat the text plainly instead of nesting aliases inside aliases"};
  }

  void too_deep(const YAML::Mark& mark) {
    throw StopParsing{"too-deep", mark.line, mark.column,
                      "The document nests deeper than " + std::to_string(limits_.max_depth) + " levels.",
                      "a scenario needs only a few levels; check the indentation"};
  }

  void open(int i, const YAML::Mark& mark) {
    if (static_cast<int>(stack_.size()) + 1 > limits_.max_depth) too_deep(mark);
    info_[i].open = true;
    info_[i].size = 1;
    info_[i].height = 1;
    stack_.push_back(i);
  }

  void close() {
    const int i = stack_.back();
    stack_.pop_back();
    info_[i].open = false;
    if (doc_.nodes[i].kind == YNode::Kind::Map) check_duplicate_keys(i);
    finish(i);
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

  // yaml-cpp keeps the first of two equal keys and drops the second silently; an author who
  // wrote a key twice almost certainly meant something else, so both places are reported.
  void check_duplicate_keys(int map) {
    const auto& items = doc_.nodes[map].items;
    const size_t n = items.size() / 2;
    auto report = [&](int first, int dup) {
      const YNode& k = doc_.nodes[dup];
      const YNode& f = doc_.nodes[first];
      duplicates_.push_back({"duplicate-key", k.line, k.byte_col,
                             "The key `" + k.value + "` appears twice in the same map.",
                             "the first `" + k.value + "` is on line " + std::to_string(f.line + 1) +
                                 "; remove one or rename it (only the first would be used)."});
    };
    auto scalar_key = [&](size_t j) {
      const YNode& k = doc_.nodes[items[2 * j]];
      return k.kind == YNode::Kind::Scalar;
    };
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

 public:
  std::vector<StopParsing> duplicates_;

 private:
  YamlDoc& doc_;
  const LoadLimits& limits_;
  std::vector<int> stack_;
  std::vector<Info> info_;
  std::vector<int> anchors_;
  uint64_t expanded_ = 0;
};

// Swallows the events of any later document: only its presence matters.
class IgnoreEvents : public YAML::EventHandler {
 public:
  YAML::Mark start;
  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

std::string sentence(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  if (!s.empty() && s.back() != '.') s += '.';
  return s;
}

}  // namespace

bool parse_yaml(std::string_view text, const std::string& file, const LoadLimits& limits,
                YamlDoc& out, std::vector<Diagnostic>& diags) {
  const LineIndex lines(text);
  auto emit = [&](const std::string& code, int line, int byte_col, std::string message,
                  std::string hint) {
    auto [l, c] = lines.to_position(line, byte_col);
    diags.push_back({Severity::Error, code, file, l, c, std::move(message), std::move(hint)});
  };

  // yaml-cpp's parser recurses once per nesting level: refuse deep text before it starts.
  if (auto deep = find_excessive_nesting(text, limits.max_depth)) {
    diags.push_back({Severity::Error, "too-deep", file, deep->line, deep->col,
                     "The document nests deeper than " + std::to_string(limits.max_depth) +
                         " levels.",
                     "a scenario needs only a few levels; check the indentation and brackets"});
    return false;
  }

  out = YamlDoc{};
  try {
    // About one node per eight bytes in typical scenarios; reserving avoids repeated moves of
    // the whole tree while parsing large files.
    out.nodes.reserve(std::min<size_t>(text.size() / 8 + 16, limits.max_nodes));
    std::istringstream in{std::string(text)};
    YAML::Parser parser(in);
    TreeBuilder builder(out, limits);
    parser.HandleNextDocument(builder);
    for (const auto& d : builder.duplicates_) emit(d.code, d.line, d.byte_col, d.message, d.hint);
    IgnoreEvents ignore;
    if (parser.HandleNextDocument(ignore)) {
      emit("yaml-syntax", ignore.start.line, ignore.start.column, "The file holds more than one YAML document (`---` separators).",
           "put one scenario in each file");
      return false;
    }
  } catch (const StopParsing& stop) {
    emit(stop.code, stop.line, stop.byte_col, stop.message, stop.hint);
    return false;
  } catch (const YAML::DeepRecursion& e) {
    emit("too-deep", e.mark.line, e.mark.column, "The document nests too deeply to read.", "");
    return false;
  } catch (const YAML::Exception& e) {
    emit("yaml-syntax", e.mark.line, e.mark.column, sentence(e.msg),
         "check the indentation, colons and quotes on this line and the one before");
    return false;
  } catch (const std::bad_alloc&) {
    emit("file-too-large", -1, 0, "The file needs more memory to read than is available.", "");
    return false;
  }
  return true;
}

}  // namespace auditsim::load_detail
