#pragma once
// Session settings around a run.
//
// A raw SQL step may change the session (`SET search_path`, `SET foreign_key_checks = 0`, `USE`);
// left alone, that change would reach every later migration of the run, so the same history would
// give different databases depending on how it was batched, and a borrowed session would go back to
// the application changed. So the settings a raw step changes last for that step: the runner takes
// note of them before the first raw step and puts back any that a step changed.
//
// And on MySQL/MariaDB the runner's own writes need one mode off: EMPTY_STRING_IS_NULL turns '' —
// also a bound one — into NULL. It is off for the run and back on afterwards.

#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "tempest/runtime/connection.hpp"

namespace tempest {

class session_settings {
 public:
  explicit session_settings(connection& db) : db_(db) {}

  // A new run: the settings are taken afresh before its first raw step.
  void forget() {
    remembered_ = false;
    values_.clear();
  }

  // Before a raw step: the settings as they are, taken once per run.
  void remember() {
    if (!remembered_ && db_.kind() != dialect_kind::sqlite) {
      values_ = read();
      remembered_ = true;
    }
  }

  // After a raw step: puts back what it changed; `changed` is told each setting's name.
  void restore(const std::function<void(const std::string&)>& changed) {
    if (!remembered_) return;
    auto now = read();
    std::vector<std::pair<std::string, std::string>> back;
    for (const auto& [name, value] : values_)
      if (auto it = now.find(name); it != now.end() && it->second != value) back.emplace_back(name, value);
    if (back.empty()) return;
    for (const auto& [name, value] : back) {
      changed(name);
      if (db_.kind() == dialect_kind::postgresql)
        db_.query("SELECT set_config($1, $2, false)", {name, value});
      else if (name == "database")
        db_.execute(fmt::format("USE {}", db_.sql_dialect().quote(value)));
      else if (!value.empty() && value.find_first_not_of("0123456789") == std::string::npos)
        db_.query(fmt::format("SET SESSION {} = ?", name), {std::stoll(value)});  // switches take numbers
      else
        db_.query(fmt::format("SET SESSION {} = ?", name), {value});
    }
  }

 private:
  std::map<std::string, std::string> read() {
    std::map<std::string, std::string> out;
    if (db_.kind() == dialect_kind::postgresql) {
      // What SET can change for a session; transaction_* are per transaction, not per session. (No
      // backslash in the text: with standard_conforming_strings off it would draw a warning.)
      for (auto& row : db_.query("SELECT name, current_setting(name) FROM pg_settings WHERE context IN ('user', "
                                 "'superuser') AND left(name, 12) <> 'transaction_'"))
        out.emplace(row[0].value_or(""), row[1].value_or(""));
      return out;
    }
    static const std::vector<std::string> names{"sql_mode",          "foreign_key_checks",   "unique_checks",
                                                "autocommit",        "time_zone",            "character_set_client",
                                                "character_set_results", "character_set_connection",
                                                "collation_connection"};
    std::string columns;
    for (const auto& name : names) columns += fmt::format("@@SESSION.{}, ", name);
    auto row = db_.query(fmt::format("SELECT {}DATABASE()", columns)).at(0);
    for (std::size_t i = 0; i < names.size(); ++i) out.emplace(names[i], row[i].value_or(""));
    if (row.back()) out.emplace("database", *row.back());
    return out;
  }

  connection& db_;
  bool remembered_ = false;
  std::map<std::string, std::string> values_;
};

// MySQL/MariaDB: while this lives, the session's sql_mode without the flags `drop` picks, when it
// has `flag`; the mode is put back afterwards.
class mysql_sql_mode_without {
 public:
  mysql_sql_mode_without(connection& db, std::string_view flag, const std::function<bool(std::string_view)>& drop)
      : db_(db) {
    if (db_.kind() != dialect_kind::mysql) return;
    mode_ = db_.query("SELECT @@SESSION.sql_mode").at(0).at(0).value_or("");
    std::string without;
    bool found = false;
    for (std::size_t start = 0; start <= mode_.size();) {
      auto end = std::min(mode_.find(',', start), mode_.size());
      auto name = std::string_view(mode_).substr(start, end - start);
      found = found || name == flag;
      if (!name.empty() && !drop(name)) without += (without.empty() ? "" : ",") + std::string(name);
      start = end + 1;
    }
    if (!found) return;
    db_.query("SET SESSION sql_mode = ?", {without});
    changed_ = true;
  }
  ~mysql_sql_mode_without() {
    if (!changed_) return;
    try {
      db_.query("SET SESSION sql_mode = ?", {mode_});
    } catch (...) {  // the session is the application's to handle from here
    }
  }
  mysql_sql_mode_without(const mysql_sql_mode_without&) = delete;
  mysql_sql_mode_without& operator=(const mysql_sql_mode_without&) = delete;

 private:
  connection& db_;
  std::string mode_;
  bool changed_ = false;
};

// MySQL/MariaDB: EMPTY_STRING_IS_NULL off for as long as this lives.
class mysql_empty_strings_kept : mysql_sql_mode_without {
 public:
  explicit mysql_empty_strings_kept(connection& db)
      : mysql_sql_mode_without(db, "EMPTY_STRING_IS_NULL", [](std::string_view f) { return f == "EMPTY_STRING_IS_NULL"; }) {}
};

}  // namespace tempest
