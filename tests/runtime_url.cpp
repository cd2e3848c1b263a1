#include <catch2/catch.hpp>

#include <chrono>
#include <random>

#include <tempest/runtime/connection.hpp>
#include <tempest/runtime/url.hpp>

using namespace tempest;

namespace {

using options_list = std::vector<std::pair<std::string, std::string>>;

std::string parse_error(std::string_view text) {
  try {
    parse_database_url(text);
  } catch (const connection_error& e) {
    return e.what();
  }
  FAIL("no error for " << text);
  return {};
}

}  // namespace

TEST_CASE("url: sqlite paths and memory") {
  CHECK(parse_database_url("sqlite:app.db").path == "app.db");
  CHECK(parse_database_url("sqlite:/var/lib/app.db").path == "/var/lib/app.db");
  CHECK(parse_database_url("sqlite:///var/lib/app.db").path == "/var/lib/app.db");
  CHECK(parse_database_url("sqlite://rel/app.db").path == "rel/app.db");
  CHECK(parse_database_url("sqlite::memory:").path == ":memory:");
  CHECK(parse_database_url("sqlite:my%20app.db").path == "my app.db");
  CHECK(parse_database_url("SQLite:a.db").kind == dialect_kind::sqlite);
  CHECK(parse_database_url("sqlite:q\" timeout=\"0.db").path == "q\" timeout=\"0.db");
  CHECK(parse_database_url("sqlite:/tmp/a=b 'c'#d.db").path == "/tmp/a=b 'c'#d.db");
  CHECK(parse_database_url("sqlite:what%3F%25%40.db").path == "what?%@.db");
  CHECK(parse_database_url("sqlite:/tmp/\xc3\xbcn\xc3\xaf.db").path == "/tmp/\xc3\xbcn\xc3\xaf.db");
  auto timed = parse_database_url("sqlite:/tmp/a.db?timeout=12");
  CHECK(timed.path == "/tmp/a.db");
  CHECK(timed.options == options_list{{"timeout", "12"}});
}

TEST_CASE("url: server URLs with credentials, ports and options") {
  auto pg = parse_database_url("postgresql://app:s%40cr%3At@db.example:6543/shop?sslmode=disable");
  CHECK(pg.kind == dialect_kind::postgresql);
  CHECK(pg.user == "app");
  CHECK(pg.password == "s@cr:t");
  CHECK(pg.host == "db.example");
  CHECK(pg.port == 6543);
  CHECK(pg.database == "shop");
  CHECK(pg.options == options_list{{"sslmode", "disable"}});
  CHECK(pg.option("sslmode") == "disable");
  CHECK(!pg.option("sslcert"));

  auto defaults = parse_database_url("postgres://localhost/db");
  CHECK(defaults.port == 5432);
  CHECK(defaults.user.empty());

  auto my = parse_database_url("mariadb://root@[::1]/test");
  CHECK(my.kind == dialect_kind::mysql);
  CHECK(my.host == "::1");
  CHECK(my.port == 3306);
  CHECK(my.user == "root");
  CHECK(my.password.empty());

  auto no_user = parse_database_url("mysql://:only%20pw@h:1/d");
  CHECK(no_user.user.empty());
  CHECK(no_user.password == "only pw");

  auto options = parse_database_url(
      "mysql://u@h/d?connect_timeout=5&read_timeout=60&write_timeout=60&sslca=%2Fetc%2Fca%26x.pem&sslcert=c&sslkey=k");
  CHECK(options.options == options_list{{"connect_timeout", "5"},
                                        {"read_timeout", "60"},
                                        {"write_timeout", "60"},
                                        {"sslca", "/etc/ca&x.pem"},
                                        {"sslcert", "c"},
                                        {"sslkey", "k"}});
}

TEST_CASE("url: every byte but NUL percent-decodes in user, password and database") {
  auto url = parse_database_url("postgresql://%E2%82%AC%20u%3A:%01%0A%27%22%5C%FF@h/%2Fdb%3F%23");
  CHECK(url.user == "\xe2\x82\xac u:");
  CHECK(url.password == "\x01\n'\"\\\xff");
  CHECK(url.database == "/db?#");
}

TEST_CASE("url: credentials run to the last @, the user name to the first :") {
  // Unencoded / ? # @ : in a password still read as a password.
  auto slash = parse_database_url("mysql://app:top/secret@host/db");
  CHECK(slash.user == "app");
  CHECK(slash.password == "top/secret");
  CHECK(slash.host == "host");
  CHECK(slash.database == "db");
  CHECK(parse_database_url("mysql://app:top?secret@host/db").password == "top?secret");
  CHECK(parse_database_url("mysql://app:t#o:p@s@host/db").password == "t#o:p@s");
  auto every = parse_database_url("postgresql://app:/?#@:'\" \\@h:7/d?sslmode=require");
  CHECK(every.password == "/?#@:'\" \\");
  CHECK(every.host == "h");
  CHECK(every.port == 7);
  CHECK(every.options == options_list{{"sslmode", "require"}});
}

