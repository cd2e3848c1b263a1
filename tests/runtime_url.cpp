#include <catch2/catch.hpp>

#include <tempest/runtime/url.hpp>

using namespace tempest;

TEST_CASE("url: sqlite paths and memory") {
  CHECK(parse_database_url("sqlite:app.db").path == "app.db");
  CHECK(parse_database_url("sqlite:/var/lib/app.db").path == "/var/lib/app.db");
  CHECK(parse_database_url("sqlite:///var/lib/app.db").path == "/var/lib/app.db");
  CHECK(parse_database_url("sqlite::memory:").path == ":memory:");
  CHECK(parse_database_url("sqlite:my%20app.db").path == "my app.db");
  CHECK(parse_database_url("SQLite:a.db").kind == dialect_kind::sqlite);
}

TEST_CASE("url: server URLs with credentials, ports and options") {
  auto pg = parse_database_url("postgresql://app:s%40cr%3At@db.example:6543/shop?sslmode=disable");
  CHECK(pg.kind == dialect_kind::postgresql);
  CHECK(pg.user == "app");
  CHECK(pg.password == "s@cr:t");
  CHECK(pg.host == "db.example");
  CHECK(pg.port == 6543);
  CHECK(pg.database == "shop");
  CHECK(pg.options == std::vector<std::pair<std::string, std::string>>{{"sslmode", "disable"}});

  auto defaults = parse_database_url("postgres://localhost/db");
  CHECK(defaults.port == 5432);
  CHECK(defaults.user.empty());

  auto my = parse_database_url("mariadb://root@[::1]/test");
  CHECK(my.kind == dialect_kind::mysql);
  CHECK(my.host == "::1");
  CHECK(my.port == 3306);
  CHECK(my.user == "root");
}

TEST_CASE("url: redacted form never shows the password") {
  auto url = parse_database_url("mysql://app:hunter2@127.0.0.1:3306/shop");
  CHECK(url.redacted() == "mysql://app:***@127.0.0.1:3306/shop");
  CHECK(url.redacted().find("hunter2") == std::string::npos);
}

TEST_CASE("url: malformed URLs get clear errors without the password") {
  auto message = [](std::string_view text) {
    try {
      parse_database_url(text);
    } catch (const connection_error& e) {
      return std::string(e.what());
    }
    FAIL("no error for " << text);
    return std::string();
  };
  CHECK_THAT(message("ftp://x/y"), Catch::Contains("unknown database URL scheme \"ftp\""));
  CHECK_THAT(message("just-a-path"), Catch::Contains("no scheme"));
  CHECK_THAT(message("sqlite:"), Catch::Contains("no database file"));
  CHECK_THAT(message("postgresql:/host/db"), Catch::Contains("expected //"));
  CHECK_THAT(message("postgresql://u:pw@host:99999/db"), Catch::Contains("out of range"));
  CHECK_THAT(message("postgresql://u:pw@host:5432"), Catch::Contains("no database name"));
  CHECK_THAT(message("mysql://u:topsecret@host:abc/db"), Catch::Contains("not a number"));
  CHECK(message("mysql://u:topsecret@host:abc/db").find("topsecret") == std::string::npos);
  CHECK(message("postgresql://u:topsecret@host:99999/db").find("topsecret") == std::string::npos);
  CHECK_THAT(message("postgresql://u:p%zz@host/db"), Catch::Contains("bad percent escape in the password"));
}
