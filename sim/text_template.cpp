// Conditional text: a scan for markers, a pass that removes lines holding only markers, then a
// tree built with an explicit stack (so hostile nesting cannot exhaust the call stack).
#include "sim/text_template.hpp"

#include <algorithm>
#include <utility>

namespace auditsim {

namespace {

constexpr size_t kMaxErrors = 20;

enum class MarkerKind { If, Else, End };

struct Marker {
  MarkerKind kind = MarkerKind::If;
  size_t start = 0;  // offset of `{{`
  size_t end = 0;    // offset just past `}}`
  size_t cond_start = 0;  // If: where the condition's text begins
  std::string_view cond;  // If: the condition as written
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r'; }

std::string_view trim(std::string_view s, size_t* leading = nullptr) {
  size_t b = 0, e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  if (leading) *leading = b;
  return s.substr(b, e - b);
}

const std::string kMarkersHint =
    "the markers are {{if condition}}, {{else}} and {{end}}; write \\{{ for a literal {{";

struct Parser {
  std::string_view text;
  const ConditionNames& names;
  std::vector<Marker> markers;
  std::vector<size_t> escapes;  // offsets of the backslash in each `\{{`
  std::vector<bool> dropped;    // characters removed with a line that holds only markers
  std::vector<TextTemplateError> errors;

  void error(std::string code, size_t at, std::string message, std::string hint) {
    if (errors.size() < kMaxErrors)
      errors.push_back({std::move(code), at, std::move(message), std::move(hint)});
  }

  void scan() {
    for (size_t i = 0; i < text.size();) {
      if (text[i] == '\\' && text.substr(i + 1, 2) == "{{") {
        escapes.push_back(i);
        i += 3;
        continue;
      }
      if (text.substr(i, 2) != "{{") {
        ++i;
        continue;
      }
      const size_t close = text.find("}}", i + 2);
      const size_t newline = text.find('\n', i + 2);
      if (close == std::string_view::npos || (newline != std::string_view::npos && newline < close)) {
        error("text-marker", i, "This `{{` is not closed on its line.",
              "close the marker with }}, or " + kMarkersHint.substr(kMarkersHint.find("write")));
        i += 2;
        continue;
      }
      size_t lead = 0;
      const std::string_view inner = trim(text.substr(i + 2, close - i - 2), &lead);
      Marker m;
      m.start = i;
      m.end = close + 2;
      if (inner == "else") {
        m.kind = MarkerKind::Else;
      } else if (inner == "end") {
        m.kind = MarkerKind::End;
      } else if (inner.substr(0, 2) == "if" && (inner.size() == 2 || is_space(inner[2]))) {
        m.kind = MarkerKind::If;
        size_t cond_lead = 0;
        m.cond = trim(inner.substr(2), &cond_lead);
        m.cond_start = i + 2 + lead + 2 + cond_lead;
      } else {
        std::string hint = kMarkersHint;
        if (inner.substr(0, 4) == "elif" || inner.substr(0, 7) == "else if")
          hint = "there is no else-if: put a new {{if ...}} ... {{end}} inside the {{else}}";
        else if (inner.substr(0, 3) == "end")
          hint = "close every block with {{end}} alone";
        error("text-marker", i, "`{{" + std::string(inner) + "}}` is not a marker.", hint);
        i = close + 2;
        continue;
      }
      markers.push_back(m);
      i = close + 2;
    }
  }

  // A line that holds only markers and spaces goes, with its line break, so that
  //   {{if x}}\nParagraph.\n{{end}}\n
  // reads "Paragraph.\n" when x holds and nothing when it does not.
  void drop_marker_lines() {
    dropped.assign(text.size(), false);
    size_t k = 0;
    for (size_t line = 0; line < text.size() && k < markers.size();) {
      size_t eol = text.find('\n', line);
      if (eol == std::string_view::npos) eol = text.size();
      size_t first = k;
      while (k < markers.size() && markers[k].start < eol) ++k;
      if (k > first) {
        bool only_markers = true;
        size_t at = line;
        for (size_t m = first; m < k && only_markers; ++m) {
          for (; at < markers[m].start; ++at) only_markers &= is_space(text[at]);
          at = markers[m].end;
        }
        for (; at < eol && only_markers; ++at) only_markers &= is_space(text[at]);
        if (only_markers) {
          for (size_t i = line; i < std::min(eol + 1, text.size()); ++i) dropped[i] = true;
        }
      }
      line = eol + 1;
    }
  }

  struct Frame {
    TextPart block;
    bool in_else = false;
  };

  static void append_literal(std::vector<TextPart>& parts, std::string_view s) {
    if (s.empty()) return;
    if (parts.empty() || parts.back().is_block) parts.emplace_back();
    parts.back().literal.append(s);
  }

