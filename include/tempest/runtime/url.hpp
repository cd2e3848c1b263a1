#pragma once
// Database URLs.
//
//   sqlite:PATH[?OPTIONS]  sqlite://PATH  sqlite:///ABSOLUTE/PATH  sqlite::memory:
//   postgresql://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE[?OPTIONS]     (also postgres://)
//   mysql://[USER[:PASSWORD]@]HOST[:PORT]/DATABASE[?OPTIONS]          (also mariadb://)
//
// The credentials are everything between "//" and the LAST '@' of the URL, and the user name ends at
// their first ':', so a password with unencoded / ? # @ : still reads as a password. USER, PASSWORD,
// DATABASE, PATH and option names and values are percent-decoded; any byte but NUL may be encoded.
// HOST is a name of letters, digits and . - _, or an IPv6 address in brackets. OPTIONS are key=value
// pairs joined by '&', checked against the list each database accepts (accepted_options()).
//
// What a message may show: a malformed URL is described, never quoted (a bad port, an unknown
// option's value, a host could all be pieces of a password that was not percent-encoded). A scheme
// is named only when "://" follows it, so it cannot be the start of credentials, and an unknown
// option only by a name of letters, digits and '_' (it comes after the last '@', so it is no password
// either). redacted() shows the parsed URL with its password, if any, as ***.

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "tempest/dialect/dialect.hpp"
#include "tempest/error.hpp"

namespace tempest {

struct database_url {
  dialect_kind kind = dialect_kind::sqlite;
  std::string path;  // sqlite: file path or ":memory:"
  std::string user;
  std::string password;
  std::string host;
  int port = 0;
  std::string database;
  std::vector<std::pair<std::string, std::string>> options;  // ?key=value pairs, each key once

  // The value of option `key`, if the URL gives it.
  std::optional<std::string_view> option(std::string_view key) const {
    for (const auto& [name, value] : options)
      if (name == key) return value;
    return std::nullopt;
  }

  // host:port, with an IPv6 host in brackets.
  std::string host_and_port() const {
    if (host.find(':') != std::string::npos) return fmt::format("[{}]:{}", host, port);
    return fmt::format("{}:{}", host, port);
  }

  std::string redacted() const {
    if (kind == dialect_kind::sqlite) return fmt::format("sqlite:{}", path);
    std::string credentials;
    if (!user.empty() || !password.empty()) credentials = fmt::format("{}{}@", user, password.empty() ? "" : ":***");
    return fmt::format("{}://{}{}/{}", to_string(kind), credentials, host_and_port(), database);
  }
};

// A ?key=value option a database URL may carry. Options whose value is a number of seconds are
// checked here; the others are passed on to the driver (libpq, SOCI's MySQL backend), which checks
// their values.
struct url_option {
  std::string_view name;
  bool seconds = false;  // a whole number of seconds, 1 to 86400
};

inline std::span<const url_option> accepted_options(dialect_kind kind) {
  static constexpr url_option postgresql[] = {
      {"application_name"}, {"connect_timeout", true}, {"sslcert"},    {"sslcrl"},
      {"sslkey"},           {"sslmode"},               {"sslrootcert"}, {"target_session_attrs"}};
  // No reconnect (a silent reconnect would drop the session's migration lock), no charset (always
  // utf8mb4), no local_infile.
  static constexpr url_option mysql[] = {{"connect_timeout", true}, {"read_timeout", true}, {"sslca"},
                                         {"sslcert"},               {"sslkey"},             {"write_timeout", true}};
  static constexpr url_option sqlite[] = {{"timeout", true}};  // seconds to wait for a lock held by another connection
  switch (kind) {
    case dialect_kind::postgresql: return postgresql;
    case dialect_kind::mysql: return mysql;
    case dialect_kind::sqlite: return sqlite;
  }
  return {};
}

namespace detail {

class url_parser {
 public:
  explicit url_parser(std::string_view url) : url_(url) {}

  database_url parse() {
    if (url_.find('\0') != std::string_view::npos) fail("it contains a NUL byte");
    read_scheme();
    return out_.kind == dialect_kind::sqlite ? parse_sqlite() : parse_server();
  }

