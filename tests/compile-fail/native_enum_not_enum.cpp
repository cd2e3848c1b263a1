// Compile-fail case: native_enum on a field that is not an enum.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::string mood;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (mood, tempest::native_enum("mood")));

int main() {}
