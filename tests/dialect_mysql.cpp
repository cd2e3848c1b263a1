#include <catch2/catch.hpp>

#include <tempest/dialect/mysql.hpp>

#include "models/dialect_fixtures.hpp"

using namespace tempest;

TEST_CASE("mysql dialect: CREATE TABLE with every type, default and constraint") {
  mysql_dialect d;
  auto statements = d.create_table(fixtures::every_type());
  // One statement: MySQL declares the indexes inside CREATE TABLE.
  REQUIRE(statements.size() == 1);
  CHECK(statements[0] ==
        "CREATE TABLE `things` (\n"
        "  `id` BIGINT NOT NULL AUTO_INCREMENT,\n"
        "  `flag` TINYINT(1) NOT NULL DEFAULT 1,\n"
        "  `small` SMALLINT,\n"
        "  `medium` INT NOT NULL DEFAULT -7,\n"
        "  `f32` FLOAT,\n"
        "  `f64` DOUBLE,\n"
        "  `price` DECIMAL(10, 2) NOT NULL DEFAULT 9.5,\n"
        "  `code` VARCHAR(20) NOT NULL DEFAULT 'it''s',\n"
        "  `notes` LONGTEXT,\n"
        "  `day` DATE,\n"
        "  `at` DATETIME(6) NOT NULL DEFAULT (CURRENT_TIMESTAMP),\n"
        "  `data` LONGBLOB,\n"
        "  `vec` vector(3),\n"
        "  CONSTRAINT `pk_things` PRIMARY KEY (`id`),\n"
        "  INDEX `ix_things_code_day` (`code`, `day`),\n"
        "  UNIQUE INDEX `uq_things_code` (`code`),\n"
        "  CONSTRAINT `ck_things_code` CHECK (`code` IN ('a', 'b''c'))\n"
        ") ENGINE=InnoDB");
}

TEST_CASE("mysql dialect: backtick quoting") {
  mysql_dialect d;
  auto t = fixtures::awkward_names();
  CHECK(d.create_table(t)[0] ==
        "CREATE TABLE `order` (\n"
        "  `group` INT NOT NULL,\n"
        "  `a\"b``c'd` VARCHAR(5),\n"
        "  `größe x` BIGINT,\n"
        "  CONSTRAINT `pk_order` PRIMARY KEY (`group`),\n"
        "  CONSTRAINT `fk_order_größe x_user` FOREIGN KEY (`größe x`) REFERENCES `user` (`id`) "
        "ON DELETE SET NULL ON UPDATE CASCADE\n"
        ") ENGINE=InnoDB");
  CHECK(d.quote("x`; DROP TABLE users; --") == "`x``; DROP TABLE users; --`");
}

TEST_CASE("mysql dialect: DROP INDEX names its table; unbounded text cannot be indexed") {
  mysql_dialect d;
  CHECK(d.drop_index("things", "ix_a") == "DROP INDEX `ix_a` ON `things`");
  CHECK(d.drop_table("order") == "DROP TABLE `order`");
  auto t = fixtures::every_type();
  CHECK_THROWS_WITH(d.create_index(t, {"ix_things_notes", {"notes"}, false}),
                    Catch::Contains("ix_things_notes") && Catch::Contains("things.notes") &&
                        Catch::Contains("tempest::length"));
  CHECK_THROWS_WITH(d.quote(std::string(65, 'x')), Catch::Contains("the limit is 64"));
}

TEST_CASE("mysql dialect: stored form names the primary key PRIMARY") {
  mysql_dialect d;
  schema s;
  s.tables.push_back(fixtures::every_type());
  auto stored = d.stored_form(s);
  CHECK(stored.tables[0].key->name == "PRIMARY");
}

