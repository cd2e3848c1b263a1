#pragma once
// Runs the example migrate tool (examples/blog_migrate.cpp, its path given by the build as
// TEMPEST_BLOG_MIGRATE) as a subprocess: stdout and stderr apart, the exit code, the environment
// controlled (TEMPEST_DATABASE_URL and NO_COLOR removed unless a test sets them).

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

extern char** environ;

namespace tempest_test {

struct tool_result {
  int code = -1;
  std::string out;
  std::string err;

  nlohmann::json json() const {
    INFO("stdout: " << out << "\nstderr: " << err);
    REQUIRE(nlohmann::json::accept(out));
    return nlohmann::json::parse(out);
  }
};

namespace detail {

inline std::string temp_path() {
  char name[] = "/tmp/tempest-cli-XXXXXX";
  int fd = ::mkstemp(name);
  REQUIRE(fd >= 0);
  ::close(fd);
  return name;
}

inline std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  std::remove(path.c_str());
  return text.str();
}

}  // namespace detail

// Runs the tool with `args`; `env` adds variables (NAME=value) to a copy of this process's
// environment, from which TEMPEST_DATABASE_URL and NO_COLOR are removed.
inline tool_result run_tool(const std::vector<std::string>& args, const std::vector<std::string>& env = {}) {
  std::vector<std::string> environment;
  for (char** e = environ; *e; ++e) {
    std::string_view v = *e;
    if (!v.starts_with("TEMPEST_DATABASE_URL=") && !v.starts_with("NO_COLOR=")) environment.emplace_back(v);
  }
  environment.insert(environment.end(), env.begin(), env.end());
  std::vector<char*> envp;
  for (auto& e : environment) envp.push_back(e.data());
  envp.push_back(nullptr);

  std::vector<std::string> argv_text{TEMPEST_BLOG_MIGRATE};
  argv_text.insert(argv_text.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_text) argv.push_back(a.data());
  argv.push_back(nullptr);

  const std::string out_path = detail::temp_path(), err_path = detail::temp_path();
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out_path.c_str(), O_WRONLY | O_TRUNC, 0600);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err_path.c_str(), O_WRONLY | O_TRUNC, 0600);
  pid_t pid = 0;
  const int spawned = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), envp.data());
  posix_spawn_file_actions_destroy(&actions);
  REQUIRE(spawned == 0);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) REQUIRE(errno == EINTR);
  tool_result result;
  result.code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  result.out = detail::slurp(out_path);
  result.err = detail::slurp(err_path);
  return result;
}

}  // namespace tempest_test

#include <set>

#include <tempest/migrations.hpp>

namespace tempest_test {

// The tables of the database at `url`, as introspection reads them.
inline std::set<std::string> tables_of(const std::string& url) {
  tempest::connection db(url);
  std::set<std::string> out;
  for (const auto& t : tempest::introspect(db).tables) out.insert(t.name);
  return out;
}

inline std::vector<std::string> columns_of(const std::string& url, const std::string& table) {
  tempest::connection db(url);
  auto s = tempest::introspect(db);
  const auto* t = s.find_table(table);
  REQUIRE(t);
  std::vector<std::string> out;
  for (const auto& c : t->columns) out.push_back(c.name);
  return out;
}

// Runs SQL by hand, as a person fixing or breaking the database would.
inline void execute_sql(const std::string& url, const std::string& sql) {
  tempest::connection db(url);
  db.execute(sql);
}

}  // namespace tempest_test

// One test case per database, each with the tags that give it its ctest labels.
#define TEMPEST_CLI_ON_EACH_DATABASE(name, scenario)                                 \
  TEST_CASE(name " (SQLite)", "[cli][sqlite]") { scenario("sqlite"); }              \
  TEST_CASE(name " (PostgreSQL)", "[cli][postgresql]") { scenario("postgresql"); }  \
  TEST_CASE(name " (MySQL)", "[cli][mysql]") { scenario("mysql"); }
