// Hand-written MariaDB schemas (tests/corpus/mysql/*.sql), in the idiom of mysqldump and of people
// who write MySQL DDL by hand. Each is loaded as written, introspected, created again by tempest in a
// fresh database and introspected again: the two reads are equal. What each read holds is checked
// against literals taken from the SQL files.
#include <catch2/catch.hpp>

#include <tempest/introspect/introspect.hpp>
#include <tempest/runtime/create_schema.hpp>

#include "support/corpus.hpp"
#include "support/database.hpp"

using namespace tempest;

namespace {

std::string corpus_file(std::string_view name) { return tempest_test::corpus_sql("mysql", name); }

// Loads a corpus file into a fresh database (the driver runs the whole script) and reads it back.
schema load(std::string_view name) {
  connection db(tempest_test::fresh_database("mysql"));
  db.execute(corpus_file(name));
  return introspect(db);
}

// Creates `s` with tempest in a fresh database and reads it back: it must be `s` again.
void recreated_equal(const schema& s) {
  connection db(tempest_test::fresh_database("mysql"));
  create_schema(db, s);
  auto again = introspect(db);
  INFO("loaded:\n" << fmt::format("{}", s) << "\nrecreated:\n" << fmt::format("{}", again));
  CHECK(again == s);
  for (const auto& t : s.tables) {
    INFO(t.name);
    const table* found = again.find_table(t.name);
    REQUIRE(found);
    CHECK(*found == t);
  }
  CHECK(again.unmanaged == s.unmanaged);
}

const table& table_of(const schema& s, std::string_view name) {
  const table* t = s.find_table(name);
  if (!t) throw std::runtime_error(fmt::format("no table {}", name));
  return *t;
}

const index_def& index_of(const table& t, std::string_view name) {
  for (const auto& ix : t.indexes)
    if (ix.name == name) return ix;
  throw std::runtime_error(fmt::format("no index {} on {}", name, t.name));
}

std::vector<std::string> foreign_key_names(const table& t) {
  std::vector<std::string> out;
  for (const auto& fk : t.foreign_keys) out.push_back(fk.name);
  return out;
}

std::vector<std::string> index_names(const table& t) {
  std::vector<std::string> out;
  for (const auto& ix : t.indexes) out.push_back(ix.name);
  return out;
}

}  // namespace

TEST_CASE("corpus mysql: music_store reads back and is recreated equal", "[mysql][corpus]") {
  auto s = load("music_store");
  CHECK(s.tables.size() == 11);
  CHECK(s.unmanaged.empty());
  const table& track = table_of(s, "track");
  // The unnamed foreign key has the server's name; its index, the first column's.
  CHECK(foreign_key_names(track) == std::vector<std::string>{"FK_TrackGenreId", "FK_TrackMediaTypeId", "track_ibfk_1"});
  CHECK(track.foreign_keys[2] == foreign_key_def{"track_ibfk_1", {"AlbumId"}, "album", {"AlbumId"}});
  CHECK(index_names(track) == std::vector<std::string>{"AlbumId", "IFK_TrackGenreId", "IFK_TrackMediaTypeId", "IX_TrackName"});
  CHECK(index_of(track, "IX_TrackName") == index_def{"IX_TrackName", {"Name"}, false, {key_part{.prefix_length = 32}}});
  CHECK(track.find_column("TrackId")->type == column_type::of(type_kind::int32));  // int(11)
  CHECK(track.find_column("TrackId")->autoincrement);
  CHECK(track.key == primary_key_def{"PRIMARY", {"TrackId"}});
  // A table in the database's default collation has none of its own (the server's is utf8mb4_unicode_ci).
  CHECK(track.collation.empty());
  CHECK(index_of(table_of(s, "customer"), "Email") == index_def{"Email", {"Email"}, true});
  CHECK(index_of(table_of(s, "invoice"), "IFK_InvoiceCustomerId") ==
        index_def{"IFK_InvoiceCustomerId", {"CustomerId", "InvoiceDate"}, false, {key_part{}, key_part{.descending = true}}});
  CHECK(table_of(s, "invoice").find_column("Total")->default_value == column_default::literal("0"));
  CHECK(table_of(s, "invoice").find_column("InvoiceDate")->type == column_type::sql("datetime"));
  CHECK(table_of(s, "employee").foreign_keys ==
        std::vector<foreign_key_def>{{"FK_EmployeeReportsTo", {"ReportsTo"}, "employee", {"EmployeeId"}}});
  CHECK(table_of(s, "customer").foreign_keys[0].on_delete == fk_action::set_null);
  CHECK(table_of(s, "playlist_track").key == primary_key_def{"PRIMARY", {"PlaylistId", "TrackId"}});
  CHECK(foreign_key_names(table_of(s, "playlist_track")) ==
        std::vector<std::string>{"playlist_track_ibfk_1", "playlist_track_ibfk_2"});
  recreated_equal(s);
}

