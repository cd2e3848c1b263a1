#pragma once
// The databases a benchmark runs on: SQLite on a file in a temporary directory, and the servers
// scripts/bench starts (TEMPEST_TEST_POSTGRESQL_URL, TEMPEST_TEST_MYSQL_URL). A server whose URL is
// unset is skipped, and says so on stderr; one that cannot be reached fails its measurement, which
// says why on stderr and prints no figure (bench::measurements).

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include <tempest/migrations.hpp>

namespace bench {

struct database_target {
  std::string name;  // sqlite, postgresql, mysql: the suffix of the result names
  tempest::dialect_kind kind;
  std::string server_url;  // empty for SQLite
};

// SQLite, then each server whose URL is set; `only` (names) narrows the list when not empty.
inline std::vector<database_target> database_targets(const char* benchmark, const std::vector<std::string>& only = {}) {
  auto wanted = [&](const std::string& name) {
    return only.empty() || std::find(only.begin(), only.end(), name) != only.end();
  };
  std::vector<database_target> out;
  if (wanted("sqlite")) out.push_back({"sqlite", tempest::dialect_kind::sqlite, ""});
  struct server {
    const char* name;
    tempest::dialect_kind kind;
    const char* variable;
  };
  for (const server& s : {server{"postgresql", tempest::dialect_kind::postgresql, "TEMPEST_TEST_POSTGRESQL_URL"},
                          server{"mysql", tempest::dialect_kind::mysql, "TEMPEST_TEST_MYSQL_URL"}}) {
    if (!wanted(s.name)) continue;
    const char* url = std::getenv(s.variable);
    if (url && *url) out.push_back({s.name, s.kind, url});
    else std::fprintf(stderr, "%s: %s unset, %s skipped\n", benchmark, s.variable, s.name);
  }
  return out;
}

// New, empty databases of a target, one after the other: fresh() removes the previous one, and the
// destructor the last.
class scratch {
 public:
  explicit scratch(database_target target) : target_(std::move(target)) {}
  ~scratch() {
    try {
      drop_previous();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "could not drop %s: %s\n", name_.c_str(), e.what());
    }
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  scratch(const scratch&) = delete;
  scratch& operator=(const scratch&) = delete;

  // The URL of a new, empty database.
  std::string fresh() {
    drop_previous();
    std::string name = fmt::format("tempest_bench_{}_{}", ::getpid(), ++counter_);
    if (target_.server_url.empty()) {
      if (dir_.empty()) {
        dir_ = std::filesystem::temp_directory_path() / name;
        std::filesystem::create_directories(dir_);
      }
      name_ = std::move(name);
      return "sqlite:" + (dir_ / (name_ + ".db")).string();
    }
    tempest::connection(target_.server_url).execute("CREATE DATABASE " + name);
    name_ = std::move(name);
    auto slash = target_.server_url.rfind('/', target_.server_url.find('?'));
    auto options = target_.server_url.find('?');
    return target_.server_url.substr(0, slash + 1) + name_ +
           (options == std::string::npos ? "" : target_.server_url.substr(options));
  }

 private:
  void drop_previous() {
    if (name_.empty()) return;
    if (target_.server_url.empty()) {
      std::filesystem::remove(dir_ / (name_ + ".db"));
    } else {
      const bool postgresql = target_.kind == tempest::dialect_kind::postgresql;
      tempest::connection(target_.server_url)
          .execute(fmt::format("DROP DATABASE IF EXISTS {}{}", name_, postgresql ? " WITH (FORCE)" : ""));
    }
    name_.clear();
  }

  database_target target_;
  std::filesystem::path dir_;
  std::string name_;
  static inline int counter_ = 0;
};

}  // namespace bench
