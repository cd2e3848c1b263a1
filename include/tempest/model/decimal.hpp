#pragma once
// tempest::decimal: an exact number kept as its decimal text, mapped to NUMERIC(precision, scale).

#include <string>

namespace tempest {

struct decimal {
  std::string text;

  friend bool operator==(const decimal&, const decimal&) = default;
};

}  // namespace tempest
