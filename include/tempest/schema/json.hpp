#pragma once
// The schema IR as JSON (nlohmann::json): snapshots, and the canonical form that migration
// checksums are computed over. Keys are sorted and every field is written, so the text of a given
// IR never changes.

#include <nlohmann/json.hpp>

#include "tempest/schema/schema.hpp"

namespace tempest {

inline void to_json(nlohmann::json& j, const column_type& t) {
  j = nlohmann::json{{"kind", to_string(t.kind)}};
  if (t.length) j["length"] = *t.length;
  if (t.precision) j["precision"] = *t.precision;
  if (t.scale) j["scale"] = *t.scale;
  if (t.kind == type_kind::custom) j["sql"] = t.custom;
}

inline void to_json(nlohmann::json& j, const column_default& d) {
  j = nlohmann::json{{d.kind == column_default::source::literal ? "literal" : "expression", d.text}};
}

inline void to_json(nlohmann::json& j, const column& c) {
  j = nlohmann::json{{"name", c.name}, {"type", c.type}, {"nullable", c.nullable}, {"autoincrement", c.autoincrement}};
  j["default"] = c.default_value ? nlohmann::json(*c.default_value) : nlohmann::json();
}

inline void to_json(nlohmann::json& j, const primary_key_def& k) {
  j = nlohmann::json{{"name", k.name}, {"columns", k.columns}};
}

inline void to_json(nlohmann::json& j, const index_def& i) {
  j = nlohmann::json{{"name", i.name}, {"columns", i.columns}, {"unique", i.unique}};
}

inline void to_json(nlohmann::json& j, const foreign_key_def& f) {
  j = nlohmann::json{{"name", f.name},
                     {"columns", f.columns},
                     {"referenced_table", f.referenced_table},
                     {"referenced_columns", f.referenced_columns},
                     {"on_delete", to_sql(f.on_delete)},
                     {"on_update", to_sql(f.on_update)}};
}

inline void to_json(nlohmann::json& j, const check_def& c) {
  j = nlohmann::json{{"name", c.name}, {"expression", c.expression}};
  if (!c.allowed_values.empty()) {
    j["column"] = c.column;
    j["allowed_values"] = c.allowed_values;
  }
}

inline void to_json(nlohmann::json& j, const table& t) {
  j = nlohmann::json{{"name", t.name},       {"columns", t.columns},           {"indexes", t.indexes},
                     {"foreign_keys", t.foreign_keys}, {"checks", t.checks}};
  j["primary_key"] = t.key ? nlohmann::json(*t.key) : nlohmann::json();
}

inline void to_json(nlohmann::json& j, const schema& s) { j = nlohmann::json{{"tables", s.tables}}; }

}  // namespace tempest
