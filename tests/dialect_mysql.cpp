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
        "  CONSTRAINT `ck_things_code` CHECK (`code` IN ('a', 'b''c')),\n"
        "  INDEX `ix_things_code_day` (`code`, `day`),\n"
        "  UNIQUE INDEX `uq_things_code` (`code`)\n"
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
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
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
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
  CHECK(d.parse_type("tinyint(1)") == column_type::of(type_kind::boolean));
  CHECK(d.parse_type("tinyint(4)") == column_type::sql("tinyint(4)"));
  CHECK(d.parse_type("int(10) unsigned") == column_type::sql("int(10) unsigned"));
  CHECK(d.parse_type("datetime(6)") == column_type::of(type_kind::timestamp));
  CHECK(d.parse_type("decimal(10,2)") == column_type::numeric(10, 2));
}
