-- Sandbox, second half (issue 19): imports (入域, SBX-11), results SM4-encrypted at rest (SBX-10),
-- and the Job log's peak memory (SBX-12).

-- SBX-11: the holder's own non-public data brought into ONE Workspace, with its declared lawful source.
-- The masked file lives under the Workspace's folder and is purged with it (SBX-14).
CREATE TABLE sandbox_import (
  id                 uuid PRIMARY KEY,
  state              text NOT NULL,
  version            int NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  workspace_id       uuid NOT NULL REFERENCES sandbox_workspace(id),
  holder_org_id      uuid NOT NULL,
  jurisdiction_id    uuid,
  name               text NOT NULL,
  file_name          text NOT NULL,
  -- {basis, description, reference}: the lawful source the holder declared.
  declared_source    jsonb NOT NULL,
  upload_sm3         text NOT NULL,
  upload_bytes       bigint NOT NULL,
  rows               bigint NOT NULL,
  -- [{name, type, method, findings[{type, confidence}], personalInfo}]: what the scan found and what was done.
  columns            jsonb NOT NULL,
  file               text,
  file_sm3           text,
  scanned_at         timestamptz NOT NULL,
  created_by         uuid,
  destroyed_at       timestamptz,
  UNIQUE (workspace_id, name)
);
CREATE INDEX sandbox_import_ws ON sandbox_import (workspace_id);

-- SBX-10: the Workspace's result key (16 bytes), SM4-wrapped under the master key; NULL once destroyed (SBX-14).
ALTER TABLE sandbox_workspace ADD COLUMN result_key_wrapped bytea;

-- SBX-10: a result file is stored encrypted; this marks the ciphertext's scheme.
ALTER TABLE sandbox_job ADD COLUMN result_cipher text;
-- SBX-12: the engine's memory in use once the result is materialized (MiB).
ALTER TABLE sandbox_job ADD COLUMN peak_memory_mib int;