TEST_CASE("mysql dialect: COLUMN_TYPE spellings read into logical types") {
  mysql_dialect d;
  // Display widths are dropped; tinyint(1) alone is the boolean convention.
  CHECK(d.parse_type("tinyint(1)") == column_type::of(type_kind::boolean));
  CHECK(d.parse_type("tinyint(4)") == column_type::of(type_kind::int8));
  CHECK(d.parse_type("tinyint") == column_type::of(type_kind::int8));
  CHECK(d.parse_type("tinyint(1) unsigned") == column_type::unsigned_of(type_kind::int8));
  CHECK(d.parse_type("tinyint(3) unsigned") == column_type::unsigned_of(type_kind::int8));
  CHECK(d.parse_type("smallint(6)") == column_type::of(type_kind::int16));
  CHECK(d.parse_type("int(11)") == column_type::of(type_kind::int32));
  CHECK(d.parse_type("int(10) unsigned") == column_type::unsigned_of(type_kind::int32));
  CHECK(d.parse_type("int unsigned") == column_type::unsigned_of(type_kind::int32));  // MySQL 8 prints no width
  CHECK(d.parse_type("bigint(20) unsigned") == column_type::unsigned_of(type_kind::int64));
  CHECK(d.parse_type("BIGINT UNSIGNED") == column_type::unsigned_of(type_kind::int64));
  CHECK(d.parse_type("mediumint(9)") == column_type::sql("mediumint"));
  CHECK(d.parse_type("mediumint(8) unsigned") == column_type::sql("mediumint unsigned"));
  // ZEROFILL pads to the display width, so the width stays.
  CHECK(d.parse_type("int(6) unsigned zerofill") == column_type::sql("int(6) unsigned zerofill"));
  CHECK(d.parse_type("datetime(6)") == column_type::of(type_kind::timestamp));
  CHECK(d.parse_type("datetime") == column_type::sql("datetime"));
  CHECK(d.parse_type("timestamp") == column_type::sql("timestamp"));
  CHECK(d.parse_type("decimal(10,2)") == column_type::numeric(10, 2));
  CHECK(d.parse_type("decimal(10,2) unsigned") == column_type::sql("decimal(10,2) unsigned"));
  CHECK(d.parse_type("longtext") == column_type::text());
  CHECK(d.parse_type("text") == column_type::sql("text"));
  CHECK(d.parse_type("varchar(191)") == column_type::varchar(191));
  CHECK(d.parse_type("char(3)") == column_type::sql("char(3)"));
  CHECK(d.parse_type("double") == column_type::of(type_kind::float64));
  CHECK(d.parse_type("float") == column_type::of(type_kind::float32));
  CHECK(d.parse_type("json") == column_type::sql("json"));
}

TEST_CASE("mysql dialect: ENUM labels are unquoted as COLUMN_TYPE escapes them, and SET stays custom") {
  mysql_dialect d;
  CHECK(d.parse_type("enum('a','b')") == column_type::enumeration_of("", {"a", "b"}));
  // A quote is doubled, a backslash escaped; commas, parentheses and case are the label's own.
  CHECK(d.parse_type("enum('it''s','a\\\\b','x,y',')','Ab')") ==
        column_type::enumeration_of("", {"it's", "a\\b", "x,y", ")", "Ab"}));
  CHECK(d.parse_type("ENUM('Draft','Sent')") == column_type::enumeration_of("", {"Draft", "Sent"}));
  CHECK(d.parse_type("set('Read','write')") == column_type::sql("set('Read','write')"));
  // Rendered with literals no sql_mode reads differently.
  CHECK(d.type_name(column_type::enumeration_of("", {"open", "it's", "a\\b", "é"})) ==
        "ENUM('open', 'it''s', X'615C62', X'C3A9')");
  CHECK_THROWS_WITH(d.type_name(column_type::enumeration_of("", {})), Catch::Contains("ENUM type without labels"));
}

