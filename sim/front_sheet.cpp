// The front sheet file: read with the scenario loader's hardened YAML tree (libyaml events, depth,
// alias and duplicate-key checks while parsing), so a hostile file is refused the same way a
// hostile scenario is. The loader's own problem codes become the front sheet's FS codes.
#include "sim/front_sheet.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <map>
#include <new>
#include <tuple>

#include "sim/dates.hpp"
#include "sim/file_read.hpp"
#include "sim/load/reader.hpp"
#include "sim/load/text.hpp"
#include "sim/load/yaml.hpp"

namespace auditsim {

using load_detail::Fields;
using load_detail::Reader;
using load_detail::YNode;

bool FrontSheet::empty() const { return *this == FrontSheet{}; }

bool FrontSheet::operator==(const FrontSheet& o) const {
  auto tie = [](const FrontSheet& s) {
    const FrontSheetImplications& i = s.implications;
    return std::tie(s.committee, s.meeting_date, s.report_author, s.contact, s.wards_affected,
                    s.key_decision, s.part_b, s.schedule_12a_paragraphs, s.purpose,
                    s.recommendations_summary, i.financial, i.legal, i.equality, i.risk,
                    i.data_protection, i.climate, s.background_papers, s.chairs_foreword,
                    s.cmt_response, s.cabinet_response);
  };
  return tie(*this) == tie(o);
}

const std::vector<std::string>& front_sheet_keys() {
  static const std::vector<std::string> keys{
      "format", "committee", "meeting_date", "report_author", "contact", "wards_affected",
      "key_decision", "part", "schedule_12a_paragraphs", "purpose", "recommendations_summary",
      "implications", "background_papers", "chairs_foreword", "cmt_response", "cabinet_response"};
  return keys;
}

namespace {

const char* const kExample = "see docs/front-sheet-example.yaml for a complete front sheet";

Diagnostic file_problem(const char* code, const std::string& file, std::string message,
                        std::string hint) {
  return {Severity::Error, code, file, 0, 0, std::move(message), std::move(hint)};
}

// The loader's codes, as the front sheet's stable ones.
std::string front_sheet_code(const std::string& loader_code) {
  static const std::map<std::string, std::string> codes{
      {"unknown-key", kFsUnknownKey},   {"wrong-type", kFsWrongType},
      {"duplicate-key", kFsDuplicateKey}, {"yaml-syntax", kFsSyntax},
      {"too-deep", kFsSyntax},          {"alias-bomb", kFsSyntax},
      {"unsupported-yaml", kFsSyntax},  {"file-too-large", kFsUnreadable},
      {"invalid-utf8", kFsUnreadable},  {"bad-value", kFsBadValue},
      {"missing-field", kFsBadFormat},
  };
  auto it = codes.find(loader_code);
  return it != codes.end() ? it->second : loader_code;
}

struct SheetReader {
  Reader& r;
  FrontSheet& s;

  // Text, or nothing after a problem. Too long a text is refused rather than cut.
  void text(const Fields& f, const char* key, std::string& out) {
    const int v = f.value(key);
    if (v < 0) return;
    std::optional<std::string> t = r.scalar_node(v, key);
    if (!t) return;
    if (t->size() > kMaxFrontSheetText) {
      r.error(kFsTooLong, v,
              "`" + std::string(key) + "` is " + std::to_string(t->size() / 1024) +
                  " KB; a front sheet field holds at most " +
                  std::to_string(kMaxFrontSheetText / 1000) + " thousand characters.",
              "shorten it, or put the detail in a background paper and name the paper here");
      return;
    }
    out = std::move(*t);
  }

  // A list of texts; one text on its own is taken as a list of one ("All wards").
  void texts(const Fields& f, const char* key, std::vector<std::string>& out) {
    const int v = f.value(key);
    if (v < 0 || r.at(v).kind == YNode::Kind::Null) return;
    if (r.at(v).kind == YNode::Kind::Scalar) {
      std::string one;
      text(f, key, one);
      if (!one.empty()) out = {one};
      return;
    }
    if (!r.expect_kind(v, YNode::Kind::Seq, "`" + std::string(key) + "` should be a list of texts",
                       "write each item on its own line starting with `- `"))
      return;
    std::vector<std::string> items;
    for (int item : r.at(v).items) {
      std::optional<std::string> t = r.scalar_node(item, key);
      if (!t) return;
      if (t->size() > kMaxFrontSheetText) {
        r.error(kFsTooLong, item, "An item of `" + std::string(key) + "` is too long.",
                "shorten it to a title and reference");
        return;
      }
      if (t->find_first_not_of(" \t\r\n") != std::string::npos) items.push_back(std::move(*t));
    }
    out = std::move(items);
  }