TEST_CASE("corpus mysql: auth reads back and is recreated equal", "[mysql][corpus]") {
  auto s = load("auth");
  CHECK(s.tables.size() == 8);
  const table& user = table_of(s, "auth_user");
  CHECK(user.collation == "utf8mb4_general_ci");
  CHECK(user.find_column("is_superuser")->type == column_type::of(type_kind::boolean));
  CHECK(user.find_column("is_active")->default_value == column_default::literal("true"));
  CHECK(user.find_column("last_login")->type == column_type::of(type_kind::timestamp));
  CHECK(user.find_column("last_login")->nullable);
  CHECK(user.indexes == std::vector<index_def>{{"username", {"username"}, true}});  // the inline UNIQUE
  const table& user_permissions = table_of(s, "auth_user_user_permissions");
  // The KEY named like its foreign key is the one InnoDB would make for the key: not the schema's own.
  CHECK(index_names(user_permissions) ==
        std::vector<std::string>{"auth_user_user_permissions_user_id_permission_id_14a6b632_uniq_x"});
  CHECK(table_of(s, "auth_group_permissions").find_column("id")->type == column_type::of(type_kind::int64));
  // InnoDB made the index of this key itself, named after it: not an index of the schema.
  CHECK(index_names(table_of(s, "auth_permission")) ==
        std::vector<std::string>{"auth_permission_content_type_id_codename_01ab375a_uniq"});
  CHECK(table_of(s, "django_session").find_column("session_data")->type == column_type::text());
  recreated_equal(s);
}

TEST_CASE("corpus mysql: blog reads back and is recreated equal", "[mysql][corpus]") {
  auto s = load("blog");
  const table& posts = table_of(s, "wp_posts");
  CHECK(posts.collation == "utf8mb4_unicode_520_ci");
  CHECK(posts.find_column("ID")->type == column_type::unsigned_of(type_kind::int64));
  CHECK(posts.find_column("post_author")->default_value == column_default::literal("0"));
  CHECK(posts.find_column("post_title")->type == column_type::sql("text"));
  CHECK(posts.find_column("post_content")->type == column_type::text());
  CHECK(posts.find_column("comment_status")->type ==
        column_type::enumeration_of("", {"open", "closed", "registered_only"}));
  CHECK(posts.find_column("comment_status")->default_value == column_default::literal("open"));
  CHECK(posts.find_column("post_modified")->type == column_type::sql("timestamp"));
  CHECK(posts.find_column("post_modified")->on_update == "current_timestamp()");
  CHECK(posts.find_column("post_modified")->default_value == column_default::expression("current_timestamp()"));
  CHECK(posts.find_column("guid")->collation == "ascii_bin");
  CHECK(posts.find_column("post_name")->collation.empty());
  CHECK(index_of(posts, "post_name").parts == std::vector<key_part>{key_part{.prefix_length = 191}});
  CHECK(posts.foreign_keys == std::vector<foreign_key_def>{{"wp_posts_author", {"post_author"}, "wp_users", {"ID"}}});
  const table& comments = table_of(s, "wp_comments");
  CHECK(comments.find_column("comment_author")->type == column_type::sql("tinytext"));
  CHECK(comments.find_column("comment_date")->type == column_type::of(type_kind::timestamp));
  CHECK(comments.foreign_keys ==
        std::vector<foreign_key_def>{{"wp_comments_ibfk_1", {"comment_post_ID"}, "wp_posts", {"ID"}, fk_action::cascade},
                                     {"wp_comments_ibfk_2", {"comment_parent"}, "wp_comments", {"comment_ID"},
                                      fk_action::set_null}});
  CHECK(index_of(comments, "comment_approved_date").parts == std::vector<key_part>{{}, key_part{.descending = true}});
  const table& terms = table_of(s, "wp_terms");
  CHECK(terms.find_column("slug")->collation == "utf8mb4_bin");
  CHECK(index_of(terms, "slug") == index_def{"slug", {"slug"}, true, {key_part{.prefix_length = 191}}});
  CHECK(terms.find_column("term_group")->type == column_type::of(type_kind::int64));  // bigint(10)
  // ON DELETE RESTRICT and no action at all read as NO ACTION: InnoDB does the same for both.
  const auto& relationships = table_of(s, "wp_term_relationships").foreign_keys;
  REQUIRE(relationships.size() == 2);
  CHECK(relationships[0].on_delete == fk_action::cascade);
  CHECK(relationships[0].on_update == fk_action::cascade);
  CHECK(relationships[1].on_delete == fk_action::no_action);
  CHECK(relationships[1].on_update == fk_action::no_action);
  recreated_equal(s);
}

