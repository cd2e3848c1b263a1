// Compile-fail case: an old name that is the column's name now (given by column_name).
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::string email;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key),
              (email, tempest::column_name("mail"), tempest::renamed_from("e_mail", "mail")));

int main() {}