  void yes_no(const Fields& f, const char* key, bool& out) {
    const int v = f.value(key);
    if (v < 0 || r.at(v).kind == YNode::Kind::Null) return;
    const YNode& n = r.at(v);
    if (n.kind == YNode::Kind::Scalar) {
      std::string w = n.value;
      std::transform(w.begin(), w.end(), w.begin(), [](unsigned char c) { return std::tolower(c); });
      if (w == "yes" || w == "true") return void(out = true);
      if (w == "no" || w == "false") return void(out = false);
    }
    r.error(kFsWrongType, v, "`" + std::string(key) + "` should be yes or no, not " +
                                 (n.kind == YNode::Kind::Scalar ? "`" + n.value + "`"
                                                                : std::string(r.kind_name(v))) + ".",
            "write yes or no");
  }

  void date(const Fields& f, const char* key, std::string& out) {
    const int v = f.value(key);
    std::string d;
    text(f, key, d);
    if (d.empty()) return;
    if (!is_iso_date(d)) {
      r.error(kFsBadDate, v, not_a_date_message(key, d), "write the day as YYYY-MM-DD, for example 2027-01-14");
      return;
    }
    out = d;
  }

  void part(const Fields& f) {
    const int v = f.value("part");
    std::string p;
    text(f, "part", p);
    if (p.empty()) return;
    if (p == "A" || p == "a") s.part_b = false;
    else if (p == "B" || p == "b") s.part_b = true;
    else
      r.error(kFsBadValue, v, "`part` should be A or B, not `" + p + "`.",
              "write A for a public paper, B for one with exempt information");
  }

  void paragraphs(const Fields& f) {
    const char* key = "schedule_12a_paragraphs";
    const int v = f.value(key);
    if (v < 0 || r.at(v).kind == YNode::Kind::Null) return;
    std::vector<int> items;
    if (r.at(v).kind == YNode::Kind::Scalar) items = {v};
    else if (!r.expect_kind(v, YNode::Kind::Seq, "`" + std::string(key) + "` should be a list of paragraph numbers",
                            "write the numbers in brackets: [1, 7]"))
      return;
    else items = r.at(v).items;
    std::vector<int> out;
    for (int item : items) {
      const YNode& n = r.at(item);
      int64_t number = 0;
      const bool whole = n.kind == YNode::Kind::Scalar &&
                         load_detail::parse_int64(n.value, number) == load_detail::IntParse::Ok;
      if (!whole || number < kFirstSchedule12AParagraph || number > kLastSchedule12AParagraph) {
        r.error(kFsBadParagraph, item,
                "`" + (n.kind == YNode::Kind::Scalar ? n.value : std::string(r.kind_name(item))) +
                    "` is not a paragraph of Schedule 12A to the Local Government Act 1972.",
                "the paragraphs are numbered 1 to 7 (1: an individual, 2: identifying an "
                "individual, 3: financial or business affairs, 4: labour relations, 5: legal "
                "privilege, 6: notices and orders, 7: crime)");
        continue;
      }
      if (std::find(out.begin(), out.end(), static_cast<int>(number)) == out.end())
        out.push_back(static_cast<int>(number));
    }
    std::sort(out.begin(), out.end());
    s.schedule_12a_paragraphs = out;
  }