TEST_CASE("corpus mysql: inventory reads back and is recreated equal", "[mysql][corpus]") {
  auto s = load("inventory");
  const table& warehouse = table_of(s, "warehouse");
  CHECK(warehouse.find_column("id")->type == column_type::unsigned_of(type_kind::int16));
  CHECK(warehouse.find_column("active")->type == column_type::of(type_kind::boolean));
  // InnoDB's index for the key added by ALTER TABLE is named after the key: not read.
  CHECK(warehouse.indexes == std::vector<index_def>{{"code", {"code"}, true}});
  CHECK(warehouse.foreign_keys ==
        std::vector<foreign_key_def>{{"fk_warehouse_manager", {"manager_id"}, "staff", {"id"}, fk_action::set_null}});
  const table& staff = table_of(s, "staff");
  CHECK(staff.find_column("badge")->type == column_type::sql("int(6) unsigned zerofill"));
  CHECK(staff.find_column("shift")->type == column_type::of(type_kind::int8));
  CHECK(staff.find_column("shift")->default_value == column_default::literal("1"));
  CHECK(staff.foreign_keys == std::vector<foreign_key_def>{{"staff_ibfk_1", {"warehouse_id"}, "warehouse", {"id"}}});
  CHECK(index_names(staff) == std::vector<std::string>{"uq_staff_badge", "warehouse_id"});
  const table& product = table_of(s, "product");
  CHECK(product.collation == "utf8mb4_bin");
  CHECK(product.find_column("sku")->collation == "ascii_general_ci");
  CHECK(product.find_column("name")->collation.empty());
  CHECK(product.find_column("weight_grams")->type == column_type::sql("mediumint unsigned"));
  CHECK(product.find_column("tags")->type == column_type::sql("set('fragile','frozen','hazardous')"));
  CHECK(product.find_column("unit")->type == column_type::enumeration_of("", {"piece", "kg", "litre", "pack"}));
  CHECK(product.find_column("updated_at")->on_update == "current_timestamp(6)");
  // The cycle: closed by an ALTER TABLE without a name.
  CHECK(table_of(s, "supplier").foreign_keys ==
        std::vector<foreign_key_def>{{"supplier_ibfk_1", {"preferred_product_sku"}, "product", {"sku"},
                                      fk_action::set_null, fk_action::cascade}});
  const table& movement = table_of(s, "stock_movement");
  CHECK(index_names(movement) == std::vector<std::string>{"warehouse_id", "warehouse_id_2"});
  CHECK(movement.checks == std::vector<check_def>{{"CONSTRAINT_1", "`delta` <> 0", {}, {}}});
  CHECK(movement.foreign_keys.at(0).columns == std::vector<std::string>{"warehouse_id", "product_sku"});
  CHECK(table_of(s, "stock").checks == std::vector<check_def>{{"ck_stock_quantity", "`quantity` >= 0", {}, {}}});
  recreated_equal(s);
}

