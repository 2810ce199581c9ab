// The xdg-desktop-portal FileChooser (org.freedesktop.portal.FileChooser) over GDBus. OpenFile
// and SaveFile return at once with a Request object; the answer comes later as that object's
// Response signal, so the signal is subscribed to before the call (on the path the portal will
// use, made from our bus name and a token of our own) and waited for in a private main loop on
// this worker thread.
#include <gio/gio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

#include "ui/platform/file_chooser.hpp"

namespace auditsim::ui {
namespace {

struct Wait {
  GMainLoop* loop = nullptr;
  guint32 response = 2;  // 0 chosen, 1 cancelled, 2 anything else
  std::string path;
};

void on_response(GDBusConnection*, const gchar*, const gchar*, const gchar*, const gchar*,
                 GVariant* parameters, gpointer user_data) {
  auto* w = static_cast<Wait*>(user_data);
  GVariant* results = nullptr;
  g_variant_get(parameters, "(u@a{sv})", &w->response, &results);
  if (results) {
    const gchar** uris = nullptr;
    if (g_variant_lookup(results, "uris", "^a&s", &uris) && uris && uris[0]) {
      if (gchar* file = g_filename_from_uri(uris[0], nullptr, nullptr)) {
        w->path = file;
        g_free(file);
      }
    }
    g_free(uris);
    g_variant_unref(results);
  }
  g_main_loop_quit(w->loop);
}

// The session bus's address, without GLib's fallback of launching a bus of its own under X: no
// bus means no portal, and the next way of asking is tried.
std::string session_bus_address() {
  if (const char* a = std::getenv("DBUS_SESSION_BUS_ADDRESS"); a && *a) return a;
  if (const char* runtime = std::getenv("XDG_RUNTIME_DIR"); runtime && *runtime) {
    const std::string socket = std::string(runtime) + "/bus";
    struct stat st {};
    if (stat(socket.c_str(), &st) == 0 && S_ISSOCK(st.st_mode)) return "unix:path=" + socket;
  }
  return "";
}

GVariant* byte_string(const std::string& s) {
  return g_variant_new_bytestring(s.c_str());
}

GVariant* options_for(const FileRequest& r, const std::string& token) {
  GVariantBuilder b;
  g_variant_builder_init(&b, G_VARIANT_TYPE("a{sv}"));
  g_variant_builder_add(&b, "{sv}", "handle_token", g_variant_new_string(token.c_str()));
  g_variant_builder_add(&b, "{sv}", "modal", g_variant_new_boolean(TRUE));
  if (r.kind == FileRequest::Kind::Folder)
    g_variant_builder_add(&b, "{sv}", "directory", g_variant_new_boolean(TRUE));
  if (r.kind == FileRequest::Kind::Save && !r.current.empty()) {
    const size_t slash = r.current.rfind('/');
    const std::string name = slash == std::string::npos ? r.current : r.current.substr(slash + 1);
    if (!name.empty()) g_variant_builder_add(&b, "{sv}", "current_name", g_variant_new_string(name.c_str()));
    if (slash != std::string::npos && slash > 0)
      g_variant_builder_add(&b, "{sv}", "current_folder", byte_string(r.current.substr(0, slash)));
  }
  if (!r.filters.empty() && r.kind != FileRequest::Kind::Folder) {
    GVariantBuilder filters;
    g_variant_builder_init(&filters, G_VARIANT_TYPE("a(sa(us))"));
    for (const FileFilter& f : r.filters) {
      GVariantBuilder patterns;
      g_variant_builder_init(&patterns, G_VARIANT_TYPE("a(us)"));
      for (const std::string& p : f.patterns) g_variant_builder_add(&patterns, "(us)", 0u, p.c_str());
      g_variant_builder_add(&filters, "(sa(us))", f.name.c_str(), &patterns);
    }
    g_variant_builder_add(&b, "{sv}", "filters", g_variant_builder_end(&filters));
  }
  return g_variant_builder_end(&b);
}

class PortalBackend : public FileChooserBackend {
 public:
  std::string name() const override { return "portal"; }

  FileAnswer choose(const FileRequest& request) override {
    FileAnswer a;
    a.via = "portal";
    // The whole exchange runs on this thread's own main context, never the UI thread's.
    GMainContext* context = g_main_context_new();
    g_main_context_push_thread_default(context);
    a = ask(request);
    g_main_context_pop_thread_default(context);
    g_main_context_unref(context);
    return a;
  }

 private:
  FileAnswer ask(const FileRequest& request) {
    FileAnswer a;
    a.via = "portal";
    GError* error = nullptr;
    const std::string address = session_bus_address();
    if (address.empty()) {
      a.why = "no desktop session bus";
      return a;
    }
    GDBusConnection* bus = g_dbus_connection_new_for_address_sync(
        address.c_str(),
        GDBusConnectionFlags(G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                             G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION),
        nullptr, nullptr, &error);
    if (!bus) {
      a.why = "no desktop session bus";
      g_clear_error(&error);
      return a;
    }
    static std::atomic<unsigned> counter{0};
    const std::string token = "auditsim" + std::to_string(getpid()) + "_" + std::to_string(++counter);
    std::string sender = g_dbus_connection_get_unique_name(bus) ? g_dbus_connection_get_unique_name(bus) : "";
    if (!sender.empty() && sender[0] == ':') sender.erase(0, 1);
    for (char& c : sender)
      if (c == '.') c = '_';
    const std::string handle = "/org/freedesktop/portal/desktop/request/" + sender + "/" + token;
    Wait wait;
    wait.loop = g_main_loop_new(g_main_context_get_thread_default(), FALSE);
    const guint subscription = g_dbus_connection_signal_subscribe(
        bus, nullptr, "org.freedesktop.portal.Request", "Response", handle.c_str(), nullptr,
        G_DBUS_SIGNAL_FLAGS_NONE, on_response, &wait, nullptr);
    const char* method = request.kind == FileRequest::Kind::Save ? "SaveFile" : "OpenFile";
    const std::string title = request.title.empty() ? "Choose a file" : request.title;
    GVariant* reply = g_dbus_connection_call_sync(
        bus, "org.freedesktop.portal.Desktop", "/org/freedesktop/portal/desktop",
        "org.freedesktop.portal.FileChooser", method,
        g_variant_new("(ss@a{sv})", "", title.c_str(), options_for(request, token)),
        G_VARIANT_TYPE("(o)"), G_DBUS_CALL_FLAGS_NONE, 10000, nullptr, &error);
    if (!reply) {
      a.why = std::string("no desktop file chooser (") + (error ? error->message : "no answer") + ")";
      g_clear_error(&error);
    } else {
      g_variant_unref(reply);
      // The user may take as long as they like; the window keeps drawing meanwhile.
      g_main_loop_run(wait.loop);
      if (wait.response == 0 && !wait.path.empty()) {
        a.status = FileAnswer::Status::Chosen;
        a.path = wait.path;
      } else if (wait.response == 1) {
        a.status = FileAnswer::Status::Cancelled;
      } else {
        a.why = "the desktop file chooser did not answer";
      }
    }
    g_dbus_connection_signal_unsubscribe(bus, subscription);
    g_main_loop_unref(wait.loop);
    g_object_unref(bus);
    return a;
  }
};

}  // namespace

std::unique_ptr<FileChooserBackend> portal_backend() { return std::make_unique<PortalBackend>(); }

}  // namespace auditsim::ui
