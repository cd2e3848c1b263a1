#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <random>

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

std::string unique_suffix() {
  static std::mt19937_64 rng{std::random_device{}()};
  return fmt::format("{:012x}", rng() & 0xffffffffffff);
}

// A new empty directory, removed with everything in it when the test ends.
struct scratch_directory {
  std::filesystem::path path =
      std::filesystem::temp_directory_path() / fmt::format("tempest_url_{}", unique_suffix());
  scratch_directory() { std::filesystem::create_directory(path); }
  ~scratch_directory() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  std::vector<std::string> entries() const {
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(path))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
};

}  // namespace

TEST_CASE("open_session sqlite: a path with quotes, spaces, = ? % and unicode opens exactly that file", "[sqlite]") {
  scratch_directory dir;
  struct case_ {
    std::string url_path;   // as written after the directory in the URL
    std::string file_name;  // what must appear on disk
  };
  const case_ cases[] = {
      {"q\"%20timeout=\"0.db", "q\" timeout=\"0.db"},
      {"with space.db", "with space.db"},
      {"a=b;c='d'.db", "a=b;c='d'.db"},
      {"what%3F.db", "what?.db"},
      {"100%25.db", "100%.db"},
      {"%40home.db", "@home.db"},
      {"\xc3\xbcnic\xc3\xb8" "de \xe6\x97\xa5.db", "\xc3\xbcnic\xc3\xb8" "de \xe6\x97\xa5.db"},
      {"db=x.db", "db=x.db"},
  };
  for (const auto& c : cases) {
    {
      connection db("sqlite:" + dir.path.string() + "/" + c.url_path);
      db.execute("CREATE TABLE t (a INT)");
      // The default busy timeout, not one read out of the path.
      CHECK(db.query("PRAGMA busy_timeout")[0][0] == "5000");
    }
    CHECK(dir.entries() == std::vector<std::string>{c.file_name});
    std::filesystem::remove(dir.path / c.file_name);
  }
}

TEST_CASE("open_session sqlite: a relative path starting with file: is a file name, not a URI", "[sqlite]") {
  scratch_directory dir;
  const auto previous = std::filesystem::current_path();
  std::filesystem::current_path(dir.path);
  try {
    connection db("sqlite:file:x.db%3Fmode=memory");
    db.execute("CREATE TABLE t (a INT)");
  } catch (...) {
    std::filesystem::current_path(previous);
    throw;
  }
  std::filesystem::current_path(previous);
  CHECK(dir.entries() == std::vector<std::string>{"file:x.db?mode=memory"});
}

TEST_CASE("open_session sqlite: ?timeout= sets the busy timeout in seconds; :memory: is in memory", "[sqlite]") {
  scratch_directory dir;
  {
    connection db("sqlite:" + dir.path.string() + "/a.db?timeout=2");
    CHECK(db.query("PRAGMA busy_timeout")[0][0] == "2000");
  }
  CHECK(dir.entries() == std::vector<std::string>{"a.db"});
  connection memory("sqlite::memory:");
  CHECK(memory.query("PRAGMA busy_timeout")[0][0] == "5000");
  CHECK(memory.query("PRAGMA database_list")[0][2] == "");  // no file behind main
  CHECK(memory.query("PRAGMA foreign_keys")[0][0] == "1");
}

TEST_CASE("open_session sqlite: a file that cannot be opened is named with SQLite's reason") {
  CHECK(connect_error("sqlite:/nonexistent-dir/sub/app.db") ==
        "cannot connect to the sqlite file /nonexistent-dir/sub/app.db: unable to open database file");
}

