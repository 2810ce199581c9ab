// Import of the desktop audit, row by row. The audit half of a session grows after play (checks
// recorded at a later meeting, responses months later), often on another laptop, so a session
// in both files is not a conflict just because one has more audit rows: each row is merged by
// its own id. Rows of the other file are hostile: each is checked as the write methods check
// what a user types, and the first that fails refuses the whole import.
#include "sim/store/audit_import.hpp"

#include <map>
#include <optional>
#include <set>
#include <utility>
#include <vector>

#include "sim/dates.hpp"
#include "sim/store/audit_rows.hpp"
#include "sim/store/audit_rules.hpp"
#include "sim/store/store_impl.hpp"

namespace auditsim::store {

namespace {

constexpr const char* kAuditTables[] = {"control_checks",   "recommendations", "responses",
                                        "opinion_settings", "audit_scope",     "action_updates"};

constexpr int64_t kNextSeq = 0;

std::string clause(std::string problem) {
  while (!problem.empty() && problem.back() == '.') problem.pop_back();
  return problem;
}

class Merger {
 public:
  Merger(Db& db, std::string src, ImportReport& report,
         const std::function<void(const std::string&)>& refuse)
      : db_(db), src_(std::move(src)), report_(report), refuse_(refuse) {}

  void refuse_orphans() {
    for (const char* t : kAuditTables) {
      Stmt q(db_, "SELECT count(*) FROM " + src_ + "." + t +
                               " WHERE session NOT IN "
                               "(SELECT uuid FROM " +
                               src_ + ".sessions)");
      q.step();
      if (q.column_int(0) > 0)
        refuse_("has " + std::to_string(q.column_int(0)) + " row(s) of '" + t +
                "' belonging to no session in it");
    }
  }

  // The improvement plans of the sessions in both files, all at once (every session of a
  // re-imported file is in both): actions made on either laptop after play (from agreed
  // recommendations) are all kept. An action's status is not compared where it has updates:
  // its latest update settles it (action_updates()).
  void plan_actions() {
    const std::string both = "(SELECT uuid FROM temp.import_both)";
    const std::string canon_o = canonical("actions", {"status", "updated_at"}, "o.");
    const std::string canon_m = canonical("actions", {"status", "updated_at"}, "m.");
    {
      Stmt q(
          db_,
          "SELECT o.uuid FROM " + src_ +
              ".actions o JOIN main.actions m ON m.uuid = o.uuid "
              "WHERE o.session IN " +
              both + " AND ((" + canon_o + ") IS NOT (" + canon_m + ")" +
              " OR (o.status IS NOT m.status AND NOT EXISTS (SELECT 1 FROM main.action_updates u "
              "WHERE u.action_item = o.uuid) AND NOT EXISTS (SELECT 1 FROM " +
              src_ + ".action_updates u WHERE u.action_item = o.uuid))) ORDER BY o.uuid");
      while (q.step())
        report_.conflicts.push_back({"action", q.column_text(0),
                                     "the other file's improvement action differs; this "
                                     "database's was kept"});
    }
    const std::string fresh = " FROM " + src_ + ".actions WHERE session IN " + both +
                              " AND uuid NOT IN (SELECT uuid FROM main.actions)";
    db_.exec("INSERT OR IGNORE INTO temp.import_touched SELECT DISTINCT session" + fresh);
    const std::string cols = join_columns(table_columns(db_, "main", "actions"));
    try {
      db_.exec("INSERT INTO main.actions(" + cols + ") SELECT " + cols + fresh);
    } catch (const StoreError& e) {
      if (e.kind() != ErrorKind::Invalid) throw;
      refuse_("has an improvement action that auditsim refuses: " + clause(e.what()));
    }
    report_.audit_rows_added += static_cast<int>(db_.changes());
    // Every action of the other file's sessions has a real due date or none.
    Stmt q(db_, "SELECT session, due_date FROM " + src_ +
                             ".actions WHERE due_date <> '' AND session IN "
                             "(SELECT uuid FROM temp.import_new UNION SELECT uuid FROM "
                             "temp.import_both)");
    while (q.step())
      if (!is_iso_date(q.column_text(1)))
        refuse_("has an improvement action in session " + q.column_text(0).substr(0, 8) +
                " that auditsim refuses: " +
                clause(not_a_date_message("its due date", q.column_text(1))));
  }

  void session(const std::string& s, bool both) {
    session_ = s;
    where_ = " in session " + s.substr(0, 8);
    next_seq_.clear();
    keys_ = key_actions();
    recommendations();
    action_references();
    responses();
    checks();
    opinions();
    scope();
    action_updates();
    if (both && touched_) {
      Query q = db_.query("INSERT OR IGNORE INTO temp.import_touched VALUES(?)");
      q->bind(1, s).run();
    }
    touched_ = false;
  }

