#include "ui/controllers/word_template_check.hpp"

#include "reports/docx_template.hpp"

namespace auditsim::ui {

const std::string& WordTemplateCheck::problem_for(const std::string& path) {
  if (!checked_ || path != path_) {
    checked_ = true;
    path_ = path;
    problem_ = path.empty() ? std::string() : reports::word_template_problem(path);
  }
  return problem_;
}

}  // namespace auditsim::ui