TEST_CASE("corpus mysql: billing reads back and is recreated equal", "[mysql][corpus]") {
  auto s = load("billing");
  const table& plans = table_of(s, "plans");
  CHECK(plans.find_column("trial_days")->type == column_type::unsigned_of(type_kind::int8));
  CHECK(plans.find_column("trial_days")->default_value == column_default::literal("14"));
  CHECK(plans.find_column("is_public")->type == column_type::of(type_kind::boolean));
  CHECK(plans.find_column("is_public")->default_value == column_default::literal("true"));
  CHECK(plans.find_column("billing_interval")->type == column_type::enumeration_of("", {"month", "year"}));
  CHECK(plans.find_column("currency")->type == column_type::sql("char(3)"));
  const table& accounts = table_of(s, "accounts");
  // MariaDB's JSON: LONGTEXT in utf8mb4_bin with a check json_valid of its own, read as json.
  CHECK(accounts.find_column("settings")->type == column_type::sql("json"));
  CHECK(accounts.find_column("settings")->collation.empty());
  CHECK(accounts.checks.empty());
  CHECK(accounts.find_column("vat_id")->collation == "utf8mb4_bin");
  CHECK(accounts.find_column("updated_at")->on_update == "current_timestamp()");
  CHECK(index_names(accounts) == std::vector<std::string>{"billing_email", "ix_accounts_status"});
  const table& subscriptions = table_of(s, "subscriptions");
  CHECK(subscriptions.foreign_keys ==
        std::vector<foreign_key_def>{{"subscriptions_ibfk_1", {"account_id"}, "accounts", {"id"}, fk_action::cascade},
                                     {"subscriptions_ibfk_2", {"plan_id"}, "plans", {"id"}}});
  CHECK(subscriptions.checks == std::vector<check_def>{{"CONSTRAINT_1", "`quantity` > 0", {}, {}},
                                                       {"ck_subscriptions_dates",
                                                        "`canceled_at` is null or `canceled_at` >= `started_at`", {}, {}}});
  CHECK(index_names(subscriptions) == std::vector<std::string>{"account_id", "plan_id"});
  const table& invoices = table_of(s, "invoices");
  CHECK(invoices.collation == "utf8mb4_bin");
  CHECK(invoices.find_column("notes")->type == column_type::sql("text"));
  CHECK(foreign_key_names(invoices) == std::vector<std::string>{"invoices_ibfk_1", "invoices_ibfk_2"});
  CHECK(table_of(s, "payments").checks == std::vector<check_def>{{"CONSTRAINT_1", "`amount_cents` <> 0", {}, {}}});
  recreated_equal(s);
}

