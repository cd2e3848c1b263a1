// Compile-fail case: a field type with no column mapping and no sql_type.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::vector<int> scores;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (scores));

int main() {}
