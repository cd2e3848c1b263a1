#pragma once
// The pieces of PostgreSQL's lexical syntax that tempest reads SQL text with: identifier characters
// and quoted text ('…', E'…', "…").

#include <cctype>
#include <cstddef>
#include <string_view>

namespace tempest::postgresql_tokens {

inline bool identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80); }
inline bool identifier_char(char c) { return identifier_start(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '$'; }

// The end of the quoted text that starts at text[at] (a ' or "), where a doubled quote stands for
// itself; `backslashes`: a backslash escapes the next character (E'…').
inline std::size_t quoted_end(std::string_view text, std::size_t at, bool backslashes = false) {
  char quote = text[at];
  for (std::size_t i = at + 1; i < text.size(); ++i) {
    if (backslashes && text[i] == '\\') ++i;
    else if (text[i] == quote && i + 1 < text.size() && text[i + 1] == quote) ++i;
    else if (text[i] == quote) return i + 1;
  }
  return text.size();
}

}  // namespace tempest::postgresql_tokens
