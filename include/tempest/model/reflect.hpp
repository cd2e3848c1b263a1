#pragma once
// reflect<Models...>(): the schema IR the annotated structs describe. Everything here reads the
// models' descriptions (plain arrays), so it is compiled once, not once per model.

#include <algorithm>
#include <iterator>
#include <span>
#include <string>
#include <tuple>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

#include "tempest/error.hpp"
#include "tempest/model/model_info.hpp"
#include "tempest/schema/naming_convention.hpp"
#include "tempest/schema/schema.hpp"

namespace tempest {
namespace detail {

inline std::vector<std::string> enum_labels(const field_description& d) {
  return {d.enum_values.begin(), d.enum_values.end()};
}

inline column_type column_type_of(const field_description& d) {
  if (d.custom()) return column_type::sql(std::string(d.custom_type));
  if (!d.enum_values.empty()) {
    if (d.native_enum) return column_type::enumeration_of(std::string(d.native_enum_type), enum_labels(d));
    int longest = 1;
    for (auto name : d.enum_values) longest = std::max(longest, static_cast<int>(name.size()));
    return column_type::varchar(longest);
  }
  switch (*d.kind) {
    case type_kind::string: return d.has_length ? column_type::varchar(d.length) : column_type::text();
    case type_kind::decimal: return column_type::numeric(d.precision, d.scale);
    default: {
      auto type = column_type::of(*d.kind);
      type.is_unsigned = d.category == value_category::unsigned_integer;
      return type;
    }
  }
}

// The canonical text of a field's default_value, by the kind of the field's C++ type.
inline std::string literal_text(const field_description& d) {
  const auto& v = d.default_value;
  type_kind kind = d.kind.value_or(type_kind::custom);
  switch (v.type) {
    case literal_value::kind::boolean: return v.boolean ? "true" : "false";
    case literal_value::kind::integer: {
      if (kind == type_kind::float32 || kind == type_kind::float64) {
        double value = v.negative ? -static_cast<double>(v.magnitude) : static_cast<double>(v.magnitude);
        return kind == type_kind::float32 ? fmt::format("{}", static_cast<float>(value)) : fmt::format("{}", value);
      }
      return fmt::format("{}{}", v.negative && v.magnitude ? "-" : "", v.magnitude);
    }
    case literal_value::kind::floating:
      if (kind == type_kind::float32) return fmt::format("{}", static_cast<float>(v.floating));
      return canonical_literal(kind, fmt::format("{}", v.floating));
    case literal_value::kind::text: return canonical_literal(kind, v.text_value());
    case literal_value::kind::none: break;
  }
  return {};
}

inline column column_from(const field_description& d) {
  column c;
  c.name = std::string(d.column);
  c.type = column_type_of(d);
  c.nullable = d.nullable;
  c.autoincrement = d.autoincrement;
  if (d.autoincrement) c.identity = d.identity;
  c.collation = std::string(d.collation);
  if (d.on_update_current_timestamp) c.on_update = "CURRENT_TIMESTAMP";
  if (!d.generated_expression.empty())
    c.generated = generated_column{std::string(d.generated_expression), d.generated_stored};
  // A column whose type is spelled out keeps the kind of its default's value, for the dialects.
  std::optional<type_kind> value_kind = d.custom() ? d.kind : std::nullopt;
  if (d.default_value.type != literal_value::kind::none)
    c.default_value = column_default::literal(literal_text(d), value_kind);
  else if (!d.default_sql.empty())
    c.default_value = column_default::expression(std::string(d.default_sql));
  return c;
}

// A table being reflected, with the names still to give: each named object is given its name where
// the model gives one, and otherwise asks the convention, in declaration order.
class table_reflection {
 public:
  explicit table_reflection(std::string_view name) { t_.name = std::string(name); }

  table& ir() { return t_; }

  void set_key(std::vector<std::string> columns, const name_spec& name) {
    t_.key = primary_key_def{{}, std::move(columns)};
    name_object(naming::object::primary_key, name, {}, {}, {}, {});
  }

