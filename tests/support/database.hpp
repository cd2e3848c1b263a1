#pragma once
// Database URLs for tests. Nothing is started here: scripts/test starts throwaway servers and exports
//   TEMPEST_TEST_POSTGRESQL_URL  postgresql://user:pass@host:port/db
//   TEMPEST_TEST_MYSQL_URL       mysql://user:pass@host:port/db
// When a URL is missing, the calling test is skipped (exit code 77, "Skipped" in ctest), or fails
// when CI=true, so that CI can never pass without having run the database tests.

#include <string>
#include <string_view>

namespace soci {
class session;
}

namespace tempest_test {

// Thrown to skip the current test case; support/main.cpp turns it into exit code 77. Deliberately not
// a std::exception, so that a test's `catch (std::exception const&)` cannot swallow a skip.
struct skipped {
  std::string message;
};

// Skips the current test case with `reason`, printed as "skipped: <test case name>: <reason>".
[[noreturn]] void skip(std::string_view reason);

// The server URL for `kind` ("sqlite", "postgresql" or "mysql"). For sqlite: a new, unique,
// not yet existing file "sqlite:/tmp/....db" on every call (removed when the process exits).
std::string database_url(std::string_view kind);

// A URL to a new, empty database of its own on the `kind` server (dropped when the process exits),
// so that tests can run in parallel. For sqlite the same as database_url("sqlite").
std::string fresh_database(std::string_view kind);

// Opens `sql` on a URL of the forms above, with SOCI directly (independent of tempest's runtime).
void connect(soci::session& sql, std::string_view url);

namespace detail {
// Called by support/main.cpp after the run: drops fresh databases, removes sqlite files.
void cleanup() noexcept;
}  // namespace detail

}  // namespace tempest_test