TEST_CASE("mysql dialect: unsigned integers, collations, ON UPDATE, prefix and DESC key parts") {
  mysql_dialect d;
  table t{"events",
          {{"id", column_type::unsigned_of(type_kind::int64), false, std::nullopt, true},
           {"kind", column_type::unsigned_of(type_kind::int8), false, column_default::literal("1")},
           {"title", column_type::varchar(200), false},
           {"slug", column_type::varchar(100), false},
           {"changed", column_type::of(type_kind::timestamp), false, column_default::expression("CURRENT_TIMESTAMP")},
           {"seen", column_type::sql("timestamp"), true}}};
  t.columns[3].collation = "utf8mb4_bin";
  t.columns[4].on_update = "CURRENT_TIMESTAMP";
  t.collation = "utf8mb4_unicode_ci";
  t.key = primary_key_def{"", {"id"}};
  t.indexes = {{"ix_title", {"title", "changed"}, false, {key_part{.prefix_length = 10}, key_part{.descending = true}}},
               {"", {"slug"}, true}};
  CHECK(d.create_table(t)[0] ==
        "CREATE TABLE `events` (\n"
        "  `id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT,\n"
        "  `kind` TINYINT UNSIGNED NOT NULL DEFAULT 1,\n"
        "  `title` VARCHAR(200) NOT NULL,\n"
        "  `slug` VARCHAR(100) COLLATE `utf8mb4_bin` NOT NULL,\n"
        "  `changed` DATETIME(6) NOT NULL DEFAULT (CURRENT_TIMESTAMP) ON UPDATE current_timestamp(6),\n"
        "  `seen` timestamp NULL,\n"
        "  PRIMARY KEY (`id`),\n"
        "  INDEX `ix_title` (`title`(10), `changed` DESC),\n"
        "  UNIQUE INDEX (`slug`)\n"
        ") ENGINE=InnoDB COLLATE=`utf8mb4_unicode_ci`");
}

TEST_CASE("mysql dialect: what MySQL cannot hold is refused, naming the object") {
  mysql_dialect d;
  table t{"posts", {{"id", column_type::of(type_kind::int32)}, {"title", column_type::varchar(50)}}};
  auto with_index = [&](index_def ix) {
    table u = t;
    u.indexes = {std::move(ix)};
    return u;
  };
  CHECK_THROWS_WITH(d.create_table(with_index({"ix_live", {"title"}, false, {}, "id > 0"})),
                    Catch::Contains("ix_live") && Catch::Contains("\"posts\"") && Catch::Contains("partial"));
  CHECK_THROWS_WITH(d.create_table(with_index({"ix_lower", {"lower(title)"}, false, {key_part{.expression = true}}})),
                    Catch::Contains("ix_lower") && Catch::Contains("expression key part"));
  CHECK_THROWS_WITH(d.create_table(with_index({"ix_c", {"title"}, false, {key_part{.collation = "utf8mb4_bin"}}})),
                    Catch::Contains("ix_c") && Catch::Contains("collation on a key part"));
  table deferred = t;
  deferred.foreign_keys = {{"fk_posts_parent", {"id"}, "posts", {"id"}, fk_action::no_action, fk_action::no_action,
                            deferrability::initially_deferred}};
  CHECK_THROWS_WITH(d.create_table(deferred), Catch::Contains("fk_posts_parent") && Catch::Contains("\"posts\"") &&
                                                  Catch::Contains("DEFERRABLE INITIALLY DEFERRED"));
  CHECK_THROWS_WITH(d.add_foreign_key("posts", deferred.foreign_keys[0]), Catch::Contains("fk_posts_parent"));
  table on_update = t;
  on_update.columns[1].on_update = "CURRENT_TIMESTAMP";
  CHECK_THROWS_WITH(d.create_table(on_update), Catch::Contains("\"posts\".\"title\"") && Catch::Contains("ON UPDATE"));
  table strict = t;
  strict.strict = true;
  CHECK_THROWS_WITH(d.create_table(strict), Catch::Contains("\"posts\" is STRICT"));
}

