#pragma once
// FNV-1a hashes: stable across platforms and versions, which is what names, lock keys and
// checksums derived from them need.

#include <cstdint>
#include <string_view>

namespace tempest::detail {

constexpr std::uint32_t fnv1a32(std::string_view text) noexcept {
  std::uint32_t hash = 2166136261u;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

// `hash` continues a hash: fnv1a64(b, fnv1a64(a)) == fnv1a64(a + b).
constexpr std::uint64_t fnv1a64(std::string_view text, std::uint64_t hash = 14695981039346656037ull) noexcept {
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  return hash;
}

}  // namespace tempest::detail
