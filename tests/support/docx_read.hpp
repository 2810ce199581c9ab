// Reading a Word report back for the tests, with libzip and libxml2 as any other program would:
// every part of the package, and the document's paragraphs with their styles, its tables and
// its images, found by XPath in the WordprocessingML namespaces.
#pragma once

#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <zip.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace auditsim::testing {

// Every part of a .docx by name; empty when the bytes are not a zip.
inline std::map<std::string, std::string> docx_parts(const std::string& bytes) {
  std::map<std::string, std::string> parts;
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  zip_t* za = src ? zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error) : nullptr;
  zip_error_fini(&error);
  if (!za) {
    if (src) zip_source_free(src);
    return parts;
  }
  for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0); ++i) {
    zip_stat_t st;
    if (zip_stat_index(za, i, 0, &st) != 0) continue;
    zip_file_t* f = zip_fopen_index(za, i, 0);
    if (!f) continue;
    std::string data(st.size, '\0');
    const zip_int64_t got = zip_fread(f, data.data(), st.size);
    zip_fclose(f);
    data.resize(got > 0 ? static_cast<size_t>(got) : 0);
    parts[st.name] = std::move(data);
  }
  zip_discard(za);
  return parts;
}

// One XML part, parsed strictly (no recovery): null when it is not well-formed.
class XmlPart {
 public:
  explicit XmlPart(const std::string& xml)
      : doc_(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "part.xml", nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)) {}
  XmlPart(const XmlPart&) = delete;
  ~XmlPart() {
    if (doc_) xmlFreeDoc(doc_);
  }
  bool ok() const { return doc_ != nullptr; }

  // The string value of every node an XPath expression selects (prefixes w, r, wp, a, pic, cp,
  // dc, rel for relationships, ct for content types).
  std::vector<std::string> all(const std::string& xpath) const {
    std::vector<std::string> out;
    if (!doc_) return out;
    xmlXPathContextPtr ctx = xmlXPathNewContext(doc_);
    const std::pair<const char*, const char*> ns[] = {
        {"w", "http://schemas.openxmlformats.org/wordprocessingml/2006/main"},
        {"r", "http://schemas.openxmlformats.org/officeDocument/2006/relationships"},
        {"wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"},
        {"a", "http://schemas.openxmlformats.org/drawingml/2006/main"},
        {"pic", "http://schemas.openxmlformats.org/drawingml/2006/picture"},
        {"cp", "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"},
        {"dc", "http://purl.org/dc/elements/1.1/"},
        {"rel", "http://schemas.openxmlformats.org/package/2006/relationships"},
        {"ct", "http://schemas.openxmlformats.org/package/2006/content-types"}};
    for (const auto& [prefix, href] : ns)
      xmlXPathRegisterNs(ctx, reinterpret_cast<const xmlChar*>(prefix), reinterpret_cast<const xmlChar*>(href));
    xmlXPathObjectPtr res = xmlXPathEvalExpression(reinterpret_cast<const xmlChar*>(xpath.c_str()), ctx);
    if (res && res->nodesetval)
      for (int i = 0; i < res->nodesetval->nodeNr; ++i) {
        xmlChar* v = xmlNodeGetContent(res->nodesetval->nodeTab[i]);
        out.emplace_back(v ? reinterpret_cast<const char*>(v) : "");
        xmlFree(v);
      }
    if (res) xmlXPathFreeObject(res);
    xmlXPathFreeContext(ctx);
    return out;
  }
  size_t count(const std::string& xpath) const { return all(xpath).size(); }
  std::string first(const std::string& xpath) const {
    auto v = all(xpath);
    return v.empty() ? std::string() : v.front();
  }

 private:
  xmlDocPtr doc_;
};

namespace docx_detail {

inline bool named(const xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, reinterpret_cast<const xmlChar*>(name));
}

inline std::string attr(xmlNode* n, const char* name) {
  for (xmlAttr* a = n->properties; a; a = a->next)
    if (xmlStrEqual(a->name, reinterpret_cast<const xmlChar*>(name))) {
      xmlChar* v = xmlNodeGetContent(reinterpret_cast<xmlNode*>(a));
      std::string out = v ? reinterpret_cast<const char*>(v) : "";
      xmlFree(v);
      return out;
    }
  return {};
}

// The text a reader meets in `n`: runs' text, tabs, line breaks, images by their alt text.
inline void text(xmlNode* n, std::string& out) {
  for (xmlNode* c = n->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (named(c, "t")) {
      xmlChar* v = xmlNodeGetContent(c);
      if (v) out += reinterpret_cast<const char*>(v);
      xmlFree(v);
    } else if (named(c, "tab")) {
      out += "\t";
    } else if (named(c, "br")) {
      out += attr(c, "type") == "page" ? "[page break]" : "\n";
    } else if (named(c, "docPr")) {
      out += "[image: " + attr(c, "descr") + "]";
    } else if (named(c, "instrText") || named(c, "pPr") || named(c, "rPr")) {
      continue;
    } else {
      if (named(c, "fldSimple")) out += "{" + attr(c, "instr") + "}";
      text(c, out);
    }
  }
}

inline void blocks(xmlNode* parent, std::string& out) {
  for (xmlNode* c = parent->children; c; c = c->next) {
    if (named(c, "p")) {
      std::string style = "Normal";
      for (xmlNode* p = c->children; p; p = p->next)
        if (named(p, "pPr"))
          for (xmlNode* s = p->children; s; s = s->next)
            if (named(s, "pStyle")) style = attr(s, "val");
      std::string line;
      text(c, line);
      out += style + ": " + line + "\n";
    } else if (named(c, "tbl")) {
      for (xmlNode* tr = c->children; tr; tr = tr->next) {
        if (!named(tr, "tr")) continue;
        bool header = false;
        for (xmlNode* p = tr->children; p; p = p->next)
          if (named(p, "trPr"))
            for (xmlNode* h = p->children; h; h = h->next) header = header || named(h, "tblHeader");
        out += header ? "|=" : "|";
        for (xmlNode* tc = tr->children; tc; tc = tc->next) {
          if (!named(tc, "tc")) continue;
          std::string cell;
          text(tc, cell);
          out += " " + cell + " |";
        }
        out += "\n";
      }
    } else if (named(c, "body")) {
      blocks(c, out);
    }
  }
}

}  // namespace docx_detail

// The paragraphs of a document, header or footer part as "Style: text" lines (tabs as tabs,
// line breaks as newlines, images as "[image: alt text]", fields as "{ PAGE }"), and tables' rows
// as "| cell | cell |" ("|=" for a header row that repeats on each page): what a reader meets,
// in order, with the style each paragraph takes.
inline std::string docx_outline(const std::string& xml) {
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "part.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) return "(not well-formed)";
  std::string out;
  xmlNode* root = xmlDocGetRootElement(doc);
  if (root) docx_detail::blocks(root, out);  // the document (through its body), header or footer
  xmlFreeDoc(doc);
  return out;
}

// Everything a reader of the report sees, for searching: header, body and footer outlines.
inline std::string docx_visible(const std::string& bytes) {
  auto parts = docx_parts(bytes);
  return docx_outline(parts["word/header1.xml"]) + docx_outline(parts["word/document.xml"]) +
         docx_outline(parts["word/footer1.xml"]);
}

}  // namespace auditsim::testing
