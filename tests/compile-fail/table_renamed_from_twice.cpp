// Compile-fail case: renamed_from given twice to one table (every old name goes in one option).
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key));
TEMPEST_TABLE_CONSTRAINTS(Account, tempest::renamed_from("users"), tempest::renamed_from("members"));

int main() {}
