#pragma once
// open_session(url): a SOCI session opened from a parsed database URL, on exactly the file, server,
// database, user and password the URL names. Errors are connection_errors that name the host and port
// (or the SQLite file), the database and the user, and never the password: the driver's own message
// follows, and neither libpq nor MariaDB's client nor SQLite repeats a password in theirs.
//
// How each value reaches the driver unchanged, whatever its bytes (NUL is refused by the URL parser):
// - PostgreSQL: SOCI's factory re-splits its connect string at spaces and drops "quotes" before
//   libpq sees it, so a quoted conninfo value with a space cannot survive it. A libpq connection URI
//   with every value percent-encoded has no space and no quote, passes through unchanged, and libpq
//   decodes it itself.
// - MySQL: SOCI parses the connect string itself; a 'quoted' value takes any byte, \ escaping the next.
// - SQLite: SOCI's backend reads key=value pairs out of any connect string with an '=' in it, so the
//   session is opened on ":memory:" and its handle replaced by one sqlite3_open_v2 opened on the path.

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

inline constexpr std::string_view default_connect_timeout_seconds = "10";
// How long an SQLite statement waits for a lock another connection holds, unless ?timeout= says.
inline constexpr int default_sqlite_busy_timeout_ms = 5000;

// Every byte but ASCII letters, digits and - . _ ~ as %XX.
inline std::string percent_encoded(std::string_view text) {
  std::string out;
  for (char c : text) {
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~';
    if (unreserved)
      out += c;
    else
      out += fmt::format("%{:02X}", static_cast<unsigned char>(c));
  }
  return out;
}

inline std::string libpq_uri(const database_url& url) {
  std::string uri = "postgresql://";
  if (!url.user.empty() || !url.password.empty()) {
    uri += percent_encoded(url.user);
    if (!url.password.empty()) uri += ":" + percent_encoded(url.password);
    uri += "@";
  }
  // The host is a name or an IPv6 address (the parser allows nothing else), never percent-encoded.
  uri += fmt::format("{}/{}", url.host_and_port(), percent_encoded(url.database));
  // There is always at least one option, so that SOCI's factory finds the '=' it splits at and puts
  // back (without one it appends "=").
  char separator = '?';
  auto add = [&](std::string_view key, std::string_view value) {
    uri += fmt::format("{}{}={}", separator, key, percent_encoded(value));
    separator = '&';
  };
  if (!url.option("connect_timeout")) add("connect_timeout", default_connect_timeout_seconds);
  for (const auto& [key, value] : url.options) add(key, value);
  return uri;
}

// A value for SOCI's MySQL connect string: 'value', with \ and ' escaped by a backslash.
inline std::string mysql_quoted(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'') out += '\\';
    out += c;
  }
  return out + "'";
}

inline std::string mysql_connect_string(const database_url& url) {
  std::string s = fmt::format("host={} port={} db={} charset=utf8mb4", mysql_quoted(url.host), url.port,
                              mysql_quoted(url.database));
  if (!url.user.empty()) s += " user=" + mysql_quoted(url.user);
  if (!url.password.empty()) s += " password=" + mysql_quoted(url.password);
  if (!url.option("connect_timeout")) s += fmt::format(" connect_timeout={}", default_connect_timeout_seconds);
  for (const auto& [key, value] : url.options) s += fmt::format(" {}={}", key, mysql_quoted(value));
  return s;
}

inline void open_sqlite(soci::session& session, const database_url& url) {
  session.open(soci::sqlite3, ":memory:");
  // Debian's SQLite reads a name starting with "file:" as a URI (SQLITE_USE_URI); "./" keeps it a name.
  const std::string name = url.path.starts_with("file:") ? "./" + url.path : url.path;
  sqlite_api::sqlite3* handle = nullptr;
  const int opened =
      sqlite_api::sqlite3_open_v2(name.c_str(), &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (opened != SQLITE_OK) {
    std::string why = handle ? sqlite_api::sqlite3_errmsg(handle) : sqlite_api::sqlite3_errstr(opened);
    sqlite_api::sqlite3_close(handle);
    throw soci::soci_error(why);
  }
  // The backend keeps nothing else from how it was opened: statements, transactions and its
  // destructor all go through conn_.
  auto& backend = *static_cast<soci::sqlite3_session_backend*>(session.get_backend());
  sqlite_api::sqlite3_close(backend.conn_);
  backend.conn_ = handle;
  const auto timeout = url.option("timeout");
  sqlite_api::sqlite3_busy_timeout(handle,
                                   timeout ? std::stoi(std::string(*timeout)) * 1000 : default_sqlite_busy_timeout_ms);
}

inline std::string where(const database_url& url) {
  if (url.kind == dialect_kind::sqlite) return fmt::format("sqlite file {}", url.path);
  return fmt::format("{} server at {} (database {}{}{})", to_string(url.kind), url.host_and_port(), url.database,
                     url.user.empty() ? "" : ", user ", url.user);
}

// SOCI's PostgreSQL backend puts a line of its own before libpq's message.
inline std::string driver_message(std::string_view message) {
  constexpr std::string_view soci_preamble = "Cannot establish connection to the database.\n";
  if (message.starts_with(soci_preamble)) message.remove_prefix(soci_preamble.size());
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.remove_suffix(1);
  return std::string(message);
}

}  // namespace detail

inline std::unique_ptr<soci::session> open_session(const database_url& url) {
  auto session = std::make_unique<soci::session>();
  try {
    switch (url.kind) {
      case dialect_kind::sqlite: detail::open_sqlite(*session, url); break;
      case dialect_kind::postgresql: session->open(soci::postgresql, detail::libpq_uri(url)); break;
      case dialect_kind::mysql: session->open(soci::mysql, detail::mysql_connect_string(url)); break;
    }
  } catch (const std::exception& e) {
    throw connection_error(
        fmt::format("cannot connect to the {}: {}", detail::where(url), detail::driver_message(e.what())));
  }
  return session;
}

}  // namespace tempest