TEST_CASE("url: redacted form never shows the password") {
  auto url = parse_database_url("mysql://app:hunter2@127.0.0.1:3306/shop");
  CHECK(url.redacted() == "mysql://app:***@127.0.0.1:3306/shop");
  CHECK(parse_database_url("postgres://u@[::1]/d").redacted() == "postgresql://u@[::1]:5432/d");
  CHECK(parse_database_url("postgres://:x@h/d").redacted() == "postgresql://:***@h:5432/d");
  CHECK(parse_database_url("mariadb://h/d").redacted() == "mysql://h:3306/d");
  CHECK(parse_database_url("sqlite:a%20b.db").redacted() == "sqlite:a b.db");
}

TEST_CASE("url: malformed URLs are described, not quoted") {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"ftp://x/y",
       "unknown database URL scheme \"ftp\": expected sqlite:, postgresql:// (postgres://) or mysql:// (mariadb://)"},
      {"just-a-path",
       "malformed database URL: it does not start with a scheme: expected sqlite:, postgresql:// (postgres://) or "
       "mysql:// (mariadb://)"},
      {"app:pw@host/db",
       "malformed database URL: it does not start with a known scheme: expected sqlite:, postgresql:// (postgres://) "
       "or mysql:// (mariadb://)"},
      {"sqlite:", "malformed sqlite URL: no file after sqlite:"},
      {"sqlite://u:pw@h/a.db",
       "malformed sqlite URL: a sqlite URL names a file and has no user or password; write an @ in a file name as %40"},
      {"postgresql:/host/db", "malformed postgresql URL: expected // after postgresql:"},
      {"postgresql://u:pw@host:99999/db", "malformed postgresql URL: the port is not a number from 1 to 65535"},
      {"mysql://u:pw@host:abc/db", "malformed mysql URL: the port is not a number from 1 to 65535"},
      {"mysql://u:pw@host:/db", "malformed mysql URL: the port is not a number from 1 to 65535"},
      {"mysql://u:pw@host:0/db", "malformed mysql URL: the port is not a number from 1 to 65535"},
      {"postgresql://u:pw@host:5432", "malformed postgresql URL: no database name after the host"},
      {"postgresql://u:pw@host/", "malformed postgresql URL: no database name after the host"},
      {"postgresql://u:pw@host/a/b", "malformed postgresql URL: the database name has a '/'; write it as %2F"},
      {"postgresql://u:pw@ho st/db",
       "malformed postgresql URL: the host is neither a name (letters, digits, . - _) nor an IPv6 address in [ ]"},
      {"postgresql://u:pw@[::1/db", "malformed postgresql URL: the IPv6 host has no closing ]"},
      {"postgresql://u:pw@[::1]x/db", "malformed postgresql URL: unexpected text after the IPv6 host"},
      {"postgresql://u:pw@[x]/db", "malformed postgresql URL: the text in [ ] is not an IPv6 address"},
      {"postgresql://u:p%zz@host/db",
       "malformed postgresql URL: bad percent escape in the password (a % must be followed by two hex digits; write "
       "% as %25)"},
      {"postgresql://u:p%2@host/db",
       "malformed postgresql URL: bad percent escape in the password (a % must be followed by two hex digits; write "
       "% as %25)"},
      {"postgresql://u:p%00w@host/db",
       "malformed postgresql URL: the password contains %00, a NUL byte, which cannot be passed to a database"},
      {"mysql://u%00@host/db",
       "malformed mysql URL: the user name contains %00, a NUL byte, which cannot be passed to a database"},
      {"mysql://u@host/d%00b",
       "malformed mysql URL: the database name contains %00, a NUL byte, which cannot be passed to a database"},
      {std::string_view("mysql://u:p\0w@host/db", 22), "malformed database URL: it contains a NUL byte"},
  };
  for (const auto& [url, message] : cases) CHECK(parse_error(url) == message);
}