TEST_CASE("corpus mysql: what tempest does not model comes back as unmanaged objects with their DDL", "[mysql][corpus]") {
  auto s = load("unmanaged");
  std::vector<std::string> found;
  for (const auto& u : s.unmanaged) found.push_back(fmt::format("{} {} on {}", u.kind, u.name, u.table));
  CHECK(found == std::vector<std::string>{
                     "column options internal_note on article_log",
                     "column options source on article_log",
                     "event nightly_purge on ",
                     "fulltext index ft_articles on articles",
                     "function reading_minutes on ",
                     "hash index uq_article_log_payload on article_log",
                     "partitioning page_views on page_views",
                     "procedure purge_log on ",
                     "sequence invoice_numbers on ",
                     "spatial index sp_places_location on places",
                     "table options archive_log on archive_log",
                     "table options article_log on article_log",
                     "table options articles on articles",
                     "table options prices on prices",
                     "trigger articles_audit_after on articles",
                     "trigger articles_audit_again on articles",
                     "trigger articles_audit_insert on articles",
                     "trigger articles_count_words on articles",
                     "view long_articles on ",
                     "view published_articles on ",
                 });
  auto warnings = s.warnings();
  CHECK(std::find(warnings.begin(), warnings.end(),
                  "view \"published_articles\" is not managed by tempest: it is left as it is") != warnings.end());
  CHECK(std::find(warnings.begin(), warnings.end(),
                  "trigger \"articles_audit_insert\" on table \"articles\" is not managed by tempest: it is left as it "
                  "is") != warnings.end());
  CHECK(warnings.size() == 20);

  auto ddl = [&](std::string_view kind, std::string_view name) {
    for (const auto& u : s.unmanaged)
      if (u.kind == kind && u.name == name) return u.ddl;
    return std::string("(none)");
  };
  CHECK(ddl("view", "published_articles") ==
        "CREATE SQL SECURITY DEFINER VIEW `published_articles` AS select `articles`.`id` AS `id`,`articles`.`title` AS "
        "`title`,`articles`.`words` AS `words` from `articles` where `articles`.`words` > 0 and `articles`.`title` <> "
        "'draft'");
  CHECK(ddl("view", "long_articles") ==
        "CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW `long_articles` AS select `articles`.`id` AS "
        "`id`,`articles`.`title` AS `title` from `articles` where `articles`.`words` >= 1000 WITH CASCADED CHECK OPTION");
  // Made in name order, each trigger says where it goes among those made before it: again, insert, after.
  CHECK(ddl("trigger", "articles_audit_after") ==
        "CREATE TRIGGER `articles_audit_after` AFTER INSERT ON `articles` FOR EACH ROW INSERT INTO `article_log` "
        "(`article_id`, `action`) VALUES (NEW.`id`, 'last')");
  CHECK(ddl("trigger", "articles_audit_again") ==
        "CREATE TRIGGER `articles_audit_again` AFTER INSERT ON `articles` FOR EACH ROW PRECEDES `articles_audit_after` "
        "INSERT INTO `article_log` (`article_id`, `action`) VALUES (NEW.`id`, 'first')");
  CHECK(ddl("trigger", "articles_audit_insert") ==
        "CREATE TRIGGER `articles_audit_insert` AFTER INSERT ON `articles` FOR EACH ROW FOLLOWS `articles_audit_again` "
        "BEGIN\n  INSERT INTO `article_log` (`article_id`, `action`) VALUES (NEW.`id`, 'insert');\nEND");
  CHECK(ddl("function", "reading_minutes") ==
        "CREATE FUNCTION `reading_minutes`(`word_count` int(10) unsigned) RETURNS int(11) DETERMINISTIC NO SQL SQL "
        "SECURITY DEFINER COMMENT 'at 200 words a minute'\nRETURN CEIL(`word_count` / 200)");
  CHECK(ddl("procedure", "purge_log") ==
        "CREATE PROCEDURE `purge_log`(IN `older_than_days` int(11), OUT `purged` int(11)) NOT DETERMINISTIC MODIFIES "
        "SQL DATA SQL SECURITY DEFINER\nBEGIN\n  DELETE FROM `article_log` WHERE `at` < NOW() - INTERVAL "
        "`older_than_days` DAY;\n  SET `purged` = ROW_COUNT();\nEND");
  CHECK(ddl("event", "nightly_purge") ==
        "CREATE EVENT `nightly_purge` ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 03:00:00' ON COMPLETION PRESERVE "
        "DISABLE COMMENT 'purges the log' DO CALL `purge_log`(90, @purged)");
  CHECK(ddl("fulltext index", "ft_articles") == "CREATE FULLTEXT INDEX `ft_articles` ON `articles` (`title`, `body`)");
  CHECK(ddl("hash index", "uq_article_log_payload") ==
        "CREATE UNIQUE INDEX `uq_article_log_payload` ON `article_log` (`payload`) USING HASH");
  CHECK(ddl("spatial index", "sp_places_location") ==
        "CREATE SPATIAL INDEX `sp_places_location` ON `places` (`location`)");
  CHECK(ddl("partitioning", "page_views") ==
        "ALTER TABLE `page_views` PARTITION BY RANGE (year(`viewed_on`)) (PARTITION `p2024` VALUES LESS THAN (2025), "
        "PARTITION `p2025` VALUES LESS THAN (2026), PARTITION `pmax` VALUES LESS THAN MAXVALUE)");
  CHECK(ddl("table options", "articles") == "ALTER TABLE `articles` COMMENT 'Published articles, it''s said'");
  CHECK(ddl("table options", "article_log") == "ALTER TABLE `article_log` row_format=COMPRESSED");
  CHECK(ddl("table options", "archive_log") == "ALTER TABLE `archive_log` ENGINE=MyISAM");
  CHECK(ddl("table options", "prices") == "ALTER TABLE `prices` ADD SYSTEM VERSIONING");
  CHECK(ddl("column options", "internal_note") ==
        "ALTER TABLE `article_log` MODIFY COLUMN `internal_note` VARCHAR(100) INVISIBLE");
  CHECK(ddl("column options", "source") ==
        "ALTER TABLE `article_log` MODIFY COLUMN `source` VARCHAR(20) NOT NULL DEFAULT 'web' COMMENT 'where the change "
        "came from'");
  CHECK(ddl("sequence", "invoice_numbers").starts_with("CREATE SEQUENCE `invoice_numbers` start with 1000 "));

  // Generated columns are modelled, not unmanaged.
  const table& articles = table_of(s, "articles");
  CHECK(articles.find_column("title_length")->generated == generated_column{"char_length(`title`)", false});
  CHECK(articles.find_column("slug")->generated == generated_column{"lcase(replace(`title`,' ','-'))", true});
  CHECK(articles.indexes.empty());  // the FULLTEXT index is unmanaged
  recreated_equal(s);
}

