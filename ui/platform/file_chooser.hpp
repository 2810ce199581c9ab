// Choosing a file or folder with the desktop's own dialog: the xdg-desktop-portal FileChooser
// over D-Bus (GNOME, KDE and sandboxed desktops), else zenity or kdialog when installed, else
// nothing, and the typed path, which is always there, is how the user says where. Each way is a
// backend behind one interface, so the order they are tried in is tested without a desktop.
// No ImGui here; the asynchronous FileDialog keeps the window drawing while a dialog is open.
#pragma once

#include <future>
#include <optional>
#include <memory>
#include <string>
#include <vector>

namespace auditsim::ui {

struct FileFilter {
  std::string name;                   // "PNG images"
  std::vector<std::string> patterns;  // {"*.png"}
};

struct FileRequest {
  enum class Kind { Open, Save, Folder } kind = Kind::Open;
  std::string title;    // "Choose the council's logo"
  std::string current;  // the path typed so far: where the dialog starts, a Save's file name
  std::vector<FileFilter> filters;
};

struct FileAnswer {
  // Unavailable: this way cannot ask (no session bus, no such program, it failed): try the next.
  enum class Status { Chosen, Cancelled, Unavailable } status = FileAnswer::Status::Unavailable;
  std::string path;  // Chosen: the path, as bytes the file system takes
  std::string via;   // the backend that answered ("portal", "zenity", "kdialog")
  std::string why;   // Unavailable: why, in plain words
};

// One way of asking. choose() blocks until the user answers; it is run off the UI thread.
class FileChooserBackend {
 public:
  virtual ~FileChooserBackend() = default;
  virtual std::string name() const = 0;
  virtual FileAnswer choose(const FileRequest& request) = 0;
};

// The portal over the session bus (GDBus). Unavailable without a session bus or a portal.
std::unique_ptr<FileChooserBackend> portal_backend();
// A dialog program found on `path_env` (a PATH value): "zenity" or "kdialog". Unavailable when
// the program is not there or fails to run; exit status 1 is the user's cancel.
std::unique_ptr<FileChooserBackend> program_backend(const std::string& program, std::string path_env);

// The portal, zenity, kdialog, in that order, for this process's environment.
std::vector<std::unique_ptr<FileChooserBackend>> default_backends();

// Asks each backend in turn until one can ask: its answer (Chosen or Cancelled) is final. When
// none can, Unavailable with every reason, and the typed path stands.
FileAnswer choose_file(std::vector<std::unique_ptr<FileChooserBackend>>& backends,
                       const FileRequest& request);

// A program on a PATH value: its full path, or empty.
std::string find_on_path(const std::string& program, const std::string& path_env);

// One dialog at a time for the desktop program, answered on a worker thread. A field asks with
// its own key and takes the answer back when it is drawn next, so an answer for a field no
// longer on screen is simply dropped, never written into something that has gone.
class FileDialog {
 public:
  // Makes the chain afresh for each request (a zenity installed meanwhile is found).
  using ChainMaker = std::vector<std::unique_ptr<FileChooserBackend>> (*)();
  explicit FileDialog(ChainMaker make_chain = default_backends);
  ~FileDialog();

  // Starts a dialog for `key`; false when one is already open.
  bool open(const std::string& key, const FileRequest& request);
  bool busy() const { return pending_.valid(); }
  // The key of the open dialog, or of the answer not yet taken.
  const std::string& key() const { return key_; }
  // When the dialog for `key` has answered: writes a chosen path into `*value` (a cancel
  // leaves it unchanged) and returns true. Never blocks.
  bool take(const std::string& key, std::string* value, FileAnswer* answer = nullptr);
  // The last answer's reason when no dialog could be shown (for a hint beside the field).
  const std::string& unavailable_reason() const { return unavailable_; }
  // Waits for the open dialog to answer (tests).
  void wait();

 private:
  ChainMaker make_chain_;
  std::string key_;
  std::future<FileAnswer> pending_;
  std::optional<FileAnswer> answered_;
  std::string unavailable_;
};

}  // namespace auditsim::ui