TEST_CASE("url: options are checked against the list each database accepts") {
  const std::pair<std::string_view, std::string_view> cases[] = {
      {"postgresql://h/d?sslmode=disable&bogus=secret",
       "malformed postgresql URL: unknown option \"bogus\"; postgresql accepts application_name, connect_timeout, "
       "sslcert, sslcrl, sslkey, sslmode, sslrootcert, target_session_attrs"},
      {"mysql://h/d?reconnect=1",
       "malformed mysql URL: unknown option \"reconnect\"; mysql accepts connect_timeout, read_timeout, sslca, "
       "sslcert, sslkey, write_timeout"},
      {"mysql://h/d?charset=latin1",
       "malformed mysql URL: unknown option \"charset\"; mysql accepts connect_timeout, read_timeout, sslca, "
       "sslcert, sslkey, write_timeout"},
      {"sqlite:a.db?vfs=unix", "malformed sqlite URL: unknown option \"vfs\"; sqlite accepts timeout"},
      {"sqlite:a.db?we%20ird=1", "malformed sqlite URL: an option name that is none of those sqlite accepts (timeout)"},
      {"postgresql://h/d?sslmode", "malformed postgresql URL: option sslmode has no value (write sslmode=...)"},
      {"postgresql://h/d?sslmode=a&sslmode=b", "malformed postgresql URL: option sslmode is given twice"},
      {"postgresql://h/d?", "malformed postgresql URL: an empty option (nothing after a ? or an &)"},
      {"postgresql://h/d?sslmode=a&", "malformed postgresql URL: an empty option (nothing after a ? or an &)"},
      {"postgresql://h/d?connect_timeout=soon",
       "malformed postgresql URL: option connect_timeout takes a whole number of seconds from 1 to 86400"},
      {"mysql://h/d?read_timeout=0",
       "malformed mysql URL: option read_timeout takes a whole number of seconds from 1 to 86400"},
      {"sqlite:a.db?timeout=86401",
       "malformed sqlite URL: option timeout takes a whole number of seconds from 1 to 86400"},
      {"postgresql://h/d?sslcert=%zz",
       "malformed postgresql URL: bad percent escape in the value of option sslcert (a % must be followed by two hex "
       "digits; write % as %25)"},
      {"mysql://h/d?sslcert=c.pem",
       "malformed mysql URL: options sslcert and sslkey take effect only together with sslca"},
  };
  for (const auto& [url, message] : cases) CHECK(parse_error(url) == message);
}

// The property behind "no message shows a password": URLs with passwords drawn from a hostile
// alphabet, percent-encoded (well formed) or raw (malformed), under every scheme and a few broken
// shapes. Every message the URL produces (a parse error, the redacted form, and for every server URL
// that parses with port 1, the refusal from that closed loopback port) is checked for pieces of its
// password. A piece is
//   (a) any single byte no message has of its own: a non-ASCII byte, a control byte other than tab
//       and newline, '#' or '\'. Only passwords hold them (user, host and database here are plain),
//       so one of them in a message is a leak, however short;
//   (b) any run of 5 or more bytes of the password. Shorter runs of ASCII occur in messages by chance
//       ("con", "127", "' ("); with 88 symbols a given 5-byte run appears at a given place with
//       probability 88^-5 = 2e-10, so over every window of every message here a chance match is
//       below 1%, while a leaked password of 5 bytes or more is always caught.
namespace {

const std::vector<std::string>& hostile_alphabet() {
  static const std::vector<std::string> symbols = [] {
    std::vector<std::string> s = {"/",  "?",  "#",  "@",  ":",    "%",    "'",    "\"",   "\\", " ",
                                  "&",  "=",  "+",  "[",  "]",    ";",    "\t",   "\n",   "\r", "\x01",
                                  "\x1b", "\x7f", std::string(1, '\0'),
                                  "\xc3\xa9", "\xc3\x9f", "\xe6\x97\xa5", "\xf0\x9f\x94\x91"};  // é ß 日 🔑
    for (char c = 'a'; c <= 'z'; ++c) s.emplace_back(1, c);
    for (char c = 'A'; c <= 'Z'; ++c) s.emplace_back(1, c);
    for (char c = '0'; c <= '9'; ++c) s.emplace_back(1, c);
    return s;
  }();
  return symbols;
}

bool is_marker(unsigned char byte) {
  return byte >= 0x80 || (byte < 0x20 && byte != '\t' && byte != '\n') || byte == 0x7f || byte == '#' || byte == '\\';
}

// The test's own encoder: every byte but ASCII letters and digits as %XX, in either case.
std::string encode(std::string_view text, bool lower_hex) {
  std::string out;
  for (unsigned char c : text) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
      out += static_cast<char>(c);
    else
      out += lower_hex ? fmt::format("%{:02x}", c) : fmt::format("%{:02X}", c);
  }
  return out;
}

// Why `message` shows a piece of `password`, or nothing.
std::optional<std::string> leak(std::string_view message, std::string_view password) {
  for (unsigned char byte : message)
    if (is_marker(byte)) return fmt::format("byte {:#04x}", byte);
  for (std::size_t i = 0; i + 5 <= password.size(); ++i)
    if (message.find(password.substr(i, 5)) != std::string_view::npos)
      return fmt::format("run {:?}", std::string(password.substr(i, 5)));
  return std::nullopt;
}

