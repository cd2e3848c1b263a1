-- What tempest does not model, as a MariaDB schema holds it: views, triggers, a procedure and a
-- function, an event, FULLTEXT and SPATIAL indexes, a UNIQUE on TEXT (MariaDB hashes it),
-- partitioning, table options and comments, system versioning, a sequence, an invisible column.
-- Generated columns it does model (column::generated).

CREATE TABLE `articles` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `title` varchar(200) NOT NULL,
  `body` text NOT NULL,
  `words` int unsigned NOT NULL DEFAULT 0,
  `title_length` int GENERATED ALWAYS AS (char_length(`title`)) VIRTUAL,
  `slug` varchar(200) AS (lower(replace(`title`, ' ', '-'))) STORED,
  `updated_at` datetime NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  PRIMARY KEY (`id`),
  FULLTEXT KEY `ft_articles` (`title`,`body`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci COMMENT='Published articles, it''s said';

CREATE TABLE `article_log` (
  `id` bigint unsigned NOT NULL AUTO_INCREMENT,
  `article_id` int unsigned NOT NULL,
  `action` varchar(10) NOT NULL,
  `at` datetime(6) NOT NULL DEFAULT current_timestamp(6),
  `internal_note` varchar(100) DEFAULT NULL INVISIBLE,
  `source` varchar(20) NOT NULL DEFAULT 'web' COMMENT 'where the change came from',
  `payload` text DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `uq_article_log_payload` (`payload`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci ROW_FORMAT=COMPRESSED;

CREATE TABLE `places` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `name` varchar(100) NOT NULL,
  `location` point NOT NULL,
  PRIMARY KEY (`id`),
  SPATIAL KEY `sp_places_location` (`location`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `page_views` (
  `viewed_on` date NOT NULL,
  `article_id` int unsigned NOT NULL,
  `views` int unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY (`viewed_on`,`article_id`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
  PARTITION BY RANGE (year(`viewed_on`))
  (PARTITION `p2024` VALUES LESS THAN (2025),
   PARTITION `p2025` VALUES LESS THAN (2026),
   PARTITION `pmax` VALUES LESS THAN MAXVALUE);

CREATE TABLE `archive_log` (
  `id` int unsigned NOT NULL,
  `line` varchar(255) NOT NULL
) ENGINE=MyISAM DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE `prices` (
  `product` varchar(40) NOT NULL,
  `cents` int unsigned NOT NULL,
  PRIMARY KEY (`product`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci WITH SYSTEM VERSIONING;

CREATE SEQUENCE `invoice_numbers` START WITH 1000 INCREMENT BY 1 CACHE 20;

CREATE VIEW `published_articles` AS
  SELECT `id`, `title`, `words` FROM `articles` WHERE `words` > 0 AND `title` <> 'draft';

CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW `long_articles` AS
  SELECT `id`, `title` FROM `articles` WHERE `words` >= 1000
  WITH CASCADED CHECK OPTION;

CREATE TRIGGER `articles_count_words` BEFORE INSERT ON `articles` FOR EACH ROW
  SET NEW.`words` = 1 + char_length(NEW.`body`) - char_length(replace(NEW.`body`, ' ', ''));

CREATE TRIGGER `articles_audit_insert` AFTER INSERT ON `articles` FOR EACH ROW
BEGIN
  INSERT INTO `article_log` (`article_id`, `action`) VALUES (NEW.`id`, 'insert');
END;

CREATE TRIGGER `articles_audit_again` AFTER INSERT ON `articles` FOR EACH ROW PRECEDES `articles_audit_insert`
  INSERT INTO `article_log` (`article_id`, `action`) VALUES (NEW.`id`, 'first');

CREATE TRIGGER `articles_audit_after` AFTER INSERT ON `articles` FOR EACH ROW FOLLOWS `articles_audit_insert`
  INSERT INTO `article_log` (`article_id`, `action`) VALUES (NEW.`id`, 'last');

CREATE FUNCTION `reading_minutes`(`word_count` int unsigned) RETURNS int
  DETERMINISTIC NO SQL COMMENT 'at 200 words a minute'
  RETURN CEIL(`word_count` / 200);

CREATE PROCEDURE `purge_log`(IN `older_than_days` int, OUT `purged` int)
  MODIFIES SQL DATA
BEGIN
  DELETE FROM `article_log` WHERE `at` < NOW() - INTERVAL `older_than_days` DAY;
  SET `purged` = ROW_COUNT();
END;

CREATE EVENT `nightly_purge` ON SCHEDULE EVERY 1 DAY STARTS '2030-01-01 03:00:00'
  ON COMPLETION PRESERVE DISABLE COMMENT 'purges the log'
  DO CALL `purge_log`(90, @purged);
