// Compile-fail case: a NaN default.
#include <limits>

#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  double ratio;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key),
              (ratio, tempest::default_value(std::numeric_limits<double>::quiet_NaN())));

int main() {}
