#pragma once
// What every command works with: the configuration, the database URL it resolved, and the output —
// plain or coloured text, or one JSON document that the command fills in and run() prints at the end.

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tempest/cli/config.hpp"
#include "tempest/runtime/connection.hpp"
#include "tempest/runtime/url.hpp"

namespace tempest::cli {

using json = nlohmann::ordered_json;

enum class colour { none, green, yellow, red, bold, dim };

namespace detail {

// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
inline bool colour_wanted(const config& cfg) {
  if (cfg.colour) return *cfg.colour;
  if (const char* no = std::getenv("NO_COLOR"); no && *no) return false;
  return cfg.out == &std::cout && ::isatty(STDOUT_FILENO) == 1;
}

// Percent-encodes what a URL's userinfo would hold, to find a password written that way.
inline std::string percent_encoded(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~')
      out += static_cast<char>(c);
    else
      out += fmt::format("%{:02X}", c);
  }
  return out;
}

inline bool identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// Replaces `what` where it stands as a token of its own: a password "tempest" is hidden in
// "password=tempest", not in "tempest_migrations".
inline void replace_all(std::string& text, std::string_view what, std::string_view with, bool whole_tokens = false) {
  if (what.empty()) return;
  for (auto at = text.find(what); at != std::string::npos;) {
    const std::size_t end = at + what.size();
    const bool alone = !whole_tokens || ((at == 0 || !identifier_char(text[at - 1])) &&
                                         (end == text.size() || !identifier_char(text[end])));
    if (!alone) {
      at = text.find(what, at + 1);
      continue;
    }
    text.replace(at, what.size(), with);
    at = text.find(what, at + with.size());
  }
}

}  // namespace detail

class context {
 public:
  context(const config& cfg, std::string url, bool json_output, bool colour)
      : cfg_(cfg), url_(std::move(url)), json_(json_output), colour_(colour && !json_output) {}

  const config& cfg() const { return cfg_; }
  const std::string& url() const { return url_; }
  bool json_output() const { return json_; }
  json& doc() { return doc_; }

  connection connect() const {
    if (url_.empty())
      throw connection_error(fmt::format("no database URL: pass --url, set TEMPEST_DATABASE_URL, or give {} one in "
                                         "its configuration",
                                         cfg_.program_name));
    return connection(url_);
  }

  // The kind of database the URL names, without connecting (offline SQL, diffs from the history).
  dialect_kind url_kind() const {
    if (url_.empty()) throw connection_error("no database URL: pass --url or set TEMPEST_DATABASE_URL");
    return parse_database_url(url_).kind;
  }

  // Text for the terminal: printed in text mode, dropped in JSON mode (where the document says it).
  void line(std::string_view text = {}) const {
    if (!json_) *cfg_.out << text << '\n';
  }
  std::string paint(std::string_view text, colour c) const {
    if (!colour_ || c == colour::none) return std::string(text);
    const char* code = c == colour::green ? "32" : c == colour::yellow ? "33" : c == colour::red ? "31"
                       : c == colour::bold                               ? "1"
                                                                         : "2";
    return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
  }
  void warn(std::string_view text) const {
    if (!json_) *cfg_.err << paint("warning: ", colour::yellow) << redact(text) << '\n';
  }

  // A message with the password of the URL, if any, replaced by ***, however it was written.
  std::string redact(std::string_view message) const {
    std::string out(message);
    if (url_.empty()) return out;
    try {
      auto parsed = parse_database_url(url_);
      if (parsed.password.empty()) return out;
      detail::replace_all(out, url_, parsed.redacted());
      detail::replace_all(out, parsed.password, "***", true);
      detail::replace_all(out, detail::percent_encoded(parsed.password), "***", true);
    } catch (const std::exception&) {
      // Unparsable: the URL itself may hold a password; it is never shown whole.
      detail::replace_all(out, url_, "(the database URL)");
    }
    return out;
  }

 private:
  const config& cfg_;
  std::string url_;
  bool json_;
  bool colour_;
  json doc_ = json::object();
};

}  // namespace tempest::cli
