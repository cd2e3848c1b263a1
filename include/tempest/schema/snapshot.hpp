#pragma once
// A schema IR as a JSON document, to keep in a file under version control:
//
//   {"tempest_snapshot": 1, "dialect": "postgresql", "schema": {"tables": [...], ...}}
//
// Every field of the IR is kept, the rename hints too. Enums are spelled as words ("cascade",
// "int64", "identity always"); a field at its default (false, empty, none) is left out, so that a
// snapshot shows what a schema says and little else; keys come in a fixed order (an object's name
// first), two spaces of indent, one key per line: snapshots diff well in code review.
//
// Reading is strict: a document of another format version, a missing version or required field, an
// unknown spelling or a value of the wrong JSON type throws tempest::schema_error naming the path of
// the field (schema.tables[2].columns[0].type.kind) and the table and column around it. An unknown
// key is refused too: since defaults are left out, a misspelt key ("nulable": true) would otherwise
// read silently as the default, and a field written by a newer tempest would be dropped silently.
// The format changes by its version number, never by keys that older readers skip.
// Failing to read or write the file itself throws tempest::error.

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <system_error>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tempest/error.hpp"
#include "tempest/schema/schema.hpp"
#include "tempest/schema/snapshot_format.hpp"

namespace tempest {

inline constexpr int snapshot_format_version = 1;

namespace detail {

// Ordered: nlohmann::json would sort an object's keys alphabetically, and put a table's name after
// its columns.
using snapshot_json = nlohmann::ordered_json;

inline void put_text(snapshot_json& out, const char* key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}
inline void put_flag(snapshot_json& out, const char* key, bool value) {
  if (value) out[key] = true;
}
inline void put_number(snapshot_json& out, const char* key, const std::optional<int>& value) {
  if (value) out[key] = *value;
}
inline void put_strings(snapshot_json& out, const char* key, const std::vector<std::string>& values) {
  if (!values.empty()) out[key] = values;
}
template <class E, std::size_t N>
void put_choice(snapshot_json& out, const char* key, const snapshot_spellings<E, N>& spellings, E value, E fallback) {
  if (value != fallback) out[key] = std::string(snapshot_spelling(spellings, value));
}
template <class T, class F>
void put_list(snapshot_json& out, const char* key, const std::vector<T>& items, F write) {
  if (items.empty()) return;
  auto& list = out[key] = snapshot_json::array();
  for (const auto& item : items) list.push_back(write(item));
}

inline snapshot_json type_to_json(const column_type& type) {
  snapshot_json out{{"kind", std::string(snapshot_spelling(type_kind_spellings, type.kind))}};
  put_number(out, "length", type.length);
  put_number(out, "precision", type.precision);
  put_number(out, "scale", type.scale);
  put_flag(out, "unsigned", type.is_unsigned);
  put_text(out, "custom", type.custom);
  put_strings(out, "values", type.values);
  return out;
}

inline snapshot_json column_to_json(const column& c) {
  snapshot_json out{{"name", c.name}, {"type", type_to_json(c.type)}};
  put_flag(out, "nullable", c.nullable);
  if (const auto& d = c.default_value) {
    auto& json = out["default"] = {{"kind", std::string(snapshot_spelling(default_source_spellings, d->kind))},
                                   {"text", d->text}};
    if (d->value_kind) json["value_kind"] = std::string(snapshot_spelling(type_kind_spellings, *d->value_kind));
  }
  put_flag(out, "autoincrement", c.autoincrement);
  put_choice(out, "identity", identity_spellings, c.identity, identity_kind::by_default);
  put_text(out, "collation", c.collation);
  put_text(out, "on_update", c.on_update);
  if (c.generated) out["generated"] = {{"expression", c.generated->expression}, {"stored", c.generated->stored}};
  return out;
}

inline snapshot_json index_to_json(const index_def& ix) {
  snapshot_json out = snapshot_json::object();
  put_text(out, "name", ix.name);
  out["columns"] = ix.columns;
  put_flag(out, "unique", ix.unique);
  put_list(out, "parts", ix.parts, [](const key_part& part) {
    snapshot_json json = snapshot_json::object();  // {} for a plain part
    put_flag(json, "expression", part.expression);
    put_flag(json, "descending", part.descending);
    put_number(json, "prefix_length", part.prefix_length);
    put_text(json, "collation", part.collation);
    put_text(json, "operator_class", part.operator_class);
    return json;
  });
  put_text(out, "predicate", ix.predicate);
  return out;
}

inline snapshot_json foreign_key_to_json(const foreign_key_def& fk) {
  snapshot_json out = snapshot_json::object();
  put_text(out, "name", fk.name);
  out["columns"] = fk.columns;
  out["referenced_table"] = fk.referenced_table;
  out["referenced_columns"] = fk.referenced_columns;
  put_choice(out, "on_delete", fk_action_spellings, fk.on_delete, fk_action::no_action);
  put_choice(out, "on_update", fk_action_spellings, fk.on_update, fk_action::no_action);
  put_choice(out, "deferrable", deferrability_spellings, fk.deferrable, deferrability::not_deferrable);
  return out;
}

inline snapshot_json table_to_json(const table& t) {
  snapshot_json out{{"name", t.name}};
  put_text(out, "collation", t.collation);
  put_flag(out, "strict", t.strict);
  put_flag(out, "without_rowid", t.without_rowid);
  put_list(out, "columns", t.columns, column_to_json);
  if (t.key) {
    auto& key = out["primary_key"] = snapshot_json::object();
    put_text(key, "name", t.key->name);
    key["columns"] = t.key->columns;
  }
  put_list(out, "indexes", t.indexes, index_to_json);
  put_list(out, "foreign_keys", t.foreign_keys, foreign_key_to_json);
  put_list(out, "checks", t.checks, [](const check_def& ck) {
    snapshot_json json = snapshot_json::object();
    put_text(json, "name", ck.name);
    put_text(json, "expression", ck.expression);
    put_text(json, "column", ck.column);
    put_strings(json, "allowed_values", ck.allowed_values);
    return json;
  });
  return out;
}

inline snapshot_json schema_to_json(const schema& s) {
  snapshot_json out = snapshot_json::object();
  put_list(out, "tables", s.tables, table_to_json);
  put_list(out, "enum_types", s.enum_types,
           [](const enum_type_def& e) { return snapshot_json{{"name", e.name}, {"values", e.values}}; });
  put_list(out, "unmanaged", s.unmanaged, [](const unmanaged_object& u) {
    snapshot_json json{{"kind", u.kind}, {"name", u.name}};
    put_text(json, "table", u.table);
    put_text(json, "ddl", u.ddl);
    put_flag(json, "before_tables", u.before_tables);
    put_strings(json, "depends_on", u.depends_on);
    return json;
  });
  put_list(out, "renames", s.renames, [](const rename_hint& r) {
    snapshot_json json{{"table", r.table}};
    put_text(json, "column", r.column);
    json["from"] = r.from;
    return json;
  });
  return out;
}

inline column_type type_from_json(const snapshot_node& node) {
  return read_object(node, [](snapshot_object& o) {
    return column_type{.kind = o.required("kind").as(type_kind_spellings), .length = o.number("length"),
                       .precision = o.number("precision"), .scale = o.number("scale"), .custom = o.text("custom"),
                       .is_unsigned = o.flag("unsigned"), .values = o.strings("values")};
  });
}

inline column_default default_from_json(const snapshot_node& node) {
  return read_object(node, [](snapshot_object& o) {
    column_default d{o.required("kind").as(default_source_spellings), o.required("text").as_string()};
    if (auto value_kind = o.optional("value_kind")) d.value_kind = value_kind->as(type_kind_spellings);
    return d;
  });
}

inline column column_from_json(const snapshot_node& node) {
  return read_object(node, [](snapshot_object& o) {
    column c{.name = o.required("name").as_string(), .type = type_from_json(o.required("type")),
             .nullable = o.flag("nullable")};
    if (auto json = o.optional("default")) c.default_value = default_from_json(*json);
    c.autoincrement = o.flag("autoincrement");
    c.identity = o.choice("identity", identity_spellings, identity_kind::by_default);
    c.collation = o.text("collation");
    c.on_update = o.text("on_update");
    if (auto json = o.optional("generated"))
      c.generated = read_object(*json, [](snapshot_object& g) {
        return generated_column{g.required("expression").as_string(), g.required("stored").as_bool()};
      });
    return c;
  });
}

inline key_part key_part_from_json(const snapshot_node& node) {
  return read_object(node, [](snapshot_object& o) {
    return key_part{o.flag("expression"), o.flag("descending"), o.number("prefix_length"), o.text("collation"),
                    o.text("operator_class")};
  });
}

inline index_def index_from_json(const snapshot_node& node) {
  return read_object(node, [](snapshot_object& o) {
    return index_def{o.text("name"), o.required("columns").as_strings(), o.flag("unique"),
                     o.list("parts", {}, key_part_from_json), o.text("predicate")};
  });
}

inline foreign_key_def foreign_key_from_json(const snapshot_node& node) {
  return read_object(node, [](snapshot_object& o) {
    return foreign_key_def{o.text("name"),
                           o.required("columns").as_strings(),
                           o.required("referenced_table").as_string(),
                           o.required("referenced_columns").as_strings(),
                           o.choice("on_delete", fk_action_spellings, fk_action::no_action),
                           o.choice("on_update", fk_action_spellings, fk_action::no_action),
                           o.choice("deferrable", deferrability_spellings, deferrability::not_deferrable)};
  });
}

inline check_def check_from_json(const snapshot_node& node) {
  return read_object(node, [](snapshot_object& o) {
    return check_def{o.text("name"), o.text("expression"), o.text("column"), o.strings("allowed_values")};
  });
}

inline table table_from_json(const snapshot_node& node) {
  return read_object(node, [](snapshot_object& o) {
    table t{.name = o.required("name").as_string()};
    t.collation = o.text("collation");
    t.strict = o.flag("strict");
    t.without_rowid = o.flag("without_rowid");
    t.columns = o.list("columns", "column", column_from_json);
    if (auto json = o.optional("primary_key"))
      t.key = read_object(*json, [](snapshot_object& k) {
        return primary_key_def{k.text("name"), k.required("columns").as_strings()};
      });
    t.indexes = o.list("indexes", "index", index_from_json);
    t.foreign_keys = o.list("foreign_keys", "foreign key", foreign_key_from_json);
    t.checks = o.list("checks", "check", check_from_json);
    return t;
  });
}

inline schema schema_body_from_json(const snapshot_node& node) {
  return read_object(node, [](snapshot_object& o) {
    schema s;
    s.tables = o.list("tables", "table", table_from_json);
    s.enum_types = o.list("enum_types", "enum type", [](const snapshot_node& json) {
      return read_object(json, [](snapshot_object& e) {
        return enum_type_def{e.required("name").as_string(), e.required("values").as_strings()};
      });
    });
    s.unmanaged = o.list("unmanaged", "object", [](const snapshot_node& json) {
      return read_object(json, [](snapshot_object& u) {
        return unmanaged_object{u.required("kind").as_string(), u.required("name").as_string(), u.text("table"),
                                u.text("ddl"), u.flag("before_tables"), u.strings("depends_on")};
      });
    });
    s.renames = o.list("renames", {}, [](const snapshot_node& json) {
      return read_object(json, [](snapshot_object& r) {
        return rename_hint{r.required("table").as_string(), r.text("column"), r.required("from").as_string()};
      });
    });
    return s;
  });
}

inline schema read_snapshot_document(const nlohmann::json& document, std::string_view origin, std::string* dialect) {
  snapshot_object root(snapshot_node{document, origin, {}, {}});
  // The version first: a document of another version is reported as such, not by its first new key.
  auto version = root.required("tempest_snapshot", " (not a tempest snapshot?)");
  if (version.as_int() != snapshot_format_version)
    version.fail(fmt::format("format version {} is not supported (this tempest reads version {})", version.as_int(),
                             snapshot_format_version));
  auto dialect_name = root.text("dialect");
  schema s = schema_body_from_json(root.required("schema"));
  root.finish();
  if (dialect) *dialect = std::move(dialect_name);
  return s;
}

}  // namespace detail

// The snapshot document of a schema; `dialect` (the name of the dialect whose stored form the
// schema is in, e.g. "postgresql") is left out when empty. It converts to nlohmann::json (which
// forgets the key order).
inline nlohmann::ordered_json to_json(const schema& s, std::string_view dialect = {}) {
  nlohmann::ordered_json document{{"tempest_snapshot", snapshot_format_version}};
  if (!dialect.empty()) document["dialect"] = std::string(dialect);
  document["schema"] = detail::schema_to_json(s);
  return document;
}

// The schema of a snapshot document; its dialect goes to `*dialect` ("" when the document has none).
inline schema schema_from_json(const nlohmann::json& document, std::string* dialect = nullptr) {
  return detail::read_snapshot_document(document, "snapshot", dialect);
}

// Writes the snapshot to a temporary file beside `file`, then renames it over `file`: a crash leaves
// the old snapshot or the new one, never part of one. (The data is not fsynced: a power cut right
// after the rename may still leave an empty file on file systems that do not order the two.)
inline void write_snapshot(const std::filesystem::path& file, const schema& s, std::string_view dialect = {}) {
  std::string text;
  try {
    text = to_json(s, dialect).dump(2) + "\n";
  } catch (const nlohmann::json::exception& e) {  // a string that is not UTF-8
    throw schema_error(fmt::format("snapshot {}: cannot be written: {}", file.string(), detail::json_error_text(e)));
  }
  std::random_device random;
  auto temporary = file;
  temporary += fmt::format(".{:08x}{:08x}.tmp", random(), random());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      int code = errno;
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw error(fmt::format("snapshot {}: cannot write {}: {}", file.string(), temporary.string(), std::strerror(code)));
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, file, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temporary, ignored);
    throw error(fmt::format("snapshot {}: cannot replace it by {}: {}", file.string(), temporary.string(), ec.message()));
  }
}

// Reads a snapshot file written by write_snapshot (or by hand); errors name the file.
inline schema read_snapshot(const std::filesystem::path& file, std::string* dialect = nullptr) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw error(fmt::format("snapshot {}: cannot be read: {}", file.string(), std::strerror(errno)));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::string origin = "snapshot " + file.string();
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // "parse error at line 3, column 7: …"
    throw schema_error(fmt::format("{}: not valid JSON: {} (byte {})", origin, detail::json_error_text(e), e.byte));
  }
  return detail::read_snapshot_document(document, origin, dialect);
}

}  // namespace tempest
