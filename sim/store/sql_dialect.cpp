#include "sim/store/sql_dialect.hpp"

#include <cctype>
#include <string>

namespace auditsim::store {

namespace {

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// True when `s` at `i` starts the word `w` (case-insensitive, whole word).
bool word_at(std::string_view s, size_t i, std::string_view w) {
  if (i + w.size() > s.size()) return false;
  if (i > 0 && word_char(s[i - 1])) return false;
  for (size_t k = 0; k < w.size(); ++k) {
    if (std::toupper(static_cast<unsigned char>(s[i + k])) !=
        std::toupper(static_cast<unsigned char>(w[k])))
      return false;
  }
  size_t end = i + w.size();
  return end >= s.size() || !word_char(s[end]) || !word_char(w.back());
}

// Copies a quoted run ('...' or "...", doubled quotes inside) starting at `i`; returns the
// index after it.
size_t copy_quoted(std::string_view s, size_t i, std::string& out) {
  const char q = s[i];
  out += s[i++];
  while (i < s.size()) {
    out += s[i];
    if (s[i] == q) {
      if (i + 1 < s.size() && s[i + 1] == q) {
        out += s[++i];
      } else {
        return i + 1;
      }
    }
    ++i;
  }
  return i;
}

// Replacements outside quotes, in order of the words they start with.
struct Rewrite {
  std::string_view from;
  std::string_view to;
};
constexpr Rewrite kRewrites[] = {
    {"INSERT OR IGNORE INTO", "INSERT INTO"},
    {"json_group_array(", "json_agg("},
    {"json_each(", "json_array_elements_text("},
    {"quote(", "quote_nullable("},
    {"char(", "chr("},
    // A file being imported is ATTACHed as import_src on SQLite; on a server its tables are
    // copied into temporary tables named import_src_<table> (store_server_import.cpp).
    {"import_src.", "pg_temp.import_src_"},
};

std::string translate(std::string_view s, int* params) {
  std::string out;
  out.reserve(s.size() + 32);
  int next_param = 1;
  bool ignore_conflicts = false;
  int json_each_depth = -1;  // parenthesis depth of an open json_each( call
  int depth = 0;
  for (size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '\'' || c == '"') {
      i = copy_quoted(s, i, out);
      continue;
    }
    if (c == '?') {
      size_t j = i + 1;
      while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j]))) ++j;
      int n = j > i + 1 ? std::stoi(std::string(s.substr(i + 1, j - i - 1))) : next_param;
      if (n >= next_param) next_param = n + 1;
      out += '$';
      out += std::to_string(n);
      // A JSON array given as text is cast for PostgreSQL's JSON functions.
      if (json_each_depth >= 0) out += "::json";
      i = j;
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')') {
      --depth;
      if (depth == json_each_depth) json_each_depth = -1;
    }
    bool rewritten = false;
    for (const Rewrite& r : kRewrites) {
      if (word_at(s, i, r.from)) {
        if (r.from == "INSERT OR IGNORE INTO") ignore_conflicts = true;
        if (r.from == "json_each(") json_each_depth = depth;
        out += r.to;
        i += r.from.size();
        if (r.from.back() == '(') ++depth;
        rewritten = true;
        break;
      }
    }
    if (rewritten) continue;
    // SQLite's IS NOT compares anything, NULLs included; PostgreSQL's needs the long form
    // (IS NOT NULL stays as it is).
    if (word_at(s, i, "IS NOT ")) {
      size_t j = i + 7;
      if (!word_at(s, j, "NULL") && !word_at(s, j, "TRUE") && !word_at(s, j, "FALSE") &&
          !word_at(s, j, "DISTINCT")) {
        out += "IS DISTINCT FROM ";
        i = j;
        continue;
      }
    }
    if (word_at(s, i, "main.")) {
      i += 5;  // the connection's own schema
      continue;
    }
    if (word_at(s, i, "temp.")) {
      out += "pg_temp.";
      i += 5;
      continue;
    }
    // Column types and checks, for the schema and for temporary tables alike.
    if (word_at(s, i, "WITHOUT ROWID")) {
      i += 13;
      continue;
    }
    if (word_at(s, i, "INTEGER")) {
      out += "BIGINT";
      i += 7;
      continue;
    }
    // (Translating twice changes nothing: a TEXT already given a collation keeps it.)
    if (word_at(s, i, "TEXT") && !word_at(s, i + 5, "COLLATE")) {
      out += "TEXT COLLATE \"C\"";
      i += 4;
      continue;
    }
    if (word_at(s, i, "GLOB")) {
      // The pattern that follows is a literal: it becomes an anchored regular expression.
      size_t j = i + 4;
      while (j < s.size() && s[j] == ' ') ++j;
      if (j < s.size() && s[j] == '\'') {
        std::string lit;
        size_t end = copy_quoted(s, j, lit);
        std::string glob = lit.substr(1, lit.size() - 2);
        out += "~ '" + glob_to_regex(glob) + "'";
        i = end;
        continue;
      }
    }
    out += c;
    ++i;
  }
  if (params) *params = next_param - 1;
  if (ignore_conflicts) {
    while (!out.empty() && (std::isspace(static_cast<unsigned char>(out.back())) || out.back() == ';'))
      out.pop_back();
    out += " ON CONFLICT DO NOTHING";
  }
  return out;
}

}  // namespace

