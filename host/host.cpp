#include "host/host.hpp"

#include <arpa/inet.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <sys/socket.h>

#include <httplib.h>

#include <chrono>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "host/page.hpp"
#include "host/room_file.hpp"
#include "sim/atomic_file.hpp"
#include "sim/room/secure_random.hpp"

namespace auditsim::host {

namespace {

constexpr const char* kCookie = "auditsim_device";
// No inline script or style, nothing from anywhere but the laptop, never framed.
constexpr const char* kPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

std::string cookie_token(const httplib::Request& req) {
  const std::string cookies = req.get_header_value("Cookie");
  const std::string key = std::string(kCookie) + "=";
  size_t at = 0;
  while ((at = cookies.find(key, at)) != std::string::npos) {
    if (at == 0 || cookies[at - 1] == ' ' || cookies[at - 1] == ';') {
      size_t start = at + key.size();
      std::string t = cookies.substr(start, cookies.find(';', start) - start);
      // Only a well-formed token is looked up at all.
      if (t.size() == 32 && t.find_first_not_of("0123456789abcdef") == std::string::npos) return t;
      return {};
    }
    at += key.size();
  }
  return {};
}

nlohmann::json refusal_json(room::Refusal r) {
  return {{"ok", false}, {"refusal", room::refusal_code(r)}, {"message", room::refusal_message(r)}};
}

int status_of(room::Refusal r) {
  switch (r) {
    case room::Refusal::None: return 200;
    case room::Refusal::RateLimited: return 429;
    case room::Refusal::UnknownDevice:
    case room::Refusal::WrongCode: return 403;
    case room::Refusal::Removed: return 403;
    case room::Refusal::NotOpen: return 403;
    case room::Refusal::WrongStage: return 409;
    default: return 400;
  }
}

// The string field `key` of a JSON object body; nullopt when absent or not a string.
std::optional<std::string> field(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return std::string();
  if (!it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

}  // namespace

std::string lan_address() {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return {};
  std::string found;
  for (ifaddrs* i = list; i; i = i->ifa_next) {
    if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET) continue;
    if ((i->ifa_flags & IFF_UP) == 0 || (i->ifa_flags & IFF_LOOPBACK) != 0) continue;
    char buf[INET_ADDRSTRLEN];
    auto* sin = reinterpret_cast<sockaddr_in*>(i->ifa_addr);
    if (inet_ntop(AF_INET, &sin->sin_addr, buf, sizeof buf)) {
      found = buf;
      break;
    }
  }
  freeifaddrs(list);
  return found;
}

Host::Host(ScenarioPtr scenario, const Clock& clock, store::Store* db, HostOptions options)
    : scenario_(std::move(scenario)), clock_(&clock), db_(db), options_(std::move(options)),
      room_(options_.code.empty() ? room::new_room_code() : options_.code, {}, options_.limits) {
  room_.set_open(false);  // only while the session runs: start() opens it
}

Host::~Host() { stop(); }

void Host::add_team(HostTeam team) {
  std::lock_guard lock(mu_);
  teams_.push_back(std::move(team));
  std::vector<std::string> names;
  for (const HostTeam& t : teams_)
    if (!t.name.empty()) names.push_back(t.name);
  // The room keeps its code; only the team list changes.
  room::Room fresh(room_.code(), names, options_.limits);
  for (const auto& [d, hash] : room_.saved_devices()) fresh.restore(d, hash);
  room_ = std::move(fresh);
  room_.set_open(false);
  for (HostTeam& t : teams_) refresh_stage(t);
}

void Host::restore_device(const room::Device& device, const std::string& token_sha256) {
  std::lock_guard lock(mu_);
  room_.restore(device, token_sha256);
}

void Host::save_room_file() {
  if (options_.room_file.empty()) return;
  RoomFile f;
  f.code = room_.code();
  f.bind = address_;
  f.port = port_;
  f.allow_part_b = options_.allow_part_b;
  for (const HostTeam& t : teams_)
    f.teams.push_back({t.name, t.recorder ? t.recorder->session_id() : t.session_id});
  for (auto& [d, hash] : room_.saved_devices()) f.devices.push_back({d, hash});
  {
    std::lock_guard lock(save_mu_);
    save_text_ = room_file_json(f);  // only the latest matters
    save_waiting_ = true;
  }
  save_cv_.notify_one();
}

void Host::save_loop() {
  std::unique_lock lock(save_mu_);
  for (;;) {
    save_cv_.wait(lock, [this] { return save_waiting_ || save_stop_; });
    if (save_waiting_) {
      std::string text = std::move(save_text_);
      save_waiting_ = false;
      lock.unlock();
      std::string error;
      // Owner-only: it holds the names devices gave.
      if (!write_file_atomically(options_.room_file, text, kOwnerOnly, &error)) {
        std::lock_guard log_lock(mu_);
        log("the room could not be written down for a restart: " + error);
      }
      lock.lock();
      continue;  // anything that came meanwhile is written before stopping
    }
    if (save_stop_) return;
  }
}

int64_t Host::now_ms() const { return clock_->now_ms(); }

void Host::set_log(std::function<void(const std::string&)> log) {
  std::lock_guard lock(mu_);
  log_ = std::move(log);
}

void Host::log(const std::string& line) {
  if (log_) log_(line);
}

HostTeam* Host::find_team(const std::string& name) {
  for (HostTeam& t : teams_)
    if (t.name == name) return &t;
  // A single group: "" and any name find it.
  return teams_.size() == 1 && name.empty() ? &teams_[0] : nullptr;
}
const HostTeam* Host::find_team(const std::string& name) const {
  return const_cast<Host*>(this)->find_team(name);
}

const HostTeam* Host::team_of(const room::Device& d) const {
  if (const HostTeam* t = find_team(d.team)) return t;
  return teams_.empty() ? nullptr : &teams_[0];  // the audience follows the first story
}

std::string Host::view_key(const HostTeam& t) {
  return room::stage_key(*t.session) + (t.session->paused() ? ":paused" : "") +
         (t.revealed ? ":revealed" : "");
}

void Host::refresh_stage(HostTeam& t) {
  t.view = room::device_view(*t.session, room::ViewOptions{options_.allow_part_b, t.revealed});
  t.view_key = view_key(t);
  room_.set_stage(t.name, room::stage_of(*t.session));
  // The audience of a teams run votes on the first team's stage.
  if (!t.name.empty() && &t == &teams_[0]) room_.set_stage("", room::stage_of(*t.session));
}

std::string Host::join_url() const {
  return "http://" + address_ + ":" + std::to_string(port_) + "/";
}

bool Host::start(std::string* error) {
  address_ = options_.bind.empty() ? lan_address() : options_.bind;
  if (address_.empty()) {
    *error = "This computer has no network address to listen on. Join the room's Wi-Fi or start "
             "a hotspot, or give --bind ADDRESS (127.0.0.1 for this computer only).";
    return false;
  }
  server_ = std::make_unique<httplib::Server>();
  const int threads = options_.threads;
  server_->new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  server_->set_payload_max_length(options_.max_body_bytes);
  server_->set_keep_alive_max_count(1000);
  server_->set_read_timeout(5, 0);
  server_->set_write_timeout(5, 0);
  // cpp-httplib's listen backlog is fixed at 5, too few when a whole room votes at once; the
  // socket is listened on again with a deeper queue once bound (Linux allows raising it).
  server_->set_socket_options([this](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listen_fd_ = sock;
  });
  routes();
  if (options_.port == 0) {
    port_ = server_->bind_to_any_port(address_);
  } else {
    port_ = server_->bind_to_port(address_, options_.port) ? options_.port : -1;
  }
  if (port_ <= 0) {
    *error = "Cannot listen on " + address_ + (options_.port ? ":" + std::to_string(options_.port) : "") +
             ": the address is not this computer's, or the port is in use. Pick another with "
             "--bind or --port.";
    server_.reset();
    return false;
  }
  if (listen_fd_ >= 0) ::listen(listen_fd_, options_.backlog);
  if (!options_.room_file.empty() && !saver_.joinable()) {
    // A results server's rooms are kept in a folder of their own beside the settings.
    std::error_code ec;
    const std::filesystem::path folder = std::filesystem::path(options_.room_file).parent_path();
    if (!folder.empty() && !std::filesystem::exists(folder, ec)) {
      std::filesystem::create_directories(folder, ec);
      std::filesystem::permissions(folder, std::filesystem::perms::owner_all, ec);
    }
    save_stop_ = false;
    saver_ = std::thread([this] { save_loop(); });
  }
  {
    std::lock_guard lock(mu_);
    room_.set_open(true);
    save_room_file();
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  while (!server_->is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return true;
}

void Host::stop() {
  {
    std::lock_guard lock(mu_);
    room_.set_open(false);
  }
  if (server_) server_->stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
  if (saver_.joinable()) {
    {
      std::lock_guard lock(save_mu_);
      save_stop_ = true;
    }
    save_cv_.notify_one();
    saver_.join();  // after the last room file is written
  }
}

bool Host::running() const { return server_ && server_->is_running(); }

void Host::routes() {
  httplib::Server& s = *server_;
  s.set_default_headers({{"Content-Security-Policy", kPolicy},
                         {"X-Content-Type-Options", "nosniff"},
                         {"Referrer-Policy", "no-referrer"},
                         {"X-Frame-Options", "DENY"},
                         {"Cache-Control", "no-store"},
                         {"Cross-Origin-Resource-Policy", "same-origin"}});
  s.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    const std::string self = address_ + ":" + std::to_string(port_);
    auto refuse = [&](int status, const char* code, const char* message) {
      res.status = status;
      res.set_content(nlohmann::json{{"ok", false}, {"refusal", code}, {"message", message}}.dump(),
                      "application/json");
      return httplib::Server::HandlerResponse::Handled;
    };
    {
      std::lock_guard lock(mu_);
      if (!room_.allow_request(req.remote_addr, cookie_token(req), now_ms())) {
        log("refused a request from " + req.remote_addr + ": too-many-requests");
        return refuse(429, "too-many-requests", room::refusal_message(room::Refusal::RateLimited));
      }
    }
    // A name that points elsewhere (DNS rebinding) is not this room's page.
    if (req.get_header_value("Host") != self)
      return refuse(421, "wrong-host", "Open the address shown on the room's screen.");
    if (req.method == "POST") {
      // Only the page itself may post: same origin, and a JSON body (which a form on another
      // site cannot send without the browser asking first).
      if (req.get_header_value("Origin") != "http://" + self) {
        std::lock_guard lock(mu_);
        log("refused a POST from " + req.remote_addr + ": origin-refused");
        return refuse(403, "origin-refused", "Requests from other sites are refused.");
      }
      if (req.get_header_value("Content-Type").rfind("application/json", 0) != 0)
        return refuse(415, "json-needed", "Send the form from the join page.");
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const char* code = res.status == 413 ? "request-too-large" : "not-found";
    res.set_content(nlohmann::json{{"ok", false}, {"refusal", code},
                                   {"message", res.status == 413 ? "That was too long to send."
                                                                 : "There is nothing here."}}
                        .dump(),
                    "application/json");
  });
  auto file = [](const char* name, const char* type) {
    return [name, type](const httplib::Request&, httplib::Response& res) {
      std::string_view f = reports::host_page_file(name);
      res.set_content(std::string(f), type);
    };
  };
  s.Get("/", file("index.html", "text/html; charset=utf-8"));
  s.Get("/app.js", file("app.js", "text/javascript; charset=utf-8"));
  s.Get("/style.css", file("style.css", "text/css; charset=utf-8"));
  auto send = [](httplib::Response& res, const Reply& r) {
    res.status = r.status;
    if (!r.set_cookie.empty()) res.set_header("Set-Cookie", r.set_cookie);
    res.set_content(r.body, "application/json");
  };
  s.Get("/state", [this, send](const httplib::Request& req, httplib::Response& res) {
    send(res, state(cookie_token(req)));
  });
  s.Post("/join", [this, send](const httplib::Request& req, httplib::Response& res) {
    send(res, join(req.body, cookie_token(req), req.remote_addr));
  });
  s.Post("/vote", [this, send](const httplib::Request& req, httplib::Response& res) {
    send(res, vote(req.body, cookie_token(req)));
  });
  s.Post("/reason", [this, send](const httplib::Request& req, httplib::Response& res) {
    send(res, reason(req.body, cookie_token(req)));
  });
}

Host::Reply Host::state(const std::string& token) {
  std::lock_guard lock(mu_);
  nlohmann::json j;
  j["teams"] = room_.teams();
  room::Refusal why;
  const room::Device* d = room_.device(token, &why);
  if (!d) {
    j["joined"] = false;
    if (why == room::Refusal::Removed) {
      j["refusal"] = room::refusal_code(why);
      j["message"] = room::refusal_message(why);
    }
    return {200, j.dump()};
  }
  const HostTeam* t = team_of(*d);
  j["joined"] = true;
  j["device"] = {{"id", d->id}, {"name", d->name}, {"team", d->team}};
  j["view"] = t->view;
  if (const room::DeviceVote* v = room_.vote_of(token); v && v->stage == j["view"]["stage"])
    j["vote"] = {{"choice", v->choice}, {"reason", v->reason}, {"dissent", v->dissent}};
  return {200, j.dump()};
}

Host::Reply Host::join(const std::string& body, const std::string& token, const std::string& address) {
  nlohmann::json b = nlohmann::json::parse(body, nullptr, false);
  if (!b.is_object()) return {400, refusal_json(room::Refusal::BadText).dump()};
  auto code = field(b, "code"), name = field(b, "name"), team = field(b, "team");
  if (!code || !name || !team) return {400, refusal_json(room::Refusal::BadText).dump()};
  std::lock_guard lock(mu_);
  // A device that has joined before keeps its token (and its vote); anyone else gets a new one.
  const bool known = room_.device(token) != nullptr || (!token.empty() && [&] {
    for (const room::Device& d : room_.devices())
      if (d.token == token) return true;
    return false;
  }());
  const std::string use = known ? token : room::new_device_token();
  room::JoinResult r = room_.join(*code, *name, *team, address, now_ms(), use);
  if (r.refusal != room::Refusal::None) {
    log("refused a join from " + address + ": " + room::refusal_code(r.refusal));
    return {status_of(r.refusal), refusal_json(r.refusal).dump()};
  }
  save_room_file();
  log((known ? "rejoined: " : "joined: ") + r.device->id +
      (r.device->team.empty() ? " (audience)" : " (team " + r.device->team + ")") + " from " +
      address);
  Reply rep{200, nlohmann::json{{"ok", true}, {"device", r.device->id}}.dump()};
  rep.set_cookie = std::string(kCookie) + "=" + use + "; HttpOnly; SameSite=Strict; Path=/";
  return rep;
}

Host::Reply Host::vote(const std::string& body, const std::string& token) {
  nlohmann::json b = nlohmann::json::parse(body, nullptr, false);
  if (!b.is_object()) return {400, refusal_json(room::Refusal::BadText).dump()};
  auto stage = field(b, "stage"), choice = field(b, "choice");
  if (!stage || !choice) return {400, refusal_json(room::Refusal::BadText).dump()};
  std::lock_guard lock(mu_);
  room::Refusal r = room_.vote(token, *stage, *choice, now_ms());
  if (r != room::Refusal::None) return {status_of(r), refusal_json(r).dump()};
  return {200, nlohmann::json{{"ok", true}}.dump()};
}

Host::Reply Host::reason(const std::string& body, const std::string& token) {
  nlohmann::json b = nlohmann::json::parse(body, nullptr, false);
  if (!b.is_object()) return {400, refusal_json(room::Refusal::BadText).dump()};
  auto stage = field(b, "stage"), text = field(b, "reason"), dissent = field(b, "dissent");
  if (!stage || !text || !dissent) return {400, refusal_json(room::Refusal::BadText).dump()};
  std::lock_guard lock(mu_);
  room::Refusal r = room_.give_reason(token, *stage, *text, *dissent, now_ms());
  if (r != room::Refusal::None) return {status_of(r), refusal_json(r).dump()};
  return {200, nlohmann::json{{"ok", true}}.dump()};
}

void Host::set_open(bool open) {
  std::lock_guard lock(mu_);
  room_.set_open(open);
}
bool Host::open() const {
  std::lock_guard lock(mu_);
  return room_.open();
}

std::vector<std::string> Host::team_names() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  for (const HostTeam& t : teams_) out.push_back(t.name);
  return out;
}

room::Tally Host::tally(const std::string& team) const {
  std::lock_guard lock(mu_);
  const HostTeam* t = find_team(team);
  return room_.tally(t ? t->name : team);
}

std::vector<room::Device> Host::devices() const {
  std::lock_guard lock(mu_);
  return room_.devices();
}

bool Host::remove(const std::string& device_id) {
  std::lock_guard lock(mu_);
  bool ok = room_.remove(device_id);
  if (ok) {
    save_room_file();
    log("removed: " + device_id);
  }
  return ok;
}

bool Host::record(const std::string& team, const std::string& choice_id, std::string* error) {
  std::lock_guard lock(mu_);
  HostTeam* t = find_team(team);
  if (!t) {
    *error = "There is no team called \"" + team + "\".";
    return false;
  }
  Session& s = *t->session;
  t->session->tick();
  std::vector<room::DeviceVote> votes = room_.votes(t->name);
  GroupInput group;
  for (const room::DeviceVote& v : votes) {
    ++group.votes[v.choice];
    // The group's rationale is the facilitator's to write; the devices' reasons are kept
    // one by one with their votes instead.
  }
  const std::string node_id = s.current_node().id;
  const std::string before = s.to_json();
  if (!s.choose(choice_id, group)) {
    *error = "\"" + choice_id + "\" is not a choice offered at this stage.";
    return false;
  }
  if (t->recorder && db_) {
    try {
      t->recorder->sync(s);
      keep_votes(t->recorder->session_id(), db_->latest_decision_seq(t->recorder->session_id()),
                 node_id, votes);
    } catch (const store::StoreError& e) {
      *error = std::string("The decision was not recorded: ") + e.what();
      // Back to where it was, so nothing is shown that the store does not hold.
      std::string restore_error;
      auto back = Session::from_json(scenario_, *clock_, before, &restore_error);
      if (back) t->session = std::move(back);
      t->recorder->rewind(t->session->history().size());
      return false;
    }
  }
  t->revealed = false;
  refresh_stage(*t);
  log("recorded " + (t->name.empty() ? std::string("the group") : "team " + t->name) + ": " +
      choice_id + " (" + std::to_string(votes.size()) + " device votes)");
  return true;
}

bool Host::reveal(const std::string& team) {
  std::lock_guard lock(mu_);
  HostTeam* t = find_team(team);
  if (!t) return false;
  t->revealed = true;
  refresh_stage(*t);
  return true;
}

void Host::refresh(const std::string& team) {
  std::lock_guard lock(mu_);
  HostTeam* t = find_team(team);
  if (!t || view_key(*t) == t->view_key) return;
  // A new stage hides the last decision's feedback until the facilitator reveals it again.
  if (room::stage_key(*t->session) != room_.stage_for(t->name).key) t->revealed = false;
  refresh_stage(*t);
}

std::vector<room::DeviceVote> Host::votes(const std::string& team) const {
  std::lock_guard lock(mu_);
  const HostTeam* t = find_team(team);
  return t ? room_.votes(t->name) : std::vector<room::DeviceVote>{};
}

void Host::keep_votes(const std::string& session_id, int64_t seq, const std::string& node_id,
                      const std::vector<room::DeviceVote>& votes) {
  if (!db_ || votes.empty()) return;
  std::vector<store::DeviceVoteRecord> rows;
  for (const room::DeviceVote& v : votes)
    rows.push_back({seq, v.device, v.team, node_id, v.choice, v.reason, v.dissent, ""});
  db_->record_device_votes(session_id, seq, rows);
}

void Host::tick() {
  std::lock_guard lock(mu_);
  for (HostTeam& t : teams_) {
    const size_t before = t.session->history().size();
    t.session->tick();
    if (t.session->history().size() == before) continue;
    if (t.recorder) {
      try {
        t.recorder->sync(*t.session);
      } catch (const store::StoreError& e) {
        log(std::string("a time-out was not recorded: ") + e.what());
      }
    }
    refresh_stage(t);
  }
}

const Session* Host::session(const std::string& team) const {
  std::lock_guard lock(mu_);
  const HostTeam* t = find_team(team);
  return t ? t->session.get() : nullptr;
}

std::string Host::session_id(const std::string& team) const {
  std::lock_guard lock(mu_);
  const HostTeam* t = find_team(team);
  if (!t) return {};
  return t->recorder ? t->recorder->session_id() : t->session_id;
}

}  // namespace auditsim::host
