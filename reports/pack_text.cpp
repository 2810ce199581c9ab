// Conditional text on paper. On screen a passage is shown or not by the state of play; on paper
// nobody knows the path in advance, so every passage is printed, in square brackets, with what
// decides it: the condition for the facilitator, "where it applies" for the teams.
#include <string>

#include "reports/pack.hpp"
#include "sim/text_template.hpp"

namespace auditsim::reports {
namespace {

void write_parts(const std::vector<TextPart>& parts, bool with_conditions, std::string& out);

void write_block(const TextPart& b, bool with_conditions, std::string& out) {
  out += with_conditions ? "[if " + b.condition.text() + ": " : "[where it applies: ";
  write_parts(b.then_parts, with_conditions, out);
  if (b.has_else) {
    out += with_conditions ? " | otherwise: " : " | or else: ";
    write_parts(b.else_parts, with_conditions, out);
  }
  out += "]";
}

void write_parts(const std::vector<TextPart>& parts, bool with_conditions, std::string& out) {
  for (const TextPart& p : parts) {
    if (p.is_block) write_block(p, with_conditions, out);
    else out += p.literal;
  }
}

}  // namespace

std::string text_with_alternatives(const Scenario& s, const std::string& text, bool with_conditions) {
  // Only format 1.1 files have templates; any other text reads exactly as written.
  const auto it = s.text_templates.find(text);
  if (it == s.text_templates.end()) return text;
  std::string out;
  write_parts(it->second.parts, with_conditions, out);
  return out;
}

}  // namespace auditsim::reports
