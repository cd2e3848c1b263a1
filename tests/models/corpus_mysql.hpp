#pragma once
// Models of the hand-written MariaDB schemas of tests/corpus/mysql/ (one namespace per file): created
// by tempest, or compared with the file loaded as written, they show no differences.
//
// What the DDL names is named exactly (.named). Its unnamed indexes are left to MariaDB's
// convention, which gives the server's names; its unnamed foreign keys and checks are
// .named(tempest::unnamed), as written (but in wp_comments, see there): the server names them as the convention would, but only for
// an unnamed foreign key that no key of its table serves does InnoDB make an index the schema shows
// (named after its first column; for a named key, the index is named after the key and hidden). So a
// KEY named exactly like its foreign key is that hidden index, and is not modelled.
// Every table says its collation, as the DDL does.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <tempest/model/decimal.hpp>
#include <tempest/model/model.hpp>

namespace corpus_mysql {

using time_point = std::chrono::system_clock::time_point;

namespace music_store {
TEMPEST_NAMING_CONVENTION(tempest::naming::mariadb);

inline constexpr auto table_collation = tempest::collation("utf8mb4_unicode_ci");

struct artist {
  std::int32_t ArtistId;
  std::optional<std::string> Name;
};
TEMPEST_MODEL(artist, "artist", (ArtistId, tempest::primary_key, tempest::autoincrement), (Name, tempest::length(120)));
TEMPEST_TABLE_CONSTRAINTS(artist, table_collation);

struct album {
  std::int32_t AlbumId;
  std::string Title;
  std::int32_t ArtistId;
};
TEMPEST_MODEL(album, "album",
              (AlbumId, tempest::primary_key, tempest::autoincrement),
              (Title, tempest::length(160)),
              (ArtistId, tempest::index("IFK_AlbumArtistId"),
               tempest::references<&artist::ArtistId>(tempest::on_delete::no_action, tempest::on_update::no_action)
                   .named("FK_AlbumArtistId")));
TEMPEST_TABLE_CONSTRAINTS(album, table_collation);

struct genre {
  std::int32_t GenreId;
  std::optional<std::string> Name;
};
TEMPEST_MODEL(genre, "genre", (GenreId, tempest::primary_key, tempest::autoincrement), (Name, tempest::length(120)));
TEMPEST_TABLE_CONSTRAINTS(genre, table_collation);

struct media_type {
  std::int32_t MediaTypeId;
  std::optional<std::string> Name;
};
TEMPEST_MODEL(media_type, "media_type",
              (MediaTypeId, tempest::primary_key, tempest::autoincrement),
              (Name, tempest::length(120)));
TEMPEST_TABLE_CONSTRAINTS(media_type, table_collation);

struct track {
  std::int32_t TrackId;
  std::string Name;
  std::optional<std::int32_t> AlbumId;
  std::int32_t MediaTypeId;
  std::optional<std::int32_t> GenreId;
  std::optional<std::string> Composer;
  std::int32_t Milliseconds;
  std::optional<std::int32_t> Bytes;
  tempest::decimal UnitPrice;
};
TEMPEST_MODEL(track, "track",
              (TrackId, tempest::primary_key, tempest::autoincrement),
              (Name, tempest::length(200)),
              (AlbumId, tempest::references<&album::AlbumId>().named(tempest::unnamed)),
              (MediaTypeId, tempest::index("IFK_TrackMediaTypeId"),
               tempest::references<&media_type::MediaTypeId>().named("FK_TrackMediaTypeId")),
              (GenreId, tempest::index("IFK_TrackGenreId"), tempest::references<&genre::GenreId>().named("FK_TrackGenreId")),
              (Composer, tempest::length(220)),
              (Milliseconds),
              (Bytes),
              (UnitPrice, tempest::precision(10, 2)));
TEMPEST_TABLE_CONSTRAINTS(track, tempest::index("IX_TrackName", tempest::prefix(&track::Name, 32)), table_collation);

struct employee {
  std::int32_t EmployeeId;
  std::string LastName;
  std::string FirstName;
  std::optional<std::string> Title;
  std::optional<std::int32_t> ReportsTo;
  std::optional<time_point> BirthDate;
  std::optional<time_point> HireDate;
  std::optional<std::string> Email;
};
TEMPEST_MODEL(employee, "employee",
              (EmployeeId, tempest::primary_key, tempest::autoincrement),
              (LastName, tempest::length(20)),
              (FirstName, tempest::length(20)),
              (Title, tempest::length(30)),
              (ReportsTo, tempest::index("IFK_EmployeeReportsTo"),
               tempest::references<&employee::EmployeeId>().named("FK_EmployeeReportsTo")),
              (BirthDate, tempest::sql_type("datetime")),
              (HireDate, tempest::sql_type("datetime")),
              (Email, tempest::length(60)));
TEMPEST_TABLE_CONSTRAINTS(employee, table_collation);

struct customer {
  std::int32_t CustomerId;
  std::string FirstName;
  std::string LastName;
  std::optional<std::string> Company;
  std::optional<std::string> Country;
  std::string Email;
  std::optional<std::int32_t> SupportRepId;
};
TEMPEST_MODEL(customer, "customer",
              (CustomerId, tempest::primary_key, tempest::autoincrement),
              (FirstName, tempest::length(40)),
              (LastName, tempest::length(20)),
              (Company, tempest::length(80)),
              (Country, tempest::length(40)),
              (Email, tempest::length(60), tempest::unique),
              (SupportRepId, tempest::index("IFK_CustomerSupportRepId"),
               tempest::references<&employee::EmployeeId>(tempest::on_delete::set_null).named("FK_CustomerSupportRepId")));
TEMPEST_TABLE_CONSTRAINTS(customer, table_collation);

struct invoice {
  std::int32_t InvoiceId;
  std::int32_t CustomerId;
  time_point InvoiceDate;
  std::optional<std::string> BillingCountry;
  tempest::decimal Total;
};
TEMPEST_MODEL(invoice, "invoice",
              (InvoiceId, tempest::primary_key, tempest::autoincrement),
              (CustomerId, tempest::references<&customer::CustomerId>().named("FK_InvoiceCustomerId")),
              (InvoiceDate, tempest::sql_type("datetime")),
              (BillingCountry, tempest::length(40)),
              (Total, tempest::precision(10, 2), tempest::default_value(tempest::decimal{"0.00"})));
TEMPEST_TABLE_CONSTRAINTS(invoice,
                          tempest::index("IFK_InvoiceCustomerId", &invoice::CustomerId, tempest::desc(&invoice::InvoiceDate)),
                          table_collation);

struct invoice_line {
  std::int32_t InvoiceLineId;
  std::int32_t InvoiceId;
  std::int32_t TrackId;
  tempest::decimal UnitPrice;
  std::int32_t Quantity;
};
TEMPEST_MODEL(invoice_line, "invoice_line",
              (InvoiceLineId, tempest::primary_key, tempest::autoincrement),
              (InvoiceId, tempest::references<&invoice::InvoiceId>(tempest::on_delete::cascade).named("FK_InvoiceLineInvoiceId")),
              (TrackId, tempest::index("IFK_InvoiceLineTrackId"),
               tempest::references<&track::TrackId>().named("FK_InvoiceLineTrackId")),
              (UnitPrice, tempest::precision(10, 2)),
              (Quantity, tempest::default_value(1)));
TEMPEST_TABLE_CONSTRAINTS(invoice_line,
                          tempest::unique("UQ_InvoiceLineTrack", &invoice_line::InvoiceId, &invoice_line::TrackId),
                          table_collation);

struct playlist {
  std::int32_t PlaylistId;
  std::optional<std::string> Name;
};
TEMPEST_MODEL(playlist, "playlist",
              (PlaylistId, tempest::primary_key, tempest::autoincrement),
              (Name, tempest::length(120)));
TEMPEST_TABLE_CONSTRAINTS(playlist, table_collation);

struct playlist_track {
  std::int32_t PlaylistId;
  std::int32_t TrackId;
};
TEMPEST_MODEL(playlist_track, "playlist_track",
              (PlaylistId, tempest::references<&playlist::PlaylistId>(tempest::on_delete::cascade).named(tempest::unnamed)),
              (TrackId, tempest::index("IFK_PlaylistTrackTrackId"), tempest::references<&track::TrackId>().named(tempest::unnamed)));
TEMPEST_TABLE_CONSTRAINTS(playlist_track,
                          tempest::primary_key(&playlist_track::PlaylistId, &playlist_track::TrackId),
                          table_collation);

}  // namespace music_store

// Django names each KEY of a foreign key like the key: InnoDB's own index, not modelled.
namespace auth {
TEMPEST_NAMING_CONVENTION(tempest::naming::mariadb);

inline constexpr auto table_collation = tempest::collation("utf8mb4_general_ci");

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
                          tempest::unique("django_content_type_app_label_model_76bd3d3b_uniq",
                                          &django_content_type::app_label, &django_content_type::model),
                          table_collation);

struct auth_permission {
  std::int32_t id;
  std::string name;
  std::int32_t content_type_id;
  std::string codename;
};
TEMPEST_MODEL(auth_permission, "auth_permission",
              (id, tempest::primary_key, tempest::autoincrement),
              (name, tempest::length(255)),
              (content_type_id, tempest::references<&django_content_type::id>().named(
                                    "auth_permission_content_type_id_2f476e4b_fk_django_co")),
              (codename, tempest::length(100)));
TEMPEST_TABLE_CONSTRAINTS(auth_permission,
                          tempest::unique("auth_permission_content_type_id_codename_01ab375a_uniq",
                                          &auth_permission::content_type_id, &auth_permission::codename),
                          table_collation);

struct auth_group {
  std::int32_t id;
  std::string name;
};
TEMPEST_MODEL(auth_group, "auth_group",
              (id, tempest::primary_key, tempest::autoincrement),
              (name, tempest::length(150), tempest::unique("name")));
TEMPEST_TABLE_CONSTRAINTS(auth_group, table_collation);

struct auth_group_permissions {
  std::int64_t id;
  std::int32_t group_id;
  std::int32_t permission_id;
};
TEMPEST_MODEL(auth_group_permissions, "auth_group_permissions",
              (id, tempest::primary_key, tempest::autoincrement),
              (group_id, tempest::references<&auth_group::id>().named(
                             "auth_group_permissions_group_id_b120cbf9_fk_auth_group_id")),
              (permission_id, tempest::references<&auth_permission::id>().named(
                                  "auth_group_permissio_permission_id_84c5c92e_fk_auth_perm")));
TEMPEST_TABLE_CONSTRAINTS(auth_group_permissions,
                          tempest::unique("auth_group_permissions_group_id_permission_id_0cd325b0_uniq",
                                          &auth_group_permissions::group_id, &auth_group_permissions::permission_id),
                          table_collation);

struct auth_user {
  std::int32_t id;
  std::string password;
  std::optional<time_point> last_login;
  bool is_superuser;
  std::string username;
  std::string first_name;
  std::string last_name;
  std::string email;
  bool is_staff;
  bool is_active;
  time_point date_joined;
};
TEMPEST_MODEL(auth_user, "auth_user",
              (id, tempest::primary_key, tempest::autoincrement),
              (password, tempest::length(128)),
              (last_login),
              (is_superuser),
              (username, tempest::length(150), tempest::unique),
              (first_name, tempest::length(150)),
              (last_name, tempest::length(150)),
              (email, tempest::length(254)),
              (is_staff),
              (is_active, tempest::default_value(true)),
              (date_joined));
TEMPEST_TABLE_CONSTRAINTS(auth_user, table_collation);

struct auth_user_groups {
  std::int64_t id;
  std::int32_t user_id;
  std::int32_t group_id;
};
TEMPEST_MODEL(auth_user_groups, "auth_user_groups",
              (id, tempest::primary_key, tempest::autoincrement),
              (user_id, tempest::references<&auth_user::id>().named("auth_user_groups_user_id_6a12ed8b_fk_auth_user_id")),
              (group_id, tempest::references<&auth_group::id>().named("auth_user_groups_group_id_97559544_fk_auth_group_id")));
TEMPEST_TABLE_CONSTRAINTS(auth_user_groups,
                          tempest::unique("auth_user_groups_user_id_group_id_94350c0c_uniq", &auth_user_groups::user_id,
                                          &auth_user_groups::group_id),
                          table_collation);

struct auth_user_user_permissions {
  std::int64_t id;
  std::int32_t user_id;
  std::int32_t permission_id;
};
TEMPEST_MODEL(auth_user_user_permissions, "auth_user_user_permissions",
              (id, tempest::primary_key, tempest::autoincrement),
              (user_id, tempest::references<&auth_user::id>().named(
                            "auth_user_user_permissions_user_id_a95ead1b_fk_auth_user_id")),
              (permission_id, tempest::references<&auth_permission::id>().named(
                                  "auth_user_user_perm_permission_id_1fbb5f2c_fk_auth_perm")));
TEMPEST_TABLE_CONSTRAINTS(auth_user_user_permissions,
                          tempest::unique("auth_user_user_permissions_user_id_permission_id_14a6b632_uniq_x",
                                          &auth_user_user_permissions::user_id, &auth_user_user_permissions::permission_id),
                          table_collation);

struct django_session {
  std::string session_key;
  std::string session_data;
  time_point expire_date;
};
TEMPEST_MODEL(django_session, "django_session",
              (session_key, tempest::primary_key, tempest::length(40)),
              (session_data),
              (expire_date, tempest::index("django_session_expire_date_a5c62663")));
TEMPEST_TABLE_CONSTRAINTS(django_session, table_collation);

}  // namespace auth

