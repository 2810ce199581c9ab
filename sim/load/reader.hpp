// Reading the loader's YAML tree as the scenario format's types, with a diagnostic for every
// problem: wrong types, missing and unknown keys, bad numbers, bad ids, empty text.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/diagnostics.hpp"
#include "sim/load/yaml.hpp"
#include "sim/model.hpp"

namespace auditsim::load_detail {

// A map node whose keys were checked against the keys its part of the format allows.
class Fields {
 public:
  int node = -1;  // the map node; -1 when the value was not a map
  bool ok() const { return node >= 0; }
  // The value node for a key, or -1 when the key is absent (the first one when repeated).
  int value(std::string_view key) const;
  // The key node for a key, or -1.
  int key(std::string_view key) const;
  bool has(std::string_view key) const { return value(key) >= 0; }

 private:
  friend class Reader;
  std::vector<std::pair<std::string_view, std::pair<int, int>>> entries_;  // key -> (key, value)
};

enum class Need { Optional, Required };

class Reader {
 public:
  Reader(const YamlDoc& doc, std::string_view text, std::string file,
         std::vector<Diagnostic>& diags);

  const YNode& at(int i) const { return doc_.nodes[static_cast<size_t>(i)]; }
  const std::string& file() const { return file_; }
  // 1-based position of a node.
  SourcePos pos(int node) const;
  // Position `offset` bytes into a scalar's text when it can be located in the source (a scalar
  // on one line without escapes); otherwise the scalar's own position.
  SourcePos pos_in_scalar(int node, size_t offset) const;

  void error(std::string code, int node, std::string message, std::string hint = {});
  // True when `node` is a `kind`; otherwise reports "<should_be>, not <what it is>." as
  // wrong-type (with `hint`) and returns false. Whether a missing value is allowed is the
  // caller's to say first.
  bool expect_kind(int node, YNode::Kind kind, const std::string& should_be, std::string hint = {});
  void warning(std::string code, int node, std::string message, std::string hint = {});
  void error_at(std::string code, SourcePos p, std::string message, std::string hint = {});
  void warning_at(std::string code, SourcePos p, std::string message, std::string hint = {});

  // Checks that `node` is a map with only `allowed` keys (each problem reported); `what` names
  // the part of the format in messages ("a choice").
  Fields fields(int node, std::string_view what, std::initializer_list<std::string_view> allowed);
  // The node diagnostics about a key's value should point at: the value, or the key when the
  // value is empty (an empty value has no text of its own to point at).
  int where(const Fields& f, std::string_view key) const;

  // Text fields. `text` warns `empty-text` when the value is blank; `label` does not.
  std::optional<std::string> text(const Fields& f, std::string_view key, Need need,
                                  std::string_view what);
  std::optional<std::string> label(const Fields& f, std::string_view key, Need need,
                                   std::string_view what);
  // An id in the format's id syntax (bad-id otherwise).
  std::optional<std::string> id(const Fields& f, std::string_view key, Need need,
                                std::string_view what);
  // A whole number in [min, max] written as a plain scalar.
  std::optional<int64_t> integer(const Fields& f, std::string_view key, Need need,
                                 std::string_view what, int64_t min, int64_t max);
  std::optional<int64_t> integer_node(int node, std::string_view field, int64_t min, int64_t max);
  // A duration (seconds or "5m", "1h30m") in [min_seconds, max_seconds].
  std::optional<int64_t> duration(const Fields& f, std::string_view key, int64_t min_seconds,
                                  int64_t max_seconds);
  // `true` / `false` written plainly; a quoted "true" or yes/no/on/off is refused.
  std::optional<bool> boolean_node(int node, std::string_view field);
  // The items of a list (an empty value is an empty list); nullopt after reporting wrong-type.
  std::optional<std::vector<int>> list(const Fields& f, std::string_view key);
  // A scalar's text, or nullopt after reporting wrong-type.
  std::optional<std::string> scalar_node(int node, std::string_view field);
  // A pillar key, reporting bad-value with a suggestion.
  std::optional<Pillar> pillar_node(int node, std::string_view field);

  // "a map", "a list", "text", "nothing": for wrong-type messages.
  std::string_view kind_name(int node) const;
  void missing(const Fields& f, std::string_view key, std::string_view what);

 private:
  const YamlDoc& doc_;
  std::string_view text_;
  std::string file_;
  std::vector<Diagnostic>& diags_;
  LineIndex lines_;
};

// "did you mean `x`?" for the closest candidate, or "" when none is close.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace auditsim::load_detail
