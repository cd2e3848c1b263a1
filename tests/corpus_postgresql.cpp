// Schemas written by hand in PostgreSQL's own idiom (tests/corpus/postgresql/*.sql, not made by
// tempest): each is loaded as written, introspected, created again by create_schema in a fresh
// database and introspected there; the two readings must be equal. Literal checks pin what the
// hand-written DDL reads back as; unmanaged.sql pins the objects tempest leaves alone.
#include <catch2/catch.hpp>

#include <soci/soci.h>

#include <tempest/introspect/introspect.hpp>
#include <tempest/runtime/create_schema.hpp>

#include "support/corpus.hpp"
#include "support/database.hpp"

using namespace tempest;

// CHECK(a == b) for IR values, which print with fmt when they differ.
#define CHECK_IR(a, b)                                          \
  do {                                                          \
    const auto& lhs_ = (a);                                     \
    const auto& rhs_ = (b);                                     \
    INFO(fmt::format("{}\n  ==\n{}", lhs_, rhs_));              \
    CHECK(lhs_ == rhs_);                                        \
  } while (false)

namespace {

std::string corpus_sql(std::string_view name) { return tempest_test::corpus_sql("postgresql", name); }

// Loads the corpus file into a fresh database and returns what introspection reads there.
schema load(std::string_view name, std::string* url = nullptr) {
  auto fresh = tempest_test::fresh_database("postgresql");
  if (url) *url = fresh;
  connection db(fresh);
  db.execute(corpus_sql(name));
  return introspect(db);
}

// The schema, rendered by create_schema into a fresh database and read back there.
schema recreated(const schema& s) {
  connection db(tempest_test::fresh_database("postgresql"));
  create_schema(db, s);
  return introspect(db);
}

void check_round_trip(const schema& loaded) {
  auto again = recreated(loaded);
  INFO("loaded:\n" << fmt::format("{}", loaded) << "\nrecreated:\n" << fmt::format("{}", again));
  CHECK(again == loaded);
}

const table& table_named(const schema& s, std::string_view name) {
  const table* t = s.find_table(name);
  INFO("table " << name);
  REQUIRE(t);
  return *t;
}

const column& column_named(const table& t, std::string_view name) {
  const column* c = t.find_column(name);
  INFO("column " << t.name << "." << name);
  REQUIRE(c);
  return *c;
}

const index_def& index_named(const table& t, std::string_view name) {
  auto it = std::find_if(t.indexes.begin(), t.indexes.end(), [&](const index_def& ix) { return ix.name == name; });
  INFO("index " << name << " on " << t.name << "\n" << fmt::format("{}", t));
  REQUIRE(it != t.indexes.end());
  return *it;
}

const foreign_key_def& foreign_key_named(const table& t, std::string_view name) {
  auto it = std::find_if(t.foreign_keys.begin(), t.foreign_keys.end(), [&](const foreign_key_def& fk) { return fk.name == name; });
  INFO("foreign key " << name << " on " << t.name << "\n" << fmt::format("{}", t));
  REQUIRE(it != t.foreign_keys.end());
  return *it;
}

std::vector<std::string> check_names(const table& t) {
  std::vector<std::string> names;
  for (const auto& ck : t.checks) names.push_back(ck.name);
  return names;
}

}  // namespace

