#pragma once
// The canonical text of operations, and the checksum of a migration computed over it.
//
// The text is a compact, unambiguous encoding written straight into one string (strings carry their
// length, every field is written in a fixed order), so that a start-up with hundreds of applied
// migrations can afford to verify all their checksums. Its format is part of tempest's compatibility
// promise: changing it would flag every applied migration as edited, so tests pin known values.

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "tempest/detail/fnv1a.hpp"
#include "tempest/ops/operations.hpp"

namespace tempest {
namespace detail {

class canonical_writer {
 public:
  std::string& text() { return out_; }

  // Lengths and numbers in decimal, through to_chars: this runs for every applied migration at
  // start-up, and fmt would parse its format string each time.
  void str(std::string_view s) {
    decimal(s.size());
    out_ += ':';
    out_.append(s);
  }
  void num(long long n) {
    decimal(n);
    out_ += ';';
  }
  void flag(bool b) { out_ += b ? 't' : 'f'; }
  void none() { out_ += 'n'; }
  void open(std::string_view tag) {
    out_.append(tag);
    out_ += '(';
  }
  void close() { out_ += ')'; }
  void names(const std::vector<std::string>& list) {
    out_ += '[';
    for (const auto& s : list) str(s);
    out_ += ']';
  }
  template <class T>
  void maybe(const std::optional<T>& value) {
    if (value) write(*value);
    else none();
  }

