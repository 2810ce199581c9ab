#include "sim/text_render.hpp"

namespace auditsim {

namespace {

template <class T>
const T& for_audience(const PerAudience<T>& own, const T& fallback,
                      std::optional<Audience> audience) {
  if (audience) {
    const auto& mine = own[static_cast<size_t>(*audience)];
    if (mine) return *mine;
  }
  return fallback;
}

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

}  // namespace

const std::string& node_text(const Node& n, std::optional<Audience> audience) {
  return for_audience(n.audience_text, n.text, audience);
}

const std::vector<std::string>& node_discuss(const Node& n, std::optional<Audience> audience) {
  return for_audience(n.audience_discuss, n.discuss, audience);
}

const std::string& inject_text(const Inject& in, std::optional<Audience> audience) {
  return for_audience(in.audience_text, in.text, audience);
}

std::string render_text(const Scenario& s, const std::string& text, const ConditionInput& in) {
  // Only format 1.1 files have templates; an auditsim/1 text is shown exactly as written.
  if (s.text_templates.empty()) return text;
  auto it = s.text_templates.find(text);
  if (it == s.text_templates.end()) return text;
  return render_text_template(it->second, in);
}

std::string render_text(const Scenario& s, const std::string& text, const PlayState& st) {
  return render_text(s, text, ConditionInput{st.variables, st.visits});
}

std::vector<std::string> render_prompts(const Scenario& s, const std::vector<std::string>& prompts,
                                        const PlayState& st) {
  std::vector<std::string> out;
  for (const std::string& p : prompts) {
    std::string shown = render_text(s, p, st);
    if (!blank(shown)) out.push_back(std::move(shown));
  }
  return out;
}

}  // namespace auditsim
