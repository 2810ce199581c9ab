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

namespace {

// Line-by-line state of the nesting scan. Block structure is judged from indentation columns;
// flow brackets and multi-line quoted strings carry over from one line to the next.
struct NestingScan {
  int max_depth;
  std::vector<int> indents;  // columns of the open block collections
  int flow = 0;              // open '[' / '{'
  char quote = 0;            // '"' or '\'' while inside a multi-line quoted scalar
  int block_parent = -1;     // >= 0 while inside a block scalar: its parent's column
  int depth() const { return static_cast<int>(indents.size()) + flow; }
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Skips a quoted scalar starting after its opening quote; returns the index after the closing
// quote, or npos when the string continues on the next line.
size_t skip_quoted(std::string_view line, size_t i, char q) {
  while (i < line.size()) {
    if (q == '"' && line[i] == '\\') {
      i += 2;
      continue;
    }
    if (line[i] == q) {
      if (q == '\'' && i + 1 < line.size() && line[i + 1] == '\'') {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return std::string_view::npos;
}

// Scans one line; returns the 0-based column where the depth limit is passed, or -1.
int scan_line(NestingScan& st, std::string_view line) {
  size_t i = 0;
  if (st.quote) {
    const size_t end = skip_quoted(line, 0, st.quote);
    if (end == std::string_view::npos) return -1;
    st.quote = 0;
    i = end;
  } else {
    size_t ind = 0;
    while (ind < line.size() && line[ind] == ' ') ++ind;
    if (ind == line.size() || line[ind] == '#') return -1;  // blank or comment line
    if (st.block_parent >= 0) {
      if (static_cast<int>(ind) > st.block_parent) return -1;  // block scalar content
      st.block_parent = -1;
    }
    if (ind == 0 && (line.starts_with("---") || line.starts_with("...")) &&
        (line.size() == 3 || is_blank(line[3]))) {
      st.indents.clear();  // a new document starts from nothing
      st.flow = 0;
      return -1;
    }
    if (ind == 0 && line[0] == '%') return -1;  // directive
    i = ind;
    if (st.flow == 0) {
      while (!st.indents.empty() && st.indents.back() > static_cast<int>(ind)) st.indents.pop_back();
      if (st.indents.empty() || st.indents.back() < static_cast<int>(ind))
        st.indents.push_back(static_cast<int>(ind));
      if (st.depth() > st.max_depth) return static_cast<int>(ind);
      // "- - - x" and "? key" open one more block collection per indicator.
      while (i < line.size() && (line[i] == '-' || line[i] == '?') &&
             (i + 1 == line.size() || is_blank(line[i + 1]))) {
        ++i;
        while (i < line.size() && is_blank(line[i])) ++i;
        if (i == line.size() || line[i] == '#') return -1;
        st.indents.push_back(static_cast<int>(i));
        if (st.depth() > st.max_depth) return static_cast<int>(i);
      }
    }
  }
  bool value_start = true;  // where a quote, bracket or block indicator would begin a node
  while (i < line.size()) {
    const char c = line[i];
    if (is_blank(c)) {
      ++i;
      continue;
    }
    if (c == '#' && (i == 0 || is_blank(line[i - 1]))) return -1;
    if (value_start && (c == '"' || c == '\'')) {
      const size_t end = skip_quoted(line, i + 1, c);
      if (end == std::string_view::npos) {
        st.quote = c;
        return -1;
      }
      i = end;
      value_start = false;
      continue;
    }
    if (value_start && (c == '&' || c == '!')) {  // anchor or tag before a node
      while (i < line.size() && !is_blank(line[i])) ++i;
      continue;
    }
    if (value_start && st.flow == 0 && (c == '|' || c == '>')) {
      // Content must be indented past the parent: the key's column, or for "- |" the column
      // of the sequence itself.
      const size_t n = st.indents.size();
      if (n == 0) st.block_parent = 0;
      else if (st.indents.back() == static_cast<int>(i) && n >= 2) st.block_parent = st.indents[n - 2];
      else st.block_parent = st.indents.back();
      return -1;
    }
    if (c == '[' || c == '{') {
      if (value_start || st.flow > 0) {
        ++st.flow;
        if (st.depth() > st.max_depth) return static_cast<int>(i);
        value_start = true;
        ++i;
        continue;
      }
    } else if ((c == ']' || c == '}') && st.flow > 0) {
      --st.flow;
      value_start = false;
      ++i;
      continue;
    } else if (c == ',' && st.flow > 0) {
      value_start = true;
      ++i;
      continue;
    } else if (c == ':' && (i + 1 == line.size() || is_blank(line[i + 1]) ||
                            (st.flow > 0 && std::string_view(",[]{}").find(line[i + 1]) !=
                                                std::string_view::npos))) {
      value_start = true;
      ++i;
      continue;
    }
    value_start = false;
    ++i;
  }
  return -1;
}

}  // namespace

std::optional<TextPos> find_excessive_nesting(std::string_view text, int max_depth) {
  NestingScan st{max_depth, {}, 0, 0, -1};
  size_t start = 0;
  int line_no = 1;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const int col = scan_line(st, line);
    if (col >= 0) return TextPos{line_no, position_of(line, static_cast<size_t>(col)).col};
    if (end == text.size()) break;
    start = end + 1;
    ++line_no;
  }
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
