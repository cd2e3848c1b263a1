#include <catch2/catch.hpp>

#include <tempest/runtime/connection.hpp>

#include "support/database.hpp"

using namespace tempest;

namespace {
std::string connect_error(const std::string& url) {
  try {
    connection db(url);
  } catch (const connection_error& e) {
    return e.what();
  }
  FAIL("connected to " << url);
  return {};
}
}  // namespace

TEST_CASE("connection: an unreachable server is named by host and port, never by password") {
  // Port 1 on loopback: nothing listens there, so the refusal is immediate.
  auto pg = connect_error("postgresql://app:topsecret@127.0.0.1:1/shop");
  CHECK_THAT(pg, Catch::Contains("postgresql server at 127.0.0.1:1"));
  CHECK_THAT(pg, Catch::Contains("database shop"));
  CHECK(pg.find("topsecret") == std::string::npos);
  auto my = connect_error("mysql://app:topsecret@127.0.0.1:1/shop");
  CHECK_THAT(my, Catch::Contains("mysql server at 127.0.0.1:1"));
  CHECK(my.find("topsecret") == std::string::npos);
}

TEST_CASE("connection: a sqlite file that cannot be opened is named") {
  auto message = connect_error("sqlite:/nonexistent-dir/sub/app.db");
  CHECK_THAT(message, Catch::Contains("/nonexistent-dir/sub/app.db"));
}

TEST_CASE("connection: sqlite runs statements and counts them; errors carry the statement", "[sqlite]") {
  connection db(tempest_test::database_url("sqlite"));
  CHECK(db.kind() == dialect_kind::sqlite);
  db.execute("CREATE TABLE t (a INT, b TEXT)");
  db.execute("INSERT INTO t VALUES (1, 'x'), (2, NULL)");
  auto rows = db.query("SELECT a, b FROM t ORDER BY a");
  REQUIRE(rows.size() == 2);
  CHECK(rows[0] == result_row{"1", "x"});
  CHECK(rows[1] == result_row{"2", std::nullopt});
  CHECK(db.statements_executed() == 3);
  CHECK_THROWS_WITH(db.execute("SELEC nonsense"), Catch::Contains("statement: SELEC nonsense"));
  // Foreign keys are enforced on every tempest connection.
  CHECK(db.query("PRAGMA foreign_keys")[0][0] == "1");
}

TEST_CASE("connection: a refused mysql login does not echo the password", "[mysql]") {
  auto url = parse_database_url(tempest_test::database_url("mysql"));
  auto message = connect_error(fmt::format("mysql://{}:wrong-secret-42@{}:{}/{}", url.user.empty() ? "nobody" : url.user,
                                           url.host, url.port, url.database));
  CHECK_THAT(message, Catch::Contains(fmt::format("{}:{}", url.host, url.port)));
  CHECK(message.find("wrong-secret-42") == std::string::npos);
}

TEST_CASE("connection: postgresql and mysql sessions answer queries", "[postgresql][mysql]") {
  for (auto kind : {"postgresql", "mysql"}) {
    connection db(tempest_test::database_url(kind));
    CHECK(db.query("SELECT 40 + 2")[0][0] == "42");
  }
}

TEST_CASE("connection: a postgresql batch statement that repeats is prepared once, and goes with the connection",
          "[postgresql]") {
  connection owner(tempest_test::fresh_database("postgresql"));
  auto prepared = [&] {
    return owner.query("SELECT count(*) FROM pg_prepared_statements WHERE name LIKE 'tempest\\_%'").at(0).at(0);
  };
  static const std::vector<sql_value> none;
  const std::vector<sql_value> one{1LL}, two{2LL};
  const std::string insert = "INSERT INTO r (a) VALUES ($1)";
  {
    connection db(owner.session(), dialect_kind::postgresql);  // borrowed: given back as it came
    // The preparation fails (no table yet), and one skipped after an earlier failure: neither counts.
    CHECK_THROWS_AS(db.execute_batch({{.sql = insert, .parameters = &one, .repeats = true}}), detail::batch_error);
    CHECK_THROWS_AS(db.execute_batch({{"SELECT 1 / 0", &none}, {.sql = insert, .parameters = &one, .repeats = true}}), detail::batch_error);
    CHECK(prepared() == "0");
    db.execute("CREATE TABLE r (a INT PRIMARY KEY)");
    db.execute_batch({{"BEGIN", &none}, {.sql = insert, .parameters = &one, .repeats = true}, {"COMMIT", &none}});
    CHECK(prepared() == "1");
    try {  // a failure of the prepared statement itself leaves it prepared
      db.execute_batch({{"BEGIN", &none}, {.sql = insert, .parameters = &one, .repeats = true}, {"COMMIT", &none}});
      FAIL("the duplicate key was accepted");
    } catch (const detail::batch_error& e) {
      CHECK(e.index == 1);
      CHECK(e.statement() == insert);
    }
    db.execute("ROLLBACK");
    db.execute_batch({{"BEGIN", &none}, {.sql = insert, .parameters = &two, .repeats = true}, {"COMMIT", &none}});
    CHECK(prepared() == "1");
    CHECK(db.query("SELECT a FROM r ORDER BY a") == std::vector<result_row>{{"1"}, {"2"}});
  }
  CHECK(prepared() == "0");
}
