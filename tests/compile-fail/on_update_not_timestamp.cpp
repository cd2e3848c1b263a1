// Compile-fail case: ON UPDATE CURRENT_TIMESTAMP on a field that is not a time point.
#include <tempest/model/model.hpp>

struct Account {
  std::int64_t id;
  std::int64_t version;
};
TEMPEST_MODEL(Account, "accounts", (id, tempest::primary_key), (version, tempest::on_update_current_timestamp));

int main() {}
