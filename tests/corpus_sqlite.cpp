// Hand-written SQLite schemas of real-world shape (tests/corpus/sqlite/*.sql) read back exactly:
// loaded as written, introspected, created again by tempest in a fresh database and introspected
// there, the two readings are equal. What each file reads as is spelled out below, by hand.

#include <catch2/catch.hpp>

#include <tempest/introspect/introspect.hpp>
#include <tempest/runtime/create_schema.hpp>

#include "support/corpus.hpp"
#include "support/database.hpp"

using namespace tempest;

namespace {

std::string corpus_file(std::string_view name) { return tempest_test::corpus_sql("sqlite", name); }

// Loads the file with the driver's execute of a whole script, introspects it, creates what was read
// in a fresh database and introspects that: the two must be equal. Returns what was read.
schema round_trip(std::string_view name) {
  connection original(tempest_test::fresh_database("sqlite"));
  original.execute(corpus_file(name));
  schema read = introspect(original);
  connection copy(tempest_test::fresh_database("sqlite"));
  create_schema(copy, read);
  schema again = introspect(copy);
  INFO("read from " << name << ".sql:\n" << fmt::format("{}", read) << "\nread back after create_schema:\n" << fmt::format("{}", again));
  CHECK(again == read);
  return read;
}

std::vector<std::string> table_names(const schema& s) {
  std::vector<std::string> names;
  for (const auto& t : s.tables) names.push_back(t.name);
  return names;
}

// Compares one table with its expected form, printing both when they differ.
void check_table(const schema& s, table expected) {
  expected.normalise();
  const table* found = s.find_table(expected.name);
  REQUIRE(found);
  INFO("read:\n" << fmt::format("{}", *found) << "expected:\n" << fmt::format("{}", expected));
  CHECK(*found == expected);
}

const column_type int64 = column_type::of(type_kind::int64);
const column_type text = column_type::text();
const column_type boolean = column_type::of(type_kind::boolean);
const column_type timestamp = column_type::of(type_kind::timestamp);
const column_type date = column_type::of(type_kind::date);

// An INTEGER PRIMARY KEY: the rowid, with or without AUTOINCREMENT.
column rowid(std::string name) { return {std::move(name), int64, false, std::nullopt, true}; }
column nullable(std::string name, column_type type) { return {std::move(name), std::move(type), true}; }
column with_default(std::string name, column_type type, column_default value, bool is_nullable = false) {
  return {std::move(name), std::move(type), is_nullable, std::move(value)};
}
column collated(std::string name, column_type type, std::string collation, bool is_nullable = false) {
  return {std::move(name), std::move(type), is_nullable, std::nullopt, false, identity_kind::by_default, std::move(collation)};
}
check_def check(std::string name, std::string expression) { return {std::move(name), std::move(expression), {}, {}}; }
foreign_key_def references(std::string name, std::vector<std::string> columns, std::string table,
                           std::vector<std::string> referenced, fk_action on_delete = fk_action::no_action,
                           fk_action on_update = fk_action::no_action,
                           deferrability deferrable = deferrability::not_deferrable) {
  return {std::move(name), std::move(columns), std::move(table), std::move(referenced), on_delete, on_update, deferrable};
}
key_part descending() { return {.descending = true}; }

}  // namespace

