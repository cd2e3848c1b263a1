#pragma once
// Internals of the schema snapshot (schema/snapshot.hpp): how the IR's enums are spelled in it, and a
// reader of its JSON that names the path of a bad field in its errors.

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "tempest/error.hpp"
#include "tempest/schema/column.hpp"
#include "tempest/schema/constraints.hpp"
#include "tempest/schema/default_value.hpp"
#include "tempest/schema/types.hpp"

namespace tempest::detail {

// One table per enum, used both ways, so that nothing is written that could not be read back.
template <class E, std::size_t N>
struct snapshot_spellings {
  std::string_view what;  // for errors: "unknown <what> \"…\""
  std::array<std::pair<E, std::string_view>, N> names;

  std::optional<std::string_view> spell(E value) const {
    for (const auto& [v, name] : names)
      if (v == value) return name;
    return std::nullopt;
  }
  std::optional<E> parse(std::string_view text) const {
    for (const auto& [v, name] : names)
      if (name == text) return v;
    return std::nullopt;
  }
};

// The enums that have a to_string are spelled by it.
template <class E, std::size_t N>
constexpr snapshot_spellings<E, N> spelled_by_to_string(std::string_view what, const E (&values)[N]) {
  snapshot_spellings<E, N> out{what, {}};
  for (std::size_t i = 0; i < N; ++i) out.names[i] = {values[i], to_string(values[i])};
  return out;
}

inline constexpr type_kind snapshot_type_kinds[] = {
    type_kind::boolean, type_kind::int8,   type_kind::int16, type_kind::int32,  type_kind::int64,
    type_kind::float32, type_kind::float64, type_kind::decimal, type_kind::string, type_kind::date,
    type_kind::timestamp, type_kind::blob, type_kind::custom, type_kind::enumeration};
inline constexpr auto type_kind_spellings = spelled_by_to_string("type", snapshot_type_kinds);

inline constexpr identity_kind snapshot_identity_kinds[] = {identity_kind::by_default, identity_kind::always,
                                                            identity_kind::serial};
inline constexpr auto identity_spellings = spelled_by_to_string("identity kind", snapshot_identity_kinds);

inline constexpr snapshot_spellings<fk_action, 5> fk_action_spellings{
    "foreign key action",
    {{{fk_action::no_action, "no action"},
      {fk_action::restrict, "restrict"},
      {fk_action::cascade, "cascade"},
      {fk_action::set_null, "set null"},
      {fk_action::set_default, "set default"}}}};

inline constexpr snapshot_spellings<deferrability, 3> deferrability_spellings{
    "deferrability",
    {{{deferrability::not_deferrable, "not deferrable"},
      {deferrability::initially_immediate, "deferrable initially immediate"},
      {deferrability::initially_deferred, "deferrable initially deferred"}}}};

inline constexpr snapshot_spellings<column_default::source, 2> default_source_spellings{
    "default kind", {{{column_default::source::literal, "literal"}, {column_default::source::expression, "expression"}}}};

template <class E, std::size_t N>
std::string_view snapshot_spelling(const snapshot_spellings<E, N>& spellings, E value) {
  if (auto name = spellings.spell(value)) return *name;
  throw schema_error(fmt::format("snapshot: {} {} has no spelling in the snapshot format", spellings.what,
                                 static_cast<int>(value)));
}

// A value inside a snapshot document, with the path that leads to it ("schema.tables[2].name") and
// the names of the objects around it (table "users", column "id") for error messages.
struct snapshot_node {
  const nlohmann::json& value;
  std::string_view origin;  // "snapshot", or "snapshot <file>"
  std::string path;
  std::string context;

  [[noreturn]] void fail(std::string_view what) const {
    throw schema_error(fmt::format("{}: {}{}{}", origin, path.empty() ? "" : path + ": ", what,
                                   context.empty() ? "" : " (" + context + ")"));
  }
  void expect(bool ok, std::string_view expected) const {
    if (!ok) fail(fmt::format("expected {}, got {}", expected, value.type_name()));
  }
  snapshot_node member(std::string_view key, const nlohmann::json& child) const {
    return {child, origin, path.empty() ? std::string(key) : fmt::format("{}.{}", path, key), context};
  }
  // An element of a list of named things: its name, when it has one, joins the context.
  snapshot_node element(std::size_t i, std::string_view what) const {
    snapshot_node out{value[i], origin, fmt::format("{}[{}]", path, i), context};
    const auto& v = value[i];
    if (!what.empty() && v.is_object() && v.contains("name") && v["name"].is_string())
      out.context += fmt::format("{}{} \"{}\"", context.empty() ? "" : ", ", what, v["name"].get_ref<const std::string&>());
    return out;
  }

