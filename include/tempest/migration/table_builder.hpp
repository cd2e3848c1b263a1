#pragma once
// table_builder: a new table's columns and constraints, as a migration spells them out.
//
//   b.create_table("tags", [](tempest::table_builder& t) {
//     t.column<std::int64_t>("id").primary_key().autoincrement();
//     t.column<std::string>("label").length(40).unique();
//     t.column<std::optional<std::int64_t>>("parent").references("tags", "id");
//     t.check("label", "length(label) > 0");                  // named ck_tags_label
//   });
//
// Keys, indexes, foreign keys and checks declared on the table return constraint_options, to name
// them otherwise than the convention does (or not at all) and say the rest.

#include <list>
#include <optional>
#include <string>
#include <vector>

#include "tempest/migration/column_builder.hpp"
#include "tempest/migration/constraint_options.hpp"
#include "tempest/schema/naming.hpp"
#include "tempest/schema/table.hpp"

namespace tempest {

class table_builder {
 public:
  explicit table_builder(std::string name) { table_.name = std::move(name); }

  template <class T>
  column_builder<T> column(std::string name) {
    auto& c = columns_.emplace_back();
    c.name = std::move(name);
    return column_builder<T>(c, extras_.emplace_back());
  }

  // The key over these columns (instead of the columns marked primary_key()).
  constraint_options<primary_key_def> primary_key(std::vector<std::string> columns) {
    key_ = primary_key_def{naming::primary_key(table_.name), std::move(columns)};
    return constraint_options<primary_key_def>(*key_);
  }
  constraint_options<index_def> index(std::vector<std::string> columns, std::string name = {}) {
    return add_index(std::move(columns), std::move(name), false);
  }
  constraint_options<index_def> unique(std::vector<std::string> columns, std::string name = {}) {
    return add_index(std::move(columns), std::move(name), true);
  }
  constraint_options<foreign_key_def> foreign_key(std::vector<std::string> columns, std::string referenced_table,
                                                  std::vector<std::string> referenced_columns) {
    auto name = naming::foreign_key(table_.name, columns, referenced_table);
    return constraint_options<foreign_key_def>(foreign_keys_.emplace_back(
        foreign_key_def{std::move(name), std::move(columns), std::move(referenced_table), std::move(referenced_columns)}));
  }
  // A check named ck_<table>_<label>.
  constraint_options<check_def> check(std::string label, std::string expression) {
    return constraint_options<check_def>(checks_.emplace_back(check_def{naming::check(table_.name, label), std::move(expression), {}, {}}));
  }
  // An unnamed check (.named() names it).
  constraint_options<check_def> check(std::string expression) {
    return constraint_options<check_def>(checks_.emplace_back(check_def{{}, std::move(expression), {}, {}}));
  }
  // `column IN (values…)`, spelled by each dialect; named ck_<table>_<column>.
  constraint_options<check_def> check_in(std::string column_name, std::vector<std::string> values) {
    auto name = naming::check(table_.name, column_name);
    return constraint_options<check_def>(checks_.emplace_back(check_def{std::move(name), {}, std::move(column_name), std::move(values)}));
  }

  // Table options: a collation (MySQL), STRICT and WITHOUT ROWID (SQLite).
  void collation(std::string name) { table_.collation = std::move(name); }
  void strict() { table_.strict = true; }
  void without_rowid() { table_.without_rowid = true; }

  table build() const {
    table t = table_;
    std::vector<std::string> key;
    auto extra = extras_.begin();
    for (auto c = columns_.begin(); c != columns_.end(); ++c, ++extra) {
      t.columns.push_back(*c);
      if (extra->primary_key) key.push_back(c->name);
      if (extra->index) t.indexes.push_back({naming::index(t.name, {c->name}), {c->name}, false});
      if (extra->unique) t.indexes.push_back({naming::unique(t.name, {c->name}), {c->name}, true});
      if (extra->reference) {
        auto fk = *extra->reference;
        fk.name = naming::foreign_key(t.name, fk.columns, fk.referenced_table);
        t.foreign_keys.push_back(std::move(fk));
      }
    }
    if (key_) t.key = *key_;
    else if (!key.empty()) t.key = primary_key_def{naming::primary_key(t.name), key};
    t.indexes.insert(t.indexes.end(), indexes_.begin(), indexes_.end());
    t.foreign_keys.insert(t.foreign_keys.end(), foreign_keys_.begin(), foreign_keys_.end());
    t.checks.insert(t.checks.end(), checks_.begin(), checks_.end());
    t.normalise();
    return t;
  }

 private:
  constraint_options<index_def> add_index(std::vector<std::string> columns, std::string name, bool unique) {
    if (name.empty()) name = unique ? naming::unique(table_.name, columns) : naming::index(table_.name, columns);
    return constraint_options<index_def>(indexes_.emplace_back(index_def{std::move(name), std::move(columns), unique}));
  }

  // std::list: stable addresses for the column builders and constraint options.
  table table_;
  std::list<tempest::column> columns_;
  std::list<column_extras> extras_;
  std::optional<primary_key_def> key_;
  std::list<index_def> indexes_;
  std::list<foreign_key_def> foreign_keys_;
  std::list<check_def> checks_;
};

}  // namespace tempest