 private:
  [[noreturn]] void refuse(const std::string& what, const std::string& problem) {
    refuse_("has " + what + where_ + " that auditsim refuses: " + clause(problem));
    throw StoreError(ErrorKind::Foreign, "refused");  // refuse_ throws; this keeps [[noreturn]]
  }

  KeyActions key_actions() {
    Query q = db_.query(
        "SELECT sn.sha256, sn.scenario_id FROM main.sessions s "
        "JOIN main.scenario_snapshots sn ON sn.sha256 = s.snapshot WHERE s.uuid = ?");
    q->bind(1, session_);
    KeyActions k;
    if (!q->step()) return k;
    k.scenario_id = q->column_text(1);
    const std::string sha = q->column_text(0);
    auto it = parsed_.find(sha);
    if (it == parsed_.end()) {
      // The source is read only once per scenario: thousands of sessions share a few.
      Stmt src(db_, "SELECT source_text FROM main.scenario_snapshots WHERE sha256 = ?");
      src.bind(1, sha);
      src.step();
      it = parsed_.emplace(sha, snapshot_key_actions(src.column_text(0))).first;
    }
    k.ids = it->second;
    return k;
  }

  // quote() of every column but those that only say where a row sits (`skip`), so a row merged
  // after this database's own rows compares equal to its original.
  std::string canonical(const std::string& table, const std::set<std::string>& skip,
                        const std::string& prefix = "") {
    std::string expr;
    for (const std::string& c : table_columns(db_, "main", table)) {
      if (skip.count(c)) continue;
      if (!expr.empty()) expr += " || char(31) || ";
      expr += "quote(" + prefix + c + ")";
    }
    return expr;
  }

  std::optional<std::string> text_of(const std::string& sql, const std::string& a,
                                     std::optional<int64_t> b = std::nullopt) {
    Query q = db_.query(sql);
    q->bind(1, a);
    if (b) q->bind(2, *b);
    if (!q->step()) return std::nullopt;
    return q->column_text(0);
  }

  int64_t take_seq(const std::string& table) {
    auto it = next_seq_.find(table);
    if (it == next_seq_.end()) {
      Query q =
          db_.query("SELECT coalesce(max(seq), 0) + 1 FROM main." + table + " WHERE session = ?");
      q->bind(1, session_);
      q->step();
      it = next_seq_.emplace(table, q->column_int(0)).first;
    }
    return it->second++;
  }

  // Adds the other file's row `rowid` of `table` unless a row with its key is here: then it is
  // skipped when equal, else reported as a conflict. `placed` are columns given new values here:
  // a number, or the session's next seq (kNextSeq, taken only when the row is added, so the
  // seqs stay 1, 2, 3...). True when the row was added.
  bool merge_row(const std::string& table, const std::string& kind, int64_t rowid,
                 const std::string& uuid, std::optional<int64_t> version,
                 const std::vector<std::pair<std::string, int64_t>>& placed) {
    const Sql& sql = sql_for(table, placed);
    if (auto mine = text_of(sql.mine, uuid, version)) {
      Query q = db_.query(sql.theirs);
      q->bind(1, rowid);
      q->step();
      if (q->column_text(0) != *mine)
        report_.conflicts.push_back(
            {kind, uuid + (version ? " version " + std::to_string(*version) : ""),
             "the other file's " + kind + " differs; this database's was kept"});
      return false;
    }
    Query ins = db_.query(sql.insert);
    ins->bind(1, rowid);
    for (size_t i = 0; i < placed.size(); ++i)
      ins->bind(static_cast<int>(i + 2),
                placed[i].first == "seq" ? take_seq(table) : placed[i].second);
    try {
      ins->run();
    } catch (const StoreError& e) {
      if (e.kind() != ErrorKind::Invalid) throw;
      refuse("a row of '" + table + "'", e.what());
    }
    ++report_.audit_rows_added;
    touched_ = true;
    return true;
  }

