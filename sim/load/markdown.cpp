// Markdown texts in format 1.1: conditional blocks checked at load time (each problem pointing
// inside the text), and text written per audience.
#include <array>

#include "sim/load/build.hpp"

namespace auditsim::load_detail {

namespace {

std::string as_sentence(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  if (!s.empty() && s.back() != '.' && s.back() != '?') s += '.';
  return s;
}

constexpr std::array<std::string_view, 3> kAudienceKeys{"members", "staff", "default"};

// The keys of a per-audience map in the order they are written (the first is the default when
// there is no `default`).
std::vector<std::string> keys_in_order(const Reader& r, int map) {
  std::vector<std::string> out;
  const YNode& n = r.at(map);
  for (size_t i = 0; i + 1 < n.items.size(); i += 2)
    if (r.at(n.items[i]).kind == YNode::Kind::Scalar) out.push_back(r.at(n.items[i]).value);
  return out;
}

// Checks a per-audience map; returns its fields, or nullopt after reporting why it cannot be used.
std::optional<Fields> audience_map(BuildContext& c, int node, std::string_view what) {
  Reader& r = c.r;
  if (!c.needs_format_1_1(node, "Text per audience (`members:` / `staff:`)")) return std::nullopt;
  Fields f = r.fields(node, what, {kAudienceKeys[0], kAudienceKeys[1], kAudienceKeys[2]});
  if (!f.ok()) return std::nullopt;
  if (!f.has("members") && !f.has("staff") && !f.has("default")) {
    r.error("missing-field", node, "This text per audience gives no text.",
            "write `members:` and `staff:` (and `default:` for a reader with no audience)");
    return std::nullopt;
  }
  return f;
}

}  // namespace

void BuildContext::register_text(const std::string& text, int yaml_node) {
  if (!has_text_markers(text)) return;
  if (!names_ready) {
    deferred_texts.emplace_back(text, yaml_node);
    return;
  }
  if (s.format_minor < 1) {
    // An auditsim/1 file shows `{{` as written, so an existing file never changes meaning. Only
    // text that is well-formed conditional text (an author who forgot the format line) is told.
    TextTemplateParse p = parse_text_template(text, condition_names());
    if (p.text && !text_blocks(*p.text).empty())
      r.warning_at("conditional-text-in-1.0",
                r.pos_in_scalar(yaml_node, text_blocks(*p.text).front()->offset),
                "This text holds `{{if ...}}` blocks, but conditional text is part of format "
                "auditsim/1.1: in this auditsim/1 file it is shown as written.",
                "change the first line to `format: auditsim/1.1`");
    return;
  }
  if (s.text_templates.count(text)) return;  // the same text was checked already
  TextTemplateParse p = parse_text_template(text, condition_names());
  for (const TextTemplateError& e : p.errors)
    r.error_at(e.code, r.pos_in_scalar(yaml_node, e.offset), as_sentence(e.message), e.hint);
  if (!p.text) return;
  for (TextPart* block : text_blocks(*p.text)) {
    const SourcePos at = r.pos_in_scalar(yaml_node, block->offset);
    block->line = at.line;
    block->col = at.col;
  }
  s.text_templates.emplace(text, std::move(*p.text));
}

void BuildContext::check_deferred_texts() {
  names_ready = true;
  for (const auto& [text, node] : deferred_texts) register_text(text, node);
  deferred_texts.clear();
}

std::optional<std::string> BuildContext::markdown(const Fields& f, std::string_view key, Need need,
                                                  std::string_view what) {
  std::optional<std::string> text = r.text(f, key, need, what);
  if (text) register_text(*text, f.value(key));
  return text;
}

void read_audience_text(BuildContext& c, const Fields& f, std::string_view key, Need need,
                        std::string_view what, std::string& out, PerAudience<std::string>& own) {
  Reader& r = c.r;
  const int node = f.value(key);
  if (node < 0 || r.at(node).kind != YNode::Kind::Map) {
    out = c.markdown(f, key, need, what).value_or("");
    return;
  }
  auto sub = audience_map(c, node, "a text per audience");
  if (!sub) return;
  std::optional<std::string> first, fallback;
  for (const std::string& k : keys_in_order(r, node)) {
    if (!sub->has(k)) continue;  // an unknown key, reported already
    std::optional<std::string> text = c.markdown(*sub, k, Need::Required, what);
    if (!text) continue;
    if (auto a = parse_audience(k)) own[static_cast<size_t>(*a)] = *text;
    if (k == "default") fallback = *text;
    if (!first) first = *text;
  }
  out = fallback ? *fallback : first.value_or("");
}

namespace {

std::vector<std::string> read_prompt_list(BuildContext& c, int list) {
  Reader& r = c.r;
  std::vector<std::string> out;
  if (r.at(list).kind == YNode::Kind::Null) return out;
  if (r.at(list).kind != YNode::Kind::Seq) {
    r.error("wrong-type", list, "Discussion prompts should be a list, not " +
                                    std::string(r.kind_name(list)) + ".",
            "for example `members: [What would you ask the police?]`");
    return out;
  }
  for (int p : r.at(list).items) {
    if (auto s = r.scalar_node(p, "discuss")) {
      c.register_text(*s, p);
      out.push_back(*s);
    }
  }
  return out;
}

}  // namespace

void read_audience_prompts(BuildContext& c, const Fields& f,
                           std::vector<std::string>& out,
                           PerAudience<std::vector<std::string>>& own) {
  Reader& r = c.r;
  const int node = f.value("discuss");
  if (node < 0) return;
  if (r.at(node).kind != YNode::Kind::Map) {
    if (auto prompts = r.list(f, "discuss"))
      for (int p : *prompts)
        if (auto s = r.scalar_node(p, "discuss")) {
          c.register_text(*s, p);
          out.push_back(*s);
        }
    return;
  }
  auto sub = audience_map(c, node, "prompts per audience");
  if (!sub) return;
  std::optional<std::vector<std::string>> first, fallback;
  for (const std::string& k : keys_in_order(r, node)) {
    if (!sub->has(k)) continue;
    std::vector<std::string> prompts = read_prompt_list(c, sub->value(k));
    if (auto a = parse_audience(k)) own[static_cast<size_t>(*a)] = prompts;
    if (k == "default") fallback = prompts;
    if (!first) first = std::move(prompts);
  }
  out = fallback ? *fallback : first.value_or(std::vector<std::string>{});
}

}  // namespace auditsim::load_detail
