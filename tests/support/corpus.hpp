#pragma once
// The hand-written schemas of tests/corpus/<database>/<name>.sql, as text.

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace tempest_test {

inline std::string corpus_sql(std::string_view database, std::string_view name) {
  auto path = std::filesystem::path(__FILE__).parent_path().parent_path() / "corpus" / database /
              (std::string(name) + ".sql");
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace tempest_test
