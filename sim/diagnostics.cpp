// Diagnostics formatting and the "did you mean" suggestion shared by loader, checker and CLI.
#include "sim/diagnostics.hpp"

#include "sim/key_table.hpp"

#include <algorithm>
#include <string_view>

namespace auditsim {

namespace {
constexpr KeyTable<Severity, 3> kSeverityKeys{{"error", "warning", "note"}};
}  // namespace

const char* severity_key(Severity s) { return kSeverityKeys(s); }

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.file.empty() ? std::string("<input>") : d.file;
  // Compilers and editors jump to "file:line:col"; a whole-file problem has no position.
  if (d.line > 0) {
    out += ':' + std::to_string(d.line);
    if (d.col > 0) out += ':' + std::to_string(d.col);
  }
  out += ": ";
  out += severity_key(d.severity);
  out += ": ";
  out += d.message;
  out += " [" + d.code + "]";
  if (!d.hint.empty()) out += "\n  hint: " + d.hint;
  return out;
}

bool has_errors(const std::vector<Diagnostic>& ds) {
  return std::any_of(ds.begin(), ds.end(),
                     [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Optimal string alignment distance (Levenshtein plus adjacent transpositions), case-insensitive:
// the usual typos are a swapped pair of letters or the wrong case.
size_t edit_distance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (size_t j = 0; j <= m; ++j) prev[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      const size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1]))
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    std::swap(prev2, prev);
    std::swap(prev, cur);
  }
  return prev[m];
}

}  // namespace

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  // Long words are never worth comparing letter by letter: nobody mistypes 200 characters.
  if (word.empty() || word.size() > 128) return "";
  // Allow roughly one edit per three letters, at least one, at most four.
  const size_t limit = std::clamp<size_t>(word.size() / 3, 1, 4);
  std::string best;
  size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    if (c.size() > word.size() + limit || c.size() + limit < word.size()) continue;
    const size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  if (!best.empty() || word.size() < 4) return best;
  // A shortened key ("duration" for "duration_minutes") is far in edits but plainly meant.
  for (const auto& c : candidates)
    if (c.size() > word.size() && c.compare(0, word.size(), word) == 0) return c;
  return best;
}

}  // namespace auditsim
