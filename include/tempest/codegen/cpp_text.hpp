#pragma once
// C++ source text for generated migrations: string literals that hold any bytes, and the names a
// revision is given.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

namespace tempest::codegen {

// A C++ string literal holding exactly `text`: quotes, backslashes and control characters escaped,
// every byte outside printable ASCII as a three-digit octal escape (which, unlike \x, never runs
// into the next character and means the same bytes whatever the compiler's source and execution
// character sets), and "?" after "?" escaped so that no trigraph can form.
inline std::string cpp_string(std::string_view text) {
  std::string out = "\"";
  char previous = 0;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      case '\r': out += "\\r"; break;
      case '?': out += previous == '?' ? "\\?" : "?"; break;
      default:
        if (byte < 0x20 || byte >= 0x7f) out += fmt::format("\\{:03o}", byte);
        else out += c;
    }
    previous = c;
  }
  return out + "\"";
}

// Long text with line breaks as adjacent literals, one line each, indented by `indent` after the first.
inline std::string cpp_multiline_string(std::string_view text, std::string_view indent) {
  if (text.find('\n') == std::string_view::npos || text.find('\n') + 1 == text.size()) return cpp_string(text);
  std::string out;
  while (!text.empty()) {
    auto end = text.find('\n');
    auto line = end == std::string_view::npos ? text : text.substr(0, end + 1);
    if (!out.empty()) out += fmt::format("\n{}", indent);
    out += cpp_string(line);
    text.remove_prefix(line.size());
  }
  return out;
}

inline std::string cpp_strings(const std::vector<std::string>& list) {
  std::string out = "{";
  for (std::size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + cpp_string(list[i]);
  return out + "}";
}

// The file-name part of a message: lower-case ASCII letters and digits, other runs as one "_", at
// most 60 characters; "migration" when nothing is left.
inline std::string slug(std::string_view message) {
  std::string out;
  for (char c : message) {
    const bool letter = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (letter) out += c;
    else if (c >= 'A' && c <= 'Z') out += static_cast<char>(c - 'A' + 'a');
    else if (!out.empty() && out.back() != '_') out += '_';
    if (out.size() >= 60) break;
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "migration" : out;
}

// YYYYMMDDHHMMSS, in UTC.
inline std::string timestamp(std::chrono::system_clock::time_point now) {
  using namespace std::chrono;
  const auto day = floor<days>(now);
  const year_month_day date(day);
  const hh_mm_ss time(floor<seconds>(now - day));
  return fmt::format("{:04}{:02}{:02}{:02}{:02}{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()), time.hours().count(), time.minutes().count(), time.seconds().count());
}

// A C++ namespace name: identifiers joined by "::".
inline bool valid_namespace(std::string_view name) {
  if (name.empty()) return false;
  bool start = true;
  for (std::size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == ':') {
      if (start || i + 1 >= name.size() || name[i + 1] != ':') return false;
      ++i;
      start = true;
      continue;
    }
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    if (!alpha && !(c >= '0' && c <= '9' && !start)) return false;
    start = false;
  }
  return !start;
}

// Text for a // comment: its line breaks become spaces, so that no name in it ends the comment.
inline std::string one_line(std::string text) {
  for (char& c : text)
    if (c == '\n' || c == '\r') c = ' ';
  return text;
}

}  // namespace tempest::codegen
