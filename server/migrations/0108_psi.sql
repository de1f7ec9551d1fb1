-- Private set intersection (issue 19, sandbox.md PSI-01…05). The platform keeps the session's facts (who, which
-- service, which mode, the buyer's list SIZE) and never an item: no raw value, no hash of one, no blinded point.

-- PSI-01: `membership` mode needs the Grant's explicit permission; with psi_allowed alone only `cardinality` runs.
ALTER TABLE data_grant ADD COLUMN psi_membership boolean NOT NULL DEFAULT false;

-- A PSI session (sandbox.md "PSI session": curve, mode, datasetFieldId, buyerListSize, keyDestroyedAt).
-- The session's secret scalar lives only in process memory (decision 0090); key_destroyed_at records when it went.
CREATE TABLE psi_session (
  id                 uuid PRIMARY KEY,
  state              text NOT NULL,
  version            int NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  buyer_org_id       uuid NOT NULL,
  user_id            uuid NOT NULL,
  service_id         uuid NOT NULL,
  contract_id        uuid NOT NULL,
  grant_id           uuid NOT NULL,
  jurisdiction_id    uuid,
  dataset_field      text NOT NULL,
  identifier_type    text NOT NULL,
  curve              text NOT NULL,
  mode               text NOT NULL CHECK (mode IN ('cardinality', 'membership')),
  buyer_list_size    int NOT NULL,
  platform_set_size  int NOT NULL,
  received           int NOT NULL DEFAULT 0,
  shanghai_day       date NOT NULL,
  reject_code        text,
  expires_at         timestamptz NOT NULL,
  key_destroyed_at   timestamptz
);
CREATE INDEX psi_session_cap ON psi_session (buyer_org_id, service_id, shanghai_day);

-- PSI-04 differencing sketch: for each cardinality list, 8-byte HMAC-SM3 tags of the buyer's BLINDED points under a
-- platform key per (buyer, service). Neither items nor their hashes: a tag cannot be recomputed from an item without
-- the buyer's blinding scalar. Kept for the Grant's life, like egress sketches (SBX-14).
CREATE TABLE psi_list_sketch (
  session_id         uuid PRIMARY KEY REFERENCES psi_session(id),
  buyer_org_id       uuid NOT NULL,
  service_id         uuid NOT NULL,
  tags               bytea NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX psi_list_sketch_buyer ON psi_list_sketch (buyer_org_id, service_id);
