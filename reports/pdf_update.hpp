// What cairo 1.16's tagged PDF cannot say by itself, added as a PDF incremental update (new
// versions of the changed objects appended after cairo's output, with their own cross-reference
// section): the document's language and "show the title, not the file name" on the catalog,
// and each figure's alternative text on its structure element.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace auditsim::reports::pdf {

// `pdf` with /Lang (`lang`), /MarkInfo << /Marked true >> and /ViewerPreferences
// << /DisplayDocTitle true >> on its catalog
// and /Alt on its Figure structure elements, the i-th figure (in the order the figures were
// tagged) getting figure_alts[i]. Returns `pdf` unchanged when it is not a PDF as cairo writes
// it (no trailer, no catalog), and gives no figure an /Alt when the counts differ.
std::string add_language_and_alt_text(std::string pdf, std::string_view lang,
                                      const std::vector<std::string>& figure_alts);

// A PDF text string for any UTF-8 text: (ASCII) when it is printable ASCII, else UTF-16BE with a
// byte-order mark in hex.
std::string pdf_text_string(std::string_view utf8);

}  // namespace auditsim::reports::pdf