TEST_CASE("sqlite corpus: a Chinook-style music store reads back exactly", "[sqlite][corpus]") {
  schema s = round_trip("music_store");
  CHECK(table_names(s) == std::vector<std::string>{"Album", "Artist", "Customer", "Employee", "Genre", "Invoice", "InvoiceLine",
                                                   "MediaType", "Playlist", "PlaylistTrack", "Track"});
  CHECK(s.unmanaged.empty());

  table track{"Track",
              {rowid("TrackId"),
               {"Name", column_type::sql("nvarchar(200)")},
               nullable("AlbumId", int64),
               {"MediaTypeId", int64},
               nullable("GenreId", int64),
               nullable("Composer", column_type::sql("nvarchar(220)")),
               {"Milliseconds", int64},
               nullable("Bytes", int64),
               {"UnitPrice", column_type::numeric(10, 2)}}};
  track.key = primary_key_def{"PK_Track", {"TrackId"}};
  track.indexes = {{"IFK_TrackAlbumId", {"AlbumId"}}, {"IFK_TrackGenreId", {"GenreId"}}, {"IFK_TrackMediaTypeId", {"MediaTypeId"}}};
  track.foreign_keys = {references("FK_TrackAlbumId", {"AlbumId"}, "Album", {"AlbumId"}),
                        references("FK_TrackGenreId", {"GenreId"}, "Genre", {"GenreId"}),
                        references("FK_TrackMediaTypeId", {"MediaTypeId"}, "MediaType", {"MediaTypeId"})};
  track.checks = {check("", "[Milliseconds] > 0"), check("CK_TrackPrice", "[UnitPrice] >= 0")};
  check_table(s, track);

  // An unnamed UNIQUE on a NOCASE column: an unnamed unique index, whose key takes the column's collation.
  table customer{"Customer",
                 {rowid("CustomerId"),
                  {"FirstName", column_type::sql("nvarchar(40)")},
                  {"LastName", column_type::sql("nvarchar(20)")},
                  nullable("Company", column_type::sql("nvarchar(80)")),
                  nullable("Country", column_type::sql("nvarchar(40)")),
                  collated("Email", column_type::sql("nvarchar(60)"), "NOCASE"),
                  nullable("SupportRepId", int64)}};
  customer.key = primary_key_def{"PK_Customer", {"CustomerId"}};
  customer.indexes = {{"", {"Email"}, true}, {"IFK_CustomerSupportRepId", {"SupportRepId"}}};
  customer.foreign_keys = {references("FK_CustomerSupportRepId", {"SupportRepId"}, "Employee", {"EmployeeId"})};
  check_table(s, customer);

  table invoice{"Invoice",
                {rowid("InvoiceId"),
                 {"CustomerId", int64},
                 {"InvoiceDate", timestamp},
                 nullable("BillingCountry", column_type::sql("nvarchar(40)")),
                 {"Total", column_type::numeric(10, 2)}}};
  invoice.key = primary_key_def{"PK_Invoice", {"InvoiceId"}};
  invoice.indexes = {{"IFK_InvoiceCustomerId", {"CustomerId"}},
                     {"IX_InvoiceDate", {"InvoiceDate", "Total"}, false, {descending(), descending()}}};
  invoice.foreign_keys = {references("FK_InvoiceCustomerId", {"CustomerId"}, "Customer", {"CustomerId"})};
  check_table(s, invoice);

  // A composite key; the Album's foreign key was written without a name, the Employee's refers to itself.
  table playlist_track{"PlaylistTrack", {{"PlaylistId", int64}, {"TrackId", int64}}};
  playlist_track.key = primary_key_def{"PK_PlaylistTrack", {"PlaylistId", "TrackId"}};
  playlist_track.indexes = {{"IFK_PlaylistTrackTrackId", {"TrackId"}}};
  playlist_track.foreign_keys = {references("FK_PlaylistTrackPlaylistId", {"PlaylistId"}, "Playlist", {"PlaylistId"}),
                                 references("FK_PlaylistTrackTrackId", {"TrackId"}, "Track", {"TrackId"})};
  check_table(s, playlist_track);
  CHECK(s.find_table("Album")->foreign_keys == std::vector{references("", {"ArtistId"}, "Artist", {"ArtistId"})});
  CHECK(s.find_table("Employee")->foreign_keys ==
        std::vector{references("FK_EmployeeReportsTo", {"ReportsTo"}, "Employee", {"EmployeeId"})});
  CHECK(s.find_table("InvoiceLine")->find_column("Quantity")->default_value == column_default::literal("1"));
}

