// Compile-fail case: autoincrement with sql_type on a field that holds text: the C++ type decides.
#include <tempest/model/model.hpp>

struct Account {
  std::string id;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key, tempest::autoincrement, tempest::sql_type("SERIAL")));

int main() {}
