#pragma once
// Database URLs: sqlite:path, sqlite::memory:, postgresql://user:pass@host:port/db,
// mysql://user:pass@host:port/db (also postgres:// and mariadb://). User, password and database are
// percent-decoded. redacted() is the form that may appear in messages: it never shows a password.

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
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
  std::vector<std::pair<std::string, std::string>> options;  // ?key=value pairs

  std::string redacted() const {
    if (kind == dialect_kind::sqlite) return fmt::format("sqlite:{}", path);
    return fmt::format("{}://{}{}{}{}:{}/{}", to_string(kind), user, password.empty() ? "" : ":***",
                       user.empty() && password.empty() ? "" : "@", host, port, database);
  }
};

namespace detail {

inline std::string percent_decode(std::string_view text, std::string_view what, std::string_view shown) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    if (i + 2 >= text.size() || hex(text[i + 1]) < 0 || hex(text[i + 2]) < 0)
      throw connection_error(fmt::format("malformed database URL {}: bad percent escape in the {}", shown, what));
    out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
    i += 2;
  }
  return out;
}

// The URL with any password replaced, for messages about a URL that could not be parsed.
inline std::string mask_password(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  auto authority_start = scheme_end + 3;
  auto at = url.find('@', authority_start);
  auto slash = url.find('/', authority_start);
  if (at == std::string_view::npos || (slash != std::string_view::npos && slash < at)) return std::string(url);
  auto colon = url.find(':', authority_start);
  if (colon == std::string_view::npos || colon > at) return std::string(url);
  return fmt::format("{}:***{}", url.substr(0, colon), url.substr(at));
}

}  // namespace detail

inline database_url parse_database_url(std::string_view url) {
  const std::string shown = detail::mask_password(url);
  auto fail = [&](std::string_view why) {
    return connection_error(fmt::format("malformed database URL \"{}\": {}", shown, why));
  };
  database_url out;
  auto colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0) throw fail("it has no scheme (sqlite:, postgresql://, mysql://)");
  std::string scheme;
  for (char c : url.substr(0, colon)) scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string_view rest = url.substr(colon + 1);

  if (scheme == "sqlite" || scheme == "sqlite3") {
    out.kind = dialect_kind::sqlite;
    if (rest.starts_with("//")) rest.remove_prefix(2);  // sqlite:///abs/path and sqlite://rel/path
    if (rest.empty()) throw fail("no database file after sqlite:");
    out.path = detail::percent_decode(rest, "path", shown);
    return out;
  }
  if (scheme == "postgresql" || scheme == "postgres") {
    out.kind = dialect_kind::postgresql;
    out.port = 5432;
  } else if (scheme == "mysql" || scheme == "mariadb") {
    out.kind = dialect_kind::mysql;
    out.port = 3306;
  } else {
    throw connection_error(fmt::format(
        "unknown database URL scheme \"{}\" in \"{}\": expected sqlite:, postgresql:// or mysql://", scheme, shown));
  }
  if (!rest.starts_with("//")) throw fail("expected // after the scheme");
  rest.remove_prefix(2);

  auto query_at = rest.find('?');
  std::string_view query = query_at == std::string_view::npos ? std::string_view{} : rest.substr(query_at + 1);
  rest = rest.substr(0, query_at);
  auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? std::string_view{} : rest.substr(slash + 1);

  auto at = authority.rfind('@');
  if (at != std::string_view::npos) {
    auto credentials = authority.substr(0, at);
    authority = authority.substr(at + 1);
    auto colon_at = credentials.find(':');
    out.user = detail::percent_decode(credentials.substr(0, colon_at), "user", shown);
    if (colon_at != std::string_view::npos)
      out.password = detail::percent_decode(credentials.substr(colon_at + 1), "password", shown);
  }
  std::string_view port_text;
  if (authority.starts_with('[')) {
    auto close = authority.find(']');
    if (close == std::string_view::npos) throw fail("unclosed [ in the host");
    out.host = std::string(authority.substr(1, close - 1));
    auto after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') throw fail("unexpected text after the IPv6 host");
      port_text = after.substr(1);
    }
  } else {
    auto port_colon = authority.rfind(':');
    out.host = std::string(authority.substr(0, port_colon));
    if (port_colon != std::string_view::npos) port_text = authority.substr(port_colon + 1);
  }
  if (out.host.empty()) out.host = "localhost";
  if (!port_text.empty()) {
    int port = 0;
    for (char c : port_text) {
      if (!std::isdigit(static_cast<unsigned char>(c))) throw fail(fmt::format("port \"{}\" is not a number", port_text));
      port = port * 10 + (c - '0');
      if (port > 65535) throw fail(fmt::format("port {} is out of range", port_text));
    }
    if (port == 0) throw fail("port 0 is not valid");
    out.port = port;
  }
  out.database = detail::percent_decode(path, "database name", shown);
  if (out.database.empty()) throw fail("no database name after the host");
  if (out.database.find('/') != std::string::npos) throw fail("the database name contains '/'");

  while (!query.empty()) {
    auto amp = query.find('&');
    auto pair = query.substr(0, amp);
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) throw fail(fmt::format("option \"{}\" has no value", pair));
    out.options.emplace_back(detail::percent_decode(pair.substr(0, eq), "option", shown),
                             detail::percent_decode(pair.substr(eq + 1), "option", shown));
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
  }
  return out;
}

}  // namespace tempest
