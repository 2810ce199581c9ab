#include "cli/terminal_safe.hpp"

#include <cstdio>
#include <iostream>
#include <memory>
#include <streambuf>

#include "sim/utf8.hpp"

namespace auditsim::cli {
namespace {

void escape(std::string& out, char32_t cp) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(cp));
  out += buf;
}

// Bytes a UTF-8 sequence starting with `lead` needs (1 for anything that cannot start one).
size_t sequence_length(unsigned char lead) {
  return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

// Everything written is passed on filtered. A UTF-8 sequence or a CR cut by the end of a write
// waits for the next one, so the filter sees whole characters.
class FilterBuf : public std::streambuf {
 public:
  explicit FilterBuf(std::streambuf* target) : target_(target) {}
  std::streambuf* target() const { return target_; }

 protected:
  int_type overflow(int_type ch) override {
    if (traits_type::eq_int_type(ch, traits_type::eof())) return traits_type::not_eof(ch);
    const char c = traits_type::to_char_type(ch);
    return xsputn(&c, 1) == 1 ? ch : traits_type::eof();
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    pending_.append(s, static_cast<size_t>(n));
    // Keep back an incomplete character (or a CR that may be followed by LF).
    size_t keep = 0;
    const size_t size = pending_.size();
    for (size_t back = 1; back <= 3 && back <= size; ++back) {
      const auto c = static_cast<unsigned char>(pending_[size - back]);
      if ((c & 0xC0) == 0x80) continue;
      if (c >= 0xC0 && sequence_length(c) > back) keep = back;
      break;
    }
    if (keep == 0 && size > 0 && pending_.back() == '\r') keep = 1;
    if (!emit(pending_.size() - keep)) return 0;
    return n;
  }
  int sync() override {
    if (!emit(pending_.size())) return -1;
    return target_->pubsync();
  }

 private:
  bool emit(size_t count) {
    if (count == 0) return true;
    const std::string safe = terminal_safe(std::string_view(pending_).substr(0, count));
    pending_.erase(0, count);
    const auto wrote = target_->sputn(safe.data(), static_cast<std::streamsize>(safe.size()));
    return wrote == static_cast<std::streamsize>(safe.size());
  }

  std::streambuf* target_;
  std::string pending_;
};

std::streambuf* g_stdout_original = nullptr;
std::unique_ptr<FilterBuf> g_out, g_err;

}  // namespace

std::string terminal_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const utf8::Char ch = utf8::decode(s, i);
    if (ch.len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    const char32_t cp = ch.cp;
    if (cp == '\n' || cp == '\t') {
      out += static_cast<char>(cp);
    } else if (cp == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      // CR LF (a Windows evidence file) is a line break; a lone CR would redraw the line.
    } else if (cp < 0x20) {
      utf8::append(out, 0x2400 + cp);  // U+2400.. CONTROL PICTURES: "␛" for ESC
    } else if (cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || utf8::is_bidi_control(cp) ||
               cp == 0x2028 || cp == 0x2029) {
      escape(out, cp);
    } else {
      out.append(s.substr(i, ch.len));
    }
    i += ch.len;
  }
  return out;
}

TerminalGuard::TerminalGuard() {
  g_stdout_original = std::cout.rdbuf();
  g_out = std::make_unique<FilterBuf>(std::cout.rdbuf());
  g_err = std::make_unique<FilterBuf>(std::cerr.rdbuf());
  std::cout.rdbuf(g_out.get());
  std::cerr.rdbuf(g_err.get());
}

TerminalGuard::~TerminalGuard() {
  std::cout.flush();
  std::cerr.flush();
  std::cout.rdbuf(g_out->target());
  std::cerr.rdbuf(g_err->target());
  g_out.reset();
  g_err.reset();
  g_stdout_original = nullptr;
}

std::ostream& exact_stdout() {
  if (!g_stdout_original) return std::cout;
  static std::ostream exact(nullptr);
  exact.rdbuf(g_stdout_original);
  std::cout.flush();  // what was printed before comes first
  return exact;
}

}  // namespace auditsim::cli