TEST_CASE("open_session: the URLs of the issue never show their passwords") {
  // As written in the issue: parsed, or refused, without a piece of the password.
  struct example {
    std::string_view url;
    std::vector<std::string_view> pieces;
  };
  const example examples[] = {
      {"mysql://app:top/secret@host/db", {"top", "secret"}},
      {"mysql://app:top?secret@host/db", {"top", "secret"}},
      {"mysql://app:p@ss@host:x", {"p@ss", "ss@"}},
      {"app:top/secret@host/db", {"top", "secret"}},
      {"app:top?secret@host/db", {"top", "secret"}},
      {"app:p@ss@host:x", {"p@ss", "ss@"}},
      {"postgresql:/app:top/secret@host/db", {"top", "secret"}},
      {"postgresql:/app:top?secret@host/db", {"top", "secret"}},
      {"postgresql:/app:p@ss@host:x", {"p@ss", "ss@"}},
      {"http://app:top/secret@host/db", {"top", "secret"}},
      {"http://app:top?secret@host/db", {"top", "secret"}},
      {"http://app:p@ss@host:x", {"p@ss", "ss@"}},
  };
  for (const auto& [url, pieces] : examples) {
    std::string message;
    try {
      message = parse_database_url(url).redacted();
    } catch (const connection_error& e) {
      message = e.what();
    }
    INFO(url << " -> " << message);
    for (auto piece : pieces) CHECK(message.find(piece) == std::string::npos);
  }
  CHECK(parse_database_url("mysql://app:top/secret@host/db").password == "top/secret");
  CHECK(parse_database_url("mysql://app:top?secret@host/db").password == "top?secret");

  // The same passwords, refused by a closed loopback port.
  for (std::string_view scheme : {"mysql", "postgresql"}) {
    for (std::string_view password : {"top/secret", "top?secret", "p@ss"}) {
      auto message = connect_error(fmt::format("{}://app:{}@127.0.0.1:1/db", scheme, password));
      INFO(message);
      CHECK_THAT(message, Catch::StartsWith(fmt::format("cannot connect to the {} server at 127.0.0.1:1 (database db, "
                                                        "user app): ", scheme)));
      for (std::string_view piece : {"top", "secret", "p@ss", "ss@"}) CHECK(message.find(piece) == std::string::npos);
    }
  }
}

TEST_CASE("open_session: a one-letter password leaves the driver's message whole") {
  CHECK(connect_error("postgresql://app:a@127.0.0.1:1/shop") ==
        "cannot connect to the postgresql server at 127.0.0.1:1 (database shop, user app): connection to server at "
        "\"127.0.0.1\", port 1 failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP "
        "connections?");
  // MariaDB's client ends with an errno: 111 (refused), or 115 (in progress) when its connect timeout
  // made the socket non-blocking.
  CHECK_THAT(connect_error("mysql://app:a@127.0.0.1:1/shop"),
             Catch::StartsWith("cannot connect to the mysql server at 127.0.0.1:1 (database shop, user app): Can't "
                               "connect to server on '127.0.0.1' ("));
}

namespace {

// Every printable ASCII byte that is not a letter or digit, a space, and a UTF-8 letter.
constexpr std::string_view awkward_password = " !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~aZ09\xc3\xa9";
// The same, percent-encoded by hand.
constexpr std::string_view awkward_password_encoded =
    "%20%21%22%23%24%25%26%27%28%29%2A%2B%2C-.%2F%3A%3B%3C%3D%3E%3F%40%5B%5C%5D%5E_%60%7B%7C%7D~aZ09%C3%A9";
// A login and a database name with awkward bytes too, and the suffix that makes them unique, as
// written in a URL: "tempest u'@:/ é <suffix>" and "tempest d\"'?#% é <suffix>".
constexpr std::string_view awkward_user_encoded = "tempest%20u%27%40%3A%2F%20%C3%A9%20";
constexpr std::string_view awkward_database_encoded = "tempest%20d%22%27%3F%23%25%20%C3%A9%20";

struct awkward_login {
  std::vector<std::string> create;  // the login and the database, in the server's own quoting
  std::vector<std::string> drop;
  std::string who_and_where;        // a query for the session's user and database
  std::vector<std::string> expected;
  std::string refusal;              // in the message for a wrong password
};

// Creates the login and database, connects through a percent-encoded URL and checks where the
// session is; then a wrong password must be refused, naming the server but not the password.
void connect_with_awkward_login(std::string_view kind, const std::string& suffix, const awkward_login& login) {
  const auto admin_url = parse_database_url(tempest_test::database_url(kind));
  connection admin(admin_url);
  struct drop_at_exit {
    connection& admin;
    const std::vector<std::string>& statements;
    ~drop_at_exit() {
      for (const auto& statement : statements) {
        try {
          admin.execute(statement);
        } catch (const std::exception& e) {
          WARN("cleanup failed: " << e.what());
        }
      }
    }
  } drop{admin, login.drop};
  for (const auto& statement : login.create) admin.execute(statement);

  auto url = [&](std::string_view password) {
    return fmt::format("{}://{}{}:{}@{}/{}{}", kind, awkward_user_encoded, suffix, password,
                       admin_url.host_and_port(), awkward_database_encoded, suffix);
  };
  {
    connection db(url(awkward_password_encoded));
    const auto row = db.query(login.who_and_where)[0];
    CHECK(row == result_row(login.expected.begin(), login.expected.end()));
  }
  const std::string refused = connect_error(url(std::string(awkward_password_encoded) + "x"));
  CHECK_THAT(refused, Catch::Contains("server at " + admin_url.host_and_port()) && Catch::Contains(login.refusal));
  CHECK(refused.find(awkward_password) == std::string::npos);
  CHECK(refused.find("aZ09") == std::string::npos);
}

}  // namespace