namespace blog {
TEMPEST_NAMING_CONVENTION(tempest::naming::mariadb);

inline constexpr auto table_collation = tempest::collation("utf8mb4_unicode_520_ci");

enum class comment_status { open, closed, registered_only };
BOOST_DESCRIBE_ENUM(comment_status, open, closed, registered_only)

struct wp_users {
  std::uint64_t ID;
  std::string user_login;
  std::string user_pass;
  std::string user_nicename;
  std::string user_email;
  time_point user_registered;
  std::int32_t user_status;
  std::string display_name;
};
TEMPEST_MODEL(wp_users, "wp_users",
              (ID, tempest::primary_key, tempest::autoincrement),
              (user_login, tempest::length(60), tempest::default_value(""), tempest::index("user_login_key")),
              (user_pass, tempest::length(255), tempest::default_value("")),
              (user_nicename, tempest::length(50), tempest::default_value(""), tempest::index("user_nicename")),
              (user_email, tempest::length(100), tempest::default_value(""), tempest::index("user_email")),
              (user_registered, tempest::sql_type("datetime"), tempest::default_sql("CURRENT_TIMESTAMP")),
              (user_status, tempest::default_value(0)),
              (display_name, tempest::length(250), tempest::default_value("")));
TEMPEST_TABLE_CONSTRAINTS(wp_users, table_collation);

struct wp_posts {
  std::uint64_t ID;
  std::uint64_t post_author;
  time_point post_date;
  std::string post_content;
  std::string post_title;
  std::string post_excerpt;
  std::string post_status;
  blog::comment_status comment_status;
  std::string post_name;
  time_point post_modified;
  std::uint64_t post_parent;
  std::string guid;
  std::int32_t menu_order;
  std::string post_type;
  std::int64_t comment_count;
};
TEMPEST_MODEL(wp_posts, "wp_posts",
              (ID, tempest::primary_key, tempest::autoincrement),
              (post_author, tempest::default_value(0), tempest::index("post_author"),
               tempest::references<&wp_users::ID>().named("wp_posts_author")),
              (post_date, tempest::sql_type("datetime"), tempest::default_sql("CURRENT_TIMESTAMP")),
              (post_content),
              (post_title, tempest::sql_type("text")),
              (post_excerpt, tempest::sql_type("text")),
              (post_status, tempest::length(20), tempest::default_value("publish")),
              (comment_status, tempest::native_enum(), tempest::default_value(comment_status::open)),
              (post_name, tempest::length(200), tempest::default_value("")),
              (post_modified, tempest::sql_type("timestamp"), tempest::default_sql("CURRENT_TIMESTAMP"),
               tempest::on_update_current_timestamp),
              (post_parent, tempest::default_value(0), tempest::index("post_parent")),
              (guid, tempest::length(255), tempest::collation("ascii_bin"), tempest::default_value("")),
              (menu_order, tempest::default_value(0)),
              (post_type, tempest::length(20), tempest::default_value("post")),
              (comment_count, tempest::default_value(0)));
TEMPEST_TABLE_CONSTRAINTS(wp_posts,
                          tempest::index("post_name", tempest::prefix(&wp_posts::post_name, 191)),
                          tempest::index("type_status_date", &wp_posts::post_type, &wp_posts::post_status,
                                         &wp_posts::post_date, &wp_posts::ID),
                          table_collation);

// Two unnamed foreign keys: the server numbers them in the order the DDL declares them, which the
// schema IR does not keep (it sorts what is unnamed by its columns). The convention numbers them in the
// order of the fields instead, which is the DDL's; named so, the key on comment_parent gets a hidden
// index of InnoDB's, so the index InnoDB made for it in the loaded file (named after the column) is
// declared.
struct wp_comments {
  std::uint64_t comment_ID;
  std::uint64_t comment_post_ID;
  std::string comment_author;
  std::string comment_author_email;
  time_point comment_date;
  std::string comment_content;
  std::int32_t comment_karma;
  std::string comment_approved;
  std::optional<std::uint64_t> comment_parent;
  std::uint64_t user_id;
};
TEMPEST_MODEL(wp_comments, "wp_comments",
              (comment_ID, tempest::primary_key, tempest::autoincrement),
              (comment_post_ID, tempest::default_value(0), tempest::index("comment_post_ID"),
               tempest::references<&wp_posts::ID>(tempest::on_delete::cascade)),
              (comment_author, tempest::sql_type("tinytext")),
              (comment_author_email, tempest::length(100), tempest::default_value("")),
              (comment_date, tempest::default_sql("current_timestamp(6)")),
              (comment_content, tempest::sql_type("text")),
              (comment_karma, tempest::default_value(0)),
              (comment_approved, tempest::length(20), tempest::default_value("1")),
              (comment_parent, tempest::index,
               tempest::references<&wp_comments::comment_ID>(tempest::on_delete::set_null)),
              (user_id, tempest::default_value(0)));
TEMPEST_TABLE_CONSTRAINTS(wp_comments,
                          tempest::index("comment_approved_date", &wp_comments::comment_approved,
                                         tempest::desc(&wp_comments::comment_date)),
                          tempest::index("comment_author_email", tempest::prefix(&wp_comments::comment_author_email, 10)),
                          table_collation);

struct wp_terms {
  std::uint64_t term_id;
  std::string name;
  std::string slug;
  std::int64_t term_group;
};
TEMPEST_MODEL(wp_terms, "wp_terms",
              (term_id, tempest::primary_key, tempest::autoincrement),
              (name, tempest::length(200), tempest::default_value("")),
              (slug, tempest::length(200), tempest::collation("utf8mb4_bin"), tempest::default_value("")),
              (term_group, tempest::default_value(0)));
TEMPEST_TABLE_CONSTRAINTS(wp_terms,
                          tempest::unique("slug", tempest::prefix(&wp_terms::slug, 191)),
                          tempest::index("name", tempest::prefix(&wp_terms::name, 191)),
                          table_collation);

struct wp_term_relationships {
  std::uint64_t object_id;
  std::uint64_t term_taxonomy_id;
  std::int32_t term_order;
};
TEMPEST_MODEL(wp_term_relationships, "wp_term_relationships",
              (object_id, tempest::default_value(0),
               tempest::references<&wp_posts::ID>(tempest::on_delete::cascade, tempest::on_update::cascade)
                   .named("wp_term_relationships_post")),
              (term_taxonomy_id, tempest::default_value(0), tempest::index("term_taxonomy_id"),
               tempest::references<&wp_terms::term_id>(tempest::on_delete::restrict).named("wp_term_relationships_term")),
              (term_order, tempest::default_value(0)));
TEMPEST_TABLE_CONSTRAINTS(wp_term_relationships,
                          tempest::primary_key(&wp_term_relationships::object_id, &wp_term_relationships::term_taxonomy_id),
                          table_collation);

}  // namespace blog

