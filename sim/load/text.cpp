// Raw-text checks that must run before the YAML parser sees the bytes, and the scalar formats
// (integers, durations, ids) the scenario format defines on top of YAML.
#include "sim/load/text.hpp"

#include <limits>
#include <vector>

#include "sim/utf8.hpp"

namespace auditsim::load_detail {

TextPos position_of(std::string_view text, size_t offset) {
  TextPos p{1, 1};
  const size_t end = std::min(offset, text.size());
  for (size_t i = 0; i < end; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++p.line;
      p.col = 1;
    } else if ((c & 0xC0) != 0x80) {  // count characters, not continuation bytes
      ++p.col;
    }
  }
  return p;
}

std::optional<TextPos> find_invalid_utf8(std::string_view text) {
  if (auto at = utf8::first_invalid(text)) return position_of(text, *at);
  return std::nullopt;
}

IntParse parse_int64(std::string_view s, int64_t& out) {
  size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  if (i == s.size()) return IntParse::NotInteger;
  // Accumulate as a negative number so INT64_MIN is representable.
  int64_t v = 0;
  bool overflow = false;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return IntParse::NotInteger;
    const int d = s[i] - '0';
    if (v < (std::numeric_limits<int64_t>::min() + d) / 10) overflow = true;
    if (!overflow) v = v * 10 - d;
  }
  if (overflow || (!negative && v == std::numeric_limits<int64_t>::min())) return IntParse::OutOfRange;
  out = negative ? v : -v;
  return IntParse::Ok;
}

std::optional<int64_t> parse_duration(std::string_view s) {
  int64_t plain = 0;
  if (parse_int64(s, plain) == IntParse::Ok) {
    if (plain < 0) return std::nullopt;
    return plain;
  }
  // Units in order h, m, s, each at most once: "1h30m", "1h 30m", "45s".
  static constexpr std::string_view kUnits = "hms";
  static constexpr int64_t kSeconds[] = {3600, 60, 1};
  size_t next_unit = 0, i = 0;
  int64_t total = 0;
  bool any = false;
  while (i < s.size()) {
    if (s[i] == ' ') {
      ++i;
      continue;
    }
    int64_t n = 0;
    size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      if (++digits > 9) return std::nullopt;  // no timer needs a billion units
      n = n * 10 + (s[i++] - '0');
    }
    if (digits == 0 || i == s.size()) return std::nullopt;
    const size_t unit = kUnits.find(s[i++]);
    if (unit == std::string_view::npos || unit < next_unit) return std::nullopt;
    next_unit = unit + 1;
    total += n * kSeconds[unit];
    any = true;
  }
  if (!any) return std::nullopt;
  return total;
}

namespace {
bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
}  // namespace

bool is_valid_id(std::string_view s) {
  if (s.empty() || s.size() > 64 || !is_alnum(s[0])) return false;
  for (char c : s)
    if (!is_alnum(c) && c != '-' && c != '_' && c != '.') return false;
  return true;
}

bool is_valid_variable_name(std::string_view s) {
  if (s.empty() || s.size() > 64 || (s[0] >= '0' && s[0] <= '9')) return false;
  for (char c : s)
    if (!is_alnum(c) && c != '_') return false;
  return true;
}

}  // namespace auditsim::load_detail
