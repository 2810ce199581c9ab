// A compact YAML document tree for the scenario loader, built from libyaml's parser events.
// Building our own tree (instead of a library's document model) lets the loader see what those
// hide or get wrong for untrusted input: duplicate keys, quoted versus plain scalars, aliases that expand
// exponentially or refer to themselves, and nesting depth, all checked while parsing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/diagnostics.hpp"
#include "sim/load.hpp"

namespace auditsim::load_detail {

// One YAML node. Aliases are resolved to the anchored node, so the tree is a DAG.
struct YNode {
  enum class Kind : uint8_t { Null, Scalar, Seq, Map };
  Kind kind = Kind::Null;
  bool plain = false;      // a scalar written without quotes, block style or tag (may be a number)
  int line = 0;            // 0-based, counting LF line breaks
  int byte_col = 0;        // 0-based byte column from the start of the line
  std::string value;       // scalar text
  std::vector<int> items;  // Seq: the items; Map: key, value, key, value, ...
};

struct YamlDoc {
  std::vector<YNode> nodes;
  int root = -1;  // -1 for an empty document
};

// Parses one YAML document. Reports yaml-syntax, too-deep, alias-bomb and duplicate-key problems
// into `diags`; returns false when the tree cannot be used at all. Never throws for bad content.
bool parse_yaml(std::string_view text, const std::string& file, const LoadLimits& limits,
                YamlDoc& out, std::vector<Diagnostic>& diags);

// Converts tree positions (0-based line, byte column) to 1-based line and character column.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text);
  // 1-based line and character column of a 0-based line and byte column.
  std::pair<int, int> to_position(int line, int byte_col) const;
  // Byte offset of a 0-based line and byte column, clamped to the text.
  size_t offset(int line, int byte_col) const;
  // 0-based line and byte column of a byte offset, clamped to the text.
  std::pair<int, int> locate(size_t byte_offset) const;

 private:
  std::string_view text_;
  std::vector<size_t> starts_;
};

}  // namespace auditsim::load_detail