namespace billing {
TEMPEST_NAMING_CONVENTION(tempest::naming::mariadb);

inline constexpr auto table_collation = tempest::collation("utf8mb4_unicode_ci");

enum class billing_interval { month, year };
BOOST_DESCRIBE_ENUM(billing_interval, month, year)
enum class account_status { trial, active, past_due, canceled };
BOOST_DESCRIBE_ENUM(account_status, trial, active, past_due, canceled)
enum class payment_provider { card, sepa, paypal, manual };
BOOST_DESCRIBE_ENUM(payment_provider, card, sepa, paypal, manual)

struct plans {
  std::uint16_t id;
  std::string code;
  std::string name;
  std::uint32_t price_cents;
  std::string currency;
  billing::billing_interval billing_interval;
  std::uint8_t trial_days;
  bool is_public;
};
TEMPEST_MODEL(plans, "plans",
              (id, tempest::primary_key, tempest::autoincrement),
              (code, tempest::length(32), tempest::unique("code")),
              (name, tempest::length(100)),
              (price_cents),
              (currency, tempest::sql_type("char(3)"), tempest::default_value("EUR")),
              (billing_interval, tempest::native_enum(), tempest::default_value(billing_interval::month)),
              (trial_days, tempest::default_value(14)),
              (is_public, tempest::default_value(true)));
TEMPEST_TABLE_CONSTRAINTS(plans, table_collation);

struct accounts {
  std::uint64_t id;
  std::string name;
  std::string billing_email;
  std::optional<std::string> country;
  std::optional<std::string> vat_id;
  account_status status;
  std::optional<std::string> settings;
  time_point created_at;
  time_point updated_at;
};
TEMPEST_MODEL(accounts, "accounts",
              (id, tempest::primary_key, tempest::autoincrement),
              (name, tempest::length(200)),
              (billing_email, tempest::length(254), tempest::unique),
              (country, tempest::sql_type("char(2)")),
              (vat_id, tempest::length(20), tempest::collation("utf8mb4_bin")),
              (status, tempest::native_enum(), tempest::default_value(account_status::trial)),
              (settings, tempest::sql_type("json")),
              (created_at, tempest::sql_type("timestamp"), tempest::default_sql("current_timestamp()")),
              (updated_at, tempest::sql_type("timestamp"), tempest::default_sql("current_timestamp()"),
               tempest::on_update_current_timestamp));
TEMPEST_TABLE_CONSTRAINTS(accounts,
                          tempest::index("ix_accounts_status", &accounts::status, tempest::desc(&accounts::created_at)),
                          table_collation);

struct subscriptions {
  std::uint64_t id;
  std::uint64_t account_id;
  std::uint16_t plan_id;
  std::uint16_t quantity;
  time_point started_at;
  std::optional<time_point> canceled_at;
};
TEMPEST_MODEL(subscriptions, "subscriptions",
              (id, tempest::primary_key, tempest::autoincrement),
              (account_id, tempest::references<&accounts::id>(tempest::on_delete::cascade).named(tempest::unnamed)),
              (plan_id, tempest::references<&plans::id>().named(tempest::unnamed)),
              (quantity, tempest::default_value(1)),
              (started_at),
              (canceled_at));
TEMPEST_TABLE_CONSTRAINTS(subscriptions,
                          tempest::index("account_id", &subscriptions::account_id, tempest::desc(&subscriptions::started_at)),
                          tempest::check("`quantity` > 0").named(tempest::unnamed),
                          tempest::check("`canceled_at` is null or `canceled_at` >= `started_at`").named("ck_subscriptions_dates"),
                          table_collation);

struct invoices {
  std::uint64_t id;
  std::string number;
  std::uint64_t account_id;
  std::optional<std::uint64_t> subscription_id;
  std::chrono::sys_days issued_on;
  std::chrono::sys_days due_on;
  std::int64_t total_cents;
  bool is_paid;
  std::optional<std::string> notes;
};
TEMPEST_MODEL(invoices, "invoices",
              (id, tempest::primary_key, tempest::autoincrement),
              (number, tempest::length(40), tempest::unique("number")),
              (account_id, tempest::references<&accounts::id>().named("invoices_ibfk_1")),
              (subscription_id, tempest::references<&subscriptions::id>(tempest::on_delete::set_null).named("invoices_ibfk_2")),
              (issued_on),
              (due_on),
              (total_cents, tempest::default_value(0)),
              (is_paid, tempest::default_value(false)),
              (notes, tempest::sql_type("text")));
TEMPEST_TABLE_CONSTRAINTS(invoices,
                          tempest::index("invoices_account_issued", &invoices::account_id, &invoices::issued_on),
                          tempest::check("`total_cents` >= 0").named("ck_invoices_total"),
                          tempest::collation("utf8mb4_bin"));

struct invoice_items {
  std::uint64_t invoice_id;
  std::uint16_t line;
  std::string description;
  std::int64_t amount_cents;
};
TEMPEST_MODEL(invoice_items, "invoice_items",
              (invoice_id, tempest::references<&invoices::id>(tempest::on_delete::cascade).named(tempest::unnamed)),
              (line),
              (description, tempest::length(255)),
              (amount_cents));
TEMPEST_TABLE_CONSTRAINTS(invoice_items, tempest::primary_key(&invoice_items::invoice_id, &invoice_items::line),
                          table_collation);

struct payments {
  std::uint64_t id;
  std::uint64_t invoice_id;
  payment_provider provider;
  std::optional<std::string> provider_ref;
  std::int64_t amount_cents;
  time_point paid_at;
  std::optional<std::string> raw_response;
};
TEMPEST_MODEL(payments, "payments",
              (id, tempest::primary_key, tempest::autoincrement),
              (invoice_id, tempest::index("invoice_id"), tempest::references<&invoices::id>().named("payments_ibfk_1")),
              (provider, tempest::native_enum()),
              (provider_ref, tempest::length(64), tempest::collation("ascii_bin")),
              (amount_cents),
              (paid_at, tempest::sql_type("datetime")),
              (raw_response, tempest::sql_type("json")));
TEMPEST_TABLE_CONSTRAINTS(payments,
                          tempest::unique("provider", &payments::provider, &payments::provider_ref),
                          tempest::check("`amount_cents` <> 0").named(tempest::unnamed),
                          table_collation);

}  // namespace billing

