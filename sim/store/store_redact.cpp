// Names the store must not give away: events' redaction lists, the names a public report must
// replace, and the free-text rewriting shared by erasure and import (erased people stay erased).
#include <nlohmann/json.hpp>
#include <set>

#include "sim/redact.hpp"
#include "sim/store/store_impl.hpp"
#include "sim/store/store_redact.hpp"

namespace auditsim::store {

namespace {

// Every column where people type free text, and how its rows belong to sessions. Ids, fixed
// values (roles, kinds, statuses), display names and scenario snapshots are not free text.
struct TextColumn {
  const char* table;
  const char* column;
  const char* scope;  // column naming the session, "event" for rows of an event, "" for neither
  bool json;          // a JSON document whose string values are free text
};
constexpr TextColumn kTextColumns[] = {
    {"events", "name", "event", false},
    {"events", "facilitator", "event", false},
    {"event_redactions", "name", "event", false},
    {"front_sheets", "body", "event", true},
    {"sessions", "team", "uuid", false},
    {"sessions", "state_json", "uuid", true},
    {"decisions", "rationale", "session", false},
    {"decisions", "dissent", "session", false},
    {"decisions", "state_after", "session", true},
    {"notes", "body", "session", false},
    {"score_overrides", "reason", "session", false},
    {"score_overrides", "overridden_by", "session", false},
    {"actions", "action_text", "session", false},
    {"actions", "owner", "session", false},
    {"actions", "finding", "session", false},
    {"control_checks", "evidence", "session", false},
    {"control_checks", "evidence_ref", "session", false},
    {"control_checks", "owner", "session", false},
    {"control_checks", "condition", "session", false},
    {"control_checks", "criteria", "session", false},
    {"control_checks", "cause", "session", false},
    {"control_checks", "effect", "session", false},
    {"control_checks", "changed_by", "session", false},
    {"recommendations", "body", "session", false},
    {"recommendations", "addressee", "session", false},
    {"recommendations", "changed_by", "session", false},
    {"responses", "responder", "session", false},
    {"responses", "body", "session", false},
    {"opinion_settings", "reason", "session", false},
    {"opinion_settings", "set_by", "session", false},
    {"audit_scope", "testing_note", "session", false},
    {"audit_scope", "changed_by", "session", false},
    {"action_updates", "note", "session", false},
    {"action_updates", "review", "session", false},
    {"action_updates", "updated_by", "session", false},
    // Statements for the LRS carry event and team names: one still to be sent must not take an
    // erased name there, and the copy of a sent one kept here must not keep it either.
    {"xapi_outbox", "statement", "", true},
};

// Replaces names in every string of a JSON document. False when nothing changed.
bool redact_json(nlohmann::json& j, const redact::NameMatcher& m, int64_t& mentions) {
  bool changed = false;
  if (j.is_string()) {
    std::vector<redact::Span> spans;
    std::string out = m.replace(j.get_ref<const std::string&>(), &spans);
    if (!spans.empty()) {
      j = std::move(out);
      mentions += static_cast<int64_t>(spans.size());
      changed = true;
    }
  } else if (j.is_structured()) {
    for (auto& v : j) changed |= redact_json(v, m, mentions);
  }
  return changed;
}

// `text` with names replaced; false when there were none.
bool redact_field(std::string& text, bool json, const redact::NameMatcher& m, int64_t& mentions) {
  if (json) {
    nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_discarded()) {
      if (!redact_json(j, m, mentions)) return false;
      text = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      return true;
    }
  }
  std::vector<redact::Span> spans;
  std::string out = m.replace(text, &spans);
  if (spans.empty()) return false;
  text = std::move(out);
  mentions += static_cast<int64_t>(spans.size());
  return true;
}

}  // namespace

