#pragma once
// apply() as a database carries an operation out: what else the database changes with it follows
// in the schema (MySQL's RENAME TABLE renames the foreign keys the server named after the table).

#include <variant>

#include "tempest/dialect/dialect.hpp"
#include "tempest/ops/apply.hpp"

namespace tempest::detail {

// Without a dialect, apply() alone.
inline void apply_as_stored(const dialect* d, schema& s, operation& o) {
  apply(s, o);
  if (const auto* rename = std::get_if<op::rename_table>(&o); rename && d)
    d->follow_rename_table(*s.find_table(rename->to), rename->from);
}

}  // namespace tempest::detail