TEST_CASE("corpus postgresql: music store", "[postgresql][corpus]") {
  auto s = load("music_store");
  check_round_trip(s);

  const auto& album = table_named(s, "album");
  CHECK_IR(*album.key, (primary_key_def{"album_pkey", {"album_id"}}));
  CHECK(column_named(album, "album_id").autoincrement);
  CHECK(column_named(album, "album_id").identity == identity_kind::serial);
  CHECK(column_named(album, "album_id").type == column_type::of(type_kind::int32));
  CHECK_FALSE(column_named(album, "album_id").default_value);
  CHECK_IR(index_named(album, "album_artist_id_idx"), (index_def{"album_artist_id_idx", {"artist_id"}, false}));
  CHECK_IR(foreign_key_named(album, "album_artist_id_fkey"),
        (foreign_key_def{"album_artist_id_fkey", {"artist_id"}, "artist", {"artist_id"}}));

  const auto& media_type = table_named(s, "media_type");
  CHECK(column_named(media_type, "media_type_id").identity == identity_kind::by_default);
  CHECK(column_named(table_named(s, "genre"), "genre_id").identity == identity_kind::always);
  CHECK(column_named(table_named(s, "genre"), "name").type == column_type::varchar(120));

  const auto& track = table_named(s, "track");
  CHECK_IR(foreign_key_named(track, "track_album_id_fkey"),
        (foreign_key_def{"track_album_id_fkey", {"album_id"}, "album", {"album_id"}, fk_action::cascade}));
  CHECK(foreign_key_named(track, "track_genre_id_fkey").on_delete == fk_action::set_null);
  CHECK(check_names(track) == std::vector<std::string>{"track_milliseconds_check"});
  CHECK(track.checks[0].expression == "milliseconds > 0");
  CHECK(column_named(track, "unit_price").default_value == column_default::literal("0.99"));
  index_def pattern{"track_name_pattern_idx", {"name"}, false};
  pattern.parts = {key_part{.operator_class = "varchar_pattern_ops"}};
  CHECK_IR(index_named(track, "track_name_pattern_idx"), pattern);
  index_def longest{"ix_track_longest", {"milliseconds"}, false};
  longest.parts = {key_part{.descending = true}};
  CHECK_IR(index_named(track, "ix_track_longest"), longest);

  CHECK(foreign_key_named(table_named(s, "employee"), "employee_reports_to_fkey").referenced_table == "employee");
  CHECK(column_named(table_named(s, "employee"), "birth_date").type == column_type::sql("timestamp without time zone"));
  CHECK_IR(index_named(table_named(s, "customer"), "customer_email_key"), (index_def{"customer_email_key", {"email"}, true}));

  const auto& invoice = table_named(s, "invoice");
  CHECK(column_named(invoice, "invoice_date").default_value == column_default::expression("now()"));
  index_def by_customer{"invoice_customer_id_invoice_date_idx", {"customer_id", "invoice_date"}, false};
  by_customer.parts = {key_part{}, key_part{.descending = true}};
  CHECK_IR(index_named(invoice, "invoice_customer_id_invoice_date_idx"), by_customer);

  CHECK(table_named(s, "playlist_track").key == primary_key_def{"playlist_track_pkey", {"playlist_id", "track_id"}});
  CHECK(s.unmanaged.empty());
}

