#pragma once
// What the differ reports besides operations: what it leaves alone and why.

#include <cstdint>
#include <string>
#include <string_view>

namespace tempest {

struct diff_finding {
  enum class kind : std::uint8_t {
    unmanaged_table,      // in the database, not in the models: left alone, never dropped
    unmanaged_enum_type,  // the same for a PostgreSQL enum type
    possible_rename,      // a drop and an add of the same shape without a renamed_from hint
    ignored_hint,         // a renamed_from hint that cannot apply (both names exist, or neither)
    history_follows_models,  // the history creates tables with create_table<Model>(): it cannot see their changes
  };
  kind type;
  std::string table;
  std::string column;  // empty: about the table (or the enum type named by `table`)
  std::string message;
};

constexpr std::string_view to_string(diff_finding::kind k) noexcept {
  switch (k) {
    case diff_finding::kind::unmanaged_table: return "unmanaged table";
    case diff_finding::kind::unmanaged_enum_type: return "unmanaged enum type";
    case diff_finding::kind::possible_rename: return "possible rename";
    case diff_finding::kind::ignored_hint: return "ignored hint";
    case diff_finding::kind::history_follows_models: return "history follows the models";
  }
  return "?";
}

}  // namespace tempest
