// Reading a council's Word template with libzip and libxml2, and merging the reports' default
// styles and list into it. Every part is parsed before use: a template that is not well-formed
// is refused, never passed on to Word to fail there.
#include "reports/docx_template.hpp"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <set>
#include <string_view>

#include "reports/docx_zip.hpp"
#include "reports/templates.hpp"
#include "sim/file_read.hpp"

namespace auditsim::reports {
namespace {

constexpr const char* kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

struct DocFree {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocFree>;

const xmlChar* x(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

bool is(const xmlNode* n, const char* name, const char* ns = kWordNs) {
  return n && n->type == XML_ELEMENT_NODE && n->ns &&
         xmlStrEqual(n->ns->href, x(ns)) && xmlStrEqual(n->name, x(name));
}

std::string word_attr(xmlNode* n, const char* name) {
  xmlChar* v = xmlGetNsProp(n, x(name), x(kWordNs));
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

xmlNode* child(xmlNode* parent, const char* name) {
  for (xmlNode* c = parent ? parent->children : nullptr; c; c = c->next)
    if (is(c, name)) return c;
  return nullptr;
}

// Comments are dropped: Word has no use for them, and the shipped parts explain themselves in
// comments that a report need not carry.
void drop_comments(xmlNode* n) {
  for (xmlNode* c = n->children; c;) {
    xmlNode* next = c->next;
    if (c->type == XML_COMMENT_NODE) {
      xmlUnlinkNode(c);
      xmlFreeNode(c);
    } else if (c->type == XML_ELEMENT_NODE) {
      drop_comments(c);
    }
    c = next;
  }
}

// `bytes` parsed as one part whose root is `root` in namespace `ns`; null when it is not
// well-formed, has a document type (no Word part has one, and entities are a way to make a small
// file expand), or has another root.
DocPtr parse_part(const std::string& bytes, const char* root, const char* ns = kWordNs) {
  DocPtr doc(xmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), "part.xml", nullptr,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (!doc || doc->intSubset || !is(xmlDocGetRootElement(doc.get()), root, ns)) return nullptr;
  drop_comments(xmlDocGetRootElement(doc.get()));
  return doc;
}

std::string serialise(xmlDoc* doc) {
  xmlChar* mem = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc, &mem, &size, "UTF-8");
  std::string out(reinterpret_cast<const char*>(mem), size > 0 ? static_cast<size_t>(size) : 0);
  xmlFree(mem);
  return out;
}

DocPtr shipped(const char* name, const char* root, const char* ns = kWordNs) {
  DocPtr doc = parse_part(std::string(word_template_part(name)), root, ns);
  if (!doc) throw std::logic_error(std::string("the shipped Word template's ") + name + " is not valid");
  return doc;
}

// The template's styles with every style of the shipped ones it lacks (by style id) added, and
// the document's language set to British English.
std::string merge_styles(xmlDoc* styles) {
  DocPtr ours = shipped("styles.xml", "styles");
  xmlNode* root = xmlDocGetRootElement(styles);
  std::set<std::string> have;
  for (xmlNode* c = root->children; c; c = c->next)
    if (is(c, "style")) have.insert(word_attr(c, "styleId"));
  for (xmlNode* c = xmlDocGetRootElement(ours.get())->children; c; c = c->next)
    if (is(c, "style") && !have.count(word_attr(c, "styleId")))
      xmlAddChild(root, xmlDocCopyNode(c, styles, 1));
  xmlNode* defaults = child(root, "docDefaults");
  if (!defaults) {
    defaults = xmlDocCopyNode(child(xmlDocGetRootElement(ours.get()), "docDefaults"), styles, 1);
    root->children ? xmlAddPrevSibling(root->children, defaults) : xmlAddChild(root, defaults);
  }
  xmlNode* rpr_default = child(defaults, "rPrDefault");
  if (!rpr_default) rpr_default = xmlNewChild(defaults, root->ns, x("rPrDefault"), nullptr);
  if (defaults->children != rpr_default) {  // rPrDefault comes first
    xmlUnlinkNode(rpr_default);
    xmlAddPrevSibling(defaults->children, rpr_default);
  }
  xmlNode* rpr = child(rpr_default, "rPr");
  if (!rpr) rpr = xmlNewChild(rpr_default, root->ns, x("rPr"), nullptr);
  xmlNode* lang = child(rpr, "lang");
  if (!lang) lang = xmlNewChild(rpr, root->ns, x("lang"), nullptr);
  xmlSetNsProp(lang, root->ns, x("val"), x("en-GB"));
  return serialise(styles);
}

// The template's numbering (or none) with the reports' bullet list added when it lacks it.
std::string merge_numbering(xmlDoc* numbering) {
  DocPtr ours = shipped("numbering.xml", "numbering");
  if (!numbering) return serialise(ours.get());
  xmlNode* root = xmlDocGetRootElement(numbering);
  xmlNode* our_root = xmlDocGetRootElement(ours.get());
  std::set<std::string> abstracts, nums;
  xmlNode* first_num = nullptr;
  xmlNode* cleanup = nullptr;
  for (xmlNode* c = root->children; c; c = c->next) {
    if (is(c, "abstractNum")) abstracts.insert(word_attr(c, "abstractNumId"));
    if (is(c, "num")) {
      nums.insert(word_attr(c, "numId"));
      if (!first_num) first_num = c;
    }
    if (is(c, "numIdMacAtCleanup")) cleanup = c;
  }
  // The schema's order: every abstractNum, then every num, then numIdMacAtCleanup.
  for (xmlNode* c = our_root->children; c; c = c->next) {
    if (is(c, "abstractNum") && !abstracts.count(word_attr(c, "abstractNumId"))) {
      xmlNode* copy = xmlDocCopyNode(c, numbering, 1);
      first_num ? xmlAddPrevSibling(first_num, copy)
                : cleanup ? xmlAddPrevSibling(cleanup, copy) : xmlAddChild(root, copy);
    }
    if (is(c, "num") && !nums.count(word_attr(c, "numId"))) {
      xmlNode* copy = xmlDocCopyNode(c, numbering, 1);
      cleanup ? xmlAddPrevSibling(cleanup, copy) : xmlAddChild(root, copy);
    }
  }
  return serialise(numbering);
}

constexpr const char* kDrawingNs = "http://schemas.openxmlformats.org/drawingml/2006/main";

std::string read_template_file(const std::string& path) {
  FileRead file = read_regular_file(path, kMaxTemplateBytes);
  const std::string fix = " Choose a .docx saved by Word, or write the default with "
                          "`auditsim report --save-template FILE` and start from that.";
  switch (file.status) {
    case FileRead::Status::Ok: break;
    case FileRead::Status::Missing:
      throw WordTemplateError("docx-template-missing",
                              "The Word template " + path + " does not exist: check the path.");
    case FileRead::Status::NotRegular:
      throw WordTemplateError("docx-template-unreadable", "The Word template " + path + " is " +
                                                              file_kind_words(file.kind) +
                                                              ", not a file." + fix);
    case FileRead::Status::TooLarge:
      throw WordTemplateError("docx-template-too-large",
                              "The Word template " + path +
                                  " is larger than 20 MB, far more than a template needs: remove "
                                  "the pictures and text from it and save it again.");
    case FileRead::Status::Unreadable:
      throw WordTemplateError("docx-template-unreadable",
                              "The Word template " + path + " cannot be read (" + file.error +
                                  "): check that you are allowed to read it.");
  }
  return std::move(file.bytes);
}

}  // namespace

const WordTemplate& default_word_template() {
  static const WordTemplate shipped_template = [] {
    WordTemplate t;
    DocPtr styles = shipped("styles.xml", "styles");
    t.styles = merge_styles(styles.get());
    t.numbering = merge_numbering(nullptr);
    t.theme = serialise(shipped("theme1.xml", "theme", kDrawingNs).get());
    t.font_table = serialise(shipped("fontTable.xml", "fonts").get());
    t.settings = serialise(shipped("settings.xml", "settings").get());
    return t;
  }();
  return shipped_template;
}

WordTemplate load_word_template(const std::string& path) {
  // libxml2 sets up its globals once, under its own lock: reports are made on worker threads.
  xmlInitParser();
  if (path.empty()) return default_word_template();
  std::optional<docx::ZipReader> zip = docx::ZipReader::open(read_template_file(path));
  const std::string fix = " Choose a .docx saved by Word, or write the default with "
                          "`auditsim report --save-template FILE` and start from that.";
  if (!zip)
    throw WordTemplateError("docx-template-not-zip",
                            "The Word template " + path + " is not a Word document (it is not a zip "
                                                          "archive, as every .docx is)." + fix);
  // Reads one part; `required` parts must be there.
  auto part = [&](const char* name, bool required) -> std::optional<std::string> {
    std::string bytes;
    switch (zip->read(name, kMaxTemplatePart, bytes)) {
      case docx::ZipReader::Read::Ok: return bytes;
      case docx::ZipReader::Read::Missing:
        if (!required) return std::nullopt;
        throw WordTemplateError("docx-template-no-styles",
                                "The Word template " + path + " has no " + name +
                                    ", so it has no styles to take: it is not a Word document, or "
                                    "not one saved by Word." + fix);
      case docx::ZipReader::Read::TooLarge:
        throw WordTemplateError("docx-template-too-large",
                                "The Word template " + path + " holds a " + name +
                                    " larger than 4 MB, far more than a template needs." + fix);
      case docx::ZipReader::Read::Unreadable: break;
    }
    throw WordTemplateError("docx-template-unreadable", "The Word template " + path + "'s " + name +
                                                            " cannot be read (the file is damaged "
                                                            "or encrypted)." + fix);
  };
  auto bad_xml = [&](const char* name) {
    return WordTemplateError("docx-template-bad-xml",
                             "The Word template " + path + "'s " + name +
                                 " is not well-formed Word XML, so Word could not open a report "
                                 "made from it." + fix);
  };
  WordTemplate t = default_word_template();
  DocPtr styles = parse_part(*part("word/styles.xml", true), "styles");
  if (!styles) throw bad_xml("word/styles.xml");
  t.styles = merge_styles(styles.get());
  if (std::optional<std::string> bytes = part("word/numbering.xml", false)) {
    DocPtr numbering = parse_part(*bytes, "numbering");
    if (!numbering) throw bad_xml("word/numbering.xml");
    t.numbering = merge_numbering(numbering.get());
  }
  if (std::optional<std::string> bytes = part("word/theme/theme1.xml", false)) {
    DocPtr theme = parse_part(*bytes, "theme", kDrawingNs);
    if (!theme) throw bad_xml("word/theme/theme1.xml");
    t.theme = serialise(theme.get());
  }
  if (std::optional<std::string> bytes = part("word/fontTable.xml", false)) {
    DocPtr fonts = parse_part(*bytes, "fonts");
    if (!fonts) throw bad_xml("word/fontTable.xml");
    t.font_table = serialise(fonts.get());
  }
  return t;
}

std::string word_template_problem(const std::string& path) {
  try {
    load_word_template(path);
    return {};
  } catch (const WordTemplateError& e) {
    return e.what();
  }
}

}  // namespace auditsim::reports
