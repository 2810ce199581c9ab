// Links in scenario Markdown that a report must not carry: javascript: and vbscript: run code
// when clicked, file: opens the reader's own files, data: can hold a whole page of script. Such a
// link or image is dropped and its text kept, in HTML reports and in Markdown reports alike.
#pragma once

#include <string>
#include <string_view>

struct cmark_node;

namespace auditsim::reports::text {

// Whether the URL's scheme is one of those above. Case, and the blanks and control characters
// browsers ignore inside a scheme ("java\tscript:"), do not hide it.
bool is_unsafe_url(std::string_view url);

// Replaces every link and image with an unsafe URL in a parsed document by its text. Returns the
// number replaced.
int drop_unsafe_links(cmark_node* document);

// The Markdown with unsafe links replaced by their text: unchanged when it has none, otherwise
// rewritten as CommonMark from the parsed document.
std::string without_unsafe_links(std::string_view markdown);

}  // namespace auditsim::reports::text
