// Markdown as plain text, from the one cmark walk that reports (PDF paragraphs, xAPI
// descriptions) and terminal play share.
#pragma once

#include <string>
#include <string_view>

namespace auditsim::reports::text {

enum class PlainStyle {
  // Text only: paragraphs and list items each on their own line, list items starting "\u2022 ",
  // formatting dropped. For places that lay the text out themselves.
  Bare,
  // Text to be read as it is printed, in a terminal: blank lines between blocks, _emphasis_,
  // *strong*, `code`, links followed by their address, numbered and nested lists indented,
  // headings underlined, quotes marked "> ", code blocks indented, pipe tables as aligned columns.
  Terminal,
};

// Markdown (CommonMark, unsafe links dropped) as plain text in the given style.
std::string markdown_plain(std::string_view md, PlainStyle style);

}  // namespace auditsim::reports::text
