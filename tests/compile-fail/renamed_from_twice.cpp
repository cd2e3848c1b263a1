// Compile-fail case: renamed_from given twice to one field (every old name goes in one option).
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::string email;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key),
              (email, tempest::renamed_from("mail"), tempest::renamed_from("e_mail")));

int main() {}
