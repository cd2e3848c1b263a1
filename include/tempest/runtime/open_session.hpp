#pragma once
// open_session(url): a SOCI session opened from a parsed database URL. Errors are connection_errors
// that name the host and port (or the SQLite file) and never the password.

#include <memory>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include <soci/mysql/soci-mysql.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>

#include "tempest/error.hpp"
#include "tempest/runtime/url.hpp"

namespace tempest {
namespace detail {

// Quotes a value for a libpq conninfo or SOCI MySQL connect string: 'value' with \ and ' escaped.
inline std::string quoted_parameter(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

inline std::string scrub(std::string message, const std::string& secret) {
  if (secret.empty()) return message;
  for (auto at = message.find(secret); at != std::string::npos; at = message.find(secret, at + 3))
    message.replace(at, secret.size(), "***");
  return message;
}

inline std::string connect_string(const database_url& url) {
  switch (url.kind) {
    case dialect_kind::sqlite: return fmt::format("db=\"{}\" timeout=30", url.path);
    case dialect_kind::postgresql: {
      std::string s = fmt::format("host={} port={} dbname={} connect_timeout=10", quoted_parameter(url.host), url.port,
                                  quoted_parameter(url.database));
      if (!url.user.empty()) s += " user=" + quoted_parameter(url.user);
      if (!url.password.empty()) s += " password=" + quoted_parameter(url.password);
      for (const auto& [key, value] : url.options) s += fmt::format(" {}={}", key, quoted_parameter(value));
      return s;
    }
    case dialect_kind::mysql: {
      std::string s = fmt::format("host={} port={} db={} charset=utf8mb4 connect_timeout=10", quoted_parameter(url.host),
                                  url.port, quoted_parameter(url.database));
      if (!url.user.empty()) s += " user=" + quoted_parameter(url.user);
      if (!url.password.empty()) s += " password=" + quoted_parameter(url.password);
      for (const auto& [key, value] : url.options) s += fmt::format(" {}={}", key, quoted_parameter(value));
      return s;
    }
  }
  return {};
}

}  // namespace detail

inline std::unique_ptr<soci::session> open_session(const database_url& url) {
  auto session = std::make_unique<soci::session>();
  try {
    switch (url.kind) {
      case dialect_kind::sqlite: session->open(soci::sqlite3, detail::connect_string(url)); break;
      case dialect_kind::postgresql: session->open(soci::postgresql, detail::connect_string(url)); break;
      case dialect_kind::mysql: session->open(soci::mysql, detail::connect_string(url)); break;
    }
  } catch (const std::exception& e) {
    std::string where = url.kind == dialect_kind::sqlite ? fmt::format("sqlite file {}", url.path)
                                                         : fmt::format("{} server at {}:{} (database {}, user {})",
                                                                       to_string(url.kind), url.host, url.port,
                                                                       url.database, url.user);
    throw connection_error(fmt::format("cannot connect to the {}: {}", where, detail::scrub(e.what(), url.password)));
  }
  return session;
}

}  // namespace tempest