// The names stored_form predicts for what tempest leaves unnamed are the server's.
TEST_CASE("corpus mysql: stored form predicts the names the server gives to unnamed constraints", "[mysql][corpus]") {
  table parent{"parent", {{"id", column_type::of(type_kind::int32)}, {"child_id", column_type::of(type_kind::int32), true}}};
  parent.key = primary_key_def{"", {"id"}};
  table child{"child",
              {{"id", column_type::of(type_kind::int32)},
               {"a", column_type::of(type_kind::int32), true},
               {"b", column_type::of(type_kind::int32), true},
               {"primary", column_type::of(type_kind::int32), true},
               {"parent_id", column_type::of(type_kind::int32), true}}};
  child.key = primary_key_def{"", {"id"}};
  child.indexes = {{"", {"a"}, true}, {"", {"a", "b"}, false}, {"A_2", {"b"}, false}, {"", {"primary"}, false}};
  child.foreign_keys = {{"", {"b"}, "parent", {"id"}, fk_action::restrict, fk_action::restrict},
                        {"", {"parent_id"}, "parent", {"id"}},
                        {"fk_named", {"primary"}, "parent", {"id"}},
                        {"", {"b", "a"}, "child", {"a", "b"}}};
  child.checks = {{"", "a > 0", {}, {}}, {"CONSTRAINT_1", "b > 0", {}, {}}, {"", "b < 9", {}, {}}};
  // A cycle: one of parent's keys is added after both tables exist, by ALTER TABLE.
  parent.foreign_keys = {{"", {"child_id"}, "child", {"id"}}};
  schema s;
  s.tables = {child, parent};
  s.normalise();
  connection db(tempest_test::fresh_database("mysql"));
  create_schema(db, s);
  auto live = introspect(db);
  auto expected = db.sql_dialect().stored_form(s);
  INFO("live:\n" << fmt::format("{}", live) << "\nexpected:\n" << fmt::format("{}", expected));
  CHECK(live == expected);
  // And the names, as the server reports them (SHOW CREATE TABLE is independent of introspection).
  auto show = db.query("SHOW CREATE TABLE `child`").at(0).at(1).value_or("");
  CHECK(show.find("UNIQUE KEY `a` (`a`)") != std::string::npos);
  CHECK(show.find("KEY `a_3` (`a`,`b`)") != std::string::npos);
  CHECK(show.find("KEY `primary_2` (`primary`)") != std::string::npos);
  CHECK(show.find("KEY `parent_id` (`parent_id`)") != std::string::npos);
  CHECK(show.find("CONSTRAINT `child_ibfk_1` FOREIGN KEY (`b`)") != std::string::npos);
  CHECK(show.find("CONSTRAINT `CONSTRAINT_3` CHECK (`b` < 9)") != std::string::npos);
  CHECK(db.query("SHOW CREATE TABLE `parent`").at(0).at(1).value_or("").find(
            "CONSTRAINT `parent_ibfk_1` FOREIGN KEY (`child_id`) REFERENCES `child` (`id`)") != std::string::npos);
}