 private:
  [[noreturn]] void fail(std::string_view why) const {
    throw connection_error(fmt::format("malformed {} URL: {}", label_, why));
  }

  void read_scheme() {
    const auto colon = url_.find(':');
    const std::string_view scheme = colon == std::string_view::npos ? std::string_view{} : url_.substr(0, colon);
    const bool scheme_syntax = !scheme.empty() && is_alpha(scheme.front()) &&
                               std::all_of(scheme.begin(), scheme.end(), [](char c) {
                                 return is_alpha(c) || is_digit(c) || c == '+' || c == '-' || c == '.';
                               });
    constexpr std::string_view expected = "sqlite:, postgresql:// (postgres://) or mysql:// (mariadb://)";
    if (!scheme_syntax) fail(fmt::format("it does not start with a scheme: expected {}", expected));
    std::string lower;
    for (char c : scheme) lower += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    rest_ = url_.substr(colon + 1);
    if (lower == "sqlite" || lower == "sqlite3") {
      out_.kind = dialect_kind::sqlite;
    } else if (lower == "postgresql" || lower == "postgres") {
      out_.kind = dialect_kind::postgresql;
      out_.port = 5432;
    } else if (lower == "mysql" || lower == "mariadb") {
      out_.kind = dialect_kind::mysql;
      out_.port = 3306;
    } else if (rest_.starts_with("//")) {
      throw connection_error(fmt::format("unknown database URL scheme \"{}\": expected {}", lower, expected));
    } else {
      // Without "//" after it, the text before the first ':' may be the start of credentials.
      fail(fmt::format("it does not start with a known scheme: expected {}", expected));
    }
    label_ = to_string(out_.kind);
  }

  database_url parse_sqlite() {
    if (rest_.starts_with("//")) rest_.remove_prefix(2);
    if (rest_.find('@') != std::string_view::npos)
      fail("a sqlite URL names a file and has no user or password; write an @ in a file name as %40");
    const auto query_at = rest_.find('?');
    const std::string_view path = rest_.substr(0, query_at);
    if (path.empty()) fail("no file after sqlite:");
    out_.path = decode(path, "file path");
    if (query_at != std::string_view::npos) read_options(rest_.substr(query_at + 1));
    return std::move(out_);
  }

  database_url parse_server() {
    if (!rest_.starts_with("//")) fail(fmt::format("expected // after {}:", label_));
    rest_.remove_prefix(2);
    if (const auto at = rest_.rfind('@'); at != std::string_view::npos) {
      const std::string_view credentials = rest_.substr(0, at);
      const auto colon = credentials.find(':');
      out_.user = decode(credentials.substr(0, colon), "user name");
      if (colon != std::string_view::npos) out_.password = decode(credentials.substr(colon + 1), "password");
      rest_.remove_prefix(at + 1);
    }
    const auto query_at = rest_.find('?');
    const std::string_view before_query = rest_.substr(0, query_at);
    const auto slash = before_query.find('/');
    read_host_and_port(before_query.substr(0, slash));
    if (slash == std::string_view::npos) fail("no database name after the host");
    const std::string_view database = before_query.substr(slash + 1);
    if (database.find('/') != std::string_view::npos) fail("the database name has a '/'; write it as %2F");
    out_.database = decode(database, "database name");
    if (out_.database.empty()) fail("no database name after the host");
    if (query_at != std::string_view::npos) read_options(rest_.substr(query_at + 1));
    if (out_.kind == dialect_kind::mysql && !out_.option("sslca") && (out_.option("sslcert") || out_.option("sslkey")))
      fail("options sslcert and sslkey take effect only together with sslca");
    return std::move(out_);
  }

