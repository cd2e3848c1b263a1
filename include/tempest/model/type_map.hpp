#pragma once
// The C++ → logical type map. What a C++ type already says (nullability, integer width, text,
// bytes, time) is never repeated in an annotation.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include <boost/describe/enum.hpp>
#include <boost/describe/enumerators.hpp>

#include "tempest/model/decimal.hpp"
#include "tempest/schema/types.hpp"

namespace tempest::detail {

template <class T>
struct unwrap_optional {
  using type = T;
  static constexpr bool nullable = false;
};
template <class T>
struct unwrap_optional<std::optional<T>> {
  using type = T;
  static constexpr bool nullable = true;
};
template <class T>
using value_type_t = typename unwrap_optional<T>::type;
template <class T>
inline constexpr bool is_nullable_v = unwrap_optional<T>::nullable;

template <class T>
struct is_system_time_point : std::false_type {};
template <class Duration>
struct is_system_time_point<std::chrono::time_point<std::chrono::system_clock, Duration>> : std::true_type {};

template <class T>
inline constexpr bool is_described_enum_v = std::is_enum_v<T> && boost::describe::has_describe_enumerators<T>::value;

template <class T>
inline constexpr bool is_byte_vector_v =
    std::is_same_v<T, std::vector<std::byte>> || std::is_same_v<T, std::vector<unsigned char>> ||
    std::is_same_v<T, std::vector<char>>;

// What a C++ value type is, for the rules on options that depend on it (a default of the right type,
// autoincrement on an integer…): the rules read it from the field's description, not from the type.
enum class value_category : std::uint8_t {
  unsupported,
  boolean,
  signed_integer,
  unsigned_integer,
  floating,
  decimal,
  string,
  enumeration,
  undescribed_enum,
  date,
  timestamp,
  blob,
};

template <class T>
constexpr value_category category_of() {
  if constexpr (std::is_same_v<T, bool>) return value_category::boolean;
  else if constexpr (std::is_same_v<T, char> || std::is_same_v<T, wchar_t> || std::is_same_v<T, char8_t> ||
                     std::is_same_v<T, char16_t> || std::is_same_v<T, char32_t>)
    return value_category::unsupported;
  else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) return value_category::signed_integer;
  else if constexpr (std::is_integral_v<T>) return value_category::unsigned_integer;
  else if constexpr (std::is_floating_point_v<T>) return value_category::floating;
  else if constexpr (std::is_same_v<T, decimal>) return value_category::decimal;
  else if constexpr (std::is_same_v<T, std::string>) return value_category::string;
  else if constexpr (is_described_enum_v<T>) return value_category::enumeration;
  else if constexpr (std::is_enum_v<T>) return value_category::undescribed_enum;
  else if constexpr (std::is_same_v<T, std::chrono::sys_days> || std::is_same_v<T, std::chrono::year_month_day>)
    return value_category::date;
  else if constexpr (is_system_time_point<T>::value) return value_category::timestamp;
  else if constexpr (is_byte_vector_v<T>) return value_category::blob;
  else return value_category::unsupported;
}

// The logical kind of a (non-optional) C++ type, or no value when the type has no mapping. Unsigned
// integers map to the integer kind of their width, marked unsigned (see column_type::is_unsigned).
template <class T>
constexpr std::optional<type_kind> logical_kind() {
  constexpr auto category = category_of<T>();
  if constexpr (category == value_category::signed_integer || category == value_category::unsigned_integer) {
    if constexpr (sizeof(T) == 1) return type_kind::int8;
    else if constexpr (sizeof(T) == 2) return type_kind::int16;
    else if constexpr (sizeof(T) == 4) return type_kind::int32;
    else if constexpr (sizeof(T) == 8) return type_kind::int64;
    else return std::nullopt;
  } else if constexpr (category == value_category::boolean) return type_kind::boolean;
  else if constexpr (category == value_category::floating) {
    if constexpr (std::is_same_v<T, float>) return type_kind::float32;
    else if constexpr (std::is_same_v<T, double>) return type_kind::float64;
    else return std::nullopt;
  } else if constexpr (category == value_category::decimal) return type_kind::decimal;
  else if constexpr (category == value_category::string || category == value_category::enumeration)
    return type_kind::string;
  else if constexpr (category == value_category::date) return type_kind::date;
  else if constexpr (category == value_category::timestamp) return type_kind::timestamp;
  else if constexpr (category == value_category::blob) return type_kind::blob;
  else return std::nullopt;
}

}  // namespace tempest::detail
