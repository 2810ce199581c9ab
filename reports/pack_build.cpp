// Builds the printed pack from a Scenario. Stages are numbered in the order a team meets them
// (breadth first from the start), so Stage 1 is where everyone begins and the numbers on the
// guide and on the handouts are the same. Only what the room's audience can reach is printed.
#include <algorithm>
#include <deque>
#include <map>
#include <string>

#include "reports/pack.hpp"
#include "reports/render_text.hpp"
#include "sim/analysis.hpp"
#include "sim/text_render.hpp"

namespace auditsim::reports {
namespace {

std::string audience_label(Audience a) { return a == Audience::Members ? "Members" : "Officers"; }

std::string minutes_text(int64_t seconds) {
  const int64_t m = seconds / 60, s = seconds % 60;
  std::string out;
  if (m > 0) out = std::to_string(m) + (m == 1 ? " minute" : " minutes");
  if (s > 0) out += (out.empty() ? "" : " ") + std::to_string(s) + (s == 1 ? " second" : " seconds");
  return out.empty() ? "0 seconds" : out;
}

std::string letter(size_t i) {
  std::string out;
  for (size_t n = i + 1; n > 0; n = (n - 1) / 26) out.insert(out.begin(), char('A' + (n - 1) % 26));
  return out;
}

// Everything the builders need about one scenario and audience, worked out once.
struct Context {
  const Scenario& s;
  const PackOptions& options;
  Analysis analysis;
  std::vector<int> order;          // node indices in stage order
  std::vector<int> stage_of;       // per node: its stage number, 0 when not printed
  std::vector<int> document_of;    // per evidence: its document number
  std::vector<int> inject_of;      // per inject: its number, 0 when not for this audience
  std::map<std::pair<int, int>, std::string> letter_of;  // (node, choice) -> letter

  Context(const Scenario& sc, const PackOptions& o) : s(sc), options(o) {
    AnalysisOptions ao;
    ao.audience = o.audience;
    ao.max_paths_listed = 0;
    analysis = analyse(s, ao);
    stage_of.assign(s.nodes.size(), 0);
    std::deque<int> queue;
    auto visit = [&](int n) {
      if (n < 0 || n >= static_cast<int>(s.nodes.size()) || stage_of[n] != 0) return;
      if (!analysis.node_reachable.empty() && !analysis.node_reachable[n]) return;
      order.push_back(n);
      stage_of[n] = static_cast<int>(order.size());
      queue.push_back(n);
    };
    visit(s.start);
    while (!queue.empty()) {
      const int n = queue.front();
      queue.pop_front();
      for (size_t c = 0; c < s.nodes[n].choices.size(); ++c)
        if (offered(n, c)) s.nodes[n].choices[c].for_each_target(visit);
    }
    for (size_t e = 0; e < s.evidence.size(); ++e) document_of.push_back(static_cast<int>(e) + 1);
    int injects = 0;
    for (const Inject& in : s.injects)
      inject_of.push_back(in.audience && o.audience && *in.audience != *o.audience ? 0 : ++injects);
    for (int n : order) {
      size_t shown = 0;
      for (size_t c = 0; c < s.nodes[n].choices.size(); ++c)
        if (offered(n, c)) letter_of[{n, static_cast<int>(c)}] = letter(shown++);
    }
  }

  bool offered(int node, size_t choice) const {
    const Choice& c = s.nodes[node].choices[choice];
    if (c.audience && options.audience && *c.audience != *options.audience) return false;
    const auto& ever = analysis.choice_ever_available;
    return ever.empty() || ever[node].empty() || ever[node][choice];
  }

