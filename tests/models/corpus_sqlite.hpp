#pragma once
// Models written for the hand-written SQLite schemas of tests/corpus/sqlite/, one namespace per file:
// each must read as the file does once loaded (tests/corpus_models_sqlite.cpp). SQLite keeps no
// names but those the DDL gives, so every namespace follows SQLite's convention and gives exactly
// the names its file gives.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include <tempest/model/model.hpp>
#include <tempest/model/reflect.hpp>

namespace corpus_sqlite {

using timestamp = std::chrono::system_clock::time_point;
using date = std::chrono::year_month_day;

// music_store.sql: the Chinook sample database as its SQLite edition writes it.
namespace music_store {
TEMPEST_NAMING_CONVENTION(tempest::naming::sqlite);

struct Artist {
  std::int64_t ArtistId;
  std::optional<std::string> Name;
};
TEMPEST_MODEL(Artist, "Artist",
              (ArtistId, tempest::primary_key.named("PK_Artist"), tempest::autoincrement),
              (Name, tempest::sql_type("NVARCHAR(120)")));

struct Album {
  std::int64_t AlbumId;
  std::string Title;
  std::int64_t ArtistId;
};
TEMPEST_MODEL(Album, "Album",
              (AlbumId, tempest::primary_key.named("PK_Album"), tempest::autoincrement),
              (Title, tempest::sql_type("NVARCHAR(160)")),
              (ArtistId, tempest::references<&Artist::ArtistId>(), tempest::index.named("IFK_AlbumArtistId")));

struct Genre {
  std::int64_t GenreId;
  std::optional<std::string> Name;
};
TEMPEST_MODEL(Genre, "Genre",
              (GenreId, tempest::primary_key.named("PK_Genre"), tempest::autoincrement),
              (Name, tempest::sql_type("NVARCHAR(120)")));

struct MediaType {
  std::int64_t MediaTypeId;
  std::optional<std::string> Name;
};
TEMPEST_MODEL(MediaType, "MediaType",
              (MediaTypeId, tempest::primary_key.named("PK_MediaType"), tempest::autoincrement),
              (Name, tempest::sql_type("NVARCHAR(120)")));

struct Track {
  std::int64_t TrackId;
  std::string Name;
  std::optional<std::int64_t> AlbumId;
  std::int64_t MediaTypeId;
  std::optional<std::int64_t> GenreId;
  std::optional<std::string> Composer;
  std::int64_t Milliseconds;
  std::optional<std::int64_t> Bytes;
  tempest::decimal UnitPrice;
};
TEMPEST_MODEL(Track, "Track",
              (TrackId, tempest::primary_key.named("PK_Track"), tempest::autoincrement),
              (Name, tempest::sql_type("NVARCHAR(200)")),
              (AlbumId, tempest::references<&Album::AlbumId>().named("FK_TrackAlbumId"),
               tempest::index.named("IFK_TrackAlbumId")),
              (MediaTypeId, tempest::references<&MediaType::MediaTypeId>().named("FK_TrackMediaTypeId"),
               tempest::index.named("IFK_TrackMediaTypeId")),
              (GenreId, tempest::references<&Genre::GenreId>().named("FK_TrackGenreId"),
               tempest::index.named("IFK_TrackGenreId")),
              (Composer, tempest::sql_type("NVARCHAR(220)")),
              (Milliseconds, tempest::check("[Milliseconds] > 0")),
              (Bytes),
              (UnitPrice, tempest::precision(10, 2)));
TEMPEST_TABLE_CONSTRAINTS(Track, tempest::check("[UnitPrice] >= 0").named("CK_TrackPrice"));

struct Employee {
  std::int64_t EmployeeId;
  std::string LastName;
  std::string FirstName;
  std::optional<std::string> Title;
  std::optional<std::int64_t> ReportsTo;
  std::optional<timestamp> BirthDate;
  std::optional<timestamp> HireDate;
  std::optional<std::string> Address;
  std::optional<std::string> City;
  std::optional<std::string> Country;
  std::optional<std::string> Email;
};
TEMPEST_MODEL(Employee, "Employee",
              (EmployeeId, tempest::primary_key.named("PK_Employee"), tempest::autoincrement),
              (LastName, tempest::sql_type("NVARCHAR(20)")),
              (FirstName, tempest::sql_type("NVARCHAR(20)")),
              (Title, tempest::sql_type("NVARCHAR(30)")),
              (ReportsTo, tempest::references<&Employee::EmployeeId>().named("FK_EmployeeReportsTo"),
               tempest::index.named("IFK_EmployeeReportsTo")),
              (BirthDate),
              (HireDate),
              (Address, tempest::sql_type("NVARCHAR(70)")),
              (City, tempest::sql_type("NVARCHAR(40)")),
              (Country, tempest::sql_type("NVARCHAR(40)")),
              (Email, tempest::sql_type("NVARCHAR(60)")));

struct Customer {
  std::int64_t CustomerId;
  std::string FirstName;
  std::string LastName;
  std::optional<std::string> Company;
  std::optional<std::string> Country;
  std::string Email;
  std::optional<std::int64_t> SupportRepId;
};
TEMPEST_MODEL(Customer, "Customer",
              (CustomerId, tempest::primary_key.named("PK_Customer"), tempest::autoincrement),
              (FirstName, tempest::sql_type("NVARCHAR(40)")),
              (LastName, tempest::sql_type("NVARCHAR(20)")),
              (Company, tempest::sql_type("NVARCHAR(80)")),
              (Country, tempest::sql_type("NVARCHAR(40)")),
              (Email, tempest::sql_type("NVARCHAR(60)"), tempest::collation("NOCASE"), tempest::unique),
              (SupportRepId, tempest::references<&Employee::EmployeeId>().named("FK_CustomerSupportRepId"),
               tempest::index.named("IFK_CustomerSupportRepId")));

struct Invoice {
  std::int64_t InvoiceId;
  std::int64_t CustomerId;
  timestamp InvoiceDate;
  std::optional<std::string> BillingCountry;
  tempest::decimal Total;
};
TEMPEST_MODEL(Invoice, "Invoice",
              (InvoiceId, tempest::primary_key.named("PK_Invoice"), tempest::autoincrement),
              (CustomerId, tempest::references<&Customer::CustomerId>().named("FK_InvoiceCustomerId"),
               tempest::index.named("IFK_InvoiceCustomerId")),
              (InvoiceDate),
              (BillingCountry, tempest::sql_type("NVARCHAR(40)")),
              (Total, tempest::precision(10, 2)));
TEMPEST_TABLE_CONSTRAINTS(Invoice, tempest::index("IX_InvoiceDate", tempest::desc(&Invoice::InvoiceDate),
                                                  tempest::desc(&Invoice::Total)));

struct InvoiceLine {
  std::int64_t InvoiceLineId;
  std::int64_t InvoiceId;
  std::int64_t TrackId;
  tempest::decimal UnitPrice;
  std::int64_t Quantity;
};
TEMPEST_MODEL(InvoiceLine, "InvoiceLine",
              (InvoiceLineId, tempest::primary_key.named("PK_InvoiceLine"), tempest::autoincrement),
              (InvoiceId, tempest::references<&Invoice::InvoiceId>(tempest::on_delete::cascade).named("FK_InvoiceLineInvoiceId"),
               tempest::index.named("IFK_InvoiceLineInvoiceId")),
              (TrackId, tempest::references<&Track::TrackId>().named("FK_InvoiceLineTrackId"),
               tempest::index.named("IFK_InvoiceLineTrackId")),
              (UnitPrice, tempest::precision(10, 2)),
              (Quantity, tempest::default_value(1)));

struct Playlist {
  std::int64_t PlaylistId;
  std::optional<std::string> Name;
};
TEMPEST_MODEL(Playlist, "Playlist",
              (PlaylistId, tempest::primary_key.named("PK_Playlist"), tempest::autoincrement),
              (Name, tempest::sql_type("NVARCHAR(120)")));

struct PlaylistTrack {
  std::int64_t PlaylistId;
  std::int64_t TrackId;
};
TEMPEST_MODEL(PlaylistTrack, "PlaylistTrack",
              (PlaylistId, tempest::references<&Playlist::PlaylistId>().named("FK_PlaylistTrackPlaylistId")),
              (TrackId, tempest::references<&Track::TrackId>().named("FK_PlaylistTrackTrackId"),
               tempest::index.named("IFK_PlaylistTrackTrackId")));
TEMPEST_TABLE_CONSTRAINTS(PlaylistTrack,
                          tempest::primary_key(&PlaylistTrack::PlaylistId, &PlaylistTrack::TrackId).named("PK_PlaylistTrack"));

}  // namespace music_store

// auth.sql: Django's auth tables as its migrations leave them on SQLite.
namespace auth {
TEMPEST_NAMING_CONVENTION(tempest::naming::sqlite);

struct django_migrations {
  std::int64_t id;
  std::string app;
  std::string name;
  timestamp applied;
};
TEMPEST_MODEL(django_migrations, "django_migrations",
              (id, tempest::primary_key, tempest::autoincrement),
              (app, tempest::length(255)),
              (name, tempest::length(255)),
              (applied));

struct django_content_type {
  std::int64_t id;
  std::string app_label;
  std::string model;
};
TEMPEST_MODEL(django_content_type, "django_content_type",
              (id, tempest::primary_key, tempest::autoincrement),
              (app_label, tempest::length(100)),
              (model, tempest::length(100)));
TEMPEST_TABLE_CONSTRAINTS(django_content_type,
                          tempest::unique("django_content_type_app_label_model_76bd3d3b_uniq",
                                          &django_content_type::app_label, &django_content_type::model));

struct auth_permission {
  std::int64_t id;
  std::int64_t content_type_id;
  std::string codename;
  std::string name;
};
TEMPEST_MODEL(auth_permission, "auth_permission",
              (id, tempest::primary_key, tempest::autoincrement),
              (content_type_id, tempest::references<&django_content_type::id>().initially_deferred(),
               tempest::index.named("auth_permission_content_type_id_2f476e4b")),
              (codename, tempest::length(100)),
              (name, tempest::length(255)));
TEMPEST_TABLE_CONSTRAINTS(auth_permission,
                          tempest::unique("auth_permission_content_type_id_codename_01ab375a_uniq",
                                          &auth_permission::content_type_id, &auth_permission::codename));

struct auth_group {
  std::int64_t id;
  std::string name;
};
TEMPEST_MODEL(auth_group, "auth_group",
              (id, tempest::primary_key, tempest::autoincrement),
              (name, tempest::length(150), tempest::unique));

struct auth_group_permissions {
  std::int64_t id;
  std::int64_t group_id;
  std::int64_t permission_id;
};
TEMPEST_MODEL(auth_group_permissions, "auth_group_permissions",
              (id, tempest::primary_key, tempest::autoincrement),
              (group_id, tempest::references<&auth_group::id>().initially_deferred(),
               tempest::index.named("auth_group_permissions_group_id_b120cbf9")),
              (permission_id, tempest::references<&auth_permission::id>().initially_deferred(),
               tempest::index.named("auth_group_permissions_permission_id_84c5c92e")));
TEMPEST_TABLE_CONSTRAINTS(auth_group_permissions,
                          tempest::unique("auth_group_permissions_group_id_permission_id_0cd325b0_uniq",
                                          &auth_group_permissions::group_id, &auth_group_permissions::permission_id));

struct auth_user {
  std::int64_t id;
  std::string password;
  std::optional<timestamp> last_login;
  bool is_superuser;
  std::string username;
  std::string last_name;
  std::string email;
  bool is_staff;
  bool is_active;
  timestamp date_joined;
  std::string first_name;
};
TEMPEST_MODEL(auth_user, "auth_user",
              (id, tempest::primary_key, tempest::autoincrement),
              (password, tempest::length(128)),
              (last_login),
              (is_superuser),
              (username, tempest::length(150), tempest::unique),
              (last_name, tempest::length(150)),
              (email, tempest::length(254)),
              (is_staff),
              (is_active),
              (date_joined),
              (first_name, tempest::length(150)));

struct auth_user_groups {
  std::int64_t id;
  std::int64_t user_id;
  std::int64_t group_id;
};
TEMPEST_MODEL(auth_user_groups, "auth_user_groups",
              (id, tempest::primary_key, tempest::autoincrement),
              (user_id, tempest::references<&auth_user::id>().initially_deferred(),
               tempest::index.named("auth_user_groups_user_id_6a12ed8b")),
              (group_id, tempest::references<&auth_group::id>().initially_deferred(),
               tempest::index.named("auth_user_groups_group_id_97559544")));
TEMPEST_TABLE_CONSTRAINTS(auth_user_groups,
                          tempest::unique("auth_user_groups_user_id_group_id_94350c0c_uniq", &auth_user_groups::user_id,
                                          &auth_user_groups::group_id));

struct auth_user_user_permissions {
  std::int64_t id;
  std::int64_t user_id;
  std::int64_t permission_id;
};
TEMPEST_MODEL(auth_user_user_permissions, "auth_user_user_permissions",
              (id, tempest::primary_key, tempest::autoincrement),
              (user_id, tempest::references<&auth_user::id>().initially_deferred(),
               tempest::index.named("auth_user_user_permissions_user_id_a95ead1b")),
              (permission_id, tempest::references<&auth_permission::id>().initially_deferred(),
               tempest::index.named("auth_user_user_permissions_permission_id_1fbb5f2c")));
TEMPEST_TABLE_CONSTRAINTS(auth_user_user_permissions,
                          tempest::unique("auth_user_user_permissions_user_id_permission_id_14a6b632_uniq",
                                          &auth_user_user_permissions::user_id,
                                          &auth_user_user_permissions::permission_id));

struct django_admin_log {
  std::int64_t id;
  std::optional<std::string> object_id;
  std::string object_repr;
  std::uint16_t action_flag;  // Django's PositiveSmallIntegerField
  std::string change_message;
  std::optional<std::int64_t> content_type_id;
  std::int64_t user_id;
  timestamp action_time;
};
TEMPEST_MODEL(django_admin_log, "django_admin_log",
              (id, tempest::primary_key, tempest::autoincrement),
              (object_id),
              (object_repr, tempest::length(200)),
              (action_flag, tempest::sql_type("smallint unsigned"), tempest::check("\"action_flag\" >= 0")),
              (change_message),
              (content_type_id, tempest::references<&django_content_type::id>().initially_deferred(),
               tempest::index.named("django_admin_log_content_type_id_c4bce8eb")),
              (user_id, tempest::references<&auth_user::id>().initially_deferred(),
               tempest::index.named("django_admin_log_user_id_c564eba6")),
              (action_time));

struct django_session {
  std::string session_key;
  std::string session_data;
  timestamp expire_date;
};
TEMPEST_MODEL(django_session, "django_session",
              (session_key, tempest::primary_key, tempest::length(40)),
              (session_data),
              (expire_date, tempest::index.named("django_session_expire_date_a5c62663")));

}  // namespace auth

// blog.sql: the core of a blog engine, written by hand for SQLite 3.37 or later.
namespace blog {
TEMPEST_NAMING_CONVENTION(tempest::naming::sqlite);

struct authors {
  std::int64_t id;
  std::string display_name;
  std::string email;
  std::optional<std::string> bio;
  bool is_admin;
  timestamp created_at;
};
TEMPEST_MODEL(authors, "authors",
              (id, tempest::primary_key, tempest::autoincrement),
              (display_name, tempest::column_name("display name")),
              (email, tempest::collation("NOCASE"), tempest::unique.named("authors_email")),
              (bio, tempest::default_value("")),
              (is_admin, tempest::default_value(false)),
              (created_at, tempest::default_sql("current_timestamp")));

struct posts {
  std::int64_t id;
  std::int64_t author_id;
  std::string slug;
  std::string title;
  std::string body;
  std::string status;
  std::optional<std::int64_t> word_count;
  std::optional<timestamp> published_at;
  std::optional<timestamp> updated_at;
};
TEMPEST_MODEL(posts, "posts",
              (id, tempest::primary_key, tempest::autoincrement),
              (author_id, tempest::references<&authors::id>(tempest::on_delete::cascade)),
              (slug, tempest::collation("NOCASE"), tempest::unique),
              (title),
              (body, tempest::default_value("")),
              (status, tempest::default_value("draft"), tempest::check("status in ('draft', 'published', 'archived')")),
              (word_count, tempest::generated("length(body) - length(replace(body, ' ', '')) + 1")),
              (published_at),
              (updated_at));
TEMPEST_TABLE_CONSTRAINTS(posts,
                          tempest::check("status <> 'published' or published_at is not null").named("posts_published_has_date"),
                          tempest::index("posts_front_page", tempest::desc(&posts::published_at)).where("status = 'published'"),
                          tempest::index("posts_title_search", tempest::expression("lower(title)"), &posts::author_id));

struct comments {
  std::int64_t id;
  std::int64_t post_id;
  std::optional<std::int64_t> parent_id;
  std::string author_name;
  std::string body;
  bool is_spam;
  timestamp created_at;
};
TEMPEST_MODEL(comments, "comments",
              (id, tempest::primary_key, tempest::autoincrement),
              (post_id, tempest::references<&posts::id>(tempest::on_delete::cascade)),
              (parent_id, tempest::references<&comments::id>(tempest::on_delete::cascade)),
              (author_name, tempest::length(80)),
              (body, tempest::check("length(body) > 0")),
              (is_spam, tempest::default_value(false)),
              (created_at, tempest::default_sql("datetime('now')")));
TEMPEST_TABLE_CONSTRAINTS(comments, tempest::index("comments_by_post", &comments::post_id, &comments::created_at));

struct tags {
  std::int64_t id;
  std::string name;
  std::string Slug;
};
TEMPEST_MODEL(tags, "tags",
              (id, tempest::primary_key, tempest::autoincrement),
              (name, tempest::unique, tempest::collation("NOCASE")),
              (Slug));
TEMPEST_TABLE_CONSTRAINTS(tags, tempest::unique(&tags::Slug));

struct post_tags {
  std::int64_t post_id;
  std::int64_t tag_id;
};
TEMPEST_MODEL(post_tags, "post_tags",
              (post_id, tempest::references<&posts::id>(tempest::on_delete::cascade)),
              (tag_id, tempest::references<&tags::id>(tempest::on_delete::cascade), tempest::index.named("post_tags_by_tag")));
TEMPEST_TABLE_CONSTRAINTS(post_tags, tempest::primary_key(&post_tags::post_id, &post_tags::tag_id), tempest::without_rowid);

}  // namespace blog

// billing.sql: SaaS billing, money in integer cents.
namespace billing {
TEMPEST_NAMING_CONVENTION(tempest::naming::sqlite);

struct plans {
  std::int64_t id;
  std::string code;
  std::string name;
  std::int64_t monthly_price_cents;
  std::string currency;
  bool is_public;
};
TEMPEST_MODEL(plans, "plans",
              (id, tempest::primary_key, tempest::autoincrement),
              (code, tempest::length(32), tempest::unique.named("plans_code_key")),
              (name),
              (monthly_price_cents, tempest::check("monthly_price_cents >= 0")),
              (currency, tempest::sql_type("CHAR(3)"), tempest::default_value("USD")),
              (is_public, tempest::default_value(true)));

// payment_methods refers back to accounts: the accounts' foreign key is given after both.
struct payment_methods;
struct accounts {
  std::int64_t id;
  std::string name;
  std::string billing_email;
  std::optional<std::int64_t> default_payment_method_id;
  std::optional<std::string> customers_reference;
  timestamp created_at;
};
TEMPEST_MODEL(accounts, "accounts",
              (id, tempest::primary_key, tempest::autoincrement),
              (name),
              (billing_email, tempest::collation("NOCASE")),
              (default_payment_method_id),
              (customers_reference, tempest::column_name("customer's reference")),
              (created_at, tempest::default_sql("CURRENT_TIMESTAMP")));

struct payment_methods {
  std::int64_t id;
  std::int64_t account_id;
  std::string kind;
  std::optional<std::string> last4;
  std::optional<date> expires_on;
};
TEMPEST_MODEL(payment_methods, "payment_methods",
              (id, tempest::primary_key, tempest::autoincrement),
              (account_id, tempest::references<&accounts::id>(tempest::on_delete::cascade).named("fk_payment_methods_account")),
              (kind, tempest::check("kind IN ('card', 'sepa', 'invoice')")),
              (last4, tempest::sql_type("CHAR(4)")),
              (expires_on));
TEMPEST_TABLE_CONSTRAINTS(accounts, tempest::foreign_key(&accounts::default_payment_method_id)
                                        .references<&payment_methods::id>(tempest::on_delete::set_null)
                                        .initially_deferred());

struct subscriptions {
  std::int64_t id;
  std::int64_t account_id;
  std::int64_t plan_id;
  std::string status;
  timestamp started_at;
  std::optional<timestamp> cancelled_at;
  std::int64_t quantity;
};
TEMPEST_MODEL(subscriptions, "subscriptions",
              (id, tempest::primary_key, tempest::autoincrement),
              (account_id, tempest::references<&accounts::id>(),
               tempest::unique.named("subscriptions_one_live").where("status IN ('trialing', 'active')")),
              (plan_id, tempest::references<&plans::id>(tempest::on_delete::restrict)),
              (status, tempest::default_value("trialing")),
              (started_at),
              (cancelled_at),
              (quantity, tempest::default_value(1)));
TEMPEST_TABLE_CONSTRAINTS(subscriptions,
                          tempest::check("cancelled_at IS NULL OR cancelled_at >= started_at").named(tempest::unnamed),
                          tempest::check("quantity > 0").named(tempest::unnamed));

struct invoices {
  std::int64_t id;
  std::int64_t account_id;
  std::optional<std::int64_t> subscription_id;
  std::string number;
  timestamp issued_at;
  date due_on;
  std::int64_t total_cents;
  tempest::decimal tax_rate;
  bool paid;
};
TEMPEST_MODEL(invoices, "invoices",
              (id, tempest::primary_key, tempest::autoincrement),
              (account_id, tempest::references<&accounts::id>()),
              (subscription_id, tempest::references<&subscriptions::id>()),
              (number, tempest::unique),
              (issued_at),
              (due_on, tempest::index.named("invoices_unpaid").where("NOT paid")),
              (total_cents, tempest::default_value(0)),
              (tax_rate, tempest::precision(5, 4), tempest::default_value(tempest::decimal{"0.0"})),
              (paid, tempest::default_value(false)));
TEMPEST_TABLE_CONSTRAINTS(invoices,
                          tempest::index("invoices_by_account", &invoices::account_id, tempest::desc(&invoices::issued_at)));

struct invoice_lines {
  std::int64_t invoice_id;
  std::int64_t line_no;
  std::string description;
  std::int64_t amount_cents;
};
TEMPEST_MODEL(invoice_lines, "invoice_lines",
              (invoice_id, tempest::references<&invoices::id>(tempest::on_delete::cascade)),
              (line_no),
              (description),
              (amount_cents));
TEMPEST_TABLE_CONSTRAINTS(invoice_lines, tempest::primary_key(&invoice_lines::invoice_id, &invoice_lines::line_no));

struct transaction {
  std::int64_t id;
  std::int64_t invoice_id;
  std::optional<std::int64_t> payment_method_id;
  std::int64_t amount_cents;
  std::string status;
  std::optional<std::string> external_ref;
  std::optional<timestamp> processed_at;
};
TEMPEST_MODEL(transaction, "transaction",
              (id, tempest::primary_key, tempest::autoincrement),
              (invoice_id, tempest::references<&invoices::id>(), tempest::index.named("transaction_by_invoice")),
              (payment_method_id, tempest::references<&payment_methods::id>()),
              (amount_cents),
              (status, tempest::check("\"status\" IN ('pending', 'succeeded', 'failed')")),
              (external_ref, tempest::unique),
              (processed_at));

}  // namespace billing

// inventory.sql: a warehouse inventory, products keyed by their SKU.
namespace inventory {
TEMPEST_NAMING_CONVENTION(tempest::naming::sqlite);

// A cycle: a warehouse's manager is an employee, who works in a warehouse.
struct employees;
struct warehouses {
  std::int64_t warehouse_id;
  std::string code;
  std::string name;
  std::optional<std::int64_t> manager_id;
};
TEMPEST_MODEL(warehouses, "warehouses",
              (warehouse_id, tempest::primary_key, tempest::autoincrement),
              (code, tempest::sql_type("CHAR(4)"), tempest::unique),
              (name, tempest::length(100)),
              (manager_id));

struct employees {
  std::int64_t employee_id;
  std::string full_name;
  std::int64_t warehouse_id;
};
TEMPEST_MODEL(employees, "employees",
              (employee_id, tempest::primary_key, tempest::autoincrement),
              (full_name),
              (warehouse_id, tempest::references<&warehouses::warehouse_id>()));
TEMPEST_TABLE_CONSTRAINTS(warehouses, tempest::foreign_key(&warehouses::manager_id)
                                          .references<&employees::employee_id>(tempest::on_delete::set_null));

struct categories {
  std::int64_t id;
  std::optional<std::int64_t> parent_id;
  std::string name;
};
TEMPEST_MODEL(categories, "categories",
              (id, tempest::primary_key, tempest::autoincrement),
              (parent_id, tempest::references<&categories::id>()),
              (name, tempest::collation("NOCASE")));
TEMPEST_TABLE_CONSTRAINTS(categories, tempest::unique(&categories::parent_id, &categories::name));

struct products {
  std::string sku;
  std::optional<std::int64_t> category_id;
  std::optional<std::string> description;
  tempest::decimal unit_price;
  std::optional<double> weight_kg;
  bool discontinued;
};
TEMPEST_MODEL(products, "products",
              (sku, tempest::primary_key, tempest::collation("NOCASE")),
              (category_id, tempest::references<&categories::id>()),
              (description, tempest::default_value("")),
              (unit_price, tempest::precision(10, 2), tempest::check("unit_price >= 0")),
              (weight_kg),
              (discontinued, tempest::default_value(false)));
TEMPEST_TABLE_CONSTRAINTS(products,
                          tempest::check("length(sku) BETWEEN 4 AND 32").named("ck_products_sku"),
                          tempest::index("products_by_category", &products::category_id, &products::sku));

struct stock {
  std::int64_t warehouse_id;
  std::string sku;
  std::string bin;
  std::int64_t quantity;
};
TEMPEST_MODEL(stock, "stock",
              (warehouse_id),
              (sku),
              (bin, tempest::default_value(""), tempest::collation("RTRIM")),
              (quantity, tempest::default_value(0), tempest::check("quantity >= 0")));
TEMPEST_TABLE_CONSTRAINTS(stock,
                          tempest::primary_key(&stock::warehouse_id, &stock::sku, &stock::bin),
                          tempest::foreign_key(&stock::warehouse_id)
                              .references<&warehouses::warehouse_id>(tempest::on_delete::cascade),
                          tempest::foreign_key(&stock::sku).references<&products::sku>(tempest::on_update::cascade),
                          tempest::index("bin lookup", tempest::key(&stock::bin).collate("NOCASE"), &stock::sku),
                          tempest::without_rowid);

// STRICT: every type is one of INT, INTEGER, REAL, TEXT, BLOB and ANY.
struct stock_movement {
  std::int64_t id;
  std::int64_t warehouse_id;
  std::string sku;
  std::int32_t delta;
  std::int64_t moved_at;
  std::optional<std::string> note;
  std::optional<std::string> payload;  // whatever the scanner sent: ANY keeps each value's own type
};
TEMPEST_MODEL(stock_movement, "stock movements",
              (id, tempest::primary_key, tempest::autoincrement),
              (warehouse_id, tempest::references<&warehouses::warehouse_id>()),
              (sku, tempest::references<&products::sku>()),
              (delta, tempest::check("delta <> 0")),
              (moved_at, tempest::default_sql("unixepoch()")),
              (note),
              (payload, tempest::sql_type("ANY")));
TEMPEST_TABLE_CONSTRAINTS(stock_movement,
                          tempest::index("stock movements by time", &stock_movement::warehouse_id,
                                         tempest::desc(&stock_movement::moved_at)),
                          tempest::strict);

}  // namespace inventory

}  // namespace corpus_sqlite
