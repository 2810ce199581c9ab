#include "cli/host_console.hpp"

#include <algorithm>
#include <ostream>
#include <sstream>
#include <vector>

#include "sim/room/device_view.hpp"

namespace auditsim::cli {
namespace {

std::vector<std::string> words(const std::string& line) {
  std::istringstream in(line);
  std::vector<std::string> w;
  for (std::string s; in >> s;) w.push_back(s);
  return w;
}

std::string team_label(const std::string& name) {
  return name.empty() ? std::string("The group") : name;
}

// A team by its number in the list (1, 2, ...); with one group, "" finds it.
bool pick_team(const host::Host& h, const std::string& arg, std::string* team, std::ostream& err) {
  std::vector<std::string> names = h.team_names();
  if (names.size() == 1 && names[0].empty()) {
    *team = "";
    return true;
  }
  if (!arg.empty() && arg.find_first_not_of("0123456789") == std::string::npos && arg.size() < 4) {
    size_t n = std::stoul(arg);
    if (n >= 1 && n <= names.size()) {
      *team = names[n - 1];
      return true;
    }
  }
  err << "auditsim: there is no team " << arg << ": give its number, 1 to " << names.size() << "\n";
  return false;
}

// The letter the room's screen shows for the choice at `i` (A, B, C...).
std::string letter(size_t i) { return std::string(1, static_cast<char>('A' + i % 26)); }

// A choice typed as its letter or its id, among those offered now.
std::string resolve_choice(const room::Stage& stage, const std::string& typed) {
  for (size_t i = 0; i < stage.choices.size(); ++i)
    if (typed == letter(i) || typed == std::string(1, static_cast<char>('a' + i)) ||
        typed == stage.choices[i])
      return stage.choices[i];
  return {};
}

void print_tally(const host::Host& h, const std::string& team, std::ostream& out) {
  const Session* s = h.session(team);
  room::Stage stage = room::stage_of(*s);
  room::Tally t = h.tally(team);
  out << team_label(team) << " at \"" << s->current_node().title << "\": " << t.voted << " of "
      << t.devices << " devices voted\n";
  for (size_t i = 0; i < stage.choices.size(); ++i) {
    auto it = t.votes.find(stage.choices[i]);
    out << "  " << letter(i) << "  " << stage.choices[i] << ": " << (it == t.votes.end() ? 0 : it->second)
        << "\n";
  }
  for (const room::DeviceVote& v : t.reasons) {
    out << "  " << v.device << " (" << v.choice << ")";
    if (!v.reason.empty()) out << " because: " << v.reason;
    if (!v.dissent.empty()) out << " dissent: " << v.dissent;
    out << "\n";
  }
}

// The devices' most voted choice; empty on a tie or with no votes.
std::string majority(const host::Host& h, const std::string& team, std::string* why) {
  room::Tally t = h.tally(team);
  std::string best;
  int top = 0;
  bool tie = false;
  for (const auto& [choice, n] : t.votes) {
    if (n > top) {
      best = choice, top = n, tie = false;
    } else if (n == top) {
      tie = true;
    }
  }
  if (top == 0) *why = "no device has voted";
  else if (tie) *why = "the devices' votes are tied";
  return top == 0 || tie ? std::string() : best;
}

bool record_one(host::Host& h, const std::string& team, const std::string& typed,
                std::ostream& out, std::ostream& err) {
  const Session* s = h.session(team);
  if (s->finished()) {
    err << "auditsim: " << team_label(team) << "'s story has ended\n";
    return false;
  }
  room::Stage stage = room::stage_of(*s);
  std::string choice;
  if (typed.empty()) {
    std::string why;
    choice = majority(h, team, &why);
    if (choice.empty()) {
      err << "auditsim: " << team_label(team) << ": " << why
          << ": say which choice the group made (record " << (team.empty() ? "" : "TEAM ")
          << "LETTER)\n";
      return false;
    }
  } else {
    choice = resolve_choice(stage, typed);
    if (choice.empty()) {
      err << "auditsim: \"" << typed << "\" is not a choice offered at this stage: `tally` lists them\n";
      return false;
    }
  }
  const int hands = h.tally(team).voted;
  std::string error;
  // record() returns once the decision and the devices' votes are committed to the store.
  if (!h.record(team, choice, &error)) {
    err << "auditsim: " << error << "\n";
    return false;
  }
  const Session* after = h.session(team);
  out << "Recorded " << team_label(team) << ": " << choice << " (" << hands << " device votes); "
      << (after->finished() ? std::string("the story has ended")
                            : "now at \"" + after->current_node().title + "\"")
      << "\n";
  return true;
}

}  // namespace

const char* host_command_help() {
  return "Commands (TEAM is a team's number, left out with one group):\n"
         "  status                 where each team is, how many devices have voted\n"
         "  tally [TEAM]           the devices' votes per choice and their reasons\n"
         "  devices                the devices that have joined\n"
         "  remove DEVICE          removes a device (device-7): its vote is dropped\n"
         "  open | close           lets devices join, or stops new joins\n"
         "  reveal [TEAM]          shows the last decision's feedback on the devices\n"
         "  record [TEAM] [CHOICE] records the group's decision (a letter or a choice id;\n"
         "                         left out: the devices' majority; with teams and no TEAM,\n"
         "                         each team by its majority)\n"
         "  quit                   ends the room (so does the end of input)\n";
}

bool host_command(host::Host& h, const std::string& line, std::ostream& out, std::ostream& err) {
  std::vector<std::string> w = words(line);
  if (w.empty()) return true;
  const std::string& cmd = w[0];
  const std::vector<std::string> names = h.team_names();
  const bool teams = !(names.size() == 1 && names[0].empty());
  std::string team;
  if (cmd == "quit" || cmd == "exit") return false;
  if (cmd == "help") {
    out << host_command_help();
  } else if (cmd == "status") {
    out << "Joining is " << (h.open() ? "open" : "closed") << "; room code " << h.code() << " at "
        << h.join_url() << "\n";
    for (const std::string& n : names) {
      const Session* s = h.session(n);
      room::Tally t = h.tally(n);
      out << "  " << team_label(n) << ": "
          << (s->finished() ? std::string("ended") : "\"" + s->current_node().title + "\"") << ", "
          << t.voted << " of " << t.devices << " devices voted\n";
    }
  } else if (cmd == "tally") {
    if (w.size() > 1) {
      if (!pick_team(h, w[1], &team, err)) return true;
      print_tally(h, team, out);
    } else {
      for (const std::string& n : names) print_tally(h, n, out);
    }
  } else if (cmd == "devices") {
    std::vector<room::Device> ds = h.devices();
    if (ds.empty()) out << "No device has joined.\n";
    for (const room::Device& d : ds)
      out << "  " << d.id << "  " << (d.name.empty() ? "(anonymous)" : d.name) << "  "
          << (d.team.empty() ? "audience" : d.team) << (d.removed ? "  removed" : "") << "\n";
  } else if (cmd == "remove" && w.size() == 2) {
    if (h.remove(w[1])) out << "Removed " << w[1] << ".\n";
    else err << "auditsim: there is no device " << w[1] << " in the room: `devices` lists them\n";
  } else if (cmd == "open" || cmd == "close") {
    h.set_open(cmd == "open");
    out << "Joining is " << (cmd == "open" ? "open" : "closed") << ".\n";
  } else if (cmd == "reveal") {
    std::vector<std::string> which = names;
    if (w.size() > 1) {
      if (!pick_team(h, w[1], &team, err)) return true;
      which = {team};
    }
    for (const std::string& n : which)
      if (h.reveal(n)) out << "Revealed to " << team_label(n) << "'s devices.\n";
  } else if (cmd == "record" && w.size() <= 3) {
    if (teams && w.size() == 1) {
      for (const std::string& n : names)
        if (!h.session(n)->finished()) record_one(h, n, "", out, err);
    } else if (!teams) {
      record_one(h, "", w.size() > 1 ? w[1] : "", out, err);
    } else if (pick_team(h, w[1], &team, err)) {
      record_one(h, team, w.size() > 2 ? w[2] : "", out, err);
    }
  } else {
    err << "auditsim: \"" << line << "\" is not a command: type help for the list\n";
  }
  return true;
}

}  // namespace auditsim::cli