TEST_CASE("corpus postgresql: auth", "[postgresql][corpus]") {
  auto s = load("auth");
  check_round_trip(s);

  const auto& permission = table_named(s, "auth_permission");
  CHECK_IR(foreign_key_named(permission, "auth_permission_content_type_id_2f476e4b_fk_django_co"),
        (foreign_key_def{"auth_permission_content_type_id_2f476e4b_fk_django_co", {"content_type_id"}, "django_content_type",
                        {"id"}, fk_action::no_action, fk_action::no_action, deferrability::initially_deferred}));
  // A unique constraint reads back as a unique index of the same name.
  CHECK_IR(index_named(permission, "auth_permission_content_type_id_codename_01ab375a_uniq"),
           (index_def{"auth_permission_content_type_id_codename_01ab375a_uniq", {"content_type_id", "codename"}, true}));

  const auto& user = table_named(s, "user");
  CHECK(user.key == primary_key_def{"user_pkey", {"id"}});
  CHECK(column_named(user, "id").type == column_type::of(type_kind::int64));
  CHECK(column_named(user, "id").identity == identity_kind::serial);
  CHECK(column_named(user, "first_name").default_value == column_default::literal(""));
  CHECK(column_named(user, "is_staff").default_value == column_default::literal("false"));
  CHECK(column_named(user, "is_active").default_value == column_default::literal("true"));
  CHECK(column_named(user, "date_joined").default_value == column_default::expression("CURRENT_TIMESTAMP"));
  CHECK_IR(index_named(user, "user_username_key"), (index_def{"user_username_key", {"username"}, true}));
  index_def lower_email{"user_email_lower_uniq", {"lower(email::text)"}, true};
  lower_email.parts = {key_part{.expression = true}};
  CHECK_IR(index_named(user, "user_email_lower_uniq"), lower_email);

  const auto& user_groups = table_named(s, "user_groups");
  CHECK(foreign_key_named(user_groups, "user_groups_user_id_fkey").deferrable == deferrability::initially_deferred);
  CHECK(foreign_key_named(user_groups, "user_groups_user_id_fkey").on_delete == fk_action::cascade);
  CHECK(foreign_key_named(user_groups, "user_groups_group_id_fkey").deferrable == deferrability::initially_immediate);
  CHECK(index_named(user_groups, "user_groups_user_id_group_id_key").unique);

  CHECK(check_names(table_named(s, "django_admin_log")) == std::vector<std::string>{"django_admin_log_action_flag_check"});

  REQUIRE(s.unmanaged.size() == 1);
  CHECK(s.unmanaged[0].kind == "comment on table");
  CHECK(s.unmanaged[0].name == "user");
  CHECK(s.unmanaged[0].table.empty());
  CHECK(s.unmanaged[0].ddl == "COMMENT ON TABLE public.\"user\" IS 'Accounts that can sign in; see the operator''s guide.'");
}

TEST_CASE("corpus postgresql: blog", "[postgresql][corpus]") {
  auto s = load("blog");
  check_round_trip(s);

  REQUIRE(s.enum_types.size() == 1);
  CHECK(s.enum_types[0] == enum_type_def{"post_status", {"draft", "published", "archived"}});

  const auto& author = table_named(s, "author");
  CHECK(column_named(author, "handle").collation == "C");
  CHECK(column_named(author, "id").identity == identity_kind::always);
  // An expression part's collation is spelled out when it is neither its type's nor that of a
  // column it reads: lower(handle) takes "C" from the column, lower(display_name) is told.
  index_def handle{"author_handle_lower_key", {"lower(handle)"}, true};
  handle.parts = {key_part{.expression = true}};
  index_def sort{"author_display_name_sort_idx", {"lower(display_name)"}, false};
  sort.parts = {key_part{.expression = true, .collation = "C"}};
  CHECK_IR(index_named(author, "author_display_name_sort_idx"), sort);
  CHECK_IR(index_named(author, "author_handle_lower_key"), handle);

  const auto& post = table_named(s, "post");
  CHECK(column_named(post, "status").type == column_type::enumeration_of("post_status", {"draft", "published", "archived"}));
  CHECK(column_named(post, "status").default_value == column_default::literal("draft"));
  CHECK(column_named(post, "tags").type == column_type::sql("text[]"));
  CHECK(column_named(post, "tags").default_value == column_default::literal("{}"));
  CHECK(column_named(post, "body").default_value == column_default::literal(""));
  CHECK(column_named(post, "score").type == column_type::sql("numeric"));
  CHECK(column_named(post, "updated_at").type == column_type::sql("timestamp(3) without time zone"));
  CHECK(column_named(post, "word_count").generated ==
        generated_column{"array_length(regexp_split_to_array(TRIM(BOTH FROM body), E'\\\\s+'::text), 1)", true});
  CHECK(check_names(post) == std::vector<std::string>{"post_check"});
  CHECK_IR(index_named(post, "post_author_id_slug_key"), (index_def{"post_author_id_slug_key", {"author_id", "slug"}, true}));
  index_def published{"post_published_idx", {"published_at"}, false};
  published.parts = {key_part{.descending = true}};
  published.predicate = "status = 'published'::post_status";
  CHECK_IR(index_named(post, "post_published_idx"), published);
  index_def title{"post_title_search_idx", {"lower(title)", "id"}, false};
  title.parts = {key_part{.expression = true, .operator_class = "text_pattern_ops"}, key_part{}};
  CHECK_IR(index_named(post, "post_title_search_idx"), title);

  const auto& comment = table_named(s, "comment");
  CHECK(foreign_key_named(comment, "comment_parent_id_fkey").referenced_table == "comment");
  CHECK(column_named(comment, "is_approved").default_value == column_default::literal("false"));
  index_def pending{"comment_pending_idx", {"post_id"}, false};
  pending.predicate = "NOT is_approved";
  CHECK_IR(index_named(comment, "comment_pending_idx"), pending);
  // DESC NULLS FIRST is what DESC means: a plain descending part.
  CHECK(index_named(comment, "comment_thread_idx").parts == std::vector<key_part>{key_part{}, key_part{.descending = true}});

  CHECK(index_named(table_named(s, "tag"), "tag_name_unique").unique);
  CHECK(table_named(s, "post_tag").key == primary_key_def{"post_tag_pkey", {"post_id", "tag_id"}});
  CHECK(s.unmanaged.empty());
}