void redact_free_text(Db& db, const redact::NameMatcher& m, const std::string& sessions,
                      EraseReport& report) {
  if (m.empty()) return;
  for (const TextColumn& c : kTextColumns) {
    const std::string table = c.table, col = c.column, scope = c.scope;
    const bool by_event = scope == "event";
    // Rows of no session are never imported: only erasure (all sessions) reaches them.
    if (scope.empty() && !sessions.empty()) continue;
    // event_redactions has no rowid: its key is (event, name).
    const std::string key = table == "event_redactions" ? "event" : "rowid";
    std::string where = "WHERE " + col + " <> ''";
    if (!sessions.empty() && !scope.empty())
      where += by_event ? " AND " + std::string(table == "events" ? "uuid" : "event") +
                              " IN (SELECT event FROM main.sessions WHERE uuid IN " + sessions + ")"
                        : " AND " + scope + " IN " + sessions;
    std::vector<std::pair<std::string, std::string>> rows;  // key, text
    {
      Stmt q(db, "SELECT " + key + ", " + col + " FROM main." + table + " " + where);
      while (q.step()) rows.emplace_back(q.column_text(0), q.column_text(1));
    }
    int64_t changed = 0;
    for (auto& [k, text] : rows) {
      std::string before = text;
      if (!redact_field(text, c.json, m, report.mentions)) continue;
      if (key == "rowid") {
        Stmt u(db, "UPDATE main." + table + " SET " + col + " = ? WHERE rowid = ?");
        u.bind(1, text).bind(2, static_cast<int64_t>(std::stoll(k))).run();
      } else {
        Stmt u(db,
               "UPDATE OR REPLACE main.event_redactions SET name = ? WHERE event = ? AND name = ?");
        u.bind_all(text, k, before).run();
      }
      ++changed;
    }
    if (changed > 0) {
      report.text_replacements += changed;
      report.fields.emplace_back(table + "." + col, changed);
    }
  }
}

redact::NameMatcher erasure_matcher(Db& db, const std::vector<redact::Person>& erased) {
  std::vector<redact::Person> people = erased;
  std::set<std::string> names;
  for (const redact::Person& p : erased) names.insert(redact::fold(p.name));
  // Everyone else keeps their name: "Bob Smith" stays when Ann Smith is erased.
  Query q = db.query("SELECT display_name FROM main.participants WHERE erased_at IS NULL");
  while (q->step()) {
    std::string name = q->column_text(0);
    if (!names.count(redact::fold(name))) people.push_back({name, "", true});
  }
  return redact::NameMatcher(std::move(people));
}

void keep_erased_out(Db& db, const std::string& src, const std::string& new_sessions,
                     ImportReport& report) {
  struct Found {
    std::string id, name, pseudonym, erased_at;
  };
  std::vector<Found> found;
  {
    Stmt q(db,
           "SELECT e.participant, coalesce(o.display_name, ''), "
           "coalesce(m.pseudonym, o.pseudonym, ''), e.erased_at FROM main.erasures e "
           "LEFT JOIN " + src + ".participants o ON o.uuid = e.participant "
           "LEFT JOIN main.participants m ON m.uuid = e.participant "
           "WHERE o.uuid IS NOT NULL OR e.participant IN (SELECT author FROM " + src +
           ".notes WHERE session IN " + new_sessions + ") ORDER BY e.participant");
    while (q.step())
      found.push_back({q.column_text(0), q.column_text(1), q.column_text(2), q.column_text(3)});
  }
  std::vector<redact::Person> names;
  for (const Found& f : found) {
    Query del = db.query("DELETE FROM main.notes WHERE author = ? AND session IN " + new_sessions);
    del->bind(1, f.id).run();
    report.erased_notes_refused += static_cast<int>(db.changes());
    // A row copied just now carries the name: it becomes the pseudonym, as erasure left it.
    Query upd = db.query(
        "UPDATE main.participants SET display_name = pseudonym, "
        "erased_at = coalesce(erased_at, ?) WHERE uuid = ? AND display_name <> pseudonym");
    upd->bind_all(f.erased_at, f.id).run();
    if (!f.name.empty() && f.name != f.pseudonym) names.push_back({f.name, f.pseudonym});
    report.erased_kept_out.push_back(f.id);
  }
  if (names.empty()) return;
  EraseReport scrubbed;
  redact_free_text(db, erasure_matcher(db, names), new_sessions, scrubbed);
  report.erased_mentions_replaced += scrubbed.mentions;
}

void import_redactions(Db& db, const std::string& src, ImportReport& report) {
  db.exec("INSERT OR IGNORE INTO main.event_redactions(event, name, created_at) "
          "SELECT event, name, created_at FROM " + src + ".event_redactions "
          "WHERE event IN (SELECT uuid FROM main.events) AND length(trim(name)) > 0");
  report.redactions_added += static_cast<int>(db.changes());
  // A front sheet comes with its event; one already saved here is the clerk's latest and stays.
  db.exec("INSERT OR IGNORE INTO main.front_sheets(event, body, updated_at) "
          "SELECT event, body, updated_at FROM " + src + ".front_sheets "
          "WHERE event IN (SELECT uuid FROM main.events)");
}