  // The statements merge_row runs for one table, built once: the row here with the key, the
  // other file's row, and the insert giving the `placed` columns their new values (?2, ?3...).
  struct Sql {
    std::string mine, theirs, insert;
  };
  const Sql& sql_for(const std::string& table,
                     const std::vector<std::pair<std::string, int64_t>>& placed) {
    auto it = sql_.find(table);
    if (it != sql_.end()) return it->second;
    std::set<std::string> skip;
    for (const auto& [col, value] : placed) skip.insert(col);
    const std::string canon = canonical(table, skip);
    const bool versioned = table == "recommendations";
    Sql sql;
    sql.mine = "SELECT " + canon + " FROM main." + table + " WHERE uuid = ?1" +
               (versioned ? " AND version = ?2" : "");
    sql.theirs = "SELECT " + canon + " FROM " + src_ + "." + table + " WHERE rowid = ?";
    std::string cols, values;
    for (const std::string& c : table_columns(db_, "main", table)) {
      cols += (cols.empty() ? "" : ", ") + c;
      std::string value = c;
      for (size_t i = 0; i < placed.size(); ++i)
        if (placed[i].first == c) value = "?" + std::to_string(i + 2);
      values += (values.empty() ? "" : ", ") + value;
    }
    sql.insert = "INSERT INTO main." + table + "(" + cols + ") SELECT " + values + " FROM " + src_ +
                 "." + table + " WHERE rowid = ?1";
    return sql_.emplace(table, std::move(sql)).first->second;
  }

  // The other file's rows of this session in `table`: the reader's columns, then rowid, uuid.
  template <typename Fn>
  void for_rows(const std::string& cols, const std::string& table, const std::string& order,
                Fn&& fn) {
    // Cached: run once per audited session (the import clears the cache before detaching).
    Query q = db_.query("SELECT " + cols + ", rowid, uuid FROM " + src_ + "." + table +
                        " WHERE session = ? ORDER BY " + order);
    q->bind(1, session_);
    while (q->step()) fn(*q);
  }

  bool here(const std::string& table, const std::string& uuid) {
    Query q = db_.query("SELECT 1 FROM main." + table + " WHERE uuid = ? AND session = ?");
    q->bind_all(uuid, session_);
    return q->step();
  }

  void recommendations() {
    std::map<std::string, int64_t> numbers;  // uuid -> its number here
    std::set<int64_t> used;
    {
      Query q = db_.query(
          "SELECT uuid, max(number) FROM main.recommendations WHERE session = ? GROUP BY uuid");
      q->bind(1, session_);
      while (q->step()) {
        numbers[q->column_text(0)] = q->column_int(1);
        used.insert(q->column_int(1));
      }
    }
    for_rows(kRecommendationCols, "recommendations", kRecommendationOrder, [&](Stmt& q) {
      const audit::Recommendation r = read_recommendation(q);
      if (!audit::parse_addressee(q.column_text(3)))
        refuse("a recommendation", "it is addressed to '" + q.column_text(3) +
                                       "', which is not one of auditsim's addressees");
      std::vector<std::string> findings;
      if (!parse_findings(q.column_text(6), findings))
        refuse("a recommendation", "its findings are not a list of key actions");
      if (std::string p = recommendation_problem(r, keys_, kImportLimits); !p.empty())
        refuse("a recommendation", p);
      // Two laptops may each have made a recommendation 3: the one new here takes the next
      // free number, and every version of it the same one.
      auto [it, inserted] = numbers.emplace(r.id, r.number);
      if (inserted && !used.insert(r.number).second) {
        it->second = *used.rbegin() + 1;
        used.insert(it->second);
      }
      merge_row("recommendations", "recommendation", q.column_int(kRecommendationColCount), r.id,
                r.version, {{"number", it->second}});
    });
  }

  // Every action of the session (copied with it, or merged just now) that carries out a
  // recommendation carries out one of the same session.
  void action_references() {
    Query q = db_.query(
        "SELECT recommendation FROM main.actions WHERE session = ? AND recommendation <> ''");
    q->bind(1, session_);
    std::vector<std::string> links;
    while (q->step()) links.push_back(q->column_text(0));
    for (const std::string& rec : links)
      if (!here("recommendations", rec))
        refuse("an improvement action",
               "it carries out recommendation " + rec + ", which is not one of its session");
  }

  void responses() {
    for_rows(kResponseCols, "responses", "seq", [&](Stmt& q) {
      const audit::Response r = read_response(q);
      if (!audit::parse_response_kind(q.column_text(4)))
        refuse("a response",
               "its response is '" + q.column_text(4) + "', not agreed, partly or not-agreed");
      if (std::string p = response_problem(r, kImportLimits); !p.empty()) refuse("a response", p);
      if (!here("recommendations", r.recommendation))
        refuse("a response", "it answers recommendation " + r.recommendation +
                                 ", which is not one of its session");
      merge_row("responses", "response", q.column_int(kResponseColCount), r.id, std::nullopt,
                {{"seq", kNextSeq}});
    });
  }

