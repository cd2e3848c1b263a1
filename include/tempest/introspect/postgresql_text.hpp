#pragma once
// SQL text that PostgreSQL prints (expressions, predicates, view and trigger definitions) in a
// form that means the same whatever standard_conforming_strings says.
//
// PostgreSQL prints a string constant for the session that asks: 'a\b' with the setting on, 'a\\b'
// with it off. Either text means something else under the other setting, so one read from a
// database with the setting off would, rendered into one with it on, hold two backslashes. Every
// constant that holds a backslash is rewritten as an escape string, E'a\\b', which reads the same
// under both settings; constants without one already do.

#include <cctype>
#include <string>
#include <string_view>

namespace tempest::detail {

// The end of the dollar-quoted text ($tag$…$tag$) that starts at text[at], or npos when text[at]
// does not start one.
inline std::size_t dollar_quoted_end(std::string_view text, std::size_t at) {
  std::size_t close = text.find('$', at + 1);
  if (close == std::string_view::npos) return std::string_view::npos;
  for (std::size_t i = at + 1; i < close; ++i) {
    char c = text[i];
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80))) return std::string_view::npos;
  }
  auto tag = text.substr(at, close - at + 1);
  auto end = text.find(tag, close + 1);
  return end == std::string_view::npos ? text.size() : end + tag.size();
}

inline std::string postgresql_portable_literals(std::string_view text, bool backslash_escapes) {
  std::string out;
  out.reserve(text.size());
  auto word_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '&' || (c & 0x80); };
  for (std::size_t i = 0; i < text.size();) {
    char c = text[i];
    if (c == '"' || (c == '\'' && i > 0 && word_char(text[i - 1]))) {
      // A quoted identifier, or a constant with a prefix (E'…', B'…', X'…', U&'…'): kept as it is.
      bool escapes = c == '\'' && (text[i - 1] == 'e' || text[i - 1] == 'E');
      std::size_t j = i + 1;
      for (; j < text.size(); ++j) {
        if (escapes && text[j] == '\\') ++j;
        else if (text[j] == c && j + 1 < text.size() && text[j + 1] == c) ++j;
        else if (text[j] == c) break;
      }
      out.append(text.substr(i, j + 1 - i));
      i = j + 1;
    } else if (c == '$' && (i == 0 || !word_char(text[i - 1])) && dollar_quoted_end(text, i) != std::string_view::npos) {
      auto end = dollar_quoted_end(text, i);
      out.append(text.substr(i, end - i));
      i = end;
    } else if (c == '\'') {
      std::string content;
      std::size_t j = i + 1;
      for (; j < text.size(); ++j) {
        if (backslash_escapes && text[j] == '\\' && j + 1 < text.size()) content += text[++j];
        else if (text[j] == '\'' && j + 1 < text.size() && text[j + 1] == '\'') content += text[++j];
        else if (text[j] == '\'') break;
        else content += text[j];
      }
      bool backslash = content.find('\\') != std::string::npos;
      out += backslash ? "E'" : "'";
      for (char k : content) {
        if (k == '\'' || (backslash && k == '\\')) out += k;
        out += k;
      }
      out += '\'';
      i = j + 1;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace tempest::detail