  void implications(const Fields& top) {
    const int v = top.value("implications");
    if (v < 0 || r.at(v).kind == YNode::Kind::Null) return;
    const Fields f = r.fields(v, "the implications",
                              {"financial", "legal", "equality", "risk", "data_protection", "climate"});
    if (!f.ok()) return;
    FrontSheetImplications& i = s.implications;
    text(f, "financial", i.financial);
    text(f, "legal", i.legal);
    text(f, "equality", i.equality);
    text(f, "risk", i.risk);
    text(f, "data_protection", i.data_protection);
    text(f, "climate", i.climate);
  }
};

}  // namespace

FrontSheetResult parse_front_sheet(std::string_view text, const std::string& file) {
  FrontSheetResult res;
  auto& diags = res.diagnostics;
  if (text.size() > kMaxFrontSheetBytes) {
    diags.push_back(file_problem(kFsUnreadable, file,
                                 "The file is " + std::to_string(text.size() / 1024) +
                                     " KB; a front sheet is at most " +
                                     std::to_string(kMaxFrontSheetBytes / 1024) + " KB.",
                                 "give the front sheet file, not a report or a database"));
    return res;
  }
  if (auto bad = load_detail::find_invalid_utf8(text)) {
    diags.push_back({Severity::Error, kFsUnreadable, file, bad->line, bad->col,
                     "The text is not valid UTF-8 (is this a front sheet file?).",
                     "save the file as UTF-8 text"});
    return res;
  }
  if (text.find('\0') != std::string_view::npos) {
    diags.push_back(file_problem(kFsUnreadable, file, "The file holds binary data, not text.",
                                 "give the front sheet's .yaml file"));
    return res;
  }
  try {
    load_detail::YamlDoc doc;
    LoadLimits limits;
    limits.max_file_bytes = kMaxFrontSheetBytes;
    limits.max_depth = 8;  // the format nests two levels; anything deeper is not a front sheet
    limits.max_nodes = 20000;
    std::vector<Diagnostic> parsed;
    const bool ok = load_detail::parse_yaml(text, file, limits, doc, parsed);
    for (Diagnostic& d : parsed) d.code = front_sheet_code(d.code);
    diags.insert(diags.end(), parsed.begin(), parsed.end());
    if (!ok) return res;
    if (doc.root < 0 || doc.nodes[static_cast<size_t>(doc.root)].kind == YNode::Kind::Null) {
      diags.push_back(file_problem(kFsBadFormat, file, "The file is empty.",
                                   std::string("a front sheet starts with `format: ") +
                                       kFrontSheetFormat + "`; " + kExample));
      return res;
    }
    std::vector<Diagnostic> read;
    Reader r(doc, text, file, read);
    SheetReader sr{r, res.sheet};
    const Fields top = r.fields(doc.root, "a front sheet",
                                {"format", "committee", "meeting_date", "report_author", "contact",
                                 "wards_affected", "key_decision", "part",
                                 "schedule_12a_paragraphs", "purpose", "recommendations_summary",
                                 "implications", "background_papers", "chairs_foreword",
                                 "cmt_response", "cabinet_response"});
    if (top.ok()) {
      std::string format;
      sr.text(top, "format", format);
      if (!top.has("format")) {
        r.error(kFsBadFormat, doc.root, "The file does not say what it is.",
                std::string("add `format: ") + kFrontSheetFormat + "` as the first line");
      } else if (format != kFrontSheetFormat) {
        r.error(kFsBadFormat, r.where(top, "format"),
                "`format` is `" + format + "`, not a front sheet format this program reads.",
                std::string("write `format: ") + kFrontSheetFormat + "`");
      }
      FrontSheet& s = res.sheet;
      sr.text(top, "committee", s.committee);
      sr.date(top, "meeting_date", s.meeting_date);
      sr.text(top, "report_author", s.report_author);
      sr.text(top, "contact", s.contact);
      sr.texts(top, "wards_affected", s.wards_affected);
      sr.yes_no(top, "key_decision", s.key_decision);
      sr.part(top);
      sr.paragraphs(top);
      sr.text(top, "purpose", s.purpose);
      sr.text(top, "recommendations_summary", s.recommendations_summary);
      sr.implications(top);
      sr.texts(top, "background_papers", s.background_papers);
      sr.text(top, "chairs_foreword", s.chairs_foreword);
      sr.text(top, "cmt_response", s.cmt_response);
      sr.text(top, "cabinet_response", s.cabinet_response);
      const bool paragraph_errors =
          std::any_of(read.begin(), read.end(), [](const Diagnostic& d) { return d.code == kFsBadParagraph; });
      if (!paragraph_errors && s.part_b && s.schedule_12a_paragraphs.empty())
        r.error(kFsBadParagraph, r.where(top, "part"),
                "A Part B paper must say which paragraph of Schedule 12A makes it exempt.",
                "add `schedule_12a_paragraphs: [7]` (or the paragraphs that apply)");
      if (!s.part_b && !s.schedule_12a_paragraphs.empty())
        r.error(kFsBadParagraph, r.where(top, "schedule_12a_paragraphs"),
                "A Part A paper is public: it cites no paragraph of Schedule 12A.",
                "write `part: B` for an exempt paper, or remove the paragraphs");
    }
    for (Diagnostic& d : read) d.code = front_sheet_code(d.code);
    diags.insert(diags.end(), read.begin(), read.end());
  } catch (const std::bad_alloc&) {
    diags.push_back(file_problem(kFsUnreadable, file,
                                 "The file needs more memory to read than is available.",
                                 "give the front sheet's .yaml file"));
  }
  if (!res.ok()) res.sheet = FrontSheet{};
  return res;
}

FrontSheetResult load_front_sheet_file(const std::string& path) {
  FrontSheetResult res;
  FileRead file = read_regular_file(path, kMaxFrontSheetBytes);
  switch (file.status) {
    case FileRead::Status::Ok: return parse_front_sheet(file.bytes, path);
    case FileRead::Status::Missing:
      res.diagnostics.push_back(file_problem(kFsUnreadable, path, "The file does not exist.",
                                             "check the path and the spelling of the name"));
      break;
    case FileRead::Status::NotRegular:
      res.diagnostics.push_back(file_problem(kFsUnreadable, path,
                                             "This is " + std::string(file_kind_words(file.kind)) +
                                                 ", not a front sheet file.",
                                             "give the path of the front sheet's .yaml file"));
      break;
    case FileRead::Status::TooLarge:
      res.diagnostics.push_back(file_problem(
          kFsUnreadable, path,
          "The file is larger than " + std::to_string(kMaxFrontSheetBytes / 1024) +
              " KB, the limit for a front sheet.",
          "give the front sheet file, not a report or a database"));
      break;
    case FileRead::Status::Unreadable:
      res.diagnostics.push_back(file_problem(kFsUnreadable, path,
                                             "The file cannot be read (" + file.error + ").",
                                             "check that you are allowed to read it"));
      break;
  }
  return res;
}

namespace {

// A double-quoted YAML scalar: JSON string escaping is valid YAML.
std::string quoted(const std::string& s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Several lines as a literal block when that reads back exactly; otherwise quoted.
std::string scalar(const std::string& s, const std::string& indent) {
  const bool multi = s.find('\n') != std::string::npos;
  bool block_safe = multi && !s.empty() && s.front() != ' ' && s.front() != '\n' &&
                    s.back() != '\n' && s.find('\r') == std::string::npos &&
                    s.find('\t') == std::string::npos;
  for (size_t at = 0; block_safe && at < s.size();) {
    const size_t end = std::min(s.find('\n', at), s.size());
    const std::string_view line(s.data() + at, end - at);
    if (!line.empty() && (line.back() == ' ')) block_safe = false;
    for (unsigned char c : line)
      if (c < 0x20) block_safe = false;
    at = end + 1;
  }
  if (!block_safe) return " " + quoted(s);
  std::string out = " |-\n";
  for (size_t at = 0; at <= s.size();) {
    const size_t end = std::min(s.find('\n', at), s.size());
    const std::string line = s.substr(at, end - at);
    out += (line.empty() ? "" : indent + "  " + line) + "\n";
    at = end + 1;
  }
  out.pop_back();
  return out;
}

void line(std::string& o, const std::string& indent, const char* key, const std::string& value) {
  o += indent + key + ":" + (value.empty() ? std::string(" \"\"") : scalar(value, indent)) + "\n";
}

void list(std::string& o, const char* key, const std::vector<std::string>& items) {
  if (items.empty()) {
    o += std::string(key) + ": []\n";
    return;
  }
  o += std::string(key) + ":\n";
  for (const std::string& i : items) o += "  -" + scalar(i, "  ") + "\n";
}

}  // namespace

std::string front_sheet_to_yaml(const FrontSheet& s) {
  std::string o = "# The front sheet of a committee paper (docs/reports.md, \"Front sheet\").\n";
  o += std::string("format: ") + kFrontSheetFormat + "\n";
  line(o, "", "committee", s.committee);
  line(o, "", "meeting_date", s.meeting_date);
  line(o, "", "report_author", s.report_author);
  line(o, "", "contact", s.contact);
  list(o, "wards_affected", s.wards_affected);
  o += std::string("key_decision: ") + (s.key_decision ? "yes" : "no") + "\n";
  o += std::string("part: ") + (s.part_b ? "B" : "A") + "\n";
  o += "schedule_12a_paragraphs: [";
  for (size_t i = 0; i < s.schedule_12a_paragraphs.size(); ++i)
    o += (i ? ", " : "") + std::to_string(s.schedule_12a_paragraphs[i]);
  o += "]\n";
  line(o, "", "purpose", s.purpose);
  line(o, "", "recommendations_summary", s.recommendations_summary);
  o += "implications:\n";
  const FrontSheetImplications& i = s.implications;
  line(o, "  ", "financial", i.financial);
  line(o, "  ", "legal", i.legal);
  line(o, "  ", "equality", i.equality);
  line(o, "  ", "risk", i.risk);
  line(o, "  ", "data_protection", i.data_protection);
  line(o, "  ", "climate", i.climate);
  list(o, "background_papers", s.background_papers);
  line(o, "", "chairs_foreword", s.chairs_foreword);
  line(o, "", "cmt_response", s.cmt_response);
  line(o, "", "cabinet_response", s.cabinet_response);
  return o;
}

std::string front_sheet_problem(const FrontSheet& s) {
  if (!s.meeting_date.empty() && !is_iso_date(s.meeting_date))
    return not_a_date_message("Meeting date", s.meeting_date);
  for (int p : s.schedule_12a_paragraphs)
    if (p < kFirstSchedule12AParagraph || p > kLastSchedule12AParagraph)
      return "Paragraph " + std::to_string(p) +
             " is not a paragraph of Schedule 12A: the paragraphs are numbered 1 to 7.";
  if (s.part_b && s.schedule_12a_paragraphs.empty())
    return "A Part B paper must say which paragraph of Schedule 12A makes it exempt.";
  if (!s.part_b && !s.schedule_12a_paragraphs.empty())
    return "A Part A paper is public: it cites no paragraph of Schedule 12A.";
  return {};
}

std::string front_sheet_to_json(const FrontSheet& s) {
  const FrontSheetImplications& i = s.implications;
  nlohmann::json j{{"format", kFrontSheetFormat},
                   {"committee", s.committee},
                   {"meeting_date", s.meeting_date},
                   {"report_author", s.report_author},
                   {"contact", s.contact},
                   {"wards_affected", s.wards_affected},
                   {"key_decision", s.key_decision},
                   {"part", s.part_b ? "B" : "A"},
                   {"schedule_12a_paragraphs", s.schedule_12a_paragraphs},
                   {"purpose", s.purpose},
                   {"recommendations_summary", s.recommendations_summary},
                   {"implications",
                    {{"financial", i.financial}, {"legal", i.legal}, {"equality", i.equality},
                     {"risk", i.risk}, {"data_protection", i.data_protection},
                     {"climate", i.climate}}},
                   {"background_papers", s.background_papers},
                   {"chairs_foreword", s.chairs_foreword},
                   {"cmt_response", s.cmt_response},
                   {"cabinet_response", s.cabinet_response}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

bool front_sheet_from_json(std::string_view json, FrontSheet& out) {
  nlohmann::json j = nlohmann::json::parse(json, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("format", "") != kFrontSheetFormat) return false;
  try {
    FrontSheet s;
    s.committee = j.value("committee", "");
    s.meeting_date = j.value("meeting_date", "");
    s.report_author = j.value("report_author", "");
    s.contact = j.value("contact", "");
    s.wards_affected = j.value("wards_affected", std::vector<std::string>{});
    s.key_decision = j.value("key_decision", false);
    s.part_b = j.value("part", "A") == "B";
    s.schedule_12a_paragraphs = j.value("schedule_12a_paragraphs", std::vector<int>{});
    s.purpose = j.value("purpose", "");
    s.recommendations_summary = j.value("recommendations_summary", "");
    const nlohmann::json imp = j.value("implications", nlohmann::json::object());
    if (!imp.is_object()) return false;
    s.implications = {imp.value("financial", ""), imp.value("legal", ""),
                      imp.value("equality", ""),  imp.value("risk", ""),
                      imp.value("data_protection", ""), imp.value("climate", "")};
    s.background_papers = j.value("background_papers", std::vector<std::string>{});
    s.chairs_foreword = j.value("chairs_foreword", "");
    s.cmt_response = j.value("cmt_response", "");
    s.cabinet_response = j.value("cabinet_response", "");
    out = std::move(s);
    return true;
  } catch (const nlohmann::json::exception&) {
    return false;  // a value of the wrong type: not a sheet this program wrote
  }
}

std::string schedule_12a_list(const std::vector<int>& ps) {
  std::string out;
  for (size_t i = 0; i < ps.size(); ++i) {
    if (i) out += i + 1 == ps.size() ? " and " : ", ";
    out += std::to_string(ps[i]);
  }
  return out;
}

}  // namespace auditsim
