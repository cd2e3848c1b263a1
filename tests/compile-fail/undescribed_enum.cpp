// Compile-fail case: an enum without BOOST_DESCRIBE_ENUM.
#include <tempest/model/model.hpp>

enum class colour { red, green };
struct Account {
  std::int64_t id;
  colour favourite;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (favourite));

int main() {}
