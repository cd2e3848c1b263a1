// Writes the migrations of the codegen fixture (cases.hpp) into the folder given: code mode under
// code/, raw mode under raw/, each with its registry; frozen/ holds frozen_models.hpp's migration frozen. Run at build time (tests/CMakeLists.txt);
// codegen_roundtrip.cpp includes both registries and finds each case's migrations by their label.

#include <chrono>
#include <cstdio>
#include <filesystem>

#include "tempest/codegen/freeze.hpp"
#include "tempest/codegen/revision.hpp"

#include "codegen_fixture/cases.hpp"
#include "codegen_fixture/frozen_models.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_FOLDER\n", argv[0]);
    return 2;
  }
  const std::filesystem::path folder = argv[1];
  try {
    std::filesystem::remove_all(folder / "code");
    std::filesystem::remove_all(folder / "raw");
    std::filesystem::create_directories(folder / "frozen");
    tempest::codegen::write_frozen(tempest::codegen::freeze_revision(codegen_fixture::frozen_models::from_models(),
                                                                     (folder / "frozen").string(), std::nullopt,
                                                                     "codegen_fixture::frozen"));
    const auto start = std::chrono::sys_days(std::chrono::year(2026) / 1 / 1);
    const auto all = codegen_fixture::cases();
    for (std::size_t i = 0; i < all.size(); ++i) {
      const auto& c = all[i];
      for (auto mode : {tempest::codegen::output_mode::code, tempest::codegen::output_mode::raw}) {
        tempest::codegen::revision_request r;
        r.message = c.name;
        r.up = c.plan();
        r.before = tempest::dialect_for(c.dialect).stored_form(c.current);
        r.before.normalise();
        r.mode = mode;
        r.dialect = c.dialect;
        r.now = start + std::chrono::minutes(i);
        const bool code = mode == tempest::codegen::output_mode::code;
        r.directory = (folder / (code ? "code" : "raw")).string();
        r.namespace_name = code ? "codegen_fixture::code" : "codegen_fixture::raw";
        try {
          tempest::codegen::write_revision(tempest::codegen::generate_revision(r));
        } catch (const tempest::error& e) {
          // Raw mode renders the plan, which needs the runner's replay to hold; the test names the
          // cases left out.
          if (code) throw;
          std::fprintf(stderr, "codegen fixture: no raw migration for %s: %s\n", c.name.c_str(), e.what());
        }
      }
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "codegen fixture: %s\n", e.what());
    return 1;
  }
  return 0;
}
