#pragma once
// Models of the hand-written PostgreSQL schemas in tests/corpus/postgresql/, one namespace per file:
// what an application adopting those databases would write. Every namespace takes PostgreSQL's own
// names; what the DDL named itself is named exactly. Expressions are written as `\d` prints them.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <tempest/model/model.hpp>
#include <tempest/model/reflect.hpp>

namespace corpus_postgresql {

using timestamp = std::chrono::system_clock::time_point;  // timestamptz; sql_type("timestamp") for one without

// music_store.sql: serial keys, inline REFERENCES and CHECKs, indexes named by PostgreSQL.
namespace music_store {
TEMPEST_NAMING_CONVENTION(tempest::naming::postgresql);

struct artist {
  std::int32_t artist_id;
  std::optional<std::string> name;
};
TEMPEST_MODEL(artist, "artist", (artist_id, tempest::primary_key, tempest::serial), (name, tempest::length(120)));

struct album {
  std::int32_t album_id;
  std::string title;
  std::int32_t artist_id;
};
TEMPEST_MODEL(album, "album",
              (album_id, tempest::primary_key, tempest::serial),
              (title, tempest::length(160)),
              (artist_id, tempest::references<&artist::artist_id>(), tempest::index));

struct media_type {
  std::int32_t media_type_id;
  std::optional<std::string> name;
};
TEMPEST_MODEL(media_type, "media_type",
              (media_type_id, tempest::primary_key, tempest::autoincrement),
              (name, tempest::length(120)));

struct genre {
  std::int32_t genre_id;
  std::optional<std::string> name;
};
TEMPEST_MODEL(genre, "genre", (genre_id, tempest::primary_key, tempest::identity_always), (name, tempest::length(120)));

struct track {
  std::int32_t track_id;
  std::string name;
  std::optional<std::int32_t> album_id;
  std::int32_t media_type_id;
  std::optional<std::int32_t> genre_id;
  std::optional<std::string> composer;
  std::int32_t milliseconds;
  std::optional<std::int32_t> bytes;
  tempest::decimal unit_price;
};
TEMPEST_MODEL(track, "track",
              (track_id, tempest::primary_key, tempest::serial),
              (name, tempest::length(200)),
              (album_id, tempest::references<&album::album_id>(tempest::on_delete::cascade),
               tempest::index.named("track_album_id_idx")),
              (media_type_id, tempest::references<&media_type::media_type_id>()),
              (genre_id, tempest::references<&genre::genre_id>(tempest::on_delete::set_null)),
              (composer, tempest::length(220)),
              (milliseconds, tempest::check("milliseconds > 0")),
              (bytes),
              (unit_price, tempest::precision(10, 2), tempest::default_value(tempest::decimal{"0.99"})));
TEMPEST_TABLE_CONSTRAINTS(track,
                          tempest::index("track_name_pattern_idx", tempest::key(&track::name).opclass("varchar_pattern_ops")),
                          tempest::index("ix_track_longest", tempest::desc(&track::milliseconds)));

struct employee {
  std::int32_t employee_id;
  std::string last_name;
  std::string first_name;
  std::optional<std::string> title;
  std::optional<std::int32_t> reports_to;
  std::optional<timestamp> birth_date;
  std::optional<timestamp> hire_date;
  std::optional<std::string> email;
};
TEMPEST_MODEL(employee, "employee",
              (employee_id, tempest::primary_key, tempest::serial),
              (last_name, tempest::length(20)),
              (first_name, tempest::length(20)),
              (title, tempest::length(30)),
              (reports_to, tempest::references<&employee::employee_id>()),
              (birth_date, tempest::sql_type("timestamp")),
              (hire_date, tempest::sql_type("timestamp")),
              (email, tempest::length(60)));

struct customer {
  std::int32_t customer_id;
  std::string first_name;
  std::string last_name;
  std::optional<std::string> company;
  std::optional<std::string> country;
  std::string email;
  std::optional<std::int32_t> support_rep_id;
};
TEMPEST_MODEL(customer, "customer",
              (customer_id, tempest::primary_key, tempest::serial),
              (first_name, tempest::length(40)),
              (last_name, tempest::length(20)),
              (company, tempest::length(80)),
              (country, tempest::length(40)),
              (email, tempest::length(60), tempest::unique),
              (support_rep_id, tempest::references<&employee::employee_id>()));

struct invoice {
  std::int32_t invoice_id;
  std::int32_t customer_id;
  timestamp invoice_date;
  std::optional<std::string> billing_country;
  tempest::decimal total;
};
TEMPEST_MODEL(invoice, "invoice",
              (invoice_id, tempest::primary_key, tempest::serial),
              (customer_id, tempest::references<&customer::customer_id>()),
              (invoice_date, tempest::sql_type("timestamp"), tempest::default_sql("now()")),
              (billing_country, tempest::length(40)),
              (total, tempest::precision(10, 2), tempest::check("total >= 0::numeric")));
TEMPEST_TABLE_CONSTRAINTS(invoice, tempest::index(&invoice::customer_id, tempest::desc(&invoice::invoice_date)));

struct invoice_line {
  std::int32_t invoice_line_id;
  std::int32_t invoice_id;
  std::int32_t track_id;
  tempest::decimal unit_price;
  std::int32_t quantity;
};
TEMPEST_MODEL(invoice_line, "invoice_line",
              (invoice_line_id, tempest::primary_key, tempest::serial),
              (invoice_id, tempest::references<&invoice::invoice_id>(tempest::on_delete::cascade)),
              (track_id, tempest::references<&track::track_id>()),
              (unit_price, tempest::precision(10, 2)),
              (quantity, tempest::default_value(1)));

struct playlist {
  std::int32_t playlist_id;
  std::optional<std::string> name;
};
TEMPEST_MODEL(playlist, "playlist", (playlist_id, tempest::primary_key, tempest::serial), (name, tempest::length(120)));

struct playlist_track {
  std::int32_t playlist_id;
  std::int32_t track_id;
};
TEMPEST_MODEL(playlist_track, "playlist_track",
              (playlist_id, tempest::references<&playlist::playlist_id>(tempest::on_delete::cascade)),
              (track_id, tempest::references<&track::track_id>(tempest::on_delete::cascade)));
TEMPEST_TABLE_CONSTRAINTS(playlist_track, tempest::primary_key(&playlist_track::playlist_id, &playlist_track::track_id));

}  // namespace music_store

// auth.sql: Django's tables, with its hashed constraint names and deferred foreign keys.
namespace auth {
TEMPEST_NAMING_CONVENTION(tempest::naming::postgresql);

struct django_content_type {
  std::int32_t id;
  std::string app_label;
  std::string model;
};
TEMPEST_MODEL(django_content_type, "django_content_type",
              (id, tempest::primary_key, tempest::autoincrement),
              (app_label, tempest::length(100)),
              (model, tempest::length(100)));
TEMPEST_TABLE_CONSTRAINTS(django_content_type,
                          tempest::unique(&django_content_type::app_label, &django_content_type::model)
                              .named("django_content_type_app_label_model_76bd3d3b_uniq"));

struct auth_group {
  std::int32_t id;
  std::string name;
};
TEMPEST_MODEL(auth_group, "auth_group",
              (id, tempest::primary_key, tempest::autoincrement),
              (name, tempest::length(150), tempest::unique));
TEMPEST_TABLE_CONSTRAINTS(auth_group, tempest::index("auth_group_name_a6ea08ec_like",
                                                     tempest::key(&auth_group::name).opclass("varchar_pattern_ops")));

struct auth_permission {
  std::int32_t id;
  std::string name;
  std::int32_t content_type_id;
  std::string codename;
};
TEMPEST_MODEL(auth_permission, "auth_permission",
              (id, tempest::primary_key, tempest::autoincrement),
              (name, tempest::length(255)),
              (content_type_id,
               tempest::references<&django_content_type::id>()
                   .named("auth_permission_content_type_id_2f476e4b_fk_django_co")
                   .initially_deferred(),
               tempest::index.named("auth_permission_content_type_id_2f476e4b")),
              (codename, tempest::length(100)));
TEMPEST_TABLE_CONSTRAINTS(auth_permission,
                          tempest::unique(&auth_permission::content_type_id, &auth_permission::codename)
                              .named("auth_permission_content_type_id_codename_01ab375a_uniq"));

struct auth_group_permissions {
  std::int64_t id;
  std::int32_t group_id;
  std::int32_t permission_id;
};
TEMPEST_MODEL(auth_group_permissions, "auth_group_permissions",
              (id, tempest::primary_key, tempest::autoincrement),
              (group_id, tempest::references<&auth_group::id>().initially_deferred()),
              (permission_id, tempest::references<&auth_permission::id>().initially_deferred()));
TEMPEST_TABLE_CONSTRAINTS(auth_group_permissions,
                          tempest::unique(&auth_group_permissions::group_id, &auth_group_permissions::permission_id)
                              .named("auth_group_permissions_group_id_permission_id_0cd325b0_uniq"));

struct user {
  std::int64_t id;
  std::string password;
  std::optional<timestamp> last_login;
  bool is_superuser;
  std::string username;
  std::string first_name;
  std::string email;
  bool is_staff;
  bool is_active;
  timestamp date_joined;
};
TEMPEST_MODEL(user, "user",
              (id, tempest::primary_key, tempest::serial),
              (password, tempest::length(128)),
              (last_login),
              (is_superuser, tempest::default_value(false)),
              (username, tempest::length(150), tempest::unique),
              (first_name, tempest::length(150), tempest::default_value("")),
              (email, tempest::length(254)),
              (is_staff, tempest::default_value(false)),
              (is_active, tempest::default_value(true)),
              (date_joined, tempest::default_sql("CURRENT_TIMESTAMP")));
TEMPEST_TABLE_CONSTRAINTS(user, tempest::unique("user_email_lower_uniq", tempest::expression("lower(email::text)")));

struct user_groups {
  std::int64_t id;
  std::int64_t user_id;
  std::int32_t group_id;
};
TEMPEST_MODEL(user_groups, "user_groups",
              (id, tempest::primary_key, tempest::autoincrement),
              (user_id, tempest::references<&user::id>(tempest::on_delete::cascade).initially_deferred()),
              (group_id, tempest::references<&auth_group::id>().deferrable()));
TEMPEST_TABLE_CONSTRAINTS(user_groups, tempest::unique(&user_groups::user_id, &user_groups::group_id));

struct django_session {
  std::string session_key;
  std::string session_data;
  timestamp expire_date;
};
TEMPEST_MODEL(django_session, "django_session",
              (session_key, tempest::length(40), tempest::primary_key),
              (session_data),
              (expire_date, tempest::index.named("django_session_expire_date_a5c62663")));
TEMPEST_TABLE_CONSTRAINTS(django_session,
                          tempest::index("django_session_session_key_c0390e0f_like",
                                         tempest::key(&django_session::session_key).opclass("varchar_pattern_ops")));

struct django_admin_log {
  std::int32_t id;
  timestamp action_time;
  std::optional<std::string> object_id;
  std::string object_repr;
  std::int16_t action_flag;
  std::string change_message;
  std::optional<std::int32_t> content_type_id;
  std::int64_t user_id;
};
TEMPEST_MODEL(django_admin_log, "django_admin_log",
              (id, tempest::primary_key, tempest::autoincrement),
              (action_time),
              (object_id),
              (object_repr, tempest::length(200)),
              (action_flag, tempest::check("action_flag >= 0")),
              (change_message),
              (content_type_id, tempest::references<&django_content_type::id>().initially_deferred()),
              (user_id, tempest::references<&user::id>().initially_deferred()));

}  // namespace auth

// blog.sql: a native enum, partial and expression indexes, text[] tags, a generated word count.
namespace blog {
TEMPEST_NAMING_CONVENTION(tempest::naming::postgresql);

enum class post_status { draft, published, archived };
BOOST_DESCRIBE_ENUM(post_status, draft, published, archived)

struct author {
  std::int64_t id;
  std::string handle;
  std::string display_name;
  std::optional<std::string> bio;
  timestamp created_at;
};
TEMPEST_MODEL(author, "author",
              (id, tempest::primary_key, tempest::identity_always),
              (handle, tempest::collation("C")),
              (display_name),
              (bio),
              (created_at, tempest::default_sql("now()")));
TEMPEST_TABLE_CONSTRAINTS(author,
                          tempest::unique("author_handle_lower_key", tempest::expression("lower(handle)")),
                          tempest::index("author_display_name_sort_idx",
                                         tempest::expression("lower(display_name)").collate("C")));

struct post {
  std::int64_t id;
  std::int64_t author_id;
  std::string slug;
  std::string title;
  std::string body;
  post_status status;
  std::vector<std::string> tags;
  std::optional<std::int32_t> word_count;
  std::optional<timestamp> published_at;
  std::optional<timestamp> updated_at;
  std::optional<tempest::decimal> score;
};
TEMPEST_MODEL(post, "post",
              (id, tempest::primary_key, tempest::serial),
              (author_id, tempest::references<&author::id>(tempest::on_delete::cascade)),
              (slug, tempest::length(200)),
              (title),
              (body, tempest::default_value("")),
              (status, tempest::native_enum("post_status"), tempest::default_value(post_status::draft)),
              (tags, tempest::sql_type("text[]"), tempest::default_value("{}")),
              (word_count,
               tempest::stored_generated("array_length(regexp_split_to_array(TRIM(BOTH FROM body), E'\\\\s+'::text), 1)")),
              (published_at),
              (updated_at, tempest::sql_type("timestamp(3)")),
              (score, tempest::sql_type("numeric")));
TEMPEST_TABLE_CONSTRAINTS(post,
                          tempest::unique(&post::author_id, &post::slug),
                          tempest::index("post_published_idx", tempest::desc(&post::published_at)).where("status = 'published'::post_status"),
                          tempest::index("post_title_search_idx",
                                         tempest::expression("lower(title)").opclass("text_pattern_ops"), &post::id),
                          tempest::check("status <> 'published'::post_status OR published_at IS NOT NULL").named("post_check"));

struct comment {
  std::int64_t id;
  std::int64_t post_id;
  std::optional<std::int64_t> parent_id;
  std::string author_name;
  std::string body;
  bool is_approved;
  timestamp created_at;
};
TEMPEST_MODEL(comment, "comment",
              (id, tempest::primary_key, tempest::serial),
              (post_id, tempest::references<&post::id>(tempest::on_delete::cascade)),
              (parent_id, tempest::references<&comment::id>(tempest::on_delete::cascade)),
              (author_name, tempest::length(80)),
              (body, tempest::check("length(body) > 0")),
              (is_approved, tempest::default_value(false)),
              (created_at, tempest::default_sql("CURRENT_TIMESTAMP")));
TEMPEST_TABLE_CONSTRAINTS(comment,
                          tempest::index("comment_thread_idx", &comment::post_id, tempest::desc(&comment::created_at)),
                          tempest::index("comment_pending_idx", &comment::post_id).where("NOT is_approved"));

struct tag {
  std::int32_t id;
  std::string name;
};
TEMPEST_MODEL(tag, "tag",
              (id, tempest::primary_key, tempest::serial),
              (name, tempest::length(50), tempest::unique.named("tag_name_unique")));

struct post_tag {
  std::int64_t post_id;
  std::int32_t tag_id;
};
TEMPEST_MODEL(post_tag, "post_tag",
              (post_id, tempest::references<&post::id>(tempest::on_delete::cascade)),
              (tag_id, tempest::references<&tag::id>(tempest::on_delete::cascade)));
TEMPEST_TABLE_CONSTRAINTS(post_tag, tempest::primary_key(&post_tag::post_id, &post_tag::tag_id));

}  // namespace blog

// billing.sql: uuid keys, enum types, a partial unique index, a deferred cycle between invoices and
// payments, a generated total, and a table name PostgreSQL truncates.
namespace billing {
TEMPEST_NAMING_CONVENTION(tempest::naming::postgresql);

enum class subscription_state { trialing, active, past_due, canceled };
BOOST_DESCRIBE_ENUM(subscription_state, trialing, active, past_due, canceled)
enum class billing_interval { month, year };
BOOST_DESCRIBE_ENUM(billing_interval, month, year)

struct account {
  std::string id;
  std::string name;
  std::string billing_email;
  std::string country_code;
  timestamp created_at;
  bool tax_exempt;
};
TEMPEST_MODEL(account, "account",
              (id, tempest::primary_key, tempest::sql_type("uuid"), tempest::default_sql("gen_random_uuid()")),
              (name),
              (billing_email, tempest::length(320)),
              (country_code, tempest::sql_type("char(2)"), tempest::default_value("US")),
              (created_at, tempest::default_sql("now()")),
              (tax_exempt, tempest::default_value(false)));
TEMPEST_TABLE_CONSTRAINTS(account,
                          tempest::unique("account_billing_email_key", tempest::expression("lower(billing_email::text)")));

struct plan {
  std::string code;
  std::string name;
  billing_interval interval;
  std::int32_t amount_cents;
  std::string currency;
  std::string features;
  bool active;
};
TEMPEST_MODEL(plan, "plan",
              (code, tempest::length(40), tempest::primary_key),
              (name),
              (interval, tempest::native_enum("billing_interval")),
              (amount_cents, tempest::check("amount_cents >= 0")),
              (currency, tempest::sql_type("char(3)"), tempest::default_value("USD")),
              (features, tempest::sql_type("jsonb"), tempest::default_value("{}")),
              (active, tempest::default_value(true)));

struct subscription {
  std::int64_t id;
  std::string account_id;
  std::string plan_code;
  subscription_state state;
  timestamp current_period_start;
  timestamp current_period_end;
  bool cancel_at_period_end;
};
TEMPEST_MODEL(subscription, "subscription",
              (id, tempest::primary_key, tempest::identity_always),
              (account_id, tempest::sql_type("uuid"), tempest::references<&account::id>(tempest::on_delete::restrict)),
              (plan_code, tempest::length(40), tempest::references<&plan::code>(tempest::on_update::cascade)),
              (state, tempest::native_enum("subscription_state"), tempest::default_value(subscription_state::trialing)),
              (current_period_start),
              (current_period_end),
              (cancel_at_period_end, tempest::default_value(false)));
TEMPEST_TABLE_CONSTRAINTS(
    subscription,
    tempest::unique("subscription_one_live_per_account", &subscription::account_id)
        .where("state = ANY (ARRAY['trialing'::subscription_state, 'active'::subscription_state, "
               "'past_due'::subscription_state])"),
    tempest::check("current_period_end > current_period_start").named("subscription_period_valid"));

struct payment;

struct invoice {
  std::int64_t id;
  std::string account_id;
  std::optional<std::int64_t> subscription_id;
  std::string number;
  std::string status;
  std::int64_t subtotal_cents;
  std::int64_t tax_cents;
  std::optional<std::int64_t> total_cents;
  std::optional<std::string> memo;
  std::optional<timestamp> issued_at;
  std::optional<timestamp> due_at;
  std::optional<std::int64_t> latest_payment_id;
};
TEMPEST_MODEL(invoice, "invoice",
              (id, tempest::primary_key, tempest::serial),
              (account_id, tempest::sql_type("uuid"), tempest::references<&account::id>()),
              (subscription_id, tempest::references<&subscription::id>(tempest::on_delete::set_null)),
              (number, tempest::length(20), tempest::unique),
              (status, tempest::length(12), tempest::default_value("draft"),
               // status IN ('draft', …), as \d prints it.
               tempest::check("status::text = ANY (ARRAY['draft'::character varying, 'open'::character varying, "
                              "'paid'::character varying, 'void'::character varying, "
                              "'uncollectible'::character varying]::text[])")),
              (subtotal_cents, tempest::default_value(0)),
              (tax_cents, tempest::default_value(0)),
              (total_cents, tempest::stored_generated("subtotal_cents + tax_cents")),
              (memo, tempest::default_value("Thank you for your business.\nQuestions? Write to billing@example.com")),
              (issued_at),
              (due_at),
              (latest_payment_id));

struct payment {
  std::int64_t id;
  std::int64_t invoice_id;
  std::int64_t amount_cents;
  std::string provider;
  std::optional<std::string> provider_reference;
  timestamp received_at;
};
TEMPEST_MODEL(payment, "payment",
              (id, tempest::primary_key, tempest::serial),
              (invoice_id, tempest::references<&invoice::id>().initially_deferred()),
              (amount_cents, tempest::check("amount_cents > 0")),
              (provider),
              (provider_reference),
              (received_at, tempest::default_sql("CURRENT_TIMESTAMP")));
TEMPEST_TABLE_CONSTRAINTS(payment,
                          tempest::unique("payment_provider_reference_key", &payment::provider, &payment::provider_reference)
                              .where("provider_reference IS NOT NULL AND provider <> 'manual'::text"));

TEMPEST_TABLE_CONSTRAINTS(invoice,
                          tempest::foreign_key(&invoice::latest_payment_id)
                              .references<&payment::id>()
                              .named("invoice_latest_payment_fk")
                              .initially_deferred(),
                          tempest::check("due_at >= issued_at").named("invoice_check"));

// The DDL's name is 71 bytes long; PostgreSQL keeps the first 63.
struct invoice_line_item {
  std::int64_t id;
  std::int64_t invoice_id;
  std::string description;
  std::int32_t quantity;
  std::int64_t unit_amount_cents;
};
TEMPEST_MODEL(invoice_line_item, "invoice_line_item_with_a_very_descriptive_name_for_the_reportin",
              (id, tempest::primary_key, tempest::serial),
              (invoice_id, tempest::references<&invoice::id>(tempest::on_delete::cascade)),
              (description),
              (quantity, tempest::default_value(1), tempest::check("quantity > 0")),
              (unit_amount_cents));

}  // namespace billing

// inventory.sql: a deferred cycle between warehouses and their locations, collations, and names
// longer than 63 bytes, which PostgreSQL truncates.
namespace inventory {
TEMPEST_NAMING_CONVENTION(tempest::naming::postgresql);

struct warehouse {
  std::int16_t id;
  std::string code;
  std::string name;
  std::optional<std::int32_t> primary_location_id;
};
TEMPEST_MODEL(warehouse, "warehouse",
              (id, tempest::primary_key, tempest::serial),
              (code, tempest::sql_type("char(4)"), tempest::unique),
              (name, tempest::collation("und-x-icu")),
              (primary_location_id));

struct storage_location {
  std::int32_t id;
  std::int16_t warehouse_id;
  std::string aisle;
  std::int16_t shelf;
  std::int16_t bin;
};
TEMPEST_MODEL(storage_location, "storage_location",
              (id, tempest::primary_key, tempest::serial),
              (warehouse_id, tempest::references<&warehouse::id>().initially_deferred()),
              (aisle, tempest::length(10)),
              (shelf),
              (bin, tempest::default_value(1)));
TEMPEST_TABLE_CONSTRAINTS(storage_location,
                          tempest::unique(&storage_location::warehouse_id, &storage_location::aisle, &storage_location::shelf,
                                          &storage_location::bin));

TEMPEST_TABLE_CONSTRAINTS(warehouse, tempest::foreign_key(&warehouse::primary_location_id)
                                         .references<&storage_location::id>()
                                         .initially_deferred());

struct product {
  std::string sku;
  std::string description;
  std::optional<std::int32_t> unit_weight_grams;
  bool discontinued;
  timestamp created_at;
};
TEMPEST_MODEL(product, "product",
              (sku, tempest::length(32), tempest::primary_key),
              (description),
              (unit_weight_grams, tempest::check("unit_weight_grams > 0")),
              (discontinued, tempest::default_value(false)),
              (created_at, tempest::sql_type("timestamp"), tempest::default_sql("LOCALTIMESTAMP")));
TEMPEST_TABLE_CONSTRAINTS(product,
                          tempest::index("product_description_idx",
                                         tempest::key(&product::description).collate("C").opclass("text_pattern_ops")));

struct stock_level {
  std::int32_t storage_location_id;
  std::string product_sku;
  std::int32_t quantity;
};
// The DDL names the first foreign key in 70 bytes; PostgreSQL keeps the first 63.
TEMPEST_MODEL(stock_level, "stock_level",
              (storage_location_id,
               tempest::references<&storage_location::id>(tempest::on_delete::cascade)
                   .named("stock_level_storage_location_id_references_storage_location_id_")),
              (product_sku, tempest::length(32),
               tempest::references<&product::sku>(tempest::on_delete::restrict, tempest::on_update::cascade)),
              (quantity, tempest::default_value(0), tempest::check("quantity >= 0").named("stock_level_quantity_check")));
TEMPEST_TABLE_CONSTRAINTS(stock_level, tempest::primary_key(&stock_level::storage_location_id, &stock_level::product_sku));

// The DDL's name is 66 bytes long; PostgreSQL keeps the first 63, and names the constraints after those.
struct stock_adjustment {
  std::int64_t id;
  std::int32_t storage_location_id;
  std::string product_sku;
  std::int32_t quantity_delta;
  std::string reason;
  timestamp recorded_at;
};
TEMPEST_MODEL(stock_adjustment, "stock_adjustment_history_for_each_storage_location_and_product_",
              (id, tempest::primary_key, tempest::autoincrement),
              (storage_location_id, tempest::references<&storage_location::id>()),
              (product_sku, tempest::length(32), tempest::references<&product::sku>(tempest::on_update::cascade)),
              (quantity_delta, tempest::check("quantity_delta <> 0")),
              (reason, tempest::default_value("count")),
              (recorded_at, tempest::default_sql("now()")));
TEMPEST_TABLE_CONSTRAINTS(stock_adjustment,
                          tempest::unique(&stock_adjustment::storage_location_id, &stock_adjustment::product_sku,
                                          &stock_adjustment::recorded_at),
                          tempest::index(tempest::desc(&stock_adjustment::recorded_at)));

}  // namespace inventory

}  // namespace corpus_postgresql
