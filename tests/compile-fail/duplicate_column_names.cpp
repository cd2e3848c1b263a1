// Compile-fail case: two fields mapped to one column name.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::string name;
  std::string title;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (name), (title, tempest::column_name("name")));

int main() {}
