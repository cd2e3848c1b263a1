// A downstream project: proves that tempest::tempest brings every include path and library needed
// to reflect a model, create it in SQLite and read it back.
#include <cstdint>
#include <string>

#include <tempest/migrations.hpp>

namespace consumer {
struct note {
  std::int64_t id;
  std::string text;
};
TEMPEST_MODEL(note, "notes", (id, tempest::primary_key, tempest::autoincrement), (text, tempest::length(200)));
}  // namespace consumer

int main() {
  auto target = tempest::reflect<consumer::note>();
  tempest::connection db("sqlite::memory:");
  tempest::create_schema(db, target);
  return tempest::introspect(db) == db.sql_dialect().stored_form(target) ? 0 : 1;
}
