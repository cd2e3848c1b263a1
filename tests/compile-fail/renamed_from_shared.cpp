// Compile-fail case: two fields that say they were the same column.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::string email;
  std::string backup_email;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (email, tempest::renamed_from("mail")),
              (backup_email, tempest::renamed_from("mail")));

int main() {}
