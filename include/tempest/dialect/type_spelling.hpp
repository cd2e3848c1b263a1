#pragma once
// Splitting a type as databases print it, "numeric(10, 2)" or "character varying(20)", into a
// lower-case base name and its integer arguments.

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace tempest::detail {

struct type_spelling {
  std::string base;       // lower case, single spaces
  std::vector<int> args;  // the numbers in parentheses, if any
  std::string rest;       // anything after the closing parenthesis, lower case, trimmed
};

inline type_spelling split_type(std::string_view spelling) {
  type_spelling out;
  std::size_t i = 0;
  auto lower = [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); };
  for (; i < spelling.size() && spelling[i] != '('; ++i) {
    char c = lower(spelling[i]);
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.base.empty() && out.base.back() != ' ') out.base += ' ';
    } else {
      out.base += c;
    }
  }
  while (!out.base.empty() && out.base.back() == ' ') out.base.pop_back();
  if (i < spelling.size()) {
    ++i;
    int value = 0;
    bool digits = false;
    for (; i < spelling.size() && spelling[i] != ')'; ++i) {
      char c = spelling[i];
      if (std::isdigit(static_cast<unsigned char>(c))) {
        value = value * 10 + (c - '0');
        digits = true;
      } else if (c == ',') {
        if (digits) out.args.push_back(value);
        value = 0;
        digits = false;
      }
    }
    if (digits) out.args.push_back(value);
    for (++i; i < spelling.size(); ++i) out.rest += lower(spelling[i]);
    while (!out.rest.empty() && std::isspace(static_cast<unsigned char>(out.rest.front()))) out.rest.erase(0, 1);
    while (!out.rest.empty() && std::isspace(static_cast<unsigned char>(out.rest.back()))) out.rest.pop_back();
  }
  return out;
}

// A custom type in canonical spelling: lower case with single spaces, as databases print them.
inline std::string canonical_custom(std::string_view spelling) {
  std::string out;
  for (char c : spelling) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace tempest::detail
