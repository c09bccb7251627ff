-- The read-only account backup-checker logs in with. Run as an administrator on the database
-- host, after deploy/schema.sql; replace the password (it goes into the masked CI variable
-- DB_PASSWORD, never into this repository).
--
-- The checker runs in a container on the same host, so it connects from a Docker network:
-- the default bridge is 172.17.0.0/16 and user-defined networks take 172.18-31.x.x, so the
-- account is created for 172.16.0.0/12. It may only SELECT from the backups table (the seed's
-- account had ALL).
CREATE USER IF NOT EXISTS 'backup_checker'@'172.16.0.0/255.240.0.0'
  IDENTIFIED BY 'CHANGE-ME-to-a-long-random-password';
GRANT SELECT ON `backups`.`list` TO 'backup_checker'@'172.16.0.0/255.240.0.0';
