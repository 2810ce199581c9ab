#include "reports/docx_xml.hpp"

#include <stdexcept>

#include "sim/utf8.hpp"

namespace auditsim::reports::docx {

std::string xml_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const utf8::Char c = utf8::decode(s, i);
    if (c.len == 0) {
      out += "\uFFFD";
      ++i;
      continue;
    }
    const bool allowed = c.cp == '\t' || c.cp == '\n' || c.cp == '\r' ||
                         (c.cp >= 0x20 && c.cp != 0x7F && c.cp != 0xFFFE && c.cp != 0xFFFF);
    if (allowed) out.append(s.substr(i, c.len));
    i += c.len;
  }
  return out;
}

namespace {
const xmlChar* x(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
}  // namespace

XmlWriter::XmlWriter() : buffer_(xmlBufferCreate()), writer_(nullptr) {
  if (!buffer_) throw std::bad_alloc();
  writer_ = xmlNewTextWriterMemory(buffer_, 0);
  if (!writer_) {
    xmlBufferFree(buffer_);
    throw std::bad_alloc();
  }
  xmlTextWriterStartDocument(writer_, "1.0", "UTF-8", "yes");
}

XmlWriter::~XmlWriter() {
  if (writer_) xmlFreeTextWriter(writer_);
  xmlBufferFree(buffer_);
}

void XmlWriter::open(const char* name) { xmlTextWriterStartElement(writer_, x(name)); }

void XmlWriter::attr(const char* name, std::string_view value) {
  const std::string safe = xml_safe(value);
  xmlTextWriterWriteAttribute(writer_, x(name), x(safe.c_str()));
}

void XmlWriter::attr(const char* name, long long value) {
  attr(name, std::to_string(value));
}

void XmlWriter::text(std::string_view utf8) {
  const std::string safe = xml_safe(utf8);
  xmlTextWriterWriteString(writer_, x(safe.c_str()));
}

void XmlWriter::close() { xmlTextWriterEndElement(writer_); }

void XmlWriter::empty(const char* name, const char* attr_name, std::string_view value) {
  open(name);
  if (attr_name) attr(attr_name, value);
  close();
}

std::string XmlWriter::finish() {
  xmlTextWriterEndDocument(writer_);
  xmlFreeTextWriter(writer_);  // flushes into the buffer
  writer_ = nullptr;
  return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_)),
                     static_cast<size_t>(xmlBufferLength(buffer_)));
}

}  // namespace auditsim::reports::docx
