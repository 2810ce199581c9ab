#include "sim/store/schema_check.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>

#include "sim/store/schema.hpp"

namespace auditsim::store {

namespace {

// White space outside quoted text and identifiers is layout; inside them it is content.
std::string normalise_sql(const std::string& sql) {
  std::string out;
  char quote = 0;
  bool space = false;
  for (char c : sql) {
    if (quote) {
      out += c;
      if (c == quote) quote = 0;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    if (c == '\'' || c == '"' || c == '`') quote = c;
    if (c == '[') quote = ']';
    out += c;
  }
  return out;
}

std::string article(const std::string& type) {
  return (type == "index" ? "an " : "a ") + type;
}

std::string why_dangerous(const std::string& type) {
  if (type == "trigger") return " (it would run its own SQL whenever records are written)";
  if (type == "view") return " (it would run its own SQL when read)";
  return "";
}

}  // namespace

std::vector<SchemaObject> read_schema_objects(Db& db, const std::string& schema) {
  // The schema name cannot be bound; it is always one of this program's own identifiers.
  Stmt q(db, "SELECT type, name, tbl_name, coalesce(sql, '') FROM \"" + schema +
                          "\".sqlite_schema ORDER BY type, name");
  std::vector<SchemaObject> out;
  while (q.step()) {
    out.push_back({q.column_text(0), q.column_text(1), q.column_text(2),
                   normalise_sql(q.column_text(3))});
  }
  return out;
}

const std::vector<SchemaObject>& expected_schema(int version) {
  static std::mutex mutex;
  static std::map<int, std::vector<SchemaObject>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto it = cache.find(version);
  if (it == cache.end()) {
    Db mem = Db::open(":memory:", OpenMode::ReadWrite);
    migrate(mem, version);
    it = cache.emplace(version, read_schema_objects(mem)).first;
  }
  return it->second;
}

std::string schema_difference(Db& db, int version, const std::string& schema) {
  const auto& want = expected_schema(version);
  const auto have = read_schema_objects(db, schema);
  if (have.empty() && !want.empty()) return "has none of auditsim's tables";
  using Key = std::pair<std::string, std::string>;
  std::map<Key, const SchemaObject*> wanted;
  for (const auto& o : want) wanted[{o.type, o.name}] = &o;
  std::vector<std::string> extra, differ, missing;
  for (const auto& o : have) {
    auto w = wanted.find({o.type, o.name});
    if (w == wanted.end()) {
      extra.push_back("contains " + article(o.type) + " '" + o.name +
                      "' that auditsim never creates" + why_dangerous(o.type));
    } else {
      if (!(*w->second == o)) {
        differ.push_back("has " + article(o.type) + " '" + o.name +
                         "' that differs from auditsim's");
      }
      wanted.erase(w);
    }
  }
  for (const auto& [key, o] : wanted) {
    missing.push_back("lacks auditsim's " + o->type + " '" + o->name + "'");
  }
  // Triggers and views first: they are what would act on the user's behalf.
  std::stable_sort(extra.begin(), extra.end(), [](const std::string& a, const std::string& b) {
    auto rank = [](const std::string& s) {
      if (s.find(" a trigger ") != std::string::npos) return 0;
      return s.find(" a view ") != std::string::npos ? 1 : 2;
    };
    return rank(a) < rank(b);
  });
  std::vector<std::string> all = extra;
  all.insert(all.end(), differ.begin(), differ.end());
  all.insert(all.end(), missing.begin(), missing.end());
  std::string out;
  const size_t shown = std::min<size_t>(all.size(), 3);
  for (size_t i = 0; i < shown; ++i) out += (i ? "; " : "") + all[i];
  if (all.size() > shown) {
    out += "; and " + std::to_string(all.size() - shown) + " more differences";
  }
  return out;
}

}  // namespace auditsim::store