  // `grouped`: a field's membership of the index of an exact name, which other fields may share.
  void add_index(index_def ix, const name_spec& name, bool grouped = false) {
    auto kind = ix.unique ? naming::object::unique : naming::object::index;
    if (grouped && name.from == name_spec::source::exact) {
      // Fields naming the same index form one composite index, in declaration order.
      for (auto& existing : t_.indexes)
        if (existing.name == name.name && existing.unique == ix.unique) {
          existing.columns.push_back(ix.columns.front());
          if (existing.predicate.empty()) existing.predicate = ix.predicate;
          return;
        }
    }
    std::vector<bool> expression;
    for (const auto& part : ix.parts) expression.push_back(part.expression);
    bool inline_unique = ix.parts.empty() && ix.predicate.empty();
    t_.indexes.push_back(std::move(ix));
    const auto& added = t_.indexes.back();
    name_object(kind, name, added.columns, std::move(expression), {}, {}, inline_unique);
  }

  void add_foreign_key(foreign_key_def fk, const name_spec& name) {
    t_.foreign_keys.push_back(std::move(fk));
    const auto& added = t_.foreign_keys.back();
    name_object(naming::object::foreign_key, name, added.columns, {}, added.referenced_table, {});
  }

  // `column`: the column of a column check (empty for a table check); `label`: the convention's token.
  void add_check(check_def ck, const name_spec& name, std::string_view column, std::string_view label) {
    t_.checks.push_back(std::move(ck));
    std::vector<std::string> columns;
    if (!column.empty()) columns.emplace_back(column);
    name_object(naming::object::check, name, std::move(columns), {}, {}, label);
  }

  // Gives every object its name: exact names first, so that the convention's names avoid them.
  table finish(const naming::convention& convention) {
    std::vector<naming::taken_name> taken;
    for (const auto& pending : pending_)
      if (pending.exact) taken.push_back({pending.kind, *pending.target_name(t_)});
    std::vector<naming::request> requests;
    std::vector<const pending_name*> asking;
    for (const auto& pending : pending_)
      if (pending.by_convention) {
        auto r = pending.request;
        r.table = t_.name;
        requests.push_back(std::move(r));
        asking.push_back(&pending);
      }
    auto names = naming::names(convention, requests, std::move(taken));
    for (std::size_t i = 0; i < asking.size(); ++i) *asking[i]->target_name(t_) = std::move(names[i]);
    t_.normalise();
    return std::move(t_);
  }

 private:
  struct pending_name {
    naming::object kind;
    std::size_t position;  // in the table's list of that kind
    bool exact = false;
    bool by_convention = false;
    naming::request request;

    std::string* target_name(table& t) const {
      switch (kind) {
        case naming::object::primary_key: return &t.key->name;
        case naming::object::foreign_key: return &t.foreign_keys[position].name;
        case naming::object::unique:
        case naming::object::index: return &t.indexes[position].name;
        case naming::object::check: return &t.checks[position].name;
      }
      return nullptr;
    }
  };

  void name_object(naming::object kind, const name_spec& name, std::vector<std::string> columns,
                   std::vector<bool> expression, std::string_view referenced_table, std::string_view label,
                   bool inline_unique = true) {
    std::size_t position = kind == naming::object::primary_key ? 0
                           : kind == naming::object::foreign_key ? t_.foreign_keys.size() - 1
                           : kind == naming::object::check       ? t_.checks.size() - 1
                                                                 : t_.indexes.size() - 1;
    pending_name pending{kind, position};
    pending.exact = name.from == name_spec::source::exact;
    pending.by_convention = name.from == name_spec::source::convention;
    if (pending.exact) *pending.target_name(t_) = std::string(name.name);
    pending.request.kind = kind;
    pending.request.columns = std::move(columns);
    pending.request.expression = std::move(expression);
    pending.request.referenced_table = std::string(referenced_table);
    pending.request.label = std::string(label);
    pending.request.inline_unique = inline_unique;
    pending_.push_back(std::move(pending));
  }