TEST_CASE("mysql dialect: stored form predicts the names the server gives") {
  mysql_dialect d;
  table parent{"parent", {{"id", column_type::of(type_kind::int32)}}};
  parent.key = primary_key_def{"", {"id"}};
  table child{"child",
              {{"id", column_type::of(type_kind::int32)},
               {"a", column_type::of(type_kind::int32)},
               {"b", column_type::of(type_kind::int32)},
               {"primary", column_type::of(type_kind::int32)}}};
  child.key = primary_key_def{"pk_child", {"id"}};
  child.indexes = {{"", {"a"}, true}, {"", {"a", "b"}, false}, {"A_2", {"b"}, false}, {"", {"primary"}, false}};
  child.foreign_keys = {{"", {"b"}, "parent", {"id"}, fk_action::restrict, fk_action::restrict},
                        {"", {"primary"}, "parent", {"id"}},
                        {"fk_named", {"a"}, "parent", {"id"}}};
  child.checks = {{"", "a > 0", {}, {}}, {"CONSTRAINT_1", "b > 0", {}, {}}, {"", "b < 9", {}, {}}};
  schema s;
  s.tables = {child, parent};
  s.normalise();
  auto stored = d.stored_form(s);
  const table& c = *stored.find_table("child");
  CHECK(c.key == primary_key_def{"PRIMARY", {"id"}});
  // Indexes: the first column's name, _2, _3… past any key before it, PRIMARY never (case-insensitive).
  std::vector<std::string> names;
  for (const auto& ix : c.indexes) names.push_back(ix.name);
  CHECK(names == std::vector<std::string>{"A_2", "a", "a_3", "primary_2"});
  // Foreign keys: <table>_ibfk_<n>, RESTRICT read as NO ACTION; the key on b uses index A_2, none is added.
  REQUIRE(c.foreign_keys.size() == 3);
  CHECK(c.foreign_keys[0] == foreign_key_def{"child_ibfk_1", {"b"}, "parent", {"id"}});
  CHECK(c.foreign_keys[1] == foreign_key_def{"child_ibfk_2", {"primary"}, "parent", {"id"}});
  CHECK(c.foreign_keys[2].name == "fk_named");
  // Checks: CONSTRAINT_<n> that no other check of the table has.
  std::vector<std::string> checks;
  for (const auto& ck : c.checks) checks.push_back(ck.name + ": " + ck.expression);
  CHECK(checks == std::vector<std::string>{"CONSTRAINT_1: b > 0", "CONSTRAINT_2: a > 0", "CONSTRAINT_3: b < 9"});
}

TEST_CASE("mysql dialect: stored form adds the index the server makes for an unnamed foreign key") {
  mysql_dialect d;
  table parent{"parent", {{"id", column_type::of(type_kind::int32)}}};
  parent.key = primary_key_def{"", {"id"}};
  table child{"child", {{"id", column_type::of(type_kind::int32)}, {"parent_id", column_type::of(type_kind::int32)}}};
  child.foreign_keys = {{"", {"parent_id"}, "parent", {"id"}}};
  schema s;
  s.tables = {child, parent};
  auto stored = d.stored_form(s);
  const table& c = *stored.find_table("child");
  CHECK(c.indexes == std::vector<index_def>{{"parent_id", {"parent_id"}, false}});
  CHECK(c.foreign_keys.at(0).name == "child_ibfk_1");
}

TEST_CASE("mysql dialect: TINYINT and UNSIGNED defaults are checked against their own ranges") {
  mysql_dialect d;
  table t{"t", {{"c", column_type::of(type_kind::int8)}}};
  auto clause = [&](column_type type, std::string text) {
    t.columns[0] = {"c", std::move(type), false, column_default::literal(std::move(text))};
    return d.default_clause(t.name, t.columns[0]);
  };
  CHECK(clause(column_type::of(type_kind::int8), "-128") == " DEFAULT -128");
  CHECK(clause(column_type::unsigned_of(type_kind::int8), "255") == " DEFAULT 255");
  CHECK(clause(column_type::unsigned_of(type_kind::int64), "18446744073709551615") == " DEFAULT 18446744073709551615");
  CHECK(clause(column_type::unsigned_of(type_kind::int32), "+007") == " DEFAULT 7");
  CHECK_THROWS_WITH(clause(column_type::of(type_kind::int8), "128"),
                    Catch::Contains("\"t\".\"c\"") && Catch::Contains("out of range for TINYINT"));
  CHECK_THROWS_WITH(clause(column_type::unsigned_of(type_kind::int16), "-1"), Catch::Contains("out of range for SMALLINT UNSIGNED"));
  CHECK_THROWS_WITH(clause(column_type::unsigned_of(type_kind::int64), "18446744073709551616"), Catch::Contains("out of range"));
  CHECK_THROWS_WITH(clause(column_type::unsigned_of(type_kind::int32), "1; DROP TABLE t"), Catch::Contains("not an integer"));
}