std::string erase_message(const EraseReport& r) {
  std::string s = "Erased " + std::to_string(r.participants) + " participant(s), now";
  for (size_t i = 0; i < r.pseudonyms.size(); ++i) s += (i ? ", " : " ") + r.pseudonyms[i];
  s += ": their name, " + std::to_string(r.notes_removed) + " note(s) they wrote, and " +
       std::to_string(r.mentions) + " mention(s) of them in " +
       std::to_string(r.text_replacements) + " field(s) replaced by the pseudonym";
  for (size_t i = 0; i < r.fields.size(); ++i)
    s += (i ? ", " : " (") + r.fields[i].first + " " + std::to_string(r.fields[i].second) +
         (i + 1 == r.fields.size() ? ")" : "");
  if (r.statements_dropped + r.voids_queued == 0) {
    s += ". No statement about their sessions was waiting for or held by the learning record store";
  } else {
    s += ". At the learning record store: " + std::to_string(r.statements_dropped) +
         " statement(s) about their sessions not yet sent were dropped and will never arrive; " +
         std::to_string(r.voids_queued) +
         " voiding statement(s) were queued for those it already has, which it will then keep "
         "only as voided (its operator purges them: see the deployment guide)";
  }
  s += r.file_scrubbed ? ". The name no longer occurs in the database file."
                       : ". Another program has the database open, so old copies may remain in "
                         "its journal: run the erasure again once it is closed.";
  return s + " A name typed in a form no matcher recognises (a nickname, a misspelling) is not "
             "found: search the notes for it.";
}

void Store::add_redaction(const std::string& event, const std::string& name) {
  Db& db = impl_->db;
  const bool blank = name.find_first_not_of(" \t\r\n") == std::string::npos;
  if (blank) throw StoreError(ErrorKind::Invalid, "A name to redact cannot be blank.");
  const std::string now = now_utc();
  batch([&] {
    for (const std::string& id : event_ids(db, event)) {
      Query q = db.query("INSERT OR IGNORE INTO event_redactions(event, name, created_at) VALUES(?, ?, ?)");
      q->bind_all(id, name, now).run();
    }
  });
}

bool Store::remove_redaction(const std::string& event, const std::string& name) {
  Db& db = impl_->db;
  bool removed = false;
  batch([&] {
    for (const std::string& id : event_ids(db, event)) {
      Query q = db.query("DELETE FROM event_redactions WHERE event = ? AND name = ?");
      q->bind_all(id, name).run();
      removed |= db.changes() > 0;
    }
  });
  return removed;
}

std::vector<std::string> Store::list_redactions(const std::string& event) {
  Db& db = impl_->db;
  std::set<std::string> names;
  for (const std::string& id : event_ids(db, event)) {
    Query q = db.query("SELECT name FROM event_redactions WHERE event = ?");
    q->bind(1, id);
    while (q->step()) names.insert(q->column_text(0));
  }
  return {names.begin(), names.end()};
}

NamesToRedact Store::names_to_redact(const std::vector<std::string>& ids) {
  Db& db = impl_->db;
  NamesToRedact out;
  std::set<std::string> seen, facilitators, others;
  auto people = [&](const std::string& where, const std::string& id) {
    Query q = db.query(std::string(kParticipantCols) + where);
    if (!id.empty()) q->bind(1, id);
    while (q->step()) {
      Participant p = read_participant(*q);
      if (seen.insert(p.id).second) out.participants.push_back(std::move(p));
    }
  };
  auto event_names = [&](const std::string& where, const std::string& id) {
    Query f = db.query("SELECT facilitator FROM events " + where);
    if (!id.empty()) f->bind(1, id);
    while (f->step()) facilitators.insert(f->column_text(0));
    Query o = db.query("SELECT name FROM event_redactions " +
                       (where.empty() ? where : std::string("WHERE event = ?1")));
    if (!id.empty()) o->bind(1, id);
    while (o->step()) others.insert(o->column_text(0));
  };
  if (ids.empty()) {
    people("", "");
    event_names("", "");
  } else {
    for (const std::string& id : ids) {
      people("WHERE uuid IN (SELECT sp.participant FROM session_participants sp JOIN sessions s "
             "ON s.uuid = sp.session WHERE s.event = ?1) OR uuid IN (SELECT n.author FROM notes n "
             "JOIN sessions s ON s.uuid = n.session WHERE s.event = ?1)",
             id);
      event_names("WHERE uuid = ?1", id);
    }
  }
  facilitators.erase("");
  out.facilitators.assign(facilitators.begin(), facilitators.end());
  out.others.assign(others.begin(), others.end());
  return out;
}

}  // namespace auditsim::store
