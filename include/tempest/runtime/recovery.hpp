#pragma once
// Telling whether an interrupted DDL statement took effect, on databases where each DDL statement
// commits by itself (MySQL/MariaDB). Every operation renders to one statement there, and each such
// statement is atomic, so after an interruption the object it touches is either as it was before
// the statement or as it is after it. The runner reads the live schema back and compares just
// that object — the rest of the table may hold what raw SQL made, which the IR does not know.

#include <optional>
#include <string>

#include <fmt/format.h>

#include "tempest/ops/operations.hpp"
#include "tempest/schema/schema.hpp"

namespace tempest {
namespace detail {

// The part of `s` that operation `o` changes, as a schema holding only that part; nothing for
// operations whose effect the schema does not show (data steps, raw SQL).
inline std::optional<schema> footprint(const operation& o, const schema& s) {
  schema out;
  auto piece = [&](const std::string& table_name, auto&& keep) {
    if (const table* t = s.find_table(table_name)) {
      table part{t->name, {}, {}, {}, {}, {}};
      keep(*t, part);
      out.tables.push_back(std::move(part));
    }
  };
  auto whole = [](const table& t, table& part) { part = t; };
  auto column_named = [](const std::string& name) {
    return [name](const table& t, table& part) {
      if (const column* c = t.find_column(name)) part.columns.push_back(*c);
    };
  };
  auto index_named = [](const std::string& name) {
    return [name](const table& t, table& part) {
      for (const auto& ix : t.indexes)
        if (ix.name == name) part.indexes.push_back(ix);
    };
  };
  auto foreign_key_named = [&](const std::string& name) {
    return [name, index_named](const table& t, table& part) {
      for (const auto& fk : t.foreign_keys)
        if (fk.name == name) part.foreign_keys.push_back(fk);
      index_named(name)(t, part);  // MySQL: the index InnoDB made for the key goes with it
    };
  };
  // An unnamed key gets its name from the server (MySQL: <table>_ibfk_<n>), which the plan does not
  // know: it is found by what it holds, and its name is left out of the comparison.
  auto foreign_key_like = [](const foreign_key_def& wanted) {
    return [wanted](const table& t, table& part) {
      for (const auto& fk : t.foreign_keys)
        if (fk.columns == wanted.columns && fk.referenced_table == wanted.referenced_table &&
            fk.referenced_columns == wanted.referenced_columns) {
          part.foreign_keys.push_back(fk);
          part.foreign_keys.back().name.clear();
        }
    };
  };
  auto check_named = [](const std::string& name) {
    return [name](const table& t, table& part) {
      for (const auto& ck : t.checks)
        if (ck.name == name) part.checks.push_back(ck);
    };
  };
  auto key_only = [](const table& t, table& part) { part.key = t.key; };
  bool shows = true;
  std::visit(
      [&](const auto& x) {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, op::create_table>) piece(x.definition.name, whole);
        else if constexpr (std::is_same_v<T, op::drop_table>) piece(x.name, whole);
        else if constexpr (std::is_same_v<T, op::rename_table>) {
          piece(x.from, whole);
          piece(x.to, whole);
        } else if constexpr (std::is_same_v<T, op::add_column>) piece(x.table_name, column_named(x.definition.name));
        else if constexpr (std::is_same_v<T, op::drop_column> || std::is_same_v<T, op::alter_column>)
          piece(x.table_name, column_named(x.name));
        else if constexpr (std::is_same_v<T, op::rename_column>) {
          piece(x.table_name, [&](const table& t, table& part) {
            column_named(x.from)(t, part);
            column_named(x.to)(t, part);
          });
        } else if constexpr (std::is_same_v<T, op::create_index>) piece(x.table_name, index_named(x.definition.name));
        else if constexpr (std::is_same_v<T, op::drop_index>) piece(x.table_name, index_named(x.name));
        else if constexpr (std::is_same_v<T, op::add_foreign_key>) {
          if (x.definition.name.empty()) piece(x.table_name, foreign_key_like(x.definition));
          else piece(x.table_name, foreign_key_named(x.definition.name));
        }
        else if constexpr (std::is_same_v<T, op::drop_foreign_key>) piece(x.table_name, foreign_key_named(x.name));
        else if constexpr (std::is_same_v<T, op::add_check>) piece(x.table_name, check_named(x.definition.name));
        else if constexpr (std::is_same_v<T, op::drop_check>) piece(x.table_name, check_named(x.name));
        else if constexpr (std::is_same_v<T, op::add_primary_key> || std::is_same_v<T, op::drop_primary_key>)
          piece(x.table_name, key_only);
        else if constexpr (std::is_same_v<T, op::rename_index>) {
          piece(x.table_name, [&](const table& t, table& part) {
            index_named(x.from)(t, part);
            index_named(x.to)(t, part);
          });
        } else if constexpr (std::is_same_v<T, op::rename_constraint>) {
          piece(x.table_name, [&](const table& t, table& part) {
            if (x.kind == op::constraint_kind::primary_key) return key_only(t, part);
            auto named = [&](const std::string& name) {
              if (x.kind == op::constraint_kind::foreign_key) foreign_key_named(name)(t, part);
              else check_named(name)(t, part);
            };
            named(x.from);
            named(x.to);
          });
        } else if constexpr (std::is_same_v<T, op::alter_table_options>) piece(x.table_name, whole);
        else shows = false;
      },
      o);
  if (!shows) return std::nullopt;
  return out;
}

}  // namespace detail

// Where an interrupted statement stands.
enum class statement_outcome : std::uint8_t {
  not_applied,  // the live schema is as it was before the statement: run it
  applied,      // as it is after: go on with the next one
  unknown,      // neither: a person has to look
};

struct statement_check {
  statement_outcome outcome = statement_outcome::unknown;
  std::string found, before, after;  // the touched part of the schema, for the message
};

// `live`, `before` and `after` in the database's stored form.
inline statement_check check_statement(const operation& o, const schema& live, const schema& before,
                                       const schema& after) {
  auto seen = detail::footprint(o, live);
  auto was = detail::footprint(o, before);
  auto will = detail::footprint(o, after);
  statement_check out;
  if (!seen) return out;
  out.found = fmt::format("{}", *seen);
  out.before = fmt::format("{}", *was);
  out.after = fmt::format("{}", *will);
  // Equal before and after (a change the database does not show): running it again is harmless.
  if (*seen == *was) out.outcome = statement_outcome::not_applied;
  else if (*seen == *will) out.outcome = statement_outcome::applied;
  return out;
}

}  // namespace tempest
