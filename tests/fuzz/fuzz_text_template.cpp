// Fuzz target for conditional text (format 1.1): parsing must never crash or hang, must return
// either a template or errors, and rendering a parsed template must work in any state.
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <string>
#include <vector>

#include "sim/text_template.hpp"

using namespace auditsim;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  ConditionNames names;
  names.variable = [](std::string_view id) { return id == "x" ? 0 : id == "y" ? 1 : -1; };
  names.node = [](std::string_view id) { return id == "n" ? 0 : -1; };
  const TextTemplateParse p = parse_text_template(text, names);
  if (p.text.has_value() == !p.errors.empty()) std::abort();  // exactly one of the two
  for (const auto& e : p.errors)
    if (e.offset > size || e.code.empty() || e.message.empty()) std::abort();
  if (!p.text) return 0;
  for (int64_t v : {int64_t{0}, int64_t{1}, std::numeric_limits<int64_t>::min()}) {
    const std::vector<int64_t> vars(2, v);
    const std::vector<uint32_t> visits(1, static_cast<uint32_t>(v & 1));
    // A rendering keeps only characters of the text: it can never be longer.
    if (render_text_template(*p.text, ConditionInput{vars, visits}).size() > size) std::abort();
  }
  return 0;
}
