// Conditional text (format 1.1): Markdown with passages shown only when a condition holds.
//
//   The licence was {{if licence_refused}}refused on the evidence{{else}}granted{{end}}.
//
// Markers are `{{if CONDITION}}`, `{{else}}` and `{{end}}`; blocks nest up to kMaxTextDepth deep.
// `\{{` stands for a literal `{{`. A line holding nothing but markers (and spaces) disappears with
// its line break, so a block can be written as its own paragraph without leaving blank lines.
// The conditions are parsed and resolved once, when the text is parsed; rendering only evaluates.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/condition.hpp"

namespace auditsim {

inline constexpr int kMaxTextDepth = 8;        // blocks inside blocks
inline constexpr size_t kMaxTextBlocks = 500;  // blocks in one text

// One piece of a conditional text: literal Markdown, or a block chosen by its condition.
struct TextPart {
  bool is_block = false;
  std::string literal;              // !is_block: shown as written
  Condition condition;              // is_block: which branch is shown
  std::vector<TextPart> then_parts;  // is_block: shown when the condition holds
  std::vector<TextPart> else_parts;  // is_block: shown otherwise (empty without `{{else}}`)
  bool has_else = false;
  size_t offset = 0;                // is_block: byte offset of its `{{if` in the text as written
  int line = 0, col = 0;            // is_block: where that is in the scenario file; 0 if unknown
};

// A text with its conditional blocks parsed.
struct TextTemplate {
  std::vector<TextPart> parts;
};

// A problem in a conditional text; `offset` is a byte offset into the text as written.
struct TextTemplateError {
  std::string code;  // a stable diagnostic code (text-marker, text-block-unclosed, ...)
  size_t offset = 0;
  std::string message;
  std::string hint;
};

struct TextTemplateParse {
  std::optional<TextTemplate> text;  // set when there are no errors
  std::vector<TextTemplateError> errors;
};

// Whether the text holds anything that looks like a marker (`{{`), so plain text skips parsing.
bool has_text_markers(std::string_view text);

// Parses a conditional text, resolving its conditions through `names`. Never throws for bad
// input; bounded in depth and in the number of blocks.
TextTemplateParse parse_text_template(std::string_view text, const ConditionNames& names);

// The Markdown to show in a state: each block replaced by the branch its condition picks.
std::string render_text_template(const TextTemplate& t, const ConditionInput& in);

// Every block of a text, outermost first, for checks that look at each condition.
std::vector<const TextPart*> text_blocks(const TextTemplate& t);
std::vector<TextPart*> text_blocks(TextTemplate& t);

}  // namespace auditsim
