// What the command line prints is made harmless for a terminal. Scenario text, names and notes
// are written by other people; raw, an escape sequence in them could clear the screen, set the
// window title, write the clipboard or redraw "1." as a different choice, and a bidirectional
// override could show text in another order than it is stored. So every byte written to
// standard output and standard error goes through terminal_safe():
//  - tab and line feed are kept, and CR LF becomes LF;
//  - other C0 controls, a lone CR included (it would let text redraw its own line), are shown as
//    their Unicode control pictures (ESC as U+241B, CR as U+240D);
//  - DEL, the C1 controls (U+0080..U+009F), the bidirectional formatting characters and the line
//    and paragraph separators are written as \uXXXX, which in --json output is the same string
//    in JSON's own escape form (so JSON stays exact) and elsewhere is visible text;
//  - invalid UTF-8 becomes U+FFFD.
#pragma once

#include <ostream>
#include <string>
#include <string_view>

namespace auditsim::cli {

std::string terminal_safe(std::string_view text);

// While alive, std::cout and std::cerr are filtered through terminal_safe(); their original
// buffers come back when it ends.
class TerminalGuard {
 public:
  TerminalGuard();
  ~TerminalGuard();
  TerminalGuard(const TerminalGuard&) = delete;
  TerminalGuard& operator=(const TerminalGuard&) = delete;
};

// Standard output without the filter, for bytes that must arrive exactly as they are (a report
// written to standard output, which may be a PDF).
std::ostream& exact_stdout();

}  // namespace auditsim::cli
