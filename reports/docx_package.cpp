// The parts around a Word report's body: header and footer (the council, the logo, the report,
// the Part A / Part B marking, "Page N of M"), the section's A4 page, relationships, content
// types and core properties; all zipped by libzip.
#include <optional>

#include "reports/docx_doc.hpp"
#include "reports/docx_zip.hpp"
#include "reports/logo.hpp"
#include "reports/render_text.hpp"

namespace auditsim::reports::docx {
namespace {

constexpr const char* kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kRelNs = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr const char* kRelTypes = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
constexpr const char* kWordTypes = "application/vnd.openxmlformats-officedocument.wordprocessingml.";

// The logo's height in the header, in points.
constexpr double kLogoHeight = 28;
// The logo's drawing id, clear of the charts' (1, 2, ...): ids are unique across the document.
constexpr int kLogoDrawingId = 9001;

// The council's logo for the header: PNG or JPEG (Word shows both as they are), with its
// proportions read from the file. SVG is left out: Word needs a bitmap beside it.
struct HeaderLogo {
  std::string bytes, extension;
  double width_pt = 0, height_pt = kLogoHeight;
};

uint32_t big_endian(const std::string& b, size_t at, int n) {
  uint32_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | static_cast<unsigned char>(b[at + i]);
  return v;
}

// Width and height in pixels of a PNG (its IHDR) or a JPEG (its first start-of-frame marker).
std::optional<std::pair<uint32_t, uint32_t>> pixel_size(const Logo& logo) {
  const std::string& b = logo.bytes;
  if (logo.mime == "image/png") {
    if (b.size() < 24 || b.compare(12, 4, "IHDR") != 0) return std::nullopt;
    return std::pair{big_endian(b, 16, 4), big_endian(b, 20, 4)};
  }
  if (logo.mime == "image/jpeg") {
    for (size_t i = 2; i + 9 < b.size();) {
      if (static_cast<unsigned char>(b[i]) != 0xFF) return std::nullopt;
      const unsigned marker = static_cast<unsigned char>(b[i + 1]);
      const uint32_t length = big_endian(b, i + 2, 2);
      const bool frame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 &&
                         marker != 0xCC;
      if (frame) return std::pair{big_endian(b, i + 7, 2), big_endian(b, i + 5, 2)};
      i += 2 + length;
    }
  }
  return std::nullopt;
}

std::optional<HeaderLogo> header_logo(const ReportSettings& s) {
  std::optional<Logo> logo = read_logo(s.logo_path);
  if (!logo) return std::nullopt;
  const auto size = pixel_size(*logo);
  if (!size || size->first == 0 || size->second == 0) return std::nullopt;
  HeaderLogo h;
  h.extension = logo->mime == "image/png" ? "png" : "jpeg";
  h.width_pt = kLogoHeight * size->first / size->second;
  if (h.width_pt > 200) {  // a very wide banner is kept to a third of the line
    h.height_pt = kLogoHeight * 200 / h.width_pt;
    h.width_pt = 200;
  }
  h.bytes = std::move(logo->bytes);
  return h;
}

void declare_namespaces(XmlWriter& w) {
  w.attr("xmlns:w", kWordNs);
  w.attr("xmlns:r", kRelNs);
  w.attr("xmlns:wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing");
  w.attr("xmlns:a", "http://schemas.openxmlformats.org/drawingml/2006/main");
  w.attr("xmlns:pic", "http://schemas.openxmlformats.org/drawingml/2006/picture");
}

void styled_paragraph_start(XmlWriter& w, const char* style) {
  w.open("w:p");
  w.open("w:pPr");
  w.empty("w:pStyle", "w:val", style);
  w.close();
}

// The marking paragraph, in the header and again in the footer.
void marking(XmlWriter& w, const ReportSettings& s) {
  styled_paragraph_start(w, s.part == Part::B ? "MarkingExempt" : "MarkingPublic");
  runs(w, text::part_marking(s));
  w.close();
}

std::string header_part(const ReportSettings& s, std::string_view running,
                        const std::optional<HeaderLogo>& logo) {
  XmlWriter w;
  w.open("w:hdr");
  declare_namespaces(w);
  styled_paragraph_start(w, "CouncilName");
  if (logo) {
    w.open("w:r");
    inline_image(w, "rIdLogo", kLogoDrawingId, logo->width_pt, logo->height_pt, "Council logo",
                 "Logo of " + text::one_line(s.council_name));
    w.close();
    runs(w, " ");
  }
  runs(w, text::one_line(s.council_name));
  // The report's line, right-aligned on the header's tab stop, in the header's plain style.
  w.open("w:r");
  w.empty("w:tab");
  w.close();
  w.open("w:r");
  w.open("w:rPr");
  w.empty("w:b", "w:val", "0");
  w.empty("w:color", "w:val", "505A5F");
  w.empty("w:sz", "w:val", "17");
  w.close();
  w.open("w:t");
  w.text(text::one_line(running));
  w.close();
  w.close();
  w.close();
  marking(w, s);
  w.close();
  return w.finish();
}

void field(XmlWriter& w, const char* instruction, const char* shown) {
  w.open("w:fldSimple");
  w.attr("w:instr", instruction);
  runs(w, shown);
  w.close();
}

std::string footer_part(const ReportSettings& s) {
  XmlWriter w;
  w.open("w:ftr");
  declare_namespaces(w);
  marking(w, s);
  styled_paragraph_start(w, "Footer");
  runs(w, text::one_line(s.council_name) + "\t" + "Page ");
  field(w, " PAGE ", "1");
  runs(w, " of ");
  field(w, " NUMPAGES ", "1");
  w.close();
  w.close();
  return w.finish();
}

void relationship(XmlWriter& w, std::string_view id, std::string_view type, std::string_view target) {
  w.open("Relationship");
  w.attr("Id", id);
  w.attr("Type", type);
  w.attr("Target", target);
  w.close();
}

std::string relationships(const std::vector<std::array<std::string, 3>>& rels) {
  XmlWriter w;
  w.open("Relationships");
  w.attr("xmlns", "http://schemas.openxmlformats.org/package/2006/relationships");
  for (const auto& [id, type, target] : rels) relationship(w, id, type, target);
  w.close();
  return w.finish();
}

std::string content_types() {
  XmlWriter w;
  w.open("Types");
  w.attr("xmlns", "http://schemas.openxmlformats.org/package/2006/content-types");
  auto by_extension = [&](const char* ext, const char* type) {
    w.open("Default");
    w.attr("Extension", ext);
    w.attr("ContentType", type);
    w.close();
  };
  by_extension("rels", "application/vnd.openxmlformats-package.relationships+xml");
  by_extension("xml", "application/xml");
  by_extension("png", "image/png");
  by_extension("jpeg", "image/jpeg");
  auto part = [&](const char* name, const std::string& type) {
    w.open("Override");
    w.attr("PartName", name);
    w.attr("ContentType", type);
    w.close();
  };
  const std::string word = kWordTypes;
  part("/word/document.xml", word + "document.main+xml");
  part("/word/styles.xml", word + "styles+xml");
  part("/word/numbering.xml", word + "numbering+xml");
  part("/word/settings.xml", word + "settings+xml");
  part("/word/fontTable.xml", word + "fontTable+xml");
  part("/word/header1.xml", word + "header+xml");
  part("/word/footer1.xml", word + "footer+xml");
  part("/word/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml");
  part("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml");
  part("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml");
  w.close();
  return w.finish();
}

std::string core_properties(const ReportSettings& s, std::string_view title) {
  XmlWriter w;
  w.open("cp:coreProperties");
  w.attr("xmlns:cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties");
  w.attr("xmlns:dc", "http://purl.org/dc/elements/1.1/");
  w.attr("xmlns:dcterms", "http://purl.org/dc/terms/");
  w.attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
  w.open("dc:title");
  w.text(text::document_title(s, title));
  w.close();
  w.open("dc:creator");
  w.text(text::one_line(s.council_name));
  w.close();
  w.open("dc:language");
  w.text("en-GB");
  w.close();
  const std::string& g = s.generated_at;
  if (g.size() >= 19 && g[10] == 'T') {
    w.open("dcterms:created");
    w.attr("xsi:type", "dcterms:W3CDTF");
    w.text(g.substr(0, 19) + "Z");
    w.close();
  }
  w.close();
  return w.finish();
}

std::string app_properties() {
  XmlWriter w;
  w.open("Properties");
  w.attr("xmlns", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");
  w.open("Application");
  w.text("Desktop Audit Simulator");
  w.close();
  w.close();
  return w.finish();
}

// A4, 2 cm margins (3 cm at the top for the header), the header and footer on every page.
void section(XmlWriter& w) {
  w.open("w:sectPr");
  w.open("w:headerReference");
  w.attr("w:type", "default");
  w.attr("r:id", "rIdHeader");
  w.close();
  w.open("w:footerReference");
  w.attr("w:type", "default");
  w.attr("r:id", "rIdFooter");
  w.close();
  w.open("w:pgSz");
  w.attr("w:w", "11906");
  w.attr("w:h", "16838");
  w.close();
  w.open("w:pgMar");
  for (const auto& [k, v] : {std::pair{"w:top", "1701"}, {"w:right", "1134"}, {"w:bottom", "1247"},
                             {"w:left", "1134"}, {"w:header", "567"}, {"w:footer", "567"},
                             {"w:gutter", "0"}})
    w.attr(k, v);
  w.close();
  w.close();
}

}  // namespace

std::string Doc::package(const WordTemplate& tpl, std::string_view running, std::string_view title) {
  section(body_);
  const std::string document = body_.finish();
  const std::optional<HeaderLogo> logo = header_logo(settings_);

  std::vector<std::array<std::string, 3>> rels{
      {"rIdStyles", std::string(kRelTypes) + "styles", "styles.xml"},
      {"rIdNumbering", std::string(kRelTypes) + "numbering", "numbering.xml"},
      {"rIdSettings", std::string(kRelTypes) + "settings", "settings.xml"},
      {"rIdFonts", std::string(kRelTypes) + "fontTable", "fontTable.xml"},
      {"rIdTheme", std::string(kRelTypes) + "theme", "theme/theme1.xml"},
      {"rIdHeader", std::string(kRelTypes) + "header", "header1.xml"},
      {"rIdFooter", std::string(kRelTypes) + "footer", "footer1.xml"}};
  for (size_t i = 0; i < pictures_.size(); ++i)
    rels.push_back({"rIdChart" + std::to_string(i + 1), std::string(kRelTypes) + "image",
                    "media/chart" + std::to_string(i + 1) + ".png"});

  std::vector<ZipEntry> parts;
  parts.push_back({"[Content_Types].xml", content_types()});
  parts.push_back({"_rels/.rels",
                   relationships({{"rId1", std::string(kRelTypes) + "officeDocument", "word/document.xml"},
                                  {"rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
                                   "docProps/core.xml"},
                                  {"rId3", std::string(kRelTypes) + "extended-properties", "docProps/app.xml"}})});
  parts.push_back({"docProps/core.xml", core_properties(settings_, title)});
  parts.push_back({"docProps/app.xml", app_properties()});
  parts.push_back({"word/document.xml", document});
  parts.push_back({"word/_rels/document.xml.rels", relationships(rels)});
  parts.push_back({"word/styles.xml", tpl.styles});
  parts.push_back({"word/numbering.xml", tpl.numbering});
  parts.push_back({"word/settings.xml", tpl.settings});
  parts.push_back({"word/fontTable.xml", tpl.font_table});
  parts.push_back({"word/theme/theme1.xml", tpl.theme});
  parts.push_back({"word/header1.xml", header_part(settings_, running, logo)});
  parts.push_back({"word/footer1.xml", footer_part(settings_)});
  if (logo) {
    const std::string file = "logo." + logo->extension;
    parts.push_back({"word/_rels/header1.xml.rels",
                     relationships({{"rIdLogo", std::string(kRelTypes) + "image", "media/" + file}})});
    parts.push_back({"word/media/" + file, logo->bytes, false});
  }
  for (size_t i = 0; i < pictures_.size(); ++i)
    parts.push_back({"word/media/chart" + std::to_string(i + 1) + ".png", std::move(pictures_[i].png), false});
  return write_zip(parts);
}

}  // namespace auditsim::reports::docx
