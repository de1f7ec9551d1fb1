-- Online backups (issue 21): one row per backup taken and verified, so /metrics can report the
-- time since the last verified backup (alert ShuyunBackupStale). The manifest itself lives in the backup.
CREATE TABLE ops_backup (
  id            uuid PRIMARY KEY,
  location      text NOT NULL,
  db_kind       text NOT NULL CHECK (db_kind IN ('pglite', 'postgres')),
  manifest_sm3  text NOT NULL,
  bytes         bigint NOT NULL,
  files         integer NOT NULL,
  taken_at      timestamptz NOT NULL,
  verified_at   timestamptz NOT NULL
);
CREATE INDEX ops_backup_verified ON ops_backup (verified_at DESC);
