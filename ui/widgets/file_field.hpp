// A path field with a "Choose..." button beside it that opens the desktop's file dialog
// (ui/platform/file_chooser.hpp). The typed path always works; the button only fills it in.
#pragma once

#include <string>

#include "ui/platform/file_chooser.hpp"

namespace auditsim::ui {

// The desktop program's one file dialog: one is open at a time, whichever field asked.
FileDialog& desktop_file_dialog();

// Draws the field (`width` wide, 0 for the rest of the line less the button) and the button.
// `id` names both and is the dialog's key. True when the value changed (typed or chosen).
bool file_field(FileDialog& dialog, const char* id, std::string* value, const char* hint,
                const FileRequest& request, float width = 0);

}  // namespace auditsim::ui