std::string glob_to_regex(std::string_view glob) {
  std::string re = "^";
  for (size_t i = 0; i < glob.size(); ++i) {
    char c = glob[i];
    if (c == '*') {
      re += ".*";
    } else if (c == '?') {
      re += '.';
    } else if (c == '[') {
      // A bracket expression is the same in both, up to its closing bracket (a ] right after
      // the opening one is a member, as in SQLite).
      size_t j = i + 1;
      if (j < glob.size() && glob[j] == '^') ++j;
      if (j < glob.size() && glob[j] == ']') ++j;
      while (j < glob.size() && glob[j] != ']') ++j;
      if (j == i + 2 && glob[i + 1] != '^') {
        // One member ([[] or []]): the character itself, escaped (PostgreSQL would read "[[."
        // or "[[:" as the start of a collating element or a class).
        re += '\\';
        re += glob[i + 1];
      } else {
        re += std::string(glob.substr(i, j - i + 1));
      }
      i = j;
    } else if (std::string_view("\\.^$+(){}|").find(c) != std::string_view::npos) {
      re += '\\';
      re += c;
    } else if (c == '\'') {
      re += "''";
    } else {
      re += c;
    }
  }
  return re + "$";
}

std::string to_postgres(std::string_view sqlite_sql, int* params) {
  return translate(sqlite_sql, params);
}

std::string to_postgres_schema(std::string_view sqlite_ddl) {
  const std::string in = translate(sqlite_ddl, nullptr);
  // Every table gets the rowid SQLite would have given it (queries order by it), as its last
  // column, so rows inserted by position keep their meaning; table_columns() leaves it out, so
  // copies between the backends never carry it.
  std::string out;
  size_t from = 0;
  for (;;) {
    size_t at = in.find("CREATE TABLE ", from);
    if (at == std::string::npos) break;
    size_t open = in.find('(', at);
    if (open == std::string::npos) break;
    int depth = 0;
    size_t close = open;
    for (size_t k = open; k < in.size(); ++k) {
      char c = in[k];
      if (c == '\'' || c == '"') {
        std::string skip;
        k = copy_quoted(in, k, skip) - 1;
        continue;
      }
      if (c == '(') ++depth;
      if (c == ')' && --depth == 0) {
        close = k;
        break;
      }
    }
    out += in.substr(from, close - from);
    out += ",\n        rowid BIGINT GENERATED BY DEFAULT AS IDENTITY";
    from = close;
  }
  out += in.substr(from);
  return out;
}

}  // namespace auditsim::store
