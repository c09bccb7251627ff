-- The table the backup jobs write to and backup-checker reads: one row per backup run, with
-- status `success` when it worked. Create it in the `backups` database:
--   mariadb -e 'CREATE DATABASE IF NOT EXISTS backups' && mariadb backups < deploy/schema.sql
CREATE TABLE IF NOT EXISTS `list` (
  `id` int unsigned NOT NULL AUTO_INCREMENT,
  `date` date NOT NULL,
  `target` varchar(255) NOT NULL,
  `start_time` time NOT NULL,
  `end_time` time DEFAULT NULL,
  `status` varchar(32) NOT NULL,
  PRIMARY KEY (`id`),
  KEY `list_date` (`date`)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_general_ci;