  std::string as_string() const {
    expect(value.is_string(), "a string");
    return value.get<std::string>();
  }
  bool as_bool() const {
    expect(value.is_boolean(), "a boolean");
    return value.get<bool>();
  }
  int as_int() const {
    expect(value.is_number_integer(), "an integer");
    if (value.is_number_unsigned() ? value.get<std::uint64_t>() > std::numeric_limits<int>::max()
                                   : value.get<std::int64_t>() < std::numeric_limits<int>::min() ||
                                         value.get<std::int64_t>() > std::numeric_limits<int>::max())
      fail(fmt::format("{} is out of range", value.dump()));
    return value.get<int>();
  }
  template <class E, std::size_t N>
  E as(const snapshot_spellings<E, N>& spellings) const {
    auto text = as_string();
    if (auto parsed = spellings.parse(text)) return *parsed;
    fail(fmt::format("unknown {} \"{}\"", spellings.what, text));
  }
  std::vector<std::string> as_strings() const {
    expect(value.is_array(), "an array of strings");
    std::vector<std::string> out;
    for (std::size_t i = 0; i < value.size(); ++i) out.push_back(element(i, {}).as_string());
    return out;
  }
};

// An object of a snapshot document. Its keys are read through optional() and required(); finish()
// refuses any other key (see snapshot.hpp for why).
class snapshot_object {
 public:
  explicit snapshot_object(snapshot_node node) : node_(std::move(node)) { node_.expect(node_.value.is_object(), "an object"); }

  std::optional<snapshot_node> optional(std::string_view key) {
    known_.push_back(key);
    auto it = node_.value.find(key);
    if (it == node_.value.end()) return std::nullopt;
    return node_.member(key, *it);
  }
  snapshot_node required(std::string_view key, std::string_view hint = {}) {
    if (auto child = optional(key)) return *child;
    node_.member(key, node_.value).fail(fmt::format("required key missing{}", hint));
  }

  std::string text(std::string_view key) { return read(key, &snapshot_node::as_string, std::string{}); }
  bool flag(std::string_view key) { return read(key, &snapshot_node::as_bool, false); }
  std::optional<int> number(std::string_view key) {
    auto child = optional(key);
    return child ? std::optional<int>(child->as_int()) : std::nullopt;
  }
  std::vector<std::string> strings(std::string_view key) { return read(key, &snapshot_node::as_strings, {}); }
  template <class E, std::size_t N>
  E choice(std::string_view key, const snapshot_spellings<E, N>& spellings, E fallback) {
    auto child = optional(key);
    return child ? child->as(spellings) : fallback;
  }
  // A list whose elements are read by `read_element(node)`; `what` names them in errors.
  template <class F>
  auto list(std::string_view key, std::string_view what, F read_element) {
    std::vector<std::invoke_result_t<F, snapshot_node>> out;
    auto child = optional(key);
    if (!child) return out;
    child->expect(child->value.is_array(), "an array");
    for (std::size_t i = 0; i < child->value.size(); ++i) out.push_back(read_element(child->element(i, what)));
    return out;
  }

  void finish() const {
    for (const auto& item : node_.value.items())
      if (std::find(known_.begin(), known_.end(), item.key()) == known_.end())
        node_.member(item.key(), item.value()).fail("unknown key");
  }

 private:
  template <class T>
  T read(std::string_view key, T (snapshot_node::*as)() const, T fallback) {
    auto child = optional(key);
    return child ? ((*child).*as)() : fallback;
  }

  snapshot_node node_;
  std::vector<std::string_view> known_;
};

// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
inline std::string_view json_error_text(const nlohmann::json::exception& e) {
  std::string_view what = e.what();
  if (auto end = what.find("] "); what.starts_with("[json.exception.") && end != std::string_view::npos)
    what.remove_prefix(end + 2);
  return what;
}

// Reads an object through `read(snapshot_object&)`, then refuses the keys that were not read.
template <class F>
auto read_object(const snapshot_node& node, F read) {
  snapshot_object object(node);
  auto value = read(object);
  object.finish();
  return value;
}

}  // namespace tempest::detail