TEST_CASE("sqlite corpus: Django's auth tables read back exactly", "[sqlite][corpus]") {
  schema s = round_trip("auth");
  CHECK(table_names(s) == std::vector<std::string>{"auth_group", "auth_group_permissions", "auth_permission", "auth_user",
                                                   "auth_user_groups", "auth_user_user_permissions", "django_admin_log",
                                                   "django_content_type", "django_migrations", "django_session"});
  table user{"auth_user",
             {rowid("id"),
              {"password", column_type::varchar(128)},
              nullable("last_login", timestamp),
              {"is_superuser", boolean},
              {"username", column_type::varchar(150)},
              {"last_name", column_type::varchar(150)},
              {"email", column_type::varchar(254)},
              {"is_staff", boolean},
              {"is_active", boolean},
              {"date_joined", timestamp},
              {"first_name", column_type::varchar(150)}}};
  user.key = primary_key_def{"", {"id"}};
  user.indexes = {{"", {"username"}, true}};
  check_table(s, user);

  const auto deferred = deferrability::initially_deferred;
  table log{"django_admin_log",
            {rowid("id"),
             nullable("object_id", text),
             {"object_repr", column_type::varchar(200)},
             {"action_flag", column_type::sql("smallint unsigned")},
             {"change_message", text},
             nullable("content_type_id", int64),
             {"user_id", int64},
             {"action_time", timestamp}}};
  log.key = primary_key_def{"", {"id"}};
  log.indexes = {{"django_admin_log_content_type_id_c4bce8eb", {"content_type_id"}},
                 {"django_admin_log_user_id_c564eba6", {"user_id"}}};
  log.foreign_keys = {
      references("", {"content_type_id"}, "django_content_type", {"id"}, fk_action::no_action, fk_action::no_action, deferred),
      references("", {"user_id"}, "auth_user", {"id"}, fk_action::no_action, fk_action::no_action, deferred)};
  log.checks = {check("", "\"action_flag\" >= 0")};
  check_table(s, log);

  // A foreign key to a table created after it, and a unique index of two columns named by a hash.
  table group_permissions{"auth_group_permissions", {rowid("id"), {"group_id", int64}, {"permission_id", int64}}};
  group_permissions.key = primary_key_def{"", {"id"}};
  group_permissions.indexes = {{"auth_group_permissions_group_id_b120cbf9", {"group_id"}},
                               {"auth_group_permissions_group_id_permission_id_0cd325b0_uniq", {"group_id", "permission_id"}, true},
                               {"auth_group_permissions_permission_id_84c5c92e", {"permission_id"}}};
  group_permissions.foreign_keys = {
      references("", {"group_id"}, "auth_group", {"id"}, fk_action::no_action, fk_action::no_action, deferred),
      references("", {"permission_id"}, "auth_permission", {"id"}, fk_action::no_action, fk_action::no_action, deferred)};
  check_table(s, group_permissions);

  // A varchar key is no rowid: not autoincrement.
  table session{"django_session", {{"session_key", column_type::varchar(40)}, {"session_data", text}, {"expire_date", timestamp}}};
  session.key = primary_key_def{"", {"session_key"}};
  session.indexes = {{"django_session_expire_date_a5c62663", {"expire_date"}}};
  check_table(s, session);
}

TEST_CASE("sqlite corpus: a blog engine's core reads back exactly", "[sqlite][corpus]") {
  schema s = round_trip("blog");
  CHECK(table_names(s) == std::vector<std::string>{"authors", "comments", "post_tags", "posts", "tags"});

  table authors{"authors",
                {rowid("id"),
                 {"display name", text},
                 collated("email", text, "NOCASE"),
                 with_default("bio", text, column_default::literal(""), true),
                 with_default("is_admin", boolean, column_default::literal("false")),
                 with_default("created_at", timestamp, column_default::expression("current_timestamp"))}};
  authors.key = primary_key_def{"", {"id"}};
  authors.indexes = {{"authors_email", {"email"}, true}};
  check_table(s, authors);

  table posts{"posts",
              {rowid("id"),
               {"author_id", int64},
               collated("slug", text, "NOCASE"),
               {"title", text},
               with_default("body", text, column_default::literal("")),
               with_default("status", text, column_default::literal("draft")),
               {"word_count", int64, true, std::nullopt, false, identity_kind::by_default, "", "",
                generated_column{"length(body) - length(replace(body, ' ', '')) + 1", false}},
               nullable("published_at", timestamp),
               nullable("updated_at", timestamp)}};
  posts.key = primary_key_def{"", {"id"}};
  posts.indexes = {{"", {"slug"}, true},
                   {"posts_front_page", {"published_at"}, false, {descending()}, "status = 'published'"},
                   {"posts_title_search", {"lower(title)", "author_id"}, false, {key_part{.expression = true}, key_part{}}}};
  posts.foreign_keys = {references("", {"author_id"}, "authors", {"id"}, fk_action::cascade)};
  posts.checks = {check("", "status in ('draft', 'published', 'archived')"),
                  check("posts_published_has_date", "status <> 'published' or published_at is not null")};
  check_table(s, posts);

  table comments{"comments",
                 {rowid("id"),
                  {"post_id", int64},
                  nullable("parent_id", int64),
                  {"author_name", column_type::varchar(80)},
                  {"body", text},
                  with_default("is_spam", boolean, column_default::literal("false")),
                  with_default("created_at", timestamp, column_default::expression("datetime('now')"))}};
  comments.key = primary_key_def{"", {"id"}};
  comments.indexes = {{"comments_by_post", {"post_id", "created_at"}}};
  comments.foreign_keys = {references("", {"parent_id"}, "comments", {"id"}, fk_action::cascade),
                           references("", {"post_id"}, "posts", {"id"}, fk_action::cascade)};
  comments.checks = {check("", "length(body) > 0")};
  check_table(s, comments);

  table tags{"tags", {rowid("id"), collated("name", text, "NOCASE"), {"Slug", text}}};
  tags.key = primary_key_def{"", {"id"}};
  tags.indexes = {{"", {"Slug"}, true}, {"", {"name"}, true}};
  check_table(s, tags);

  table post_tags{"post_tags", {{"post_id", int64}, {"tag_id", int64}}};
  post_tags.key = primary_key_def{"", {"post_id", "tag_id"}};
  post_tags.without_rowid = true;
  post_tags.indexes = {{"post_tags_by_tag", {"tag_id"}}};
  post_tags.foreign_keys = {references("", {"post_id"}, "posts", {"id"}, fk_action::cascade),
                            references("", {"tag_id"}, "tags", {"id"}, fk_action::cascade)};
  check_table(s, post_tags);
}

