// The printed pack as Markdown, for a council to open in its own editor and print with its house
// style. Sections follow the PDF; a Part B scenario's marking heads the file and every handout.
#include <string>

#include "reports/pack.hpp"
#include "reports/render_text.hpp"

namespace auditsim::reports {
namespace {

using text::one_line;

// Text that is not Markdown, made safe to put in a Markdown paragraph or list item.
std::string md_escape(std::string_view s) {
  std::string out;
  for (char c : one_line(s)) {
    if (c == '\\' || c == '*' || c == '_' || c == '`' || c == '<' || c == '>' || c == '#' ||
        c == '|' || c == '[' || c == ']')
      out += '\\';
    out += c;
  }
  return out;
}

void facts(std::string& out, const std::vector<std::pair<std::string, std::string>>& rows) {
  for (const auto& [k, v] : rows) out += "- **" + md_escape(k) + ":** " + md_escape(v) + "\n";
  out += "\n";
}

std::string numbers(const std::vector<int>& list) {
  std::string out;
  for (int n : list) out += (out.empty() ? "" : ", ") + std::to_string(n);
  return out;
}

void block(std::string& out, const std::string& md) {
  if (md.empty()) return;
  out += text::clean(md);
  if (out.back() != '\n') out += '\n';
  out += '\n';
}

// Author Markdown as a quotation: the feedback beside its choice.
void quote(std::string& out, const std::string& md) {
  std::string body = text::clean(md), line;
  while (!body.empty() && body.back() == '\n') body.pop_back();
  for (char c : body + "\n") {
    if (c != '\n') {
      line += c;
      continue;
    }
    out += line.empty() ? ">\n" : "> " + line + "\n";
    line.clear();
  }
  out += "\n";
}

void marking(std::string& out, const Pack& p) {
  if (p.exempt) out += "**" + std::string(text::kExemptMarking) + "**\n\n";
}

void guide(std::string& out, const Pack& p, const FacilitatorGuide& g) {
  out += "# Facilitator guide: " + md_escape(p.title) + "\n\n";
  marking(out, p);
  out += "*This guide holds the answers: the scores, the feedback and the key actions. Keep it "
         "away from the tables.*\n\n";
  facts(out, g.facts);
  block(out, g.summary);
  out += "## Learning objectives\n\n";
  for (const std::string& o : g.objectives) out += "- " + md_escape(o) + "\n";
  out += "\n## Timings\n\n";
  for (const std::string& t : g.timings) out += "- " + md_escape(t) + "\n";
  out += "\n## How to run it on paper\n\n";
  for (const std::string& r : g.reading) out += md_escape(r) + "\n\n";
  out += "## Key actions and control questions\n\n";
  for (const GuideKeyAction& k : g.key_actions) {
    out += "**" + md_escape(k.text) + "**\n\n";
    std::string by;
    for (const std::string& b : k.achieved_by) by += (by.empty() ? "" : "; ") + b;
    std::vector<std::pair<std::string, std::string>> rows{
        {"Pillar", k.pillar}, {"Priority", k.priority},
        {"Achieved by", by.empty() ? "No choice on this audience's paths" : by}};
    if (!k.management_action.empty()) rows.emplace_back("Where missed", k.management_action);
    if (!k.control_question.empty()) {
      rows.emplace_back("Control question", k.control_question);
      rows.emplace_back("Usually answered by", k.control_owner);
    }
    facts(out, rows);
  }
  out += "## Stages\n\n";
  for (const GuideStage& s : g.stages) {
    out += "### Stage " + std::to_string(s.shown.number) + ": " + md_escape(s.shown.title) + "\n\n";
    std::vector<std::pair<std::string, std::string>> rows{{"In the file", s.id}};
    if (!s.shown.time_limit.empty()) rows.emplace_back("Time", s.shown.time_limit);
    if (!s.timeout.empty()) rows.emplace_back("Time runs out", s.timeout);
    if (!s.shown.documents.empty()) rows.emplace_back("Documents", numbers(s.shown.documents));
    if (!s.outcome.empty()) rows.emplace_back("Ending", s.outcome);
    facts(out, rows);
    block(out, s.shown.text);
    for (const std::string& i : s.injects) out += md_escape(i) + "\n\n";
    if (!s.prompts.empty()) {
      out += "**Ask the room**\n\n";
      for (const std::string& q : s.prompts) out += "- " + md_escape(q) + "\n";
      out += "\n";
    }
    for (const GuideChoice& c : s.choices) {
      out += "**Choice " + c.shown.letter + (c.on_timeout ? " (taken when time runs out)" : "") +
             ":** " + md_escape(c.shown.text) + "\n\n";
      facts(out, choice_facts(c));
      if (!c.feedback.empty()) quote(out, c.feedback);
    }
    if (!s.debrief.empty()) {
      out += "**Debrief points**\n\n";
      block(out, s.debrief);
    }
  }
  out += "## Injects\n\n";
  for (const GuideInject& i : g.injects) {
    out += "### Inject " + std::to_string(i.shown.number) + ": " + md_escape(i.shown.title) + "\n\n";
    std::vector<std::pair<std::string, std::string>> rows{{"When", i.timing}};
    if (!i.shown.from.empty()) rows.emplace_back("From", i.shown.from);
    if (!i.documents.empty()) rows.emplace_back("Documents", numbers(i.documents));
    facts(out, rows);
    block(out, i.shown.text);
  }
  out += "## Documents\n\n";
  facts(out, g.documents);
  out += "## How to score\n\n";
  for (const std::string& s : g.scoring) out += md_escape(s) + "\n\n";
}

void handouts(std::string& out, const Pack& p, const Handouts& h, const std::string& team) {
  out += "# " + (team.empty() ? std::string("Handouts") : "Handouts for " + md_escape(team)) + ": " +
         md_escape(p.title) + "\n\n";
  marking(out, p);
  out += md_escape(h.key) + "\n\n";
  for (const HandoutStage& s : h.stages) {
    out += "## Stage " + std::to_string(s.number) + ": " + md_escape(s.title) + "\n\n";
    marking(out, p);
    std::vector<std::pair<std::string, std::string>> rows;
    if (!team.empty()) rows.emplace_back("Team", team);
    if (!s.time_limit.empty()) rows.emplace_back("Time", s.time_limit);
    if (!s.documents.empty())
      rows.emplace_back("Read", (s.documents.size() == 1 ? "Document " : "Documents ") + numbers(s.documents));
    if (!rows.empty()) facts(out, rows);
    block(out, s.text);
    for (const HandoutChoice& c : s.choices)
      out += "- **" + c.letter + ".** " + md_escape(c.text) +
             (c.offered.empty() ? "" : " (" + md_escape(c.offered) + ")") + "\n";
    if (!s.choices.empty()) out += "\n";
  }
  for (const PackDocument& d : h.documents) {
    out += "## Document " + std::to_string(d.number) + ": " + md_escape(d.title) + "\n\n";
    marking(out, p);
    block(out, d.text);
  }
  if (!h.injects.empty()) out += "## Inject cards\n\n";
  for (const HandoutInject& i : h.injects) {
    out += "### Inject " + std::to_string(i.number) + ": " + md_escape(i.title) + "\n\n";
    if (!i.from.empty()) out += "From: " + md_escape(i.from) + "\n\n";
    block(out, i.text);
  }
}

}  // namespace

std::string render_pack_markdown(const Pack& p) {
  std::string out;
  if (p.guide) guide(out, p, *p.guide);
  if (p.handouts) {
    const std::vector<std::string> teams =
        p.handouts->teams.empty() ? std::vector<std::string>{""} : p.handouts->teams;
    for (const std::string& team : teams) {
      if (!out.empty()) out += "\n---\n\n";
      handouts(out, p, *p.handouts, team);
    }
  }
  return out;
}

}  // namespace auditsim::reports