  TextTemplate build() {
    TextTemplate out;
    std::vector<Frame> stack;
    size_t blocks = 0;
    auto current = [&]() -> std::vector<TextPart>& {
      if (stack.empty()) return out.parts;
      Frame& f = stack.back();
      return f.in_else ? f.block.else_parts : f.block.then_parts;
    };
    // Literal text between two offsets, without dropped characters and escape backslashes.
    size_t esc = 0;
    auto literal = [&](size_t from, size_t to) {
      std::string s;
      for (size_t i = from; i < to; ++i) {
        while (esc < escapes.size() && escapes[esc] < i) ++esc;
        if (esc < escapes.size() && escapes[esc] == i) continue;
        if (!dropped[i]) s += text[i];
      }
      append_literal(current(), s);
    };
    size_t cursor = 0;
    for (const Marker& m : markers) {
      literal(cursor, m.start);
      cursor = m.end;
      switch (m.kind) {
        case MarkerKind::If: {
          if (static_cast<int>(stack.size()) >= kMaxTextDepth) {
            error("text-too-complex", m.start,
                  "Conditional blocks are nested more than " + std::to_string(kMaxTextDepth) +
                      " deep here.",
                  "join conditions with `and` instead of nesting blocks");
            return out;
          }
          if (++blocks > kMaxTextBlocks) {
            error("text-too-complex", m.start,
                  "The text has more than " + std::to_string(kMaxTextBlocks) +
                      " conditional blocks.",
                  "split it, or write separate stages for the routes that differ this much");
            return out;
          }
          Frame f;
          f.block.is_block = true;
          f.block.offset = m.start;
          parse_block_condition(m, f.block);
          stack.push_back(std::move(f));
          break;
        }
        case MarkerKind::Else:
          if (stack.empty()) {
            error("text-block-unbalanced", m.start, "`{{else}}` is outside any `{{if ...}}` block.",
                  "start the block with {{if condition}}, or write \\{{else}} for the words");
          } else if (stack.back().in_else) {
            error("text-block-unbalanced", m.start, "This block already has an `{{else}}`.",
                  "a block has at most one {{else}}; nest a new {{if ...}} inside it instead");
          } else {
            stack.back().in_else = true;
            stack.back().block.has_else = true;
          }
          break;
        case MarkerKind::End:
          if (stack.empty()) {
            error("text-block-unbalanced", m.start, "`{{end}}` has no `{{if ...}}` to close.",
                  "remove it, or add the {{if condition}} that starts the block");
          } else {
            TextPart done = std::move(stack.back().block);
            stack.pop_back();
            current().push_back(std::move(done));
          }
          break;
      }
    }
    literal(cursor, text.size());
    for (const Frame& f : stack)
      error("text-block-unclosed", f.block.offset, "This `{{if ...}}` block is never closed.",
            "add {{end}} where the conditional passage stops");
    return out;
  }

  void parse_block_condition(const Marker& m, TextPart& block) {
    if (m.cond.empty()) {
      error("condition-syntax", m.start, "`{{if}}` needs a condition.",
            "write the condition after `if`, for example {{if referred}}");
      return;
    }
    ConditionParseResult parsed = parse_condition(m.cond, names);
    for (const ConditionError& e : parsed.errors)
      error(condition_error_code(e.kind), m.cond_start + e.offset, e.message, e.hint);
    if (parsed.condition) block.condition = std::move(*parsed.condition);
  }
};

void render_parts(const std::vector<TextPart>& parts, const ConditionInput& in, std::string& out) {
  for (const TextPart& p : parts) {
    if (!p.is_block) {
      out += p.literal;
      continue;
    }
    // Recursion is bounded by kMaxTextDepth, checked when the text was parsed.
    render_parts(p.condition.eval(in) ? p.then_parts : p.else_parts, in, out);
  }
}

// Parts is std::vector<TextPart>, const or not; Out a vector of matching pointers.
template <class Parts, class Out>
void collect_blocks(Parts& parts, Out& out) {
  for (auto& p : parts) {
    if (!p.is_block) continue;
    out.push_back(&p);
    collect_blocks(p.then_parts, out);
    collect_blocks(p.else_parts, out);
  }
}

}  // namespace

bool has_text_markers(std::string_view text) { return text.find("{{") != std::string_view::npos; }

TextTemplateParse parse_text_template(std::string_view text, const ConditionNames& names) {
  TextTemplateParse result;
  Parser p{text, names, {}, {}, {}, {}};
  p.scan();
  p.drop_marker_lines();
  TextTemplate t = p.build();
  result.errors = std::move(p.errors);
  std::stable_sort(result.errors.begin(), result.errors.end(),
                   [](const TextTemplateError& a, const TextTemplateError& b) {
                     return a.offset < b.offset;
                   });
  if (result.errors.empty()) result.text = std::move(t);
  return result;
}

std::string render_text_template(const TextTemplate& t, const ConditionInput& in) {
  std::string out;
  render_parts(t.parts, in, out);
  return out;
}

std::vector<const TextPart*> text_blocks(const TextTemplate& t) {
  std::vector<const TextPart*> out;
  collect_blocks(t.parts, out);
  return out;
}

std::vector<TextPart*> text_blocks(TextTemplate& t) {
  std::vector<TextPart*> out;
  collect_blocks(t.parts, out);
  return out;
}

}  // namespace auditsim