// Tables tempest creates take the database's default collation, not the server's, and read back
// without one of their own; a table or column collation of their own reads back as written.
TEST_CASE("corpus mysql: tables take the database's collation", "[mysql][corpus]") {
  connection db(tempest_test::fresh_database("mysql"));
  auto name = db.query("SELECT DATABASE()").at(0).at(0).value_or("");
  db.execute(fmt::format("ALTER DATABASE `{}` CHARACTER SET utf8mb4 COLLATE utf8mb4_swedish_ci", name));
  table plain{"plain", {{"id", column_type::of(type_kind::int32)}, {"name", column_type::varchar(20)}}};
  table own{"own", {{"id", column_type::of(type_kind::int32)}, {"name", column_type::varchar(20)},
                    {"code", column_type::varchar(20)}}};
  own.collation = "utf8mb4_bin";
  own.columns[2].collation = "utf8mb4_unicode_ci";
  schema s;
  s.tables = {own, plain};
  create_schema(db, s);
  CHECK(db.query("SELECT TABLE_NAME, TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                 "ORDER BY TABLE_NAME") == std::vector<result_row>{{"own", "utf8mb4_bin"}, {"plain", "utf8mb4_swedish_ci"}});
  CHECK(db.query("SELECT COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND "
                 "TABLE_NAME = 'own' ORDER BY ORDINAL_POSITION") ==
        std::vector<result_row>{{std::nullopt}, {"utf8mb4_bin"}, {"utf8mb4_unicode_ci"}});
  CHECK(introspect(db) == db.sql_dialect().stored_form(s));
}

TEST_CASE("corpus mysql: an index on MariaDB cannot hold an expression, and says so", "[mysql][corpus]") {
  connection db(tempest_test::fresh_database("mysql"));
  table t{"t", {{"id", column_type::of(type_kind::int32)}, {"name", column_type::varchar(20)}}};
  t.indexes = {{"ix_lower_name", {"lower(`name`)"}, false, {key_part{.expression = true}}}};
  schema s;
  s.tables = {t};
  CHECK_THROWS_WITH(create_schema(db, s), Catch::Contains("ix_lower_name") && Catch::Contains("expression key part"));
  CHECK(db.query("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()") ==
        std::vector<result_row>{{"0"}});
}

// The IR names tables of one database: a key to another database's table is kept as it is.
TEST_CASE("corpus mysql: a foreign key to another database is an unmanaged object", "[mysql][corpus]") {
  connection other(tempest_test::fresh_database("mysql"));
  const auto other_name = other.query("SELECT DATABASE()").at(0).at(0).value_or("");
  other.execute("CREATE TABLE countries (code CHAR(2) PRIMARY KEY)");
  connection db(tempest_test::fresh_database("mysql"));
  db.execute(fmt::format("CREATE TABLE customers (id INT PRIMARY KEY, country CHAR(2), CONSTRAINT customers_country "
                         "FOREIGN KEY (country) REFERENCES `{}`.countries (code) ON DELETE SET NULL)",
                         other_name));
  auto s = introspect(db);
  CHECK(table_of(s, "customers").foreign_keys.empty());
  CHECK(table_of(s, "customers").indexes.empty());  // InnoDB's index for the key is the key's
  REQUIRE(s.unmanaged.size() == 1);
  CHECK(s.unmanaged[0] == unmanaged_object{"foreign key", "customers_country", "customers",
                                           fmt::format("ALTER TABLE `customers` ADD CONSTRAINT `customers_country` FOREIGN "
                                                       "KEY (`country`) REFERENCES `{}`.`countries` (`code`) ON DELETE SET "
                                                       "NULL ON UPDATE NO ACTION",
                                                       other_name)});
  connection copy(tempest_test::fresh_database("mysql"));
  create_schema(copy, s);
  CHECK(introspect(copy) == s);
  // The other database can be dropped only once nothing refers to it.
  for (auto* c : {&db, &copy}) c->execute("DROP TABLE customers");
}
