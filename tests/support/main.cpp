// The Catch2 main of tempest_tests: Catch's own main, plus skipping.
//
// Catch2 v2 cannot skip a test, so tempest_test::skip() throws tempest_test::skipped. Catch reports it
// like any escaped exception (one failed assertion, message "skipped: <test>: <reason>"), and this main
// turns a run whose only failures are skips into exit code 77, which ctest reports as "Skipped"
// (SKIP_RETURN_CODE 77). A run with any other failure keeps its failing exit code.
#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include <iostream>
#include <set>

#include "database.hpp"

namespace {
int skip_count = 0;
std::set<std::string> skip_messages;
}  // namespace

CATCH_TRANSLATE_EXCEPTION(tempest_test::skipped const& e) {
  ++skip_count;
  skip_messages.insert(e.message);
  return e.message;
}

int main(int argc, char* argv[]) {
  int const rc = Catch::Session().run(argc, argv);
  tempest_test::detail::cleanup();
  for (auto const& message : skip_messages) std::cout << message << '\n';
  if (skip_count > 0 && rc == skip_count) return 77;
  return rc == 77 ? 1 : rc;  // 77 failed assertions must not read as "skipped"
}
