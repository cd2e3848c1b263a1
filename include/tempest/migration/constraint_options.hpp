#pragma once
// What a key, index, foreign key or check just declared in a migration can be told besides its
// columns. Each declaration is named by the convention (naming.hpp) unless told otherwise:
//
//   t.unique({"email"}).named("users_email_key");           // exactly this name
//   t.primary_key({"id"}).unnamed();                         // the database names it (or keeps none)
//   t.index({"lower(email)"}).parts({{.expression = true}}).where("deleted_at IS NULL");
//   t.foreign_key({"owner"}, "users", {"id"}).on_delete(tempest::fk_action::cascade)
//       .deferrable(tempest::deferrability::initially_deferred);

#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "tempest/schema/constraints.hpp"

namespace tempest {

template <class Definition>
class constraint_options {
  static constexpr bool is_index = std::is_same_v<Definition, index_def>;
  static constexpr bool is_foreign_key = std::is_same_v<Definition, foreign_key_def>;

 public:
  explicit constraint_options(Definition& target) : definition_(target) {}

  constraint_options& named(std::string name) {
    definition_.name = std::move(name);
    return *this;
  }
  constraint_options& unnamed() {
    definition_.name.clear();
    return *this;
  }

  // One key part per column (an entry of `columns` is then an expression's SQL where the part says so).
  constraint_options& parts(std::vector<key_part> key_parts) requires is_index {
    definition_.parts = std::move(key_parts);
    return *this;
  }
  // A partial index: the rows where `predicate` holds.
  constraint_options& where(std::string predicate) requires is_index {
    definition_.predicate = std::move(predicate);
    return *this;
  }

  constraint_options& on_delete(fk_action action) requires is_foreign_key {
    definition_.on_delete = action;
    return *this;
  }
  constraint_options& on_update(fk_action action) requires is_foreign_key {
    definition_.on_update = action;
    return *this;
  }
  constraint_options& deferrable(deferrability when) requires is_foreign_key {
    definition_.deferrable = when;
    return *this;
  }

 private:
  Definition& definition_;
};

}  // namespace tempest