TEST_CASE("open_session postgresql: a role with every awkward byte in its password and name connects", "[postgresql]") {
  const std::string suffix = unique_suffix();
  connect_with_awkward_login(
      "postgresql", suffix,
      {.create = {fmt::format("CREATE ROLE \"tempest u'@:/ \xc3\xa9 {}\" LOGIN PASSWORD "
                              "' !\"#$%&''()*+,-./:;<=>?@[\\]^_`{{|}}~aZ09\xc3\xa9'",
                              suffix),
                  fmt::format("CREATE DATABASE \"tempest d\"\"'?#% \xc3\xa9 {}\"", suffix)},
       .drop = {fmt::format("DROP DATABASE IF EXISTS \"tempest d\"\"'?#% \xc3\xa9 {}\" WITH (FORCE)", suffix),
                fmt::format("DROP ROLE IF EXISTS \"tempest u'@:/ \xc3\xa9 {}\"", suffix)},
       .who_and_where = "SELECT current_user, current_database()",
       .expected = {"tempest u'@:/ \xc3\xa9 " + suffix, "tempest d\"'?#% \xc3\xa9 " + suffix},
       .refusal = "password authentication failed"});
}

TEST_CASE("open_session mysql: a user with every awkward byte in its password and name connects", "[mysql]") {
  // MariaDB user names are at most 80 characters, database names 64; neither may end in a space.
  const std::string suffix = unique_suffix();
  connect_with_awkward_login(
      "mysql", suffix,
      {.create = {fmt::format("CREATE USER 'tempest u\\'@:/ \xc3\xa9 {}'@'%' IDENTIFIED BY "
                              "' !\"#$%&\\'()*+,-./:;<=>?@[\\\\]^_`{{|}}~aZ09\xc3\xa9'",
                              suffix),
                  fmt::format("CREATE DATABASE `tempest d\"'?#% \xc3\xa9 {}`", suffix),
                  fmt::format("GRANT SELECT ON `tempest d\"'?#% \xc3\xa9 {}`.* TO 'tempest u\\'@:/ \xc3\xa9 {}'@'%'",
                              suffix, suffix)},
       .drop = {fmt::format("DROP USER IF EXISTS 'tempest u\\'@:/ \xc3\xa9 {}'@'%'", suffix),
                fmt::format("DROP DATABASE IF EXISTS `tempest d\"'?#% \xc3\xa9 {}`", suffix)},
       .who_and_where = "SELECT CURRENT_USER(), DATABASE()",
       .expected = {"tempest u'@:/ \xc3\xa9 " + suffix + "@%", "tempest d\"'?#% \xc3\xa9 " + suffix},
       .refusal = "Access denied"});
}
