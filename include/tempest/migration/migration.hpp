#pragma once
// A migration: a revision id, the revisions it follows (none for a root, several for a merge), a
// label, and its up and down steps written with the builder. Without a down, the down is derived by
// inverting the up operations against the schema the history produces before the migration.

#include <functional>
#include <string>
#include <vector>

#include "tempest/migration/builder.hpp"
#include "tempest/ops/canonical.hpp"

namespace tempest {

struct migration {
  std::string revision;
  std::vector<std::string> down_revisions;
  std::string label;
  std::function<void(migration_builder&)> up;
  std::function<void(migration_builder&)> down;  // empty: derived from up

  std::vector<operation> up_operations() const {
    migration_builder b;
    if (up) up(b);
    return std::move(b).operations();
  }

  std::vector<operation> explicit_down_operations() const {
    migration_builder b;
    if (down) down(b);
    return std::move(b).operations();
  }

  // The tables its up step creates with create_table<Model>(): they follow the models.
  std::vector<std::string> tables_from_models() const {
    migration_builder b;
    if (up) up(b);
    return b.tables_from_models();
  }

  // Over the canonical text of the up steps (and the down steps when written by hand).
  std::string checksum() const {
    std::string text = canonical_text(up_operations());
    if (down) text += "\n" + canonical_text(explicit_down_operations());
    return checksum_of(text);
  }
};

}  // namespace tempest