  void write(int n) { num(n); }
  void write(bool b) { flag(b); }
  void write(const column_type& t) {
    open("type");
    str(to_string(t.kind));
    maybe(t.length);
    maybe(t.precision);
    maybe(t.scale);
    str(t.custom);
    close();
  }
  void write(const column_default& d) {
    open(d.kind == column_default::source::literal ? "literal" : "expression");
    str(d.text);
    close();
  }
  void write(const column& c) {
    open("column");
    str(c.name);
    write(c.type);
    flag(c.nullable);
    maybe(c.default_value);
    flag(c.autoincrement);
    close();
  }
  // Every attribute of a column, for the operations that make a column exactly that (write(column)
  // keeps the fields it always had: the checksums of applied migrations depend on it).
  void write_whole(const column& c) {
    open("whole_column");
    write(c);
    flag(c.type.is_unsigned);
    names(c.type.values);
    str(to_string(c.identity));
    str(c.collation);
    str(c.on_update);
    if (c.generated) {
      str(c.generated->expression);
      flag(c.generated->stored);
    } else {
      none();
    }
    close();
  }
  void write(const primary_key_def& k) {
    open("key");
    str(k.name);
    names(k.columns);
    close();
  }
  void write(const index_def& i) {
    open("index");
    str(i.name);
    names(i.columns);
    flag(i.unique);
    close();
  }
  void write(const foreign_key_def& f) {
    open("foreign_key");
    str(f.name);
    names(f.columns);
    str(f.referenced_table);
    names(f.referenced_columns);
    str(to_sql(f.on_delete));
    str(to_sql(f.on_update));
    close();
  }
  void write(const check_def& c) {
    open("check");
    str(c.name);
    str(c.expression);
    str(c.column);
    names(c.allowed_values);
    close();
  }
  void write(const table& t) {
    open("table");
    str(t.name);
    for (const auto& c : t.columns) write(c);
    maybe(t.key);
    for (const auto& i : t.indexes) write(i);
    for (const auto& f : t.foreign_keys) write(f);
    for (const auto& c : t.checks) write(c);
    close();
  }
  void write(const sql_value& value) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) none();
          else if constexpr (std::is_same_v<T, bool>) flag(v);
          else if constexpr (std::is_same_v<T, long long>) num(v);
          else if constexpr (std::is_same_v<T, double>) fmt::format_to(std::back_inserter(out_), "d{};", v);
          else str(v);
        },
        value);
  }
  void rows(const std::vector<std::vector<sql_value>>& list) {
    out_ += '[';
    for (const auto& row : list) {
      out_ += '[';
      for (const auto& v : row) write(v);
      out_ += ']';
    }
    out_ += ']';
  }

  // The operation as written, before apply() completes it: what the migration's author said.
  void write(const operation& operation) {
    std::visit(
        [&](const auto& o) {
          using T = std::decay_t<decltype(o)>;
          if constexpr (std::is_same_v<T, op::create_table>) {
            open("create_table");
            write(o.definition);
          } else if constexpr (std::is_same_v<T, op::drop_table>) {
            open("drop_table");
            str(o.name);
          } else if constexpr (std::is_same_v<T, op::rename_table>) {
            open("rename_table");
            str(o.from);
            str(o.to);
          } else if constexpr (std::is_same_v<T, op::add_column>) {
            open("add_column");
            str(o.table_name);
            write(o.definition);
          } else if constexpr (std::is_same_v<T, op::drop_column>) {
            open("drop_column");
            str(o.table_name);
            str(o.name);
          } else if constexpr (std::is_same_v<T, op::alter_column>) {
            open("alter_column");
            str(o.table_name);
            str(o.name);
            maybe(o.type);
            maybe(o.nullable);
            if (!o.default_value) none();
            else if (!*o.default_value) out_ += 'd';  // drop the default
            else write(**o.default_value);
            if (o.definition) write_whole(*o.definition);  // only then: older texts stay as they were
          } else if constexpr (std::is_same_v<T, op::rename_column>) {
            open("rename_column");
            str(o.table_name);
            str(o.from);
            str(o.to);
          } else if constexpr (std::is_same_v<T, op::create_index>) {
            open("create_index");
            str(o.table_name);
            write(o.definition);
          } else if constexpr (std::is_same_v<T, op::drop_index>) {
            open("drop_index");
            str(o.table_name);
            str(o.name);
          } else if constexpr (std::is_same_v<T, op::add_foreign_key>) {
            open("add_foreign_key");
            str(o.table_name);
            write(o.definition);
          } else if constexpr (std::is_same_v<T, op::drop_foreign_key>) {
            open("drop_foreign_key");
            str(o.table_name);
            str(o.name);
          } else if constexpr (std::is_same_v<T, op::add_check>) {
            open("add_check");
            str(o.table_name);
            write(o.definition);
          } else if constexpr (std::is_same_v<T, op::drop_check>) {
            open("drop_check");
            str(o.table_name);
            str(o.name);
          } else if constexpr (std::is_same_v<T, op::raw_sql>) {
            open("raw_sql");
            str(o.up);
            if (o.down) str(*o.down);
            else none();
            if (o.only_on) str(to_string(*o.only_on));
            else none();
          } else if constexpr (std::is_same_v<T, op::add_primary_key>) {
            open("add_primary_key");
            str(o.table_name);
            write(o.definition);
          } else if constexpr (std::is_same_v<T, op::drop_primary_key>) {
            open("drop_primary_key");
            str(o.table_name);
          } else if constexpr (std::is_same_v<T, op::rename_index>) {
            open("rename_index");
            str(o.table_name);
            str(o.from);
            str(o.to);
          } else if constexpr (std::is_same_v<T, op::rename_constraint>) {
            open("rename_constraint");
            str(o.table_name);
            str(o.kind == op::constraint_kind::primary_key   ? "primary_key"
                : o.kind == op::constraint_kind::foreign_key ? "foreign_key"
                                                             : "check");
            str(o.from);
            str(o.to);
          } else if constexpr (std::is_same_v<T, op::alter_table_options>) {
            open("alter_table_options");
            str(o.table_name);
            str(o.collation);
            flag(o.strict);
            flag(o.without_rowid);
          } else if constexpr (std::is_same_v<T, op::create_enum_type>) {
            open("create_enum_type");
            str(o.definition.name);
            names(o.definition.values);
          } else if constexpr (std::is_same_v<T, op::drop_enum_type>) {
            open("drop_enum_type");
            str(o.name);
          } else if constexpr (std::is_same_v<T, op::alter_enum_type>) {
            open("alter_enum_type");
            str(o.name);
            names(o.values);
          } else {
            static_assert(std::is_same_v<T, op::insert_rows> || std::is_same_v<T, op::delete_rows>);
            open(std::is_same_v<T, op::insert_rows> ? "insert_rows" : "delete_rows");
            str(o.table_name);
            names(o.columns);
            rows(o.rows);
          }
          close();
        },
        operation);
  }

 private:
  template <class Integer>
  void decimal(Integer n) {
    char digits[24];
    out_.append(digits, std::to_chars(digits, digits + sizeof digits, n).ptr);
  }

  std::string out_;
};

}  // namespace detail

inline std::string canonical_text(const operation& operation) {
  detail::canonical_writer writer;
  writer.write(operation);
  return std::move(writer.text());
}

inline std::string canonical_text(const std::vector<operation>& operations) {
  detail::canonical_writer writer;
  writer.text().reserve(128 * operations.size());
  for (const auto& o : operations) writer.write(o);
  return std::move(writer.text());
}

// FNV-1a, 64 bits: stable, dependency-free, and enough to notice an edited migration (it is not a
// defence against a deliberate forgery, which needs write access to the version table anyway).
// Written as 16 lower-case hex digits.
inline std::string checksum_of(std::string_view text) {
  std::uint64_t hash = detail::fnv1a64(text);
  std::string out(16, '0');
  for (auto it = out.rbegin(); it != out.rend(); ++it, hash >>= 4) *it = "0123456789abcdef"[hash & 0xf];
  return out;
}

}  // namespace tempest