  table t_;
  std::vector<pending_name> pending_;
};

inline key_part key_part_from(const key_part_spec& spec) {
  key_part part;
  part.expression = spec.expression;
  part.descending = spec.descending;
  if (spec.prefix_length > 0) part.prefix_length = spec.prefix_length;
  part.collation = std::string(spec.collation);
  part.operator_class = std::string(spec.operator_class);
  return part;
}

inline std::vector<std::string> item_columns(const table_item& item) {
  std::vector<std::string> columns;
  for (std::size_t i = 0; i < item.part_count; ++i) columns.emplace_back(item.parts[i].column);
  return columns;
}

inline void add_table_item(table_reflection& r, const table_item& item) {
  using kind = table_item::kind_t;
  table& t = r.ir();
  switch (item.kind) {
    case kind::primary_key: r.set_key(item_columns(item), item.name); break;
    case kind::index:
    case kind::unique: {
      index_def ix{{}, item_columns(item), item.kind == kind::unique, {}, std::string(item.predicate)};
      for (std::size_t i = 0; i < item.part_count; ++i) ix.parts.push_back(key_part_from(item.parts[i]));
      ix.normalise();
      r.add_index(std::move(ix), item.name);
      break;
    }
    case kind::check:
      r.add_check({{}, std::string(item.expression), {}, {}}, item.name, {}, item.label);
      break;
    case kind::foreign_key: {
      foreign_key_def fk{{}, item_columns(item), std::string(item.referenced_table), {}, item.on_delete, item.on_update,
                         item.deferral};
      for (std::size_t i = 0; i < item.part_count; ++i) fk.referenced_columns.emplace_back(item.referenced_columns[i]);
      r.add_foreign_key(std::move(fk), item.name);
      break;
    }
    case kind::collation: t.collation = std::string(item.label); break;
    case kind::strict: t.strict = true; break;
    case kind::without_rowid: t.without_rowid = true; break;
    case kind::renamed_from:  // not part of the table: the schema's rename hints
    case kind::invalid: break;
  }
}

// The table that a model's field descriptions and table items say, named by `convention`.
inline table table_from(std::string_view table_name, std::span<const field_description> fields,
                        std::span<const table_item> items, const naming::convention& convention) {
  table_reflection r(table_name);
  table& t = r.ir();
  std::vector<std::string> key_columns;
  name_spec key_name;
  for (const auto& d : fields) {
    t.columns.push_back(column_from(d));
    if (d.primary_key) {
      key_columns.emplace_back(d.column);
      if (key_name.from == name_spec::source::convention) key_name = d.key_name;
    }
  }
  if (!key_columns.empty()) r.set_key(std::move(key_columns), key_name);
  for (const auto& item : items)
    if (item.kind == table_item::kind_t::primary_key) add_table_item(r, item);

  for (const auto& d : fields) {
    std::string column(d.column);
    for (const auto* membership : {&d.unique, &d.named_unique, &d.index, &d.named_index})
      if (membership->present)
        r.add_index({{}, {column}, membership == &d.unique || membership == &d.named_unique, {},
                     std::string(membership->predicate)},
                    membership->name, membership == &d.named_unique || membership == &d.named_index);
  }
  for (const auto& item : items)
    if (item.kind == table_item::kind_t::index || item.kind == table_item::kind_t::unique) add_table_item(r, item);

  for (const auto& d : fields)
    if (d.reference) {
      auto target = d.reference();
      r.add_foreign_key({{}, {std::string(d.column)}, std::string(target.table), {std::string(target.column)},
                         d.on_delete, d.on_update, d.deferral},
                        d.reference_name);
    }
  for (const auto& item : items)
    if (item.kind == table_item::kind_t::foreign_key) add_table_item(r, item);

  for (const auto& d : fields) {
    if (!d.enum_values.empty() && !d.native_enum && !d.custom()) {
      check_def ck{{}, {}, std::string(d.column), enum_labels(d)};
      r.add_check(std::move(ck), {}, d.column, d.column);
    }
    if (d.has_check)
      r.add_check({{}, std::string(d.check_expression), {}, {}}, d.check_name, d.column,
                  d.check_label.empty() ? d.column : d.check_label);
  }
  for (const auto& item : items) {
    auto kind = item.kind;
    if (kind == table_item::kind_t::check || kind == table_item::kind_t::collation ||
        kind == table_item::kind_t::strict || kind == table_item::kind_t::without_rowid)
      add_table_item(r, item);
  }
  return r.finish(convention);
}

// The enum types a model's native enum fields need (PostgreSQL CREATE TYPE … AS ENUM).
inline void add_enum_types(schema& s, std::string_view table_name, std::span<const field_description> fields) {
  for (const auto& d : fields) {
    if (!d.native_enum || d.native_enum_type.empty() || d.custom()) continue;
    enum_type_def e{std::string(d.native_enum_type), enum_labels(d)};
    if (const auto* existing = s.find_enum_type(e.name)) {
      if (existing->values != e.values)
        throw schema_error(fmt::format("enum type \"{}\" of {}.{} has other labels than where it was first used ('{}')",
                                       e.name, table_name, d.column, fmt::join(existing->values, "', '")));
      continue;
    }
    s.enum_types.push_back(std::move(e));
  }
}

// The model's renamed_from hints: one for each old name of the table and of each column.
inline void add_rename_hints(std::vector<rename_hint>& hints, std::string_view table_name,
                             std::span<const field_description> fields, std::span<const table_item> items) {
  auto add = [&](std::string_view column, const renamed_from_t& r) {
    for (std::size_t i = 0; i < r.count; ++i)
      hints.push_back({std::string(table_name), std::string(column), std::string(r.names[i])});
  };
  for (const auto& item : items)
    if (item.kind == table_item::kind_t::renamed_from) add({}, item.renamed);
  for (const auto& d : fields) add(d.column, d.renamed);
}

// Sorted by table, column and old name. Two tables cannot both have been one table.
inline void finish_rename_hints(std::vector<rename_hint>& hints) {
  std::sort(hints.begin(), hints.end(), [](const rename_hint& a, const rename_hint& b) {
    return std::tie(a.table, a.column, a.from) < std::tie(b.table, b.column, b.from);
  });
  for (auto a = hints.begin(); a != hints.end(); ++a)
    for (auto b = std::next(a); b != hints.end(); ++b)
      if (a->column.empty() && b->column.empty() && a->from == b->from)
        throw schema_error(fmt::format("tables \"{}\" and \"{}\" both give \"{}\" as their old name "
                                       "(tempest::renamed_from): one table cannot become two",
                                       a->table, b->table, a->from));
}

// What reflect() needs of one model, as constant data: reflecting a model set is then one loop,
// compiled once, instead of code for each model.
struct model_entry {
  std::string_view table;
  std::span<const field_description> fields;
  std::span<const table_item> items;
  naming::convention convention;
};

template <class Model>
inline constexpr auto table_items_of = table_constraints_of<Model>();

template <class Model>
constexpr model_entry entry_of() {
  return {model_data<Model>.table, model_data<Model>.fields, table_items_of<Model>, naming_convention_of<Model>()};
}

inline table reflect_table(const model_entry& m) { return table_from(m.table, m.fields, m.items, m.convention); }

inline schema reflect_all(std::span<const model_entry> models) {
  schema s;
  s.tables.reserve(models.size());
  for (const auto& m : models) s.tables.push_back(reflect_table(m));
  for (const auto& m : models) add_enum_types(s, m.table, m.fields);
  for (const auto& m : models) add_rename_hints(s.renames, m.table, m.fields, m.items);
  finish_rename_hints(s.renames);
  s.normalise();
  return s;
}

template <class Model>
table reflect_table() {
  static constexpr model_entry entry = entry_of<Model>();
  return reflect_table(entry);
}

}  // namespace detail

template <model... Models>
schema reflect() {
  static constexpr detail::model_entry entries[] = {detail::entry_of<Models>()...};
  return detail::reflect_all(entries);
}

}  // namespace tempest
