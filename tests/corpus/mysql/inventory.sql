-- A warehouse inventory, written by hand: UNSIGNED keys of every width, a TINYINT that is a
-- number and a TINYINT(1) that is a flag, ZEROFILL, an inline UNIQUE, a composite key, a cycle of
-- foreign keys closed by ALTER TABLE (one of them unnamed), a table in a collation of its own.

CREATE TABLE `warehouse` (
  `id` smallint unsigned NOT NULL AUTO_INCREMENT,
  `code` char(4) NOT NULL UNIQUE,
  `name` varchar(80) NOT NULL,
  `country` char(2) NOT NULL DEFAULT 'DE',
  `manager_id` int unsigned NULL,
  `active` tinyint(1) NOT NULL DEFAULT 1,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `staff` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `warehouse_id` smallint unsigned NOT NULL,
  `full_name` varchar(120) NOT NULL,
  `badge` int(6) unsigned zerofill NOT NULL,
  `shift` tinyint NOT NULL DEFAULT 1,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_staff_badge` (`badge`),
  FOREIGN KEY (`warehouse_id`) REFERENCES `warehouse` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE `warehouse` ADD CONSTRAINT `fk_warehouse_manager` FOREIGN KEY (`manager_id`) REFERENCES `staff` (`id`) ON DELETE SET NULL;

CREATE TABLE `supplier` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(120) NOT NULL,
  `preferred_product_sku` varchar(32) CHARACTER SET ascii COLLATE ascii_general_ci DEFAULT NULL,
  PRIMARY KEY (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `product` (
  `sku` varchar(32) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  `name` varchar(200) NOT NULL,
  `supplier_id` int unsigned DEFAULT NULL,
  `weight_grams` mediumint unsigned DEFAULT NULL,
  `unit` enum('piece','kg','litre','pack') NOT NULL DEFAULT 'piece',
  `tags` set('fragile','frozen','hazardous') NOT NULL DEFAULT '',
  `added_at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `updated_at` datetime(6) DEFAULT NULL ON UPDATE current_timestamp(6),
  PRIMARY KEY (`sku`),
  KEY `ix_product_name` (`name`(40)),
  CONSTRAINT `fk_product_supplier` FOREIGN KEY (`supplier_id`) REFERENCES `supplier` (`id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

ALTER TABLE `supplier` ADD FOREIGN KEY (`preferred_product_sku`) REFERENCES `product` (`sku`) ON DELETE SET NULL ON UPDATE CASCADE;

CREATE TABLE `stock` (
  `warehouse_id` smallint unsigned NOT NULL,
  `product_sku` varchar(32) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  `quantity` int NOT NULL DEFAULT 0,
  `reorder_level` smallint unsigned NOT NULL DEFAULT 10,
  `bin` varchar(12) DEFAULT NULL,
  PRIMARY KEY (`warehouse_id`,`product_sku`),
  KEY `ix_stock_product` (`product_sku`,`quantity` DESC),
  CONSTRAINT `fk_stock_warehouse` FOREIGN KEY (`warehouse_id`) REFERENCES `warehouse` (`id`) ON DELETE CASCADE,
  CONSTRAINT `fk_stock_product` FOREIGN KEY (`product_sku`) REFERENCES `product` (`sku`) ON UPDATE CASCADE,
  CONSTRAINT `ck_stock_quantity` CHECK (`quantity` >= 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `stock_movement` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `warehouse_id` smallint unsigned NOT NULL,
  `product_sku` varchar(32) CHARACTER SET ascii COLLATE ascii_general_ci NOT NULL,
  `kind` enum('in','out','adjust','transfer') NOT NULL,
  `delta` int NOT NULL,
  `moved_at` timestamp NOT NULL DEFAULT current_timestamp(),
  `note` varchar(255) DEFAULT NULL,
  PRIMARY KEY (`id`),
  KEY (`warehouse_id`, `product_sku`),
  KEY (`warehouse_id`, `moved_at`),
  FOREIGN KEY (`warehouse_id`, `product_sku`) REFERENCES `stock` (`warehouse_id`, `product_sku`),
  CHECK (`delta` <> 0)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