  void checks() {
    for_rows(kCheckCols, "control_checks", kCheckOrder, [&](Stmt& q) {
      const audit::ControlCheck c = read_check(q);
      if (!audit::parse_control_status(q.column_text(2)))
        refuse("a control check", "its status is '" + q.column_text(2) +
                                      "', not in-place, partly, not-in-place or not-known");
      if (std::string p = check_problem(c, keys_, kImportLimits); !p.empty())
        refuse("a control check", p);
      merge_row("control_checks", "control check", q.column_int(kCheckColCount),
                q.column_text(kCheckColCount + 1), std::nullopt, {{"seq", kNextSeq}});
    });
  }

  void opinions() {
    for_rows(kOpinionCols, "opinion_settings", "seq", [&](Stmt& q) {
      if (std::string p = opinion_problem(read_opinion(q), kImportLimits); !p.empty())
        refuse("an opinion setting", p);
      merge_row("opinion_settings", "opinion setting", q.column_int(kOpinionColCount),
                q.column_text(kOpinionColCount + 1), std::nullopt, {{"seq", kNextSeq}});
    });
  }

  void scope() {
    for_rows(kScopeCols, "audit_scope", "seq", [&](Stmt& q) {
      if (!audit::parse_report_stage(q.column_text(3)))
        refuse("an audit scope", "its stage is '" + q.column_text(3) + "', not draft or final");
      if (std::string p = scope_problem(read_scope(q), kImportLimits); !p.empty())
        refuse("an audit scope", p);
      merge_row("audit_scope", "audit scope", q.column_int(kScopeColCount),
                q.column_text(kScopeColCount + 1), std::nullopt, {{"seq", kNextSeq}});
    });
  }

  void action_updates() {
    std::set<std::string> updated;
    for_rows(kActionUpdateCols, "action_updates", "seq", [&](Stmt& q) {
      const audit::ActionUpdate u = read_action_update(q);
      if (std::string p = action_update_problem(u, kImportLimits); !p.empty())
        refuse("an action update", p);
      if (!here("actions", u.action))
        refuse("an action update", "it updates action " + u.action +
                                       ", which is not in its session's improvement plan");
      if (merge_row("action_updates", "action update", q.column_int(kActionUpdateColCount),
                    q.column_text(kActionUpdateColCount + 1), std::nullopt, {{"seq", kNextSeq}}))
        updated.insert(u.action);
    });
    // The plan's status follows each action's latest update, as record_action_update keeps it.
    for (const std::string& action : updated) {
      Query u = db_.query(
          "UPDATE main.actions SET (status, updated_at) = (SELECT status, updated_at FROM "
          "main.action_updates WHERE action_item = ?1 ORDER BY seq DESC LIMIT 1) WHERE uuid = ?1");
      u->bind(1, action).run();
    }
  }

  Db& db_;
  std::string src_;
  ImportReport& report_;
  const std::function<void(const std::string&)>& refuse_;
  std::string session_, where_;
  KeyActions keys_;
  std::map<std::string, int64_t> next_seq_;
  std::map<std::string, std::set<std::string>> parsed_;  // key actions by snapshot sha256
  std::map<std::string, Sql> sql_;
  bool touched_ = false;
};

}  // namespace

void merge_audit(Db& db, const std::string& src, ImportReport& report,
                 const std::function<void(const std::string&)>& refuse) {
  db.exec(
      "CREATE TEMP TABLE IF NOT EXISTS import_touched(uuid TEXT PRIMARY KEY);"
      "DELETE FROM temp.import_touched;");
  Merger m(db, src, report, refuse);
  m.refuse_orphans();
  m.plan_actions();
  // Only sessions with something to merge row by row: desktop-audit rows, or actions carrying
  // a recommendation (checked against the recommendations). An import of thousands of
  // sessions without any costs a few queries.
  std::string audited;
  for (const char* t : kAuditTables)
    audited +=
        std::string(audited.empty() ? "" : " UNION ") + "SELECT session FROM " + src + "." + t;
  std::vector<std::pair<std::string, bool>> sessions;
  {
    Stmt q(db, "SELECT uuid, 0 FROM temp.import_new WHERE uuid IN (" + audited +
                            " UNION SELECT session FROM " + src +
                            ".actions WHERE recommendation <> '') UNION ALL "
                            "SELECT uuid, 1 FROM temp.import_both WHERE uuid IN (" +
                            audited + " UNION SELECT session FROM " + src +
                            ".actions WHERE recommendation <> '') ORDER BY 1");
    while (q.step()) sessions.emplace_back(q.column_text(0), q.column_int(1) != 0);
  }
  for (const auto& [session, both] : sessions) m.session(session, both);
}

}  // namespace auditsim::store
