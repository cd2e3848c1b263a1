#include "database.hpp"

#include <catch2/catch.hpp>
#include <soci/mysql/soci-mysql.h>
#include <soci/postgresql/soci-postgresql.h>
#include <soci/soci.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <mutex>
#include <random>
#include <stdexcept>
#include <vector>

namespace tempest_test {
namespace {

struct url_parts {
  std::string scheme, user, password, host, port, db;
};

// scheme://[user[:password]@]host[:port][/db][?...] — no percent-decoding; keep test passwords plain.
url_parts parse_server_url(std::string_view url) {
  url_parts u;
  auto const sep = url.find("://");
  if (sep == url.npos) throw std::invalid_argument("tempest_test: not a server URL: " + std::string(url));
  u.scheme = url.substr(0, sep);
  auto rest = url.substr(sep + 3);
  rest = rest.substr(0, rest.find('?'));
  auto authority = rest.substr(0, rest.find('/'));
  if (authority.size() < rest.size()) u.db = rest.substr(authority.size() + 1);
  if (auto const at = authority.rfind('@'); at != authority.npos) {
    auto const userinfo = authority.substr(0, at);
    auto const colon = userinfo.find(':');
    u.user = userinfo.substr(0, colon);
    if (colon != userinfo.npos) u.password = userinfo.substr(colon + 1);
    authority = authority.substr(at + 1);
  }
  auto const colon = authority.rfind(':');
  u.host = authority.substr(0, colon);
  if (colon != authority.npos) u.port = authority.substr(colon + 1);
  return u;
}

std::string to_url(url_parts const& u) {
  std::string s = u.scheme + "://";
  if (!u.user.empty()) s += u.user + (u.password.empty() ? "" : ":" + u.password) + "@";
  s += u.host + (u.port.empty() ? "" : ":" + u.port) + "/" + u.db;
  return s;
}

bool is_postgresql(url_parts const& u) { return u.scheme == "postgresql" || u.scheme == "postgres"; }

void open(soci::session& sql, url_parts const& u) {
  // libpq conninfo and SOCI's MySQL connect string share the key=value shape, with different keys.
  bool const pg = is_postgresql(u);
  if (!pg && u.scheme != "mysql") throw std::invalid_argument("tempest_test: unknown URL scheme " + u.scheme);
  std::string connect;
  auto add = [&](char const* key, std::string const& value) {
    if (value.empty()) return;
    std::string quoted = "'";
    for (char c : value) quoted += (c == '\'' || c == '\\') ? std::string{'\\', c} : std::string{c};
    connect += std::string(key) + "=" + (pg ? quoted + "'" : value) + " ";
  };
  add(pg ? "dbname" : "db", u.db);
  add("user", u.user);
  add("password", u.password);
  add("host", u.host);
  add("port", u.port);
  if (pg)
    sql.open(soci::postgresql, connect);
  else
    sql.open(soci::mysql, connect);
}

std::string random_hex() {
  static std::mutex m;
  static std::mt19937_64 rng{std::random_device{}() ^ (static_cast<std::uint64_t>(::getpid()) << 32)};
  std::lock_guard lock(m);
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(rng()));
  return buf;
}

std::string current_test_name() {
  try {
    return Catch::getResultCapture().getCurrentTestName();
  } catch (...) {
    return "(outside a test case)";
  }
}

bool in_ci() {
  char const* ci = std::getenv("CI");
  return ci && (std::string_view(ci) == "true" || std::string_view(ci) == "1");
}

// What this process created, to remove at exit.
struct created {
  std::mutex m;
  std::vector<std::filesystem::path> sqlite_files;
  std::vector<std::pair<url_parts, std::string>> databases;  // server URL, database name
};
created& registry() {
  static created r;
  return r;
}

}  // namespace

void skip(std::string_view reason) {
  throw skipped{"skipped: " + current_test_name() + ": " + std::string(reason)};
}

std::string database_url(std::string_view kind) {
  if (kind == "sqlite") {
    auto const path = std::filesystem::temp_directory_path() /
                      ("tempest_t_" + std::to_string(::getpid()) + "_" + random_hex() + ".db");
    std::lock_guard lock(registry().m);
    registry().sqlite_files.push_back(path);
    return "sqlite:" + path.string();
  }
  std::string var;
  if (kind == "postgresql")
    var = "TEMPEST_TEST_POSTGRESQL_URL";
  else if (kind == "mysql")
    var = "TEMPEST_TEST_MYSQL_URL";
  else
    throw std::invalid_argument("tempest_test: unknown database kind " + std::string(kind));
  if (char const* url = std::getenv(var.c_str()); url && *url) return url;
  std::string const reason = "no " + std::string(kind) + " server (" + var + " unset)";
  // FAIL throws Catch's own exception type, which a test's catch (std::exception const&) cannot swallow.
  if (in_ci()) FAIL(current_test_name() + ": " + reason + "; with CI=true that is a failure");
  skip(reason);
}

std::string fresh_database(std::string_view kind) {
  if (kind == "sqlite") return database_url(kind);
  auto u = parse_server_url(database_url(kind));
  std::string const name = "tempest_t_" + random_hex();
  {
    soci::session sql;
    open(sql, u);
    sql << "CREATE DATABASE " + name;
  }
  {
    std::lock_guard lock(registry().m);
    registry().databases.emplace_back(u, name);
  }
  u.db = name;
  return to_url(u);
}

void connect(soci::session& sql, std::string_view url) {
  if (url.starts_with("sqlite:"))
    sql.open(soci::sqlite3, std::string(url.substr(7)));
  else
    open(sql, parse_server_url(url));
}

void detail::cleanup() noexcept {
  std::lock_guard lock(registry().m);
  for (auto const& [server, name] : registry().databases) {
    try {
      soci::session sql;
      open(sql, server);
      if (is_postgresql(server)) {
        sql << "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)";
      } else {
        sql << "SET SESSION lock_wait_timeout = 10";  // a leaked connection must not hang the exit
        sql << "DROP DATABASE IF EXISTS " + name;
      }
    } catch (std::exception const& e) {
      std::cerr << "tempest_test: could not drop database " << name << ": " << e.what() << '\n';
    }
  }
  registry().databases.clear();
  for (auto const& file : registry().sqlite_files) {
    std::error_code ec;
    for (char const* suffix : {"", "-journal", "-wal", "-shm"})
      std::filesystem::remove(file.string() + suffix, ec);
  }
  registry().sqlite_files.clear();
}

}  // namespace tempest_test
