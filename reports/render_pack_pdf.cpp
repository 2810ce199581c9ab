// The printed pack as PDF: the facilitator's guide, then the handouts, each team's set starting
// on a new page with its own running header, so a page that strays from the guide to a table is
// recognisable at a glance. Part B scenarios carry the exempt marking on every page (the
// document writer draws it in each header and footer).
#include <cmark-gfm.h>

#include <algorithm>

#include "reports/markdown_tree.hpp"
#include "reports/pack.hpp"
#include "reports/render_pdf_doc.hpp"
#include "reports/render_text.hpp"

namespace auditsim::reports {
namespace {

using pdf::Doc;
using text::one_line;

// The text of a table cell, its formatting dropped.
std::string cell_text(cmark_node* cell) {
  std::string out;
  cmark_iter* it = cmark_iter_new(cell);
  for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE;) {
    cmark_node* n = cmark_iter_get_node(it);
    if (ev != CMARK_EVENT_ENTER) continue;
    const cmark_node_type type = cmark_node_get_type(n);
    if (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE) out += cmark_node_get_literal(n);
    else if (type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK) out += ' ';
  }
  cmark_iter_free(it);
  return out;
}

void table_block(Doc& doc, cmark_node* table) {
  std::vector<pdf::Column> columns;
  std::vector<std::vector<std::string>> rows;
  for (cmark_node* row = cmark_node_first_child(table); row; row = cmark_node_next(row)) {
    std::vector<std::string> cells;
    for (cmark_node* cell = cmark_node_first_child(row); cell; cell = cmark_node_next(cell))
      cells.push_back(cell_text(cell));
    if (text::is_table_header_row(row)) {
      for (const std::string& c : cells) columns.push_back({c.empty() ? " " : c, 1});
    } else {
      rows.push_back(std::move(cells));
    }
  }
  if (columns.empty()) return;
  // Each column as wide as its longest text suggests, within limits, so a column of long
  // summaries is not squeezed to the width of a column of dates.
  for (size_t c = 0; c < columns.size(); ++c) {
    size_t longest = columns[c].heading.size();
    for (const auto& row : rows)
      if (c < row.size()) longest = std::max(longest, row[c].size());
    columns[c].share = std::clamp(static_cast<double>(longest), 6.0, 60.0);
  }
  doc.table(columns, rows);
}

// Stage text and documents as they read on paper: paragraphs, headings in bold, lists as
// bullets and pipe tables as tables (the evidence relies on them).
void markdown_blocks(Doc& doc, const std::string& md) {
  text::CmarkDoc tree = text::parse_markdown_tree(md, true);
  if (!tree) {
    doc.paragraph(md);
    return;
  }
  for (cmark_node* block = cmark_node_first_child(tree.get()); block; block = cmark_node_next(block)) {
    if (text::is_table(block)) {
      table_block(doc, block);
      continue;
    }
    char* rendered = cmark_render_commonmark(block, CMARK_OPT_DEFAULT, 0);
    const std::string plain = text::markdown_to_plain(rendered ? rendered : "");
    free(rendered);
    const bool heading = cmark_node_get_type(block) == CMARK_NODE_HEADING;
    size_t from = 0;
    while (from <= plain.size()) {
      size_t nl = plain.find('\n', from);
      if (nl == std::string::npos) nl = plain.size();
      const std::string line = plain.substr(from, nl - from);
      from = nl + 1;
      if (line.empty()) continue;
      if (heading) doc.bold_paragraph(line);
      else if (line.rfind("\u2022 ", 0) == 0) doc.bullet(line.substr(4));
      else doc.paragraph(line);
    }
  }
}

std::string numbers(const char* what, const std::vector<int>& list) {
  std::string out;
  for (int n : list) out += (out.empty() ? std::string(what) : std::string(", ")) + std::to_string(n);
  return out;
}

void handout_choices(Doc& doc, const std::vector<HandoutChoice>& choices) {
  for (const HandoutChoice& c : choices)
    doc.bullet(one_line(c.text) + (c.offered.empty() ? "" : " (" + c.offered + ")"), c.letter + ".");
}

void guide_stage(Doc& doc, const GuideStage& g) {
  const HandoutStage& s = g.shown;
  doc.heading(2, "Stage " + std::to_string(s.number) + ": " + s.title);
  std::vector<std::pair<std::string, std::string>> facts{{"In the file", g.id}};
  if (!s.time_limit.empty()) facts.emplace_back("Time", s.time_limit);
  if (!g.timeout.empty()) facts.emplace_back("Time runs out", g.timeout);
  if (!s.documents.empty()) facts.emplace_back("Documents", numbers("", s.documents));
  if (!g.outcome.empty()) facts.emplace_back("Ending", g.outcome);
  doc.facts(facts);
  markdown_blocks(doc, s.text);
  for (const std::string& i : g.injects) doc.paragraph(i);
  if (!g.prompts.empty()) {
    doc.heading(3, "Ask the room");
    for (const std::string& p : g.prompts) doc.bullet(one_line(p));
  }
  for (const GuideChoice& c : g.choices) {
    doc.heading(3, "Choice " + c.shown.letter + (c.on_timeout ? " (taken when time runs out)" : ""));
    doc.paragraph(one_line(c.shown.text));
    doc.facts(choice_facts(c));
    if (!c.feedback.empty()) doc.markdown(c.feedback);
  }
  if (!g.debrief.empty()) {
    doc.heading(3, "Debrief points");
    markdown_blocks(doc, g.debrief);
  }
}

void guide(Doc& doc, const Pack& p, const FacilitatorGuide& g) {
  doc.title_block("Facilitator guide", p.title, "For " + p.audience, false);
  if (p.exempt)
    doc.notice("Part B: this scenario may be exempt information under Schedule 12A to the Local "
               "Government Act 1972. Keep the guide and the handouts within the session and "
               "collect every copy afterwards.");
  doc.notice("This guide holds the answers: the scores, the feedback and the key actions. Keep "
             "it away from the tables.");
  doc.facts(g.facts);
  markdown_blocks(doc, g.summary);
  doc.heading(1, "Learning objectives");
  if (g.objectives.empty()) doc.paragraph("The scenario sets no learning objectives.");
  for (const std::string& o : g.objectives) doc.bullet(o);
  doc.heading(1, "Timings");
  for (const std::string& t : g.timings) doc.bullet(t);
  doc.heading(1, "How to run it on paper");
  for (const std::string& r : g.reading) doc.paragraph(r);
  doc.heading(1, "Key actions and control questions");
  for (const GuideKeyAction& k : g.key_actions) {
    doc.bold_paragraph(one_line(k.text));
    std::vector<std::pair<std::string, std::string>> facts{{"Pillar", k.pillar}, {"Priority", k.priority}};
    std::string by;
    for (const std::string& b : k.achieved_by) by += (by.empty() ? "" : "; ") + b;
    facts.emplace_back("Achieved by", by.empty() ? "No choice on this audience's paths" : by);
    if (!k.management_action.empty()) facts.emplace_back("Where missed", one_line(k.management_action));
    if (!k.control_question.empty()) {
      facts.emplace_back("Control question", one_line(k.control_question));
      facts.emplace_back("Usually answered by", one_line(k.control_owner));
    }
    doc.facts(facts);
  }
  doc.heading(1, "Stages");
  for (const GuideStage& s : g.stages) guide_stage(doc, s);
  doc.heading(1, "Injects");
  if (g.injects.empty()) doc.paragraph("The scenario has no injects.");
  for (const GuideInject& i : g.injects) {
    doc.heading(2, "Inject " + std::to_string(i.shown.number) + ": " + i.shown.title);
    std::vector<std::pair<std::string, std::string>> facts{{"When", i.timing}};
    if (!i.shown.from.empty()) facts.emplace_back("From", i.shown.from);
    if (!i.documents.empty()) facts.emplace_back("Documents", numbers("", i.documents));
    doc.facts(facts);
    markdown_blocks(doc, i.shown.text);
  }
  doc.heading(1, "Documents");
  doc.facts(g.documents);
  doc.heading(1, "How to score");
  for (const std::string& s : g.scoring) doc.paragraph(s);
}

void handouts(Doc& doc, const Pack& p, const Handouts& h, const std::string& team, bool first) {
  const std::string who = team.empty() ? "Handout" : "Handout for " + team;
  doc.set_running(who + ": " + one_line(p.title));
  if (!first) doc.new_page();
  doc.title_block(team.empty() ? "Handouts: one set to copy for each team" : "Handouts for " + team,
                  p.title, "For " + p.audience, false);
  doc.notice(h.key);
  // Stage 1 follows the set's heading on its first page; every later stage has a page of its
  // own, so the facilitator hands over one sheet at a time.
  bool first_stage = true;
  for (const HandoutStage& s : h.stages) {
    if (!first_stage) doc.new_page();
    first_stage = false;
    doc.heading(1, "Stage " + std::to_string(s.number) + ": " + s.title);
    std::vector<std::pair<std::string, std::string>> facts;
    if (!team.empty()) facts.emplace_back("Team", team);
    if (!s.time_limit.empty()) facts.emplace_back("Time", s.time_limit);
    if (!s.documents.empty())
      facts.emplace_back("Read", numbers(s.documents.size() == 1 ? "Document " : "Documents ", s.documents));
    if (!facts.empty()) doc.facts(facts);
    markdown_blocks(doc, s.text);
    if (!s.choices.empty()) {
      doc.heading(2, "Your choices");
      handout_choices(doc, s.choices);
    }
  }
  for (const PackDocument& d : h.documents) {
    doc.new_page();
    doc.heading(1, "Document " + std::to_string(d.number) + ": " + d.title);
    if (!d.kind.empty()) doc.paragraph(text::humanise_key(d.kind));
    markdown_blocks(doc, d.text);
  }
  if (!h.injects.empty()) {
    doc.new_page();
    doc.heading(1, "Inject cards");
    doc.paragraph("Cut these apart; the facilitator hands each one over when it arrives.");
    for (const HandoutInject& i : h.injects) {
      doc.heading(2, "Inject " + std::to_string(i.number) + ": " + i.title);
      if (!i.from.empty()) doc.paragraph("From: " + i.from);
      markdown_blocks(doc, i.text);
    }
  }
}

}  // namespace

std::string render_pack_pdf(const Pack& p) {
  const std::string guide_running = "Facilitator guide: not for the teams";
  const std::string first_running =
      p.guide ? guide_running
              : (p.handouts && !p.handouts->teams.empty() ? "Handout for " + p.handouts->teams.front()
                                                          : std::string("Handout")) +
                    ": " + one_line(p.title);
  return pdf::render_document(p.settings, first_running, "Printed pack: " + p.title, [&](Doc& doc) {
    if (p.guide) guide(doc, p, *p.guide);
    if (!p.handouts) return;
    const std::vector<std::string> teams =
        p.handouts->teams.empty() ? std::vector<std::string>{""} : p.handouts->teams;
    bool first = !p.guide;
    for (const std::string& team : teams) {
      handouts(doc, p, *p.handouts, team, first);
      first = false;
    }
  });
}

}  // namespace auditsim::reports
