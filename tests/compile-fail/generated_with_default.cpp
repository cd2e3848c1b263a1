// Compile-fail case: a generated column given a default as well.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::int64_t quantity;
  std::int64_t doubled;
};
TEMPEST_MODEL(Account, "lines", (id, tempest::primary_key), (quantity),
              (doubled, tempest::stored_generated("quantity * 2"), tempest::default_value(0)));

int main() {}