TEST_CASE("corpus postgresql: inventory", "[postgresql][corpus]") {
  auto s = load("inventory");
  check_round_trip(s);

  const auto& warehouse = table_named(s, "warehouse");
  CHECK(column_named(warehouse, "id").type == column_type::of(type_kind::int16));
  CHECK(column_named(warehouse, "id").identity == identity_kind::serial);
  CHECK(column_named(warehouse, "code").type == column_type::sql("character(4)"));
  CHECK(column_named(warehouse, "name").collation == "und-x-icu");
  CHECK_IR(foreign_key_named(warehouse, "warehouse_primary_location_id_fkey"),
        (foreign_key_def{"warehouse_primary_location_id_fkey", {"primary_location_id"}, "storage_location", {"id"},
                        fk_action::no_action, fk_action::no_action, deferrability::initially_deferred}));
  CHECK(foreign_key_named(table_named(s, "storage_location"), "storage_location_warehouse_id_fkey").deferrable ==
        deferrability::initially_deferred);
  CHECK(index_named(table_named(s, "storage_location"), "storage_location_warehouse_id_aisle_shelf_bin_key").unique);

  const auto& product = table_named(s, "product");
  index_def description{"product_description_idx", {"description"}, false};
  description.parts = {key_part{.collation = "C", .operator_class = "text_pattern_ops"}};
  CHECK_IR(index_named(product, "product_description_idx"), description);
  CHECK(column_named(product, "created_at").default_value == column_default::expression("LOCALTIMESTAMP"));
  CHECK(column_named(product, "discontinued").default_value == column_default::literal("false"));

  // Names longer than 63 bytes, truncated by PostgreSQL, read back as it stores them.
  const auto& stock = table_named(s, "stock_level");
  CHECK(foreign_key_named(stock, "stock_level_storage_location_id_references_storage_location_id_").on_delete ==
        fk_action::cascade);
  CHECK(foreign_key_named(stock, "stock_level_product_sku_fkey").on_delete == fk_action::restrict);
  CHECK(foreign_key_named(stock, "stock_level_product_sku_fkey").on_update == fk_action::cascade);
  const auto& history = table_named(s, "stock_adjustment_history_for_each_storage_location_and_product_");
  CHECK(history.key == primary_key_def{"stock_adjustment_history_for_each_storage_location_and_pro_pkey", {"id"}});
  CHECK(check_names(history) == std::vector<std::string>{"stock_adjustment_history_for_each_storage__quantity_delta_check"});
  CHECK(foreign_key_named(history, "stock_adjustment_history_for_each_stor_storage_location_id_fkey").referenced_table ==
        "storage_location");
  CHECK(foreign_key_named(history, "stock_adjustment_history_for_each_storage_loca_product_sku_fkey").on_update ==
        fk_action::cascade);
  CHECK(index_named(history, "stock_adjustment_history_for__storage_location_id_product_s_key").unique);
  CHECK(index_named(history, "stock_adjustment_history_for_each_storage_locat_recorded_at_idx").parts ==
        std::vector<key_part>{key_part{.descending = true}});
}

