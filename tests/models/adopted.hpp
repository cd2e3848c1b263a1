#pragma once
// Models of the kind an existing database needs: names given exactly or left to the database, each
// naming convention, and the options for what hand-written schemas hold (partial and expression
// indexes, DESC and prefix key parts, native enums, unsigned integers, collations, ON UPDATE,
// deferrable foreign keys, identity kinds, SQLite table options, a cycle of foreign keys).

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <tempest/model/model.hpp>
#include <tempest/model/reflect.hpp>

namespace adopted {

enum class mood { happy, sad, ok };
BOOST_DESCRIBE_ENUM(mood, happy, sad, ok)

// A bool default whatever the column type says: 0/1 on SQLite and MySQL, false/true on PostgreSQL.
struct toggle {
  std::int64_t id;
  bool active;
  bool visible;
};
TEMPEST_MODEL(toggle, "toggle",
              (id, tempest::primary_key),
              (active, tempest::sql_type("BOOL"), tempest::default_value(false)),
              (visible, tempest::sql_type("BOOLEAN"), tempest::default_value(true)));

// One-byte and unsigned integers, and partial indexes given to a column.
struct counter {
  std::int64_t id;
  std::uint8_t small;
  std::uint32_t medium;
  std::int8_t tiny;
  std::optional<std::int32_t> score;
};
TEMPEST_MODEL(counter, "counter",
              (id, tempest::primary_key),
              (small, tempest::default_value(200)),
              (medium, tempest::unique.where("medium > 0")),
              (tiny),
              (score, tempest::index.named("counter_scored").where("score IS NOT NULL")));

// Names given exactly, or left to the database (tempest::unnamed); the rest by tempest's convention.
namespace exact {

struct account {
  std::int64_t id;
  std::string email;
  std::optional<std::int64_t> referrer_id;
  std::int32_t balance;
  std::string region;
};
TEMPEST_MODEL(account, "account",
              (id, tempest::primary_key.named("account_pk"), tempest::autoincrement),
              (email, tempest::length(100), tempest::unique.named(tempest::unnamed)),
              (referrer_id, tempest::references<&account::id>(tempest::on_delete::set_null).named("account_referrer_fk")),
              (balance, tempest::check("balance >= 0").named("non_negative_balance")),
              (region, tempest::length(10), tempest::index));
TEMPEST_TABLE_CONSTRAINTS(account,
                          tempest::check("email <> ''").named(tempest::unnamed),
                          tempest::check("short_region", "length(region) < 5"));

struct membership {
  std::int64_t account_id;
  std::int64_t group_id;
};
TEMPEST_MODEL(membership, "membership",
              (account_id, tempest::references<&account::id>().named(tempest::unnamed)),
              (group_id));
TEMPEST_TABLE_CONSTRAINTS(membership,
                          tempest::primary_key(&membership::account_id, &membership::group_id).named("membership_pk"),
                          tempest::unique(&membership::group_id, &membership::account_id).named("membership_by_group"));

}  // namespace exact

// PostgreSQL's names, for every model of the namespace.
namespace postgresql_names {
TEMPEST_NAMING_CONVENTION(tempest::naming::postgresql);

struct customer {
  std::int64_t id;
  std::string email;
  std::string country;
  std::int32_t credit;
};
TEMPEST_MODEL(customer, "customer",
              (id, tempest::primary_key, tempest::autoincrement),
              (email, tempest::length(100), tempest::unique),
              (country, tempest::length(2), tempest::index),
              (credit, tempest::check("credit >= 0")));
TEMPEST_TABLE_CONSTRAINTS(customer,
                          tempest::check("credit", "credit < 1000000"),
                          tempest::index(tempest::expression("lower((email)::text)")));

struct invoice_line {
  std::int64_t invoice_id;
  std::int32_t line_number;
  std::int64_t customer_id;
  std::int64_t comment_identifier_reference;
};
TEMPEST_MODEL(invoice_line, "invoice_line_items_kept_for_the_auditors_of_the_tax_office",
              (invoice_id),
              (line_number),
              (customer_id, tempest::references<&customer::id>()),
              (comment_identifier_reference, tempest::references<&customer::id>()));
TEMPEST_TABLE_CONSTRAINTS(invoice_line, tempest::primary_key(&invoice_line::invoice_id, &invoice_line::line_number),
                          tempest::unique(&invoice_line::customer_id, &invoice_line::comment_identifier_reference));

struct line_note {
  std::int64_t id;
  std::int64_t invoice_id;
  std::int32_t line_number;
};
TEMPEST_MODEL(line_note, "line_note", (id, tempest::primary_key), (invoice_id), (line_number));
TEMPEST_TABLE_CONSTRAINTS(line_note,
                          tempest::foreign_key(&line_note::invoice_id, &line_note::line_number)
                              .references<&invoice_line::invoice_id, &invoice_line::line_number>(tempest::on_delete::cascade));

}  // namespace postgresql_names

// MariaDB's names.
namespace mariadb_names {
TEMPEST_NAMING_CONVENTION(tempest::naming::mariadb);

struct customer {
  std::int64_t id;
  std::string email;
  std::int32_t credit;
};
TEMPEST_MODEL(customer, "customer",
              (id, tempest::primary_key, tempest::autoincrement),
              (email, tempest::length(100), tempest::unique, tempest::index),
              (credit, tempest::check("credit >= 0")));
TEMPEST_TABLE_CONSTRAINTS(customer, tempest::check("credit", "credit < 1000000"));

struct invoice {
  std::int64_t id;
  std::int64_t customer_id;
  std::optional<std::int64_t> payer_id;
};
TEMPEST_MODEL(invoice, "invoice",
              (id, tempest::primary_key, tempest::autoincrement),
              (customer_id, tempest::references<&customer::id>(), tempest::index),
              (payer_id, tempest::references<&customer::id>(tempest::on_delete::set_null), tempest::index));

}  // namespace mariadb_names

// SQLite keeps no names: everything unnamed but indexes.
namespace sqlite_names {
TEMPEST_NAMING_CONVENTION(tempest::naming::sqlite);

struct artist {
  std::int64_t id;
  std::string name;
};
TEMPEST_MODEL(artist, "artist", (id, tempest::primary_key, tempest::autoincrement), (name, tempest::length(120), tempest::unique));

struct album {
  std::int64_t id;
  std::int64_t artist_id;
  std::string title;
  std::int32_t year;
};
TEMPEST_MODEL(album, "album",
              (id, tempest::primary_key, tempest::autoincrement),
              (artist_id, tempest::references<&artist::id>(tempest::on_delete::cascade), tempest::index),
              (title, tempest::length(160)),
              (year, tempest::check("year > 1900")));
TEMPEST_TABLE_CONSTRAINTS(album, tempest::unique(&album::artist_id, &album::title));

}  // namespace sqlite_names

// A pattern of the user's own for the namespace, and one model that follows another convention.
namespace own_names {
TEMPEST_NAMING_CONVENTION(tempest::naming::convention{.primary_key = "{table}_pk",
                                                      .foreign_key = "{table}_{columns}_to_{referred_table}",
                                                      .unique = "{table}_{column}_uniq",
                                                      .index = "{table}_{columns}_ix",
                                                      .check = "{table}_{label}_ck"});

struct tag {
  std::int64_t id;
  std::string label;
  std::int32_t weight;
};
TEMPEST_MODEL(tag, "tag",
              (id, tempest::primary_key),
              (label, tempest::length(40), tempest::unique),
              (weight, tempest::check("weight > 0"), tempest::index));

struct tagging {
  std::int64_t tag_id;
  std::int64_t item_id;
};
TEMPEST_MODEL(tagging, "tagging", (tag_id, tempest::references<&tag::id>()), (item_id));
TEMPEST_TABLE_CONSTRAINTS(tagging, tempest::primary_key(&tagging::tag_id, &tagging::item_id));
TEMPEST_MODEL_NAMING_CONVENTION(tagging, tempest::naming::postgresql);

}  // namespace own_names

// The options for what existing schemas hold, by tempest's convention.
namespace options {

struct person {
  std::int64_t id;
  std::string email;
  std::string name;
  std::optional<std::chrono::system_clock::time_point> deleted_at;
  mood current_mood;
  std::uint8_t age;
  std::uint64_t visits;
  std::int8_t level;
  bool active;
  std::chrono::system_clock::time_point updated_at;
  tempest::decimal price;
};
TEMPEST_MODEL(person, "person",
              (id, tempest::primary_key, tempest::identity_always),
              (email, tempest::length(255), tempest::collation("C")),
              (name, tempest::length(100)),
              (deleted_at),
              (current_mood, tempest::native_enum("mood"), tempest::default_value(mood::ok)),
              (age, tempest::default_value(18)),
              (visits, tempest::default_value(18446744073709551615ull)),
              (level, tempest::default_value(-5)),
              (active, tempest::sql_type("BOOL"), tempest::default_value(false)),
              (updated_at, tempest::default_sql("CURRENT_TIMESTAMP"), tempest::on_update_current_timestamp),
              (price, tempest::precision(10, 2), tempest::default_value(tempest::decimal{"0.990"})));
TEMPEST_TABLE_CONSTRAINTS(person,
                          tempest::unique(tempest::expression("lower(email)")).where("deleted_at IS NULL"),
                          tempest::index(&person::name, tempest::desc(&person::id)),
                          tempest::index("ix_person_email_prefix", tempest::prefix(&person::email, 10)),
                          tempest::index(tempest::key(&person::name).opclass("text_pattern_ops").collate("C")),
                          tempest::collation("utf8mb4_bin"));

// A cycle of foreign keys: the department's manager is an employee, who works in a department.
struct department;
struct employee {
  std::int64_t id;
  std::optional<std::int64_t> department_id;
};
struct department {
  std::int64_t id;
  std::optional<std::int64_t> manager_id;
};
TEMPEST_MODEL(employee, "employee", (id, tempest::primary_key, tempest::serial), (department_id));
TEMPEST_MODEL(department, "department",
              (id, tempest::primary_key),
              (manager_id, tempest::references<&employee::id>(tempest::on_delete::set_null).deferrable()));
TEMPEST_TABLE_CONSTRAINTS(employee, tempest::foreign_key(&employee::department_id)
                                        .references<&department::id>(tempest::on_delete::set_null)
                                        .initially_deferred());

struct ledger {
  std::int64_t id;
  std::string entry;
};
TEMPEST_MODEL(ledger, "ledger", (id, tempest::primary_key), (entry));
TEMPEST_TABLE_CONSTRAINTS(ledger, tempest::strict, tempest::without_rowid);

}  // namespace options

// The options each database has, for the tests that create the models there.
namespace on_sqlite {

struct album {
  std::int64_t id;
};
TEMPEST_MODEL(album, "album", (id, tempest::primary_key, tempest::autoincrement));

struct track {
  std::int64_t id;
  std::int64_t album_id;
  std::string title;
  std::optional<std::string> deleted_at;
  bool is_explicit;
};
TEMPEST_MODEL(track, "track",
              (id, tempest::primary_key, tempest::autoincrement),
              (album_id, tempest::references<&album::id>(tempest::on_delete::cascade).initially_deferred()),
              (title, tempest::length(200), tempest::collation("NOCASE")),
              (deleted_at),
              (is_explicit, tempest::sql_type("BOOL"), tempest::default_value(false)));
TEMPEST_TABLE_CONSTRAINTS(track,
                          tempest::unique(&track::album_id, &track::title).where("deleted_at IS NULL"),
                          tempest::index(tempest::expression("lower(title)")),
                          tempest::index(&track::album_id, tempest::desc(&track::id)));

// STRICT allows only INT, INTEGER, REAL, TEXT, BLOB and ANY: the types are spelled out.
struct ledger {
  std::int64_t id;
  std::string entry;
};
TEMPEST_MODEL(ledger, "ledger",
              (id, tempest::primary_key, tempest::sql_type("INTEGER")),
              (entry, tempest::sql_type("TEXT")));
TEMPEST_TABLE_CONSTRAINTS(ledger, tempest::strict, tempest::without_rowid);

}  // namespace on_sqlite

namespace on_postgresql {

struct person {
  std::int64_t id;
  std::string email;
  std::string name;
  std::optional<std::chrono::system_clock::time_point> deleted_at;
  mood current_mood;
  bool active;
};
TEMPEST_MODEL(person, "person",
              (id, tempest::primary_key, tempest::identity_always),
              (email, tempest::length(255), tempest::collation("C")),
              (name, tempest::length(100)),
              (deleted_at),
              (current_mood, tempest::native_enum("mood"), tempest::default_value(mood::ok)),
              (active, tempest::sql_type("BOOL"), tempest::default_value(false)));
TEMPEST_TABLE_CONSTRAINTS(person,
                          tempest::unique(tempest::expression("lower((email)::text)")).where("(deleted_at IS NULL)"),
                          tempest::index(&person::name, tempest::desc(&person::id)),
                          tempest::index(tempest::key(&person::name).opclass("text_pattern_ops")));

struct employee;
struct department {
  std::int64_t id;
  std::optional<std::int64_t> manager_id;
};
struct employee {
  std::int64_t id;
  std::int64_t department_id;
};
TEMPEST_MODEL(department, "department", (id, tempest::primary_key, tempest::serial), (manager_id));
TEMPEST_MODEL(employee, "employee",
              (id, tempest::primary_key, tempest::autoincrement),
              (department_id, tempest::references<&department::id>().deferrable()));
TEMPEST_TABLE_CONSTRAINTS(department, tempest::foreign_key(&department::manager_id)
                                          .references<&employee::id>(tempest::on_delete::set_null)
                                          .initially_deferred());

}  // namespace on_postgresql

namespace on_mysql {

struct person {
  std::uint64_t id;
  std::string email;
  std::string name;
  mood current_mood;
  std::uint8_t age;
  std::int8_t level;
  bool active;
  std::chrono::system_clock::time_point updated_at;
};
TEMPEST_MODEL(person, "person",
              (id, tempest::primary_key, tempest::autoincrement),
              (email, tempest::length(255), tempest::collation("utf8mb4_bin")),
              (name, tempest::length(100)),
              (current_mood, tempest::native_enum(), tempest::default_value(mood::ok)),
              (age, tempest::default_value(18)),
              (level),
              (active, tempest::sql_type("BOOL"), tempest::default_value(false)),
              (updated_at, tempest::default_sql("CURRENT_TIMESTAMP"), tempest::on_update_current_timestamp));
TEMPEST_TABLE_CONSTRAINTS(person,
                          tempest::index(tempest::prefix(&person::email, 10)),
                          tempest::index(&person::name, tempest::desc(&person::id)),
                          tempest::collation("utf8mb4_general_ci"));

}  // namespace on_mysql

// Generated columns: STORED everywhere, VIRTUAL where the database has it (not PostgreSQL).
namespace generated_columns {

struct line_item {
  std::int64_t id;
  std::int64_t quantity;
  std::int64_t unit_cents;
  std::int64_t total_cents;
};
TEMPEST_MODEL(line_item, "line_item",
              (id, tempest::primary_key),
              (quantity),
              (unit_cents),
              (total_cents, tempest::stored_generated("quantity * unit_cents")));

struct label {
  std::int64_t id;
  std::string text;
  std::optional<std::int64_t> text_length;
};
TEMPEST_MODEL(label, "label", (id, tempest::primary_key), (text, tempest::length(40)),
              (text_length, tempest::generated("length(text)")));

// MariaDB prints a generation expression its own way (backquoted names, length as octet_length):
// a model for it says it so.
namespace on_mysql {
struct label {
  std::int64_t id;
  std::string text;
  std::optional<std::int64_t> text_length;
  std::optional<std::int64_t> text_bytes;
};
TEMPEST_MODEL(label, "label", (id, tempest::primary_key), (text, tempest::length(40)),
              (text_length, tempest::generated("char_length(`text`)")),
              (text_bytes, tempest::stored_generated("octet_length(`text`)")));
}  // namespace on_mysql

}  // namespace generated_columns

}  // namespace adopted
