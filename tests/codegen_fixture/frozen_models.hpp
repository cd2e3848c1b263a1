#pragma once
// A migration that creates its tables with create_table<Model>(), for freeze: the fixture generator
// freezes it, and codegen_roundtrip.cpp checks that the frozen header has the same steps and checksum.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tempest/migrations.hpp"

namespace codegen_fixture::frozen_models {

struct shelf {
  std::int64_t id;
  std::string label;
};
TEMPEST_MODEL(shelf, "it's shelves",
              (id, tempest::primary_key, tempest::autoincrement),
              (label, tempest::length(40), tempest::unique));

struct book {
  std::int64_t id;
  std::int64_t shelf_id;
  std::optional<std::string> title;
  bool lent;
};
TEMPEST_MODEL(book, "books",
              (id, tempest::primary_key, tempest::autoincrement),
              (shelf_id, tempest::references<&shelf::id>(tempest::on_delete::cascade), tempest::index),
              (title, tempest::length(200)),
              (lent, tempest::default_value(false)));

inline tempest::migration from_models() {
  return {"0001_models", {}, "shelves and books", [](tempest::migration_builder& b) {
            b.create_table<shelf>();
            b.create_table<book>();
            b.insert<shelf>({{1, "größe \"A\""}});
          }};
}

}  // namespace codegen_fixture::frozen_models