TEST_CASE("corpus postgresql: billing", "[postgresql][corpus]") {
  auto s = load("billing");
  check_round_trip(s);

  CHECK(s.enum_types == std::vector<enum_type_def>{{"billing_interval", {"month", "year"}},
                                                   {"subscription_state", {"trialing", "active", "past_due", "canceled"}}});
  const auto& account = table_named(s, "account");
  CHECK(column_named(account, "id").type == column_type::sql("uuid"));
  CHECK(column_named(account, "id").default_value == column_default::expression("gen_random_uuid()"));
  CHECK(column_named(account, "country_code").default_value == column_default::literal("US"));

  const auto& plan = table_named(s, "plan");
  CHECK(column_named(plan, "interval").type == column_type::enumeration_of("billing_interval", {"month", "year"}));
  CHECK(column_named(plan, "features").type == column_type::sql("jsonb"));
  CHECK(column_named(plan, "features").default_value == column_default::literal("{}"));

  const auto& subscription = table_named(s, "subscription");
  index_def live{"subscription_one_live_per_account", {"account_id"}, true};
  live.predicate = "state = ANY (ARRAY['trialing'::subscription_state, 'active'::subscription_state, "
                   "'past_due'::subscription_state])";
  CHECK_IR(index_named(subscription, "subscription_one_live_per_account"), live);
  CHECK(check_names(subscription) == std::vector<std::string>{"subscription_period_valid"});

  const auto& invoice = table_named(s, "invoice");
  CHECK(check_names(invoice) == std::vector<std::string>{"invoice_check", "invoice_status_check"});
  CHECK(column_named(invoice, "total_cents").generated == generated_column{"subtotal_cents + tax_cents", true});
  CHECK(column_named(invoice, "memo").default_value ==
        column_default::literal("Thank you for your business.\nQuestions? Write to billing@example.com"));
  CHECK(foreign_key_named(invoice, "invoice_latest_payment_fk").deferrable == deferrability::initially_deferred);
  CHECK(foreign_key_named(invoice, "invoice_account_id_fkey").on_delete == fk_action::no_action);

  const auto& lines = table_named(s, "invoice_line_item_with_a_very_descriptive_name_for_the_reportin");
  CHECK(lines.key == primary_key_def{"invoice_line_item_with_a_very_descriptive_name_for_the_rep_pkey", {"id"}});

  REQUIRE(s.unmanaged.size() == 1);
  CHECK(s.unmanaged[0].warning() ==
        "comment on column \"total_cents\" on table \"invoice\" is not managed by tempest: it is left as it is");
}

