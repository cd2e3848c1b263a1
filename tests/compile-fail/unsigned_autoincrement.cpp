// Compile-ok case: unsigned integers map to a column type; a std::uint64_t key can autoincrement, and
// autoincrement goes with a type spelled out by sql_type.
#include <tempest/model/model.hpp>
#include <tempest/model/reflect.hpp>

struct Account {
  std::uint64_t id;
  std::uint8_t age;
  std::uint16_t a;
  std::uint32_t b;
  std::int8_t level;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key, tempest::autoincrement),
              (age, tempest::default_value(255)), (a), (b), (level, tempest::default_value(-128)));

struct Legacy {
  std::int64_t id;
};
TEMPEST_MODEL(Legacy, "legacy", (id, tempest::primary_key, tempest::autoincrement, tempest::sql_type("BIGINT UNSIGNED")));

int main() { return tempest::reflect<Account, Legacy>().tables.size() == 2 ? 0 : 1; }