  std::string stage_name(int node) const {
    if (node < 0 || stage_of[node] == 0) return "(not reached by this audience)";
    return "Stage " + std::to_string(stage_of[node]) + ": " + s.nodes[node].title;
  }
  std::string choice_name(int node, int choice) const {
    return "Stage " + std::to_string(stage_of[node]) + ", choice " + letter_of.at({node, choice});
  }
  std::string text(const std::string& t, bool guide) const { return text_with_alternatives(s, t, guide); }
};

HandoutStage handout_stage(const Context& cx, int n) {
  const Node& node = cx.s.nodes[n];
  HandoutStage h;
  h.number = cx.stage_of[n];
  h.title = node.title.empty() ? node.id : node.title;
  h.text = cx.text(node_text(node, cx.options.audience), false);
  if (node.time_limit_seconds > 0) h.time_limit = minutes_text(node.time_limit_seconds);
  for (int e : node.evidence) h.documents.push_back(cx.document_of[e]);
  for (size_t c = 0; c < node.choices.size(); ++c) {
    if (!cx.offered(n, c)) continue;
    const Choice& ch = node.choices[c];
    HandoutChoice hc;
    hc.letter = cx.letter_of.at({n, static_cast<int>(c)});
    hc.text = ch.text;
    if (ch.audience && !cx.options.audience) hc.offered = audience_label(*ch.audience) + " only";
    if (!ch.when.empty()) hc.offered += (hc.offered.empty() ? "" : "; ") + std::string("Only where it applies");
    h.choices.push_back(std::move(hc));
  }
  return h;
}

std::string leads_to(const Context& cx, const Choice& c) {
  if (c.branches.empty()) return cx.stage_name(c.next);
  std::string out;
  for (const NextBranch& b : c.branches)
    out += cx.stage_name(b.node) + " if " + b.when.text() + "; ";
  return out + "otherwise " + cx.stage_name(c.next);
}

std::vector<std::pair<std::string, std::string>> key_action_rows(const Context& cx, const Choice& c) {
  std::vector<std::pair<std::string, std::string>> out;
  auto add = [&](const char* what, const std::vector<int>& list) {
    for (int k : list) out.emplace_back(what, cx.s.key_actions[k].text);
  };
  add("Achieves", c.achieves);
  add("Achieves late", c.achieves_late);
  add("Breaches", c.breaches);
  return out;
}

std::string inject_timing(const Context& cx, const Inject& in) {
  switch (in.trigger) {
    case Inject::Trigger::After:
      return minutes_text(in.after_seconds) + " after " +
             (in.since < 0 ? std::string("the start") : "the team reaches " + cx.stage_name(in.since)) +
             " (time paused does not count)";
    case Inject::Trigger::OnEnter: return "As the team reaches " + cx.stage_name(in.node);
    case Inject::Trigger::When: return "As soon as this holds: " + in.when.text();
    case Inject::Trigger::AfterDecisions:
      return "After the team's decision number " + std::to_string(in.after_decisions);
  }
  return "";
}

GuideStage guide_stage(const Context& cx, int n) {
  const Node& node = cx.s.nodes[n];
  GuideStage g;
  g.shown = handout_stage(cx, n);
  g.shown.text = cx.text(node_text(node, cx.options.audience), true);
  g.id = node.id;
  for (const std::string& p : node_discuss(node, cx.options.audience)) g.prompts.push_back(cx.text(p, true));
  for (size_t i = 0; i < cx.s.injects.size(); ++i) {
    const Inject& in = cx.s.injects[i];
    if (cx.inject_of[i] == 0) continue;
    if ((in.trigger == Inject::Trigger::OnEnter && in.node == n) ||
        (in.trigger == Inject::Trigger::After && in.since == n))
      g.injects.push_back("Inject " + std::to_string(cx.inject_of[i]) + " (" + in.title + "): " +
                          inject_timing(cx, in));
  }
  size_t shown = 0;
  for (size_t c = 0; c < node.choices.size(); ++c) {
    if (!cx.offered(n, c)) continue;
    const Choice& ch = node.choices[c];
    GuideChoice gc;
    gc.shown = g.shown.choices[shown++];
    if (!ch.when.empty()) {
      gc.shown.offered = (ch.audience && !cx.options.audience ? audience_label(*ch.audience) + " only; " : "") +
                         "Only if: " + ch.when.text();
    }
    gc.score = text::score_text(ch.score);
    gc.key_actions = key_action_rows(cx, ch);
    gc.leads_to = leads_to(cx, ch);
    gc.feedback = cx.text(ch.feedback, true);
    gc.on_timeout = node.on_timeout == static_cast<int>(c);
    if (gc.on_timeout)
      g.timeout = "Choice " + gc.shown.letter + " is taken: " + ch.text;
    g.choices.push_back(std::move(gc));
  }
  if (node.time_limit_seconds > 0 && g.timeout.empty() && !node.is_ending())
    g.timeout = "The clock shows it, and the team still decides.";
  if (node.ending) {
    g.outcome = text::humanise_key(outcome_key(node.ending->outcome)) + " outcome";
    g.debrief = cx.text(node.ending->debrief, true);
  }
  return g;
}

std::vector<std::string> scoring_text(const Context& cx, const ReportSettings& settings) {
  const Scenario& s = cx.s;
  std::vector<std::string> out;
  out.push_back("Every choice scores on the four Ps of the Serious and Organised Crime Strategy: "
                "Pursue, Prevent, Protect and Prepare. Keep a running total per pillar for each "
                "team: the score under each choice in this guide is what it adds or takes away.");
  std::string best = "The best total any path can reach is";
  for (Pillar p : kPillars)
    best += std::string(p == Pillar::Pursue ? " " : ", ") + pillar_name(p) + " " +
            std::to_string(cx.analysis.max[p]);
  out.push_back(best + ". A team's percentage for a pillar is its total divided by that best, "
                "never below 0 % or above 100 %; a pillar no path can score is not assessed. The "
                "overall percentage is the average of the pillars assessed.");
  const RatingScale& r = settings.scale;
  std::string rating = "The exercise rating follows from the overall percentage: ";
  for (size_t i = 0; i < 4; ++i) {
    rating += r.labels[i] + (i < 3 ? " at " + text::percent(r.thresholds[i]) + " or more" : " below that") +
              (i < 3 ? "; " : ". ");
  }
  const int cap = std::clamp(r.cap_level_for_missed_high, 0, 3);
  const std::string ending_rule = ending_cap_rule(r);
  out.push_back(rating + "A missed high-priority key action holds the rating at " + r.labels[cap] +
                " at best." + (ending_rule.empty() ? "" : " " + ending_rule));
  for (size_t i = 0; i < 4; ++i) out.push_back(r.labels[i] + ": " + r.definitions[i]);
  out.push_back("Every key action a team did not take is a learning point at its priority; one "
                "taken late counts one priority lower, and one breached always counts. The key "
                "actions section lists which choices achieve each.");
  if (!s.key_actions.empty())
    out.push_back("The exercise rating is about decisions in a fictional story, not an assurance "
                  "opinion on the council's controls. For that, ask each key action's control "
                  "question about the council's own arrangements after the story, and record the "
                  "answers in the desktop program (Check the council's controls).");
  return out;
}

FacilitatorGuide build_guide(const Context& cx, const ReportSettings& settings) {
  const Scenario& s = cx.s;
  FacilitatorGuide g;
  g.summary = s.summary;
  g.facts.emplace_back("Length", std::to_string(s.duration_minutes) + " minutes");
  g.facts.emplace_back("For", cx.options.audience ? audience_label(*cx.options.audience)
                                                  : "Members and officers (a mixed room)");
  int timed = 0, endings = 0;
  int64_t timed_seconds = 0;
  for (int n : cx.order) {
    if (s.nodes[n].is_ending()) ++endings;
    if (s.nodes[n].time_limit_seconds > 0) ++timed, timed_seconds += s.nodes[n].time_limit_seconds;
  }
  g.facts.emplace_back("Stages", std::to_string(cx.order.size()) + " (" + std::to_string(endings) +
                                     " endings); a team meets only those on its path");
  g.facts.emplace_back("Classification", s.classification == Classification::PartB
                                             ? "Part B: exempt information (Local Government Act 1972, Schedule 12A)"
                                             : "Part A");
  if (!s.version.empty()) g.facts.emplace_back("Scenario version", s.version);
  for (const LearningObjective& o : s.learning_objectives)
    g.objectives.push_back(std::string(pillar_name(o.pillar)) + ": " + o.text);
  const int64_t intro = 10, debrief = std::max<int64_t>(10, s.duration_minutes / 4);
  const int64_t play = std::max<int64_t>(0, s.duration_minutes - intro - debrief);
  g.timings.push_back("Before: print one set of handouts per team (or photocopy one set), cut the "
                      "inject cards apart, and keep this guide away from the teams.");
  g.timings.push_back("About " + std::to_string(intro) + " minutes: welcome, the objectives, the "
                      "rules (decide together, give reasons, the facilitator keeps time).");
  g.timings.push_back("About " + std::to_string(play) + " minutes: the stages, one sheet at a time. " +
                      (timed > 0 ? std::to_string(timed) + (timed == 1 ? " stage is" : " stages are") +
                                       " timed, " + minutes_text(timed_seconds) +
                                       " in all if a team met every one."
                                 : std::string("No stage is timed.")));
  g.timings.push_back("About " + std::to_string(debrief) + " minutes: the debrief, from the "
                      "ending's points and the key actions each team took or missed.");
  g.reading = {
      "Hand each team the sheet for Stage 1. When a team decides, note its choice's letter, read "
      "out or hand over what the choice leads to, and give it the next stage's sheet.",
      "Text in [square brackets] depends on what the team decided earlier: on screen it shows "
      "only where its condition holds. Read the version that applies; the handouts print every "
      "version and tell the teams the facilitator will say which applies.",
      "Documents are numbered once for the whole pack; hand each over with its stage, choice or "
      "inject, as listed under Documents."};
  for (const KeyAction& k : s.key_actions) {
    GuideKeyAction gk;
    gk.text = k.text;
    gk.pillar = pillar_name(k.pillar);
    gk.priority = text::priority_label(k.priority);
    gk.management_action = k.management_action;
    if (k.control) gk.control_question = k.control->question, gk.control_owner = k.control->owner;
    g.key_actions.push_back(std::move(gk));
  }
  for (int n : cx.order) {
    g.stages.push_back(guide_stage(cx, n));
    const Node& node = s.nodes[n];
    for (size_t c = 0; c < node.choices.size(); ++c) {
      if (!cx.offered(n, c)) continue;
      for (int k : node.choices[c].achieves)
        g.key_actions[k].achieved_by.push_back(cx.choice_name(n, static_cast<int>(c)));
      for (int k : node.choices[c].achieves_late)
        g.key_actions[k].achieved_by.push_back(cx.choice_name(n, static_cast<int>(c)) + " (late)");
    }
  }
  std::vector<std::vector<std::string>> handed(s.evidence.size());
  for (int n : cx.order) {
    for (int e : s.nodes[n].evidence) handed[e].push_back("with Stage " + std::to_string(cx.stage_of[n]));
    for (size_t c = 0; c < s.nodes[n].choices.size(); ++c)
      if (cx.offered(n, c))
        for (int e : s.nodes[n].choices[c].releases)
          handed[e].push_back("when " + cx.choice_name(n, static_cast<int>(c)) + " is taken");
  }
  for (size_t i = 0; i < s.injects.size(); ++i) {
    if (cx.inject_of[i] == 0) continue;
    const Inject& in = s.injects[i];
    GuideInject gi;
    gi.shown = {cx.inject_of[i], in.title, in.from, cx.text(inject_text(in, cx.options.audience), true)};
    gi.timing = inject_timing(cx, in);
    for (int e : in.evidence) {
      gi.documents.push_back(cx.document_of[e]);
      handed[e].push_back("with inject " + std::to_string(cx.inject_of[i]));
    }
    g.injects.push_back(std::move(gi));
  }
  for (size_t e = 0; e < s.evidence.size(); ++e) {
    std::string when;
    for (const std::string& h : handed[e]) when += (when.empty() ? "" : "; ") + h;
    g.documents.emplace_back("Document " + std::to_string(cx.document_of[e]) + ": " + s.evidence[e].title,
                             when.empty() ? "not handed out on any path: keep it back" : when);
  }
  g.scoring = scoring_text(cx, settings);
  return g;
}

Handouts build_handouts(const Context& cx) {
  const Scenario& s = cx.s;
  Handouts h;
  h.teams = cx.options.teams;
  h.key = "Read the stage, look at the documents it names, and decide together. Tell the "
          "facilitator the letter of your choice and why. Text in [square brackets] depends on "
          "what you decided earlier: the facilitator will say which applies.";
  for (int n : cx.order) h.stages.push_back(handout_stage(cx, n));
  for (size_t e = 0; e < s.evidence.size(); ++e)
    h.documents.push_back({cx.document_of[e], s.evidence[e].title, s.evidence[e].kind,
                           cx.text(s.evidence[e].text, false)});
  for (size_t i = 0; i < s.injects.size(); ++i)
    if (cx.inject_of[i] != 0)
      h.injects.push_back({cx.inject_of[i], s.injects[i].title, s.injects[i].from,
                           cx.text(inject_text(s.injects[i], cx.options.audience), false)});
  return h;
}

}  // namespace

std::vector<std::pair<std::string, std::string>> choice_facts(const GuideChoice& c) {
  std::vector<std::pair<std::string, std::string>> rows;
  if (!c.shown.offered.empty()) rows.emplace_back("Offered", c.shown.offered);
  rows.emplace_back("Score", c.score);
  rows.insert(rows.end(), c.key_actions.begin(), c.key_actions.end());
  rows.emplace_back("Leads to", c.leads_to);
  return rows;
}

Pack build_pack(const Scenario& s, const PackOptions& options, ReportSettings settings) {
  const Context cx(s, options);
  Pack p;
  p.title = s.title;
  p.version = s.version;
  p.audience = options.audience ? audience_label(*options.audience) : "Members and officers";
  p.exempt = s.classification == Classification::PartB;
  settings.part = p.exempt ? Part::B : Part::A;
  if (options.contents != PackContents::Handouts) p.guide = build_guide(cx, settings);
  if (options.contents != PackContents::Guide) p.handouts = build_handouts(cx);
  p.settings = std::move(settings);
  return p;
}

}  // namespace auditsim::reports