TEST_CASE("sqlite corpus: a warehouse inventory reads back exactly", "[sqlite][corpus]") {
  schema s = round_trip("inventory");
  CHECK(table_names(s) == std::vector<std::string>{"categories", "employees", "products", "stock", "stock movements", "warehouses"});

  // A cycle of foreign keys; REFERENCES warehouses without columns means its key.
  CHECK(s.find_table("warehouses")->foreign_keys ==
        std::vector{references("", {"manager_id"}, "employees", {"employee_id"}, fk_action::set_null)});
  CHECK(s.find_table("employees")->foreign_keys == std::vector{references("", {"warehouse_id"}, "warehouses", {"warehouse_id"})});
  CHECK(s.find_table("warehouses")->indexes == std::vector<index_def>{{"", {"code"}, true}});
  CHECK(s.find_table("warehouses")->find_column("code")->type == column_type::sql("char(4)"));

  table categories{"categories", {rowid("id"), nullable("parent_id", int64), collated("name", text, "NOCASE")}};
  categories.key = primary_key_def{"", {"id"}};
  categories.indexes = {{"", {"parent_id", "name"}, true}};
  categories.foreign_keys = {references("", {"parent_id"}, "categories", {"id"})};
  check_table(s, categories);

  // A TEXT key is no rowid.
  table products{"products",
                 {collated("sku", text, "NOCASE"),
                  nullable("category_id", int64),
                  with_default("description", text, column_default::literal(""), true),
                  {"unit_price", column_type::numeric(10, 2)},
                  nullable("weight_kg", column_type::of(type_kind::float64)),
                  with_default("discontinued", boolean, column_default::literal("false"))}};
  products.key = primary_key_def{"", {"sku"}};
  products.indexes = {{"products_by_category", {"category_id", "sku"}}};
  products.foreign_keys = {references("", {"category_id"}, "categories", {"id"})};
  products.checks = {check("", "unit_price >= 0"), check("ck_products_sku", "length(sku) BETWEEN 4 AND 32")};
  check_table(s, products);

  table stock{"stock",
              {{"warehouse_id", int64},
               {"sku", text},
               {"bin", text, false, column_default::literal(""), false, identity_kind::by_default, "RTRIM"},
               with_default("quantity", int64, column_default::literal("0"))}};
  stock.key = primary_key_def{"", {"warehouse_id", "sku", "bin"}};
  stock.without_rowid = true;
  stock.indexes = {{"bin lookup", {"bin", "sku"}, false, {key_part{.collation = "NOCASE"}, key_part{}}}};
  stock.foreign_keys = {references("", {"sku"}, "products", {"sku"}, fk_action::no_action, fk_action::cascade),
                        references("", {"warehouse_id"}, "warehouses", {"warehouse_id"}, fk_action::cascade)};
  stock.checks = {check("", "quantity >= 0")};
  check_table(s, stock);

  table movements{"stock movements",
                  {rowid("id"),
                   {"warehouse_id", int64},
                   {"sku", text},
                   {"delta", column_type::of(type_kind::int32)},
                   with_default("moved_at", int64, column_default::expression("unixepoch()")),
                   nullable("note", text),
                   nullable("payload", column_type::sql("any"))}};
  movements.key = primary_key_def{"", {"id"}};
  movements.strict = true;
  movements.indexes = {{"stock movements by time", {"warehouse_id", "moved_at"}, false, {key_part{}, descending()}}};
  movements.foreign_keys = {references("", {"sku"}, "products", {"sku"}),
                            references("", {"warehouse_id"}, "warehouses", {"warehouse_id"})};
  movements.checks = {check("", "delta <> 0")};
  check_table(s, movements);
}

