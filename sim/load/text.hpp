// Raw-text checks and scalar parsers used by the scenario loader (no YAML library involved).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace auditsim::load_detail {

// A 1-based line and column (column counted in characters) inside a text.
struct TextPos {
  int line = 0;
  int col = 0;
};

// Position of the first byte that is not valid UTF-8 (overlong forms, surrogates and values
// above U+10FFFF are invalid too); nullopt when the whole text is valid.
std::optional<TextPos> find_invalid_utf8(std::string_view text);

// Line and character column of a byte offset.
TextPos position_of(std::string_view text, size_t offset);

// An integer written as a plain scalar ("42", "-7", "+3").
enum class IntParse { Ok, NotInteger, OutOfRange };
IntParse parse_int64(std::string_view s, int64_t& out);

// A duration: integer seconds ("90") or units ("90s", "5m", "1h30m", "1h 30m"). Returns seconds.
std::optional<int64_t> parse_duration(std::string_view s);

// ids: letters, digits, '-', '_', '.', starting with a letter or digit, at most 64 characters.
bool is_valid_id(std::string_view s);
// Variable names: [A-Za-z_][A-Za-z0-9_]*, at most 64 characters.
bool is_valid_variable_name(std::string_view s);

}  // namespace auditsim::load_detail