struct url_shape {
  std::string_view text;
  bool valid;  // part of a URL the grammar accepts
  bool postgresql_only = false;
};

enum class expect { parses, fails, either };

}  // namespace

TEST_CASE("url: no message from 12,000 hostile URLs shows a piece of the password") {
  static constexpr url_shape prefixes[] = {
      {"postgresql://", true}, {"postgres://", true}, {"mysql://", true},     {"mariadb://", true},
      {"MySQL://", true},      {"sqlite://", false},  {"sqlite:", false},     {"sqlite:///", false},
      {"http://", false},      {"", false},           {"postgresql:/", false}, {"mysql:", false},
      {"//", false}};
  static constexpr url_shape users[] = {{"app:", true}, {"app:", true}, {":", true}};
  static constexpr url_shape hosts[] = {
      {"127.0.0.1:1", true}, {"[::1]:1", true}, {"127.0.0.1", true}, {"127.0.0.1:x1", false}, {"127.0.0.1:", false}};
  static constexpr url_shape paths[] = {{"/shop", true},
                                        {"/shop?connect_timeout=1", true},
                                        {"/shop?sslmode=disable", true, true},
                                        {"", false},
                                        {"/shop?bogus=1", false},
                                        {"/sh%zzop", false}};
  const auto& alphabet = hostile_alphabet();
  std::mt19937 rng(20240611);
  auto pick = [&](const auto& range) -> const auto& { return range[rng() % std::size(range)]; };
  // Half the URLs have every part well shaped, so that many of them parse and reach a driver.
  auto pick_shape = [&](const auto& shapes, bool well_shaped) -> const url_shape& {
    for (;;)
      if (const url_shape& shape = pick(shapes); shape.valid || !well_shaped) return shape;
  };

  constexpr int url_count = 12'000;
  int parsed = 0, refused = 0, connect_attempts = 0;
  std::vector<std::string> failures;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < url_count; ++i) {
    std::string password;
    for (auto length = 1 + rng() % 16; length > 0; --length) password += pick(alphabet);
    const bool encoded = rng() % 2 == 0;
    const bool well_shaped = rng() % 2 == 0;
    const auto& prefix = pick_shape(prefixes, well_shaped);
    const auto& user = pick_shape(users, well_shaped);
    const auto& host = pick_shape(hosts, well_shaped);
    const auto& path = pick_shape(paths, well_shaped);
    const std::string text = fmt::format("{}{}{}@{}{}", prefix.text, user.text,
                                         encoded ? encode(password, rng() % 2 == 0) : password, host.text, path.text);

    const bool has_nul = password.find('\0') != std::string::npos;
    const bool postgresql = prefix.text.starts_with("postgres");
    expect expected = expect::fails;
    if (prefix.valid && host.valid && path.valid && (!path.postgresql_only || postgresql) && !has_nul)
      expected = encoded || password.find('%') == std::string::npos ? expect::parses : expect::either;

    std::vector<std::string> messages;
    try {
      const auto url = parse_database_url(text);
      ++parsed;
      if (expected == expect::fails) failures.push_back(fmt::format("parsed: {:?}", text));
      if (expected == expect::parses && url.password != password)
        failures.push_back(fmt::format("password of {:?} read as {:?}", text, url.password));
      messages.push_back(url.redacted());
      if (url.port == 1) {
        ++connect_attempts;
        try {
          connection db(url);
          failures.push_back(fmt::format("connected: {:?}", text));
        } catch (const connection_error& e) {
          ++refused;
          messages.push_back(e.what());
        }
      }
    } catch (const connection_error& e) {
      if (expected == expect::parses) failures.push_back(fmt::format("refused {:?}: {}", text, e.what()));
      messages.push_back(e.what());
    } catch (const std::exception& e) {
      failures.push_back(fmt::format("{:?} threw a non-connection_error: {:?}", text, e.what()));
    }
    for (const auto& message : messages)
      if (auto why = leak(message, password))
        failures.push_back(fmt::format("{} of {:?} in {:?}", *why, text, message));
  }
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  INFO(fmt::format("{} URLs, {} parsed, {} connections refused, {:.2f} s", url_count, parsed, refused, seconds));
  INFO(failures.size() << " failures, the first 20 shown");
  failures.resize(std::min<std::size_t>(failures.size(), 20));
  CHECK(failures == std::vector<std::string>{});
  CHECK(refused == connect_attempts);
  CHECK(connect_attempts >= 500);
  CHECK(parsed >= 3'000);
}