TEST_CASE("sqlite corpus: a SaaS billing schema reads back exactly", "[sqlite][corpus]") {
  schema s = round_trip("billing");
  CHECK(table_names(s) == std::vector<std::string>{"accounts", "invoice_lines", "invoices", "payment_methods", "plans",
                                                   "subscriptions", "transaction"});

  // A named UNIQUE constraint keeps its name: as a unique index of that name.
  table plans{"plans",
              {rowid("id"),
               {"code", column_type::varchar(32)},
               {"name", text},
               {"monthly_price_cents", int64},
               with_default("currency", column_type::sql("char(3)"), column_default::literal("USD")),
               with_default("is_public", boolean, column_default::literal("true"))}};
  plans.key = primary_key_def{"", {"id"}};
  plans.indexes = {{"plans_code_key", {"code"}, true}};
  plans.checks = {check("", "monthly_price_cents >= 0")};
  check_table(s, plans);

  table accounts{"accounts",
                 {rowid("id"),
                  {"name", text},
                  collated("billing_email", text, "NOCASE"),
                  nullable("default_payment_method_id", int64),
                  nullable("customer's reference", text),
                  with_default("created_at", timestamp, column_default::expression("CURRENT_TIMESTAMP"))}};
  accounts.key = primary_key_def{"", {"id"}};
  accounts.foreign_keys = {references("", {"default_payment_method_id"}, "payment_methods", {"id"}, fk_action::set_null,
                                      fk_action::no_action, deferrability::initially_deferred)};
  check_table(s, accounts);
  CHECK(s.find_table("payment_methods")->foreign_keys ==
        std::vector{references("fk_payment_methods_account", {"account_id"}, "accounts", {"id"}, fk_action::cascade)});

  table subscriptions{"subscriptions",
                      {rowid("id"),
                       {"account_id", int64},
                       {"plan_id", int64},
                       with_default("status", text, column_default::literal("trialing")),
                       {"started_at", timestamp},
                       nullable("cancelled_at", timestamp),
                       with_default("quantity", int64, column_default::literal("1"))}};
  subscriptions.key = primary_key_def{"", {"id"}};
  subscriptions.indexes = {{"subscriptions_one_live", {"account_id"}, true, {}, "status IN ('trialing', 'active')"}};
  subscriptions.foreign_keys = {references("", {"account_id"}, "accounts", {"id"}),
                                references("", {"plan_id"}, "plans", {"id"}, fk_action::restrict)};
  subscriptions.checks = {check("", "cancelled_at IS NULL OR cancelled_at >= started_at"), check("", "quantity > 0")};
  check_table(s, subscriptions);

  table invoices{"invoices",
                 {rowid("id"),
                  {"account_id", int64},
                  nullable("subscription_id", int64),
                  {"number", text},
                  {"issued_at", timestamp},
                  {"due_on", date},
                  with_default("total_cents", int64, column_default::literal("0")),
                  with_default("tax_rate", column_type::numeric(5, 4), column_default::literal("0")),
                  with_default("paid", boolean, column_default::literal("false"))}};
  invoices.key = primary_key_def{"", {"id"}};
  invoices.indexes = {{"", {"number"}, true},
                      {"invoices_by_account", {"account_id", "issued_at"}, false, {key_part{}, descending()}},
                      {"invoices_unpaid", {"due_on"}, false, {}, "NOT paid"}};
  invoices.foreign_keys = {references("", {"account_id"}, "accounts", {"id"}),
                           references("", {"subscription_id"}, "subscriptions", {"id"})};
  check_table(s, invoices);

  table transaction{"transaction",
                    {rowid("id"),
                     {"invoice_id", int64},
                     nullable("payment_method_id", int64),
                     {"amount_cents", int64},
                     {"status", text},
                     nullable("external_ref", text),
                     nullable("processed_at", timestamp)}};
  transaction.key = primary_key_def{"", {"id"}};
  transaction.indexes = {{"", {"external_ref"}, true}, {"transaction_by_invoice", {"invoice_id"}}};
  transaction.foreign_keys = {references("", {"invoice_id"}, "invoices", {"id"}),
                              references("", {"payment_method_id"}, "payment_methods", {"id"})};
  transaction.checks = {check("", "\"status\" IN ('pending', 'succeeded', 'failed')")};
  check_table(s, transaction);

  table lines{"invoice_lines", {{"invoice_id", int64}, {"line_no", int64}, {"description", text}, {"amount_cents", int64}}};
  lines.key = primary_key_def{"", {"invoice_id", "line_no"}};
  lines.foreign_keys = {references("", {"invoice_id"}, "invoices", {"id"}, fk_action::cascade)};
  check_table(s, lines);
}

