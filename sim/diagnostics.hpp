// Diagnostics: how every content problem is reported, by the loader, the checker and the CLI.
// Content problems never throw; they come back as a list of these.
#pragma once

#include <string>
#include <vector>

namespace auditsim {

enum class Severity { Error, Warning, Note };
const char* severity_key(Severity s);  // "error", "warning", "note"

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;     // stable kebab-case code, e.g. "duplicate-key"; listed in docs/scenario-format.md
  std::string file;     // path as given to the loader
  int line = 0;         // 1-based; 0 when the problem concerns the whole file
  int col = 0;          // 1-based
  std::string message;  // what is wrong, in plain words
  std::string hint;     // how to fix it ("did you mean `pursue`?"); may be empty
};

// "file:line:col: error: message [code]" (+ "\n  hint: ..." when there is a hint), as compilers
// print them.
std::string format_diagnostic(const Diagnostic& d);

bool has_errors(const std::vector<Diagnostic>& ds);

// The closest candidate by edit distance, or "" when nothing is close enough to suggest.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace auditsim
