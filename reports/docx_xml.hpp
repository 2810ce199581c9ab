// XML for the Word reports, written through libxml2's xmlTextWriter (which escapes & < > and
// quotes), with the text first made safe for XML 1.0.
#pragma once

#include <libxml/xmlwriter.h>

#include <string>
#include <string_view>

namespace auditsim::reports::docx {

// `s` as XML 1.0 can hold it: invalid UTF-8 becomes U+FFFD; control characters other than tab,
// newline and carriage return, and the non-characters U+FFFE and U+FFFF, are dropped.
std::string xml_safe(std::string_view s);

// One XML document written to memory. Element and attribute names are given with their prefix
// ("w:p"); namespaces are declared as attributes ("xmlns:w") on the root.
class XmlWriter {
 public:
  XmlWriter();  // starts the document: <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
  XmlWriter(const XmlWriter&) = delete;
  XmlWriter& operator=(const XmlWriter&) = delete;
  ~XmlWriter();

  void open(const char* name);
  void attr(const char* name, std::string_view value);
  void attr(const char* name, long long value);
  // Text content, made XML-safe here.
  void text(std::string_view utf8);
  void close();
  // <name a="v"/>: an element with one attribute and no content, the commonest in WordprocessingML.
  void empty(const char* name, const char* attr_name = nullptr, std::string_view value = {});
  // Ends every open element and returns the document's bytes.
  std::string finish();

 private:
  xmlBufferPtr buffer_;
  xmlTextWriterPtr writer_;
};

}  // namespace auditsim::reports::docx
