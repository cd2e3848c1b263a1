// Compile-fail case: one old name given twice in one renamed_from.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::string email;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (email, tempest::renamed_from("mail", "mail")));

int main() {}
