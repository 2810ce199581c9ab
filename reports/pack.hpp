// Printed packs for running a scenario on paper: the facilitator's guide (objectives, timings,
// every stage with its prompts, choices, scores and feedback, the key actions and their control
// questions, the injects with their timing, the debrief points, how to score) and the teams'
// handouts (each stage's text and choices, and the documents, with no answers). The model is
// built from the Scenario here, once: the handout types have no field that could hold a score,
// a feedback text or a key action, so no renderer can print one on a team's sheet.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "reports/model.hpp"
#include "sim/model.hpp"

namespace auditsim::reports {

// What a pack holds.
enum class PackContents { Both, Guide, Handouts };

struct PackOptions {
  // The room's audience: its own stage text, prompts and choices. None: a mixed room, every
  // audience's choices shown with who they are for.
  std::optional<Audience> audience;
  // One set of handouts per team, headed with its name; empty: one set to photocopy.
  std::vector<std::string> teams;
  PackContents contents = PackContents::Both;
};

// A choice as the teams read it: its letter and text, and when it is offered.
struct HandoutChoice {
  std::string letter;   // "A"
  std::string text;
  std::string offered;  // "Members only", "Only where it applies"; empty when always offered
};

// A stage as the teams read it.
struct HandoutStage {
  int number = 0;
  std::string title;
  std::string text;  // Markdown; passages that depend on the path are in [square brackets]
  std::string time_limit;  // "5 minutes"; empty when untimed
  std::vector<int> documents;  // numbers of PackDocument
  std::vector<HandoutChoice> choices;  // empty at an ending
};

// An evidence document, numbered once for the whole pack.
struct PackDocument {
  int number = 0;
  std::string title;
  std::string kind;  // "email", "log"; may be empty
  std::string text;  // Markdown
};

// An inject card as the teams read it (who it is from and what it says, not when it comes).
struct HandoutInject {
  int number = 0;
  std::string title;
  std::string from;
  std::string text;  // Markdown
};

struct Handouts {
  std::vector<std::string> teams;  // empty: one set to photocopy
  std::string key;  // how to read the sheets (the square brackets, the letters)
  std::vector<HandoutStage> stages;
  std::vector<PackDocument> documents;
  std::vector<HandoutInject> injects;
};

// A choice as the facilitator reads it: everything the handout has, and what it means.
struct GuideChoice {
  HandoutChoice shown;
  std::string score;      // "Protect +3, Pursue +1"
  // ("Achieves", key action), ("Achieves late", ...), ("Breaches", ...)
  std::vector<std::pair<std::string, std::string>> key_actions;
  std::string leads_to;   // "Stage 4: The police visit", with conditional routes spelt out
  std::string feedback;   // Markdown
  bool on_timeout = false;  // taken when the stage's time runs out
};

struct GuideStage {
  HandoutStage shown;      // the stage as the teams read it (their choices' letters)
  std::string id;          // the scenario's id for the stage, to find it in the file
  std::vector<std::string> prompts;  // for the facilitator to ask
  std::vector<std::string> injects;  // "Inject 2 (Press call) arrives as the team reaches this stage"
  std::vector<GuideChoice> choices;
  std::string timeout;     // what happens when time runs out; empty when untimed
  std::string outcome;     // an ending: "Good outcome"; else empty
  std::string debrief;     // an ending's debrief points (Markdown)
};

struct GuideKeyAction {
  std::string text;
  std::string pillar;
  std::string priority;
  std::string management_action;  // the improvement to agree where it is missed
  std::string control_question;  // empty when the scenario has none
  std::string control_owner;
  std::vector<std::string> achieved_by;  // "Stage 3, choice B"
};

struct GuideInject {
  HandoutInject shown;
  std::string timing;  // "10 minutes after the start", "as the team reaches Stage 4", ...
  std::vector<int> documents;  // handed out with it
};

struct FacilitatorGuide {
  std::string summary;  // Markdown
  std::vector<std::pair<std::string, std::string>> facts;  // length, audience, stages, ...
  std::vector<std::string> objectives;  // "Protect: Recognise the signs of cuckooing"
  std::vector<std::string> timings;     // a running order for the session, one line each
  std::vector<std::string> reading;     // how to read the guide (brackets, letters, stage numbers)
  std::vector<GuideKeyAction> key_actions;
  std::vector<GuideStage> stages;
  std::vector<GuideInject> injects;
  std::vector<std::pair<std::string, std::string>> documents;  // "Document 3: title", when handed out
  std::vector<std::string> scoring;     // how to score, paragraph by paragraph
};

struct Pack {
  std::string title;
  std::string version;
  std::string audience;  // "Members", "Officers", "Members and officers"
  bool exempt = false;   // a Part B scenario: every page says so
  std::optional<FacilitatorGuide> guide;
  std::optional<Handouts> handouts;
  ReportSettings settings;  // council, logo, the date; part follows the scenario
};

// What the guide says about a choice, row by row: who it is offered to, its score, the key
// actions it achieves or breaches, where it leads. Every format prints these rows.
std::vector<std::pair<std::string, std::string>> choice_facts(const GuideChoice& c);

// Builds the pack for a loaded scenario (one that passed the checker). The exercise rating's
// scale in `settings` is the one the guide explains; `settings.part` is set from the scenario.
Pack build_pack(const Scenario& s, const PackOptions& options, ReportSettings settings);

// The pack as a PDF (A4; the guide, then each team's handouts, each on new pages).
std::string render_pack_pdf(const Pack& p);
// The pack as Markdown, for a council to edit or print from its own word processor.
std::string render_pack_markdown(const Pack& p);

// A text with its conditional passages written out in [square brackets]: in the guide with the
// condition that shows each (`with_conditions`), on handouts with "where it applies".
std::string text_with_alternatives(const Scenario& s, const std::string& text, bool with_conditions);

}  // namespace auditsim::reports