TEST_CASE("sqlite corpus: views, triggers and virtual tables come back unmanaged, with a warning each", "[sqlite][corpus]") {
  schema s = round_trip("unmanaged");
  // The full-text index's and the R*Tree's shadow tables are theirs, not tables of the schema.
  CHECK(table_names(s) == std::vector<std::string>{"note_history", "notes"});
  CHECK(s.unmanaged ==
        std::vector<unmanaged_object>{
            {"trigger", "active_notes_insert", "active_notes",
             "CREATE TRIGGER active_notes_insert INSTEAD OF INSERT ON active_notes\nBEGIN\n  INSERT INTO notes (title, body) "
             "VALUES (NEW.title, NEW.body);\nEND"},
            {"trigger", "notes_fts_insert", "notes",
             "CREATE TRIGGER notes_fts_insert AFTER INSERT ON notes BEGIN\n  INSERT INTO notes_fts (rowid, title, body) VALUES "
             "(new.id, new.title, new.body);\nEND"},
            {"trigger", "notes_touch", "notes",
             "CREATE TRIGGER notes_touch AFTER UPDATE OF body ON notes\nBEGIN\n  UPDATE notes SET updated_at = datetime('now') "
             "WHERE id = NEW.id;\n  INSERT INTO note_history (note_id, old_body) VALUES (OLD.id, OLD.body);\nEND"},
            {"view", "active_notes", "", "CREATE VIEW active_notes AS SELECT id, title, body FROM notes WHERE NOT archived"},
            {"view", "recent notes", "", "CREATE VIEW \"recent notes\" AS\n  SELECT * FROM active_notes ORDER BY id DESC LIMIT 10"},
            {"virtual table", "note_locations", "", "CREATE VIRTUAL TABLE note_locations USING rtree(id, min_x, max_x, min_y, max_y)"},
            {"virtual table", "notes_fts", "",
             "CREATE VIRTUAL TABLE notes_fts USING fts5(title, body, content='notes', content_rowid='id')"}});
  CHECK(s.warnings() ==
        std::vector<std::string>{
            "trigger \"active_notes_insert\" on table \"active_notes\" is not managed by tempest: it is left as it is",
            "trigger \"notes_fts_insert\" on table \"notes\" is not managed by tempest: it is left as it is",
            "trigger \"notes_touch\" on table \"notes\" is not managed by tempest: it is left as it is",
            "view \"active_notes\" is not managed by tempest: it is left as it is",
            "view \"recent notes\" is not managed by tempest: it is left as it is",
            "virtual table \"note_locations\" is not managed by tempest: it is left as it is",
            "virtual table \"notes_fts\" is not managed by tempest: it is left as it is"});

  // What create_schema made again works: the triggers fire, the full-text index answers.
  connection copy(tempest_test::fresh_database("sqlite"));
  create_schema(copy, s);
  copy.execute("INSERT INTO active_notes (title, body) VALUES ('groceries', 'milk and bread')");
  copy.execute("UPDATE notes SET body = 'milk, bread and eggs'");
  CHECK(copy.query("SELECT title FROM notes_fts WHERE notes_fts MATCH 'milk'") == std::vector<result_row>{{"groceries"}});
  CHECK(copy.query("SELECT old_body FROM note_history") == std::vector<result_row>{{"milk and bread"}});
}
