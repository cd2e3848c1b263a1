#pragma once
// The naming convention for constraints and indexes: pk_<table>, fk_<table>_<columns>_<referenced>,
// ix_<table>_<columns>, uq_<table>_<columns>, ck_<table>_<label>. A name longer than the shortest
// identifier limit of the supported databases (PostgreSQL's 63 bytes) keeps a readable prefix and
// ends in a stable hash of the whole name, so long names neither collide nor get truncated by the
// database into a name that introspection would report as new.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "tempest/detail/fnv1a.hpp"

namespace tempest::naming {

inline constexpr std::size_t max_identifier_bytes = 63;

constexpr std::uint32_t fnv1a(std::string_view text) noexcept { return ::tempest::detail::fnv1a32(text); }

inline std::string fit(std::string name, std::size_t limit = max_identifier_bytes) {
  if (name.size() <= limit) return name;
  auto suffix = fmt::format("_{:08x}", fnv1a(name));
  std::size_t keep = limit - suffix.size();
  // Never cut a UTF-8 sequence in half: back up to the start of a code point.
  while (keep > 0 && (static_cast<unsigned char>(name[keep]) & 0xC0) == 0x80) --keep;
  name.resize(keep);
  return name + suffix;
}

namespace detail {
inline std::string joined(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) {
    if (!out.empty()) out += '_';
    out += c;
  }
  return out;
}
}  // namespace detail

inline std::string primary_key(std::string_view table) { return fit(fmt::format("pk_{}", table)); }

inline std::string foreign_key(std::string_view table, const std::vector<std::string>& columns,
                               std::string_view referenced_table) {
  return fit(fmt::format("fk_{}_{}_{}", table, detail::joined(columns), referenced_table));
}

inline std::string index(std::string_view table, const std::vector<std::string>& columns) {
  return fit(fmt::format("ix_{}_{}", table, detail::joined(columns)));
}

inline std::string unique(std::string_view table, const std::vector<std::string>& columns) {
  return fit(fmt::format("uq_{}_{}", table, detail::joined(columns)));
}

inline std::string check(std::string_view table, std::string_view label) {
  return fit(fmt::format("ck_{}_{}", table, label));
}

}  // namespace tempest::naming
