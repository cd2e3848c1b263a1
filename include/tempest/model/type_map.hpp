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

// The logical kind of a (non-optional) C++ type, or no value when the type has no mapping.
template <class T>
constexpr std::optional<type_kind> logical_kind() {
  if constexpr (std::is_same_v<T, bool>) return type_kind::boolean;
  else if constexpr (std::is_same_v<T, std::int16_t>) return type_kind::int16;
  else if constexpr (std::is_same_v<T, std::int32_t>) return type_kind::int32;
  else if constexpr (std::is_same_v<T, std::int64_t> || std::is_same_v<T, long long>) return type_kind::int64;
  else if constexpr (std::is_same_v<T, float>) return type_kind::float32;
  else if constexpr (std::is_same_v<T, double>) return type_kind::float64;
  else if constexpr (std::is_same_v<T, decimal>) return type_kind::decimal;
  else if constexpr (std::is_same_v<T, std::string>) return type_kind::string;
  else if constexpr (is_described_enum_v<T>) return type_kind::string;
  else if constexpr (std::is_same_v<T, std::chrono::sys_days> || std::is_same_v<T, std::chrono::year_month_day>)
    return type_kind::date;
  else if constexpr (is_system_time_point<T>::value) return type_kind::timestamp;
  else if constexpr (is_byte_vector_v<T>) return type_kind::blob;
  else return std::nullopt;
}

}  // namespace tempest::detail
