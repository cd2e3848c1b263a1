// Compile-fail case: a text default holding a NUL byte.
#include <string_view>

#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::string name;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key),
              (name, tempest::default_value(std::string_view("a\0b", 3))));

int main() {}
