// Compile-fail case: a naming convention pattern with a token that does not exist.
#include <tempest/model/model.hpp>

namespace app {
TEMPEST_NAMING_CONVENTION(tempest::naming::convention{.primary_key = "pk_{tablename}"});
}

int main() {}