TEST_CASE("mysql dialect: foreign keys that share InnoDB's index pass it on; one added by name gets the index its name back") {
  mysql_dialect d;
  table t{"child", {{"id", column_type::of(type_kind::int32)}, {"a", column_type::of(type_kind::int32)}, {"b", column_type::of(type_kind::int32)}}};
  t.foreign_keys = {{"fk_a", {"a"}, "p", {"id"}}, {"fk_ab", {"a", "b"}, "q", {"x", "y"}}, {"fk_b", {"b"}, "p", {"id"}}};
  CHECK(d.drop_foreign_key(t, "fk_ab") ==
        std::vector<std::string>{"ALTER TABLE `child` DROP FOREIGN KEY `fk_ab`, RENAME INDEX IF EXISTS `fk_ab` TO `fk_a`"});
  CHECK(d.drop_foreign_key(t, "fk_a") ==
        std::vector<std::string>{"ALTER TABLE `child` DROP FOREIGN KEY `fk_a`, RENAME INDEX IF EXISTS `fk_a` TO `fk_ab`"});
  CHECK(d.drop_foreign_key(t, "fk_b") == std::vector<std::string>{"ALTER TABLE `child` DROP FOREIGN KEY `fk_b`, DROP INDEX IF EXISTS `fk_b`"});

  table after = t;
  after.foreign_keys = {{"child_ibfk_1", {"a"}, "p", {"id"}}};
  after.indexes = {{"a", {"a"}, false}};
  auto after_adding = [&](const table& child) {
    schema s;
    s.tables = {child};
    return d.after_adding_foreign_key(s, child.name, child.foreign_keys[0]);
  };
  CHECK(after_adding(after) == std::vector<std::string>{"ALTER TABLE `child` RENAME INDEX IF EXISTS `child_ibfk_1` TO `a`"});
  after.indexes.clear();  // InnoDB's index is named after the key: nothing to do
  CHECK(after_adding(after).empty());
  after.indexes = {{"a", {"a"}, false}};
  after.key = primary_key_def{"PRIMARY", {"a"}};  // the key serves: InnoDB made no index
  CHECK(after_adding(after).empty());

  table renamed = t;
  renamed.name = "kid";
  renamed.foreign_keys = {{"child_ibfk_2", {"a"}, "p", {"id"}}, {"child_ibfk_x", {"b"}, "p", {"id"}}, {"fk_a", {"a"}, "p", {"id"}}};
  d.follow_rename_table(renamed, "child");
  CHECK(renamed.foreign_keys[0].name == "kid_ibfk_2");
  CHECK(renamed.foreign_keys[1].name == "child_ibfk_x");
  CHECK(renamed.foreign_keys[2].name == "fk_a");
}

TEST_CASE("mysql dialect: dropping a foreign key drops the index InnoDB made for it, unless another serves") {
  mysql_dialect d;
  table t{"child", {{"id", column_type::of(type_kind::int32)}, {"code", column_type::varchar(20)}}};
  t.foreign_keys = {{"fk_child_code", {"code"}, "parent", {"code"}}};
  CHECK(d.drop_foreign_key(t, "fk_child_code") ==
        std::vector<std::string>{"ALTER TABLE `child` DROP FOREIGN KEY `fk_child_code`, DROP INDEX IF EXISTS `fk_child_code`"});
  // An index on a prefix of the column cannot serve the key: InnoDB made one of its own.
  t.indexes = {{"ix_child_code", {"code"}, false, {key_part{.prefix_length = 5}}}};
  CHECK(d.drop_foreign_key(t, "fk_child_code") ==
        std::vector<std::string>{"ALTER TABLE `child` DROP FOREIGN KEY `fk_child_code`, DROP INDEX IF EXISTS `fk_child_code`"});
  t.indexes = {{"ix_child_code", {"code", "id"}, false}};
  CHECK(d.drop_foreign_key(t, "fk_child_code") ==
        std::vector<std::string>{"ALTER TABLE `child` DROP FOREIGN KEY `fk_child_code`"});
}
