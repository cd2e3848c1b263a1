-- SaaS billing, written by hand: plans, accounts, subscriptions, invoices and payments. ENUMs with
-- defaults, UNSIGNED money in cents, created/updated timestamps, JSON (MariaDB keeps it as LONGTEXT
-- with a check), unnamed and named checks, foreign keys without actions, BOOLEAN.

CREATE TABLE `plans` (
  `id` smallint(5) unsigned NOT NULL AUTO_INCREMENT,
  `code` varchar(32) NOT NULL,
  `name` varchar(100) NOT NULL,
  `price_cents` int(10) unsigned NOT NULL,
  `currency` char(3) NOT NULL DEFAULT 'EUR',
  `billing_interval` enum('month','year') NOT NULL DEFAULT 'month',
  `trial_days` tinyint(3) unsigned NOT NULL DEFAULT 14,
  `is_public` boolean NOT NULL DEFAULT TRUE,
  PRIMARY KEY (`id`),
  UNIQUE KEY `code` (`code`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `accounts` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(200) NOT NULL,
  `billing_email` varchar(254) NOT NULL,
  `country` char(2) DEFAULT NULL,
  `vat_id` varchar(20) COLLATE utf8mb4_bin DEFAULT NULL,
  `status` enum('trial','active','past_due','canceled') NOT NULL DEFAULT 'trial',
  `settings` json DEFAULT NULL,
  `created_at` timestamp NOT NULL DEFAULT current_timestamp(),
  `updated_at` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`id`),
  UNIQUE KEY (`billing_email`),
  KEY `ix_accounts_status` (`status`,`created_at` DESC)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `subscriptions` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `account_id` bigint(20) unsigned NOT NULL,
  `plan_id` smallint(5) unsigned NOT NULL,
  `quantity` smallint(5) unsigned NOT NULL DEFAULT 1,
  `started_at` datetime(6) NOT NULL,
  `canceled_at` datetime(6) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY `account_id` (`account_id`,`started_at` DESC),
  FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`) ON DELETE CASCADE,
  FOREIGN KEY (`plan_id`) REFERENCES `plans` (`id`),
  CHECK (`quantity` > 0),
  CONSTRAINT `ck_subscriptions_dates` CHECK (`canceled_at` IS NULL OR `canceled_at` >= `started_at`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `invoices` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `number` varchar(40) NOT NULL,
  `account_id` bigint(20) unsigned NOT NULL,
  `subscription_id` bigint(20) unsigned DEFAULT NULL,
  `issued_on` date NOT NULL,
  `due_on` date NOT NULL,
  `total_cents` bigint(20) NOT NULL DEFAULT 0,
  `is_paid` tinyint(1) NOT NULL DEFAULT 0,
  `notes` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `number` (`number`),
  KEY `invoices_account_issued` (`account_id`,`issued_on`),
  CONSTRAINT `invoices_ibfk_1` FOREIGN KEY (`account_id`) REFERENCES `accounts` (`id`),
  CONSTRAINT `invoices_ibfk_2` FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions` (`id`) ON DELETE SET NULL,
  CONSTRAINT `ck_invoices_total` CHECK (`total_cents` >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE `invoice_items` (
  `invoice_id` bigint(20) unsigned NOT NULL,
  `line` smallint(5) unsigned NOT NULL,
  `description` varchar(255) NOT NULL,
  `amount_cents` bigint(20) NOT NULL,
  PRIMARY KEY (`invoice_id`,`line`),
  FOREIGN KEY (`invoice_id`) REFERENCES `invoices` (`id`) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `payments` (
  `id` bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  `invoice_id` bigint(20) unsigned NOT NULL,
  `provider` enum('card','sepa','paypal','manual') NOT NULL,
  `provider_ref` varchar(64) CHARACTER SET ascii COLLATE ascii_bin DEFAULT NULL,
  `amount_cents` bigint(20) NOT NULL,
  `paid_at` datetime NOT NULL,
  `raw_response` json DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `provider` (`provider`,`provider_ref`),
  KEY `invoice_id` (`invoice_id`),
  CONSTRAINT `payments_ibfk_1` FOREIGN KEY (`invoice_id`) REFERENCES `invoices` (`id`),
  CHECK (`amount_cents` <> 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