TEST_CASE("corpus postgresql: unmanaged objects", "[postgresql][corpus]") {
  auto s = load("unmanaged");
  check_round_trip(s);

  struct expected_object {
    std::string kind, name, table;
    bool before_tables;
  };
  const std::vector<expected_object> expected{
      {"brin index", "measurement_taken_on_brin", "measurement", false},
      {"comment on table", "customer", "", false},
      {"comment on view", "big_customers", "", false},
      {"domain", "email_address", "", true},
      {"exclusion constraint", "room_booking_during_excl", "room_booking", false},
      {"extension", "citext", "", true},
      {"extension", "pg_trgm", "", true},
      {"function", "customer_label(c customer)", "", false},     // a table's row type: after the tables
      {"function", "order_count(customer integer)", "", false},  // LANGUAGE sql: its body needs the tables
      {"function", "touch_updated_at()", "", true},
      {"gin index", "customer_name_trgm_idx", "customer", false},
      {"index", "monthly_orders_month_idx", "monthly_orders", false},
      {"index", "order_customer_covering_idx", "order", false},  // INCLUDE
      {"index", "order_placed_at_idx", "order", false},          // DESC NULLS LAST
      {"materialized view", "monthly_orders", "", false},
      {"partition", "measurement_2024", "measurement", false},
      {"partition", "measurement_2025", "measurement", false},
      {"partitioned table", "measurement", "", false},
      {"policy", "customer_self", "customer", false},
      {"procedure", "archive_orders(IN before timestamp with time zone)", "", false},
      {"sequence", "order_number_seq", "", true},
      {"table options", "customer", "", false},
      {"table options", "import_buffer", "", false},
      {"table options", "order", "", false},
      {"trigger", "customer_touch", "customer", false},
      {"type", "money_amount", "", true},
      {"view", "big_customers", "", false},
      {"view", "customer_order_totals", "", false},
  };
  REQUIRE(s.unmanaged.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& o = s.unmanaged[i];
    INFO(i << ": " << o.kind << " " << o.name << " on " << o.table);
    CHECK(o.kind == expected[i].kind);
    CHECK(o.name == expected[i].name);
    CHECK(o.table == expected[i].table);
    CHECK(o.before_tables == expected[i].before_tables);
  }
  auto object = [&](std::string_view kind, std::string_view name) -> const unmanaged_object& {
    auto it = std::find_if(s.unmanaged.begin(), s.unmanaged.end(),
                           [&](const unmanaged_object& o) { return o.kind == kind && o.name == name; });
    REQUIRE(it != s.unmanaged.end());
    return *it;
  };
  CHECK(object("exclusion constraint", "room_booking_during_excl").ddl ==
        "ALTER TABLE \"room_booking\" ADD CONSTRAINT \"room_booking_during_excl\" EXCLUDE USING gist (during WITH &&)");
  CHECK(object("sequence", "order_number_seq").ddl ==
        "CREATE SEQUENCE order_number_seq AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000 "
        "CACHE 1 NO CYCLE");
  CHECK(object("partition", "measurement_2024").ddl ==
        "CREATE TABLE measurement_2024 PARTITION OF measurement FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
  CHECK(object("partition", "measurement_2024").depends_on == std::vector<std::string>{"measurement"});
  CHECK(object("partitioned table", "measurement").ddl ==
        "CREATE TABLE \"measurement\" (\n"
        "  \"id\" BIGINT NOT NULL,\n"
        "  \"taken_on\" DATE NOT NULL,\n"
        "  \"value\" DOUBLE PRECISION,\n"
        "  CONSTRAINT \"measurement_pkey\" PRIMARY KEY (\"id\", \"taken_on\")\n"
        ") PARTITION BY RANGE (taken_on)");
  CHECK(object("brin index", "measurement_taken_on_brin").depends_on == std::vector<std::string>{"measurement"});
  CHECK(object("trigger", "customer_touch").ddl ==
        "CREATE TRIGGER customer_touch BEFORE UPDATE ON public.customer FOR EACH ROW EXECUTE FUNCTION touch_updated_at()");
  CHECK(object("trigger", "customer_touch").depends_on == std::vector<std::string>{"touch_updated_at()"});
  CHECK(object("index", "order_placed_at_idx").ddl ==
        "CREATE INDEX order_placed_at_idx ON public.\"order\" USING btree (placed_at DESC NULLS LAST)");
  CHECK(object("domain", "email_address").ddl ==
        "CREATE DOMAIN email_address AS citext CONSTRAINT email_address_check CHECK ((VALUE ~ E'^[^@\\\\s]+@[^@\\\\s]+$'::citext))");
  CHECK(object("domain", "email_address").depends_on == std::vector<std::string>{"citext"});
  CHECK(object("table options", "import_buffer").ddl == "ALTER TABLE import_buffer SET UNLOGGED");
  CHECK(object("table options", "order").ddl == "ALTER TABLE \"order\" SET (fillfactor=90)");
  CHECK(object("table options", "customer").ddl == "ALTER TABLE customer ENABLE ROW LEVEL SECURITY");
  CHECK(object("policy", "customer_self").ddl ==
        "CREATE POLICY customer_self ON customer FOR SELECT TO PUBLIC USING (((email)::text = CURRENT_USER))");
  CHECK(object("type", "money_amount").ddl == "CREATE TYPE money_amount AS (currency character(3), cents bigint)");
  CHECK(object("extension", "citext").ddl == "CREATE EXTENSION IF NOT EXISTS citext CASCADE");
  CHECK(object("comment on view", "big_customers").ddl ==
        "COMMENT ON VIEW public.big_customers IS 'Customers with more than ten orders'");
  // A view on a view names the one it needs, whose name sorts after its own.
  CHECK(object("view", "big_customers").depends_on == std::vector<std::string>{"customer_order_totals", "email_address"});
  CHECK(object("view", "big_customers").ddl.ends_with("WHERE customer_order_totals.orders > 10 AND "
                                                      "customer_order_totals.email::text !~~ E'%\\\\_test@%'::text"));

  CHECK(s.warnings().at(4) ==
        "exclusion constraint \"room_booking_during_excl\" on table \"room_booking\" is not managed by tempest: it is "
        "left as it is");
  CHECK(s.warnings().at(17) == "partitioned table \"measurement\" is not managed by tempest: it is left as it is");

  // Columns of a domain or composite type keep the type by its name; the managed tables stay.
  std::vector<std::string> tables;
  for (const auto& t : s.tables) tables.push_back(t.name);
  CHECK(tables == std::vector<std::string>{"customer", "import_buffer", "order", "room_booking"});
  CHECK(column_named(table_named(s, "customer"), "email").type == column_type::sql("email_address"));
  CHECK(column_named(table_named(s, "customer"), "search_name").generated == generated_column{"lower(name)", true});
  CHECK(column_named(table_named(s, "order"), "total").type == column_type::sql("money_amount"));
  CHECK(column_named(table_named(s, "order"), "number").default_value ==
        column_default::expression("nextval('order_number_seq'::regclass)"));
  CHECK_FALSE(column_named(table_named(s, "order"), "number").autoincrement);
  CHECK(column_named(table_named(s, "room_booking"), "during").type == column_type::sql("tsrange"));
  CHECK(table_named(s, "room_booking").indexes.empty());
}

namespace {
// Sets standard_conforming_strings for every later connection to the database at `url`.
void set_standard_conforming_strings(const std::string& url, bool on) {
  soci::session admin;
  tempest_test::connect(admin, url);
  auto name = url.substr(url.rfind('/') + 1);
  admin << fmt::format("ALTER DATABASE \"{}\" SET standard_conforming_strings = {}", name.substr(0, name.find('?')),
                       on ? "on" : "off");
}
}  // namespace

// PostgreSQL prints the string constants of expressions, predicates and view definitions for the
// session that reads them; tempest reads them in a form that means the same under either setting.
TEST_CASE("corpus postgresql: standard_conforming_strings off reads the same schema", "[postgresql][corpus]") {
  const std::string quoted =
      "CREATE TABLE quoted (a text DEFAULT concat('a\\b', 'it''s'), b text, CHECK (a <> 'it''s \\ here'));\n"
      "CREATE INDEX quoted_partial_idx ON quoted (b) WHERE a <> 'x\\y''z';\n"
      "CREATE INDEX quoted_expression_idx ON quoted ((b || '\\'));\n"
      "CREATE VIEW quoted_view AS SELECT a FROM quoted WHERE b LIKE '%\\_%';\n";
  for (std::string name : {"blog", "unmanaged", "quoted"}) {
    INFO(name);
    std::string url = tempest_test::fresh_database("postgresql");
    schema on;
    {
      connection db(url);
      db.execute(name == "quoted" ? quoted : corpus_sql(name));
      on = introspect(db);
    }
    set_standard_conforming_strings(url, false);
    connection db(url);
    REQUIRE(db.query("SHOW standard_conforming_strings").at(0).at(0) == "off");
    auto off = introspect(db);
    CHECK_IR(off, on);

    // Rendered into a database with the setting off, and read there with it on: the same again.
    std::string other = tempest_test::fresh_database("postgresql");
    set_standard_conforming_strings(other, false);
    {
      connection target(other);
      create_schema(target, off);
    }
    set_standard_conforming_strings(other, true);
    connection reader(other);
    CHECK_IR(introspect(reader), on);
    if (name == "quoted") {
      const auto& t = table_named(on, "quoted");
      CHECK(column_named(t, "a").default_value == column_default::expression("concat(E'a\\\\b', 'it''s')"));
      CHECK(t.checks.at(0).expression == "a <> E'it''s \\\\ here'::text");
      CHECK(index_named(t, "quoted_partial_idx").predicate == "a <> E'x\\\\y''z'::text");
      CHECK(index_named(t, "quoted_expression_idx").columns == std::vector<std::string>{"b || E'\\\\'::text"});
      // And the default means what it says: a, a backslash, b.
      reader.execute("INSERT INTO quoted (b) VALUES ('x')");
      CHECK(reader.query("SELECT a FROM quoted").at(0).at(0) == "a\\bit's");
    }
  }
}

TEST_CASE("corpus postgresql: an extension's tables, views and functions are the extension's", "[postgresql][corpus]") {
  connection db(tempest_test::fresh_database("postgresql"));
  db.execute(
      "CREATE EXTENSION citext;\n"
      "CREATE TABLE citext_settings (name text PRIMARY KEY);\n"
      "CREATE VIEW citext_view AS SELECT name FROM citext_settings;\n"
      "CREATE FUNCTION citext_helper() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
      "ALTER EXTENSION citext ADD TABLE citext_settings;\n"
      "ALTER EXTENSION citext ADD VIEW citext_view;\n"
      "ALTER EXTENSION citext ADD FUNCTION citext_helper();\n"
      "CREATE TABLE person (id int PRIMARY KEY, nick citext);");
  auto s = introspect(db);
  REQUIRE(s.tables.size() == 1);
  CHECK(s.tables[0].name == "person");
  CHECK(column_named(s.tables[0], "nick").type == column_type::sql("citext"));
  REQUIRE(s.unmanaged.size() == 1);
  CHECK(s.unmanaged[0].warning() == "extension \"citext\" is not managed by tempest: it is left as it is");
}

TEST_CASE("corpus postgresql: excluded tables take their unmanaged objects with them", "[postgresql][corpus]") {
  connection db(tempest_test::fresh_database("postgresql"));
  db.execute(
      "CREATE TABLE tempest_migrations (revision text PRIMARY KEY);\n"
      "COMMENT ON COLUMN tempest_migrations.revision IS 'applied';\n"
      "CREATE INDEX tempest_migrations_hash ON tempest_migrations USING hash (revision);\n"
      "CREATE TABLE kept (id int PRIMARY KEY);\n"
      "CREATE INDEX kept_hash ON kept USING hash (id);");
  auto s = introspect(db, {.exclude_tables = {"tempest_migrations"}});
  REQUIRE(s.tables.size() == 1);
  REQUIRE(s.unmanaged.size() == 1);
  CHECK(s.unmanaged[0].warning() == "hash index \"kept_hash\" on table \"kept\" is not managed by tempest: it is left as it is");
}