  void read_host_and_port(std::string_view authority) {
    std::string_view host = authority;
    std::optional<std::string_view> port;
    if (authority.starts_with('[')) {
      const auto close = authority.find(']');
      if (close == std::string_view::npos) fail("the IPv6 host has no closing ]");
      host = authority.substr(1, close - 1);
      const auto after = authority.substr(close + 1);
      if (!after.empty() && after.front() != ':') fail("unexpected text after the IPv6 host");
      if (!after.empty()) port = after.substr(1);
      const bool ipv6 = !host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
        return is_hex(c) || c == ':' || c == '.';
      });
      if (!ipv6) fail("the text in [ ] is not an IPv6 address");
    } else {
      const auto colon = authority.find(':');
      host = authority.substr(0, colon);
      if (colon != std::string_view::npos) port = authority.substr(colon + 1);
      const bool name = std::all_of(host.begin(), host.end(), [](char c) {
        return is_alpha(c) || is_digit(c) || c == '.' || c == '-' || c == '_';
      });
      if (!name) fail("the host is neither a name (letters, digits, . - _) nor an IPv6 address in [ ]");
    }
    out_.host = host.empty() ? "localhost" : std::string(host);
    if (port) {
      const auto number = whole_number(*port, 1, 65535);
      if (!number) fail("the port is not a number from 1 to 65535");
      out_.port = *number;
    }
  }

  void read_options(std::string_view query) {
    const auto accepted = accepted_options(out_.kind);
    for (;;) {
      const auto amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      if (pair.empty()) fail("an empty option (nothing after a ? or an &)");
      const auto eq = pair.find('=');
      const std::string key = decode(pair.substr(0, eq), "name of an option");
      const auto rule =
          std::find_if(accepted.begin(), accepted.end(), [&](const url_option& o) { return o.name == key; });
      if (rule == accepted.end()) fail(unknown_option(key, accepted));
      if (eq == std::string_view::npos) fail(fmt::format("option {} has no value (write {}=...)", key, key));
      if (out_.option(key)) fail(fmt::format("option {} is given twice", key));
      std::string value = decode(pair.substr(eq + 1), fmt::format("value of option {}", key));
      if (rule->seconds && !whole_number(value, 1, 86400))
        fail(fmt::format("option {} takes a whole number of seconds from 1 to 86400", key));
      out_.options.emplace_back(key, std::move(value));
      if (amp == std::string_view::npos) break;
      query.remove_prefix(amp + 1);
    }
  }

  std::string unknown_option(const std::string& key, std::span<const url_option> accepted) const {
    std::string names;
    for (const auto& o : accepted) names += fmt::format("{}{}", names.empty() ? "" : ", ", o.name);
    const bool nameable = !key.empty() && key.size() <= 40 && std::all_of(key.begin(), key.end(), [](char c) {
      return is_alpha(c) || is_digit(c) || c == '_';
    });
    if (!nameable) return fmt::format("an option name that is none of those {} accepts ({})", label_, names);
    return fmt::format("unknown option \"{}\"; {} accepts {}", key, label_, names);
  }

  static std::optional<int> whole_number(std::string_view text, int low, int high) {
    if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), is_digit)) return std::nullopt;
    const int number = std::stoi(std::string(text));
    if (number < low || number > high) return std::nullopt;
    return number;
  }

  std::string decode(std::string_view text, std::string_view what) const {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] != '%') {
        out += text[i];
        continue;
      }
      if (i + 2 >= text.size() || !is_hex(text[i + 1]) || !is_hex(text[i + 2]))
        fail(fmt::format("bad percent escape in the {} (a % must be followed by two hex digits; write % as %25)",
                         what));
      const char byte = static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      if (byte == '\0')
        fail(fmt::format("the {} contains %00, a NUL byte, which cannot be passed to a database", what));
      out += byte;
      i += 2;
    }
    return out;
  }

  static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
  static bool is_digit(char c) { return c >= '0' && c <= '9'; }
  static bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
  static int hex_value(char c) { return is_digit(c) ? c - '0' : (c | 0x20) - 'a' + 10; }

  std::string_view url_;
  std::string_view rest_;  // what follows the scheme's ':', consumed as it is read
  std::string label_ = "database";
  database_url out_;
};

}  // namespace detail

inline database_url parse_database_url(std::string_view url) { return detail::url_parser(url).parse(); }

}  // namespace tempest