namespace inventory {
TEMPEST_NAMING_CONVENTION(tempest::naming::mariadb);

inline constexpr auto table_collation = tempest::collation("utf8mb4_unicode_ci");

enum class unit { piece, kg, litre, pack };
BOOST_DESCRIBE_ENUM(unit, piece, kg, litre, pack)
enum class movement_kind { in, out, adjust, transfer };
BOOST_DESCRIBE_ENUM(movement_kind, in, out, adjust, transfer)

// warehouse and staff refer to each other: the warehouse's manager is a member of its staff.
struct warehouse {
  std::uint16_t id;
  std::string code;
  std::string name;
  std::string country;
  std::optional<std::uint32_t> manager_id;
  bool active;
};
TEMPEST_MODEL(warehouse, "warehouse",
              (id, tempest::primary_key, tempest::autoincrement),
              (code, tempest::sql_type("char(4)"), tempest::unique),
              (name, tempest::length(80)),
              (country, tempest::sql_type("char(2)"), tempest::default_value("DE")),
              (manager_id),
              (active, tempest::default_value(true)));

struct staff {
  std::uint32_t id;
  std::uint16_t warehouse_id;
  std::string full_name;
  std::uint32_t badge;
  std::int8_t shift;
};
TEMPEST_MODEL(staff, "staff",
              (id, tempest::primary_key, tempest::autoincrement),
              (warehouse_id, tempest::references<&warehouse::id>().named(tempest::unnamed)),
              (full_name, tempest::length(120)),
              (badge, tempest::sql_type("int(6) unsigned zerofill"), tempest::unique("uq_staff_badge")),
              (shift, tempest::default_value(1)));
TEMPEST_TABLE_CONSTRAINTS(staff, table_collation);

TEMPEST_TABLE_CONSTRAINTS(warehouse,
                          tempest::foreign_key(&warehouse::manager_id)
                              .references<&staff::id>(tempest::on_delete::set_null)
                              .named("fk_warehouse_manager"),
                          table_collation);

// supplier and product refer to each other too.
struct supplier {
  std::uint32_t id;
  std::string name;
  std::optional<std::string> preferred_product_sku;
};
TEMPEST_MODEL(supplier, "supplier",
              (id, tempest::primary_key, tempest::autoincrement),
              (name, tempest::length(120)),
              (preferred_product_sku, tempest::length(32), tempest::collation("ascii_general_ci")));

struct product {
  std::string sku;
  std::string name;
  std::optional<std::uint32_t> supplier_id;
  std::optional<std::uint32_t> weight_grams;
  inventory::unit unit;
  std::string tags;
  time_point added_at;
  std::optional<time_point> updated_at;
};
TEMPEST_MODEL(product, "product",
              (sku, tempest::primary_key, tempest::length(32), tempest::collation("ascii_general_ci")),
              (name, tempest::length(200)),
              (supplier_id, tempest::references<&supplier::id>().named("fk_product_supplier")),
              (weight_grams, tempest::sql_type("mediumint unsigned")),
              (unit, tempest::native_enum(), tempest::default_value(unit::piece)),
              (tags, tempest::sql_type("set('fragile','frozen','hazardous')"), tempest::default_value("")),
              (added_at, tempest::default_sql("current_timestamp(6)")),
              (updated_at, tempest::on_update_current_timestamp));
TEMPEST_TABLE_CONSTRAINTS(product,
                          tempest::index("ix_product_name", tempest::prefix(&product::name, 40)),
                          tempest::collation("utf8mb4_bin"));

TEMPEST_TABLE_CONSTRAINTS(supplier,
                          tempest::foreign_key(&supplier::preferred_product_sku)
                              .references<&product::sku>(tempest::on_delete::set_null, tempest::on_update::cascade)
                              .named(tempest::unnamed),
                          table_collation);

struct stock {
  std::uint16_t warehouse_id;
  std::string product_sku;
  std::int32_t quantity;
  std::uint16_t reorder_level;
  std::optional<std::string> bin;
};
TEMPEST_MODEL(stock, "stock",
              (warehouse_id, tempest::references<&warehouse::id>(tempest::on_delete::cascade).named("fk_stock_warehouse")),
              (product_sku, tempest::length(32), tempest::collation("ascii_general_ci"),
               tempest::references<&product::sku>(tempest::on_update::cascade).named("fk_stock_product")),
              (quantity, tempest::default_value(0), tempest::check("`quantity` >= 0").named("ck_stock_quantity")),
              (reorder_level, tempest::default_value(10)),
              (bin, tempest::length(12)));
TEMPEST_TABLE_CONSTRAINTS(stock,
                          tempest::primary_key(&stock::warehouse_id, &stock::product_sku),
                          tempest::index("ix_stock_product", &stock::product_sku, tempest::desc(&stock::quantity)),
                          table_collation);

struct stock_movement {
  std::uint64_t id;
  std::uint16_t warehouse_id;
  std::string product_sku;
  movement_kind kind;
  std::int32_t delta;
  time_point moved_at;
  std::optional<std::string> note;
};
TEMPEST_MODEL(stock_movement, "stock_movement",
              (id, tempest::primary_key, tempest::autoincrement),
              (warehouse_id),
              (product_sku, tempest::length(32), tempest::collation("ascii_general_ci")),
              (kind, tempest::native_enum()),
              (delta),
              (moved_at, tempest::sql_type("timestamp"), tempest::default_sql("current_timestamp()")),
              (note, tempest::length(255)));
TEMPEST_TABLE_CONSTRAINTS(stock_movement,
                          tempest::index(&stock_movement::warehouse_id, &stock_movement::product_sku),
                          tempest::index(&stock_movement::warehouse_id, &stock_movement::moved_at),
                          tempest::foreign_key(&stock_movement::warehouse_id, &stock_movement::product_sku)
                              .references<&stock::warehouse_id, &stock::product_sku>().named(tempest::unnamed),
                          tempest::check("`delta` <> 0").named(tempest::unnamed),
                          table_collation);

}  // namespace inventory

}  // namespace corpus_mysql
