// Whether the Word template named in Settings can be used: checked (read and parsed) only when
// the name changes, not on every frame the settings screen is drawn. No ImGui here.
#pragma once

#include <string>

namespace auditsim::ui {

class WordTemplateCheck {
 public:
  // Empty when `path` is empty or names a usable template; else what is wrong, with its code.
  const std::string& problem_for(const std::string& path);

 private:
  bool checked_ = false;
  std::string path_, problem_;
};

}  // namespace auditsim::ui
